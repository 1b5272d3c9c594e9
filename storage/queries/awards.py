"""Queries on nominations, dossiers and their documents."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session, col, select

from storage.models import Dossier, DossierFile, Nomination


def active_nominations(session: Session, *, unit_id: int) -> Sequence[Nomination]:
    return session.exec(
        select(Nomination)
        .where(Nomination.unit_id == unit_id, col(Nomination.withdrawn).is_(False))
        .order_by(col(Nomination.id))
    ).all()


def dossier_of_unit(session: Session, *, unit_id: int) -> Dossier | None:
    return session.exec(select(Dossier).where(Dossier.unit_id == unit_id)).first()


def dossier_files(session: Session, *, dossier_id: int) -> Sequence[DossierFile]:
    return session.exec(
        select(DossierFile)
        .where(DossierFile.dossier_id == dossier_id)
        .order_by(col(DossierFile.id))
    ).all()
