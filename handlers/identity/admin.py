"""The admin in chat: invite codes (/moi) and finding an officer to correct (/canbo)."""

from __future__ import annotations

from collections.abc import Callable

from sqlmodel import Session

from handlers import texts
from handlers.engine import forms
from handlers.engine.context import Context
from handlers.engine.forms import Answers, Form, Invalid, Outcome, Step, StepInput, Store
from handlers.engine.menu import ADMINS
from handlers.engine.messages import Button, Reply
from handlers.identity import roster_edit
from handlers.identity.binding import invite_text, issue_invite
from handlers.identity.roster_edit import bound_accounts, payload, unit_name
from handlers.identity.roster_file import fold
from storage.models import Officer
from storage.queries.roster import all_officers, officer_by_id

PAYLOAD_PREFIX = roster_edit.PAYLOAD_PREFIX
PICK_LIMIT = 10
INVITE, ROSTER = "invite", "roster"


def find_officers(session: Session, query: str) -> list[Officer]:
    """The officer with this code, or those whose name holds the fragment (accents ignored)."""
    wanted = fold(query)
    if not wanted:
        return []
    officers = all_officers(session, active_only=False)
    exact = [o for o in officers if fold(o.code) == wanted]
    return exact or [o for o in officers if wanted in fold(o.full_name)]


def officer_label(ctx: Context, officer: Officer) -> str:
    mark = "" if officer.active else texts.ADMIN_INACTIVE_MARK
    return f"{officer.full_name}{mark} — {unit_name(ctx, officer)}"


# --- finding the officer ------------------------------------------------------------------


def _ask(_ctx: Context, answers: Answers) -> str:
    return texts.ADMIN_ASK_INVITE if answers["purpose"] == INVITE else texts.ADMIN_ASK_OFFICER


def _take_query(ctx: Context, _answers: Answers, given: StepInput) -> Outcome:
    if given.attachment is not None or given.choice is not None:
        raise Invalid(texts.TEXT_EXPECTED)
    query = " ".join(given.text.split())
    if not find_officers(ctx.session, query):
        raise Invalid(texts.ADMIN_NOT_FOUND.format(query=query))
    return Store(query)


def _lookup_done(ctx: Context, answers: Answers) -> list[Reply]:
    return found(ctx, answers["query"], answers["purpose"])


LOOKUP_FORM = forms.register(
    Form(
        name="officer_lookup",
        command="canbo",
        title=texts.ADMIN_LOOKUP_TITLE,
        steps=(Step("query", _ask, _take_query, free_text=True),),
        complete=_lookup_done,
    )
)


def found(ctx: Context, query: str, purpose: str) -> list[Reply]:
    """One match goes straight on; several are offered as buttons; none is said so."""
    matches = find_officers(ctx.session, query)
    if not matches:
        return [Reply(texts.ADMIN_NOT_FOUND.format(query=query))]
    action = "inv" if purpose == INVITE else "card"
    if len(matches) == 1:
        assert matches[0].id is not None
        return press(ctx, payload(action, matches[0].id))
    shown = matches[:PICK_LIMIT]
    text = texts.ADMIN_PICK.format(count=len(matches), query=query)
    if len(matches) > PICK_LIMIT:
        text += "\n" + texts.ADMIN_PICK_MORE.format(shown=PICK_LIMIT)
    buttons = tuple((Button(officer_label(ctx, o), payload(action, o.id or 0)),) for o in shown)
    return [Reply(text, buttons=buttons)]


def _command(purpose: str) -> Callable[[Context, str], list[Reply]]:
    def run(ctx: Context, args: str) -> list[Reply]:
        if args.strip():
            return found(ctx, " ".join(args.split()), purpose)
        return [forms.start(ctx, LOOKUP_FORM, {"purpose": purpose})]

    return run


invite_command = _command(INVITE)
roster_command = _command(ROSTER)


# --- /moi ---------------------------------------------------------------------------------


def issue(ctx: Context, officer: Officer) -> list[Reply]:
    """An invite code in chat, with its expiry and how to reach the bot on each channel."""
    if not officer.active:
        return [
            Reply(texts.ADMIN_INVITE_INACTIVE.format(name=officer.full_name, code=officer.code))
        ]
    ttl = ctx.config.invite_ttl
    code = issue_invite(
        ctx.session,
        officer_code=officer.code,
        now=ctx.now,
        ttl=ttl,
        key=ctx.config.invite_key,
        actor_officer_id=ctx.officer.id if ctx.officer else None,
        channel=ctx.incoming.channel,
    )
    expires = ctx.local(ctx.now + ttl).strftime("%H:%M %d/%m/%Y")
    lines = [
        invite_text(
            ctx.config,
            name=officer.full_name,
            officer_code=officer.code,
            code=code,
            expires=expires,
        )
    ]
    lines.append(texts.ADMIN_INVITE_NOTE)
    bound = bound_accounts(ctx, officer)
    if bound:
        lines.append(texts.ADMIN_INVITE_BOUND.format(name=officer.full_name, count=bound))
    return [Reply("\n".join(lines))]


def press(ctx: Context, payload_text: str) -> list[Reply]:
    """A button of /moi or /canbo; every one is for the admin only, checked here again."""
    assert ctx.officer is not None
    if ctx.officer.role not in ADMINS:
        roles = ", ".join(texts.ROLE_NAMES[role] for role in ADMINS)
        return [Reply(texts.NOT_ALLOWED.format(name="canbo", roles=roles))]
    parts = payload_text.split(".")
    if len(parts) < 3 or not parts[2].isdigit():
        return [Reply(texts.STALE_BUTTON)]
    action, extra = parts[1], parts[3:]
    officer = officer_by_id(ctx.session, officer_id=int(parts[2]))
    if officer is None:
        return [Reply(texts.ADMIN_NOT_FOUND_BY_ID)]
    if action == "inv" and not extra:
        return issue(ctx, officer)
    return roster_edit.act(ctx, officer, action, extra)
