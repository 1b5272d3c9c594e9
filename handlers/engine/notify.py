"""Notices to other people: one outbox row per chat account of the officer, sent later."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session

from handlers.engine.context import Context
from handlers.engine.menu import menu_for
from handlers.engine.messages import Button, Command
from storage.models import Outbox
from storage.queries.outbox import enqueue, outbox_by_key, recipient_identities
from storage.queries.roster import officer_by_id

Buttons = tuple[tuple[Button, ...], ...]
# An outbox row of this kind sets the chat's command menu instead of sending a message; a
# channel without such a menu takes it as done.
MENU_KIND = "menu"


def buttons_to_json(buttons: Buttons) -> dict[str, Any]:
    """Reply.buttons as the outbox stores them: {"rows": [[{"label", "payload"}, …], …]}."""
    return {"rows": [[{"label": b.label, "payload": b.payload} for b in row] for row in buttons]}


def buttons_from_json(data: dict[str, Any]) -> Buttons:
    """The stored rows back as Reply.buttons."""
    return tuple(
        tuple(Button(label=b["label"], payload=b["payload"]) for b in row)
        for row in data.get("rows", [])
    )


def queue_for_officer(
    session: Session,
    *,
    now: datetime,
    officer_id: int,
    key: str,
    text: str,
    kind: str = "notice",
    buttons: Buttons | None = None,
    file_sha256: str | None = None,
    file_name: str = "",
) -> list[Outbox]:
    """The officer's outbox rows under this key, one per bound chat account, queued if new.

    An officer who has left (inactive) gets nothing. Rows queued earlier under the same key
    are returned as they are, so calling twice never sends twice.
    """
    officer = officer_by_id(session, officer_id=officer_id)
    if officer is None or not officer.active:
        return []
    rows: list[Outbox] = []
    for identity in recipient_identities(session, officer_id=officer_id):
        row_key = f"{key}:{identity.channel}:{identity.platform_user_id}"
        row = enqueue(
            session,
            idempotency_key=row_key,
            channel=identity.channel,
            chat_id=identity.chat_id,
            officer_id=officer_id,
            kind=kind,
            text=text,
            now=now,
            buttons=buttons_to_json(buttons) if buttons else None,
            file_sha256=file_sha256,
            file_name=file_name,
        ) or outbox_by_key(session, idempotency_key=row_key)
        if row is not None:
            rows.append(row)
    return rows


def notify_officer(
    ctx: Context,
    *,
    officer_id: int,
    key: str,
    text: str,
    kind: str = "notice",
    buttons: Buttons | None = None,
) -> bool:
    """Queue a notice to every chat account of the officer; False when they have none bound."""
    rows = queue_for_officer(
        ctx.session,
        now=ctx.now,
        officer_id=officer_id,
        key=key,
        text=text,
        kind=kind,
        buttons=buttons,
    )
    return bool(rows)


def menu_from_json(data: dict[str, Any]) -> tuple[Command, ...]:
    """The commands a menu row carries."""
    return tuple(Command(item["name"], item["description"]) for item in data.get("menu", []))


def queue_menu(session: Session, *, now: datetime, officer_id: int, role: str) -> None:
    """Have every chat of the officer show the commands of their new role."""
    menu = [{"name": c.name, "description": c.description} for c in menu_for(role)]
    rows = queue_for_officer(
        session,
        now=now,
        officer_id=officer_id,
        key=f"menu:{officer_id}:{role}:{now.isoformat()}",
        text="",
        kind=MENU_KIND,
    )
    for row in rows:
        row.buttons = {"menu": menu}
        session.add(row)
