"""Binding an account with a one-time invite code: expiry, reuse, throttling, strangers."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlmodel import Session, select

from bot.core import Core
from bot.settings import Settings
from handlers.identity.binding import hash_code, issue_invite, normalise_code, shown_code
from storage.db import transaction
from storage.models import AuditEntry, BindAttempt, ChatIdentity, InviteCode
from tests.chat import Chat
from tests.conftest import FakeClock
from tests.flows import Turn, play


def invite(core: Core, officer_code: str = "VP04") -> str:
    with transaction(core.engine) as session:
        return issue_invite(
            session,
            officer_code=officer_code,
            now=core.clock(),
            ttl=core.config.invite_ttl,
            key=core.config.invite_key,
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
    assert (
        stored.code_hash == hash_code(code, core.config.invite_key) and code not in stored.code_hash
    )
    assert identity.platform_user_id == "555"
    assert audit.after["platform_user_id"] == "555"


def test_start_then_typed_code_with_spaces_and_lowercase(core: Core) -> None:
    code = invite(core)
    chat = Chat(core, officer_code=None, user_id="777")
    spaced = f"{code[:5].lower()} {code[5:]}"
    play(
        chat,
        [
            Turn(send="/start", expect="gửi mã mời"),
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


def test_only_code_shaped_text_counts_as_a_try(core: Core, clock: FakeClock) -> None:
    """Greetings and commands after a bare /start never lock anyone out; the bot says what
    it expects each time."""
    code = invite(core)
    chat = Chat(core, officer_code=None, user_id="1100")
    play(chat, [Turn(send="/start", expect="gửi mã mời")])
    for _ in range(core.config.bind_max_failures * 2):
        clock.advance(seconds=5)
        play(chat, [Turn(send="xin chào", expect="gửi mã mời")])
        play(chat, [Turn(send="/trogiup", expect="gửi mã mời")])
        play(chat, [Turn(send="/start xin chao", expect="không phải mã mời")])
    with Session(core.engine) as session:
        assert session.exec(select(BindAttempt)).all() == []
    play(chat, [Turn(send=f"/start {code}", expect="liên kết tài khoản thành công")])


def test_a_bare_code_binds_without_start_as_on_zalo(core: Core) -> None:
    """Zalo has no deep link: the officer opens the bot and types the code, grouped or not."""
    code = invite(core)
    chat = Chat(core, officer_code=None, user_id="1200")
    play(chat, [Turn(send="SAIMA-12345", expect="không đúng")])
    play(chat, [Turn(send=f" {shown_code(code).lower()} ", expect="thành công")])
    assert "/baocao" in chat.text


def test_invite_codes_are_stored_with_a_keyed_hash(core: Core, tmp_path: Path) -> None:
    code = invite(core)
    with Session(core.engine) as session:
        stored = session.exec(select(InviteCode)).one()
    plain = hashlib.sha256(normalise_code(code).encode()).hexdigest()
    assert stored.code_hash != plain  # a leaked table cannot be checked against guesses
    assert stored.code_hash == hash_code(code, core.config.invite_key)
    assert hash_code(code, b"another ward") != stored.code_hash
    # The key is the ward's own, made once in the data directory and kept there.
    other = Settings.from_env({"DATA_DIR": str(tmp_path / "other")})
    assert other.invite_key() == other.invite_key() != core.config.invite_key
    assert len(other.invite_key()) == 64
    assert Settings.from_env({"INVITE_SECRET": "s3cret"}).invite_key() == b"s3cret"


def test_fresh_accounts_bring_no_fresh_tries(core: Core, clock: FakeClock) -> None:
    """Wrong codes are throttled ward-wide as well as per account."""
    code = invite(core)
    limit, per_account = core.config.bind_max_failures_ward, core.config.bind_max_failures
    accounts = -(-limit // per_account)
    for account in range(accounts):
        chat = Chat(core, officer_code=None, user_id=f"guess-{account}")
        for attempt in range(per_account):
            chat.send(f"/start WRONG{account:02d}{attempt:03d}")
    fresh = Chat(core, officer_code=None, user_id="fresh")
    play(fresh, [Turn(send="WRONG99999", expect="sai mã quá nhiều lần")])
    play(fresh, [Turn(send=code, expect="sai mã quá nhiều lần")])
    clock.advance(seconds=core.config.bind_window.total_seconds() + 1)
    play(fresh, [Turn(send=code, expect="thành công")])
