"""The guided achievement report (/baocao): a form of named steps, from criterion to summary."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from handlers import texts
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
    chosen,
    fixed_prompt,
    has_visible_text,
    register,
    summary_choices,
    visible_length,
)
from handlers.reports.evidence import accept_file, describe, human_size, link_item
from handlers.reports.store import save_report
from handlers.reports.upload import upload_offer
from storage.models import Evidence, Report, Role, column_length

URL_PATTERN = re.compile(r"^https?://\S+$", re.IGNORECASE)
# Evidence.description's length in the database.
EVIDENCE_NOTE_MAX = 1000
FULL_CRITERIA = "_full"


def _never(_ctx: Context, _answers: Answers) -> bool:
    return False


def _text(minimum: int, maximum: int) -> Any:
    """A step input that must be text of a sensible length."""

    def take(_ctx: Context, _answers: Answers, given: StepInput) -> Outcome:
        if given.attachment is not None or given.choice is not None:
            raise Invalid(texts.TEXT_EXPECTED)
        value = given.text.strip()
        if visible_length(value) < minimum:
            raise Invalid(texts.TEXT_TOO_SHORT.format(minimum=minimum))
        if len(value) > maximum:
            raise Invalid(texts.TEXT_TOO_LONG.format(length=len(value), maximum=maximum))
        return Store(value)

    return take


# --- criterion ----------------------------------------------------------------------------


def criterion_label(ctx: Context, code: str) -> str:
    criterion = ctx.campaign.criterion(code)
    return f"{criterion.letter}) {criterion.label}" if criterion.letter else criterion.label


def _criterion_choices(ctx: Context, _answers: Answers) -> Sequence[Choice]:
    choices = [Choice(c.code, criterion_label(ctx, c.code)) for c in ctx.campaign.criteria]
    return [*choices, Choice(FULL_CRITERIA, texts.SHOW_FULL_CRITERIA)]


def _full_criteria(ctx: Context) -> str:
    lines = [texts.FULL_CRITERIA_HEADER]
    for criterion in ctx.campaign.criteria:
        head = f"{criterion.letter}) " if criterion.letter else "• "
        lines.append(f"\n{head}{criterion.text}")
        if criterion.target:
            lines.append(texts.CRITERION_TARGET.format(target=criterion.target))
    return "\n".join(lines)


def _take_criterion(ctx: Context, _answers: Answers, given: StepInput) -> Outcome:
    if given.choice == FULL_CRITERIA:
        return Stay(_full_criteria(ctx))
    codes = [c.code for c in ctx.campaign.criteria]
    typed = given.text.strip().rstrip(")").casefold()
    by_letter = {c.letter.casefold(): c.code for c in ctx.campaign.criteria if c.letter}
    if given.choice is None and typed in by_letter:
        return Store(by_letter[typed])
    return Store(chosen(given, codes))


# --- scope, initiative, figure --------------------------------------------------------------


def _is_unit_head(ctx: Context, _answers: Answers) -> bool:
    return ctx.officer is not None and ctx.officer.role == Role.UNIT_HEAD


def _scope_choices(_ctx: Context, _answers: Answers) -> Sequence[Choice]:
    return [Choice(value, label) for value, label in texts.SCOPE_NAMES.items()]


def _take_scope(_ctx: Context, _answers: Answers, given: StepInput) -> Outcome:
    return Store(chosen(given, list(texts.SCOPE_NAMES)))


def _yes_no(_ctx: Context, _answers: Answers) -> Sequence[Choice]:
    return [Choice("yes", texts.YES), Choice("no", texts.NO)]


def _take_initiative(_ctx: Context, _answers: Answers, given: StepInput) -> Outcome:
    return Store(chosen(given, ["yes", "no"]) == "yes")


def _has_figure(ctx: Context, answers: Answers) -> bool:
    return ctx.campaign.criterion(answers["criterion"]).has_figure


def _figure_prompt(ctx: Context, answers: Answers) -> str:
    target = ctx.campaign.criterion(answers["criterion"]).target
    return texts.ASK_FIGURE.format(target=target) if target else texts.ASK_FIGURE_NO_TARGET


def _skip(_ctx: Context, _answers: Answers) -> Sequence[Choice]:
    return [Choice("skip", texts.SKIP)]


def _take_figure(ctx: Context, answers: Answers, given: StepInput) -> Outcome:
    if given.choice == "skip":
        return Store("")
    value = _text(1, column_length(Report, "figure"))(ctx, answers, given).value
    if not any(ch.isdigit() for ch in value):
        raise Invalid(texts.FIGURE_NEEDS_NUMBER)
    return Store(value)


# --- evidence -----------------------------------------------------------------------------


def _evidence_list(answers: Answers) -> str:
    items = answers.get("evidence", [])
    if not items:
        return texts.EVIDENCE_NONE
    return "\n".join(f"{i}. {describe(item)}" for i, item in enumerate(items, start=1))


def _evidence_prompt(ctx: Context, answers: Answers) -> str:
    text = f"{texts.ASK_EVIDENCE}\n\n{texts.EVIDENCE_SO_FAR}\n{_evidence_list(answers)}"
    offer = upload_offer(ctx) if ctx.incoming.documents_by_link else ""
    return f"{text}\n\n{offer}" if offer else text


def _evidence_choices(_ctx: Context, answers: Answers) -> Sequence[Choice]:
    choices = [Choice("done", texts.DONE)]
    if answers.get("evidence"):
        choices.append(Choice("remove", texts.REMOVE_EVIDENCE))
    return choices


def _take_evidence(ctx: Context, answers: Answers, given: StepInput) -> Outcome:
    items: list[dict[str, Any]] = answers.setdefault("evidence", [])
    if given.choice == "done":
        return Store(items)
    if given.choice == "remove":
        return GoTo("evidence_remove")
    if given.attachment is not None:
        item = _accept_or_offer_page(ctx, given)
        if any(existing.get("sha256") == item["sha256"] for existing in items):
            return Stay(texts.EVIDENCE_DUPLICATE.format(name=item["name"]))
        # A caption sent with a photo or file says what it shows: kept as its description.
        note = given.text.strip()[:EVIDENCE_NOTE_MAX] if has_visible_text(given.text) else ""
        if note:
            item["description"] = note
        items.append(item)
        size = human_size(int(item["size"]))
        if note:
            return Stay(
                texts.EVIDENCE_ADDED_WITH_NOTE.format(name=item["name"], size=size, note=note)
            )
        return Stay(texts.EVIDENCE_ADDED.format(name=item["name"], size=size))
    text = given.text.strip()
    if URL_PATTERN.match(text):
        if any(existing.get("url") == text for existing in items):
            return Stay(texts.LINK_DUPLICATE)
        items.append(link_item(text, maximum=column_length(Evidence, "url")))
        return Stay(texts.LINK_ADDED)
    raise Invalid(texts.EVIDENCE_EXPECTED)


def _accept_or_offer_page(ctx: Context, given: StepInput) -> dict[str, Any]:
    """The file, or, when the platform could not hand it over (too big for it), the refusal
    with the upload page offered instead (the evidence prompt offers it already on channels
    that carry no documents)."""
    assert given.attachment is not None
    try:
        return accept_file(ctx, given.attachment)
    except Invalid as invalid:
        if given.attachment.content is not None or ctx.incoming.documents_by_link:
            raise
        offer = upload_offer(ctx)
        raise Invalid(f"{invalid.message}\n\n{offer}" if offer else invalid.message) from None


def _removal_choices(_ctx: Context, answers: Answers) -> Sequence[Choice]:
    items = answers.get("evidence", [])
    choices = [Choice(str(i), describe(item)[:60]) for i, item in enumerate(items)]
    return [*choices, Choice("back", texts.BACK)]


def _take_removal(_ctx: Context, answers: Answers, given: StepInput) -> Outcome:
    items: list[dict[str, Any]] = answers.get("evidence", [])
    choice = chosen(given, [str(i) for i in range(len(items))] + ["back"])
    if choice == "back":
        return GoTo("evidence")
    removed = items.pop(int(choice))
    return GoTo("evidence", texts.EVIDENCE_REMOVED.format(name=removed["name"]))


# --- summary and edits --------------------------------------------------------------------


def render_fields(ctx: Context, answers: Answers, number: str, status: str) -> str:
    """The report as the officer reads it, from a draft or from a stored report alike."""
    figure = answers.get("figure") or ""
    return texts.REPORT_DETAIL.format(
        number=number,
        status=status,
        criterion=criterion_label(ctx, answers["criterion"]),
        scope=texts.SCOPE_NAMES[answers.get("scope") or "individual"],
        initiative=texts.INITIATIVE_MARK if answers.get("initiative") else "",
        title=answers["title"],
        description=answers["description"],
        period=answers["period"],
        result=answers["result"],
        figure=texts.FIGURE_LINE.format(figure=figure) if figure else "",
        evidence=_evidence_list(answers),
    )


def _summary_prompt(ctx: Context, answers: Answers) -> str:
    report_id = answers.get("_report_id")
    number = str(report_id) if report_id else texts.REPORT_NEW_NUMBER
    status = texts.REPORT_DRAFT_STATUS
    if report_id:
        was = texts.REPORT_STATUS_NAMES[answers.get("_status") or "sent"]
        status = texts.REPORT_EDITING_STATUS.format(status=was)
    return f"{texts.SUMMARY_HEADER}\n\n{render_fields(ctx, answers, number, status)}"


def _take_summary(_ctx: Context, _answers: Answers, given: StepInput) -> Outcome:
    choice = chosen(given, ["send", "edit", "cancel"])
    if choice == "send":
        return Finish()
    if choice == "cancel":
        return Cancel()
    return GoTo("edit_field")


def _editable_fields(ctx: Context, answers: Answers) -> list[str]:
    fields = ["criterion", "scope", "initiative", "title", "description", "period", "result"]
    fields += ["figure", "evidence"]
    hidden = {"scope"} if not _is_unit_head(ctx, answers) else set()
    if not _has_figure(ctx, answers):
        hidden.add("figure")
    return [name for name in fields if name not in hidden]


def _field_choices(ctx: Context, answers: Answers) -> Sequence[Choice]:
    choices = [Choice(name, texts.FIELD_NAMES[name]) for name in _editable_fields(ctx, answers)]
    return [*choices, Choice("back", texts.BACK)]


def _take_field(ctx: Context, answers: Answers, given: StepInput) -> Outcome:
    choice = chosen(given, [*_editable_fields(ctx, answers), "back"])
    if choice == "back":
        return GoTo("summary")
    answers["_return_to"] = "summary"
    return GoTo(choice)


def _complete(ctx: Context, answers: Answers) -> list[Any]:
    if not _has_figure(ctx, answers):
        answers["figure"] = ""
    return save_report(ctx, answers)


REPORT_FORM = register(
    Form(
        name="report",
        command="baocao",
        permits=lambda ctx, answers: (
            answers.get("scope") != "collective" or _is_unit_head(ctx, answers)
        ),
        title=texts.REPORT_FORM_TITLE,
        steps=(
            Step(
                "criterion", fixed_prompt(texts.ASK_CRITERION), _take_criterion, _criterion_choices
            ),
            Step(
                "scope", fixed_prompt(texts.ASK_SCOPE), _take_scope, _scope_choices, _is_unit_head
            ),
            Step(
                "initiative",
                fixed_prompt(texts.ASK_INITIATIVE),
                _take_initiative,
                _yes_no,
                columns=2,
            ),
            Step(
                "title",
                fixed_prompt(texts.ASK_TITLE),
                _text(5, column_length(Report, "title")),
                free_text=True,
            ),
            Step(
                "description", fixed_prompt(texts.ASK_DESCRIPTION), _text(10, 4000), free_text=True
            ),
            Step(
                "period",
                fixed_prompt(texts.ASK_PERIOD),
                _text(3, column_length(Report, "period")),
                free_text=True,
            ),
            Step("result", fixed_prompt(texts.ASK_RESULT), _text(5, 4000), free_text=True),
            Step("figure", _figure_prompt, _take_figure, _skip, _has_figure, free_text=True),
            Step("evidence", _evidence_prompt, _take_evidence, _evidence_choices, free_text=True),
            Step(
                "evidence_remove",
                fixed_prompt(texts.ASK_EVIDENCE_TO_REMOVE),
                _take_removal,
                _removal_choices,
                _never,
            ),
            Step("summary", _summary_prompt, _take_summary, summary_choices, columns=3),
            Step(
                "edit_field",
                fixed_prompt(texts.ASK_FIELD_TO_EDIT),
                _take_field,
                _field_choices,
                _never,
                columns=2,
            ),
        ),
        complete=_complete,
    )
)
