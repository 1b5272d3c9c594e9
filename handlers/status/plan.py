"""The ward's plan in chat (/kehoach): its sections, from the campaign file, one at a time.

The plan is long, so /kehoach shows its heading and a button per section; a section longer
than one chat message is cut between paragraphs, never inside one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from handlers import texts
from handlers.campaign.deadline import deadline_text
from handlers.campaign.sections import PlanSection
from handlers.engine.context import Context
from handlers.engine.messages import Button, Reply

PAYLOAD_PREFIX = "k"
# Below a chat message's limit (Telegram: 4096), so that a section is cut where we choose.
MESSAGE_CHARS: Final = 3500


def _paragraphs(section: PlanSection) -> list[str]:
    return [f"{section.heading.upper()} ({section.source})", *section.paragraphs]


def _purpose(ctx: Context) -> list[str]:
    plan = ctx.campaign.plan
    return [*_paragraphs(plan.purpose), "", *_paragraphs(plan.requirements)]


def _contents(ctx: Context) -> list[str]:
    plan = ctx.campaign.plan
    return [*_paragraphs(plan.subjects), "", *_paragraphs(plan.contents)]


def _criteria(ctx: Context) -> list[str]:
    lines = [texts.PLAN_CRITERIA_HEADING]
    for criterion in ctx.campaign.criteria:
        head = f"{criterion.letter}) " if criterion.letter else "• "
        lines.append(f"{head}{criterion.text}")
        measured = texts.PLAN_MEASURED_ON[criterion.measured_on]
        target = texts.PLAN_TARGET.format(target=criterion.target) if criterion.target else ""
        lines.append(f"   ({measured}{target})")
    return lines


def _awards(ctx: Context) -> list[str]:
    lines = [texts.PLAN_AWARDS_HEADING]
    for award in ctx.campaign.awards:
        lines.append(texts.PLAN_AWARD_LINE.format(name=award.name, by=award.granted_by))
        lines.append(award.text)
    return lines


def _standards(ctx: Context) -> list[str]:
    lines = [texts.PLAN_STANDARDS_HEADING]
    standards = ctx.campaign.standards
    for i, standard in enumerate(standards):
        # The plan writes one standard for collectives and individuals alike (III.3.1).
        if i and standards[i - 1].text == standard.text and not standard.options:
            continue
        shared = i + 1 < len(standards) and standards[i + 1].text == standard.text
        award = ctx.campaign.award(standard.award).name
        subject = texts.PLAN_SUBJECTS["both" if shared else standard.subject]
        lines.append(texts.PLAN_STANDARD_LINE.format(award=award, subject=subject))
        lines.append(standard.text)
        lines += [f"- {option.text}" for option in standard.options]
    return lines


def _dossier(ctx: Context) -> list[str]:
    lines = [texts.PLAN_DOSSIER_HEADING]
    lines += [f"- {document.text}" for document in ctx.campaign.dossier_documents]
    return lines


def _deadline(ctx: Context) -> list[str]:
    deadline = ctx.campaign.deadline
    lines = [texts.PLAN_DEADLINE_HEADING, deadline.statement]
    in_force = deadline_text(ctx.session, ctx.campaign)
    if in_force != deadline.text:
        lines.append(texts.PLAN_DEADLINE_CHANGED.format(deadline=in_force))
    return lines


def _duties(ctx: Context) -> list[str]:
    lines = [texts.PLAN_DUTIES_HEADING]
    heading = ""
    for duty in ctx.campaign.duties:
        if duty.heading != heading:
            heading = duty.heading
            lines.append(f"{heading}:")
        lines.append(f"- {duty.text}")
    plan = ctx.campaign.plan
    return [*lines, "", *_paragraphs(plan.funding), "", *_paragraphs(plan.progress)]


SECTIONS: dict[str, Callable[[Context], list[str]]] = {
    "purpose": _purpose,
    "contents": _contents,
    "criteria": _criteria,
    "awards": _awards,
    "standards": _standards,
    "dossier": _dossier,
    "deadline": _deadline,
    "duties": _duties,
}


def split_paragraphs(paragraphs: list[str], limit: int = MESSAGE_CHARS) -> list[str]:
    """Paragraphs joined into messages of at most `limit` characters, cut between them."""
    messages: list[str] = []
    current = ""
    for paragraph in paragraphs:
        joined = f"{current}\n{paragraph}" if current else paragraph
        if current and len(joined) > limit:
            messages.append(current)
            joined = paragraph
        current = joined
    return [*messages, current] if current else messages


def _menu() -> tuple[tuple[Button, ...], ...]:
    buttons = [
        Button(label, f"{PAYLOAD_PREFIX}.{code}") for code, label in texts.PLAN_SECTIONS.items()
    ]
    return tuple(tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2))


def plan_command(ctx: Context, _args: str) -> list[Reply]:
    """The plan's heading and a button per section."""
    info = ctx.campaign.campaign
    text = texts.PLAN_HEADER.format(
        issuer=info.issuer, number=info.number, issued=info.issued, title=info.title
    )
    return [Reply(f"{text}\n\n{ctx.campaign.plan.preamble}\n\n{texts.PLAN_PICK}", buttons=_menu())]


def press(ctx: Context, payload: str) -> list[Reply]:
    """One section of the plan, in as many messages as it needs, the menu under the last."""
    code = payload.partition(".")[2]
    if code not in SECTIONS:
        return [Reply(texts.STALE_BUTTON)]
    messages = split_paragraphs(SECTIONS[code](ctx))
    replies = [Reply(message) for message in messages[:-1]]
    return [*replies, Reply(messages[-1], buttons=_menu())]
