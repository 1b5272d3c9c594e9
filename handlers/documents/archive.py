"""The ward's dossier as ZIP: evidence by unit and nominee, DOCX drafts, the units' own files.

Layout inside the archive:
    <unit code> - <unit name>/Dự thảo - Tờ trình kèm danh sách.docx
    <unit code> - <unit name>/<nominee>/Dự thảo - Báo cáo thành tích - <award>.docx
    <unit code> - <unit name>/<nominee>/<report id> - <file name>
    <unit code> - <unit name>/Minh chứng khác/<report id> - <file name>
    <unit code> - <unit name>/Hồ sơ đơn vị đã gửi/<document> - <file name>
    Xét khen thưởng toàn phường/<the council's minutes, the Quyết định, the tờ trình>.docx
Only confirmed reports give evidence. Built in memory (a ward's dossier is tens of MB); it is
cut into parts so that no file exceeds what a chat platform lets a bot send.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from io import BytesIO
from pathlib import PurePosixPath

from handlers import texts
from handlers.documents.council_drafts import PAPERS
from handlers.documents.council_record import papers_for
from handlers.documents.drafts import draft_achievement_report, draft_submission_letter
from handlers.documents.wording import Nominee, award_parts, linked_confirmed, nominee_of
from handlers.engine.context import Context
from handlers.engine.messages import OutgoingFile
from storage.models import DossierFile, Evidence, EvidenceKind, Report, Unit
from storage.queries.awards import dossier_files, dossier_of_unit
from storage.queries.council import current_round
from storage.queries.exports import confirmed_reports, evidence_of_reports, ward_nominations
from storage.queries.reports import stored_file
from storage.queries.roster import all_units

ARCHIVE_NAME = "ho-so-thi-dua-{scope}{date}.zip"
ARCHIVE_PART_NAME = "ho-so-thi-dua-{scope}{date}-phan-{part}.zip"
# Telegram lets a bot send files up to 50 MB; stay clear of it, ZIP headers included.
ARCHIVE_PART_BYTES = 45 * 1024 * 1024
# Formats that are compressed already: deflating them again costs time and saves nothing.
STORED_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp", ".heic", ".docx", ".xlsx"})
# Characters Windows refuses in file names, and control characters.
UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')
NAME_LIMIT = 80


@dataclass(frozen=True)
class Entry:
    """One file of the archive: where it goes, about how big, what it is, how to get it."""

    path: str
    size: int
    kind: str
    read: Callable[[], bytes]


@dataclass
class Archive:
    """The parts made, how many files of each kind went in, and which were not found."""

    parts: list[OutgoingFile] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    missing: list[str] = field(default_factory=list)

    @property
    def size(self) -> int:
        return sum(len(part.content) for part in self.parts)


def safe_name(name: str, limit: int = NAME_LIMIT) -> str:
    """A file or folder name any system accepts, the extension kept when it is cut short."""
    cleaned = UNSAFE.sub("-", unicodedata.normalize("NFC", name)).strip().rstrip(". ")
    if len(cleaned) > limit:
        suffix = PurePosixPath(cleaned).suffix[:10]
        cleaned = cleaned[: limit - len(suffix)].rstrip(". ") + suffix
    return cleaned or "_"


def archive_names(ctx: Context, parts: int, unit: Unit | None = None) -> list[str]:
    """One name for a single archive; numbered names when it is cut into parts."""
    date = ctx.local(ctx.now).strftime("%Y-%m-%d")
    scope = f"{unit.code}-" if unit is not None else ""
    if parts == 1:
        return [ARCHIVE_NAME.format(scope=scope, date=date)]
    return [ARCHIVE_PART_NAME.format(scope=scope, date=date, part=n) for n in range(1, parts + 1)]


def build_archive(
    ctx: Context, unit: Unit | None = None, part_bytes: int = ARCHIVE_PART_BYTES
) -> Archive:
    """The ward's dossier, or one unit's, cut into parts of at most `part_bytes` each."""
    archive = Archive()
    entries: list[Entry] = []
    nominations = ward_nominations(ctx.session)
    units = all_units(ctx.session) if unit is None else [unit]
    for each in units:
        nominees = [nominee_of(ctx, n) for n in nominations if n.unit_id == each.id]
        entries += _unit_entries(ctx, each, nominees)
    if unit is None:
        entries += _council_entries(ctx)
    groups = _split(_unique(entries), part_bytes)
    for name, group in zip(archive_names(ctx, len(groups), unit), groups, strict=True):
        archive.parts.append(OutgoingFile(name, _zip(ctx, archive, group)))
    return archive


def _unit_entries(ctx: Context, unit: Unit, nominees: Sequence[Nominee]) -> list[Entry]:
    """The unit's folder: drafts, evidence by nominee, other evidence, the files it sent."""
    assert unit.id is not None
    root = safe_name(f"{unit.code} - {unit.name}")
    entries: list[Entry] = []
    if nominees:
        letter = draft_submission_letter(ctx, unit.id)
        entries.append(_bytes_entry(f"{root}/{texts.EXPORT_LETTER_FILE}", "draft", letter))
    # A report backing two awards of one nominee goes once into the nominee's folder.
    placed: set[tuple[str, int | None]] = set()
    for nominee, folder in _nominee_folders(nominees):
        assert nominee.nomination.id is not None
        award = award_parts(ctx, nominee.nomination.award_code)[0]
        path = f"{root}/{folder}/{safe_name(texts.EXPORT_REPORT_FILE.format(award=award))}"
        report = draft_achievement_report(ctx, nominee.nomination.id)
        entries.append(_bytes_entry(path, "draft", report))
        reports = linked_confirmed(ctx, nominee.nomination)
        entries += _evidence(
            ctx, f"{root}/{folder}", [r for r in reports if (folder, r.id) not in placed]
        )
        placed.update((folder, r.id) for r in reports)
    linked = {report_id for _, report_id in placed}
    others = [r for r in confirmed_reports(ctx.session, unit_id=unit.id) if r.id not in linked]
    entries += _evidence(ctx, f"{root}/{texts.EXPORT_OTHER_EVIDENCE}", others)
    dossier = dossier_of_unit(ctx.session, unit_id=unit.id)
    if dossier is not None and dossier.id is not None:
        for file in dossier_files(ctx.session, dossier_id=dossier.id):
            entries.append(_upload(ctx, root, file, nominees))
    return entries


def _council_entries(ctx: Context) -> list[Entry]:
    """The ward's own drafts from the council's record: minutes, Quyết định, tờ trình."""
    award_round = current_round(ctx.session)
    if award_round is None:
        return []
    return [
        _bytes_entry(
            f"{texts.EXPORT_COUNCIL_FOLDER}/{texts.ROUND_DOC_FILES[kind]}",
            "draft",
            PAPERS[kind](ctx, award_round),
        )
        for kind in papers_for(ctx, award_round)
    ]


def _nominee_folders(nominees: Sequence[Nominee]) -> list[tuple[Nominee, str]]:
    """A folder per nominee; namesakes in one unit are told apart by their officer code."""
    officers_named: dict[str, set[int | None]] = {}
    for nominee in nominees:
        if nominee.officer is not None:
            officers_named.setdefault(nominee.officer.full_name, set()).add(nominee.officer.id)

    def folder(nominee: Nominee) -> str:
        if nominee.officer is None:
            return texts.EXPORT_COLLECTIVE_FOLDER
        name = nominee.officer.full_name
        return f"{name} ({nominee.officer.code})" if len(officers_named[name]) > 1 else name

    return [(nominee, safe_name(folder(nominee))) for nominee in nominees]


def _bytes_entry(path: str, kind: str, content: bytes) -> Entry:
    return Entry(path, len(content), kind, lambda: content)


def _stored_entry(ctx: Context, path: str, kind: str, sha256: str) -> Entry:
    """A file from the store, read only when its part is written."""
    row = stored_file(ctx.session, sha256=sha256)
    return Entry(path, row.size if row else 0, kind, lambda: ctx.files.read(sha256))


def _evidence(ctx: Context, folder: str, reports: Sequence[Report]) -> list[Entry]:
    """Each report's files as "<report id> - <name>", and its links in one text file."""
    entries: list[Entry] = []
    evidence: dict[int, list[Evidence]] = {}
    for item in evidence_of_reports(ctx.session, report_ids=[r.id for r in reports if r.id]):
        evidence.setdefault(item.report_id, []).append(item)
    for report in reports:
        own = evidence.get(report.id or 0, [])
        for item in own:
            if item.kind == EvidenceKind.LINK or item.file_sha256 is None:
                continue
            name = _with_extension(ctx, item.name, item.file_sha256)
            path = f"{folder}/{safe_name(f'{report.id} - {name}')}"
            entries.append(_stored_entry(ctx, path, "evidence", item.file_sha256))
        links = [e.url for e in own if e.kind == EvidenceKind.LINK]
        if links:
            path = f"{folder}/{texts.EXPORT_LINKS_FILE.format(report=report.id)}"
            entries.append(_bytes_entry(path, "links", ("\r\n".join(links) + "\r\n").encode()))
    return entries


def _with_extension(ctx: Context, name: str, sha256: str) -> str:
    """The sent name, with the stored type's extension if the name has none (e.g. a photo)."""
    row = stored_file(ctx.session, sha256=sha256)
    if PurePosixPath(name).suffix or row is None:
        return name
    return f"{name}.{row.extension}"


def _upload(ctx: Context, root: str, file: DossierFile, nominees: Sequence[Nominee]) -> Entry:
    """A document the unit uploaded (or had drafted) into its dossier."""
    documents = {d.code: d.name for d in ctx.campaign.dossier_documents}
    parts = [documents.get(file.document_code, file.document_code)]
    parts += [n.name for n in nominees if n.nomination.id == file.nomination_id]
    parts.append(file.file_name)
    path = f"{root}/{texts.EXPORT_UPLOADS_FOLDER}/{safe_name(' - '.join(parts))}"
    return _stored_entry(ctx, path, "upload", file.file_sha256)


def _unique(entries: Sequence[Entry]) -> list[Entry]:
    """Number a second file of the same path "name (2).ext" rather than overwrite it."""
    seen: set[str] = set()
    unique = []
    for entry in entries:
        path, number = entry.path, 1
        while path.casefold() in seen:
            number += 1
            stem = PurePosixPath(entry.path)
            path = str(stem.with_name(f"{stem.stem} ({number}){stem.suffix}"))
        seen.add(path.casefold())
        unique.append(replace(entry, path=path))
    return unique


def _split(entries: Sequence[Entry], part_bytes: int) -> list[list[Entry]]:
    """Consecutive entries in parts of at most `part_bytes` (a bigger file goes alone)."""
    groups: list[list[Entry]] = []
    size = 0
    for entry in entries:
        if not groups or size + entry.size > part_bytes:
            groups.append([])
            size = 0
        groups[-1].append(entry)
        size += entry.size
    return groups


def _zip(ctx: Context, archive: Archive, entries: Sequence[Entry]) -> bytes:
    """Write one part; a file missing from the store is left out and named in the reply."""
    stamp = ctx.local(ctx.now).timetuple()[:6]
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as bundle:
        for entry in entries:
            try:
                content = entry.read()
            except FileNotFoundError:
                archive.missing.append(PurePosixPath(entry.path).name)
                continue
            info = zipfile.ZipInfo(entry.path, date_time=stamp)
            info.external_attr = 0o644 << 16
            stored = PurePosixPath(entry.path).suffix.lower() in STORED_SUFFIXES
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            bundle.writestr(info, content)
            archive.counts[entry.kind] += 1
    return out.getvalue()
