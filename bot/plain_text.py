"""A neutral reply as plain text, for channels without buttons (Zalo, the terminal console).

Buttons become numbered lines ("1. Gửi"), which the core understands typed back as a number
or a label. Where the user is expected to type text (Reply.free_text) a number would be an
answer, so the buttons are shown as labels to type instead. A long text is cut at line ends
into pieces of at most `limit` characters, and the choices always come last, whole in the
last piece when they fit in one.
"""

from __future__ import annotations

from handlers import texts
from handlers.engine.messages import Reply


def render(reply: Reply, limit: int | None = None) -> list[str]:
    """The reply's texts, in order; the choices at the end of the last one."""
    choices = choice_lines(reply)
    if limit is None:
        return ["\n\n".join(part for part in [reply.text, "\n".join(choices)] if part)]
    menu = "\n".join(choices)
    body = split_text(reply.text, limit)
    if not menu:
        return body
    if body and len(body[-1]) + 2 + len(menu) <= limit:
        return [*body[:-1], f"{body[-1]}\n\n{menu}"]
    return [*body, *split_text(menu, limit)]


def choice_lines(reply: Reply) -> list[str]:
    """The buttons as lines: numbered, or as labels to type on a free-text step."""
    buttons = reply.flat_buttons()
    if not buttons:
        return []
    if reply.free_text:
        return [" | ".join(f"[{b.label}]" for b in buttons) + " " + texts.TYPE_A_LABEL_HINT]
    return [f"{number}. {button.label}" for number, button in enumerate(buttons, start=1)]


def split_text(text: str, limit: int) -> list[str]:
    """Pieces of at most `limit` characters, cut at line ends where possible; none empty."""
    pieces: list[str] = []
    while len(text) > limit:
        cut = text.rfind("\n", 0, limit + 1)
        cut = cut if cut > 0 else limit
        pieces.append(text[:cut])
        text = text[cut:].lstrip("\n")
    # Messengers refuse an empty message, so none is ever made.
    return [piece for piece in [*pieces, text] if piece.strip()]
