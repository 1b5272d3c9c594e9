"""The form engine on a small form of its own: steps, skips, jumps, stale buttons."""

from __future__ import annotations

from typing import Any

import pytest

from bot.core import Core
from handlers.engine import forms
from handlers.engine.context import Context
from handlers.engine.forms import (
    Answers,
    Choice,
    Finish,
    Form,
    GoTo,
    Invalid,
    Step,
    StepInput,
    Store,
)
from handlers.engine.messages import Incoming, Reply
from storage.db import transaction
from storage.queries.conversations import ConversationState

DONE: list[dict[str, Any]] = []


def _prompt(text: str) -> Any:
    return lambda _ctx, _answers: text


def _take_number(_ctx: Context, _answers: Answers, given: StepInput) -> forms.Outcome:
    if not given.text.isdigit():
        raise Invalid("cần một số")
    return Store(int(given.text))


def _take_colour(_ctx: Context, answers: Answers, given: StepInput) -> forms.Outcome:
    if given.choice == "again":
        return GoTo("number", "làm lại")
    if given.choice not in {"red", "blue"}:
        raise Invalid("chọn màu")
    return Store(given.choice) if answers["number"] < 10 else Finish()


def _complete(_ctx: Context, answers: Answers) -> list[Reply]:
    DONE.append(answers)
    return [Reply("xong")]


SAMPLE = forms.register(
    Form(
        name="sample",
        title="mẫu",
        steps=(
            Step("number", _prompt("số?"), _take_number, free_text=True),
            Step(
                "colour",
                _prompt("màu?"),
                _take_colour,
                lambda _c, _a: [
                    Choice("red", "Đỏ"),
                    Choice("blue", "Xanh"),
                    Choice("again", "Lại"),
                ],
            ),
            Step("big", _prompt("lớn?"), _take_number, applies=lambda _c, a: a["number"] > 5),
        ),
        complete=_complete,
    )
)


@pytest.fixture
def ctx(core: Core) -> Any:
    with transaction(core.engine) as session:
        conversation = ConversationState(channel="t", platform_user_id="1", updated_at=core.clock())
        yield Context(
            session=session,
            now=core.clock(),
            campaign=core.campaign,
            config=core.config,
            files=core.files,
            incoming=Incoming(channel="t", user_id="1", chat_id="1"),
            conversation=conversation,
        )


def test_steps_in_order_with_a_skipped_step(ctx: Context) -> None:
    DONE.clear()
    first = forms.start(ctx, SAMPLE)
    assert first.text == "số?" and first.free_text
    assert forms.advance(ctx, StepInput(text="x"))[0].text == "cần một số\n\nsố?"
    colour = forms.advance(ctx, StepInput(text="3"))[0]
    assert [b.label for b in colour.flat_buttons()] == ["Đỏ", "Xanh", "Lại"]
    assert forms.press(ctx, colour.flat_buttons()[0].payload)[0].text == "xong"
    assert DONE[-1]["number"] == 3 and DONE[-1]["colour"] == "red"
    assert ctx.conversation.form is None


def test_applicable_step_and_goto(ctx: Context) -> None:
    DONE.clear()
    forms.start(ctx, SAMPLE)
    colour = forms.advance(ctx, StepInput(text="7"))[0]
    again = forms.press(ctx, colour.flat_buttons()[2].payload)[0]
    assert again.text == "làm lại\n\nsố?"
    forms.advance(ctx, StepInput(text="8"))
    assert forms.advance(ctx, StepInput(choice="blue"))[0].text == "lớn?"
    assert forms.advance(ctx, StepInput(text="1"))[0].text == "xong"
    assert DONE[-1]["big"] == 1


def test_old_button_of_an_earlier_step_is_stale(ctx: Context) -> None:
    forms.start(ctx, SAMPLE)
    colour = forms.advance(ctx, StepInput(text="20"))[0]
    forms.advance(ctx, StepInput(choice="again"))
    replies = forms.press(ctx, colour.flat_buttons()[0].payload)
    assert "đã qua" in replies[0].text and replies[0].text.endswith("số?")


def test_button_of_an_earlier_run_of_the_same_form_is_stale(ctx: Context) -> None:
    forms.start(ctx, SAMPLE)
    old = forms.advance(ctx, StepInput(text="1"))[0].flat_buttons()[0].payload
    forms.start(ctx, SAMPLE)
    forms.advance(ctx, StepInput(text="1"))
    assert "đã qua" in forms.press(ctx, old)[0].text
