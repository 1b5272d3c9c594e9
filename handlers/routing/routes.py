"""Which use case answers which command and which button: the core's routing table."""

from __future__ import annotations

from collections.abc import Callable

from handlers.announcements import delivery as announcement_report
from handlers.awards import dossier, dossier_view, intake, nominations
from handlers.council import approval, comments, rounds
from handlers.documents import export
from handlers.engine import forms
from handlers.engine.context import Context
from handlers.engine.menu import help_text
from handlers.engine.messages import Reply
from handlers.identity import admin
from handlers.identity import binding as identity
from handlers.reminders import deadline_change, pause
from handlers.reports import mine as my_reports
from handlers.reports.form import REPORT_FORM
from handlers.review import confirmations
from handlers.status import overview, ward_results
from handlers.status import plan as plan_view
from handlers.status import view as status_view

CommandRun = Callable[[Context, str], list[Reply]]
ButtonRun = Callable[[Context, str], list[Reply]]


def _help(ctx: Context, _args: str) -> list[Reply]:
    return [Reply(help_text(ctx.officer.role if ctx.officer else "", ctx.campaign))]


COMMAND_RUNS: dict[str, CommandRun] = {
    "start": identity.start_command,
    "huy": lambda ctx, _args: forms.cancel(ctx),
    "trogiup": _help,
    # officers
    "baocao": lambda ctx, _args: [forms.start(ctx, REPORT_FORM)],
    "cuatoi": lambda ctx, _args: my_reports.list_reports(ctx),
    "kehoach": plan_view.plan_command,
    # unit heads: confirmation and status
    "xacnhan": confirmations.queue_command,
    "tinhhinh": status_view.status_command,
    "tonghop": overview.overview_command,
    "ketqua": ward_results.results_command,
    # unit heads: nominations and dossiers
    "dexuat": nominations.nominate_command,
    "hoso": dossier.dossier_command,
    "tiepnhan": intake.intake_command,
    # the ward's award round: the list, công khai, the council, approval
    "xettang": rounds.council_command,
    "gopy": comments.comment_command,
    "pheduyet": approval.approve_command,
    # secretariat: announcements, deadline, admin
    "thongbao": announcement_report.announce_command,
    "hannop": deadline_change.deadline_command,
    "moi": admin.invite_command,
    "canbo": admin.roster_command,
    # secretariat: exports
    "xuat": export.export_command,
    # reminders
    "tamdung": pause.pause_command,
}


def _distinct(routes: list[tuple[str, ButtonRun]]) -> dict[str, ButtonRun]:
    """The button routes by prefix; two capabilities claiming one prefix is a bug, found here."""
    claimed = [prefix for prefix, _run in routes]
    if len(set(claimed)) != len(claimed):
        raise ValueError(f"payload prefix claimed twice: {sorted(claimed)}")
    return dict(routes)


# A button's payload starts with its route's prefix and a dot.
BUTTON_ROUTES: dict[str, ButtonRun] = _distinct(
    [
        (forms.FORM_PAYLOAD_PREFIX, forms.press),
        (my_reports.PAYLOAD_PREFIX, my_reports.press),
        (plan_view.PAYLOAD_PREFIX, plan_view.press),
        # unit heads: confirmation and status
        (confirmations.PAYLOAD_PREFIX, confirmations.press),
        (status_view.PAYLOAD_PREFIX, status_view.press),
        # unit heads: nominations and dossiers
        (nominations.PAYLOAD_PREFIX, nominations.press),
        (dossier_view.PAYLOAD_PREFIX, dossier.press),
        (intake.PAYLOAD_PREFIX, intake.press),
        (rounds.PAYLOAD_PREFIX, rounds.press),
        (comments.PAYLOAD_PREFIX, comments.press),
        (approval.PAYLOAD_PREFIX, approval.press),
        # secretariat: announcements, deadline, admin
        (announcement_report.PAYLOAD_PREFIX, announcement_report.press),
        (deadline_change.PAYLOAD_PREFIX, deadline_change.press),
        (admin.PAYLOAD_PREFIX, admin.press),
        # secretariat: exports
        (export.PAYLOAD_PREFIX, export.press),
        # reminders
        (pause.PAYLOAD_PREFIX, pause.press),
    ]
)
