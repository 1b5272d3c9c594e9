"""The unit head's dossier (/hoso): the checklist, each document's file, and sending it in."""

from __future__ import annotations

from handlers import texts
from handlers.awards.dossier_rules import MissingDocument, dossier_gaps
from handlers.awards.dossier_upload import draft, find_slot, locked_reply, start_upload, view_file
from handlers.awards.dossier_view import PAYLOAD_PREFIX, checklist_reply, document_label, local_time
from handlers.campaign.deadline import deadline_text, effective_deadline
from handlers.engine.audit import audit
from handlers.engine.context import Context
from handlers.engine.menu import refuse_unless_allowed
from handlers.engine.messages import Button, Reply
from handlers.engine.notify import notify_officer
from storage.models import DossierStatus, Role
from storage.queries.awards import (
    active_nominations,
    active_officers_in_role,
    dossier_files,
    ensure_dossier,
    nomination_by_id,
)
from storage.queries.roster import unit_by_id

COMMAND = "hoso"
SLOT_ACTIONS = {"up": start_upload, "draft": draft, "view": view_file}


def dossier_command(ctx: Context, _args: str) -> list[Reply]:
    return [checklist_reply(ctx)]


def press(ctx: Context, payload: str) -> list[Reply]:
    """A button of /hoso; every press is checked again: role, own unit, dossier state."""
    refused = refuse_unless_allowed(ctx, COMMAND)
    if refused is not None:
        return refused
    parts = payload.split(".")
    if parts[1:] == ["show"]:
        return [checklist_reply(ctx)]
    if parts[1:] == ["keep"]:
        return [Reply(texts.DOSSIER_NOT_SENT), checklist_reply(ctx)]
    if parts[1:] in (["send"], ["sendok"]):
        return locked_reply(ctx) or _gaps_reply(ctx) or _send(ctx, confirmed=parts[1] == "sendok")
    if len(parts) != 4 or parts[1] not in SLOT_ACTIONS:
        return [Reply(texts.STALE_BUTTON)]
    slot = find_slot(ctx, f"{parts[2]}.{parts[3]}")
    if slot is None:
        return [Reply(texts.DOSSIER_SLOT_NOT_FOUND)]
    if parts[1] != "view":
        refused = locked_reply(ctx)
        if refused is not None:
            return refused
    return SLOT_ACTIONS[parts[1]](ctx, slot)


def _gap_name(ctx: Context, gap: MissingDocument) -> str:
    document = next(d for d in ctx.campaign.dossier_documents if d.code == gap.document_code)
    if document.per_nominee and gap.nomination_id is None:
        return texts.DOSSIER_GAP_NO_NOMINATION.format(name=document.name)
    nomination = (
        nomination_by_id(ctx.session, nomination_id=gap.nomination_id)
        if gap.nomination_id is not None
        else None
    )
    label = document_label(ctx, document, nomination)
    return texts.DOSSIER_GAP_UNSIGNED.format(name=label) if gap.unsigned else label


def _gaps_reply(ctx: Context) -> list[Reply] | None:
    """What is still missing, named, or None when the dossier is complete."""
    assert ctx.officer is not None
    gaps = dossier_gaps(ctx.session, ctx.campaign, ctx.officer.unit_id)
    if not gaps:
        return None
    items = "\n".join(f"• {_gap_name(ctx, gap)}" for gap in gaps)
    return [Reply(texts.DOSSIER_GAPS.format(items=items)), checklist_reply(ctx)]


def _send(ctx: Context, *, confirmed: bool) -> list[Reply]:
    """Ask first, warning when past the deadline; once confirmed, submit."""
    assert ctx.officer is not None
    late = ctx.now >= effective_deadline(ctx.session, ctx.campaign)
    if confirmed:
        return _submit(ctx, late=late)
    unit = unit_by_id(ctx.session, unit_id=ctx.officer.unit_id)
    count = len(active_nominations(ctx.session, unit_id=ctx.officer.unit_id))
    text = texts.DOSSIER_ASK_SEND.format(
        unit=unit.name if unit else "",
        count=count,
        secretariat=ctx.campaign.campaign.bodies.secretariat,
    )
    if late:
        deadline = deadline_text(ctx.session, ctx.campaign)
        text += "\n\n" + texts.DOSSIER_LATE_WARNING.format(deadline=deadline)
    buttons = (
        (
            Button(texts.DOSSIER_CONFIRM_SEND, f"{PAYLOAD_PREFIX}.sendok"),
            Button(texts.DOSSIER_KEEP, f"{PAYLOAD_PREFIX}.keep"),
        ),
    )
    return [Reply(text, buttons=buttons)]


def _submit(ctx: Context, *, late: bool) -> list[Reply]:
    """Hand the dossier to the secretariat (marked late past the deadline) and tell them."""
    assert ctx.officer is not None and ctx.officer.id is not None
    unit_id = ctx.officer.unit_id
    dossier = ensure_dossier(ctx.session, unit_id=unit_id, now=ctx.now)
    assert dossier.id is not None
    nominations = [n.id for n in active_nominations(ctx.session, unit_id=unit_id)]
    before = {
        "status": dossier.status,
        "late": dossier.late,
        "return_reason": dossier.return_reason,
    }
    dossier.status = DossierStatus.SUBMITTED
    dossier.submitted_at = ctx.now
    dossier.late = late
    dossier.return_reason = ""
    dossier.updated_at = ctx.now
    ctx.session.add(dossier)
    files = dossier_files(ctx.session, dossier_id=dossier.id)
    audit(
        ctx,
        action="dossier.submit",
        entity="dossier",
        entity_id=dossier.id,
        before=before,
        after={
            "status": dossier.status,
            "late": late,
            "nominations": nominations,
            "files": [{"document_code": f.document_code, "sha256": f.file_sha256} for f in files],
        },
    )
    unit = unit_by_id(ctx.session, unit_id=unit_id)
    notice = texts.DOSSIER_NOTIFY_SUBMITTED.format(
        unit=unit.name if unit else "",
        count=len(nominations),
        late=texts.DOSSIER_NOTIFY_LATE if late else "",
    )
    key = f"dossier.submit:{dossier.id}:{ctx.now.isoformat()}"
    for officer in active_officers_in_role(ctx.session, role=Role.SECRETARIAT):
        assert officer.id is not None
        notify_officer(ctx, officer_id=officer.id, key=key, text=notice)
    text = texts.DOSSIER_SENT.format(
        time=local_time(ctx, ctx.now), secretariat=ctx.campaign.campaign.bodies.secretariat
    )
    if late:
        deadline = deadline_text(ctx.session, ctx.campaign)
        text += "\n" + texts.DOSSIER_SENT_LATE.format(deadline=deadline)
    return [Reply(text), checklist_reply(ctx)]
