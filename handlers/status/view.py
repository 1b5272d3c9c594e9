"""/tinhhinh and /tonghop: the figures as text for a phone, then as a PNG chart."""

from __future__ import annotations

from collections.abc import Sequence

from handlers import texts
from handlers.engine.context import Context
from handlers.engine.menu import refuse_unless_allowed
from handlers.engine.messages import Button, OutgoingFile, Reply
from handlers.identity.units import find_units
from handlers.review.confirmations import queue_of
from handlers.status.figures import (
    WAITING_SHOWN,
    Counts,
    DeadlineFigures,
    UnitFigures,
    load_unit,
)
from storage.models import Role, Unit
from storage.queries.roster import unit_by_id
from storage.queries.status import (
    WaitingReport,
    active_units,
    count_waiting,
    oldest_in_queue,
)

PAYLOAD_PREFIX = "s"
# The order of statuses in every count line, legend and chart.
STATUS_ORDER = ("confirmed", "sent", "returned")


def count_words(counts: Counts) -> str:
    """«2 đã xác nhận, 1 chờ xác nhận»: the non-zero statuses, in the usual order."""
    parts = [
        texts.STATUS_COUNT_PART.format(count=getattr(counts, status), status=_status_word(status))
        for status in STATUS_ORDER
        if getattr(counts, status)
    ]
    return ", ".join(parts)


def _status_word(status: str) -> str:
    return lower_first(texts.REPORT_STATUS_NAMES[status])


def lower_first(name: str) -> str:
    """«Đã xác nhận» as it reads inside a sentence: «đã xác nhận»."""
    return name[:1].lower() + name[1:]


def chart_values(counts: Counts) -> tuple[int, ...]:
    return tuple(getattr(counts, status) for status in STATUS_ORDER)


def status_series() -> tuple[str, ...]:
    return tuple(texts.REPORT_STATUS_NAMES[status] for status in STATUS_ORDER)


def deadline_line(deadline: DeadlineFigures) -> str:
    if deadline.passed:
        left = texts.STATUS_OVERDUE.format(days=deadline.overdue_days)
    elif deadline.days_left > 0:
        left = texts.STATUS_DAYS_LEFT.format(days=deadline.days_left)
    else:
        left = texts.STATUS_LAST_DAY
    return texts.STATUS_DEADLINE.format(wording=deadline.wording, left=left)


def _dossier_state(ctx: Context, figures: UnitFigures) -> str:
    dossier = figures.dossier
    if dossier.status is None:
        return texts.STATUS_DOSSIER_NOT_STARTED
    status = texts.AWARD_DOSSIER_STATUS_NAMES[dossier.status]
    if dossier.status == "returned":
        return texts.STATUS_DOSSIER_RETURNED.format(status=status, reason=dossier.return_reason)
    if dossier.submitted_at is not None and dossier.status != "draft":
        return texts.STATUS_DOSSIER_SENT.format(
            status=status,
            time=ctx.local(dossier.submitted_at).strftime("%d/%m/%Y %H:%M"),
            late=texts.STATUS_DOSSIER_LATE if dossier.late else "",
        )
    return status


def unit_text(ctx: Context, figures: UnitFigures, for_head: bool) -> str:
    """The unit at a glance, in short blocks a phone shows without sideways scrolling."""
    lines = [
        texts.STATUS_TITLE.format(unit=figures.name, code=figures.code),
        deadline_line(figures.deadline),
        "",
        texts.STATUS_MEMBERS.format(count=len(figures.members)),
    ]
    for number, member in enumerate(figures.members, start=1):
        lines.append(
            texts.STATUS_MEMBER_LINE.format(
                number=number,
                name=member.full_name,
                head=texts.STATUS_HEAD_MARK if member.role == Role.UNIT_HEAD else "",
                counts=count_words(member.counts) or texts.STATUS_NO_REPORT,
            )
        )
    total = figures.counts
    silent = sum(1 for member in figures.members if not member.counts.total)
    lines.append(
        texts.STATUS_UNIT_TOTAL.format(
            total=total.total,
            counts=count_words(total) or texts.STATUS_NO_REPORTS,
            silent=silent,
            members=len(figures.members),
        )
    )
    covered = sum(1 for c in figures.criteria if c.counts.confirmed)
    lines += ["", texts.STATUS_CRITERIA.format(covered=covered, count=len(figures.criteria))]
    for criterion in figures.criteria:
        template = (
            texts.STATUS_CRITERION_COVERED
            if criterion.counts.confirmed
            else texts.STATUS_CRITERION_PENDING
            if criterion.counts.total
            else texts.STATUS_CRITERION_NONE
        )
        lines.append(template.format(label=criterion.label, counts=count_words(criterion.counts)))
    ward_level = [c.letter or c.label for c in ctx.campaign.criteria if c.measured_on == "ward"]
    if ward_level:
        lines.append(texts.STATUS_WARD_CRITERIA.format(labels=", ".join(ward_level)))
    lines += ["", *_waiting_lines(ctx, figures, for_head)]
    lines += ["", *_nomination_lines(figures, for_head)]
    lines += ["", texts.STATUS_DOSSIER.format(state=_dossier_state(ctx, figures))]
    if figures.dossier.missing:
        lines.append(texts.STATUS_DOSSIER_MISSING)
        lines += [f"• {name}" for name in figures.dossier.missing]
    else:
        lines.append(texts.STATUS_DOSSIER_COMPLETE)
    return "\n".join(lines)


def _waiting_lines(ctx: Context, figures: UnitFigures, for_head: bool) -> list[str]:
    if for_head:
        return _head_waiting_lines(ctx, figures)
    if not figures.counts.sent:
        return [texts.STATUS_WAITING_NONE]
    return _listed_waiting(ctx, figures.counts.sent, figures.waiting)


def _listed_waiting(ctx: Context, count: int, shown: Sequence[WaitingReport]) -> list[str]:
    lines = [texts.STATUS_WAITING.format(count=count)]
    for report in shown:
        lines.append(
            texts.STATUS_WAITING_LINE.format(
                number=report.report_id,
                name=report.officer_name,
                time=ctx.local(report.submitted_at).strftime("%d/%m %H:%M"),
                title=report.title,
            )
        )
    if count > len(shown):
        lines.append(texts.STATUS_WAITING_MORE.format(count=count - len(shown)))
    return lines


def _head_waiting_lines(ctx: Context, figures: UnitFigures) -> list[str]:
    """What the head confirms, with the /xacnhan hint; the head's own and the unit's collective
    reports only counted, as another role confirms them."""
    queue = queue_of(ctx)
    mine = count_waiting(ctx.session, queue=queue) if queue else 0
    if mine and queue is not None:
        shown = oldest_in_queue(ctx.session, queue=queue, limit=WAITING_SHOWN)
        lines = [*_listed_waiting(ctx, mine, shown), texts.STATUS_WAITING_HINT]
    else:
        lines = [texts.STATUS_WAITING_NONE_YOURS]
    above = figures.counts.sent - mine
    if above > 0:
        rules = ctx.campaign.confirmation
        roles = dict.fromkeys((rules.head_reports, rules.collective_reports))
        confirmer = " hoặc ".join(texts.ROLE_NAMES[role] for role in roles)
        lines.append(texts.STATUS_WAITING_ABOVE.format(count=above, confirmer=confirmer))
    return lines


def _nomination_lines(figures: UnitFigures, for_head: bool) -> list[str]:
    if not figures.nominations:
        return [texts.STATUS_NOMINATIONS_NONE] + (
            [texts.STATUS_NOMINATIONS_HINT] if for_head else []
        )
    return [
        texts.STATUS_NOMINATIONS.format(count=len(figures.nominations)),
        *(f"• {title}" for title in figures.nominations),
    ]


def _short_name(full_name: str) -> str:
    """«Thanh Hương» for «Lý Thị Thanh Hương»: how colleagues name each other, and short."""
    return " ".join(full_name.split()[-2:])


def unit_chart(figures: UnitFigures) -> bytes:
    # Imported on first use: matplotlib weighs ~27 MB and most runs never draw a chart.
    from handlers.status.chart import BarPanel, stacked_bars_png

    members = BarPanel(
        texts.STATUS_CHART_MEMBERS,
        tuple(_short_name(m.full_name) for m in figures.members),
        tuple(chart_values(m.counts) for m in figures.members),
    )
    criteria = BarPanel(
        texts.STATUS_CHART_CRITERIA,
        tuple(c.letter or c.label for c in figures.criteria),
        tuple(chart_values(c.counts) for c in figures.criteria),
    )
    title = texts.STATUS_CHART_TITLE.format(code=figures.code)
    return stacked_bars_png(title, status_series(), (members, criteria))


def unit_replies(ctx: Context, unit: Unit, notice: str = "") -> list[Reply]:
    """The unit's status as text, then as a chart."""
    from handlers.status.chart import photo_sized

    figures = load_unit(ctx, unit)
    for_head = ctx.officer is not None and ctx.officer.role == Role.UNIT_HEAD
    text = unit_text(ctx, figures, for_head)
    png = unit_chart(figures)
    chart = OutgoingFile(f"tinh-hinh-{figures.code}.png", png, is_photo=photo_sized(png))
    return [Reply(f"{notice}\n\n{text}" if notice else text), Reply("", file=chart)]


# --- choosing the unit ------------------------------------------------------------------------


def _unit_buttons(units: list[Unit] | tuple[Unit, ...]) -> tuple[tuple[Button, ...], ...]:
    buttons = [Button(f"{u.code} — {u.name}", f"{PAYLOAD_PREFIX}.u.{u.id}") for u in units]
    return tuple((button,) for button in buttons)


def status_command(ctx: Context, args: str) -> list[Reply]:
    """/tinhhinh: a head sees their unit; the secretariat picks any unit, by button or by name."""
    officer = ctx.officer
    assert officer is not None
    if officer.role == Role.UNIT_HEAD:
        unit = unit_by_id(ctx.session, unit_id=officer.unit_id)
        assert unit is not None
        wanted = find_units(ctx, args) if args.strip() else [unit]
        notice = "" if unit in wanted else texts.STATUS_OWN_UNIT_ONLY
        return unit_replies(ctx, unit, notice)
    units = tuple(active_units(ctx.session))
    if not units:
        return [Reply(texts.STATUS_NO_UNITS)]
    if not args.strip():
        return [Reply(texts.STATUS_PICK_UNIT, buttons=_unit_buttons(units))]
    found = find_units(ctx, args)
    if len(found) == 1:
        return unit_replies(ctx, found[0])
    if not found:
        text = texts.STATUS_UNIT_NOT_FOUND.format(query=args.strip())
        return [Reply(text, buttons=_unit_buttons(units))]
    text = texts.STATUS_UNIT_MANY.format(count=len(found), query=args.strip())
    return [Reply(text, buttons=_unit_buttons(found))]


def press(ctx: Context, payload: str) -> list[Reply]:
    """A unit chosen from the list; a head reaches only their own unit, whatever the payload."""
    refused = refuse_unless_allowed(ctx, "tinhhinh")
    if refused is not None:
        return refused
    assert ctx.officer is not None
    parts = payload.split(".")
    if len(parts) != 3 or parts[1] != "u" or not parts[2].isdigit():
        return [Reply(texts.STALE_BUTTON)]
    unit = unit_by_id(ctx.session, unit_id=int(parts[2]))
    if unit is None or not unit.active:
        return [Reply(texts.STATUS_UNIT_GONE)]
    if ctx.officer.role == Role.UNIT_HEAD and unit.id != ctx.officer.unit_id:
        return [Reply(texts.STATUS_OTHER_UNIT)]
    return unit_replies(ctx, unit)
