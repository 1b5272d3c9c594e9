"""The parts every document of the ward office has, as Decree 30/2020/NĐ-CP lays them out.

The header (issuing body and national motto, each with its rule; number; place and date), the
document's kind with its trích yếu and rule, the "Căn cứ" lines, and "Nơi nhận" beside the
signature. Words come from the caller and the campaign file.
"""

from __future__ import annotations

from collections.abc import Sequence

from docx.document import Document
from docx.shared import Cm, Pt

from handlers import texts
from handlers.documents.draft_layout import (
    BODY_PT,
    CENTER,
    HEADER_PT,
    LEFT,
    RECIPIENT_PT,
    SMALL_PT,
    Line,
    page_numbers,
    rule,
    text,
    two_columns,
)
from handlers.documents.wording import Signer, place_and_date
from handlers.engine.context import Context

HEADER_WIDTHS = (Cm(6.8), Cm(9.7))
SIGNATURE_WIDTHS = (Cm(8.7), Cm(7.8))
SIGNATURE_SPACE = 4
# Rules about a third of the issuing body's name, and as long as the motto.
ISSUER_RULE, MOTTO_RULE, SUBJECT_RULE = Cm(2), Cm(5.6), Cm(4)


def office_header(ctx: Context, document: Document, issuer: Sequence[str], number: str) -> None:
    """The issuing body (the last line bold) and the motto, each ruled; number; place, date."""
    *above, own = issuer
    agency = [Line(line.upper(), size=SMALL_PT) for line in above]
    agency += [Line(own.upper(), bold=True, size=SMALL_PT), Line("", rule=ISSUER_RULE)]
    nation = [
        Line(texts.DRAFT_NATION, bold=True, size=SMALL_PT),
        Line(texts.DRAFT_MOTTO, bold=True),
        Line("", rule=MOTTO_RULE),
    ]
    # 13 pt (Decree 30/2020 allows 13–14) keeps place and date on one line.
    dated = [Line(place_and_date(ctx), italic=True, size=HEADER_PT)]
    two_columns(document, [(agency, nation), ([Line(number)], dated)], HEADER_WIDTHS)
    page_numbers(document)


def title_block(document: Document, kind: str, subject: str) -> None:
    """The kind in capitals, the trích yếu under it, and a rule under the trích yếu."""
    text(document, "", align=CENTER)
    text(document, kind, bold=True, align=CENTER).paragraph_format.space_after = Pt(0)
    text(document, subject, bold=True, align=CENTER).paragraph_format.space_after = Pt(0)
    rule(document, SUBJECT_RULE)


def legal_bases(ctx: Context, document: Document, extra: Sequence[str] = ()) -> None:
    """The "Căn cứ" lines: the laws of the campaign file, the plan itself, then `extra`."""
    info = ctx.campaign.campaign
    lines = [
        texts.DOC_BASIS_LAW.format(law=basis.text, dated=basis.dated)
        for basis in ctx.campaign.legal_bases
    ]
    lines.append(texts.DOC_BASIS_PLAN.format(number=info.number, issued=info.issued))
    lines += extra
    for line in lines:
        text(document, line, italic=True, indent=True)


def closing_block(document: Document, recipients: Sequence[str], signer: Signer) -> None:
    """ "Nơi nhận" (12 pt title, 11 pt names) on the left, the signature on the right."""
    left = [Line(texts.DRAFT_RECIPIENTS, bold=True, italic=True, size=SMALL_PT, align=LEFT)]
    for number, name in enumerate(recipients, start=1):
        end = "." if number == len(recipients) else ";"
        left.append(Line(f"- {name}{end}", size=RECIPIENT_PT, align=LEFT))
    _keep_with_signature(document)
    two_columns(document, [(left, signature_lines(signer))], SIGNATURE_WIDTHS)


def signature_lines(signer: Signer) -> list[Line]:
    """The capacity and title in capitals, room to sign, and the name."""
    lines = [Line(title.upper(), bold=True, size=HEADER_PT) for title in signer.titles]
    lines += [Line("") for _ in range(SIGNATURE_SPACE)]
    lines.append(Line(signer.name, bold=True, size=BODY_PT))
    return lines


def signatures(document: Document, left: Signer, right: Signer) -> None:
    """Two signature blocks side by side, the names on one line (e.g. confirmation, reporter)."""
    depth = max(len(left.titles), len(right.titles))
    blocks = [
        Signer(signer.titles + ("",) * (depth - len(signer.titles)), signer.name)
        for signer in (left, right)
    ]
    _keep_with_signature(document)
    lines = (signature_lines(blocks[0]), signature_lines(blocks[1]))
    two_columns(document, [lines], SIGNATURE_WIDTHS)


def _keep_with_signature(document: Document) -> None:
    """The last paragraph goes to the next page with the signature rather than leave it alone."""
    if document.paragraphs:
        document.paragraphs[-1].paragraph_format.keep_with_next = True
