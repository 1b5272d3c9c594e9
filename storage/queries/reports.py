"""Queries on achievement reports, their evidence and the stored files."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlmodel import Session, col, func, select

from storage.models import Evidence, Report, StoredFile


def add_report(session: Session, *, report: Report) -> Report:
    session.add(report)
    session.flush()
    return report


def report_by_id(session: Session, *, report_id: int) -> Report | None:
    return session.get(Report, report_id)


def latest_reports_of_officer(
    session: Session, *, officer_id: int, limit: int
) -> tuple[Sequence[Report], int]:
    """The officer's `limit` newest reports, newest first, and how many they have in all."""
    mine = Report.officer_id == officer_id
    latest = session.exec(
        select(Report).where(mine).order_by(col(Report.id).desc()).limit(limit)
    ).all()
    if len(latest) < limit:
        return latest, len(latest)
    return latest, session.exec(select(func.count()).where(mine)).one()


def evidence_of_report(session: Session, *, report_id: int) -> Sequence[Evidence]:
    return session.exec(
        select(Evidence).where(Evidence.report_id == report_id).order_by(col(Evidence.id))
    ).all()


def add_evidence(session: Session, *, evidence: Evidence) -> Evidence:
    session.add(evidence)
    session.flush()
    return evidence


def remove_evidence(session: Session, *, evidence: Evidence) -> None:
    session.delete(evidence)
    session.flush()


def stored_file(session: Session, *, sha256: str) -> StoredFile | None:
    return session.get(StoredFile, sha256)


def record_stored_file(
    session: Session,
    *,
    sha256: str,
    size: int,
    mime_type: str,
    extension: str,
    uploaded_by: int,
    now: datetime,
) -> StoredFile:
    """The file's row, made on its first upload; a later upload of the same bytes reuses it."""
    existing = stored_file(session, sha256=sha256)
    if existing is not None:
        return existing
    row = StoredFile(
        sha256=sha256,
        size=size,
        mime_type=mime_type,
        extension=extension,
        first_uploaded_by=uploaded_by,
        stored_at=now,
    )
    session.add(row)
    session.flush()
    return row
