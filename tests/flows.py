"""Table-driven dialogs: each row is what the user does and a text the bot's answer must hold."""

from __future__ import annotations

from dataclasses import dataclass

from tests.chat import Chat


@dataclass(frozen=True)
class Turn:
    """One exchange: `send` text, `press` a button label, or `upload` (name, bytes)."""

    expect: str
    send: str | None = None
    press: str | None = None
    upload: tuple[str, bytes] | None = None
    photo: bool = False


def play(chat: Chat, turns: list[Turn]) -> None:
    """Play the turns in order; fail at the first answer that lacks what it should say."""
    for number, turn in enumerate(turns, start=1):
        if turn.press is not None:
            chat.press(turn.press)
        elif turn.upload is not None:
            chat.send_file(turn.upload[0], turn.upload[1], is_photo=turn.photo)
        else:
            chat.send(turn.send or "")
        said = chat.text
        assert turn.expect in said, f"turn {number} ({turn}): expected {turn.expect!r} in:\n{said}"
