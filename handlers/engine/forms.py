"""The form engine: a conversation is a value of named steps, advanced one input at a time.

A form's state is its name, the current step's name and the answers as JSON, kept in the
database between messages, so a restart or a week's pause loses nothing.
"""

from __future__ import annotations

import copy
import secrets
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from handlers import texts
from handlers.engine.context import Context
from handlers.engine.menu import refuse_unless_allowed
from handlers.engine.messages import Attachment, Button, Reply

Answers = dict[str, Any]
# Characters that show nothing: controls, format marks (zero-width spaces, direction marks),
# separators, combining marks on their own, unassigned and private-use code points.
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp", "Mn", "Me"})
# Letters and symbols that render blank although their category says otherwise.
_BLANK_GLYPHS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
FORM_PAYLOAD_PREFIX = "f"
NONCE_KEY = "_nonce"
RETURN_TO_KEY = "_return_to"


class Invalid(Exception):
    """Raised by a step when the input does not fit; the message is shown to the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class StepInput:
    """What the user gave at a step: typed text, a chosen value, or a file."""

    text: str = ""
    choice: str | None = None
    attachment: Attachment | None = None


@dataclass(frozen=True)
class Store:
    """Keep the value as the step's answer and go on."""

    value: Any


@dataclass(frozen=True)
class Stay:
    """Stay at this step and tell the user something (e.g. a file was added)."""

    notice: str


@dataclass(frozen=True)
class GoTo:
    step: str
    notice: str = ""


@dataclass(frozen=True)
class Finish:
    """The form is complete: hand the answers to the form's completion."""


@dataclass(frozen=True)
class Cancel:
    """The user gave up the form: drop the draft."""


Outcome = Store | Stay | GoTo | Finish | Cancel
Prompt = Callable[[Context, Answers], str]
ChoiceList = Callable[[Context, Answers], Sequence[Choice]]


def fixed_prompt(text: str) -> Prompt:
    """A prompt that is always the same text."""

    def render(_ctx: Context, _answers: Answers) -> str:
        return text

    return render


def _shows(ch: str) -> bool:
    return unicodedata.category(ch) not in _INVISIBLE_CATEGORIES and ch not in _BLANK_GLYPHS


def has_visible_text(text: str) -> bool:
    """Whether the text shows anything at all; six zero-width spaces do not."""
    return any(_shows(ch) for ch in text)


def visible_length(text: str) -> int:
    """The length the text shows: its visible characters and its spaces, so that a title of
    one letter padded with zero-width spaces is as short as it looks."""
    return sum(1 for ch in text if ch == " " or _shows(ch))


def chosen(given: StepInput, allowed: Sequence[str]) -> str:
    """The pressed choice, if it is one of those allowed at this step."""
    if given.choice is None or given.choice not in allowed:
        raise Invalid(texts.CHOICE_EXPECTED)
    return given.choice


def summary_choices(_ctx: Context, _answers: Answers) -> Sequence[Choice]:
    """Send, edit or cancel: the last step of every form that composes something."""
    return [
        Choice("send", texts.SUMMARY_SEND),
        Choice("edit", texts.SUMMARY_EDIT),
        Choice("cancel", texts.SUMMARY_CANCEL),
    ]


def _no_choices(_ctx: Context, _answers: Answers) -> Sequence[Choice]:
    return ()


def _always(_ctx: Context, _answers: Answers) -> bool:
    return True


@dataclass(frozen=True)
class Step:
    """A named step: its prompt, its choices (buttons) and how it takes an input."""

    name: str
    prompt: Prompt
    take: Callable[[Context, Answers, StepInput], Outcome]
    choices: ChoiceList = _no_choices
    applies: Callable[[Context, Answers], bool] = _always
    # Free-text steps offer buttons only as shortcuts: a typed number is text, not a choice.
    free_text: bool = False
    columns: int = 1


@dataclass(frozen=True)
class Form:
    """A conversation of steps; `command` names the menu command whose roles the sender must
    still hold when the form commits, `permits` any finer rule its answers call for (e.g. only
    a head reports for the unit). A form anyone may finish (binding an account) names none."""

    name: str
    title: str
    steps: tuple[Step, ...]
    complete: Callable[[Context, Answers], list[Reply]]
    command: str | None = None
    permits: Callable[[Context, Answers], bool] = _always
    step_index: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "step_index", {s.name: i for i, s in enumerate(self.steps)})

    def step(self, name: str) -> Step:
        return self.steps[self.step_index[name]]


_FORMS: dict[str, Form] = {}


def register(form: Form) -> Form:
    """Make a form known to the engine by its name, so stored states can find it again."""
    _FORMS[form.name] = form
    return form


def form_named(name: str) -> Form | None:
    return _FORMS.get(name)


def registered_forms() -> list[Form]:
    """Every form the engine knows, for checks that must cover them all."""
    return list(_FORMS.values())


def choice_payload(answers: Answers, step: str, value: str) -> str:
    return f"{FORM_PAYLOAD_PREFIX}.{answers[NONCE_KEY]}.{step}.{value}"


def start(ctx: Context, form: Form, answers: Answers | None = None, at: str | None = None) -> Reply:
    """Begin a form (optionally with answers filled in, at a named step) and prompt."""
    state: Answers = dict(answers or {})
    state[NONCE_KEY] = secrets.token_hex(3)
    first = at or _next_applicable(ctx, form, state, -1)
    if first is None:
        raise ValueError(f"form {form.name} has no applicable step")
    ctx.conversation.form = form.name
    ctx.conversation.step = first
    ctx.conversation.answers = state
    return prompt(ctx, form, form.step(first), state)


def prompt(ctx: Context, form: Form, step: Step, answers: Answers, notice: str = "") -> Reply:
    """The step's question with its choices as buttons."""
    choices = step.choices(ctx, answers)
    buttons = _rows(
        [Button(c.label, choice_payload(answers, step.name, c.value)) for c in choices],
        step.columns,
    )
    body = step.prompt(ctx, answers)
    text = f"{notice}\n\n{body}" if notice else body
    return Reply(text=text, buttons=buttons, free_text=step.free_text)


def _rows(buttons: list[Button], columns: int) -> tuple[tuple[Button, ...], ...]:
    return tuple(tuple(buttons[i : i + columns]) for i in range(0, len(buttons), columns))


def active_form(ctx: Context) -> tuple[Form, Step] | None:
    conversation = ctx.conversation
    if conversation.form is None or conversation.step is None:
        return None
    form = form_named(conversation.form)
    if form is None or conversation.step not in form.step_index:
        return None
    return form, form.step(conversation.step)


def clear(ctx: Context) -> None:
    ctx.conversation.form = None
    ctx.conversation.step = None
    ctx.conversation.answers = {}


def advance(ctx: Context, given: StepInput) -> list[Reply]:
    """Feed one input to the active form's current step."""
    current = active_form(ctx)
    if current is None:
        raise ValueError("advance called with no active form")
    form, step = current
    # A deep copy: the stored answers must not change in place, or the change goes unseen.
    answers = copy.deepcopy(ctx.conversation.answers)
    try:
        _refuse_invisible(step, given)
        outcome = step.take(ctx, answers, given)
    except Invalid as invalid:
        return [prompt(ctx, form, step, answers, notice=invalid.message)]
    return _apply(ctx, form, step, answers, outcome)


def _refuse_invisible(step: Step, given: StepInput) -> None:
    """Typed text that shows nothing is refused at every free-text step, in one place."""
    typed = given.choice is None and given.attachment is None and given.text.strip()
    if step.free_text and typed and not has_visible_text(given.text):
        raise Invalid(texts.TEXT_INVISIBLE)


def press(ctx: Context, payload: str) -> list[Reply]:
    """A button of a form was pressed; a button from another form or step is stale."""
    parts = payload.split(".", 3)
    current = active_form(ctx)
    if (
        len(parts) != 4
        or current is None
        or parts[1] != ctx.conversation.answers.get(NONCE_KEY)
        or parts[2] != current[1].name
    ):
        return stale_button_replies(ctx)
    return advance(ctx, StepInput(choice=parts[3]))


def stale_button_replies(ctx: Context) -> list[Reply]:
    """Say the button is old, and show where the user really is."""
    current = active_form(ctx)
    if current is None:
        return [Reply(texts.STALE_BUTTON)]
    form, step = current
    return [prompt(ctx, form, step, dict(ctx.conversation.answers), notice=texts.STALE_BUTTON)]


def cancel(ctx: Context) -> list[Reply]:
    """Drop the active form's draft, whatever step it is at."""
    current = active_form(ctx)
    clear(ctx)
    if current is None:
        return [Reply(texts.NOTHING_TO_CANCEL)]
    return [Reply(texts.CANCELLED.format(title=current[0].title))]


def _apply(ctx: Context, form: Form, step: Step, answers: Answers, outcome: Outcome) -> list[Reply]:
    if isinstance(outcome, Cancel):
        return cancel(ctx)
    if isinstance(outcome, Finish):
        clear(ctx)
        if not _still_allowed(ctx, form, answers):
            return [Reply(texts.FORM_NO_LONGER_ALLOWED.format(title=form.title))]
        return form.complete(ctx, answers)
    notice = ""
    if isinstance(outcome, Stay):
        target: str | None = step.name
        notice = outcome.notice
    elif isinstance(outcome, GoTo):
        target = outcome.step
        notice = outcome.notice
    else:
        answers[step.name] = outcome.value
        target = answers.pop(RETURN_TO_KEY, None) or _next_applicable(
            ctx, form, answers, form.step_index[step.name]
        )
    if target is None:
        ctx.conversation.answers = answers
        return _apply(ctx, form, step, answers, Finish())
    ctx.conversation.step = target
    ctx.conversation.answers = answers
    return [prompt(ctx, form, form.step(target), answers, notice=notice)]


def _still_allowed(ctx: Context, form: Form, answers: Answers) -> bool:
    """Whether the sender may commit the form now: a role removed mid-form ends it unsaved."""
    if form.command is not None and refuse_unless_allowed(ctx, form.command) is not None:
        return False
    return form.permits(ctx, answers)


def _next_applicable(ctx: Context, form: Form, answers: Answers, after: int) -> str | None:
    for candidate in form.steps[after + 1 :]:
        if candidate.applies(ctx, answers):
            return candidate.name
    return None
