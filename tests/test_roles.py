"""Deny by default: every role against every command, and forged buttons against other units."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func
from sqlmodel import Session, select

from bot.core import Core
from storage.db import transaction
from storage.models import (
    AuditEntry,
    Dossier,
    DossierFile,
    Nomination,
    Outbox,
    Report,
    ReportStatus,
    Unit,
)
from tests.chat import Chat
from tests.conftest import FakeClock
from tests.flows import play
from tests.test_report_flow import OFFICER_REPORT

# One person of each role, none of them in the victim unit (KTHTDT).
PEOPLE = {
    "officer": "PVHCC03",
    "unit_head": "PVHCC01",
    "secretariat": "VHXH02",
    "admin": "VP03",
    "leadership": "LD01",
}
EVERYONE = frozenset(PEOPLE)
HEAD = frozenset({"unit_head"})
LEADERSHIP = frozenset({"leadership"})
SECRETARIAT = frozenset({"secretariat", "admin"})
# The specification of who may use what, written apart from the menu that implements it.
ALLOWED = {
    "baocao": EVERYONE,
    "cuatoi": EVERYONE,
    "tamdung": EVERYONE,
    "kehoach": EVERYONE,
    # The admin sees any unit's status, as the secretariat does (README, "Choices made").
    "tinhhinh": HEAD | SECRETARIAT | LEADERSHIP,
    "xacnhan": HEAD | LEADERSHIP,
    "dexuat": HEAD,
    "hoso": HEAD,
    "thongbao": SECRETARIAT,
    "tonghop": SECRETARIAT | LEADERSHIP,
    "tiepnhan": SECRETARIAT,
    "xuat": SECRETARIAT,
    "hannop": SECRETARIAT,
    "xettang": SECRETARIAT,
    "gopy": EVERYONE,
    "pheduyet": LEADERSHIP,
    "ketqua": SECRETARIAT,
    "moi": frozenset({"admin"}),
    "canbo": frozenset({"admin"}),
}
REFUSAL = "Bạn không dùng được lệnh này"


@pytest.mark.parametrize("role", sorted(PEOPLE))
def test_every_role_against_every_command(
    core: Core, make_chat: type[Chat], clock: FakeClock, tmp_path: Path, role: str
) -> None:
    chat = make_chat(PEOPLE[role])
    for command, roles in sorted(ALLOWED.items()):
        clock.advance(minutes=1)  # a person's pace, below the flood limit
        chat.send("/huy")
        chat.send(f"/{command}")
        refused = REFUSAL in chat.text
        assert refused == (role not in roles), f"/{command} as {role}: {chat.text[:200]}"
        assert "lỗi" not in chat.text, f"/{command} as {role} failed: {chat.text[:200]}"


def victim_state(core: Core, unit_code: str = "KTHTDT") -> dict[str, object]:
    """Everything of the victim unit a forged button could change, and the outbox."""
    with Session(core.engine) as session:
        unit = session.exec(select(Unit).where(Unit.code == unit_code)).one()
        dossier = session.exec(select(Dossier).where(Dossier.unit_id == unit.id)).first()
        files = session.exec(select(DossierFile)).all()
        return {
            "reports": [
                (r.id, r.status, r.title, r.updated_at)
                for r in session.exec(select(Report).where(Report.unit_id == unit.id))
            ],
            "nominations": [
                (n.id, n.withdrawn)
                for n in session.exec(select(Nomination).where(Nomination.unit_id == unit.id))
            ],
            "dossier": None if dossier is None else (dossier.status, dossier.updated_at),
            "dossier files": [f.id for f in files if dossier and f.dossier_id == dossier.id],
            "outbox": session.exec(select(func.count()).select_from(Outbox)).one(),
        }


def payloads_seen(chat: Chat, clock: FakeClock, commands: list[str]) -> set[str]:
    """Every button payload the owner is shown on the first screen of each command."""
    seen: set[str] = set()
    for command in commands:
        clock.advance(minutes=1)
        chat.send("/huy")
        chat.send(command)
        seen |= {b.payload for reply in chat.last for b in reply.flat_buttons()}
    return seen


def test_forged_buttons_change_nothing_in_another_unit(
    core: Core, make_chat: type[Chat], clock: FakeClock
) -> None:
    """Buttons shown to KTHTDT's people, pressed by people who have no right to them."""
    member = make_chat("KTHTDT02")
    play(member, OFFICER_REPORT)
    with transaction(core.engine) as session:
        confirmed = session.exec(select(Report)).one()
        confirmed.title = "Thành tích riêng của KTHTDT"
        session.add(confirmed)
    clock.advance(minutes=5)
    play(member, OFFICER_REPORT)
    with transaction(core.engine) as session:
        first = session.exec(select(Report).order_by(Report.id)).first()
        assert first is not None
        first.status = ReportStatus.CONFIRMED
        session.add(first)
    head = make_chat("KTHTDT01")
    head_payloads = payloads_seen(
        head, clock, ["/xacnhan", "/tinhhinh", "/dexuat", "/hoso", "/cuatoi"]
    )
    member_payloads = payloads_seen(member, clock, ["/cuatoi"])
    assert len(head_payloads) >= 4 and member_payloads
    forged = {p for p in head_payloads | member_payloads if not p.startswith("f.")}

    before = victim_state(core)
    for role in ("officer", "unit_head"):
        intruder = make_chat(PEOPLE[role], user_id=f"intruder-{role}")
        for payload in sorted(forged):
            clock.advance(minutes=1)
            intruder.press_payload(payload)
            said = intruder.text
            assert said, f"{role} pressing {payload} got no answer"
            assert "Thành tích riêng của KTHTDT" not in said, f"{role} saw {payload}: {said}"
            assert "lỗi" not in said, f"{role} pressing {payload}: {said}"
    # A head's own-unit buttons (e.g. drafting a document) act on the head's own unit only.
    assert victim_state(core) == before


def test_secretariat_buttons_refused_to_others(
    core: Core, make_chat: type[Chat], clock: FakeClock
) -> None:
    secretariat = make_chat(PEOPLE["secretariat"])
    seen = payloads_seen(
        secretariat, clock, ["/thongbao", "/tonghop", "/tiepnhan", "/xuat", "/hannop"]
    )
    admin = make_chat(PEOPLE["admin"])
    seen |= payloads_seen(admin, clock, ["/canbo VP04", "/moi VP04"])
    forged = {p for p in seen if not p.startswith("f.")}
    assert forged
    before = victim_state(core, "PVHCC")
    for role in ("officer", "unit_head"):
        intruder = make_chat(PEOPLE[role], user_id=f"intruder-{role}")
        for payload in sorted(forged):
            clock.advance(minutes=1)
            intruder.press_payload(payload)
            assert intruder.text, f"{role} pressing {payload} got no answer"
            assert intruder.last[-1].file is None, f"{role} got a file from {payload}"
    assert victim_state(core, "PVHCC") == before
    with Session(core.engine) as session:
        actions = {a.action for a in session.exec(select(AuditEntry))}
    assert not {"announcement.send", "deadline.change", "roster.move", "roster.role"} & actions
