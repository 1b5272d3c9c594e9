"""Announcements after sending: the list, the delivery report with «Gửi lại» for what failed,
and a recipient's «Đã nhận»."""

from __future__ import annotations

from collections import Counter

from handlers import texts
from handlers.announcements import send as announcement_send
from handlers.announcements.compose import start_form
from handlers.announcements.send import describe_audience, payload
from handlers.engine.audit import audit
from handlers.engine.context import Context
from handlers.engine.menu import SECRETARIAT
from handlers.engine.messages import Button, Reply
from storage.models import Announcement, OutboxStatus
from storage.queries.announcements import (
    acknowledge,
    acknowledged_counts,
    announcement_by_id,
    outbox_rows,
    recent_announcements,
    recipient_of,
    recipients_with_names,
    retrying_officers,
    start_resend_round,
)
from storage.queries.announcements import outbox_statuses as outbox_statuses_of
from storage.queries.outbox import requeue
from storage.queries.roster import officer_by_id

PAYLOAD_PREFIX = announcement_send.PAYLOAD_PREFIX
LIST_LIMIT = 8
NAMES_LIMIT = 60
SNIPPET_LIST, SNIPPET_REPORT = 40, 200
# The order in which a recipient's state is decided: the first that holds wins.
GROUPS = ("ack", "sent", "wait", "unr", "fail", "unb")
RESEND_ACTION = "announcement.resend"


def _snippet(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _time(ctx: Context, announcement: Announcement) -> str:
    return ctx.local(announcement.created_at).strftime("%d/%m/%Y %H:%M")


def announce_command(ctx: Context, _args: str) -> list[Reply]:
    """/thongbao: the form straight away the first time, then the recent ones and «new»."""
    recent = recent_announcements(ctx.session, limit=LIST_LIMIT)
    if not recent:
        return [start_form(ctx)]
    return list_announcements(ctx)


def list_announcements(ctx: Context) -> list[Reply]:
    recent = recent_announcements(ctx.session, limit=LIST_LIMIT)
    counts = acknowledged_counts(ctx.session, announcement_ids=[a.id for a in recent if a.id])
    lines = [texts.DELIVERY_LIST_HEADER]
    buttons = []
    for announcement in recent:
        assert announcement.id is not None
        done, total = counts.get(announcement.id, (0, 0))
        failed = len(_grouped(ctx, announcement.id)["fail"])
        lines.append(
            texts.DELIVERY_LIST_LINE.format(
                number=announcement.id,
                time=_time(ctx, announcement),
                snippet=_snippet(announcement.text, SNIPPET_LIST),
                acknowledged=done,
                total=total,
            )
            + (texts.DELIVERY_LIST_FAILED.format(failed=failed) if failed else "")
        )
        buttons.append(
            Button(
                texts.DELIVERY_OPEN.format(number=announcement.id), payload("open", announcement.id)
            )
        )
    rows = (
        (Button(texts.DELIVERY_NEW, payload("new")),),
        *(tuple(buttons[i : i + 4]) for i in range(0, len(buttons), 4)),
    )
    return [Reply("\n".join(lines), buttons=rows)]


def recipient_groups(ctx: Context, announcement_id: int) -> dict[str, list[str]]:
    """Each recipient as «unit — name», under the one state that describes them best."""
    grouped = _grouped(ctx, announcement_id)
    return {group: [name for _, name in members] for group, members in grouped.items()}


def _grouped(ctx: Context, announcement_id: int) -> dict[str, list[tuple[int, str]]]:
    """Each recipient as (officer id, «unit — name») under the one state that describes them."""
    statuses = outbox_statuses_of(ctx.session, announcement_id=announcement_id)
    groups: dict[str, list[tuple[int, str]]] = {group: [] for group in GROUPS}
    for officer_id, name, unit, acknowledged in recipients_with_names(
        ctx.session, announcement_id=announcement_id
    ):
        rows = Counter(statuses.get(officer_id, []))
        if acknowledged:
            group = "ack"
        elif rows[OutboxStatus.SENT]:
            group = "sent"
        elif rows[OutboxStatus.PENDING]:
            group = "wait"
        elif rows[OutboxStatus.UNREACHABLE]:
            group = "unr"
        elif rows[OutboxStatus.FAILED]:
            group = "fail"
        else:
            group = "unb"
        groups[group].append((officer_id, f"{unit} — {name}"))
    return groups


def show_report(ctx: Context, announcement: Announcement) -> list[Reply]:
    assert announcement.id is not None
    grouped = _grouped(ctx, announcement.id)
    count = {group: len(members) for group, members in grouped.items()}
    waiting = {officer_id for officer_id, _ in grouped["wait"]}
    retrying = len(waiting & retrying_officers(ctx.session, announcement_id=announcement.id))
    author = officer_by_id(ctx.session, officer_id=announcement.author_id)
    text = texts.DELIVERY_REPORT.format(
        number=announcement.id,
        time=_time(ctx, announcement),
        author=author.full_name if author else "",
        audience=describe_audience(ctx, announcement.audience),
        snippet=_snippet(announcement.text, SNIPPET_REPORT),
        file=texts.DELIVERY_FILE.format(name=announcement.file_name)
        if announcement.file_name
        else "",
        total=sum(count.values()),
        sent=count["ack"] + count["sent"],
        acknowledged=count["ack"],
        unacknowledged=count["sent"],
        waiting=count["wait"],
        retrying=texts.DELIVERY_RETRYING.format(count=retrying) if retrying else "",
        unreachable=count["unr"],
        failed=texts.DELIVERY_FAILED_LINE.format(failed=count["fail"]) if count["fail"] else "",
        unbound=count["unb"],
    )
    group_buttons = [
        Button(
            f"{texts.DELIVERY_GROUP_NAMES[group]} ({count[group]})",
            payload("list", announcement.id, group),
        )
        for group in GROUPS
        if count[group]
    ]
    rows = tuple(tuple(group_buttons[i : i + 2]) for i in range(0, len(group_buttons), 2))
    if count["fail"]:
        resend = texts.DELIVERY_RESEND.format(count=count["fail"])
        rows += (
            (Button(resend, payload("resend", announcement.id, announcement.resend_round + 1)),),
        )
    rows += (
        (
            Button(texts.DELIVERY_REFRESH, payload("open", announcement.id)),
            Button(texts.DELIVERY_BACK, payload("all")),
        ),
    )
    return [Reply(text, buttons=rows)]


def show_group(ctx: Context, announcement: Announcement, group: str) -> list[Reply]:
    assert announcement.id is not None
    names = recipient_groups(ctx, announcement.id)[group]
    lines = [
        texts.DELIVERY_GROUP_HEADER.format(
            number=announcement.id, group=texts.DELIVERY_GROUP_NAMES[group], count=len(names)
        )
    ]
    lines += [f"• {name}" for name in names[:NAMES_LIMIT]] or [texts.DELIVERY_GROUP_EMPTY]
    if len(names) > NAMES_LIMIT:
        lines.append(texts.DELIVERY_GROUP_MORE.format(count=len(names) - NAMES_LIMIT))
    back = Button(texts.DELIVERY_BACK_TO_REPORT, payload("open", announcement.id))
    return [Reply("\n".join(lines), buttons=((back,),))]


def resend_failed(ctx: Context, announcement: Announcement, round_number: int) -> list[Reply]:
    """«Gửi lại»: a new outbox row, keyed for this round, for each chat of those who failed.

    Blocked and unbound people are left out: sending again cannot reach them. The round in the
    button's payload makes a second press (or a colleague's, at the same time) change nothing.
    """
    assert announcement.id is not None
    already = Reply(texts.DELIVERY_RESEND_ALREADY.format(number=announcement.id))
    if round_number <= announcement.resend_round:
        return [already, *show_report(ctx, announcement)]
    failed = {officer_id for officer_id, _ in _grouped(ctx, announcement.id)["fail"]}
    if not failed:
        return [Reply(texts.DELIVERY_RESEND_NONE.format(number=announcement.id))]
    if not start_resend_round(
        ctx.session, announcement_id=announcement.id, round_number=round_number
    ):
        return [already, *show_report(ctx, announcement)]
    latest_per_chat = {
        (row.channel, row.chat_id): row
        for row in outbox_rows(
            ctx.session, announcement_id=announcement.id, status=OutboxStatus.FAILED
        )
        if row.officer_id in failed
    }
    queued = requeue(
        ctx.session, rows=list(latest_per_chat.values()), round_tag=f"r{round_number}", now=ctx.now
    )
    audit(
        ctx,
        action=RESEND_ACTION,
        entity="announcement",
        entity_id=announcement.id,
        after={"round": round_number, "officers": sorted(failed), "rows": queued},
    )
    reply = Reply(texts.DELIVERY_RESENT.format(number=announcement.id, count=len(failed)))
    return [reply, *show_report(ctx, announcement)]


def acknowledge_announcement(ctx: Context, announcement_id: int) -> list[Reply]:
    """«Đã nhận»: recorded once, and only for someone the announcement was sent to."""
    assert ctx.officer is not None and ctx.officer.id is not None
    recipient = recipient_of(
        ctx.session, announcement_id=announcement_id, officer_id=ctx.officer.id
    )
    if recipient is None:
        return [Reply(texts.ACK_NOT_RECIPIENT)]
    if recipient.acknowledged_at is not None:
        time = ctx.local(recipient.acknowledged_at).strftime(texts.MOMENT_FORMAT)
        return [Reply(texts.ACK_ALREADY.format(number=announcement_id, time=time))]
    acknowledge(ctx.session, recipient=recipient, now=ctx.now)
    audit(
        ctx,
        action="announcement.ack",
        entity="announcement",
        entity_id=announcement_id,
        after={"officer_id": ctx.officer.id, "acknowledged_at": ctx.now.isoformat()},
    )
    return [Reply(texts.ACK_DONE.format(number=announcement_id))]


def _not_allowed() -> list[Reply]:
    roles = ", ".join(texts.ROLE_NAMES[role] for role in SECRETARIAT)
    return [Reply(texts.NOT_ALLOWED.format(name="thongbao", roles=roles))]


def press(ctx: Context, payload_text: str) -> list[Reply]:
    """A button of an announcement; only «Đã nhận» is for everyone, the rest for the secretariat."""
    assert ctx.officer is not None
    parts = payload_text.split(".")
    action, ids = parts[1] if len(parts) > 1 else "", parts[2:]
    if action == "ack" and len(ids) == 1 and ids[0].isdigit():
        return acknowledge_announcement(ctx, int(ids[0]))
    if ctx.officer.role not in SECRETARIAT:
        return _not_allowed()
    if action == "new" and not ids:
        return [start_form(ctx)]
    if action == "all" and not ids:
        return list_announcements(ctx)
    if action not in ("open", "list", "resend") or not ids or not ids[0].isdigit():
        return [Reply(texts.STALE_BUTTON)]
    announcement = announcement_by_id(ctx.session, announcement_id=int(ids[0]))
    if announcement is None:
        return [Reply(texts.DELIVERY_NOT_FOUND)]
    if action == "open" and len(ids) == 1:
        return show_report(ctx, announcement)
    if action == "list" and len(ids) == 2 and ids[1] in GROUPS:
        return show_group(ctx, announcement, ids[1])
    if action == "resend" and len(ids) == 2 and ids[1].isdigit():
        return resend_failed(ctx, announcement, int(ids[1]))
    return [Reply(texts.STALE_BUTTON)]
