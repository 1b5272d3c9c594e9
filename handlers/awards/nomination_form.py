"""The nomination form (/dexuat): nominee, award, standard and option, backing reports, advice."""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from handlers import texts
from handlers.awards.nomination_store import save_nomination
from handlers.awards.view import find_standard, nominee_name, render_nomination
from handlers.campaign.sections import Standard, Subject
from handlers.engine import forms
from handlers.engine.context import Context
from handlers.engine.forms import (
    Answers,
    Cancel,
    Choice,
    Finish,
    Form,
    GoTo,
    Invalid,
    Outcome,
    Stay,
    Step,
    StepInput,
    Store,
    register,
)
from storage.models import Report, ReportScope
from storage.queries.awards import active_nominations, backing_reports, unit_members

TITLE_CHARS = 40
FULL_OPTIONS = "_full"


def _unit_id(ctx: Context) -> int:
    assert ctx.officer is not None
    return ctx.officer.unit_id


def _subject(answers: Answers) -> Subject:
    return cast(Subject, answers["subject"])


# --- nominee ------------------------------------------------------------------------------


def _subject_choices(_ctx: Context, _answers: Answers) -> Sequence[Choice]:
    return [Choice(value, label) for value, label in texts.SCOPE_NAMES.items()]


def _take_subject(_ctx: Context, _answers: Answers, given: StepInput) -> Outcome:
    return Store(forms.chosen(given, list(texts.SCOPE_NAMES)))


def _individual(_ctx: Context, answers: Answers) -> bool:
    return answers.get("subject") == ReportScope.INDIVIDUAL


def _officer_choices(ctx: Context, _answers: Answers) -> Sequence[Choice]:
    members = unit_members(ctx.session, unit_id=_unit_id(ctx))
    return [Choice(str(m.id), m.full_name) for m in members]


def _take_officer(ctx: Context, answers: Answers, given: StepInput) -> Outcome:
    allowed = [c.value for c in _officer_choices(ctx, answers)]
    return Store(int(forms.chosen(given, allowed)))


def _nominee(ctx: Context, answers: Answers) -> str:
    return nominee_name(ctx, unit_id=_unit_id(ctx), officer_id=answers.get("officer"))


# --- award, standard, option --------------------------------------------------------------


def _award_prompt(ctx: Context, _answers: Answers) -> str:
    lines = [
        texts.NOMINATE_AWARD_LINE.format(
            name=a.name, granted_by=a.granted_by, proposed_by=a.proposed_by
        )
        for a in ctx.campaign.awards
    ]
    return texts.NOMINATE_ASK_AWARD.format(awards="\n".join(lines))


def _award_choices(ctx: Context, _answers: Answers) -> Sequence[Choice]:
    return [Choice(a.code, a.name) for a in ctx.campaign.awards]


def _take_award(ctx: Context, answers: Answers, given: StepInput) -> Outcome:
    code = forms.chosen(given, [a.code for a in ctx.campaign.awards])
    award = ctx.campaign.award(code)
    standards = ctx.campaign.standards_for(code, _subject(answers))
    if not standards:
        subject = texts.SCOPE_NAMES[_subject(answers)].lower()
        raise Invalid(texts.NOMINATE_NO_STANDARD.format(award=award.name, subject=subject))
    for existing in active_nominations(ctx.session, unit_id=_unit_id(ctx)):
        if (existing.award_code, existing.subject, existing.officer_id) == (
            code,
            answers["subject"],
            answers.get("officer"),
        ):
            nominee = _nominee(ctx, answers)
            raise Invalid(
                texts.NOMINATE_DUPLICATE.format(
                    nominee=nominee, award=award.name, number=existing.id
                )
            )
    # With a single standard for this award and subject there is nothing to choose.
    answers["standard"] = standards[0].code if len(standards) == 1 else None
    answers["option"] = ""
    return Store(code)


def _standards(ctx: Context, answers: Answers) -> tuple[Standard, ...]:
    return ctx.campaign.standards_for(answers["award"], _subject(answers))


def _several_standards(ctx: Context, answers: Answers) -> bool:
    return len(_standards(ctx, answers)) > 1


def _standard_choices(ctx: Context, answers: Answers) -> Sequence[Choice]:
    return [
        Choice(s.code, f"{s.source}: {s.text[:TITLE_CHARS]}…") for s in _standards(ctx, answers)
    ]


def _take_standard(ctx: Context, answers: Answers, given: StepInput) -> Outcome:
    return Store(forms.chosen(given, [s.code for s in _standards(ctx, answers)]))


def _standard(ctx: Context, answers: Answers) -> Standard:
    standard = find_standard(ctx, answers["standard"])
    assert standard is not None
    return standard


def _has_options(ctx: Context, answers: Answers) -> bool:
    return _standard(ctx, answers).rule == "one_of"


def _option_prompt(ctx: Context, answers: Answers) -> str:
    return texts.NOMINATE_ASK_OPTION.format(standard=_standard(ctx, answers).text)


def _option_choices(ctx: Context, answers: Answers) -> Sequence[Choice]:
    options = [Choice(o.code, o.label) for o in _standard(ctx, answers).options]
    return [*options, Choice(FULL_OPTIONS, texts.NOMINATE_SHOW_FULL_OPTIONS)]


def _take_option(ctx: Context, answers: Answers, given: StepInput) -> Outcome:
    standard = _standard(ctx, answers)
    if given.choice == FULL_OPTIONS:
        listed = "\n".join(f"• {o.label}: {o.text}" for o in standard.options)
        return Stay(texts.NOMINATE_FULL_OPTIONS.format(source=standard.source, options=listed))
    return Store(forms.chosen(given, [o.code for o in standard.options]))


# --- backing reports ----------------------------------------------------------------------


def _candidates(ctx: Context, answers: Answers) -> Sequence[Report]:
    return backing_reports(ctx.session, unit_id=_unit_id(ctx), officer_id=answers.get("officer"))


def _reports_prompt(ctx: Context, answers: Answers) -> str:
    chosen = set(answers.get("reports", []))
    candidates = _candidates(ctx, answers)
    if not candidates:
        return texts.NOMINATE_NO_CONFIRMED.format(nominee=_nominee(ctx, answers))
    titles = [
        texts.NOMINATE_CHOSEN_LINE.format(number=r.id, title=r.title)
        for r in candidates
        if r.id in chosen
    ]
    return texts.NOMINATE_ASK_REPORTS.format(chosen="\n".join(titles) or texts.NOMINATE_NONE_CHOSEN)


def _reports_choices(ctx: Context, answers: Answers) -> Sequence[Choice]:
    chosen = set(answers.get("reports", []))
    choices = [
        Choice(
            str(r.id),
            (texts.NOMINATE_REPORT_ON if r.id in chosen else texts.NOMINATE_REPORT_OFF).format(
                number=r.id, title=r.title[:TITLE_CHARS]
            ),
        )
        for r in _candidates(ctx, answers)
    ]
    return [*choices, Choice("done", texts.DONE)]


def _take_reports(ctx: Context, answers: Answers, given: StepInput) -> Outcome:
    chosen: list[int] = answers.setdefault("reports", [])
    allowed = [str(r.id) for r in _candidates(ctx, answers)]
    if forms.chosen(given, [*allowed, "done"]) == "done":
        return Store(chosen)
    report_id = int(given.choice or "")
    if report_id in chosen:
        chosen.remove(report_id)
    else:
        chosen.append(report_id)
    return Stay("")


def _chosen_reports(ctx: Context, answers: Answers) -> list[Report]:
    """The chosen reports that may still back the nomination, in the order listed."""
    chosen = set(answers.get("reports", []))
    return [r for r in _candidates(ctx, answers) if r.id in chosen]


# --- summary and saving -------------------------------------------------------------------


def _summary_prompt(ctx: Context, answers: Answers) -> str:
    detail = render_nomination(
        ctx,
        nominee=_nominee(ctx, answers),
        award_code=answers["award"],
        standard_code=answers["standard"],
        option_code=answers.get("option", ""),
        reports=_chosen_reports(ctx, answers),
    )
    return texts.NOMINATE_SUMMARY.format(detail=detail)


def _summary_choices(_ctx: Context, _answers: Answers) -> Sequence[Choice]:
    return [
        Choice("save", texts.NOMINATE_SAVE),
        Choice("reports", texts.NOMINATE_RECHOOSE),
        Choice("cancel", texts.SUMMARY_CANCEL),
    ]


def _take_summary(_ctx: Context, _answers: Answers, given: StepInput) -> Outcome:
    choice = forms.chosen(given, ["save", "reports", "cancel"])
    if choice == "save":
        return Finish()
    if choice == "cancel":
        return Cancel()
    return GoTo("reports")


NOMINATION_FORM = register(
    Form(
        name="nomination",
        command="dexuat",
        title=texts.NOMINATE_FORM_TITLE,
        steps=(
            Step(
                "subject",
                forms.fixed_prompt(texts.NOMINATE_ASK_SUBJECT),
                _take_subject,
                _subject_choices,
            ),
            Step(
                "officer",
                forms.fixed_prompt(texts.NOMINATE_ASK_OFFICER),
                _take_officer,
                _officer_choices,
                _individual,
            ),
            Step("award", _award_prompt, _take_award, _award_choices),
            Step(
                "standard",
                forms.fixed_prompt(texts.NOMINATE_ASK_STANDARD),
                _take_standard,
                _standard_choices,
                _several_standards,
            ),
            Step("option", _option_prompt, _take_option, _option_choices, _has_options),
            Step("reports", _reports_prompt, _take_reports, _reports_choices),
            Step("summary", _summary_prompt, _take_summary, _summary_choices, columns=3),
        ),
        complete=save_nomination,
    )
)
