"""The database tables: one module, SQLModel classes, UTC-aware datetimes."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column, DateTime, Index, Table, UniqueConstraint
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel


class UTCDateTime(TypeDecorator[datetime]):
    """Stores aware datetimes as UTC and always returns them aware (SQLite drops the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; pass an aware UTC datetime")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


# Named constraints let migrations alter and drop them, on SQLite's batch mode too.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _utc_column(*, nullable: bool = False, index: bool = False) -> Any:
    return Field(sa_column=Column(UTCDateTime(), nullable=nullable, index=index))


def _json_column() -> Any:
    return Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


def table_of(model: type[SQLModel]) -> Table:
    """The model's table, for statements that skip the ORM on the hottest paths."""
    table: Table = model.__table__  # type: ignore[attr-defined]  # SQLModel sets it on table models
    return table


def column_length(model: type[SQLModel], name: str) -> int:
    """The length the database enforces on a text column (PostgreSQL does; SQLite does not),
    so that input is checked against it first, with words, instead of failing at the commit."""
    length = getattr(table_of(model).c[name].type, "length", None)
    assert isinstance(length, int), f"{model.__name__}.{name} has no length"
    return length


class Role(StrEnum):
    OFFICER = "officer"
    UNIT_HEAD = "unit_head"
    SECRETARIAT = "secretariat"
    ADMIN = "admin"
    LEADERSHIP = "leadership"


class ReportScope(StrEnum):
    INDIVIDUAL = "individual"
    COLLECTIVE = "collective"


class ReportStatus(StrEnum):
    SENT = "sent"
    CONFIRMED = "confirmed"
    RETURNED = "returned"
    WITHDRAWN = "withdrawn"


class OutboxStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    UNREACHABLE = "unreachable"
    FAILED = "failed"


class DossierStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    RETURNED = "returned"


class RoundStatus(StrEnum):
    """Where the ward's award round stands: compiled, made public, voted on, approved."""

    COMPILED = "compiled"
    PUBLISHED = "published"
    VOTED = "voted"
    APPROVED = "approved"


class EvidenceKind(StrEnum):
    FILE = "file"
    PHOTO = "photo"
    LINK = "link"


class Unit(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, max_length=40)
    name: str = Field(max_length=200)
    active: bool = True


class Officer(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, max_length=40)
    full_name: str = Field(max_length=200)
    position: str = Field(default="", max_length=200)
    unit_id: int = Field(foreign_key="unit.id", index=True)
    role: str = Field(default=Role.OFFICER.value, max_length=20)
    phone: str = Field(default="", max_length=40)
    email: str = Field(default="", max_length=200)
    active: bool = True
    # Which of unit_id, role and active the admin changed in chat (/canbo) since the roster
    # file last said the same: an import keeps those (see handlers/identity/roster.py).
    chat_edited: list[str] | None = Field(default=None, sa_column=Column(JSON, nullable=True))


class ChatIdentity(SQLModel, table=True):
    """A messenger account bound to an officer."""

    __table_args__ = (UniqueConstraint("channel", "platform_user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(max_length=20)
    platform_user_id: str = Field(max_length=64)
    chat_id: str = Field(max_length=64)
    officer_id: int = Field(foreign_key="officer.id", index=True)
    bound_at: datetime = _utc_column()


class InviteCode(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    officer_id: int = Field(foreign_key="officer.id", index=True)
    code_hash: str = Field(unique=True, max_length=64)
    created_at: datetime = _utc_column()
    expires_at: datetime = _utc_column()
    used_at: datetime | None = _utc_column(nullable=True)


class BindAttempt(SQLModel, table=True):
    """One try at an invite code, kept to throttle guessing."""

    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(max_length=20)
    platform_user_id: str = Field(max_length=64, index=True)
    attempted_at: datetime = _utc_column(index=True)
    succeeded: bool = False


class Conversation(SQLModel, table=True):
    """The state of one user's dialog: the form and step by name, answers as JSON."""

    __table_args__ = (UniqueConstraint("channel", "platform_user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(max_length=20)
    platform_user_id: str = Field(max_length=64)
    form: str | None = Field(default=None, max_length=40)
    step: str | None = Field(default=None, max_length=40)
    answers: dict[str, Any] = _json_column()
    buttons: dict[str, Any] = _json_column()
    recent_messages: dict[str, Any] = _json_column()
    # The platform's number of the last update handled from this user, to skip a redelivery.
    last_sequence: int | None = None
    updated_at: datetime = _utc_column()
    # The replies to the last event handled, {"event": id, "replies": [...]}: a redelivery of
    # that event (the process died before they were sent) gets them again.
    last_replies: dict[str, Any] = _json_column()


class Report(SQLModel, table=True):
    """An achievement report against one criterion of the campaign."""

    # /tonghop reads these alone, never the table: counts by unit and status, and whether
    # an officer has any live report.
    __table_args__ = (
        Index("ix_report_unit_id_status", "unit_id", "status"),
        Index("ix_report_officer_id_status", "officer_id", "status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    officer_id: int = Field(foreign_key="officer.id", index=True)
    unit_id: int = Field(foreign_key="unit.id", index=True)
    criterion_code: str = Field(max_length=20)
    scope: str = Field(default=ReportScope.INDIVIDUAL.value, max_length=20)
    is_initiative: bool = False
    title: str = Field(max_length=300)
    description: str
    period: str = Field(max_length=200)
    result: str
    figure: str = Field(default="", max_length=200)
    status: str = Field(default=ReportStatus.SENT.value, max_length=20, index=True)
    return_reason: str = ""
    reviewed_by: int | None = Field(default=None, foreign_key="officer.id")
    reviewed_at: datetime | None = _utc_column(nullable=True)
    created_at: datetime = _utc_column()
    submitted_at: datetime = _utc_column()
    updated_at: datetime = _utc_column()


class StoredFile(SQLModel, table=True):
    """A file kept once on disk under its SHA-256."""

    sha256: str = Field(primary_key=True, max_length=64)
    size: int
    mime_type: str = Field(max_length=100)
    extension: str = Field(max_length=10)
    first_uploaded_by: int = Field(foreign_key="officer.id")
    stored_at: datetime = _utc_column()


class Evidence(SQLModel, table=True):
    """One piece of evidence attached to a report: a file, a photo or a link."""

    id: int | None = Field(default=None, primary_key=True)
    report_id: int = Field(foreign_key="report.id", index=True)
    kind: str = Field(max_length=10)
    file_sha256: str | None = Field(default=None, foreign_key="storedfile.sha256")
    name: str = Field(default="", max_length=300)
    url: str = Field(default="", max_length=2000)
    # What the officer wrote with it (a photo's caption).
    description: str = Field(default="", max_length=1000)
    uploaded_by: int = Field(foreign_key="officer.id")
    added_at: datetime = _utc_column()


class AuditEntry(SQLModel, table=True):
    """Append-only record of a state change: who, what, when, before and after."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = _utc_column(index=True)
    actor_officer_id: int | None = Field(default=None, foreign_key="officer.id")
    channel: str = Field(default="", max_length=20)
    action: str = Field(max_length=40)
    entity: str = Field(max_length=40)
    entity_id: str = Field(max_length=64)
    before: dict[str, Any] = _json_column()
    after: dict[str, Any] = _json_column()


class Outbox(SQLModel, table=True):
    """A message the bot starts (notice, announcement, reminder): a row first, then a send."""

    id: int | None = Field(default=None, primary_key=True)
    idempotency_key: str = Field(unique=True, max_length=200)
    channel: str = Field(max_length=20)
    chat_id: str = Field(max_length=64)
    officer_id: int | None = Field(default=None, foreign_key="officer.id", index=True)
    kind: str = Field(max_length=20)
    text: str
    buttons: dict[str, Any] = _json_column()
    file_sha256: str | None = Field(default=None, foreign_key="storedfile.sha256")
    file_name: str = Field(default="", max_length=300)
    status: str = Field(default=OutboxStatus.PENDING.value, max_length=20, index=True)
    attempts: int = 0
    not_before: datetime = _utc_column(index=True)
    created_at: datetime = _utc_column()
    sent_at: datetime | None = _utc_column(nullable=True)
    last_error: str = Field(default="", max_length=500)
    # The sender holding the row until not_before (see bot/outbox/sender.py); None: free.
    leased_by: str | None = Field(default=None, max_length=64)
    # When the row first failed for a passing reason; it is given up a set time after.
    failing_since: datetime | None = _utc_column(nullable=True)


class Announcement(SQLModel, table=True):
    """A broadcast by the secretariat: text, an optional file, and who it was for."""

    id: int | None = Field(default=None, primary_key=True)
    author_id: int = Field(foreign_key="officer.id")
    text: str
    file_sha256: str | None = Field(default=None, foreign_key="storedfile.sha256")
    file_name: str = Field(default="", max_length=300)
    audience: dict[str, Any] = _json_column()
    created_at: datetime = _utc_column()
    # How many times the author had what failed sent again («Gửi lại»).
    resend_round: int = 0


class AnnouncementRecipient(SQLModel, table=True):
    """One officer an announcement was meant for, and whether they acknowledged it."""

    __table_args__ = (UniqueConstraint("announcement_id", "officer_id"),)

    id: int | None = Field(default=None, primary_key=True)
    announcement_id: int = Field(foreign_key="announcement.id", index=True)
    officer_id: int = Field(foreign_key="officer.id")
    outbox_id: int | None = Field(default=None, foreign_key="outbox.id")
    acknowledged_at: datetime | None = _utc_column(nullable=True)


class Nomination(SQLModel, table=True):
    """A unit's proposal of a member (individual) or of itself (collective) for an award."""

    id: int | None = Field(default=None, primary_key=True)
    unit_id: int = Field(foreign_key="unit.id", index=True)
    award_code: str = Field(max_length=40)
    subject: str = Field(max_length=20)
    officer_id: int | None = Field(default=None, foreign_key="officer.id")
    standard_code: str = Field(max_length=40)
    option_code: str = Field(default="", max_length=40)
    created_by: int = Field(foreign_key="officer.id")
    created_at: datetime = _utc_column()
    updated_at: datetime = _utc_column()
    withdrawn: bool = False


class NominationReport(SQLModel, table=True):
    """A confirmed report that backs a nomination."""

    nomination_id: int = Field(foreign_key="nomination.id", primary_key=True)
    report_id: int = Field(foreign_key="report.id", primary_key=True)


class Dossier(SQLModel, table=True):
    """A unit's nomination dossier on its way to the secretariat."""

    id: int | None = Field(default=None, primary_key=True)
    unit_id: int = Field(foreign_key="unit.id", unique=True)
    status: str = Field(default=DossierStatus.DRAFT.value, max_length=20)
    submitted_at: datetime | None = _utc_column(nullable=True)
    late: bool = False
    return_reason: str = ""
    reviewed_by: int | None = Field(default=None, foreign_key="officer.id")
    reviewed_at: datetime | None = _utc_column(nullable=True)
    updated_at: datetime = _utc_column()


class DossierFile(SQLModel, table=True):
    """One document of a dossier: uploaded by the head, or drafted by the bot."""

    id: int | None = Field(default=None, primary_key=True)
    dossier_id: int = Field(foreign_key="dossier.id", index=True)
    document_code: str = Field(max_length=40)
    nomination_id: int | None = Field(default=None, foreign_key="nomination.id")
    file_sha256: str = Field(foreign_key="storedfile.sha256")
    file_name: str = Field(max_length=300)
    drafted: bool = False
    added_by: int = Field(foreign_key="officer.id")
    added_at: datetime = _utc_column()


class CampaignSetting(SQLModel, table=True):
    """A value set in chat that overrides the campaign file (e.g. an extended deadline)."""

    key: str = Field(primary_key=True, max_length=40)
    value: dict[str, Any] = _json_column()
    updated_by: int | None = Field(default=None, foreign_key="officer.id")
    updated_at: datetime = _utc_column()


class ReminderPause(SQLModel, table=True):
    """An officer's pause of reminders (or leave) until a moment."""

    id: int | None = Field(default=None, primary_key=True)
    officer_id: int = Field(foreign_key="officer.id", index=True)
    until: datetime = _utc_column()
    on_leave: bool = False
    created_at: datetime = _utc_column()


class ReminderRun(SQLModel, table=True):
    """One occurrence of a reminder rule, recorded once whether it was sent or skipped."""

    __table_args__ = (UniqueConstraint("rule", "occurrence"),)

    id: int | None = Field(default=None, primary_key=True)
    rule: str = Field(max_length=60)
    occurrence: datetime = _utc_column()
    status: str = Field(max_length=20)
    recipients: int = 0
    recorded_at: datetime = _utc_column()


class AwardRound(SQLModel, table=True):
    """The ward's proposal list, from compiling through công khai and the council to approval."""

    id: int | None = Field(default=None, primary_key=True)
    status: str = Field(default=RoundStatus.COMPILED.value, max_length=20)
    compiled_by: int = Field(foreign_key="officer.id")
    compiled_at: datetime = _utc_column()
    published_at: datetime | None = _utc_column(nullable=True)
    public_until: datetime | None = _utc_column(nullable=True)
    # The council meeting: its local date (ISO), how many members the council has, who came.
    meeting_date: str = Field(default="", max_length=10)
    council_size: int = 0
    present: list[str] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    recorded_by: int | None = Field(default=None, foreign_key="officer.id")
    recorded_at: datetime | None = _utc_column(nullable=True)
    approved_by: int | None = Field(default=None, foreign_key="officer.id")
    approved_at: datetime | None = _utc_column(nullable=True)
    decision_number: str = Field(default="", max_length=60)


class RoundEntry(SQLModel, table=True):
    """One nomination on the round's list, and the council's vote on it."""

    __table_args__ = (UniqueConstraint("round_id", "nomination_id"),)

    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="awardround.id", index=True)
    nomination_id: int = Field(foreign_key="nomination.id")
    position: int
    votes_for: int | None = None
    passed: bool | None = None


class RoundComment(SQLModel, table=True):
    """An officer's comment or objection on a nominee during công khai."""

    id: int | None = Field(default=None, primary_key=True)
    entry_id: int = Field(foreign_key="roundentry.id", index=True)
    officer_id: int = Field(foreign_key="officer.id")
    text: str
    created_at: datetime = _utc_column()


class InitiativeRecognition(SQLModel, table=True):
    """An initiative report recognised: by whom, when, under which decision."""

    id: int | None = Field(default=None, primary_key=True)
    report_id: int = Field(foreign_key="report.id", unique=True)
    recognised_by: int = Field(foreign_key="officer.id")
    recognised_at: datetime = _utc_column()
    decision: str = Field(max_length=200)


class WardResult(SQLModel, table=True):
    """The ward's own result on a criterion measured on the ward as a whole, with its evidence."""

    id: int | None = Field(default=None, primary_key=True)
    criterion_code: str = Field(unique=True, max_length=20)
    result: str
    # The evidence: a stored file, or a link; one of them.
    file_sha256: str | None = Field(default=None, foreign_key="storedfile.sha256")
    evidence_name: str = Field(default="", max_length=300)
    url: str = Field(default="", max_length=2000)
    recorded_by: int = Field(foreign_key="officer.id")
    recorded_at: datetime = _utc_column()


class InboxEvent(SQLModel, table=True):
    """One webhook event (a Zalo message, a Telegram update), stored before it is answered.

    A worker claims it for a lease, hands it to its channel, marks it handled in the same
    transaction as the core's work, so it is handled once even across a crash, and answered
    once its replies are out: one handled but not answered when its lease runs out (the
    process died in between) is taken again, and the core sends its kept replies.
    """

    __table_args__ = (
        UniqueConstraint("channel", "external_id"),
        Index("ix_inboxevent_answered_at_id", "answered_at", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(max_length=20)
    chat_id: str = Field(max_length=64)
    # The platform's own id of the event: Zalo's message_id, Telegram's update_id.
    external_id: str = Field(max_length=128)
    payload: dict[str, Any] = _json_column()
    received_at: datetime = _utc_column()
    claimed_by: str = Field(default="", max_length=64)
    lease_until: datetime | None = _utc_column(nullable=True)
    handled_at: datetime | None = _utc_column(nullable=True)
    answered_at: datetime | None = _utc_column(nullable=True)
    attempts: int = 0
    last_error: str = Field(default="", max_length=500)


class WebLinkKind(StrEnum):
    UPLOAD = "upload"
    DOWNLOAD = "download"


class WebLink(SQLModel, table=True):
    """A one-time upload page or a short-lived download link; only the token's hash is kept."""

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(unique=True, max_length=64)
    kind: str = Field(max_length=10)
    officer_id: int | None = Field(default=None, foreign_key="officer.id", index=True)
    channel: str = Field(max_length=20)
    chat_id: str = Field(max_length=64)
    # Uploads: the conversation holding the draft, and the draft's nonce (a new draft has
    # another, so a link dies with the draft it was made for).
    conversation_id: int | None = Field(default=None, foreign_key="conversation.id", index=True)
    draft_nonce: str = Field(default="", max_length=40)
    # Downloads: the stored file and the name it is served under.
    file_sha256: str | None = Field(default=None, max_length=64)
    file_name: str = Field(default="", max_length=300)
    created_at: datetime = _utc_column()
    expires_at: datetime = _utc_column()
    used_at: datetime | None = _utc_column(nullable=True)
    revoked: bool = False
