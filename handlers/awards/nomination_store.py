"""Saving and withdrawing nominations, each change audited and refused once the dossier is sent."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from handlers import texts
from handlers.awards.dossier_rules import dossier_editable
from handlers.awards.view import nomination_title
from handlers.engine.audit import audit
from handlers.engine.context import Context
from handlers.engine.forms import Answers
from handlers.engine.messages import Reply
from storage.models import Nomination
from storage.queries.awards import (
    add_nomination,
    backing_reports,
    dossier_files,
    dossier_of_unit,
    linked_reports,
    remove_nomination_files,
    unit_members,
)

# Documents that list the unit's nominees, so a change of nominations makes them stale.
LISTS_NOMINEES = frozenset({"submission_letter"})


def nominations_locked(ctx: Context) -> list[Reply] | None:
    """The refusal when the unit's dossier is with the secretariat, or None while it may change."""
    assert ctx.officer is not None
    dossier = dossier_of_unit(ctx.session, unit_id=ctx.officer.unit_id)
    if dossier_editable(dossier):
        return None
    assert dossier is not None
    status = texts.AWARD_DOSSIER_STATUS_NAMES[dossier.status]
    secretariat = ctx.campaign.campaign.bodies.secretariat
    return [Reply(texts.NOMINATE_LOCKED.format(status=status, secretariat=secretariat))]


def snapshot(nomination: Nomination, report_ids: Sequence[int]) -> dict[str, Any]:
    """A nomination as plain data, for the audit log."""
    return {
        "unit_id": nomination.unit_id,
        "award_code": nomination.award_code,
        "subject": nomination.subject,
        "officer_id": nomination.officer_id,
        "standard_code": nomination.standard_code,
        "option_code": nomination.option_code,
        "withdrawn": nomination.withdrawn,
        "reports": list(report_ids),
    }


def _stale_letter(ctx: Context) -> list[Reply]:
    """A reminder to redo the unit's list-bearing documents (the tờ trình) once they exist."""
    assert ctx.officer is not None
    dossier = dossier_of_unit(ctx.session, unit_id=ctx.officer.unit_id)
    if dossier is None or dossier.id is None:
        return []
    kept = {f.document_code for f in dossier_files(ctx.session, dossier_id=dossier.id)}
    return [
        Reply(texts.NOMINATE_LETTER_STALE.format(letter=document.name))
        for document in ctx.campaign.dossier_documents
        if document.code in LISTS_NOMINEES & kept
    ]


def _audit(ctx: Context, action: str, nomination: Nomination, **change: dict[str, Any]) -> None:
    assert ctx.officer is not None and nomination.id is not None
    audit(
        ctx,
        action=action,
        entity="nomination",
        entity_id=nomination.id,
        **change,
    )


def save_nomination(ctx: Context, answers: Answers) -> list[Reply]:
    """Save a finished nomination form, checking again what may have changed meanwhile."""
    assert ctx.officer is not None and ctx.officer.id is not None
    refused = nominations_locked(ctx)
    if refused is not None:
        return refused
    unit_id = ctx.officer.unit_id
    officer_id = answers.get("officer")
    if officer_id is not None and officer_id not in {
        m.id for m in unit_members(ctx.session, unit_id=unit_id)
    }:
        return [Reply(texts.NOMINATE_NOMINEE_GONE)]
    chosen = set(answers.get("reports", []))
    report_ids = [
        r.id
        for r in backing_reports(ctx.session, unit_id=unit_id, officer_id=officer_id)
        if r.id in chosen and r.id is not None
    ]
    nomination = add_nomination(
        ctx.session,
        nomination=Nomination(
            unit_id=unit_id,
            award_code=answers["award"],
            subject=answers["subject"],
            officer_id=officer_id,
            standard_code=answers["standard"],
            option_code=answers.get("option", ""),
            created_by=ctx.officer.id,
            created_at=ctx.now,
            updated_at=ctx.now,
        ),
        report_ids=report_ids,
    )
    _audit(ctx, "nomination.create", nomination, after=snapshot(nomination, report_ids))
    title = nomination_title(ctx, nomination)
    return [
        Reply(texts.NOMINATE_SAVED.format(number=nomination.id, title=title)),
        *_stale_letter(ctx),
    ]


def withdraw_nomination(ctx: Context, nomination: Nomination) -> list[Reply]:
    """Withdraw a nomination of the head's unit (the caller has checked unit and lock)."""
    assert nomination.id is not None
    report_ids = [r.id for r in linked_reports(ctx.session, nomination_id=nomination.id) if r.id]
    before = snapshot(nomination, report_ids)
    before["files"] = remove_nomination_files(ctx.session, nomination_id=nomination.id)
    nomination.withdrawn = True
    nomination.updated_at = ctx.now
    ctx.session.add(nomination)
    _audit(
        ctx,
        "nomination.withdraw",
        nomination,
        before=before,
        after=snapshot(nomination, report_ids),
    )
    return [Reply(texts.NOMINATE_WITHDRAWN.format(number=nomination.id)), *_stale_letter(ctx)]
