"""What a unit's nomination dossier still lacks, by the campaign's list of documents."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from handlers.campaign import Campaign
from storage.queries.awards import active_nominations, dossier_files, dossier_of_unit


@dataclass(frozen=True)
class MissingDocument:
    """A document the dossier needs and has not got; per-nominee ones name the nomination."""

    document_code: str
    nomination_id: int | None = None


def dossier_gaps(session: Session, campaign: Campaign, unit_id: int) -> list[MissingDocument]:
    """Every document still missing; an empty list means the dossier is complete.

    A dossier without any nomination lacks everything: there is nothing yet to propose.
    """
    nominations = active_nominations(session, unit_id=unit_id)
    dossier = dossier_of_unit(session, unit_id=unit_id)
    files = dossier_files(session, dossier_id=dossier.id) if dossier and dossier.id else []
    have = {(f.document_code, f.nomination_id) for f in files}
    missing: list[MissingDocument] = []
    for document in campaign.dossier_documents:
        if document.per_nominee:
            missing += [
                MissingDocument(document.code, n.id)
                for n in nominations
                if (document.code, n.id) not in have
            ]
        elif not any(code == document.code for code, _ in have):
            missing.append(MissingDocument(document.code))
    return missing
