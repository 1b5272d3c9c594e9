"""Queries on nominations, dossiers and their documents."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlmodel import Session, col, select

from storage.models import (
    Dossier,
    DossierFile,
    DossierStatus,
    Nomination,
    NominationReport,
    Officer,
    Report,
    ReportScope,
    ReportStatus,
)


def active_nominations(session: Session, *, unit_id: int) -> Sequence[Nomination]:
    return session.exec(
        select(Nomination)
        .where(Nomination.unit_id == unit_id, col(Nomination.withdrawn).is_(False))
        .order_by(col(Nomination.id))
    ).all()


def nomination_by_id(session: Session, *, nomination_id: int) -> Nomination | None:
    return session.get(Nomination, nomination_id)


def add_nomination(
    session: Session, *, nomination: Nomination, report_ids: Sequence[int]
) -> Nomination:
    """Store the nomination and link the reports that back it."""
    session.add(nomination)
    session.flush()
    assert nomination.id is not None
    for report_id in report_ids:
        session.add(NominationReport(nomination_id=nomination.id, report_id=report_id))
    session.flush()
    return nomination


def linked_reports(session: Session, *, nomination_id: int) -> Sequence[Report]:
    """The reports a nomination rests on, oldest first."""
    return session.exec(
        select(Report)
        .join(NominationReport, col(NominationReport.report_id) == col(Report.id))
        .where(NominationReport.nomination_id == nomination_id)
        .order_by(col(Report.id))
    ).all()


def backing_reports(session: Session, *, unit_id: int, officer_id: int | None) -> Sequence[Report]:
    """Confirmed reports that may back a nomination: the officer's own, or the unit's collective."""
    query = select(Report).where(Report.status == ReportStatus.CONFIRMED.value)
    if officer_id is None:
        query = query.where(Report.unit_id == unit_id, Report.scope == ReportScope.COLLECTIVE.value)
    else:
        query = query.where(
            Report.officer_id == officer_id, Report.scope == ReportScope.INDIVIDUAL.value
        )
    return session.exec(query.order_by(col(Report.id))).all()


def unit_members(session: Session, *, unit_id: int) -> Sequence[Officer]:
    """The unit's active officers, by code."""
    return session.exec(
        select(Officer)
        .where(Officer.unit_id == unit_id, col(Officer.active).is_(True))
        .order_by(col(Officer.code))
    ).all()


def active_officers_in_role(
    session: Session, *, role: str, unit_id: int | None = None
) -> Sequence[Officer]:
    """Active officers holding a role, in one unit or in the whole ward."""
    query = select(Officer).where(Officer.role == role, col(Officer.active).is_(True))
    if unit_id is not None:
        query = query.where(Officer.unit_id == unit_id)
    return session.exec(query.order_by(col(Officer.code))).all()


def dossier_of_unit(session: Session, *, unit_id: int) -> Dossier | None:
    return session.exec(select(Dossier).where(Dossier.unit_id == unit_id)).first()


def dossier_by_id(session: Session, *, dossier_id: int) -> Dossier | None:
    return session.get(Dossier, dossier_id)


def ensure_dossier(session: Session, *, unit_id: int, now: datetime) -> Dossier:
    """The unit's dossier, made as a draft the first time it is needed."""
    dossier = dossier_of_unit(session, unit_id=unit_id)
    if dossier is None:
        dossier = Dossier(unit_id=unit_id, updated_at=now)
        session.add(dossier)
        session.flush()
    return dossier


def sent_dossiers(session: Session) -> Sequence[Dossier]:
    """Every dossier that reached the secretariat (submitted, accepted or returned)."""
    return session.exec(
        select(Dossier)
        .where(Dossier.status != DossierStatus.DRAFT.value)
        .order_by(col(Dossier.submitted_at), col(Dossier.id))
    ).all()


def dossier_files(session: Session, *, dossier_id: int) -> Sequence[DossierFile]:
    return session.exec(
        select(DossierFile)
        .where(DossierFile.dossier_id == dossier_id)
        .order_by(col(DossierFile.id))
    ).all()


def dossier_file_by_id(session: Session, *, file_id: int) -> DossierFile | None:
    return session.get(DossierFile, file_id)


def remove_nomination_files(session: Session, *, nomination_id: int) -> list[str]:
    """Drop a withdrawn nomination's documents from its dossier; return their names."""
    rows = session.exec(select(DossierFile).where(DossierFile.nomination_id == nomination_id)).all()
    names = [row.file_name for row in rows]
    for row in rows:
        session.delete(row)
    session.flush()
    return names


def replace_dossier_file(session: Session, *, file: DossierFile) -> list[str]:
    """Keep `file` as the one file of its document (and nominee); return the replaced names."""
    nomination = col(DossierFile.nomination_id)
    same_nominee = (
        nomination.is_(None) if file.nomination_id is None else nomination == file.nomination_id
    )
    old = session.exec(
        select(DossierFile).where(
            DossierFile.dossier_id == file.dossier_id,
            DossierFile.document_code == file.document_code,
            same_nominee,
        )
    ).all()
    names = [row.file_name for row in old]
    for row in old:
        session.delete(row)
    session.add(file)
    session.flush()
    return names
