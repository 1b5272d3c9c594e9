"""Command line: python -m bot [run | console | invite | import-roster | notices]."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from dataclasses import replace
from pathlib import Path

from dotenv import load_dotenv
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from bot.console.logs import HeldWarnings, log_to_file
from bot.core import Core
from bot.logs import configure_logging, guard_logging
from bot.settings import DEFAULT_ROSTER_FILE, Settings, SettingsError
from handlers import texts
from handlers.campaign.errors import CampaignError
from handlers.identity.admin import find_officers
from handlers.identity.binding import invite_text, issue_invite
from handlers.identity.roster import Overwrite, import_roster
from handlers.identity.roster_file import RosterFileError
from handlers.reminders.overview import notices_overview
from storage.db import transaction
from storage.models import Officer
from storage.queries.roster import count_units


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description="thidua-bot")
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("run", help="serve every configured channel (needs TELEGRAM_BOT_TOKEN)")
    console = commands.add_parser("console", help="chat in this terminal as a roster officer")
    console.add_argument("--as", dest="officer", help="officer code, e.g. VHXH01")
    invite = commands.add_parser("invite", help="issue a one-time invite code for an officer")
    invite.add_argument("officer", help="officer code, or (part of) the name, from the roster")
    roster = commands.add_parser("import-roster", help="load units and officers from .xlsx/.csv")
    roster.add_argument("file", type=Path)
    roster.add_argument(
        "--overwrite",
        action="store_true",
        help="the file wins over every unit, role and status change made in chat with /canbo",
    )
    roster.add_argument(
        "--overwrite-officer",
        action="append",
        default=[],
        metavar="CODE",
        help="the file wins over /canbo changes for this officer only (may be repeated)",
    )
    commands.add_parser("notices", help="list coming reminders and recent ones with delivery")
    return parser


def main(argv: list[str] | None = None) -> int:
    load_dotenv()
    args = _parser().parse_args(argv)
    try:
        settings = Settings.from_env()
    except SettingsError as error:
        print(texts.SETTINGS_BROKEN.format(error=error), file=sys.stderr)
        return 2
    console = args.command == "console" or (args.command is None and not settings.has_channel)
    logs: tuple[Path, HeldWarnings] | None = None
    if console:
        # The chat is the screen: the log goes to a file, warnings after the chat line.
        logs = log_to_file(settings.data_dir, settings.log_level)
        guard_logging(settings)
    else:
        configure_logging(settings)
    try:
        core = Core.from_settings(settings)
    except CampaignError as error:
        print(texts.CAMPAIGN_BROKEN.format(error=error), file=sys.stderr)
        return 2
    except (DBAPIError, OSError) as error:
        # The driver refused the address (a server down, an option it does not know, a file
        # that is not a database) or its folder could not be made.
        url = make_url(settings.database_url).render_as_string(hide_password=True)
        cause = error.orig if isinstance(error, DBAPIError) else error
        problem = (str(cause).strip() or type(cause).__name__).splitlines()[0]
        print(texts.DATABASE_UNREACHABLE.format(url=url, problem=problem), file=sys.stderr)
        return 2
    if args.command == "invite":
        return _invite(settings, core, args.officer)
    if args.command == "import-roster":
        overwrite = Overwrite(
            everyone=args.overwrite,
            officers=frozenset(code.upper() for code in args.overwrite_officer),
        )
        return _import_roster(core, args.file, overwrite=overwrite)
    if args.command == "notices":
        return _notices(settings, core)
    if args.command == "run":
        if not settings.has_channel:
            print(texts.TOKEN_MISSING, file=sys.stderr)
            return 2
        return _run_channels(settings, core)
    if args.command is None and settings.has_channel:
        return _run_channels(settings, core)
    if args.command is None:
        print(texts.NO_TOKEN_FALLBACK)
    assert logs is not None
    return _console(settings, core, getattr(args, "officer", None), logs)


def _run_channels(settings: Settings, core: Core) -> int:
    from bot.channels import run

    run(settings, core)
    return 0


def _console(
    settings: Settings, core: Core, officer: str | None, logs: tuple[Path, HeldWarnings]
) -> int:
    from bot.console.terminal import Console

    log_file, held = logs
    _ensure_demo_roster(core)
    console = Console(
        core,
        sys.stdin,
        sys.stdout,
        settings.data_dir / "console-files",
        reminders=settings.reminder_config(),
        warnings=held,
        log_file=log_file,
    )
    return console.run(officer)


def _ensure_demo_roster(core: Core) -> None:
    """An empty database gets the shipped demo roster, so the console has people to be."""
    with transaction(core.engine) as session:
        if count_units(session) == 0:
            import_roster(session, path=DEFAULT_ROSTER_FILE, now=core.clock())


def _import_roster(core: Core, path: Path, *, overwrite: Overwrite) -> int:
    try:
        with transaction(core.engine) as session:
            result = import_roster(session, path=path, now=core.clock(), overwrite=overwrite)
    except RosterFileError as error:
        print(error, file=sys.stderr)
        return 2
    for line, reason in result.errors:
        print(texts.ROSTER_ROW_ERROR.format(line=line, reason=reason, text=result.row_texts[line]))
    for line, reason in result.warnings:
        print(texts.ROSTER_ROW_WARNING.format(line=line, reason=reason))
    for line, code, columns in result.kept:
        names = ", ".join(texts.ROSTER_COLUMN_NAMES[column].lower() for column in columns)
        print(texts.ROSTER_KEPT_CHAT_EDIT.format(line=line, code=code, columns=names))
    if result.kept:
        print(texts.ROSTER_KEPT_HINT.format(file=path, code=result.kept[0][1]))
    for unit, heads in result.many_heads:
        print(texts.ROSTER_MANY_HEADS.format(unit=unit, count=len(heads), heads=", ".join(heads)))
    print(
        texts.ROSTER_SUMMARY.format(
            file=path,
            units_created=result.units_created,
            units_updated=result.units_updated,
            officers_created=result.officers_created,
            officers_updated=result.officers_updated,
            errors=len(result.errors),
        )
    )
    return 1 if result.errors else 0


def _notices(settings: Settings, core: Core) -> int:
    with transaction(core.engine) as session:
        print(
            notices_overview(
                session,
                campaign=core.campaign,
                config=settings.reminder_config(),
                now=core.clock(),
            )
        )
    return 0


def _invite(settings: Settings, core: Core, query: str) -> int:
    now = core.clock()
    config = core.config
    if not config.bot_username:
        config = replace(config, bot_username=_bot_username(settings))
    with transaction(core.engine) as session:
        matches = find_officers(session, query)
        if len(matches) != 1:
            print(_not_one_officer(query, matches), file=sys.stderr)
            return 2
        officer = matches[0]
        code = issue_invite(
            session,
            officer_code=officer.code,
            now=now,
            ttl=config.invite_ttl,
            key=config.invite_key,
        )
        name, officer_code = officer.full_name, officer.code
    expires = (now + config.invite_ttl).astimezone(config.timezone).strftime("%H:%M %d/%m/%Y")
    print(invite_text(config, name=name, officer_code=officer_code, code=code, expires=expires))
    return 0


def _not_one_officer(query: str, matches: list[Officer]) -> str:
    if not matches:
        return texts.OFFICER_NOT_FOUND.format(code=query)
    names = ", ".join(f"{officer.full_name} ({officer.code})" for officer in matches)
    return texts.OFFICER_AMBIGUOUS.format(
        count=len(matches), query=query, names=names, code=matches[0].code
    )


def _bot_username(settings: Settings) -> str:
    """Ask the Bot API for the bot's name when a token is set; empty when it cannot be had."""
    if not settings.telegram_token:
        return ""
    from telegram import Bot
    from telegram.error import TelegramError

    async def fetch() -> str:
        bot = Bot(
            settings.telegram_token,
            base_url=settings.telegram_api_base_url,
            base_file_url=settings.telegram_file_base_url,
        )
        async with bot:
            return bot.username

    try:
        return asyncio.run(fetch())
    except TelegramError as error:
        logging.getLogger(__name__).warning("could not ask Telegram for the bot name: %s", error)
        return ""


if __name__ == "__main__":
    sys.exit(main())
