"""The commands each role sees: names, aliases and Vietnamese descriptions."""

from __future__ import annotations

from dataclasses import dataclass

from handlers import texts
from handlers.engine.context import Context
from handlers.engine.messages import Command, Reply
from storage.models import Role

ALL_ROLES = frozenset(Role)


@dataclass(frozen=True)
class MenuEntry:
    name: str
    aliases: tuple[str, ...]
    description: str
    roles: frozenset[Role]


HEADS = frozenset({Role.UNIT_HEAD})
SECRETARIAT = frozenset({Role.SECRETARIAT, Role.ADMIN})
ADMINS = frozenset({Role.ADMIN})
OVERSIGHT = frozenset({Role.UNIT_HEAD, Role.SECRETARIAT, Role.ADMIN})
LEADERSHIP = frozenset({Role.LEADERSHIP})

MENU: tuple[MenuEntry, ...] = (
    MenuEntry("baocao", ("report",), texts.CMD_REPORT, ALL_ROLES),
    MenuEntry("cuatoi", ("mine",), texts.CMD_MINE, ALL_ROLES),
    MenuEntry("tinhhinh", ("status",), texts.CMD_STATUS, OVERSIGHT),
    MenuEntry("xacnhan", ("confirm",), texts.CMD_CONFIRM, HEADS),
    MenuEntry("dexuat", ("nominate",), texts.CMD_NOMINATE, HEADS),
    MenuEntry("hoso", ("dossier",), texts.CMD_DOSSIER, HEADS),
    MenuEntry("thongbao", ("announce",), texts.CMD_ANNOUNCE, SECRETARIAT),
    MenuEntry("tonghop", ("overview",), texts.CMD_OVERVIEW, SECRETARIAT),
    MenuEntry("tiepnhan", ("intake",), texts.CMD_INTAKE, SECRETARIAT),
    MenuEntry("xuat", ("export",), texts.CMD_EXPORT, SECRETARIAT),
    MenuEntry("hannop", ("deadline",), texts.CMD_DEADLINE, SECRETARIAT),
    MenuEntry("xettang", ("council",), texts.CMD_COUNCIL, SECRETARIAT),
    MenuEntry("gopy", ("comment",), texts.CMD_COMMENT, ALL_ROLES),
    MenuEntry("pheduyet", ("approve",), texts.CMD_APPROVE, LEADERSHIP),
    MenuEntry("moi", ("invite",), texts.CMD_INVITE, ADMINS),
    MenuEntry("canbo", ("roster",), texts.CMD_ROSTER, ADMINS),
    MenuEntry("tamdung", ("pause",), texts.CMD_PAUSE, ALL_ROLES),
    MenuEntry("huy", ("cancel",), texts.CMD_CANCEL, ALL_ROLES),
    MenuEntry("trogiup", ("help",), texts.CMD_HELP, ALL_ROLES),
    MenuEntry("start", (), texts.CMD_START, ALL_ROLES),
)


def entry_named(name: str) -> MenuEntry | None:
    """The menu entry for a command name or one of its English aliases."""
    for entry in MENU:
        if name == entry.name or name in entry.aliases:
            return entry
    return None


def entries_for(role: str) -> list[MenuEntry]:
    return [entry for entry in MENU if role in entry.roles and entry.name != "start"]


def menu_for(role: str) -> tuple[Command, ...]:
    """The commands a chat menu shows this role."""
    return tuple(Command(e.name, e.description, e.aliases) for e in entries_for(role))


def help_text(role: str) -> str:
    lines = [texts.HELP_HEADER.format(role=texts.ROLE_NAMES.get(role, role))]
    for entry in entries_for(role):
        aliases = "".join(f", /{alias}" for alias in entry.aliases)
        lines.append(f"/{entry.name}{aliases} — {entry.description}")
    lines.append("")
    lines.append(texts.HELP_FOOTER)
    return "\n".join(lines)


def refuse_unless_allowed(ctx: Context, command: str) -> list[Reply] | None:
    """A button may do what its command may: the same roles, checked again on the server."""
    entry = entry_named(command)
    assert entry is not None, command
    if ctx.officer is not None and ctx.officer.role in entry.roles:
        return None
    roles = ", ".join(texts.ROLE_NAMES[role] for role in entry.roles)
    return [Reply(texts.NOT_ALLOWED.format(name=entry.name, roles=roles))]
