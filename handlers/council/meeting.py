"""The council meeting recorded in chat: date, members, the votes per nominee; the bot counts.

People vote; the bot applies the campaign file's share to the counts and says who passes.
"""

from __future__ import annotations

from datetime import date, datetime

from handlers import texts
from handlers.council.listing import nominee_line
from handlers.documents.council_record import listed_nominees, share_text
from handlers.engine import forms
from handlers.engine.audit import audit
from handlers.engine.context import Context
from handlers.engine.forms import (
    Answers,
    Cancel,
    Choice,
    Finish,
    Form,
    GoTo,
    Invalid,
    Outcome,
    Step,
    StepInput,
    Store,
    chosen,
)
from handlers.engine.messages import Reply
from handlers.engine.notify import notify_officer
from storage.models import AwardRound, Role, RoundStatus
from storage.queries.awards import active_officers_in_role
from storage.queries.council import current_round, entry_by_id

MAX_MEMBERS = 50


def start_meeting(ctx: Context, award_round: AwardRound) -> list[Reply]:
    """Begin the record, once the list has been public for its whole period."""
    assert award_round.id is not None and award_round.public_until is not None
    if ctx.now < award_round.public_until:
        until = ctx.local(award_round.public_until).strftime(texts.MOMENT_FORMAT)
        return [Reply(texts.ROUND_STILL_PUBLIC.format(until=until))]
    entries = [[i.entry.id, nominee_line(ctx, i)] for i in listed_nominees(ctx, award_round.id)]
    return [forms.start(ctx, MEETING_FORM, {"round": award_round.id, "entries": entries})]


def _number(text: str, low: int, high: int) -> int:
    words = text.strip()
    if not words.isdigit() or not low <= int(words) <= high:
        raise Invalid(texts.MEETING_BAD_NUMBER.format(low=low, high=high))
    return int(words)


def _ask_date(ctx: Context, _answers: Answers) -> str:
    return texts.MEETING_ASK_DATE.format(council=ctx.campaign.campaign.bodies.council)


def _take_date(ctx: Context, answers: Answers, given: StepInput) -> Outcome:
    try:
        day = datetime.strptime(given.text.strip(), "%d/%m/%Y").date()
    except ValueError:
        raise Invalid(texts.MEETING_BAD_DATE) from None
    award_round = current_round(ctx.session)
    ended = award_round.public_until if award_round else None
    start = ctx.local(ended).date() if ended else ctx.local(ctx.now).date()
    if not start <= day <= ctx.local(ctx.now).date():
        raise Invalid(texts.MEETING_DATE_RANGE.format(start=start.strftime("%d/%m/%Y")))
    return Store(day.isoformat())


def _take_size(_ctx: Context, _answers: Answers, given: StepInput) -> Outcome:
    return Store(_number(given.text, 1, MAX_MEMBERS))


def _take_present(_ctx: Context, answers: Answers, given: StepInput) -> Outcome:
    names = [line.strip(" -•;") for line in given.text.splitlines() if line.strip(" -•;")]
    if not names:
        raise Invalid(texts.MEETING_ASK_PRESENT)
    if len(names) > answers["size"]:
        raise Invalid(texts.MEETING_TOO_MANY.format(present=len(names), size=answers["size"]))
    return Store(names)


def _pending(answers: Answers) -> list[list[object]]:
    """The entries still without a count, in list order."""
    votes = answers.get("votes") or {}
    return [e for e in answers["entries"] if str(e[0]) not in votes]


def _ask_votes(_ctx: Context, answers: Answers) -> str:
    pending = _pending(answers)
    _entry, label = pending[0]
    return texts.MEETING_ASK_VOTES.format(
        nominee=label, present=len(answers["present"]), left=len(pending) - 1
    )


def _take_votes(_ctx: Context, answers: Answers, given: StepInput) -> Outcome:
    count = _number(given.text, 0, len(answers["present"]))
    votes = dict(answers.get("votes") or {})
    votes[str(_pending(answers)[0][0])] = count
    answers["votes"] = votes
    if _pending(answers):
        return GoTo("votes")
    return Store(votes)


def _base(ctx: Context, answers: Answers) -> int:
    members, present = answers["size"], len(answers["present"])
    return members if ctx.campaign.council.pass_base == "members" else present


def _outcome(ctx: Context, answers: Answers, votes: int) -> bool:
    members, present = answers["size"], len(answers["present"])
    return ctx.campaign.council.passes(votes, members=members, present=present)


def _review(ctx: Context, answers: Answers) -> str:
    council = ctx.campaign.council
    day = date.fromisoformat(answers["date"]).strftime("%d/%m/%Y")
    lines = [
        texts.MEETING_REVIEW.format(date=day, present=len(answers["present"]), size=answers["size"])
    ]
    base = _base(ctx, answers)
    for entry_id, label in answers["entries"]:
        votes = answers["votes"][str(entry_id)]
        outcome = texts.ROUND_PASSED if _outcome(ctx, answers, votes) else texts.ROUND_NOT_PASSED
        share = share_text(votes, base)
        lines.append(f"{label}: {votes}/{base} ({share}) — {outcome}")
    lines.append(
        texts.ROUND_RULE.format(
            percent=council.pass_percent,
            base=texts.ROUND_BASE_NAMES[council.pass_base],
            source=council.pass_source,
        )
    )
    return "\n".join(lines)


def _review_choices(_ctx: Context, _answers: Answers) -> list[Choice]:
    return [
        Choice("save", texts.MEETING_SAVE),
        Choice("redo", texts.MEETING_REDO),
        Choice("cancel", texts.MEETING_CANCEL),
    ]


def _take_review(_ctx: Context, answers: Answers, given: StepInput) -> Outcome:
    choice = chosen(given, ["save", "redo", "cancel"])
    if choice == "redo":
        answers["votes"] = {}
        return GoTo("votes")
    return Finish() if choice == "save" else Cancel()


def _record(ctx: Context, answers: Answers) -> list[Reply]:
    """Store the meeting and each vote with its outcome; tell the ward's leadership."""
    assert ctx.officer is not None
    award_round = current_round(ctx.session)
    if (
        award_round is None
        or award_round.id != answers["round"]
        or award_round.status != RoundStatus.PUBLISHED
    ):
        return [Reply(texts.ROUND_STALE)]
    passed = 0
    for entry_id, _label in answers["entries"]:
        entry = entry_by_id(ctx.session, entry_id=int(entry_id))
        if entry is None:
            return [Reply(texts.ROUND_STALE)]
        entry.votes_for = answers["votes"][str(entry_id)]
        entry.passed = _outcome(ctx, answers, entry.votes_for)
        passed += entry.passed
        ctx.session.add(entry)
    award_round.meeting_date = answers["date"]
    award_round.council_size = answers["size"]
    award_round.present = answers["present"]
    award_round.recorded_by, award_round.recorded_at = ctx.officer.id, ctx.now
    award_round.status = RoundStatus.VOTED
    ctx.session.add(award_round)
    total = len(answers["entries"])
    audit(
        ctx,
        action="round.vote",
        entity="awardround",
        entity_id=award_round.id,
        before={"status": RoundStatus.PUBLISHED},
        after={"status": RoundStatus.VOTED, "votes": answers["votes"], "passed": passed},
    )
    day = date.fromisoformat(answers["date"]).strftime("%d/%m/%Y")
    notice = texts.ROUND_NOTIFY_LEADERS.format(
        council=ctx.campaign.campaign.bodies.council, date=day, passed=passed, total=total
    )
    for leader in active_officers_in_role(ctx.session, role=Role.LEADERSHIP):
        assert leader.id is not None
        notify_officer(ctx, officer_id=leader.id, key=f"round.vote:{award_round.id}", text=notice)
    return [Reply(texts.MEETING_SAVED.format(passed=passed, total=total))]


MEETING_FORM = forms.register(
    Form(
        name="council_meeting",
        command="xettang",
        title=texts.MEETING_TITLE,
        steps=(
            Step("date", _ask_date, _take_date, free_text=True),
            Step("size", forms.fixed_prompt(texts.MEETING_ASK_SIZE), _take_size, free_text=True),
            Step(
                "present",
                forms.fixed_prompt(texts.MEETING_ASK_PRESENT),
                _take_present,
                free_text=True,
            ),
            Step("votes", _ask_votes, _take_votes, free_text=True),
            Step("review", _review, _take_review, choices=_review_choices),
        ),
        complete=_record,
    )
)
