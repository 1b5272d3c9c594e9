"""One document of the dossier: uploaded by the head, drafted by the bot, or sent back to view."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from handlers import texts
from handlers.awards.dossier_rules import dossier_editable
from handlers.awards.dossier_view import (
    DRAFTABLE,
    DocumentSlot,
    checklist_reply,
    dossier_slots,
    file_reply,
    slot_name,
)
from handlers.engine.audit import audit
from handlers.engine.context import Context
from handlers.engine.forms import (
    Answers,
    Cancel,
    Choice,
    Form,
    Invalid,
    Outcome,
    Step,
    StepInput,
    Store,
    register,
    start,
)
from handlers.engine.messages import OutgoingFile, Reply
from handlers.reports.evidence import ACCEPTED_TYPES, accept_file
from storage.models import DossierFile
from storage.queries.awards import dossier_of_unit, ensure_dossier, replace_dossier_file
from storage.queries.reports import record_stored_file
from storage.queries.roster import officer_by_id, unit_by_id

DOCX = "docx"


def find_slot(ctx: Context, key: str) -> DocumentSlot | None:
    """The head's own unit's checklist line named by a button, or None."""
    assert ctx.officer is not None
    return next(
        (s for s in dossier_slots(ctx, ctx.officer.unit_id) if s.key == key and s.actionable),
        None,
    )


def locked_reply(ctx: Context) -> list[Reply] | None:
    """The refusal when the dossier is with the secretariat, or None while the head may edit."""
    assert ctx.officer is not None
    if dossier_editable(dossier_of_unit(ctx.session, unit_id=ctx.officer.unit_id)):
        return None
    return [
        Reply(texts.DOSSIER_LOCKED.format(secretariat=ctx.campaign.campaign.bodies.secretariat))
    ]


def view_file(ctx: Context, slot: DocumentSlot) -> list[Reply]:
    if slot.file is None:
        return [Reply(texts.DOSSIER_NOTHING_TO_VIEW.format(name=slot_name(ctx, slot)))]
    caption = texts.DOSSIER_FILE_CAPTION.format(file=slot.file.file_name, name=slot_name(ctx, slot))
    return [file_reply(ctx, slot.file, caption)]


def _store(ctx: Context, slot: DocumentSlot, *, sha256: str, name: str, drafted: bool) -> None:
    """Keep the file as the slot's document, replacing an earlier one; audited."""
    assert ctx.officer is not None and ctx.officer.id is not None
    dossier = ensure_dossier(ctx.session, unit_id=slot.unit_id, now=ctx.now)
    assert dossier.id is not None
    nomination_id = slot.nomination.id if slot.nomination else None
    replaced = replace_dossier_file(
        ctx.session,
        file=DossierFile(
            dossier_id=dossier.id,
            document_code=slot.document.code,
            nomination_id=nomination_id,
            file_sha256=sha256,
            file_name=name,
            drafted=drafted,
            added_by=ctx.officer.id,
            added_at=ctx.now,
        ),
    )
    dossier.updated_at = ctx.now
    ctx.session.add(dossier)
    audit(
        ctx,
        action="dossier.draft" if drafted else "dossier.upload",
        entity="dossier",
        entity_id=dossier.id,
        before={"files": replaced},
        after={
            "document_code": slot.document.code,
            "nomination_id": nomination_id,
            "file_name": name,
            "sha256": sha256,
        },
    )


# --- upload: the next file the head sends -------------------------------------------------


def start_upload(ctx: Context, slot: DocumentSlot) -> list[Reply]:
    return [start(ctx, UPLOAD_FORM, {"slot": slot.key})]


def _ask_file(ctx: Context, answers: Answers) -> str:
    slot = find_slot(ctx, answers["slot"])
    if slot is None:
        return texts.DOSSIER_SLOT_NOT_FOUND
    old = texts.DOSSIER_REPLACES.format(old=slot.file.file_name) if slot.file else ""
    return texts.DOSSIER_ASK_FILE.format(name=slot_name(ctx, slot), replaces=old)


def _stop(_ctx: Context, _answers: Answers) -> Sequence[Choice]:
    return [Choice("stop", texts.DOSSIER_STOP_UPLOAD)]


def _take_file(ctx: Context, _answers: Answers, given: StepInput) -> Outcome:
    if given.choice == "stop":
        return Cancel()
    if given.attachment is None:
        raise Invalid(texts.DOSSIER_FILE_EXPECTED)
    return Store(accept_file(ctx, given.attachment))


def _complete_upload(ctx: Context, answers: Answers) -> list[Reply]:
    """Keep the file, after checking again that the slot and the dossier still allow it."""
    refused = locked_reply(ctx)
    if refused is not None:
        return refused
    slot = find_slot(ctx, answers["slot"])
    if slot is None:
        return [Reply(texts.DOSSIER_SLOT_NOT_FOUND)]
    item = answers["file"]
    _store(ctx, slot, sha256=item["sha256"], name=item["name"], drafted=False)
    saved = texts.DOSSIER_FILE_SAVED.format(file=item["name"], name=slot_name(ctx, slot))
    return [Reply(saved), checklist_reply(ctx)]


UPLOAD_FORM = register(
    Form(
        name="dossier_upload",
        command="hoso",
        title=texts.DOSSIER_UPLOAD_TITLE,
        steps=(Step("file", _ask_file, _take_file, _stop),),
        complete=_complete_upload,
    )
)


# --- drafts by the bot --------------------------------------------------------------------


def _draft_letter(ctx: Context, slot: DocumentSlot) -> tuple[bytes, str]:
    # Imported on first use: python-docx is heavy and only drafting needs it.
    from handlers.documents import drafts

    unit = unit_by_id(ctx.session, unit_id=slot.unit_id)
    code = unit.code if unit else str(slot.unit_id)
    return drafts.draft_submission_letter(ctx, slot.unit_id), f"to-trinh-{code}.{DOCX}"


def _draft_achievement(ctx: Context, slot: DocumentSlot) -> tuple[bytes, str]:
    from handlers.documents import drafts

    nomination = slot.nomination
    assert nomination is not None and nomination.id is not None
    nominee = (
        officer_by_id(ctx.session, officer_id=nomination.officer_id)
        if nomination.officer_id is not None
        else unit_by_id(ctx.session, unit_id=nomination.unit_id)
    )
    code = nominee.code if nominee else str(nomination.id)
    content = drafts.draft_achievement_report(ctx, nomination.id)
    return content, f"bao-cao-thanh-tich-{nomination.id}-{code}.{DOCX}"


DRAFTERS: dict[str, Callable[[Context, DocumentSlot], tuple[bytes, str]]] = {
    "submission_letter": _draft_letter,
    "achievement_report": _draft_achievement,
}
assert set(DRAFTERS) == DRAFTABLE


def draft(ctx: Context, slot: DocumentSlot) -> list[Reply]:
    """Have the bot draft the document, keep it in the dossier and hand it over to download."""
    drafter = DRAFTERS.get(slot.document.code)
    if drafter is None:
        return [Reply(texts.DOSSIER_CANNOT_DRAFT.format(name=slot_name(ctx, slot)))]
    assert ctx.officer is not None and ctx.officer.id is not None
    content, name = drafter(ctx, slot)
    sha256 = ctx.files.put(content)
    record_stored_file(
        ctx.session,
        sha256=sha256,
        size=len(content),
        mime_type=ACCEPTED_TYPES[DOCX],
        extension=DOCX,
        uploaded_by=ctx.officer.id,
        now=ctx.now,
    )
    _store(ctx, slot, sha256=sha256, name=name, drafted=True)
    text = texts.DOSSIER_DRAFTED.format(file=name, name=slot_name(ctx, slot))
    return [Reply(text, file=OutgoingFile(name=name, content=content)), checklist_reply(ctx)]
