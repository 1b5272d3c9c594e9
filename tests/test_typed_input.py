"""Typed stand-ins for taps and slashes, on every channel: numbers, labels, bare commands."""

from __future__ import annotations

import pytest

from bot.core import Core
from handlers import texts
from handlers.engine.messages import Incoming
from handlers.routing.typed import fold
from tests.chat import Chat
from tests.flows import Turn, play

TO_TITLE = [
    Turn(send="/baocao", expect="tiêu chí"),
    Turn(send="a", expect="sáng kiến"),
    Turn(send="khong", expect="tên ngắn gọn"),  # «Không» typed without its accent
]


def test_fold_drops_accents_case_and_extra_spaces() -> None:
    assert fold("  Xác   NHẬN ") == "xac nhan"
    assert fold("Đề xuất") == "de xuat"


def test_label_without_accents_presses_the_button(make_chat: type[Chat]) -> None:
    play(make_chat("PVHCC03"), TO_TITLE)


def test_zero_cancels_where_choices_are_offered(make_chat: type[Chat]) -> None:
    chat = make_chat("PVHCC03")
    play(chat, [Turn(send="/baocao", expect="tiêu chí"), Turn(send="0", expect="Đã hủy")])
    play(chat, [Turn(send="0", expect=texts.NOTHING_TO_CANCEL)])


def test_zero_is_an_answer_where_text_is_expected(make_chat: type[Chat]) -> None:
    chat = make_chat("PVHCC03")
    play(chat, [*TO_TITLE, Turn(send="0", expect="quá ngắn")])  # an answer, too short


@pytest.mark.parametrize("word", ["huy", "Hủy", "HUY", "/huy", "cancel"])
def test_the_cancel_word_cancels_even_where_text_is_expected(
    make_chat: type[Chat], word: str
) -> None:
    chat = make_chat("PVHCC03")
    play(chat, [*TO_TITLE, Turn(send=word, expect="Đã hủy")])


@pytest.mark.parametrize("typed", ["baocao", "báo cáo", "Bao Cao", "/báocáo", "report"])
def test_a_command_without_slash_or_accents(make_chat: type[Chat], typed: str) -> None:
    play(make_chat("PVHCC03"), [Turn(send=typed, expect="tiêu chí")])


@pytest.mark.parametrize("typed", ["xác nhận", "xac nhan", "/xacnhan", "XACNHAN", "/xác nhận"])
def test_a_head_confirms_by_any_spelling(make_chat: type[Chat], typed: str) -> None:
    play(make_chat("PVHCC01"), [Turn(send=typed, expect=texts.CONFIRM_QUEUE_EMPTY)])


def test_a_bare_command_keeps_the_role_check(make_chat: type[Chat]) -> None:
    play(make_chat("PVHCC03"), [Turn(send="xac nhan", expect="dành cho Thủ trưởng đơn vị")])


def test_a_command_word_is_the_answer_where_text_is_expected(make_chat: type[Chat]) -> None:
    chat = make_chat("PVHCC03")
    play(chat, [*TO_TITLE, Turn(send="tinh hinh", expect="Mô tả")])  # the title, not /tinhhinh


def test_a_command_at_a_choice_step_keeps_the_draft(make_chat: type[Chat]) -> None:
    chat = make_chat("PVHCC03")
    play(
        chat, [Turn(send="/baocao", expect="tiêu chí"), Turn(send="cua toi", expect="đang làm dở")]
    )


def test_a_sentence_beginning_with_a_command_word_is_not_a_command(
    make_chat: type[Chat],
) -> None:
    chat = make_chat("PVHCC03")
    play(chat, [Turn(send="moi gui xong", expect=texts.NOT_UNDERSTOOD)])
    play(chat, [Turn(send="baocao quy 3", expect=texts.NOT_UNDERSTOOD)])


def test_unsupported_message_explains_the_upload_link_where_documents_go_by_link(
    core: Core, make_chat: type[Chat]
) -> None:
    chat = make_chat("PVHCC03")

    def unsupported(by_link: bool) -> str:
        incoming = Incoming(
            channel="test",
            user_id=chat.user_id,
            chat_id=chat.user_id,
            unsupported=True,
            documents_by_link=by_link,
        )
        return "\n".join(reply.text for reply in core.answer(incoming))

    assert unsupported(True) == texts.UNSUPPORTED_DOCUMENTS_BY_LINK
    assert unsupported(False) == texts.UNSUPPORTED_MESSAGE
    assert "Zalo" not in texts.UNSUPPORTED_DOCUMENTS_BY_LINK
