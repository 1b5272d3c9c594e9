"""The officer's own reports (/cuatoi): list, open, edit, withdraw."""

from __future__ import annotations

from handlers import texts
from handlers.engine import forms
from handlers.engine.context import Context
from handlers.engine.messages import Button, Reply
from handlers.reports.form import REPORT_FORM, render_fields
from handlers.reports.store import (
    editable_report,
    lock_reason,
    report_answers,
    withdraw_report,
)
from storage.models import Report
from storage.queries.reports import latest_reports_of_officer

PAYLOAD_PREFIX = "r"
LIST_LIMIT = 10


def _payload(action: str, report_id: int | None = None) -> str:
    return (
        f"{PAYLOAD_PREFIX}.{action}"
        if report_id is None
        else f"{PAYLOAD_PREFIX}.{action}.{report_id}"
    )


def list_reports(ctx: Context) -> list[Reply]:
    assert ctx.officer is not None and ctx.officer.id is not None
    shown, count = latest_reports_of_officer(
        ctx.session, officer_id=ctx.officer.id, limit=LIST_LIMIT
    )
    if not shown:
        return [Reply(texts.MINE_EMPTY)]
    lines = [texts.MINE_HEADER.format(count=count)]
    for report in shown:
        status = texts.REPORT_STATUS_NAMES[report.status]
        lines.append(texts.MINE_LINE.format(number=report.id, title=report.title, status=status))
    if count > len(shown):
        lines.append(texts.MINE_MORE.format(count=count - len(shown)))
    buttons = [Button(texts.OPEN_REPORT.format(number=r.id), _payload("open", r.id)) for r in shown]
    rows = tuple(tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2))
    return [Reply("\n".join(lines), buttons=rows)]


def show_report(ctx: Context, report: Report) -> list[Reply]:
    assert report.id is not None
    answers = report_answers(ctx, report)
    text = render_fields(ctx, answers, str(report.id), texts.REPORT_STATUS_NAMES[report.status])
    local = ctx.local(report.submitted_at).strftime("%d/%m/%Y %H:%M")
    text += "\n" + texts.SUBMITTED_AT.format(time=local)
    if report.return_reason:
        text += "\n" + texts.RETURN_REASON.format(reason=report.return_reason)
    row: list[Button] = []
    if lock_reason(report) is None:
        row = [
            Button(texts.EDIT_REPORT, _payload("edit", report.id)),
            Button(texts.WITHDRAW_REPORT, _payload("wd", report.id)),
        ]
    buttons = (tuple(row), (Button(texts.BACK_TO_LIST, _payload("list")),))
    return [Reply(text, buttons=tuple(r for r in buttons if r))]


def press(ctx: Context, payload: str) -> list[Reply]:
    """A button of /cuatoi; a payload naming someone else's report finds nothing."""
    parts = payload.split(".")
    if parts[1:] == ["list"]:
        return list_reports(ctx)
    if len(parts) != 3 or not parts[2].isdigit():
        return [Reply(texts.STALE_BUTTON)]
    action, report = parts[1], editable_report(ctx, int(parts[2]))
    if report is None:
        return [Reply(texts.REPORT_NOT_FOUND)]
    assert report.id is not None
    if action == "open":
        return show_report(ctx, report)
    reason = lock_reason(report)
    if reason is not None:
        return [Reply(reason)]
    if action == "edit":
        return [forms.start(ctx, REPORT_FORM, report_answers(ctx, report), at="summary")]
    if action == "wd":
        return [
            Reply(
                texts.ASK_WITHDRAW.format(number=report.id, title=report.title),
                buttons=(
                    (
                        Button(texts.CONFIRM_WITHDRAW, _payload("wdok", report.id)),
                        Button(texts.KEEP_REPORT, _payload("keep", report.id)),
                    ),
                ),
            )
        ]
    if action == "wdok":
        return withdraw_report(ctx, report)
    if action == "keep":
        return [Reply(texts.WITHDRAW_KEPT.format(number=report.id))]
    return [Reply(texts.STALE_BUTTON)]
