"""Binding a chat account to an officer with a one-time invite code.

Codes are 10 characters from a 31-letter alphabet (about 50 bits), shown as two groups of
five; case, spaces and dashes do not matter when typed. Only a keyed hash is stored
(HMAC-SHA-256 with the ward's invite secret, see bot/settings.py), so a leaked database
alone gives no way to test guesses offline. Online, wrong codes are throttled per account
and ward-wide, so new accounts bring no fresh tries at the same codes. Only text shaped
like a code counts as a try: greetings and commands never lock anyone out.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from sqlmodel import Session

from handlers import texts
from handlers.announcements.send import queue_missed_announcements
from handlers.engine import forms
from handlers.engine.context import Context, CoreConfig
from handlers.engine.menu import help_text, menu_for
from handlers.engine.messages import Reply
from storage.models import Officer
from storage.queries.audit import record_audit
from storage.queries.identity import (
    add_invite,
    bind_identity,
    failed_bind_attempts,
    identity_for,
    invite_by_hash,
    record_bind_attempt,
)
from storage.queries.roster import officer_by_code, officer_by_id, unit_by_id

# No 0/O, 1/I/L: a code read aloud over the phone or typed from paper must not be misread.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10
CODE_GROUP = 5
# What people put between the groups of a code they type.
CODE_SEPARATORS = " -._"


def normalise_code(raw: str) -> str:
    return "".join(ch for ch in raw.upper() if ch.isalnum())


def looks_like_code(text: str) -> bool:
    """Whether the text is shaped like an invite code: 10 Latin letters or digits, in groups."""
    compact = "".join(ch for ch in text.strip() if ch not in CODE_SEPARATORS)
    return len(compact) == CODE_LENGTH and compact.isascii() and compact.isalnum()


def shown_code(code: str) -> str:
    """The code as people read it: ABCDE-FGHJK."""
    return f"{code[:CODE_GROUP]}-{code[CODE_GROUP:]}"


def hash_code(code: str, key: bytes) -> str:
    return hmac.new(key, normalise_code(code).encode(), hashlib.sha256).hexdigest()


def issue_invite(
    session: Session,
    *,
    officer_code: str,
    now: datetime,
    ttl: timedelta,
    key: bytes,
    actor_officer_id: int | None = None,
    channel: str = "cli",
) -> str:
    """Make a new invite for the officer and return the code; only its keyed hash is stored.

    The actor is None when the invite comes from the command line.
    """
    officer = officer_by_code(session, code=officer_code)
    if officer is None or officer.id is None:
        raise LookupError(f"no officer with code {officer_code!r} in the roster")
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    add_invite(
        session,
        officer_id=officer.id,
        code_hash=hash_code(code, key),
        now=now,
        expires_at=now + ttl,
    )
    record_audit(
        session,
        at=now,
        actor_officer_id=actor_officer_id,
        channel=channel,
        action="invite.issue",
        entity="officer",
        entity_id=officer.id,
        after={"expires_at": (now + ttl).isoformat()},
    )
    return code


def describe_officer(ctx: Context, officer: Officer) -> dict[str, str]:
    unit = unit_by_id(ctx.session, unit_id=officer.unit_id)
    return {
        "name": officer.full_name,
        "position": f"{officer.position}, " if officer.position else "",
        "unit": unit.name if unit else "",
        "role": texts.ROLE_NAMES.get(officer.role, officer.role),
    }


def invite_text(
    config: CoreConfig, *, name: str, officer_code: str, code: str, expires: str
) -> str:
    """The invite as the admin passes it on: the code, and how to reach the bot on each channel."""
    shown = shown_code(code)
    lines = [
        texts.INVITE_ISSUED.format(name=name, code=officer_code, invite=shown, expires=expires),
        texts.INVITE_HOW,
    ]
    if config.bot_username:
        link = f"https://t.me/{config.bot_username}?start={code}"
        lines.append(texts.INVITE_TELEGRAM_LINK.format(link=link))
    elif config.telegram_configured:
        lines.append(texts.INVITE_TELEGRAM_NO_LINK.format(invite=shown))
    if config.zalo_bot_link:
        lines.append(texts.INVITE_ZALO_LINK.format(link=config.zalo_bot_link, invite=shown))
    elif config.zalo_configured:
        lines.append(texts.INVITE_ZALO_NO_LINK.format(invite=shown))
    if len(lines) == 2:
        lines[1:] = [texts.INVITE_NO_CHANNEL.format(invite=shown)]
    return "\n".join(lines)


def greet(ctx: Context, officer: Officer, template: str) -> list[Reply]:
    text = (
        template.format(**describe_officer(ctx, officer))
        + "\n\n"
        + help_text(officer.role, ctx.campaign)
    )
    return [Reply(text, menu=menu_for(officer.role, ctx.campaign))]


def start_command(ctx: Context, args: str) -> list[Reply]:
    """/start: bind with the code given, greet a bound user, or say what is expected."""
    if args.strip():
        if not looks_like_code(args):
            return [Reply(texts.NOT_A_CODE)]
        return try_bind(ctx, args)
    if ctx.officer is not None:
        return greet(ctx, ctx.officer, texts.WELCOME_BACK)
    return [Reply(texts.ASK_INVITE_CODE)]


def _throttled(ctx: Context) -> datetime | None:
    """Until when code tries are refused: too many wrong ones by this account or ward-wide."""
    incoming, config = ctx.incoming, ctx.config
    since = ctx.now - config.bind_window
    mine = failed_bind_attempts(
        ctx.session, since=since, channel=incoming.channel, platform_user_id=incoming.user_id
    )
    everyone = failed_bind_attempts(ctx.session, since=since)
    for (count, first), limit in (
        (mine, config.bind_max_failures),
        (everyone, config.bind_max_failures_ward),
    ):
        if count >= limit and first is not None:
            return first + config.bind_window
    return None


def try_bind(ctx: Context, raw_code: str) -> list[Reply]:
    """Check throttling and the code, then bind; every try is recorded."""
    incoming = ctx.incoming
    until = _throttled(ctx)
    if until is not None:
        retry_at = ctx.local(until).strftime(texts.MOMENT_FORMAT)
        return [Reply(texts.BIND_THROTTLED.format(time=retry_at))]
    problem, officer = _check_code(ctx, raw_code)
    record_bind_attempt(
        ctx.session,
        channel=incoming.channel,
        platform_user_id=incoming.user_id,
        now=ctx.now,
        succeeded=problem is None,
    )
    if problem is not None or officer is None or officer.id is None:
        return [Reply(problem or texts.INVITE_UNKNOWN)]
    previous = ctx.officer.id if ctx.officer else None
    bind_identity(
        ctx.session,
        channel=incoming.channel,
        platform_user_id=incoming.user_id,
        chat_id=incoming.chat_id,
        officer_id=officer.id,
        now=ctx.now,
    )
    record_audit(
        ctx.session,
        at=ctx.now,
        actor_officer_id=officer.id,
        channel=incoming.channel,
        action="identity.bind",
        entity="officer",
        entity_id=officer.id,
        before={"officer_id": previous},
        after={"channel": incoming.channel, "platform_user_id": incoming.user_id},
    )
    ctx.officer = officer
    forms.clear(ctx)
    replies = greet(ctx, officer, texts.WELCOME)
    missed = queue_missed_announcements(ctx, officer)
    if missed:
        replies.append(Reply(texts.WELCOME_MISSED_ANNOUNCEMENTS.format(count=missed)))
    return replies


def _check_code(ctx: Context, raw_code: str) -> tuple[str | None, Officer | None]:
    invite = invite_by_hash(ctx.session, code_hash=hash_code(raw_code, ctx.config.invite_key))
    if invite is None:
        return texts.INVITE_UNKNOWN, None
    if invite.used_at is not None:
        return texts.INVITE_USED, None
    if invite.expires_at <= ctx.now:
        expired = ctx.local(invite.expires_at).strftime("%d/%m/%Y")
        return texts.INVITE_EXPIRED.format(date=expired), None
    officer = officer_by_id(ctx.session, officer_id=invite.officer_id)
    if officer is None or not officer.active:
        return texts.INVITE_OFFICER_INACTIVE, None
    invite.used_at = ctx.now
    ctx.session.add(invite)
    return None, officer


def bind_local_user(
    session: Session, *, channel: str, officer_code: str, now: datetime
) -> dict[str, str]:
    """Bind a local channel (the terminal console) to a roster officer without an invite.

    Whoever runs the console already holds the machine and its database, so a code would
    protect nothing there.
    """
    officer = officer_by_code(session, code=officer_code)
    if officer is None or officer.id is None:
        raise LookupError(f"no officer with code {officer_code!r} in the roster")
    existing = identity_for(session, channel=channel, platform_user_id=officer.code)
    if existing is None or existing.officer_id != officer.id:
        bind_identity(
            session,
            channel=channel,
            platform_user_id=officer.code,
            chat_id=officer.code,
            officer_id=officer.id,
            now=now,
        )
        record_audit(
            session,
            at=now,
            actor_officer_id=officer.id,
            channel=channel,
            action="identity.bind",
            entity="officer",
            entity_id=officer.id,
            after={"channel": channel, "platform_user_id": officer.code},
        )
    unit = unit_by_id(session, unit_id=officer.unit_id)
    return {
        "name": officer.full_name,
        "role": texts.ROLE_NAMES.get(officer.role, officer.role),
        "unit": unit.name if unit else "",
    }
