"""Ward-level results per criterion; evidence keeps its description (a photo's caption)

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.models

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("description", sa.String(length=1000), nullable=False, server_default="")
        )
    op.create_table(
        "wardresult",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("criterion_code", sa.String(length=20), nullable=False),
        sa.Column("result", sa.String(), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=True),
        sa.Column("evidence_name", sa.String(length=300), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("recorded_by", sa.Integer(), nullable=False),
        sa.Column("recorded_at", storage.models.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["file_sha256"],
            ["storedfile.sha256"],
            name=op.f("fk_wardresult_file_sha256_storedfile"),
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by"], ["officer.id"], name=op.f("fk_wardresult_recorded_by_officer")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wardresult")),
        sa.UniqueConstraint("criterion_code", name=op.f("uq_wardresult_criterion_code")),
    )


def downgrade() -> None:
    op.drop_table("wardresult")
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.drop_column("description")
