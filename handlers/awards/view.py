"""Nominations as /dexuat, /hoso and /tiepnhan show them: who, which award, on what grounds."""

from __future__ import annotations

from collections.abc import Sequence

from handlers import texts
from handlers.campaign.sections import Standard, StandardOption
from handlers.engine.context import Context
from handlers.reports.form import criterion_label
from storage.models import Nomination, Report, ReportStatus
from storage.queries.awards import linked_reports
from storage.queries.council import recognised_report_ids
from storage.queries.roster import officer_by_id, unit_by_id


def find_standard(ctx: Context, code: str) -> Standard | None:
    return next((s for s in ctx.campaign.standards if s.code == code), None)


def find_option(standard: Standard | None, code: str) -> StandardOption | None:
    if standard is None:
        return None
    return next((o for o in standard.options if o.code == code), None)


def nominee_name(ctx: Context, *, unit_id: int, officer_id: int | None) -> str:
    """The officer's name, or the unit as a collective."""
    if officer_id is not None:
        officer = officer_by_id(ctx.session, officer_id=officer_id)
        return officer.full_name if officer else str(officer_id)
    unit = unit_by_id(ctx.session, unit_id=unit_id)
    return texts.AWARD_COLLECTIVE_NOMINEE.format(unit=unit.name if unit else unit_id)


def award_name(ctx: Context, code: str) -> str:
    return next((a.name for a in ctx.campaign.awards if a.code == code), code)


def nomination_title(ctx: Context, nomination: Nomination) -> str:
    """«Mai Thị Kim Oanh — Giấy khen»: how a nomination is named in lists."""
    nominee = nominee_name(ctx, unit_id=nomination.unit_id, officer_id=nomination.officer_id)
    return texts.AWARD_NOMINATION_TITLE.format(
        nominee=nominee, award=award_name(ctx, nomination.award_code)
    )


def describe_standard(ctx: Context, standard_code: str, option_code: str) -> str:
    standard = find_standard(ctx, standard_code)
    if standard is None:
        return texts.AWARD_STANDARD_UNKNOWN.format(code=standard_code)
    option = find_option(standard, option_code)
    if option is not None:
        return texts.AWARD_STANDARD_OPTION.format(label=option.label, source=standard.source)
    return texts.AWARD_STANDARD_BY_LAW.format(
        legal_basis=standard.legal_basis, source=standard.source
    )


def report_line(ctx: Context, report: Report) -> str:
    return texts.AWARD_REPORT_LINE.format(
        number=report.id,
        title=report.title,
        criterion=criterion_label(ctx, report.criterion_code),
        initiative=texts.AWARD_REPORT_INITIATIVE if report.is_initiative else "",
    )


def advice_lines(
    ctx: Context, standard_code: str, option_code: str, reports: Sequence[Report]
) -> list[str]:
    """What the bot can check of the standard, as advice: what is missing, and what it cannot."""
    standard = find_standard(ctx, standard_code)
    option = find_option(standard, option_code)
    confirmed = [r for r in reports if r.status == ReportStatus.CONFIRMED]
    lines = [texts.AWARD_ADVICE_HEADER.format(council=ctx.campaign.campaign.bodies.council)]
    lines.append(texts.AWARD_ADVICE_BACKED if confirmed else texts.AWARD_ADVICE_NO_REPORT)
    initiatives = [r.id for r in confirmed if r.is_initiative and r.id is not None]
    if option is not None and option.requires_initiative and not initiatives:
        lines.append(texts.AWARD_ADVICE_NEEDS_INITIATIVE.format(option=option.label))
    elif (
        option is not None
        and option.requires_initiative
        # An initiative counts as recognised only once recorded so, not by the officer's "Có".
        and not recognised_report_ids(ctx.session, report_ids=initiatives)
    ):
        lines.append(texts.AWARD_ADVICE_NOT_RECOGNISED.format(option=option.label))
    if standard is not None and standard.common_condition:
        lines.append(texts.AWARD_ADVICE_COMMON.format(condition=standard.common_condition))
    if standard is not None and standard.rule == "by_law":
        lines.append(
            texts.AWARD_ADVICE_BY_LAW.format(text=standard.text, legal_basis=standard.legal_basis)
        )
    return lines


def render_nomination(
    ctx: Context,
    *,
    nominee: str,
    award_code: str,
    standard_code: str,
    option_code: str,
    reports: Sequence[Report],
) -> str:
    """A nomination, stored or still a draft, with the bot's advice under it."""
    award = ctx.campaign.award(award_code)
    listed = "\n".join(f"• {report_line(ctx, r)}" for r in reports) or texts.AWARD_NO_REPORTS
    detail = texts.AWARD_DETAIL.format(
        nominee=nominee,
        award=award.name,
        granted_by=award.granted_by,
        standard=describe_standard(ctx, standard_code, option_code),
        reports=listed,
    )
    advice = "\n".join(advice_lines(ctx, standard_code, option_code, reports))
    return f"{detail}\n\n{advice}"


def render_stored_nomination(ctx: Context, nomination: Nomination) -> str:
    assert nomination.id is not None
    return render_nomination(
        ctx,
        nominee=nominee_name(ctx, unit_id=nomination.unit_id, officer_id=nomination.officer_id),
        award_code=nomination.award_code,
        standard_code=nomination.standard_code,
        option_code=nomination.option_code,
        reports=linked_reports(ctx.session, nomination_id=nomination.id),
    )
