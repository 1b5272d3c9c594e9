"""The terminal console channel: chat as a demo user, buttons as numbered lines, files by path."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TextIO

from sqlmodel import Session

from bot import plain_text
from bot.console.logs import HeldWarnings
from bot.core import Core
from bot.scheduler import fire_reminders
from handlers import texts
from handlers.engine import notify
from handlers.engine.messages import Attachment, Incoming, OutgoingFile, Reply
from handlers.identity.binding import bind_local_user
from handlers.reminders.firing import ReminderConfig
from storage.db import transaction
from storage.models import Officer, Outbox
from storage.queries.outbox import due, mark_sent
from storage.queries.roster import all_officers, officer_by_code, officer_by_id, unit_by_id

CHANNEL = "console"
PROMPT = "> "
OUTBOX_BATCH = 100

log = logging.getLogger(__name__)


class Console:
    """Reads lines, hands them to the core as the chosen officer, prints the replies."""

    def __init__(
        self,
        core: Core,
        stdin: TextIO,
        stdout: TextIO,
        outbox_dir: Path,
        *,
        reminders: ReminderConfig | None = None,
        warnings: HeldWarnings | None = None,
        log_file: Path | None = None,
    ) -> None:
        self.core = core
        self.stdin = stdin
        self.stdout = stdout
        self.outbox_dir = outbox_dir
        # With a config, reminders that fell due are queued before each look at the outbox.
        self.reminders = reminders
        # Warnings logged meanwhile are printed after the replies; the rest is in the file.
        self.warnings = warnings
        self.log_file = log_file

    def say(self, text: str) -> None:
        print(text, file=self.stdout, flush=True)

    def read(self, prompt: str = PROMPT) -> str | None:
        self.stdout.write(prompt)
        self.stdout.flush()
        line = self.stdin.readline()
        return None if line == "" else line.rstrip("\n")

    def pick_officer(self, code: str | None) -> Officer | None:
        """The demo user to act as: the one named, or one picked from the roster."""
        with transaction(self.core.engine) as session:
            if code is not None:
                officer = officer_by_code(session, code=code)
                if officer is None:
                    self.say(texts.CONSOLE_UNKNOWN_USER.format(code=code))
                return officer
            officers = list(all_officers(session))
            if not officers:
                self.say(texts.CONSOLE_NO_USERS)
                return None
            self.say(texts.CONSOLE_PICK_USER)
            for number, officer in enumerate(officers, start=1):
                unit = unit_by_id(session, unit_id=officer.unit_id)
                role = texts.ROLE_NAMES.get(officer.role, officer.role)
                self.say(f"  {number}. {officer.full_name} — {role}, {unit.name if unit else ''}")
        while True:
            line = self.read()
            if line is None:
                return None
            if line.strip().isdigit() and 1 <= int(line) <= len(officers):
                return officers[int(line) - 1]
            self.say(texts.CONSOLE_PICK_INVALID.format(count=len(officers)))

    def run(self, officer_code: str | None = None) -> int:
        officer = self.pick_officer(officer_code)
        if officer is None:
            return 1
        with transaction(self.core.engine) as session:
            banner = bind_local_user(
                session, channel=CHANNEL, officer_code=officer.code, now=self.core.clock()
            )
        self.say(texts.CONSOLE_BANNER.format(**banner))
        if self.log_file is not None:
            self.say(texts.CONSOLE_LOG_FILE.format(path=self.log_file))
        self.deliver_outbox()
        self.show_warnings()
        user_id = officer.code
        while (line := self.read()) is not None:
            if not line.strip():
                continue
            attachment = self._attachment(line)
            incoming = Incoming(
                channel=CHANNEL,
                user_id=user_id,
                chat_id=user_id,
                # A line naming an existing file is that file, even when it starts with "/".
                text="" if attachment is not None else line,
                attachment=attachment,
            )
            for reply in self.core.answer(incoming):
                self.show(reply)
            self.deliver_outbox()
            self.show_warnings()
        self.say(texts.CONSOLE_BYE)
        return 0

    def deliver_outbox(self) -> None:
        """Print the messages the bot started for console users, each under its recipient.

        The console has no background thread: it fires the reminders that fell due here, when
        the user is about to see the outbox, which is when a notice could be shown anyway.
        """
        if self.reminders is not None:
            try:
                fire_reminders(self.core, self.reminders)
            except Exception:
                # As under the scheduler: a failed tick is logged and the next one tries again;
                # the chat goes on.
                log.exception("reminders could not be fired")
        with transaction(self.core.engine) as session:
            now = self.core.clock()
            for row in due(session, now=now, limit=OUTBOX_BATCH, channel=CHANNEL):
                assert row.id is not None
                if row.kind != notify.MENU_KIND:  # the console has no command menu to set
                    self.show(self._outbox_reply(session, row))
                mark_sent(session, outbox_id=row.id, now=now)

    def _outbox_reply(self, session: Session, row: Outbox) -> Reply:
        officer = officer_by_id(session, officer_id=row.officer_id) if row.officer_id else None
        header = texts.NOTIFY_CONSOLE_RECIPIENT.format(
            name=officer.full_name if officer else row.chat_id,
            code=officer.code if officer else row.chat_id,
        )
        file = None
        if row.file_sha256 is not None:
            content = self.core.files.read(row.file_sha256)
            file = OutgoingFile(name=row.file_name or row.file_sha256[:16], content=content)
        return Reply(
            f"{header}\n{row.text}", buttons=notify.buttons_from_json(row.buttons), file=file
        )

    def _attachment(self, line: str) -> Attachment | None:
        """A line naming an existing file sends that file."""
        candidate = Path(line.strip().strip("'\"")).expanduser()
        try:
            if not candidate.is_file():
                return None
            size = candidate.stat().st_size
        except OSError:
            return None
        limit = self.core.config.max_file_bytes
        # Like a messenger, the console does not carry a file over the limit: it says its size.
        content = candidate.read_bytes() if size <= limit else None
        return Attachment(
            name=candidate.name,
            size=size,
            content=content,
            is_photo=candidate.suffix.lower() in {".jpg", ".jpeg", ".png"},
        )

    def show_warnings(self) -> None:
        if self.warnings is not None:
            self.warnings.print_to(self.stdout)

    def show(self, reply: Reply) -> None:
        self.say("")
        for piece in plain_text.render(reply):
            self.say(piece)
        if reply.file is not None:
            self.outbox_dir.mkdir(parents=True, exist_ok=True)
            target = self.outbox_dir / reply.file.name
            target.write_bytes(reply.file.content)
            self.say(texts.CONSOLE_FILE_SAVED.format(name=reply.file.name, path=target))
