"""The unit head's nominations (/dexuat): list, open, withdraw, or start a new one."""

from __future__ import annotations

from handlers import texts
from handlers.awards.nomination_form import NOMINATION_FORM
from handlers.awards.nomination_store import nominations_locked, withdraw_nomination
from handlers.awards.view import nomination_title, render_stored_nomination
from handlers.engine import forms
from handlers.engine.context import Context
from handlers.engine.menu import refuse_unless_allowed
from handlers.engine.messages import Button, Reply
from storage.models import Nomination
from storage.queries.awards import active_nominations, linked_reports, nomination_by_id
from storage.queries.roster import unit_by_id

PAYLOAD_PREFIX = "n"
COMMAND = "dexuat"


def _payload(action: str, nomination_id: int | None = None) -> str:
    suffix = "" if nomination_id is None else f".{nomination_id}"
    return f"{PAYLOAD_PREFIX}.{action}{suffix}"


def nominate_command(ctx: Context, _args: str) -> list[Reply]:
    """/dexuat: the unit's nominations, or straight into a new one when there are none."""
    assert ctx.officer is not None
    if not active_nominations(ctx.session, unit_id=ctx.officer.unit_id):
        return _start_new(ctx)
    return _list(ctx)


def _start_new(ctx: Context) -> list[Reply]:
    refused = nominations_locked(ctx)
    if refused is not None:
        return refused
    return [forms.start(ctx, NOMINATION_FORM)]


def _list(ctx: Context) -> list[Reply]:
    assert ctx.officer is not None
    nominations = active_nominations(ctx.session, unit_id=ctx.officer.unit_id)
    unit = unit_by_id(ctx.session, unit_id=ctx.officer.unit_id)
    lines = [
        texts.NOMINATE_LIST_HEADER.format(unit=unit.name if unit else "", count=len(nominations))
    ]
    buttons: list[Button] = []
    for nomination in nominations:
        assert nomination.id is not None
        count = len(linked_reports(ctx.session, nomination_id=nomination.id))
        title = nomination_title(ctx, nomination)
        lines.append(
            texts.NOMINATE_LIST_LINE.format(number=nomination.id, title=title, reports=count)
        )
        buttons.append(
            Button(
                texts.NOMINATE_OPEN.format(number=nomination.id), _payload("open", nomination.id)
            )
        )
    rows = [tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2)]
    locked = nominations_locked(ctx)
    if locked is None:
        rows.append((Button(texts.NOMINATE_NEW, _payload("new")),))
    else:
        lines += ["", locked[0].text]
    return [Reply("\n".join(lines), buttons=tuple(rows))]


def _show(ctx: Context, nomination: Nomination) -> list[Reply]:
    assert nomination.id is not None
    header = texts.NOMINATE_DETAIL_HEADER.format(number=nomination.id)
    text = f"{header}\n{render_stored_nomination(ctx, nomination)}"
    rows: list[tuple[Button, ...]] = []
    if nominations_locked(ctx) is None:
        rows.append((Button(texts.NOMINATE_WITHDRAW, _payload("wd", nomination.id)),))
    rows.append((Button(texts.BACK_TO_LIST, _payload("list")),))
    return [Reply(text, buttons=tuple(rows))]


def _own_nomination(ctx: Context, nomination_id: int) -> Nomination | None:
    """The unit's active nomination, or None: nobody reaches another unit's."""
    assert ctx.officer is not None
    nomination = nomination_by_id(ctx.session, nomination_id=nomination_id)
    if nomination is None or nomination.unit_id != ctx.officer.unit_id or nomination.withdrawn:
        return None
    return nomination


def press(ctx: Context, payload: str) -> list[Reply]:
    """A button of /dexuat; every press is checked again: role, unit, dossier state."""
    refused = refuse_unless_allowed(ctx, COMMAND)
    if refused is not None:
        return refused
    parts = payload.split(".")
    if parts[1:] == ["list"]:
        return _list(ctx)
    if parts[1:] == ["new"]:
        return _start_new(ctx)
    if len(parts) != 3 or not parts[2].isdigit():
        return [Reply(texts.STALE_BUTTON)]
    action, nomination = parts[1], _own_nomination(ctx, int(parts[2]))
    if nomination is None:
        return [Reply(texts.NOMINATE_NOT_FOUND)]
    if action == "open":
        return _show(ctx, nomination)
    refused = nominations_locked(ctx)
    if refused is not None:
        return refused
    if action == "wd":
        title = nomination_title(ctx, nomination)
        return [
            Reply(
                texts.NOMINATE_ASK_WITHDRAW.format(number=nomination.id, title=title),
                buttons=(
                    (
                        Button(texts.CONFIRM_WITHDRAW, _payload("wdok", nomination.id)),
                        Button(texts.KEEP_REPORT, _payload("keep", nomination.id)),
                    ),
                ),
            )
        ]
    if action == "wdok":
        return [*withdraw_nomination(ctx, nomination), *_list(ctx)]
    if action == "keep":
        return [Reply(texts.NOMINATE_KEPT.format(number=nomination.id))]
    return [Reply(texts.STALE_BUTTON)]
