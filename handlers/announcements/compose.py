"""Composing an announcement (/thongbao): text, a file, the audience, a preview, then send."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from handlers import texts
from handlers.announcements.send import (
    ALL,
    ROLE,
    UNITS,
    audience_of,
    describe_audience,
    recipient_counts,
    send_announcement,
)
from handlers.engine import forms
from handlers.engine.context import Context
from handlers.engine.forms import (
    RETURN_TO_KEY,
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
)
from handlers.engine.messages import Reply
from handlers.reports.evidence import accept_file, describe
from storage.queries.roster import all_units

TEXT_MIN, TEXT_MAX = 10, 3500


# --- the steps ------------------------------------------------------------------------------


def _take_text(_ctx: Context, _answers: Answers, given: StepInput) -> Outcome:
    if given.attachment is not None or given.choice is not None:
        raise Invalid(texts.TEXT_EXPECTED)
    value = given.text.strip()
    if len(value) < TEXT_MIN:
        raise Invalid(texts.TEXT_TOO_SHORT.format(minimum=TEXT_MIN))
    if len(value) > TEXT_MAX:
        raise Invalid(texts.TEXT_TOO_LONG.format(length=len(value), maximum=TEXT_MAX))
    return Store(value)


def _file_choices(_ctx: Context, answers: Answers) -> Sequence[Choice]:
    label = texts.ANNOUNCE_REMOVE_FILE if answers.get("file") else texts.SKIP
    return [Choice("skip", label)]


def _take_file(ctx: Context, answers: Answers, given: StepInput) -> Outcome:
    if given.choice == "skip":
        return Store(None)
    if given.attachment is None:
        raise Invalid(texts.ANNOUNCE_FILE_EXPECTED)
    item = accept_file(ctx, given.attachment)
    answers["file"] = item
    # Say the file arrived; then go on where the form would have gone after storing it.
    target = answers.pop(RETURN_TO_KEY, None) or "audience"
    return GoTo(target, texts.ANNOUNCE_FILE_ADDED.format(name=item["name"]))


def _audience_choices(_ctx: Context, _answers: Answers) -> Sequence[Choice]:
    return [
        Choice(ALL, texts.ANNOUNCE_AUDIENCE_ALL),
        Choice(UNITS, texts.ANNOUNCE_AUDIENCE_UNITS),
        Choice(ROLE, texts.ANNOUNCE_AUDIENCE_ROLE),
    ]


def _take_audience(_ctx: Context, answers: Answers, given: StepInput) -> Outcome:
    if given.choice not in (ALL, UNITS, ROLE):
        raise Invalid(texts.CHOICE_EXPECTED)
    if given.choice == ALL:
        return Store(ALL)
    # Units and roles need a further pick; an edit returns to the preview after it.
    answers["audience"] = given.choice
    return GoTo(given.choice)


def _chosen_audience(kind: str) -> Callable[[Context, Answers], bool]:
    return lambda _ctx, answers: bool(answers.get("audience") == kind)


def _units_prompt(ctx: Context, answers: Answers) -> str:
    chosen = set(answers.get("units", []))
    names = [u.name for u in all_units(ctx.session) if u.id in chosen]
    return texts.ANNOUNCE_ASK_UNITS.format(chosen="; ".join(names) or texts.ANNOUNCE_NONE_CHOSEN)


def _unit_choices(ctx: Context, answers: Answers) -> Sequence[Choice]:
    chosen = set(answers.get("units", []))
    choices = [
        Choice(str(u.id), f"{'☑' if u.id in chosen else '☐'} {u.name}")
        for u in all_units(ctx.session)
        if u.active
    ]
    return [*choices, Choice("done", texts.DONE)]


def _take_unit(ctx: Context, answers: Answers, given: StepInput) -> Outcome:
    chosen: list[int] = answers.setdefault("units", [])
    if given.choice == "done":
        if not chosen:
            raise Invalid(texts.ANNOUNCE_UNITS_REQUIRED)
        return Store(chosen)
    unit_ids = {u.id for u in all_units(ctx.session) if u.active}
    if given.choice is None or not given.choice.isdigit() or int(given.choice) not in unit_ids:
        raise Invalid(texts.CHOICE_EXPECTED)
    unit_id = int(given.choice)
    if unit_id in chosen:
        chosen.remove(unit_id)
    else:
        chosen.append(unit_id)
    return Stay("")


def _role_choices(_ctx: Context, _answers: Answers) -> Sequence[Choice]:
    return [Choice(role, label) for role, label in texts.ANNOUNCE_ROLE_AUDIENCES.items()]


def _take_role(_ctx: Context, _answers: Answers, given: StepInput) -> Outcome:
    if given.choice not in texts.ANNOUNCE_ROLE_AUDIENCES:
        raise Invalid(texts.CHOICE_EXPECTED)
    return Store(given.choice)


def _preview_prompt(ctx: Context, answers: Answers) -> str:
    total, bound = recipient_counts(ctx, audience_of(answers))
    file = answers.get("file")
    text = texts.ANNOUNCE_PREVIEW.format(
        text=answers["text"],
        file=describe(file) if file else texts.ANNOUNCE_NO_FILE,
        audience=describe_audience(ctx, audience_of(answers)),
        total=total,
        bound=bound,
        unbound=total - bound,
    )
    return f"{text}\n{texts.ANNOUNCE_UNBOUND_NOTE}" if bound < total else text


def _take_preview(ctx: Context, answers: Answers, given: StepInput) -> Outcome:
    if given.choice == "send":
        if recipient_counts(ctx, audience_of(answers))[0] == 0:
            raise Invalid(texts.ANNOUNCE_NO_RECIPIENTS)
        return Finish()
    if given.choice == "edit":
        return GoTo("edit_field")
    if given.choice == "cancel":
        return Cancel()
    raise Invalid(texts.CHOICE_EXPECTED)


def _field_choices(_ctx: Context, _answers: Answers) -> Sequence[Choice]:
    choices = [Choice(name, label) for name, label in texts.ANNOUNCE_FIELD_NAMES.items()]
    return [*choices, Choice("back", texts.BACK)]


def _take_field(_ctx: Context, answers: Answers, given: StepInput) -> Outcome:
    if given.choice == "back":
        return GoTo("preview")
    if given.choice not in texts.ANNOUNCE_FIELD_NAMES:
        raise Invalid(texts.CHOICE_EXPECTED)
    answers[RETURN_TO_KEY] = "preview"
    return GoTo(given.choice)


def _never(_ctx: Context, _answers: Answers) -> bool:
    return False


ANNOUNCE_FORM = forms.register(
    Form(
        name="announce",
        command="thongbao",
        title=texts.ANNOUNCE_FORM_TITLE,
        steps=(
            Step("text", forms.fixed_prompt(texts.ANNOUNCE_ASK_TEXT), _take_text, free_text=True),
            Step("file", forms.fixed_prompt(texts.ANNOUNCE_ASK_FILE), _take_file, _file_choices),
            Step(
                "audience",
                forms.fixed_prompt(texts.ANNOUNCE_ASK_AUDIENCE),
                _take_audience,
                _audience_choices,
            ),
            Step("units", _units_prompt, _take_unit, _unit_choices, _chosen_audience(UNITS)),
            Step(
                "role",
                forms.fixed_prompt(texts.ANNOUNCE_ASK_ROLE),
                _take_role,
                _role_choices,
                _chosen_audience(ROLE),
            ),
            Step("preview", _preview_prompt, _take_preview, forms.summary_choices, columns=3),
            Step(
                "edit_field",
                forms.fixed_prompt(texts.ANNOUNCE_ASK_FIELD),
                _take_field,
                _field_choices,
                _never,
                columns=2,
            ),
        ),
        complete=send_announcement,
    )
)


def start_form(ctx: Context, answers: Answers | None = None, at: str | None = None) -> Reply:
    """Open the announcement form, empty or filled in (e.g. a deadline change, at the preview).

    A button can start it in the middle of another form: that draft is kept, not replaced.
    """
    current = forms.active_form(ctx)
    if current is not None:
        form, step = current
        notice = texts.BUSY_WITH_FORM.format(title=form.title)
        return forms.prompt(ctx, form, step, dict(ctx.conversation.answers), notice=notice)
    return forms.start(ctx, ANNOUNCE_FORM, answers, at=at)
