"""The queue of reports to confirm (/xacnhan): confirm, return with a reason, skip.

The campaign file says who confirms whose reports: an officer's by the head of their unit,
a head's own and every collective report by the ward's leadership (or the secretariat).
Nobody ever confirms their own report, so it never shows in their own queue.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from handlers import texts
from handlers.engine import forms
from handlers.engine.context import Context
from handlers.engine.forms import Answers, Finish, Form, Invalid, Outcome, Step, StepInput, register
from handlers.engine.messages import Button, OutgoingFile, Reply
from handlers.engine.notify import notify_officer
from handlers.reports.form import render_fields
from handlers.reports.store import report_answers, snapshot
from storage.models import Report, ReportScope, ReportStatus, Role
from storage.queries.audit import record_audit
from storage.queries.reports import report_by_id
from storage.queries.roster import officer_by_id, unit_by_id
from storage.queries.status import (
    Queue,
    count_own_waiting,
    count_waiting,
    next_waiting,
)

PAYLOAD_PREFIX = "c"
# More files than this are listed by name instead of being sent again one by one.
MAX_FILES_SENT = 5
REASON_MIN, REASON_MAX = 5, 1000


def version(ctx: Context, report: Report) -> str:
    """A short mark of the report's content and last change, carried in buttons.

    A press whose mark no longer matches was made on a report that changed since it was shown.
    """
    seen = snapshot(ctx, report) | {"updated_at": report.updated_at.isoformat()}
    return hashlib.sha256(json.dumps(seen, sort_keys=True).encode()).hexdigest()[:12]


def _payload(action: str, report: Report | None = None, mark: str = "") -> str:
    if report is None:
        return f"{PAYLOAD_PREFIX}.{action}"
    return f"{PAYLOAD_PREFIX}.{action}.{report.id}.{mark}"


def _key(report: Report) -> tuple[datetime, int]:
    assert report.id is not None
    return report.submitted_at, report.id


def queue_of(ctx: Context) -> Queue | None:
    """The reports the acting officer confirms under the campaign file; None if none."""
    officer = ctx.officer
    if officer is None or officer.id is None:
        return None
    rules = ctx.campaign.confirmation
    queue = Queue(
        confirmer_id=officer.id,
        unit_id=officer.unit_id if officer.role == Role.UNIT_HEAD else None,
        officer_reports=rules.officer_reports == officer.role,
        head_reports=rules.head_reports == officer.role,
        collective_reports=rules.collective_reports == officer.role,
    )
    if queue.officer_reports or queue.head_reports or queue.collective_reports:
        return queue
    return None


def confirmer_role(ctx: Context, report: Report, author_role: str) -> str:
    """The role that confirms this report, as the campaign file says."""
    collective = report.scope == ReportScope.COLLECTIVE
    return ctx.campaign.confirmation.confirmer(collective=collective, author_role=author_role)


def _own_confirmer(ctx: Context) -> str:
    """Who confirms the acting officer's own individual reports, as a role name."""
    assert ctx.officer is not None
    rules = ctx.campaign.confirmation
    return texts.ROLE_NAMES[rules.confirmer(collective=False, author_role=ctx.officer.role)]


def queue_command(ctx: Context, _args: str) -> list[Reply]:
    return show_next(ctx)


def show_next(ctx: Context, after: Report | None = None, notice: str = "") -> list[Reply]:
    """The next report of the queue (after a position, or from the start), or the end of it."""
    queue = queue_of(ctx)
    if queue is None:
        return [Reply(texts.CONFIRM_NOT_ALLOWED)]
    report = next_waiting(
        ctx.session, queue=queue, after=_key(after) if after is not None else None
    )
    if report is not None:
        return _show_report(ctx, queue, report, notice)
    waiting = count_waiting(ctx.session, queue=queue)
    lines = [notice] if notice else []
    buttons: tuple[tuple[Button, ...], ...] = ()
    if waiting:
        lines.append(texts.CONFIRM_QUEUE_END.format(count=waiting))
        buttons = ((Button(texts.CONFIRM_FROM_START, _payload("first")),),)
    else:
        lines.append(texts.CONFIRM_QUEUE_EMPTY)
    own = count_own_waiting(ctx.session, officer_id=queue.confirmer_id)
    if own:
        lines.append(texts.CONFIRM_OWN_WAITING.format(count=own, confirmer=_own_confirmer(ctx)))
    return [Reply("\n\n".join(lines), buttons=buttons)]


def _show_report(ctx: Context, queue: Queue, report: Report, notice: str) -> list[Reply]:
    """One report with its details, its files sent again, and the confirmer's three buttons."""
    assert report.id is not None
    total = count_waiting(ctx.session, queue=queue)
    ahead = count_waiting(ctx.session, queue=queue, before=_key(report))
    author = officer_by_id(ctx.session, officer_id=report.officer_id)
    unit = unit_by_id(ctx.session, unit_id=report.unit_id)
    answers = report_answers(ctx, report)
    status = texts.REPORT_STATUS_NAMES[report.status]
    sender = texts.CONFIRM_SENDER.format(
        name=author.full_name if author else "",
        position=f" ({author.position})" if author and author.position else "",
        unit=unit.name if unit else "",
        time=ctx.local(report.submitted_at).strftime("%d/%m/%Y %H:%M"),
    )
    header = texts.CONFIRM_HEADER.format(position=ahead + 1, total=total)
    text = f"{header}\n{sender}\n\n{render_fields(ctx, answers, str(report.id), status)}"
    if notice:
        text = f"{notice}\n\n{text}"
    mark = version(ctx, report)
    buttons = (
        (
            Button(texts.CONFIRM_OK, _payload("ok", report, mark)),
            Button(texts.CONFIRM_RETURN, _payload("ret", report, mark)),
        ),
        (Button(texts.CONFIRM_SKIP, _payload("skip", report, mark)),),
    )
    files = _evidence_files(ctx, answers["evidence"])
    if not files:
        return [Reply(text, buttons=buttons)]
    ask = Reply(texts.CONFIRM_ASK.format(number=report.id), buttons=buttons)
    return [Reply(text), *files, ask]


def _evidence_files(ctx: Context, items: list[dict[str, Any]]) -> list[Reply]:
    """The report's files as replies to send again; a note instead when there are too many."""
    stored = [item for item in items if item["kind"] != "link"]
    if len(stored) > MAX_FILES_SENT:
        return [Reply(texts.CONFIRM_TOO_MANY_FILES.format(count=len(stored)))]
    replies: list[Reply] = []
    for item in stored:
        try:
            content = ctx.files.read(item["sha256"])
        except OSError:
            replies.append(Reply(texts.CONFIRM_FILE_MISSING.format(name=item["name"])))
            continue
        photo = item["kind"] == "photo"
        replies.append(Reply("", file=OutgoingFile(item["name"], content, is_photo=photo)))
    return replies


def _changed(ctx: Context, report: Report, seen_version: str) -> str | None:
    """Why the report shown with this version can no longer be decided on, or None."""
    if report.status == ReportStatus.CONFIRMED:
        return texts.CONFIRM_NOW_CONFIRMED.format(number=report.id)
    if report.status == ReportStatus.RETURNED:
        return texts.CONFIRM_NOW_RETURNED.format(number=report.id)
    if report.status == ReportStatus.WITHDRAWN:
        return texts.CONFIRM_NOW_WITHDRAWN.format(number=report.id)
    if seen_version != version(ctx, report):
        return texts.CONFIRM_NOW_EDITED.format(number=report.id)
    return None


def _decidable(ctx: Context, report_id: int) -> Report | str:
    """A report the acting officer may decide on, or the refusal to show instead."""
    queue = queue_of(ctx)
    if queue is None or ctx.officer is None:
        return texts.CONFIRM_NOT_ALLOWED
    report = report_by_id(ctx.session, report_id=report_id)
    if report is None:
        return texts.CONFIRM_NOT_FOUND
    if report.officer_id == ctx.officer.id:
        return texts.CONFIRM_OWN_REPORT
    author = officer_by_id(ctx.session, officer_id=report.officer_id)
    in_unit = queue.unit_id is None or report.unit_id == queue.unit_id
    if (
        not in_unit
        or author is None
        or confirmer_role(ctx, report, author.role) != ctx.officer.role
    ):
        return texts.CONFIRM_NOT_FOUND
    return report


def press(ctx: Context, payload: str) -> list[Reply]:
    """A button of /xacnhan; the role, the unit and the report's state are checked again."""
    if queue_of(ctx) is None:
        return [Reply(texts.CONFIRM_NOT_ALLOWED)]
    if forms.active_form(ctx) is not None:
        return forms.stale_button_replies(ctx)
    parts = payload.split(".")
    if parts[1:] == ["first"]:
        return show_next(ctx)
    if len(parts) != 4 or not parts[2].isdigit() or parts[1] not in {"ok", "ret", "skip"}:
        return [Reply(texts.STALE_BUTTON)]
    found = _decidable(ctx, int(parts[2]))
    if isinstance(found, str):
        return [Reply(found)]
    if parts[1] == "skip":
        return show_next(ctx, after=found)
    problem = _changed(ctx, found, parts[3])
    if problem is not None:
        return show_next(ctx, notice=problem)
    if parts[1] == "ok":
        return _confirm(ctx, found)
    answers = {"report_id": found.id, "version": parts[3], "title": found.title}
    return [forms.start(ctx, RETURN_FORM, answers)]


def _decide(ctx: Context, report: Report, status: ReportStatus, reason: str) -> int:
    """Set the confirmer's decision on the report and audit it; returns the audit entry's id."""
    assert ctx.officer is not None and ctx.officer.id is not None and report.id is not None
    head_id = ctx.officer.id
    before = snapshot(ctx, report) | {"return_reason": report.return_reason}
    report.status = status
    report.return_reason = reason
    report.reviewed_by = head_id
    report.reviewed_at = ctx.now
    report.updated_at = ctx.now
    ctx.session.add(report)
    action = "report.confirm" if status == ReportStatus.CONFIRMED else "report.return"
    entry = record_audit(
        ctx.session,
        at=ctx.now,
        actor_officer_id=head_id,
        channel=ctx.incoming.channel,
        action=action,
        entity="report",
        entity_id=report.id,
        before=before,
        after=snapshot(ctx, report) | {"return_reason": reason, "reviewed_by": head_id},
    )
    assert entry.id is not None
    return entry.id


def _by(ctx: Context) -> dict[str, str]:
    """Who decided, as the notice to the author names them."""
    assert ctx.officer is not None
    return {"by": ctx.officer.full_name, "role": texts.ROLE_NAMES[ctx.officer.role]}


def _told(notified: bool) -> str:
    return texts.CONFIRM_TOLD if notified else texts.CONFIRM_NOT_TOLD


def _author_name(ctx: Context, report: Report) -> str:
    author = officer_by_id(ctx.session, officer_id=report.officer_id)
    return author.full_name if author else ""


def _confirm(ctx: Context, report: Report) -> list[Reply]:
    assert ctx.officer is not None
    entry_id = _decide(ctx, report, ReportStatus.CONFIRMED, "")
    told = notify_officer(
        ctx,
        officer_id=report.officer_id,
        key=f"report.confirm.{report.id}.{entry_id}",
        text=texts.CONFIRM_NOTICE_CONFIRMED.format(
            number=report.id, title=report.title, **_by(ctx)
        ),
    )
    done = texts.CONFIRM_CONFIRMED.format(number=report.id, name=_author_name(ctx, report))
    return show_next(ctx, after=report, notice=f"{done} {_told(told)}")


# --- the reason for returning: a form of one step -------------------------------------------


def _reason_prompt(_ctx: Context, answers: Answers) -> str:
    return texts.CONFIRM_ASK_REASON.format(number=answers["report_id"], title=answers["title"])


def _take_reason(_ctx: Context, answers: Answers, given: StepInput) -> Outcome:
    if given.attachment is not None or given.choice is not None:
        raise Invalid(texts.TEXT_EXPECTED)
    reason = given.text.strip()
    if len(reason) < REASON_MIN:
        raise Invalid(texts.TEXT_TOO_SHORT.format(minimum=REASON_MIN))
    if len(reason) > REASON_MAX:
        raise Invalid(texts.TEXT_TOO_LONG.format(length=len(reason), maximum=REASON_MAX))
    answers["reason"] = reason
    return Finish()


def _complete_return(ctx: Context, answers: Answers) -> list[Reply]:
    """Return the report, unless it changed while the head was typing the reason."""
    assert ctx.officer is not None
    found = _decidable(ctx, int(answers["report_id"]))
    if isinstance(found, str):
        return [Reply(found)]
    problem = _changed(ctx, found, answers["version"])
    if problem is not None:
        return show_next(ctx, notice=problem)
    reason = answers["reason"]
    entry_id = _decide(ctx, found, ReportStatus.RETURNED, reason)
    told = notify_officer(
        ctx,
        officer_id=found.officer_id,
        key=f"report.return.{found.id}.{entry_id}",
        text=texts.CONFIRM_NOTICE_RETURNED.format(
            number=found.id, title=found.title, reason=reason, **_by(ctx)
        ),
    )
    done = texts.CONFIRM_RETURNED.format(number=found.id, name=_author_name(ctx, found))
    return show_next(ctx, after=found, notice=f"{done} {_told(told)}")


RETURN_FORM = register(
    Form(
        name="confirm_return",
        command="xacnhan",
        title=texts.CONFIRM_RETURN_TITLE,
        steps=(Step("reason", _reason_prompt, _take_reason, free_text=True),),
        complete=_complete_return,
    )
)
