"""/tonghop: the whole ward for the secretariat, unit by unit, as text and as a chart."""

from __future__ import annotations

from handlers import texts
from handlers.council.listing import round_summary
from handlers.engine.context import Context
from handlers.engine.messages import OutgoingFile, Reply
from handlers.status.figures import Counts, UnitRow, WardFigures, load_ward
from handlers.status.view import (
    chart_values,
    count_words,
    deadline_line,
    lower_first,
    status_series,
)
from handlers.status.ward_results import result_lines, ward_criteria


def _dossier_word(row: UnitRow) -> str:
    if row.dossier_status is None:
        return texts.STATUS_DOSSIER_NOT_STARTED
    word = lower_first(texts.AWARD_DOSSIER_STATUS_NAMES[row.dossier_status])
    return word + (texts.STATUS_DOSSIER_LATE if row.dossier_late else "")


def ward_text(ctx: Context, ward: WardFigures) -> str:
    """Every unit in three lines, then who is late, for the secretariat."""
    rows = ward.rows
    total = Counts.added(r.counts for r in rows)
    sent_dossiers = sum(1 for r in rows if r.dossier_sent)
    lines = [
        texts.OVERVIEW_TITLE.format(time=ctx.local(ctx.now).strftime("%d/%m/%Y %H:%M")),
        deadline_line(ward.deadline),
        texts.OVERVIEW_WARD.format(
            members=sum(r.members for r in rows),
            total=total.total,
            counts=count_words(total) or texts.STATUS_NO_REPORTS,
            nominations=sum(r.nominations for r in rows),
            sent=sent_dossiers,
            units=len(rows),
        ),
    ]
    if ward_criteria(ctx):
        lines += ["", texts.WARD_RESULTS_HEADER, *result_lines(ctx)]
    for row in rows:
        lines += [
            "",
            texts.OVERVIEW_UNIT.format(
                code=row.code,
                name=row.name,
                counts=count_words(row.counts) or texts.STATUS_NO_REPORTS,
                silent=row.silent,
                members=row.members,
                nominations=row.nominations,
                dossier=_dossier_word(row),
            ),
        ]
    lines += ["", *_late_lines(ward)]
    summary = round_summary(ctx)
    if summary:
        lines += ["", *summary]
    if rows:
        lines += ["", texts.OVERVIEW_HINT.format(code=rows[0].code)]
    return "\n".join(lines)


def _late_lines(ward: WardFigures) -> list[str]:
    overdue = [r.code for r in ward.rows if r.dossier_overdue(ward.deadline)]
    late = [r.code for r in ward.rows if r.dossier_late]
    silent = [
        texts.OVERVIEW_SILENT_UNIT.format(code=r.code, count=r.silent)
        for r in ward.rows
        if r.silent
    ]
    lines = [texts.OVERVIEW_LATE]
    if overdue:
        lines.append(texts.OVERVIEW_DOSSIER_OVERDUE.format(units=", ".join(overdue)))
    if late:
        lines.append(texts.OVERVIEW_DOSSIER_LATE.format(units=", ".join(late)))
    if silent:
        lines.append(texts.OVERVIEW_SILENT.format(units=", ".join(silent)))
    if len(lines) == 1:
        lines.append(texts.OVERVIEW_NOBODY_LATE)
    return lines


def ward_chart(ward: WardFigures) -> bytes:
    # Imported on first use: matplotlib weighs ~27 MB and most runs never draw a chart.
    from handlers.status.chart import BarPanel, stacked_bars_png

    panel = BarPanel(
        texts.OVERVIEW_CHART_UNITS,
        tuple(r.code for r in ward.rows),
        tuple(chart_values(r.counts) for r in ward.rows),
    )
    return stacked_bars_png(texts.OVERVIEW_CHART_TITLE, status_series(), (panel,))


def overview_command(ctx: Context, _args: str) -> list[Reply]:
    """/tonghop: the whole ward, as text and as a chart."""
    from handlers.status.chart import photo_sized

    ward = load_ward(ctx)
    png = ward_chart(ward)
    chart = OutgoingFile("tong-hop.png", png, is_photo=photo_sized(png))
    return [Reply(ward_text(ctx, ward)), Reply("", file=chart)]
