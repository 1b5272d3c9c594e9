"""Inbox events are answered after they are handled

An event was marked handled in the core's transaction and never looked at again: a process
killed between that commit and sending the replies lost them, since the platform had its 200
and sends nothing again. `answered_at` is set once the replies are out; an event handled but
not answered is taken again when its lease runs out, and the core sends its kept replies.
A chat's events now wait for the one before them to be answered, not only handled.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 00:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.models

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("inboxevent", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("answered_at", storage.models.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.drop_index("ix_inboxevent_handled_at_id")
        batch_op.create_index("ix_inboxevent_answered_at_id", ["answered_at", "id"], unique=False)
    # What was handled before this change was answered then too.
    op.execute("UPDATE inboxevent SET answered_at = handled_at WHERE handled_at IS NOT NULL")


def downgrade() -> None:
    with op.batch_alter_table("inboxevent", schema=None) as batch_op:
        batch_op.drop_index("ix_inboxevent_answered_at_id")
        batch_op.create_index("ix_inboxevent_handled_at_id", ["handled_at", "id"], unique=False)
        batch_op.drop_column("answered_at")
