"""/xuat: the secretariat exports the ward's summary workbook or its dossier as ZIP."""

from __future__ import annotations

from handlers import texts
from handlers.engine.audit import audit
from handlers.engine.context import Context
from handlers.engine.menu import refuse_unless_allowed
from handlers.engine.messages import Button, OutgoingFile, Reply
from handlers.identity.units import find_units
from handlers.reports.evidence import human_size
from storage.models import Unit
from storage.queries.roster import unit_by_id
from storage.queries.status import active_units

PAYLOAD_PREFIX = "x"
COMMAND = "xuat"
WORKBOOK, ARCHIVE, UNIT = "wb", "zip", "u"


def export_command(ctx: Context, args: str) -> list[Reply]:
    """Offer the two exports, of the whole ward or, with a unit named, of that unit."""
    if not args.strip():
        return [_choices(None)]
    found = find_units(ctx, args)
    if len(found) == 1:
        return [_choices(found[0])]
    units = found or list(active_units(ctx.session))
    template = texts.EXPORT_UNIT_MANY if found else texts.EXPORT_UNIT_NOT_FOUND
    text = template.format(count=len(found), query=args.strip())
    buttons = tuple((Button(u.name, _payload(UNIT, u.id)),) for u in units)
    return [Reply(text, buttons=buttons)]


def _payload(action: str, unit_id: int | None = None) -> str:
    return ".".join([PAYLOAD_PREFIX, action, *([str(unit_id)] if unit_id is not None else [])])


def _choices(unit: Unit | None) -> Reply:
    unit_id = unit.id if unit is not None else None
    text = texts.EXPORT_CHOOSE_UNIT.format(unit=unit.name) if unit else texts.EXPORT_CHOOSE
    archive = texts.EXPORT_UNIT_ARCHIVE_BUTTON if unit else texts.EXPORT_ARCHIVE_BUTTON
    buttons = (
        (Button(texts.EXPORT_WORKBOOK_BUTTON, _payload(WORKBOOK, unit_id)),),
        (Button(archive, _payload(ARCHIVE, unit_id)),),
    )
    return Reply(text, buttons=buttons)


def press(ctx: Context, payload: str) -> list[Reply]:
    """Build the chosen export; the role is checked again, whatever the button claims."""
    refusal = refuse_unless_allowed(ctx, COMMAND)
    if refusal is not None:
        return refusal
    parts = payload.split(".")
    action = parts[1] if len(parts) > 1 else ""
    unit: Unit | None = None
    if len(parts) > 2:
        unit = unit_by_id(ctx.session, unit_id=int(parts[2])) if parts[2].isdigit() else None
        if unit is None or not unit.active:
            return [Reply(texts.STATUS_UNIT_GONE)]
    if action == UNIT and unit is not None:
        return [_choices(unit)]
    if action == WORKBOOK:
        return _workbook(ctx, unit)
    if action == ARCHIVE:
        return _archive(ctx, unit)
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


def _workbook(ctx: Context, unit: Unit | None) -> list[Reply]:
    # Imported on first use: openpyxl and python-docx weigh tens of MB; exports are rare.
    from handlers.documents.workbook import build_workbook, workbook_name

    content, counts = build_workbook(ctx, unit)
    name = workbook_name(ctx, unit)
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


def _archive(ctx: Context, unit: Unit | None) -> list[Reply]:
    from handlers.documents.archive import build_archive

    archive = build_archive(ctx, unit)
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
            scope=texts.EXPORT_SCOPE_UNIT.format(unit=unit.name)
            if unit
            else texts.EXPORT_SCOPE_WARD,
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
