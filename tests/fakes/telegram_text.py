"""Message text as Telegram sees it: UTF-16 entity offsets, bot commands and HTML formatting."""

from __future__ import annotations

import html
import re

from .telegram_wire import JSON, ApiError

# In UTF-16 code units, as Telegram counts them (see utf16_len).
MAX_TEXT_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024

COMMAND_RE = re.compile(r"(?<!\S)/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?(?![A-Za-z0-9_@/])")
TAG_RE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)((?:\s[^<>]*)?)>")
ATTR_RE = re.compile(r"""([A-Za-z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
HTML_ENTITY_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}


def utf16_len(text: str) -> int:
    """Return the length of text in UTF-16 code units, the unit of entity offsets and limits."""
    return len(text.encode("utf-16-le")) // 2


def command_entities(text: str) -> list[JSON]:
    """Return the bot_command entities Telegram attaches to a user's message text."""
    return [
        {"type": "bot_command", "offset": utf16_len(text[: m.start()]), "length": utf16_len(m[0])}
        for m in COMMAND_RE.finditer(text)
    ]


def format_text(text: str, parse_mode: str | None) -> tuple[str, list[JSON]]:
    """Return the plain text and entities of a bot message for the given parse_mode."""
    mode = (parse_mode or "").lower()
    if mode == "html":
        return parse_html(text)
    if mode in ("", "markdown", "markdownv2"):
        return text, []  # Markdown is passed through unparsed and unchecked by the fake.
    raise ApiError(400, "Bad Request: unsupported parse_mode")


def parse_html(text: str) -> tuple[str, list[JSON]]:
    """Parse Telegram's HTML subset, raising the real API's errors for malformed markup."""
    plain: list[str] = []
    offset = 0
    open_tags: list[tuple[str, int, JSON]] = []
    entities: list[JSON] = []
    pos = 0
    while (start := text.find("<", pos)) != -1:
        chunk = html.unescape(text[pos:start])
        plain.append(chunk)
        offset += utf16_len(chunk)
        match = TAG_RE.match(text, start)
        byte_offset = len(text[:start].encode())
        if match is None or match[2].lower() not in HTML_ENTITY_TYPES:
            name = match[2] if match else ""
            raise _parse_error(f'Unsupported start tag "{name}" at byte offset {byte_offset}')
        closing, name = bool(match[1]), match[2].lower()
        if not closing:
            open_tags.append((name, offset, _html_entity(name, match[3])))
        elif not open_tags or open_tags[-1][0] != name:
            expected = f'"</{open_tags[-1][0]}>"' if open_tags else "no end tag"
            raise _parse_error(
                f"Unmatched end tag at byte offset {byte_offset}, "
                f'expected {expected}, found "</{name}>"'
            )
        else:
            _, begin, entity = open_tags.pop()
            if offset > begin:
                entities.append({**entity, "offset": begin, "length": offset - begin})
        pos = match.end()
    if open_tags:
        raise _parse_error(f'Can\'t find end tag corresponding to start tag "{open_tags[-1][0]}"')
    plain.append(html.unescape(text[pos:]))
    entities.sort(key=lambda entity: (entity["offset"], -entity["length"]))
    return "".join(plain), entities


def _html_entity(tag: str, attributes: str) -> JSON:
    """Build the entity (without offset/length) an opening HTML tag stands for."""
    attrs = {m[1].lower(): m[2] or m[3] or m[4] or "" for m in ATTR_RE.finditer(attributes)}
    entity: JSON = {"type": HTML_ENTITY_TYPES[tag]}
    if tag == "a":
        entity["url"] = html.unescape(attrs.get("href", ""))
    elif tag == "blockquote" and "expandable" in attributes.lower():
        entity["type"] = "expandable_blockquote"
    elif tag == "tg-emoji":
        entity["custom_emoji_id"] = attrs.get("emoji-id", "")
    return entity


def _parse_error(detail: str) -> ApiError:
    """Return the 400 error Telegram answers for text whose entities cannot be parsed."""
    return ApiError(400, f"Bad Request: can't parse entities: {detail}")
