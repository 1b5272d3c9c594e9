"""Saving, loading and withdrawing achievement reports, each change audited."""

from __future__ import annotations

from typing import Any

from handlers import texts
from handlers.engine.audit import audit
from handlers.engine.context import Context
from handlers.engine.messages import Reply
from storage.models import Evidence, Report, ReportScope, ReportStatus, Role
from storage.queries.awards import active_officers_in_role
from storage.queries.reports import (
    add_evidence,
    add_report,
    evidence_of_report,
    remove_evidence,
    report_by_id,
    stored_file,
)

REPORT_FIELDS = (
    "criterion_code",
    "scope",
    "is_initiative",
    "title",
    "description",
    "period",
    "result",
    "figure",
    "status",
)


def snapshot(ctx: Context, report: Report) -> dict[str, Any]:
    """The report and its evidence as plain data, for the audit log."""
    assert report.id is not None
    data: dict[str, Any] = {name: getattr(report, name) for name in REPORT_FIELDS}
    data["evidence"] = [
        {"kind": e.kind, "name": e.name, "sha256": e.file_sha256, "url": e.url}
        for e in evidence_of_report(ctx.session, report_id=report.id)
    ]
    return data


def report_answers(ctx: Context, report: Report) -> dict[str, Any]:
    """A stored report as form answers, so the same form can edit it."""
    assert report.id is not None
    items: list[dict[str, Any]] = []
    for evidence in evidence_of_report(ctx.session, report_id=report.id):
        if evidence.kind == "link":
            items.append(
                {
                    "kind": "link",
                    "url": evidence.url,
                    "name": evidence.url,
                    "evidence_id": evidence.id,
                }
            )
            continue
        assert evidence.file_sha256 is not None
        stored = stored_file(ctx.session, sha256=evidence.file_sha256)
        size = stored.size if stored is not None else 0
        items.append(
            {
                "kind": evidence.kind,
                "sha256": evidence.file_sha256,
                "name": evidence.name,
                "size": size,
                "description": evidence.description,
                "evidence_id": evidence.id,
            }
        )
    return {
        "_report_id": report.id,
        "_status": report.status,
        "criterion": report.criterion_code,
        "scope": report.scope,
        "initiative": report.is_initiative,
        "title": report.title,
        "description": report.description,
        "period": report.period,
        "result": report.result,
        "figure": report.figure,
        "evidence": items,
    }


def editable_report(ctx: Context, report_id: int) -> Report | None:
    """The officer's own report, or None: nobody reaches another officer's report."""
    report = report_by_id(ctx.session, report_id=report_id)
    if report is None or ctx.officer is None or report.officer_id != ctx.officer.id:
        return None
    return report


def lock_reason(report: Report) -> str | None:
    """Why the report can no longer change, or None while it can."""
    if report.status == ReportStatus.CONFIRMED:
        return texts.REPORT_LOCKED.format(number=report.id)
    if report.status == ReportStatus.WITHDRAWN:
        return texts.REPORT_NOT_EDITABLE.format(number=report.id)
    return None


def save_report(ctx: Context, answers: dict[str, Any]) -> list[Reply]:
    """Create the report from a finished draft, or apply an edit to a stored one."""
    officer = ctx.officer
    assert officer is not None and officer.id is not None
    report_id = answers.get("_report_id")
    if report_id is None:
        report = add_report(
            ctx.session,
            report=Report(
                officer_id=officer.id,
                unit_id=officer.unit_id,
                criterion_code=answers["criterion"],
                title="",
                description="",
                period="",
                result="",
                created_at=ctx.now,
                submitted_at=ctx.now,
                updated_at=ctx.now,
            ),
        )
        before: dict[str, Any] = {}
        action, message = "report.submit", texts.REPORT_SENT
    else:
        found = editable_report(ctx, int(report_id))
        if found is None:
            return [Reply(texts.REPORT_NOT_FOUND)]
        reason = lock_reason(found)
        if reason is not None:
            return [Reply(reason)]
        report = found
        before = snapshot(ctx, report)
        action, message = "report.edit", texts.REPORT_UPDATED
    _apply_answers(ctx, report, answers)
    assert report.id is not None
    confirmer = ctx.campaign.confirmation.confirmer(
        collective=report.scope == ReportScope.COLLECTIVE, author_role=officer.role
    )
    audit(
        ctx,
        action=action,
        entity="report",
        entity_id=report.id,
        before=before,
        after=snapshot(ctx, report),
    )
    said = message.format(number=report.id, confirmer=texts.ROLE_NAMES[confirmer])
    if not _someone_confirms(ctx, confirmer):
        said += "\n" + texts.REPORT_NO_CONFIRMER.format(confirmer=texts.ROLE_NAMES[confirmer])
    return [Reply(said)]


def _someone_confirms(ctx: Context, role: str) -> bool:
    """Whether anyone but the author holds the confirming role (a head: in the author's unit)."""
    assert ctx.officer is not None
    unit_id = ctx.officer.unit_id if role == Role.UNIT_HEAD else None
    holders = active_officers_in_role(ctx.session, role=role, unit_id=unit_id)
    return any(holder.id != ctx.officer.id for holder in holders)


def _apply_answers(ctx: Context, report: Report, answers: dict[str, Any]) -> None:
    assert report.id is not None and ctx.officer is not None and ctx.officer.id is not None
    report.criterion_code = answers["criterion"]
    report.scope = answers.get("scope") or "individual"
    report.is_initiative = bool(answers.get("initiative"))
    report.title = answers["title"]
    report.description = answers["description"]
    report.period = answers["period"]
    report.result = answers["result"]
    report.figure = answers.get("figure") or ""
    # An edited report, returned or not, goes back to the head for confirmation.
    report.status = ReportStatus.SENT
    report.return_reason = ""
    report.submitted_at = ctx.now
    report.updated_at = ctx.now
    ctx.session.add(report)
    items = answers.get("evidence", [])
    kept = {item["evidence_id"] for item in items if "evidence_id" in item}
    for evidence in evidence_of_report(ctx.session, report_id=report.id):
        if evidence.id not in kept:
            remove_evidence(ctx.session, evidence=evidence)
    for item in items:
        if "evidence_id" in item:
            continue
        add_evidence(
            ctx.session,
            evidence=Evidence(
                report_id=report.id,
                kind=item["kind"],
                file_sha256=item.get("sha256"),
                # A link's name is its address, kept whole in `url` (a name is much shorter).
                name="" if item["kind"] == "link" else item["name"],
                url=item.get("url", ""),
                description=item.get("description", ""),
                uploaded_by=ctx.officer.id,
                added_at=ctx.now,
            ),
        )


def withdraw_report(ctx: Context, report: Report) -> list[Reply]:
    reason = lock_reason(report)
    if reason is not None:
        return [Reply(reason)]
    assert ctx.officer is not None and report.id is not None
    before = snapshot(ctx, report)
    report.status = ReportStatus.WITHDRAWN
    report.updated_at = ctx.now
    ctx.session.add(report)
    audit(
        ctx,
        action="report.withdraw",
        entity="report",
        entity_id=report.id,
        before=before,
        after=snapshot(ctx, report),
    )
    return [Reply(texts.WITHDRAWN.format(number=report.id))]
