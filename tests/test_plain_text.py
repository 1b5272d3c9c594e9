"""The plain-text rendering shared by Zalo and the console: numbered choices, last, split."""

from __future__ import annotations

from bot.plain_text import render, split_text
from handlers import texts
from handlers.engine.messages import Button, Reply

SEND = (Button("Gửi", "f.send"), Button("Sửa", "f.edit"))
CANCEL = (Button("Hủy", "f.cancel"),)


def test_buttons_become_numbered_lines_after_the_text() -> None:
    reply = Reply("Xem lại báo cáo.", buttons=(SEND, CANCEL))
    assert render(reply, 2000) == ["Xem lại báo cáo.\n\n1. Gửi\n2. Sửa\n3. Hủy"]
    assert render(reply) == render(reply, 2000)


def test_shortcuts_on_a_free_text_step_are_labels_to_type() -> None:
    reply = Reply("Gửi minh chứng.", buttons=(SEND,), free_text=True)
    assert render(reply) == [f"Gửi minh chứng.\n\n[Gửi] | [Sửa] {texts.TYPE_A_LABEL_HINT}"]


def test_a_long_text_splits_on_lines_with_the_choices_last() -> None:
    lines = [f"{n}. Báo cáo của cán bộ số {n} đang chờ xác nhận" for n in range(1, 200)]
    reply = Reply("\n".join(lines), buttons=(SEND, CANCEL))
    pieces = render(reply, 2000)
    assert len(pieces) > 2
    assert all(len(piece) <= 2000 for piece in pieces)
    assert pieces[-1].endswith("1. Gửi\n2. Sửa\n3. Hủy")
    assert "\n".join(pieces).count("3. Hủy") == 1
    # Every line arrives whole and in order.
    body = "\n".join(pieces).removesuffix("\n\n1. Gửi\n2. Sửa\n3. Hủy").split("\n")
    assert body == lines


def test_choices_that_do_not_fit_the_last_piece_go_as_their_own() -> None:
    text = "x" * 1995
    pieces = render(Reply(text, buttons=(SEND,)), 2000)
    assert pieces == [text, "1. Gửi\n2. Sửa"]


def test_split_text_never_makes_an_empty_piece_and_cuts_a_long_line() -> None:
    assert split_text("\n\n", 10) == []
    assert split_text("a" * 25, 10) == ["a" * 10, "a" * 10, "a" * 5]
    assert split_text("ab\ncd", 2) == ["ab", "cd"]
