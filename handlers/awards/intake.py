"""The secretariat's intake of dossiers (/tiepnhan): list, open, accept, or return with a reason."""

from __future__ import annotations

from handlers import texts
from handlers.awards.dossier_view import (
    dossier_header,
    dossier_slots,
    file_reply,
    local_time,
    slot_line,
    slot_name,
)
from handlers.awards.view import render_stored_nomination
from handlers.engine import forms
from handlers.engine.audit import audit
from handlers.engine.context import Context
from handlers.engine.forms import Answers, Form, Invalid, Outcome, Step, StepInput, Store
from handlers.engine.menu import refuse_unless_allowed
from handlers.engine.messages import Button, Reply
from handlers.engine.notify import notify_officer
from storage.models import Dossier, DossierStatus, Role
from storage.queries.awards import (
    active_nominations,
    active_officers_in_role,
    dossier_by_id,
    dossier_file_by_id,
    sent_dossiers,
)
from storage.queries.roster import all_units, unit_by_id

PAYLOAD_PREFIX = "i"
COMMAND = "tiepnhan"
REASON_MIN, REASON_MAX = 5, 1000
# Dossiers waiting for the secretariat come first, then those sent back, then those accepted.
ORDER = {DossierStatus.SUBMITTED: 0, DossierStatus.RETURNED: 1, DossierStatus.ACCEPTED: 2}


def _payload(action: str, number: int | None = None) -> str:
    return f"{PAYLOAD_PREFIX}.{action}" + ("" if number is None else f".{number}")


def _unit_name(ctx: Context, unit_id: int) -> str:
    unit = unit_by_id(ctx.session, unit_id=unit_id)
    return unit.name if unit else str(unit_id)


def intake_command(ctx: Context, _args: str) -> list[Reply]:
    """/tiepnhan: every dossier sent in, waiting ones first, late ones marked."""
    dossiers = sorted(sent_dossiers(ctx.session), key=lambda d: ORDER[DossierStatus(d.status)])
    sent_units = {d.unit_id for d in dossiers}
    missing = [u.name for u in all_units(ctx.session) if u.active and u.id not in sent_units]
    lines = [texts.INTAKE_HEADER.format(count=len(dossiers)) if dossiers else texts.INTAKE_EMPTY]
    buttons: list[Button] = []
    for dossier in dossiers:
        assert dossier.id is not None and dossier.submitted_at is not None
        lines.append(
            texts.INTAKE_LINE.format(
                unit=_unit_name(ctx, dossier.unit_id),
                status=texts.AWARD_DOSSIER_STATUS_NAMES[dossier.status],
                time=local_time(ctx, dossier.submitted_at),
                late=texts.INTAKE_LATE if dossier.late else "",
            )
        )
        label = texts.INTAKE_OPEN.format(unit=_unit_name(ctx, dossier.unit_id))
        buttons.append(Button(label, _payload("open", dossier.id)))
    if missing:
        lines += ["", texts.INTAKE_NOT_SENT.format(units="; ".join(missing))]
    return [Reply("\n".join(lines), buttons=tuple((b,) for b in buttons))]


def _sent_dossier(ctx: Context, dossier_id: int) -> Dossier | None:
    """A dossier its unit has sent; a draft stays the unit's own."""
    dossier = dossier_by_id(ctx.session, dossier_id=dossier_id)
    if dossier is None or dossier.status == DossierStatus.DRAFT:
        return None
    return dossier


def _show(ctx: Context, dossier: Dossier) -> list[Reply]:
    """The dossier's state, its documents (each to view) and its nominations with their reports."""
    assert dossier.id is not None
    slots = dossier_slots(ctx, dossier.unit_id)
    nominations = active_nominations(ctx.session, unit_id=dossier.unit_id)
    lines = [dossier_header(ctx, dossier.unit_id, dossier), "", texts.INTAKE_DOCUMENTS]
    lines += [slot_line(ctx, slot) for slot in slots]
    lines += ["", texts.INTAKE_NOMINATIONS.format(count=len(nominations))]
    details = [
        texts.INTAKE_NOMINATION.format(number=n.id, detail=render_stored_nomination(ctx, n))
        for n in nominations
    ]
    lines.append("\n\n".join(details))
    views = [
        Button(texts.INTAKE_VIEW_FILE.format(number=slot.number), _payload("file", slot.file.id))
        for slot in slots
        if slot.file is not None and slot.file.id is not None
    ]
    rows: list[tuple[Button, ...]] = [tuple(views[i : i + 3]) for i in range(0, len(views), 3)]
    if dossier.status == DossierStatus.SUBMITTED:
        rows.append(
            (
                Button(texts.INTAKE_ACCEPT, _payload("acc", dossier.id)),
                Button(texts.INTAKE_RETURN, _payload("ret", dossier.id)),
            )
        )
    rows.append((Button(texts.BACK_TO_LIST, _payload("list")),))
    return [Reply("\n".join(lines), buttons=tuple(rows))]


def press(ctx: Context, payload: str) -> list[Reply]:
    """A button of /tiepnhan, for the secretariat and the admin only."""
    refused = refuse_unless_allowed(ctx, COMMAND)
    if refused is not None:
        return refused
    parts = payload.split(".")
    if parts[1:] == ["list"]:
        return intake_command(ctx, "")
    if len(parts) != 3 or not parts[2].isdigit():
        return [Reply(texts.STALE_BUTTON)]
    action, number = parts[1], int(parts[2])
    if action == "file":
        return _view_file(ctx, number)
    dossier = _sent_dossier(ctx, number)
    if dossier is None:
        return [Reply(texts.INTAKE_NOT_FOUND)]
    if action == "open":
        return _show(ctx, dossier)
    if action not in ("acc", "ret"):
        return [Reply(texts.STALE_BUTTON)]
    refused = _not_pending(ctx, dossier)
    if refused is not None:
        return refused
    if action == "acc":
        return _accept(ctx, dossier)
    unit = _unit_name(ctx, dossier.unit_id)
    return [forms.start(ctx, RETURN_FORM, {"dossier": dossier.id, "unit": unit})]


def _view_file(ctx: Context, file_id: int) -> list[Reply]:
    """A document of a sent dossier, as it stands now, sent back to the secretariat to read."""
    file = dossier_file_by_id(ctx.session, file_id=file_id)
    dossier = _sent_dossier(ctx, file.dossier_id) if file else None
    if file is None or dossier is None:
        return [Reply(texts.INTAKE_NOT_FOUND)]
    slots = dossier_slots(ctx, dossier.unit_id)
    slot = next((s for s in slots if s.file is not None and s.file.id == file_id), None)
    if slot is None:
        return [Reply(texts.INTAKE_NOT_FOUND)]
    caption = texts.INTAKE_FILE_CAPTION.format(
        file=file.file_name, name=slot_name(ctx, slot), unit=_unit_name(ctx, dossier.unit_id)
    )
    return [file_reply(ctx, file, caption)]


def _not_pending(ctx: Context, dossier: Dossier) -> list[Reply] | None:
    if dossier.status == DossierStatus.SUBMITTED:
        return None
    status = texts.AWARD_DOSSIER_STATUS_NAMES[dossier.status]
    unit = _unit_name(ctx, dossier.unit_id)
    return [Reply(texts.INTAKE_NOT_PENDING.format(unit=unit, status=status))]


def _review(ctx: Context, dossier: Dossier, status: DossierStatus, reason: str) -> None:
    """Record the secretariat's decision, audited, and tell the unit's heads."""
    assert ctx.officer is not None and dossier.id is not None
    before = {"status": dossier.status, "return_reason": dossier.return_reason}
    dossier.status = status
    dossier.return_reason = reason
    dossier.reviewed_by = ctx.officer.id
    dossier.reviewed_at = ctx.now
    dossier.updated_at = ctx.now
    ctx.session.add(dossier)
    action = "dossier.accept" if status == DossierStatus.ACCEPTED else "dossier.return"
    audit(
        ctx,
        action=action,
        entity="dossier",
        entity_id=dossier.id,
        before=before,
        after={"status": status, "return_reason": reason},
    )
    unit = _unit_name(ctx, dossier.unit_id)
    secretariat = ctx.campaign.campaign.bodies.secretariat
    if status == DossierStatus.ACCEPTED:
        notice = texts.INTAKE_NOTIFY_ACCEPTED.format(unit=unit, secretariat=secretariat)
    else:
        notice = texts.INTAKE_NOTIFY_RETURNED.format(
            unit=unit, reason=reason, secretariat=secretariat
        )
    key = f"{action}:{dossier.id}:{ctx.now.isoformat()}"
    heads = active_officers_in_role(ctx.session, role=Role.UNIT_HEAD, unit_id=dossier.unit_id)
    for head in heads:
        assert head.id is not None
        notify_officer(ctx, officer_id=head.id, key=key, text=notice)


def _accept(ctx: Context, dossier: Dossier) -> list[Reply]:
    _review(ctx, dossier, DossierStatus.ACCEPTED, "")
    return [Reply(texts.INTAKE_ACCEPTED.format(unit=_unit_name(ctx, dossier.unit_id)))]


# --- returning with a reason --------------------------------------------------------------


def _ask_reason(_ctx: Context, answers: Answers) -> str:
    return texts.INTAKE_ASK_REASON.format(unit=answers["unit"])


def _take_reason(_ctx: Context, _answers: Answers, given: StepInput) -> Outcome:
    if given.attachment is not None:
        raise Invalid(texts.TEXT_EXPECTED)
    reason = given.text.strip()
    if len(reason) < REASON_MIN:
        raise Invalid(texts.TEXT_TOO_SHORT.format(minimum=REASON_MIN))
    if len(reason) > REASON_MAX:
        raise Invalid(texts.TEXT_TOO_LONG.format(length=len(reason), maximum=REASON_MAX))
    return Store(reason)


def _complete_return(ctx: Context, answers: Answers) -> list[Reply]:
    """Return the dossier, after checking again the role and that it still waits."""
    refused = refuse_unless_allowed(ctx, COMMAND)
    if refused is not None:
        return refused
    dossier = _sent_dossier(ctx, int(answers["dossier"]))
    if dossier is None:
        return [Reply(texts.INTAKE_NOT_FOUND)]
    refused = _not_pending(ctx, dossier)
    if refused is not None:
        return refused
    _review(ctx, dossier, DossierStatus.RETURNED, answers["reason"])
    return [Reply(texts.INTAKE_RETURNED.format(unit=_unit_name(ctx, dossier.unit_id)))]


RETURN_FORM = forms.register(
    Form(
        name="dossier_return",
        command="tiepnhan",
        title=texts.INTAKE_RETURN_TITLE,
        steps=(Step("reason", _ask_reason, _take_reason, free_text=True),),
        complete=_complete_return,
    )
)
