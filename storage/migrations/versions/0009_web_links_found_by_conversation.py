"""Web links are found by their conversation through an index

Every upload link offered revokes the draft's earlier ones, looking them up by conversation:
without the index that read every link the ward ever had.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 00:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_weblink_conversation_id", "weblink", ["conversation_id"])


def downgrade() -> None:
    op.drop_index("ix_weblink_conversation_id", table_name="weblink")
