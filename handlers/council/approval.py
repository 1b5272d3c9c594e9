"""/pheduyet: the ward's leadership approves the council's result; each nominee is told.

Approving records the Quyết định's number, recognises the initiatives behind the nominees who
passed (by whom, when, under which decision), and tells each nominee and their unit's head.
"""

from __future__ import annotations

from handlers import texts
from handlers.council.listing import display_name, round_text
from handlers.council.papers import document_buttons, document_reply
from handlers.documents.council_record import Listed, listed_nominees
from handlers.documents.wording import award_parts, linked_confirmed
from handlers.engine import forms
from handlers.engine.audit import audit
from handlers.engine.context import Context
from handlers.engine.forms import Answers, Form, Invalid, Outcome, Step, StepInput, Store
from handlers.engine.menu import refuse_unless_allowed
from handlers.engine.messages import Button, Reply
from handlers.engine.notify import notify_officer
from storage.models import AwardRound, InitiativeRecognition, Role, RoundStatus
from storage.queries.awards import active_officers_in_role
from storage.queries.council import current_round, recognition_of

PAYLOAD_PREFIX = "p"
COMMAND = "pheduyet"
DECISION_MAX = 60


def approve_command(ctx: Context, _args: str) -> list[Reply]:
    """The council's result with its documents, and «Phê duyệt» while it waits."""
    award_round = current_round(ctx.session)
    if award_round is None or award_round.id is None:
        return [Reply(texts.APPROVE_NOTHING)]
    if award_round.status not in (RoundStatus.VOTED, RoundStatus.APPROVED):
        return [Reply(texts.APPROVE_NOTHING)]
    listed = listed_nominees(ctx, award_round.id)
    rows: list[tuple[Button, ...]] = []
    if award_round.status == RoundStatus.VOTED:
        rows.append((Button(texts.APPROVE_BUTTON, f"p.ok.{award_round.id}"),))
    rows += document_buttons(ctx, award_round, PAYLOAD_PREFIX)
    return [Reply(round_text(ctx, award_round, listed), buttons=tuple(rows))]


def press(ctx: Context, payload: str) -> list[Reply]:
    """A button of /pheduyet, for the ward's leadership only."""
    refused = refuse_unless_allowed(ctx, COMMAND)
    if refused is not None:
        return refused
    parts = payload.split(".")
    award_round = current_round(ctx.session)
    if len(parts) < 3 or award_round is None or parts[2] != str(award_round.id):
        return [Reply(texts.ROUND_STALE)]
    if parts[1] == "ok" and award_round.status == RoundStatus.VOTED:
        return [forms.start(ctx, APPROVE_FORM, {"round": award_round.id})]
    if parts[1] == "doc" and len(parts) == 4:
        return document_reply(ctx, award_round, parts[3])
    if award_round.status == RoundStatus.APPROVED:
        return [Reply(texts.APPROVED_ALREADY.format(decision=award_round.decision_number))]
    return [Reply(texts.ROUND_STALE)]


def _take_number(_ctx: Context, _answers: Answers, given: StepInput) -> Outcome:
    number = given.text.strip()
    if given.attachment is not None or "/" not in number or not 3 <= len(number) <= DECISION_MAX:
        raise Invalid(texts.APPROVE_BAD_NUMBER)
    return Store(number)


def _approve(ctx: Context, answers: Answers) -> list[Reply]:
    """Record the approval, recognise the initiatives, and announce each result."""
    assert ctx.officer is not None and ctx.officer.id is not None
    refused = refuse_unless_allowed(ctx, COMMAND)
    if refused is not None:
        return refused
    award_round = current_round(ctx.session)
    if award_round is None or award_round.id is None or award_round.id != answers["round"]:
        return [Reply(texts.ROUND_STALE)]
    if award_round.status != RoundStatus.VOTED:
        return [Reply(texts.APPROVED_ALREADY.format(decision=award_round.decision_number))]
    award_round.status = RoundStatus.APPROVED
    award_round.approved_by, award_round.approved_at = ctx.officer.id, ctx.now
    award_round.decision_number = answers["decision"]
    ctx.session.add(award_round)
    listed = listed_nominees(ctx, award_round.id)
    recognised = _recognise(ctx, award_round, listed)
    audit(
        ctx,
        action="round.approve",
        entity="awardround",
        entity_id=award_round.id,
        before={"status": RoundStatus.VOTED},
        after={
            "status": RoundStatus.APPROVED,
            "decision": award_round.decision_number,
            "recognised": recognised,
        },
    )
    notified = sum(_announce(ctx, award_round, item) for item in listed)
    done = texts.APPROVE_DONE.format(
        decision=award_round.decision_number, notified=notified, initiatives=len(recognised)
    )
    return [Reply(done)]


def _recognise(ctx: Context, award_round: AwardRound, listed: list[Listed]) -> list[int]:
    """Initiatives behind the nominees who passed, recorded as recognised under the decision."""
    assert ctx.officer is not None and ctx.officer.id is not None
    recognised: list[int] = []
    for item in listed:
        if not item.entry.passed:
            continue
        for report in linked_confirmed(ctx, item.nominee.nomination):
            if not report.is_initiative or report.id is None:
                continue
            if recognition_of(ctx.session, report_id=report.id) is not None:
                continue
            ctx.session.add(
                InitiativeRecognition(
                    report_id=report.id,
                    recognised_by=ctx.officer.id,
                    recognised_at=ctx.now,
                    decision=award_round.decision_number,
                )
            )
            recognised.append(report.id)
    ctx.session.flush()
    return recognised


def _announce(ctx: Context, award_round: AwardRound, item: Listed) -> int:
    """Tell the nominee (an officer) and their unit's head; how many were reached."""
    assert item.nominee.unit.id is not None
    levels = {a.code: a.level for a in ctx.campaign.awards}
    award = award_parts(ctx, item.nominee.nomination.award_code)[0]
    if not item.entry.passed:
        template = texts.RESULT_NOT_PASSED
    elif levels.get(item.nominee.nomination.award_code) == "ward":
        template = texts.RESULT_WARD
    else:
        template = texts.RESULT_CITY
    notice = template.format(
        nominee=display_name(item),
        award=award,
        decision=award_round.decision_number,
        council=ctx.campaign.campaign.bodies.council,
    )
    people = {
        o.id
        for o in active_officers_in_role(
            ctx.session, role=Role.UNIT_HEAD, unit_id=item.nominee.unit.id
        )
    }
    if item.nominee.officer is not None:
        people.add(item.nominee.officer.id)
    reached = 0
    for officer_id in sorted(p for p in people if p is not None):
        key = f"round.result:{award_round.id}:{item.entry.id}:{officer_id}"
        reached += notify_officer(ctx, officer_id=officer_id, key=key, text=notice)
    return reached


APPROVE_FORM = forms.register(
    Form(
        name="round_approve",
        command=COMMAND,
        title=texts.APPROVE_TITLE,
        steps=(
            Step(
                "decision",
                forms.fixed_prompt(texts.APPROVE_ASK_NUMBER),
                _take_number,
                free_text=True,
            ),
        ),
        complete=_approve,
    )
)
