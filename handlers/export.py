"""/xuat: the secretariat exports the ward's summary workbook or its dossier as ZIP."""

from __future__ import annotations

from handlers import texts
from handlers.audit import audit
from handlers.award_view import refuse_unless_allowed
from handlers.context import Context
from handlers.evidence import human_size
from handlers.messages import Button, OutgoingFile, Reply

PAYLOAD_PREFIX = "x"
COMMAND = "xuat"
WORKBOOK = f"{PAYLOAD_PREFIX}.wb"
ARCHIVE = f"{PAYLOAD_PREFIX}.zip"


def export_command(ctx: Context, _args: str) -> list[Reply]:
    """Offer the two exports."""
    buttons = (
        (Button(texts.EXPORT_WORKBOOK_BUTTON, WORKBOOK),),
        (Button(texts.EXPORT_ARCHIVE_BUTTON, ARCHIVE),),
    )
    return [Reply(texts.EXPORT_CHOOSE, buttons=buttons)]


def press(ctx: Context, payload: str) -> list[Reply]:
    """Build the chosen export; the role is checked again, whatever the button claims."""
    refusal = refuse_unless_allowed(ctx, COMMAND)
    if refusal is not None:
        return refusal
    if payload == WORKBOOK:
        return _workbook(ctx)
    if payload == ARCHIVE:
        return _archive(ctx)
    return [Reply(texts.STALE_BUTTON)]


def _moment(ctx: Context) -> str:
    return ctx.local(ctx.now).strftime("%d/%m/%Y %H:%M")


def _audit(ctx: Context, action: str, names: list[str], after: dict[str, int]) -> None:
    assert ctx.officer is not None
    audit(
        ctx,
        action=action,
        entity="export",
        entity_id=names[0] if names else "",
        before={},
        after={"files": names, **after},
    )


def _workbook(ctx: Context) -> list[Reply]:
    # Imported on first use: openpyxl and python-docx weigh tens of MB; exports are rare.
    from handlers.export_workbook import build_workbook, workbook_name

    content, counts = build_workbook(ctx)
    name = workbook_name(ctx)
    _audit(
        ctx,
        "export.workbook",
        [name],
        {"size": len(content), "nominations": counts.nominations, "reports": counts.reports},
    )
    text = texts.EXPORT_WORKBOOK_DONE.format(
        time=_moment(ctx),
        nominations=counts.nominations,
        reports=counts.reports,
        units=counts.units,
    )
    return [Reply(text, file=OutgoingFile(name, content))]


def _archive(ctx: Context) -> list[Reply]:
    from handlers.export_archive import build_archive

    archive = build_archive(ctx)
    if not archive.parts:
        return [Reply(texts.EXPORT_ARCHIVE_EMPTY)]
    names = [part.name for part in archive.parts]
    counts = archive.counts
    _audit(
        ctx,
        "export.archive",
        names,
        {"size": archive.size, **counts, "missing": len(archive.missing)},
    )
    lines = [
        texts.EXPORT_ARCHIVE_DONE.format(
            time=_moment(ctx),
            evidence=counts["evidence"],
            drafts=counts["draft"],
            uploads=counts["upload"],
            size=human_size(archive.size),
        )
    ]
    if archive.missing:
        missing = ", ".join(archive.missing)
        lines.append(texts.EXPORT_ARCHIVE_MISSING.format(count=len(archive.missing), names=missing))
    if len(archive.parts) == 1:
        return [Reply("\n".join(lines), file=archive.parts[0])]
    lines.append(texts.EXPORT_ARCHIVE_PARTS.format(parts=len(archive.parts)))
    total = len(archive.parts)
    return [Reply("\n".join(lines))] + [
        Reply(texts.EXPORT_ARCHIVE_PART.format(part=number, parts=total, name=part.name), file=part)
        for number, part in enumerate(archive.parts, start=1)
    ]
