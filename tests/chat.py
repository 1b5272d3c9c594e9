"""A scripted user talking to the core as a chat app would: text, buttons, files."""

from __future__ import annotations

from bot.core import Core
from handlers.engine.messages import Attachment, Incoming, Reply
from handlers.identity.binding import issue_invite
from storage.db import transaction

CHANNEL = "test"


class Chat:
    """One user's chat; remembers the last replies so a button can be pressed by its label."""

    def __init__(self, core: Core, *, officer_code: str | None, user_id: str = "") -> None:
        self.core = core
        self.user_id = user_id or f"user-{officer_code or 'stranger'}"
        self.last: list[Reply] = []
        if officer_code is not None:
            with transaction(core.engine) as session:
                code = issue_invite(
                    session,
                    officer_code=officer_code,
                    now=core.clock(),
                    ttl=core.config.invite_ttl,
                    key=core.config.invite_key,
                )
            self.send(f"/start {code}")

    def _incoming(self, **fields: object) -> list[Reply]:
        incoming = Incoming(channel=CHANNEL, user_id=self.user_id, chat_id=self.user_id, **fields)  # type: ignore[arg-type]
        self.last = self.core.answer(incoming)
        return self.last

    def send(self, text: str) -> list[Reply]:
        return self._incoming(text=text)

    def send_file(
        self,
        name: str,
        content: bytes | None,
        *,
        size: int | None = None,
        is_photo: bool = False,
        caption: str = "",
    ) -> list[Reply]:
        """Send a file or photo, with the caption a chat app sends as the message's text."""
        attachment = Attachment(
            name=name,
            size=len(content or b"") if size is None else size,
            content=content,
            is_photo=is_photo,
        )
        return self._incoming(attachment=attachment, text=caption)

    def press(self, label: str) -> list[Reply]:
        """Press the button with this label (or starting with it) on the last replies."""
        for reply in reversed(self.last):
            for button in reply.flat_buttons():
                if button.label == label or button.label.startswith(label):
                    return self._incoming(button=button.payload)
        shown = [b.label for r in self.last for b in r.flat_buttons()]
        raise AssertionError(f"no button {label!r} in the last replies; buttons were {shown}")

    def press_payload(self, payload: str) -> list[Reply]:
        return self._incoming(button=payload)

    @property
    def text(self) -> str:
        """All the last replies' texts, joined."""
        return "\n".join(reply.text for reply in self.last)

    def labels(self) -> list[str]:
        return [b.label for r in self.last for b in r.flat_buttons()]
