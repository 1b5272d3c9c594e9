"""Binding an account with a one-time invite code: expiry, reuse, throttling, strangers."""

from __future__ import annotations

from sqlmodel import Session, select

from bot.core import Core
from handlers.identity.binding import hash_code, issue_invite
from storage.db import transaction
from storage.models import AuditEntry, ChatIdentity, InviteCode
from tests.chat import Chat
from tests.conftest import FakeClock
from tests.flows import Turn, play


def invite(core: Core, officer_code: str = "VP04") -> str:
    with transaction(core.engine) as session:
        return issue_invite(
            session, officer_code=officer_code, now=core.clock(), ttl=core.config.invite_ttl
        )


def test_invite_binds_once_and_is_stored_hashed(core: Core) -> None:
    code = invite(core)
    stranger = Chat(core, officer_code=None, user_id="555")
    play(stranger, [Turn(send=f"/start {code}", expect="Xin chào Phạm Thị Lan")])
    assert "/baocao" in stranger.text
    other = Chat(core, officer_code=None, user_id="666")
    play(other, [Turn(send=f"/start {code}", expect="đã được dùng")])
    with Session(core.engine) as session:
        stored = session.exec(select(InviteCode)).one()
        identity = session.exec(select(ChatIdentity)).one()
        audit = session.exec(select(AuditEntry).where(AuditEntry.action == "identity.bind")).one()
    assert stored.code_hash == hash_code(code) and code not in stored.code_hash
    assert identity.platform_user_id == "555"
    assert audit.after["platform_user_id"] == "555"


def test_start_then_typed_code_with_spaces_and_lowercase(core: Core) -> None:
    code = invite(core)
    chat = Chat(core, officer_code=None, user_id="777")
    spaced = f"{code[:5].lower()} {code[5:]}"
    play(
        chat,
        [
            Turn(send="/start", expect="nhập mã mời"),
            Turn(send="SAIMA12345", expect="không đúng"),
            Turn(send=spaced, expect="liên kết tài khoản thành công"),
            Turn(send="/start", expect="Xin chào Phạm Thị Lan"),
        ],
    )


def test_expired_code(core: Core, clock: FakeClock) -> None:
    code = invite(core)
    clock.advance(days=7, seconds=1)
    chat = Chat(core, officer_code=None, user_id="888")
    play(chat, [Turn(send=f"/start {code}", expect="đã hết hạn")])


def test_code_still_valid_just_before_expiry(core: Core, clock: FakeClock) -> None:
    code = invite(core)
    clock.advance(days=7, seconds=-1)
    chat = Chat(core, officer_code=None, user_id="889")
    play(chat, [Turn(send=f"/start {code}", expect="thành công")])


def test_repeated_wrong_codes_are_throttled(core: Core, clock: FakeClock) -> None:
    code = invite(core)
    chat = Chat(core, officer_code=None, user_id="999")
    for attempt in range(core.config.bind_max_failures):
        play(chat, [Turn(send=f"/start WRONG{attempt:05d}", expect="không đúng")])
    # Even the right code waits until the window has passed.
    play(chat, [Turn(send=f"/start {code}", expect="sai mã quá nhiều lần")])
    clock.advance(seconds=core.config.bind_window.total_seconds() + 1)
    play(chat, [Turn(send=f"/start {code}", expect="thành công")])


def test_stranger_can_do_nothing_but_bind(core: Core) -> None:
    chat = Chat(core, officer_code=None, user_id="1000")
    for message in ["/baocao", "/cuatoi", "xin chào", "/lenhla"]:
        play(chat, [Turn(send=message, expect="chưa được liên kết")])
    chat.send_file("a.pdf", b"%PDF-1.4")
    assert "chưa được liên kết" in chat.text
    chat.press_payload("r.open.1")
    assert "chưa được liên kết" in chat.text


def test_deactivated_officer_is_told(core: Core, make_chat: type[Chat]) -> None:
    chat = make_chat("VP04")
    with transaction(core.engine) as session:
        from storage.queries.roster import officer_by_code

        officer = officer_by_code(session, code="VP04")
        assert officer is not None
        officer.active = False
        session.add(officer)
    play(chat, [Turn(send="/baocao", expect="ngừng hoạt động")])


def test_invite_for_an_inactive_officer_is_refused(core: Core) -> None:
    code = invite(core, "VHXH04")  # marked "Nghỉ việc" in the demo roster
    chat = Chat(core, officer_code=None, user_id="1001")
    play(chat, [Turn(send=f"/start {code}", expect="không còn trong danh sách")])
