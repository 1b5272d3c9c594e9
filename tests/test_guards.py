"""Guards around every message: floods, texts in NFC, typed numbers and labels for buttons."""

from __future__ import annotations

import unicodedata

from bot.core import Core
from handlers import texts
from handlers.engine.messages import Incoming
from tests.chat import Chat
from tests.conftest import FakeClock
from tests.flows import Turn, play


def test_flood_is_refused_out_loud_then_lifts(
    core: Core, clock: FakeClock, make_chat: type[Chat]
) -> None:
    chat = make_chat("VP04")
    allowed = core.config.flood_max_messages - 1  # the /start that bound the chat counted
    for _ in range(allowed):
        play(chat, [Turn(send="/trogiup", expect="/baocao")])
    play(chat, [Turn(send="/trogiup", expect="CHƯA được ghi nhận")])
    # A flood is answered once per window, not once per refused message.
    for _ in range(3 * core.config.flood_max_messages):
        clock.advance(seconds=0.01)
        assert chat.send("/trogiup") == []
    clock.advance(seconds=core.config.flood_window.total_seconds())
    play(chat, [Turn(send="/trogiup", expect="/baocao")])


def test_every_text_is_nfc() -> None:
    def strings(value: object) -> list[str]:
        if isinstance(value, str):
            return [value]
        if isinstance(value, dict):
            return [s for item in value.values() for s in strings(item)]
        return []

    found = [s for name in dir(texts) if name.isupper() for s in strings(getattr(texts, name))]
    assert len(found) > 50
    assert [s for s in found if unicodedata.normalize("NFC", s) != s] == []


def test_decomposed_input_is_understood(make_chat: type[Chat]) -> None:
    chat = make_chat("PVHCC03")
    play(
        chat,
        [
            Turn(send="/baocao", expect="tiêu chí"),
            Turn(send="a", expect="sáng kiến"),
            # "Không" typed on a keyboard that sends combining accents (NFD).
            Turn(send=unicodedata.normalize("NFD", "Không"), expect="tên ngắn gọn"),
        ],
    )


def test_number_typed_on_a_free_text_step_is_text(make_chat: type[Chat]) -> None:
    chat = make_chat("PVHCC03")
    play(
        chat,
        [
            Turn(send="/baocao", expect="tiêu chí"),
            Turn(send="2", expect="sáng kiến"),
            Turn(send="2", expect="tên ngắn gọn"),  # "2" = second button, «Không»
            Turn(send="Tên thành tích", expect="Mô tả"),
            Turn(send="Mô tả đủ dài để nhận", expect="Thời gian"),
            Turn(send="2026", expect="Kết quả"),
            Turn(send="Hoàn thành", expect="Nhập số liệu"),
            Turn(send="1", expect="Gửi minh chứng"),  # a figure of 1, not the «Bỏ qua» button
            Turn(send="Xong", expect="Xem lại"),
            Turn(send="Số liệu: 1", expect="chọn một trong các nút"),
        ],
    )
    assert "Số liệu: 1" in chat.last[0].text


def test_redelivered_update_is_skipped_but_a_renumbering_is_not(
    core: Core, clock: FakeClock, make_chat: type[Chat]
) -> None:
    """Telegram resends unconfirmed updates after a crash; after a quiet week it renumbers."""
    chat = make_chat("VP04")

    def send(number: int) -> list[str]:
        incoming = Incoming(
            channel="test",
            user_id=chat.user_id,
            chat_id=chat.user_id,
            text="/trogiup",
            sequence=number,
        )
        return [reply.text for reply in core.answer(incoming)]

    assert send(5000)
    last = send(5001)
    # The same batch again: the last update's replies again (they may not have been sent before
    # a crash), an earlier one nothing; neither is handled a second time.
    assert send(5001) == last and send(4990) == []
    assert send(5002)  # the next one is new
    clock.advance(days=8)
    assert send(17)  # numbering started anew after a quiet week: not a repeat
    assert send(18)
