"""What people type in place of a tap or a slash, on every channel.

Channels without buttons (Zalo, the console) show choices as numbered lines, and people there
type commands without the slash and often without accents. The rules, in this order:

1. A button: its number where the last reply offered choices, or its label, in any case, with
   or without accents and its leading emoji (`Gui` presses «Gửi»).
2. Where a form waits for typed text (its last question had no buttons, or only shortcuts
   beside the text: Reply.free_text), whatever else is typed is the answer: a number, a word
   that names a command. Only a slash makes a command there, and the bare word for cancel
   (`huy`, `hủy`, `cancel`): nobody answers a question with that word alone.
3. Elsewhere `0` cancels, and a message that is exactly a command's name or English alias is
   that command, with or without the slash, accents, case or spaces (`xác nhận`, `baocao`).
   Arguments (`/tinhhinh Văn phòng`) need the slash, so that a sentence that happens to begin
   with a command's word ("moi gui xong") is never taken for one.
"""

from __future__ import annotations

import unicodedata

from handlers.engine import forms
from handlers.engine.context import Context
from handlers.engine.menu import entry_named

CANCEL = "huy"
CANCEL_WORDS = frozenset({"huy", "cancel"})


def fold(text: str) -> str:
    """Text as it compares when typed carelessly: no accents, no case, single spaces."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.casefold().split())


def free_text_expected(ctx: Context) -> bool:
    """Whether a form is waiting for typed text rather than for a choice."""
    if forms.active_form(ctx) is None:
        return False
    stored = ctx.conversation.buttons
    return not stored.get("items") or bool(stored.get("free_text"))


def button(ctx: Context) -> str | None:
    """The payload of the button the typed text stands for, if it stands for one."""
    text = ctx.incoming.text.strip()
    stored = ctx.conversation.buttons
    items: list[list[str]] = stored.get("items", [])
    if not text or not items or ctx.incoming.attachment is not None:
        return None
    if text.isdigit() and not stored.get("free_text") and 1 <= int(text) <= len(items):
        return items[int(text) - 1][1]
    folded = fold(text)
    for label, payload in items:
        if folded and folded in {fold(label), fold(_without_emoji(label))}:
            return payload
    return None


def command(ctx: Context) -> tuple[str, str] | None:
    """The command typed, as its name (or alias) and arguments, if the text is one."""
    stripped = ctx.incoming.text.strip()
    if stripped.startswith("/"):
        return _slash_command(stripped[1:])
    if ctx.incoming.attachment is not None:
        return None
    whole = fold(stripped).replace(" ", "")
    if free_text_expected(ctx):
        return (CANCEL, "") if whole in CANCEL_WORDS else None
    if stripped == "0":
        return CANCEL, ""
    return (whole, "") if whole and entry_named(whole) is not None else None


def _slash_command(body: str) -> tuple[str, str] | None:
    whole = fold(body).replace(" ", "")
    if whole and entry_named(whole) is not None:
        return whole, ""
    head, _, args = body.partition(" ")
    name = fold(head.split("@", 1)[0])
    return (name, args.strip()) if name else None


def _without_emoji(label: str) -> str:
    """A label without its leading emoji, as someone would type it."""
    return label.split(" ", 1)[1] if " " in label and not label[0].isalnum() else ""
