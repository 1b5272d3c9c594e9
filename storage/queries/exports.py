"""Queries for the secretariat's exports and the bot's DOCX drafts: whole-ward reads."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import func
from sqlmodel import Session, col, select

from storage.models import (
    Dossier,
    DossierFile,
    Evidence,
    Nomination,
    Report,
    ReportStatus,
)


def ward_nominations(session: Session) -> Sequence[Nomination]:
    """Every nomination not withdrawn, unit by unit, oldest first."""
    return session.exec(
        select(Nomination)
        .where(col(Nomination.withdrawn).is_(False))
        .order_by(col(Nomination.unit_id), col(Nomination.id))
    ).all()


def confirmed_reports(session: Session, *, unit_id: int) -> Sequence[Report]:
    """A unit's confirmed reports, oldest first."""
    return session.exec(
        select(Report)
        .where(Report.unit_id == unit_id, Report.status == ReportStatus.CONFIRMED.value)
        .order_by(col(Report.id))
    ).all()


def ward_reports(session: Session) -> Sequence[Report]:
    """Every report of the ward, unit by unit, oldest first."""
    return session.exec(select(Report).order_by(col(Report.unit_id), col(Report.id))).all()


def evidence_counts(session: Session) -> dict[int, int]:
    """How many pieces of evidence each report has (reports without any are absent)."""
    rows = session.exec(
        select(Evidence.report_id, func.count(col(Evidence.id))).group_by(col(Evidence.report_id))
    ).all()
    return {report_id: count for report_id, count in rows}


def evidence_of_reports(session: Session, *, report_ids: Iterable[int]) -> Sequence[Evidence]:
    """The evidence of these reports, report by report, in the order it was added."""
    ids = list(report_ids)
    if not ids:
        return []
    return session.exec(
        select(Evidence)
        .where(col(Evidence.report_id).in_(ids))
        .order_by(col(Evidence.report_id), col(Evidence.id))
    ).all()


def ward_dossiers(session: Session) -> Sequence[Dossier]:
    return session.exec(select(Dossier).order_by(col(Dossier.unit_id))).all()


def ward_dossier_files(session: Session) -> Sequence[DossierFile]:
    return session.exec(
        select(DossierFile).order_by(col(DossierFile.dossier_id), col(DossierFile.id))
    ).all()
