"""Roster corrections by the admin (/canbo): move, change role, deactivate, reactivate.

A unit has at most one active head: naming a new head makes the previous one an officer,
a head moved to another unit arrives there as an officer, and a head reactivated in a unit
that has one meanwhile comes back as an officer. Each change is said in the reply.
"""

from __future__ import annotations

from typing import Any

from handlers import texts
from handlers.engine.audit import audit
from handlers.engine.context import Context
from handlers.engine.messages import Button, Reply
from handlers.engine.notify import queue_menu
from storage.models import Officer, Role
from storage.queries.announcements import audience_officers
from storage.queries.outbox import recipient_identities
from storage.queries.roster import all_units, unit_by_id

PAYLOAD_PREFIX = "m"


def payload(action: str, *ids: int | str) -> str:
    return ".".join([PAYLOAD_PREFIX, action, *(str(i) for i in ids)])


def unit_name(ctx: Context, officer: Officer) -> str:
    unit = unit_by_id(ctx.session, unit_id=officer.unit_id)
    return unit.name if unit else ""


def bound_accounts(ctx: Context, officer: Officer) -> int:
    assert officer.id is not None
    return len(recipient_identities(ctx.session, officer_id=officer.id))


def _role_name(role: str) -> str:
    return texts.ROLE_NAMES.get(role, role)


def _other_heads(ctx: Context, officer: Officer) -> list[Officer]:
    heads = audience_officers(ctx.session, unit_ids=[officer.unit_id], role=Role.UNIT_HEAD)
    return [head for head in heads if head.id != officer.id]


def _save(ctx: Context, officer: Officer, action: str, before: dict[str, Any]) -> None:
    """Store the officer's change and audit it: the fields in `before`, then and now."""
    officer.chat_edited = sorted({*(officer.chat_edited or []), *before})
    ctx.session.add(officer)
    ctx.session.flush()
    assert ctx.officer is not None and officer.id is not None
    if "role" in before and before["role"] != officer.role:
        queue_menu(ctx.session, now=ctx.now, officer_id=officer.id, role=officer.role)
    audit(
        ctx,
        action=action,
        entity="officer",
        entity_id=officer.id,
        before=before,
        after={name: getattr(officer, name) for name in before},
    )


def card(ctx: Context, officer: Officer, notice: str = "") -> list[Reply]:
    assert officer.id is not None
    text = texts.ROSTER_CARD.format(
        name=officer.full_name,
        code=officer.code,
        position=officer.position or "—",
        unit=unit_name(ctx, officer),
        role=_role_name(officer.role),
        status=texts.ROSTER_STATUS_ACTIVE if officer.active else texts.ROSTER_STATUS_INACTIVE,
        bound=bound_accounts(ctx, officer),
    )
    change = (
        Button(texts.ROSTER_MOVE, payload("mv", officer.id)),
        Button(texts.ROSTER_ROLE, payload("rl", officer.id)),
    )
    status = (
        Button(texts.ROSTER_DEACTIVATE, payload("off", officer.id))
        if officer.active
        else Button(texts.ROSTER_REACTIVATE, payload("on", officer.id))
    )
    return [Reply(f"{notice}\n\n{text}" if notice else text, buttons=(change, (status,)))]


def _back(officer: Officer) -> tuple[Button, ...]:
    return (Button(texts.ROSTER_BACK, payload("card", officer.id or 0)),)


def ask_unit(ctx: Context, officer: Officer) -> list[Reply]:
    units = [u for u in all_units(ctx.session) if u.active and u.id != officer.unit_id]
    rows = tuple((Button(u.name, payload("mvto", officer.id or 0, u.id or 0)),) for u in units)
    text = texts.ROSTER_ASK_UNIT.format(name=officer.full_name, unit=unit_name(ctx, officer))
    return [Reply(text, buttons=(*rows, _back(officer)))]


def move(ctx: Context, officer: Officer, unit_id: int) -> list[Reply]:
    target = unit_by_id(ctx.session, unit_id=unit_id)
    if target is None or not target.active or target.id == officer.unit_id:
        return [Reply(texts.STALE_BUTTON)]
    old = unit_name(ctx, officer)
    was_head = officer.role == Role.UNIT_HEAD
    before = {"unit_id": officer.unit_id, "role": officer.role}
    officer.unit_id = unit_id
    if was_head:
        officer.role = Role.OFFICER.value
    _save(ctx, officer, "roster.move", before)
    lines = [texts.ROSTER_MOVED.format(name=officer.full_name, old=old, new=target.name)]
    if was_head:
        lines.append(
            texts.ROSTER_HEAD_MOVED.format(
                name=officer.full_name,
                old=old,
                new=target.name,
                officer=_role_name(Role.OFFICER),
            )
        )
    return card(ctx, officer, "\n".join(lines))


def ask_role(ctx: Context, officer: Officer) -> list[Reply]:
    heads = _other_heads(ctx, officer)
    buttons = []
    for role in Role:
        if role == officer.role:
            continue
        label = _role_name(role)
        if role == Role.UNIT_HEAD and heads:
            label = texts.ROSTER_REPLACES.format(role=label, name=heads[0].full_name)
        buttons.append((Button(label, payload("rlto", officer.id or 0, role.value)),))
    text = texts.ROSTER_ASK_ROLE.format(name=officer.full_name, role=_role_name(officer.role))
    return [Reply(text, buttons=(*buttons, _back(officer)))]


def change_role(ctx: Context, officer: Officer, role: str) -> list[Reply]:
    if role not in {r.value for r in Role}:
        return [Reply(texts.STALE_BUTTON)]
    if role == officer.role:
        return card(ctx, officer, texts.ROSTER_NO_CHANGE)
    lines = []
    if role == Role.UNIT_HEAD:
        for head in _other_heads(ctx, officer):
            before = {"role": head.role}
            head.role = Role.OFFICER.value
            _save(ctx, head, "roster.role", before)
            lines.append(
                texts.ROSTER_HEAD_REPLACED.format(
                    name=head.full_name,
                    unit=unit_name(ctx, head),
                    officer=_role_name(Role.OFFICER),
                )
            )
    old = officer.role
    officer.role = role
    _save(ctx, officer, "roster.role", {"role": old})
    lines.insert(
        0,
        texts.ROSTER_ROLE_CHANGED.format(
            name=officer.full_name, old=_role_name(old), new=_role_name(role)
        ),
    )
    return card(ctx, officer, "\n".join(lines))


def ask_deactivate(ctx: Context, officer: Officer) -> list[Reply]:
    if not officer.active:
        return card(ctx, officer, texts.ROSTER_ALREADY_INACTIVE.format(name=officer.full_name))
    text = texts.ROSTER_ASK_DEACTIVATE.format(name=officer.full_name, unit=unit_name(ctx, officer))
    agree = Button(texts.ROSTER_AGREE, payload("offok", officer.id or 0))
    keep = Button(texts.NO, payload("card", officer.id or 0))
    return [Reply(text, buttons=((agree, keep),))]


def deactivate(ctx: Context, officer: Officer) -> list[Reply]:
    if not officer.active:
        return card(ctx, officer, texts.ROSTER_ALREADY_INACTIVE.format(name=officer.full_name))
    officer.active = False
    _save(ctx, officer, "roster.deactivate", {"active": True})
    lines = [texts.ROSTER_DEACTIVATED.format(name=officer.full_name)]
    if officer.role == Role.UNIT_HEAD and not _other_heads(ctx, officer):
        lines.append(texts.ROSTER_NO_HEAD_LEFT.format(unit=unit_name(ctx, officer)))
    return card(ctx, officer, "\n".join(lines))


def reactivate(ctx: Context, officer: Officer) -> list[Reply]:
    if officer.active:
        return card(ctx, officer, texts.ROSTER_ALREADY_ACTIVE.format(name=officer.full_name))
    before: dict[str, Any] = {"active": False, "role": officer.role}
    heads = _other_heads(ctx, officer) if officer.role == Role.UNIT_HEAD else []
    officer.active = True
    if heads:
        officer.role = Role.OFFICER.value
    _save(ctx, officer, "roster.reactivate", before)
    lines = [texts.ROSTER_REACTIVATED.format(name=officer.full_name, code=officer.code)]
    if heads:
        lines.append(
            texts.ROSTER_BACK_AS_OFFICER.format(
                unit=unit_name(ctx, officer),
                head=heads[0].full_name,
                name=officer.full_name,
                officer=_role_name(Role.OFFICER),
            )
        )
    return card(ctx, officer, "\n".join(lines))


def act(ctx: Context, officer: Officer, action: str, extra: list[str]) -> list[Reply]:
    """One /canbo button on an officer, after the caller checked the admin role."""
    assert ctx.officer is not None
    if action in {"rl", "rlto", "off", "offok"} and officer.id == ctx.officer.id:
        return [Reply(texts.ROSTER_SELF)]
    simple = {
        "card": card,
        "mv": ask_unit,
        "rl": ask_role,
        "off": ask_deactivate,
        "offok": deactivate,
        "on": reactivate,
    }
    if action in simple and not extra:
        return simple[action](ctx, officer)
    if action == "mvto" and len(extra) == 1 and extra[0].isdigit():
        return move(ctx, officer, int(extra[0]))
    if action == "rlto" and len(extra) == 1:
        return change_role(ctx, officer, extra[0])
    return [Reply(texts.STALE_BUTTON)]
