"""The council's documents as files in chat, for the secretariat and the leadership alike."""

from __future__ import annotations

from handlers import texts
from handlers.documents.council_record import papers_for
from handlers.engine.context import Context
from handlers.engine.messages import Button, OutgoingFile, Reply
from storage.models import AwardRound


def document_buttons(
    ctx: Context, award_round: AwardRound, prefix: str
) -> tuple[tuple[Button, ...], ...]:
    """One row of the documents this round has, under the caller's button prefix."""
    kinds = papers_for(ctx, award_round)
    if not kinds:
        return ()
    labels = texts.ROUND_DOC_BUTTONS
    return (tuple(Button(labels[k], f"{prefix}.doc.{award_round.id}.{k}") for k in kinds),)


def document_reply(ctx: Context, award_round: AwardRound, kind: str) -> list[Reply]:
    """The drafted document as a file; a stale button when the record no longer supports it."""
    if kind not in papers_for(ctx, award_round):
        return [Reply(texts.ROUND_STALE)]
    # Imported on first use: python-docx is heavy and only drafting needs it.
    from handlers.documents.council_drafts import PAPERS

    content = PAPERS[kind](ctx, award_round)
    name = texts.ROUND_DOC_FILES[kind]
    return [Reply(texts.ROUND_DOC_CAPTION.format(name=name), file=OutgoingFile(name, content))]
