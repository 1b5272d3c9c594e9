"""The shell's hold on the core: each message's work all or nothing in a transaction (messages
waiting together share one), errors turned into words."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine
from sqlmodel import Session

from bot.settings import Settings
from handlers import texts
from handlers.campaign.file import Campaign, load_campaign
from handlers.engine.context import CoreConfig
from handlers.engine.messages import Incoming, Reply
from handlers.routing.dispatch import handle
from storage.db import make_engine, transaction, upgrade
from storage.files import FileStore
from storage.queries.inbox import LostClaim

log = logging.getLogger(__name__)
# Far longer than writing one file takes: an older temporary file was left by a killed process.
LEFTOVER_AGE = timedelta(hours=1)
Clock = Callable[[], datetime]
# A statement to run in the same transaction as the core's work on a message.
Also = Callable[[Session], None]
# A message to answer, with what to run in the same transaction.
Question = tuple[Incoming, Also | None]
# The `also` of the inbox event being handled in this task (see bot/web/inbox.py): a channel
# that hands the event to the core need not know it came through the inbox.
INBOX_DUTY: ContextVar[Also | None] = ContextVar("inbox_duty", default=None)


def system_clock() -> datetime:
    return datetime.now(UTC)


@dataclass
class Core:
    """Everything a channel adapter needs to have a message answered."""

    engine: Engine
    campaign: Campaign
    config: CoreConfig
    files: FileStore
    clock: Clock = system_clock

    @classmethod
    def from_settings(cls, settings: Settings, clock: Clock = system_clock) -> Core:
        """Load the campaign, open and migrate the database."""
        campaign = load_campaign(settings.campaign_file)
        engine = make_engine(settings.database_url)
        upgrade(engine)
        files = FileStore(settings.evidence_dir)
        removed = files.remove_leftovers(older_than=clock() - LEFTOVER_AGE)
        if removed:
            log.info("removed %d unfinished file(s) left in the file store", removed)
        return cls(
            engine=engine,
            campaign=campaign,
            config=settings.core_config(),
            files=files,
            clock=clock,
        )

    def answer(self, incoming: Incoming, also: Also | None = None) -> list[Reply]:
        """Handle one message in its own transaction; a failure is rolled back and explained.

        `also` runs in that transaction after the core's work (the inbox marks its event
        handled there, so the work and the mark commit together or not at all); without it,
        the inbox duty of the calling context, if any. LostClaim passes through: another
        process holds the event and answers it.
        """
        try:
            with transaction(self.engine) as session:
                return self._handle(session, incoming, also or INBOX_DUTY.get())
        except LostClaim:
            raise
        except Exception:
            log.exception(
                "failed to handle a message from %s:%s", incoming.channel, incoming.user_id
            )
            return [Reply(texts.INTERNAL_ERROR)]

    def answer_together(self, questions: Sequence[Question]) -> list[list[Reply]]:
        """Handle several messages, one after the other, in one transaction: one commit (on
        SQLite, one fsync of the log) serves them all. Each message's work is still all or
        nothing, and none is answered before all are committed. A message that fails rolls
        all of them back and raises: the caller then answers each with `answer`, on its own.
        A commit that fails is not done again, as for a message alone: whether it took effect
        is not known, so each message is told of an internal error.
        """
        answers: list[list[Reply]] = []
        try:
            with transaction(self.engine) as session:
                for incoming, also in questions:
                    answers.append(self._handle(session, incoming, also))
                    # The next message reads as a session of its own would: an object this
                    # one still holds is not taken as current after a write that bypassed it.
                    session.flush()
                    session.expunge_all()
        except Exception:
            if len(answers) < len(questions):
                raise
            log.exception("failed to commit %d messages answered together", len(questions))
            return [[Reply(texts.INTERNAL_ERROR)] for _ in questions]
        return answers

    def _handle(self, session: Session, incoming: Incoming, also: Also | None) -> list[Reply]:
        replies = handle(
            incoming,
            session=session,
            now=self.clock(),
            campaign=self.campaign,
            config=self.config,
            files=self.files,
        )
        if also is not None:
            also(session)
        return replies
