"""A unit's dossier as a checklist of the campaign's documents, for its head and the secretariat."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from handlers import texts
from handlers.awards.dossier_rules import dossier_editable
from handlers.awards.view import nomination_title
from handlers.campaign.deadline import days_left, deadline_text, effective_deadline
from handlers.campaign.sections import DossierDocument
from handlers.engine.context import Context
from handlers.engine.messages import Button, OutgoingFile, Reply
from storage.models import Dossier, DossierFile, DossierStatus, Nomination
from storage.queries.awards import active_nominations, dossier_files, dossier_of_unit
from storage.queries.roster import unit_by_id

PAYLOAD_PREFIX = "d"
# Documents the bot can draft; the council minutes need a real meeting and are uploaded only.
DRAFTABLE = frozenset({"submission_letter", "achievement_report"})


@dataclass(frozen=True)
class DocumentSlot:
    """One line of the checklist: a document, for one nominee where it is per nominee."""

    number: int
    unit_id: int
    document: DossierDocument
    nomination: Nomination | None
    file: DossierFile | None

    @property
    def key(self) -> str:
        """How a button names the slot: the document code and the nomination (0 for none)."""
        nomination_id = self.nomination.id if self.nomination else 0
        return f"{self.document.code}.{nomination_id}"

    @property
    def actionable(self) -> bool:
        """False for the placeholder of a per-nominee document while there is no nomination."""
        return not self.document.per_nominee or self.nomination is not None


def dossier_slots(ctx: Context, unit_id: int) -> list[DocumentSlot]:
    """The checklist of the campaign's documents, with the file each one has."""
    dossier = dossier_of_unit(ctx.session, unit_id=unit_id)
    files = dossier_files(ctx.session, dossier_id=dossier.id) if dossier and dossier.id else []
    by_slot = {(f.document_code, f.nomination_id): f for f in files}
    nominations = active_nominations(ctx.session, unit_id=unit_id)
    slots: list[DocumentSlot] = []
    for document in ctx.campaign.dossier_documents:
        targets: list[Nomination | None] = [None]
        if document.per_nominee and nominations:
            targets = list(nominations)
        for nomination in targets:
            found = by_slot.get((document.code, nomination.id if nomination else None))
            slots.append(DocumentSlot(len(slots) + 1, unit_id, document, nomination, found))
    return slots


def document_label(ctx: Context, document: DossierDocument, nomination: Nomination | None) -> str:
    """«Báo cáo thành tích: Mai Thị Kim Oanh — Giấy khen», or the document's name alone."""
    if nomination is None:
        return document.name
    nominee = nomination_title(ctx, nomination)
    return texts.DOSSIER_FOR_NOMINEE.format(document=document.name, nominee=nominee)


def slot_name(ctx: Context, slot: DocumentSlot) -> str:
    return document_label(ctx, slot.document, slot.nomination)


def slot_line(ctx: Context, slot: DocumentSlot) -> str:
    if not slot.actionable:
        file = texts.DOSSIER_NO_NOMINATION
    elif slot.file is None:
        file = texts.DOSSIER_NO_FILE_YET
    else:
        file = slot.file.file_name + (texts.DOSSIER_DRAFTED_MARK if slot.file.drafted else "")
    mark = "❌" if slot.file is None else "📝" if slot.file.drafted else "✅"
    return texts.DOSSIER_LINE.format(
        mark=mark, number=slot.number, name=slot_name(ctx, slot), file=file
    )


def local_time(ctx: Context, moment: datetime) -> str:
    """«09:00 ngày 06/10/2026», in the ward's time."""
    return ctx.local(moment).strftime(texts.DOSSIER_TIME)


def deadline_words(ctx: Context) -> tuple[str, str]:
    """(«trước 25/11/2026», «còn 50 ngày»): the deadline in force and the time left."""
    wording = deadline_text(ctx.session, ctx.campaign)
    if ctx.now >= effective_deadline(ctx.session, ctx.campaign):
        return wording, texts.DOSSIER_OVERDUE
    return wording, texts.DOSSIER_DAYS_LEFT.format(
        days=days_left(ctx.session, ctx.campaign, ctx.now)
    )


def dossier_header(ctx: Context, unit_id: int, dossier: Dossier | None) -> str:
    """Unit, state (with when it was sent, late or not, and why it was returned), deadline."""
    status = dossier.status if dossier else DossierStatus.DRAFT.value
    detail = ""
    if dossier is not None and dossier.submitted_at is not None and status != DossierStatus.DRAFT:
        detail = texts.DOSSIER_SENT_AT.format(time=local_time(ctx, dossier.submitted_at))
        detail += texts.DOSSIER_LATE_MARK if dossier.late else ""
    if dossier is not None and status == DossierStatus.RETURNED:
        detail += "\n" + texts.RETURN_REASON.format(reason=dossier.return_reason)
    unit = unit_by_id(ctx.session, unit_id=unit_id)
    deadline, left = deadline_words(ctx)
    return texts.DOSSIER_HEADER.format(
        unit=unit.name if unit else unit_id,
        status=texts.AWARD_DOSSIER_STATUS_NAMES[status],
        detail=detail,
        deadline=deadline,
        left=left,
    )


def slot_payload(action: str, slot: DocumentSlot) -> str:
    return f"{PAYLOAD_PREFIX}.{action}.{slot.key}"


def checklist_reply(ctx: Context) -> Reply:
    """The head's view of the unit's dossier, with a row of buttons per document."""
    assert ctx.officer is not None
    unit_id = ctx.officer.unit_id
    dossier = dossier_of_unit(ctx.session, unit_id=unit_id)
    editable = dossier_editable(dossier)
    slots = dossier_slots(ctx, unit_id)
    lines = [dossier_header(ctx, unit_id, dossier), ""]
    lines += [slot_line(ctx, slot) for slot in slots]
    read_only = texts.DOSSIER_READ_ONLY.format(secretariat=ctx.campaign.campaign.bodies.secretariat)
    lines += ["", texts.DOSSIER_HINT if editable else read_only]
    rows: list[tuple[Button, ...]] = []
    for slot in slots:
        row: list[Button] = []
        if editable and slot.actionable:
            row.append(
                Button(
                    texts.DOSSIER_UPLOAD_BUTTON.format(number=slot.number), slot_payload("up", slot)
                )
            )
            if slot.document.code in DRAFTABLE:
                row.append(
                    Button(
                        texts.DOSSIER_DRAFT_BUTTON.format(number=slot.number),
                        slot_payload("draft", slot),
                    )
                )
        if slot.file is not None:
            row.append(
                Button(
                    texts.DOSSIER_VIEW_BUTTON.format(number=slot.number), slot_payload("view", slot)
                )
            )
        if row:
            rows.append(tuple(row))
    if editable:
        rows.append((Button(texts.DOSSIER_SEND, f"{PAYLOAD_PREFIX}.send"),))
    return Reply("\n".join(lines), buttons=tuple(rows))


def file_reply(ctx: Context, file: DossierFile, caption: str) -> Reply:
    """A stored dossier file sent back as a document to download."""
    content = ctx.files.read(file.file_sha256)
    return Reply(caption, file=OutgoingFile(name=file.file_name, content=content))
