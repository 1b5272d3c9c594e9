"""Queries on the ward's award round: its list, votes, comments, and recognised initiatives."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session, col, select

from storage.models import (
    AwardRound,
    Dossier,
    DossierStatus,
    InitiativeRecognition,
    Nomination,
    RoundComment,
    RoundEntry,
)


def current_round(session: Session) -> AwardRound | None:
    """The newest round, whatever its stage."""
    return session.exec(select(AwardRound).order_by(col(AwardRound.id).desc())).first()


def round_by_id(session: Session, *, round_id: int) -> AwardRound | None:
    return session.get(AwardRound, round_id)


def accepted_nominations(session: Session) -> Sequence[Nomination]:
    """Active nominations of every unit whose dossier the secretariat has accepted."""
    return session.exec(
        select(Nomination)
        .join(Dossier, col(Dossier.unit_id) == col(Nomination.unit_id))
        .where(
            Dossier.status == DossierStatus.ACCEPTED.value,
            col(Nomination.withdrawn).is_(False),
        )
        .order_by(col(Nomination.id))
    ).all()


def round_entries(session: Session, *, round_id: int) -> Sequence[RoundEntry]:
    return session.exec(
        select(RoundEntry).where(RoundEntry.round_id == round_id).order_by(col(RoundEntry.position))
    ).all()


def entry_by_id(session: Session, *, entry_id: int) -> RoundEntry | None:
    return session.get(RoundEntry, entry_id)


def replace_entries(session: Session, *, round_id: int, nomination_ids: Sequence[int]) -> None:
    """Set the round's list to these nominations, in this order (comments go with old rows)."""
    for entry in round_entries(session, round_id=round_id):
        for comment in comments_on(session, entry_ids=[entry.id or 0]):
            session.delete(comment)
        session.delete(entry)
    session.flush()
    for position, nomination_id in enumerate(nomination_ids, start=1):
        session.add(RoundEntry(round_id=round_id, nomination_id=nomination_id, position=position))
    session.flush()


def comments_on(session: Session, *, entry_ids: Sequence[int]) -> Sequence[RoundComment]:
    return session.exec(
        select(RoundComment)
        .where(col(RoundComment.entry_id).in_(entry_ids))
        .order_by(col(RoundComment.id))
    ).all()


def recognition_of(session: Session, *, report_id: int) -> InitiativeRecognition | None:
    return session.exec(
        select(InitiativeRecognition).where(InitiativeRecognition.report_id == report_id)
    ).first()


def recognised_report_ids(session: Session, *, report_ids: Sequence[int]) -> set[int]:
    """Which of these reports are recorded as recognised initiatives."""
    rows = session.exec(
        select(InitiativeRecognition.report_id).where(
            col(InitiativeRecognition.report_id).in_(report_ids)
        )
    ).all()
    return set(rows)
