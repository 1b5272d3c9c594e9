"""Reminders and deadline notices: the words. What each notice says to its recipient, exactly
what is still missing and the command that does it; the texts of /tamdung and of the admin's
list of notices. When they fire: reminder_schedule; to whom: reminder_audiences; the firing
itself: reminder_firing."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from handlers import texts
from handlers.campaign.file import Campaign
from handlers.campaign.working_time import WorkingTime
from handlers.reminders.audiences import (
    Missing,
    MissingMembers,
    NoReport,
    ReturnedReports,
    Target,
    UnitDigest,
    WardSummary,
)
from handlers.reminders.facts import DossierState, MemberState, ReportOf, UnitState
from handlers.reminders.schedule import Occurrence, Schedule, last_day
from storage.models import DossierStatus, ReminderPause, ReportStatus

# Longer lists are cut (a Telegram message holds 4096 characters); the rest is counted.
LIST_LIMIT = 20
DATE = "%d/%m/%Y"
MOMENT = "%H:%M %d/%m/%Y"


def time_left(plan: Schedule, moment: datetime) -> str:
    """How the moment stands to the deadline, in words."""
    today = moment.astimezone(plan.working.zone).date()
    last = last_day(plan.deadline, plan.working)
    if today > last:
        return texts.REMIND_OVERDUE.format(days=(today - last).days)
    if today == last:
        return texts.REMIND_LAST_DAY
    final = last if plan.working.is_working_day(last) else plan.working.previous_working_day(last)
    if today == final:
        return texts.REMIND_LAST_WORKING_DAY
    return texts.REMIND_TIME_LEFT.format(days=(last - today).days)


def notice_text(
    campaign: Campaign,
    occurrence: Occurrence,
    target: Target,
    fields: dict[str, str],
    working: WorkingTime,
) -> str:
    """The rule's text filled in for one recipient, with the way to pause at the end."""
    body = occurrence.rule.text.format(
        name=target.officer.full_name,
        unit=target.unit.name,
        missing=describe(campaign, target.missing, working),
        **fields,
    )
    return f"{body}\n\n{texts.REMIND_FOOTER}"


def describe(campaign: Campaign, missing: Missing, working: WorkingTime) -> str:
    """Exactly what is still to do, with the command that does it."""
    if isinstance(missing, NoReport):
        return texts.REMIND_NO_REPORT
    if isinstance(missing, ReturnedReports):
        lines = [
            texts.REMIND_RETURNED_LINE.format(number=r.id, title=r.title, reason=r.return_reason)
            for r in missing.reports
        ]
        return "\n".join([texts.REMIND_RETURNED_HEADER, *_cut(lines)])
    if isinstance(missing, UnitDigest):
        return _digest(campaign, missing, working)
    if isinstance(missing, MissingMembers):
        lines = [texts.REMIND_MEMBER_LINE.format(name=_member(m, working)) for m in missing.members]
        return "\n".join([texts.REMIND_MEMBERS_OVERDUE.format(count=len(lines)), *_cut(lines)])
    if isinstance(missing, WardSummary):
        return _summary(missing.units)
    lines = [
        texts.REMIND_UNIT_LINE.format(unit=s.unit.name, dossier=_dossier_short(s.dossier))
        for s in missing.units
    ]
    return "\n".join([texts.REMIND_UNITS_MISSING.format(count=len(lines)), *_cut(lines)])


def _digest(campaign: Campaign, digest: UnitDigest, working: WorkingTime) -> str:
    lines = []
    if digest.waiting:
        lines.append(
            texts.REMIND_WAITING.format(count=len(digest.waiting), reports=_reports(digest.waiting))
        )
    if digest.returned:
        lines.append(
            texts.REMIND_UNIT_RETURNED.format(
                count=len(digest.returned), reports=_reports(digest.returned)
            )
        )
    if digest.missing:
        missing = [_member(m, working) for m in digest.missing]
        lines.append(
            texts.REMIND_MEMBERS_MISSING.format(count=len(missing), names=_joined(missing))
        )
    lines.append(_dossier_line(campaign, digest.dossier))
    if digest.paused:
        paused = [_member(m, working) for m in digest.paused]
        lines.append(texts.REMIND_MEMBERS_PAUSED.format(names=_joined(paused)))
    return "\n".join(lines)


def _reports(reports: tuple[ReportOf, ...]) -> str:
    """Reports as "số 12 của Nguyễn Văn A"."""
    return _joined([texts.REMIND_REPORT_OF.format(number=r.id, name=name) for r, name in reports])


def pause_ends(pause: ReminderPause, zone: ZoneInfo) -> dict[str, str]:
    """When a pause ends, as a moment ("time") and, for leave, as its last whole day ("day")."""
    until = pause.until.astimezone(zone)
    last = (until - timedelta(microseconds=1)).strftime(DATE)
    return {"time": until.strftime(MOMENT), "day": last}


def _member(member: MemberState, working: WorkingTime) -> str:
    marks = []
    if member.has_returned:
        marks.append(texts.REMIND_RETURNED_MARK)
    if member.pause is not None:
        mark = texts.REMIND_ON_LEAVE_MARK if member.pause.on_leave else texts.REMIND_PAUSED_MARK
        marks.append(mark.format(**pause_ends(member.pause, working.zone)))
    name = member.officer.full_name
    return f"{name} ({'; '.join(marks)})" if marks else name


def _dossier_line(campaign: Campaign, dossier: DossierState) -> str:
    if dossier.done:
        return texts.REMIND_DOSSIER_DONE.format(state=_dossier_short(dossier))
    if dossier.status == DossierStatus.RETURNED:
        return texts.REMIND_DOSSIER_RETURNED.format(reason=dossier.return_reason)
    if not dossier.has_nominations:
        return texts.REMIND_DOSSIER_NO_NOMINATION
    if not dossier.gaps:
        return texts.REMIND_DOSSIER_READY
    documents = {d.code: d.name for d in campaign.dossier_documents}
    named = [
        texts.REMIND_DOCUMENT_OF.format(document=documents[gap.document_code], nominee=nominee)
        if nominee
        else documents[gap.document_code]
        for gap, nominee in dossier.gaps
    ]
    return texts.REMIND_DOSSIER_GAPS.format(documents=_joined(named, separator="; "))


def _dossier_short(dossier: DossierState) -> str:
    state = texts.REMIND_DOSSIER_STATES[dossier.status or "none"]
    if dossier.done:
        return state + (texts.REMIND_DOSSIER_LATE if dossier.late else "")
    if not dossier.has_nominations:
        return state + texts.REMIND_DOSSIER_NOMINEES_NONE
    if dossier.gaps:
        return state + texts.REMIND_DOSSIER_GAP_COUNT.format(count=len(dossier.gaps))
    return state


def _summary(units: tuple[UnitState, ...]) -> str:
    lines = [
        texts.REMIND_SUMMARY_UNIT.format(
            unit=s.unit.name,
            reported=s.reported,
            members=s.members,
            waiting=s.reports.get(ReportStatus.SENT, 0),
            confirmed=s.reports.get(ReportStatus.CONFIRMED, 0),
            returned=s.reports.get(ReportStatus.RETURNED, 0),
            dossier=_dossier_short(s.dossier),
        )
        for s in units
    ]
    not_sent = [s.unit.name for s in units if not s.dossier.done]
    closing = (
        texts.REMIND_SUMMARY_NOT_SENT.format(count=len(not_sent), units=_joined(not_sent))
        if not_sent
        else texts.REMIND_SUMMARY_ALL_SENT
    )
    return "\n".join([*_cut(lines), closing])


def _cut(lines: list[str]) -> list[str]:
    """At most LIST_LIMIT lines, and a count of the rest."""
    if len(lines) <= LIST_LIMIT:
        return lines
    return [*lines[:LIST_LIMIT], texts.REMIND_MORE.format(count=len(lines) - LIST_LIMIT)]


def _joined(items: list[str], separator: str = ", ") -> str:
    """Items in one line, at most LIST_LIMIT, and a count of the rest."""
    shown = separator.join(items[:LIST_LIMIT])
    rest = len(items) - LIST_LIMIT
    return f"{shown} {texts.REMIND_MORE.format(count=rest)}" if rest > 0 else shown
