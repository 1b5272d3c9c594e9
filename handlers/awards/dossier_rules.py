"""What a unit's nomination dossier still lacks, and when its unit may still change it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from handlers.campaign.file import Campaign
from storage.models import Dossier, DossierStatus
from storage.queries.awards import active_nominations, dossier_files, dossier_of_unit

# The secretariat holds a submitted or accepted dossier; only a returned one comes back.
EDITABLE_STATUSES = frozenset({DossierStatus.DRAFT, DossierStatus.RETURNED})


@dataclass(frozen=True)
class MissingDocument:
    """A document the dossier needs and has not got; per-nominee ones name the nomination.

    A per-nominee document with no nomination at all is missing with `nomination_id` None.
    A document the bot drafted is there only as "dự thảo, chưa ký": `unsigned`, until the
    signed copy is uploaded in its place.
    """

    document_code: str
    nomination_id: int | None = None
    unsigned: bool = False


def dossier_gaps(session: Session, campaign: Campaign, unit_id: int) -> list[MissingDocument]:
    """Every document still missing; an empty list means the dossier is complete.

    A dossier without any nomination lacks everything: there is nothing yet to propose.
    """
    nominations = active_nominations(session, unit_id=unit_id)
    dossier = dossier_of_unit(session, unit_id=unit_id)
    files = dossier_files(session, dossier_id=dossier.id) if dossier and dossier.id else []
    have = {(f.document_code, f.nomination_id): f.drafted for f in files}
    missing: list[MissingDocument] = []
    for document in campaign.dossier_documents:
        if document.per_nominee and not nominations:
            missing.append(MissingDocument(document.code))
            continue
        targets = [n.id for n in nominations] if document.per_nominee else [None]
        for target in targets:
            if document.per_nominee:
                drafted = have.get((document.code, target))
            else:
                kept = [d for (code, _), d in have.items() if code == document.code]
                drafted = min(kept) if kept else None
            if drafted is None or drafted:
                missing.append(MissingDocument(document.code, target, unsigned=bool(drafted)))
    return missing


def dossier_editable(dossier: Dossier | None) -> bool:
    """Whether the unit may still change its dossier and nominations (none yet counts)."""
    return dossier is None or dossier.status in EDITABLE_STATUSES
