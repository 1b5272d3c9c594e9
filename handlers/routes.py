"""Which use case answers which command and which button: the core's routing table."""

from __future__ import annotations

from collections.abc import Callable

from handlers import forms, identity, my_reports
from handlers.context import Context
from handlers.menu import help_text
from handlers.messages import Reply
from handlers.report_form import REPORT_FORM

CommandRun = Callable[[Context, str], list[Reply]]
ButtonRun = Callable[[Context, str], list[Reply]]


def _help(ctx: Context, _args: str) -> list[Reply]:
    return [Reply(help_text(ctx.officer.role if ctx.officer else ""))]


COMMAND_RUNS: dict[str, CommandRun] = {
    "start": identity.start_command,
    "huy": lambda ctx, _args: forms.cancel(ctx),
    "trogiup": _help,
    # officers
    "baocao": lambda ctx, _args: [forms.start(ctx, REPORT_FORM)],
    "cuatoi": lambda ctx, _args: my_reports.list_reports(ctx),
    # unit heads: confirmation and status
    # unit heads: nominations and dossiers
    # secretariat: announcements, deadline, admin
    # secretariat: exports
    # reminders
}

# A button's payload starts with its route's prefix and a dot.
BUTTON_ROUTES: dict[str, ButtonRun] = {
    forms.FORM_PAYLOAD_PREFIX: forms.press,
    my_reports.PAYLOAD_PREFIX: my_reports.press,
    # unit heads: confirmation and status
    # unit heads: nominations and dossiers
    # secretariat: announcements, deadline, admin
    # secretariat: exports
    # reminders
}
