"""Neutral message types: what adapters hand to the core and what the core hands back."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Attachment:
    """A file the user sent; `content` is None when the channel could not fetch it.

    Over the size limit that is expected; within it, the download failed.
    """

    name: str
    size: int
    content: bytes | None
    is_photo: bool = False


@dataclass(frozen=True)
class Incoming:
    """One thing a user did: typed text, sent a file or pressed a button."""

    channel: str
    user_id: str
    chat_id: str
    text: str = ""
    attachment: Attachment | None = None
    button: str | None = None
    display_name: str = ""
    # True for a kind of message the core cannot use (a sticker, a location, a contact …).
    unsupported: bool = False
    # The platform's increasing update number, where it has one; a repeat is ignored.
    sequence: int | None = None
    # The channel cannot carry documents (Zalo): the core offers the upload page instead.
    documents_by_link: bool = False
    # The platform's id of this event where it has no sequence (Zalo's message_id).
    event_id: str | None = None

    @property
    def event_key(self) -> str | None:
        """What names this event for a redelivery: its id, else its sequence number."""
        if self.event_id:
            return self.event_id
        return None if self.sequence is None else str(self.sequence)


@dataclass(frozen=True)
class Button:
    label: str
    payload: str


@dataclass(frozen=True)
class OutgoingFile:
    name: str
    content: bytes
    is_photo: bool = False


@dataclass(frozen=True)
class Command:
    """A command the menu lists: its name without the slash and its Vietnamese description."""

    name: str
    description: str
    aliases: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Reply:
    """One message the adapter sends back: text, rows of buttons, optionally a file."""

    text: str
    buttons: tuple[tuple[Button, ...], ...] = ()
    file: OutgoingFile | None = None
    # True when the user is expected to type text and the buttons are only shortcuts:
    # then a typed number is an answer, not the number of a button.
    free_text: bool = False
    # The commands this chat's menu should now offer (after binding), where a channel has
    # such a menu; None leaves the menu as it is.
    menu: tuple[Command, ...] | None = None

    def flat_buttons(self) -> list[Button]:
        return [button for row in self.buttons for button in row]
