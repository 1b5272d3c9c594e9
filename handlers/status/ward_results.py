"""The ward's own results (/ketqua): the secretariat records them with their evidence.

Criteria the campaign file measures on the ward as a whole (the CCHC index, the city's tasks,
the budget revenue, the self-inspection) are nobody's report: no unit or officer is judged on
them. The secretariat records the ward's result on each, with one file or link as evidence;
/tonghop shows them above the units. Recording one again replaces it, and the audit keeps both.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from handlers import texts
from handlers.campaign.sections import Criterion
from handlers.engine.audit import audit
from handlers.engine.context import Context
from handlers.engine.forms import (
    Answers,
    Cancel,
    Choice,
    Finish,
    Form,
    Invalid,
    Outcome,
    Step,
    StepInput,
    Store,
    chosen,
    fixed_prompt,
    register,
    start,
)
from handlers.engine.messages import Reply
from handlers.reports.evidence import accept_file, describe, link_item
from handlers.reports.form import URL_PATTERN, criterion_label
from storage.models import WardResult, column_length
from storage.queries.status import save_ward_result, ward_results

RESULT_MIN, RESULT_MAX = 2, 1000


def ward_criteria(ctx: Context) -> list[Criterion]:
    """The criteria measured on the ward as a whole."""
    return [c for c in ctx.campaign.criteria if c.measured_on == "ward"]


def result_lines(ctx: Context) -> list[str]:
    """Each ward-level criterion with the result recorded, or that none is yet."""
    recorded = ward_results(ctx.session)
    lines = []
    for criterion in ward_criteria(ctx):
        label = criterion_label(ctx, criterion.code)
        row = recorded.get(criterion.code)
        if row is None:
            lines.append(texts.WARD_RESULT_NONE.format(label=label))
            continue
        evidence = row.url or row.evidence_name
        lines.append(
            texts.WARD_RESULT_LINE.format(label=label, result=row.result, evidence=evidence)
        )
    return lines


def results_command(ctx: Context, _args: str) -> list[Reply]:
    if not ward_criteria(ctx):
        return [Reply(texts.WARD_RESULT_NO_CRITERIA)]
    return [start(ctx, WARD_RESULT_FORM)]


def _criterion_choices(ctx: Context, _answers: Answers) -> Sequence[Choice]:
    return [Choice(c.code, criterion_label(ctx, c.code)) for c in ward_criteria(ctx)]


def _take_criterion(ctx: Context, _answers: Answers, given: StepInput) -> Outcome:
    return Store(chosen(given, [c.code for c in ward_criteria(ctx)]))


def _result_prompt(ctx: Context, answers: Answers) -> str:
    criterion = ctx.campaign.criterion(answers["criterion"])
    target = texts.CRITERION_TARGET.format(target=criterion.target) if criterion.target else ""
    return texts.WARD_RESULT_ASK.format(text=criterion.text, target=target)


def _take_result(_ctx: Context, _answers: Answers, given: StepInput) -> Outcome:
    if given.attachment is not None or given.choice is not None:
        raise Invalid(texts.TEXT_EXPECTED)
    result = given.text.strip()
    if len(result) < RESULT_MIN:
        raise Invalid(texts.TEXT_TOO_SHORT.format(minimum=RESULT_MIN))
    if len(result) > RESULT_MAX:
        raise Invalid(texts.TEXT_TOO_LONG.format(length=len(result), maximum=RESULT_MAX))
    return Store(result)


def _take_evidence(ctx: Context, _answers: Answers, given: StepInput) -> Outcome:
    if given.attachment is not None:
        return Store(accept_file(ctx, given.attachment))
    text = given.text.strip()
    if URL_PATTERN.match(text):
        return Store(link_item(text, maximum=column_length(WardResult, "url")))
    raise Invalid(texts.WARD_RESULT_EVIDENCE_EXPECTED)


def _summary_prompt(ctx: Context, answers: Answers) -> str:
    return texts.WARD_RESULT_SUMMARY.format(
        label=criterion_label(ctx, answers["criterion"]),
        result=answers["result"],
        evidence=describe(answers["evidence"]),
    )


def _summary_choices(_ctx: Context, _answers: Answers) -> Sequence[Choice]:
    return [Choice("save", texts.WARD_RESULT_SAVE), Choice("cancel", texts.SUMMARY_CANCEL)]


def _take_summary(_ctx: Context, _answers: Answers, given: StepInput) -> Outcome:
    return Cancel() if chosen(given, ["save", "cancel"]) == "cancel" else Finish()


def _complete(ctx: Context, answers: Answers) -> list[Reply]:
    assert ctx.officer is not None and ctx.officer.id is not None
    code = answers["criterion"]
    item: dict[str, Any] = answers["evidence"]
    before = ward_results(ctx.session).get(code)
    row = save_ward_result(
        ctx.session,
        result=WardResult(
            criterion_code=code,
            result=answers["result"],
            file_sha256=item.get("sha256"),
            evidence_name=item["name"] if item["kind"] != "link" else "",
            url=item.get("url", ""),
            recorded_by=ctx.officer.id,
            recorded_at=ctx.now,
        ),
    )
    audit(
        ctx,
        action="ward_result.record",
        entity="ward_result",
        entity_id=code,
        before={} if before is None else {"result": before.result, "url": before.url},
        after={"result": row.result, "url": row.url, "file": row.file_sha256},
    )
    label = criterion_label(ctx, code)
    return [Reply(texts.WARD_RESULT_SAVED.format(label=label))]


WARD_RESULT_FORM = register(
    Form(
        name="ward_result",
        command="ketqua",
        title=texts.WARD_RESULT_TITLE,
        steps=(
            Step(
                "criterion",
                fixed_prompt(texts.WARD_RESULT_ASK_CRITERION),
                _take_criterion,
                _criterion_choices,
            ),
            Step("result", _result_prompt, _take_result, free_text=True),
            Step(
                "evidence",
                fixed_prompt(texts.WARD_RESULT_ASK_EVIDENCE),
                _take_evidence,
                free_text=True,
            ),
            Step("summary", _summary_prompt, _take_summary, _summary_choices),
        ),
        complete=_complete,
    )
)
