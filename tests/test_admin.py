"""The admin in chat: invite codes (/moi) and roster corrections (/canbo)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from bot import __main__ as cli
from bot.core import Core
from bot.settings import DEFAULT_ROSTER_FILE
from handlers.identity.roster import Overwrite, RosterImport, import_roster
from handlers.identity.roster_file import fold
from storage.db import transaction
from storage.models import AuditEntry, ChatIdentity, InviteCode, Officer, Unit
from tests.chat import Chat
from tests.conftest import FakeClock
from tests.flows import Turn, play


def officer(core: Core, code: str) -> Officer:
    with Session(core.engine) as session:
        return session.exec(select(Officer).where(Officer.code == code)).one()


def unit_named(core: Core, name: str) -> Unit:
    with Session(core.engine) as session:
        return session.exec(select(Unit).where(Unit.name == name)).one()


def audits(core: Core, action: str) -> list[AuditEntry]:
    with Session(core.engine) as session:
        query = select(AuditEntry).where(AuditEntry.action == action)
        return list(session.exec(query.order_by(col(AuditEntry.id))).all())


def invite_code(text: str, officer_code: str) -> str:
    match = re.search(rf"\({officer_code}\): ([A-Z0-9]{{5}}-[A-Z0-9]{{5}})", text)
    assert match, text
    return match.group(1)


# --- /moi ---------------------------------------------------------------------------------


def test_invite_in_chat_binds_through_start(
    core: Core, make_chat: type[Chat], clock: FakeClock
) -> None:
    admin = make_chat("VP03")
    play(admin, [Turn(send="/moi VP04", expect="Mã mời cho Phạm Thị Lan (VP04): ")])
    code = invite_code(admin.text, "VP04")
    expires = (clock() + core.config.invite_ttl).astimezone(core.config.timezone)
    assert f"Hết hạn: {expires.strftime('%H:%M %d/%m/%Y')}" in admin.text
    assert f"gửi cho bot mã {code}" in admin.text  # no channel configured: the code to type
    lan = make_chat(None, user_id="phone-of-lan")
    play(lan, [Turn(send=f"/start {code}", expect="Xin chào Phạm Thị Lan")])
    with Session(core.engine) as session:
        bound = session.exec(
            select(ChatIdentity).where(ChatIdentity.platform_user_id == "phone-of-lan")
        ).one()
    assert bound.officer_id == officer(core, "VP04").id


def test_invite_link_when_the_bot_name_is_known(core: Core, make_chat: type[Chat]) -> None:
    core.config = replace(core.config, bot_username="thidua_test_bot")
    admin = make_chat("VP03")
    play(admin, [Turn(send="/moi pham thi lan", expect="https://t.me/thidua_test_bot?start=")])
    code = invite_code(admin.text, "VP04")
    assert f"?start={code.replace('-', '')}" in admin.text
    play(
        make_chat(None, user_id="second-phone"),
        [Turn(send=f"/start {code}", expect="Xin chào Phạm Thị Lan")],
    )


def test_invite_says_how_to_reach_the_bot_on_every_channel(
    core: Core, make_chat: type[Chat]
) -> None:
    core.config = replace(
        core.config,
        bot_username="thidua_test_bot",
        telegram_configured=True,
        zalo_configured=True,
        zalo_bot_link="https://zalo.me/1234567890",
    )
    admin = make_chat("VP03")
    admin.send("/moi VP04")
    code = invite_code(admin.text, "VP04")
    assert (
        f"Telegram: mở đường liên kết https://t.me/thidua_test_bot?start={code.replace('-', '')}"
        in admin.text
    )
    assert (
        f"Zalo: mở https://zalo.me/1234567890 (bot Zalo của phường) rồi gửi mã {code}" in admin.text
    )
    # Zalo configured by its token alone, Telegram's name unknown: what to type on each.
    core.config = replace(core.config, bot_username="", zalo_bot_link="")
    admin.send("/moi VP04")
    code = invite_code(admin.text, "VP04")
    assert f"Telegram: mở bot của phường rồi gửi /start {code}" in admin.text
    assert f"Zalo: mở bot Zalo của phường rồi gửi mã {code}" in admin.text
    play(make_chat(None, user_id="zalo-lan"), [Turn(send=code, expect="Xin chào Phạm Thị Lan")])


def test_invite_lookup_by_name_fragment(core: Core, make_chat: type[Chat]) -> None:
    admin = make_chat("VP03")
    with Session(core.engine) as session:
        named = [o for o in session.exec(select(Officer)).all() if "thi" in fold(o.full_name)]
    play(
        admin,
        [
            Turn(send="/moi Thị", expect=f"Có {len(named)} cán bộ khớp «Thị»"),
            Turn(press="Phạm Thị Lan", expect="Mã mời cho Phạm Thị Lan (VP04)"),
            Turn(send="/moi", expect="Cấp mã mời cho ai?"),
            Turn(send="Không Ai Tên Này", expect="Không tìm thấy cán bộ nào khớp"),
            Turn(send="kim oanh", expect="Mã mời cho Mai Thị Kim Oanh (PVHCC03)"),
            Turn(send="/moi VHXH04", expect="đã nghỉ việc nên không cấp mã mời"),
            Turn(send="/moi PVHCC03", expect="Mã mời cho Mai Thị Kim Oanh (PVHCC03)"),
        ],
    )
    assert "đã liên kết" not in admin.text  # nobody bound yet: no warning


def test_invite_for_an_officer_already_bound_says_so(make_chat: type[Chat]) -> None:
    make_chat("PVHCC03")
    admin = make_chat("VP03")
    play(admin, [Turn(send="/moi PVHCC03", expect="đã liên kết 1 tài khoản chat")])


def test_only_the_admin_invites(core: Core, make_chat: type[Chat]) -> None:
    target = officer(core, "VP04")
    for code in ("VHXH02", "PVHCC01", "PVHCC03"):
        chat = make_chat(code)
        with Session(core.engine) as session:
            before = len(session.exec(select(InviteCode)).all())
        chat.send("/moi VP04")
        assert "Bạn không dùng được lệnh này" in chat.text
        for forged in (f"m.inv.{target.id}", f"m.card.{target.id}", f"m.offok.{target.id}"):
            chat.press_payload(forged)
            assert "Bạn không dùng được" in chat.text
        with Session(core.engine) as session:
            assert len(session.exec(select(InviteCode)).all()) == before
    assert officer(core, "VP04").active


# --- /canbo -------------------------------------------------------------------------------


def test_move_an_officer(core: Core, make_chat: type[Chat]) -> None:
    admin = make_chat("VP03")
    old, new = (
        unit_named(core, "Trung tâm Phục vụ hành chính công"),
        unit_named(core, "Phòng Văn hóa – Xã hội"),
    )
    play(
        admin,
        [
            Turn(send="/canbo", expect="Sửa thông tin cán bộ nào?"),
            Turn(send="PVHCC03", expect="Đơn vị: Trung tâm Phục vụ hành chính công"),
            Turn(press="🏢 Chuyển đơn vị", expect="sang đơn vị nào?"),
            Turn(press="⬅️ Quay lại", expect="Mai Thị Kim Oanh (PVHCC03)"),
            Turn(press="🏢 Chuyển đơn vị", expect="sang đơn vị nào?"),
            Turn(press="Phòng Văn hóa – Xã hội", expect="Đã chuyển Mai Thị Kim Oanh"),
        ],
    )
    assert "Đơn vị: Phòng Văn hóa – Xã hội" in admin.text
    assert officer(core, "PVHCC03").unit_id == new.id
    (move,) = audits(core, "roster.move")
    assert move.before == {"unit_id": old.id, "role": "officer"}
    assert move.after == {"unit_id": new.id, "role": "officer"}


def test_a_head_moved_arrives_as_an_officer(core: Core, make_chat: type[Chat]) -> None:
    admin = make_chat("VP03")
    play(
        admin,
        [
            Turn(send="/canbo KTHTDT01", expect="Vai trò: Thủ trưởng đơn vị"),
            Turn(press="🏢 Chuyển đơn vị", expect="sang đơn vị nào?"),
            Turn(press="Trung tâm Văn hóa", expect="hiện chưa có thủ trưởng"),
        ],
    )
    assert officer(core, "KTHTDT01").role == "officer"


def test_change_role_replaces_the_previous_head(core: Core, make_chat: type[Chat]) -> None:
    admin = make_chat("VP03")
    play(
        admin,
        [
            Turn(send="/canbo VHXH03", expect="Vai trò: Cán bộ, công chức"),
            Turn(press="👤 Đổi vai trò", expect="Đổi vai trò của Đặng Thị Hồng Nhung"),
            Turn(press="Thủ trưởng đơn vị (thay Hoàng Thị Ngọc Anh)", expect="Đã đổi vai trò"),
        ],
    )
    assert "Hoàng Thị Ngọc Anh thôi là thủ trưởng Phòng Văn hóa – Xã hội" in admin.text
    assert (officer(core, "VHXH03").role, officer(core, "VHXH01").role) == ("unit_head", "officer")
    changes = audits(core, "roster.role")
    assert [(a.before, a.after) for a in changes] == [
        ({"role": "unit_head"}, {"role": "officer"}),
        ({"role": "officer"}, {"role": "unit_head"}),
    ]
    heads = make_chat("VHXH03")
    heads.send("/trogiup")
    assert "/xacnhan" in heads.text


def test_deactivate_and_reactivate(core: Core, make_chat: type[Chat]) -> None:
    leaver = make_chat("PVHCC04")
    admin = make_chat("VP03")
    play(
        admin,
        [
            Turn(send="/canbo Phan Minh", expect="Trạng thái: Đang công tác"),
            Turn(
                press="🚪 Ghi nhận đã thôi công tác",
                expect="Ghi nhận Phan Minh Trí (Trung tâm Phục vụ",
            ),
            Turn(press="Không", expect="Trạng thái: Đang công tác"),
            Turn(press="🚪 Ghi nhận đã thôi công tác", expect="không dùng bot được nữa"),
            Turn(press="✅ Đồng ý", expect="Đã ghi nhận Phan Minh Trí thôi công tác"),
        ],
    )
    assert "Trạng thái: Nghỉ việc" in admin.text
    assert not officer(core, "PVHCC04").active
    (gone,) = audits(core, "roster.deactivate")
    assert (gone.before, gone.after) == ({"active": True}, {"active": False})
    play(leaver, [Turn(send="/baocao", expect="đã ngừng hoạt động")])
    admin.press_payload(f"m.offok.{officer(core, 'PVHCC04').id}")
    assert "đã được ghi nhận thôi công tác" in admin.text
    play(admin, [Turn(press="↩️ Kích hoạt lại", expect="Đã kích hoạt lại Phan Minh Trí")])
    assert officer(core, "PVHCC04").active
    assert len(audits(core, "roster.reactivate")) == 1
    play(leaver, [Turn(send="/baocao", expect="tiêu chí thi đua nào")])


def test_a_head_who_left_comes_back_as_officer_when_replaced(
    core: Core, make_chat: type[Chat]
) -> None:
    admin = make_chat("VP03")
    play(
        admin,
        [
            Turn(send="/canbo TTVH01", expect="Cao Văn Thắng"),
            Turn(press="🚪 Ghi nhận đã thôi công tác", expect="Ghi nhận Cao Văn Thắng"),
            Turn(press="✅ Đồng ý", expect="hiện chưa có thủ trưởng"),
            Turn(send="/canbo TTVH02", expect="Hồ Thị Bích Ngọc"),
            Turn(press="👤 Đổi vai trò", expect="Đổi vai trò"),
            Turn(press="Thủ trưởng đơn vị", expect="Đã đổi vai trò"),
            Turn(send="/canbo TTVH01", expect="Trạng thái: Nghỉ việc"),
            Turn(press="↩️ Kích hoạt lại", expect="trở lại với vai trò «Cán bộ, công chức»"),
        ],
    )
    assert (officer(core, "TTVH01").role, officer(core, "TTVH02").role) == (
        "officer",
        "unit_head",
    )


def test_the_admin_cannot_lock_themself_out(core: Core, make_chat: type[Chat]) -> None:
    admin = make_chat("VP03")
    me = officer(core, "VP03")
    play(admin, [Turn(send="/canbo VP03", expect="Vai trò: Quản trị")])
    for forged in (f"m.rl.{me.id}", f"m.rlto.{me.id}.officer", f"m.offok.{me.id}"):
        admin.press_payload(forged)
        assert "không thể tự" in admin.text
    assert (officer(core, "VP03").role, officer(core, "VP03").active) == ("admin", True)


def test_forged_and_stale_roster_buttons(core: Core, make_chat: type[Chat]) -> None:
    admin = make_chat("VP03")
    target = officer(core, "PVHCC03")
    for forged, expected in (
        ("m.card.9999", "Không tìm thấy cán bộ này"),
        (f"m.mvto.{target.id}.9999", "đã qua"),
        (f"m.rlto.{target.id}.boss", "đã qua"),
        (f"m.zz.{target.id}", "đã qua"),
        ("m.card", "đã qua"),
    ):
        admin.press_payload(forged)
        assert expected in admin.text, forged
    assert officer(core, "PVHCC03") == target


# --- /canbo and the roster file -------------------------------------------------------------


def import_file(core: Core, path: Path, overwrite: Overwrite | None = None) -> RosterImport:
    with transaction(core.engine) as session:
        return import_roster(
            session, path=path, now=core.clock(), overwrite=overwrite or Overwrite()
        )


def roster_with(tmp_path: Path, code: str, old: str, new: str) -> Path:
    """The demo roster with `old` replaced by `new` in one officer's line."""
    lines = DEFAULT_ROSTER_FILE.read_text(encoding="utf-8-sig").splitlines()
    changed = [line.replace(old, new) if line.startswith(f"{code},") else line for line in lines]
    assert changed != lines
    path = tmp_path / "roster.csv"
    path.write_text("\n".join(changed) + "\n", encoding="utf-8-sig")
    return path


CENTRE_COLUMNS = ",PVHCC,Trung tâm Phục vụ hành chính công,"
CULTURE_COLUMNS = ",VHXH,Phòng Văn hóa – Xã hội,"


def move_in_chat(admin: Chat, code: str) -> None:
    play(
        admin,
        [
            Turn(send=f"/canbo {code}", expect="Đơn vị: Trung tâm Phục vụ hành chính công"),
            Turn(press="🏢 Chuyển đơn vị", expect="sang đơn vị nào?"),
            Turn(press="Phòng Văn hóa – Xã hội", expect="Đã chuyển"),
        ],
    )


def test_a_roster_import_keeps_a_move_made_in_chat_until_the_file_agrees(
    core: Core, make_chat: type[Chat], tmp_path: Path
) -> None:
    centre = unit_named(core, "Trung tâm Phục vụ hành chính công")
    culture = unit_named(core, "Phòng Văn hóa – Xã hội")
    move_in_chat(make_chat("VP03"), "PVHCC03")
    assert officer(core, "PVHCC03").chat_edited == ["role", "unit_id"]

    # The old list, imported again: the move made in chat stays, and the import says so.
    stale = import_file(core, DEFAULT_ROSTER_FILE)
    assert [(code, columns) for _, code, columns in stale.kept] == [("PVHCC03", ["unit_name"])]
    assert officer(core, "PVHCC03").unit_id == culture.id

    # The secretariat updates the list: it agrees, and from then on the file leads again.
    agreed = import_file(core, roster_with(tmp_path, "PVHCC03", CENTRE_COLUMNS, CULTURE_COLUMNS))
    assert agreed.kept == []
    assert officer(core, "PVHCC03").chat_edited is None
    assert import_file(core, DEFAULT_ROSTER_FILE).kept == []
    assert officer(core, "PVHCC03").unit_id == centre.id


def test_only_the_fields_changed_in_chat_are_kept(
    core: Core, make_chat: type[Chat], tmp_path: Path
) -> None:
    """Deactivated in chat; the file, still listing her as working, makes her secretariat:
    the status stays as the admin set it, the new role is the file's."""
    admin = make_chat("VP03")
    play(
        admin,
        [
            Turn(send="/canbo PVHCC04", expect="Trạng thái: Đang công tác"),
            Turn(press="🚪 Ghi nhận đã thôi công tác", expect="thôi công tác"),
            Turn(press="✅ Đồng ý", expect="Đã ghi nhận"),
        ],
    )
    assert officer(core, "PVHCC04").chat_edited == ["active"]
    result = import_file(core, roster_with(tmp_path, "PVHCC04", ",Cán bộ,", ",Thường trực,"))
    assert [(code, columns) for _, code, columns in result.kept] == [("PVHCC04", ["status"])]
    changed = officer(core, "PVHCC04")
    assert (changed.active, changed.role) == (False, "secretariat")


def test_overwrite_makes_the_file_win_for_everyone_or_for_one(
    core: Core, make_chat: type[Chat]
) -> None:
    admin = make_chat("VP03")
    move_in_chat(admin, "PVHCC03")
    move_in_chat(admin, "PVHCC02")
    centre = unit_named(core, "Trung tâm Phục vụ hành chính công")

    one = import_file(core, DEFAULT_ROSTER_FILE, Overwrite(officers=frozenset({"PVHCC03"})))
    assert [code for _, code, _ in one.kept] == ["PVHCC02"]
    assert officer(core, "PVHCC03").unit_id == centre.id
    assert officer(core, "PVHCC03").chat_edited is None
    assert officer(core, "PVHCC02").unit_id != centre.id

    everyone = import_file(core, DEFAULT_ROSTER_FILE, Overwrite(everyone=True))
    assert everyone.kept == []
    assert officer(core, "PVHCC02").unit_id == centre.id


def test_a_unit_left_with_two_heads_is_reported(core: Core, tmp_path: Path) -> None:
    result = import_file(core, roster_with(tmp_path, "PVHCC03", ",Cán bộ,", ",Thủ trưởng,"))
    [(unit, heads)] = result.many_heads
    assert unit == "Trung tâm Phục vụ hành chính công"
    assert sorted(heads) == sorted(
        [f"{officer(core, c).full_name} ({c})" for c in ("PVHCC01", "PVHCC03")]
    )


def test_the_import_command_names_what_it_kept(
    core: Core,
    make_chat: type[Chat],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    move_in_chat(make_chat("VP03"), "PVHCC03")
    monkeypatch.setattr(cli.Core, "from_settings", classmethod(lambda _cls, _settings: core))
    monkeypatch.setattr(cli, "load_dotenv", lambda: None)
    monkeypatch.setenv("DATA_DIR", str(tmp_path))
    assert cli.main(["import-roster", str(DEFAULT_ROSTER_FILE)]) == 0
    out = capsys.readouterr().out
    lines = DEFAULT_ROSTER_FILE.read_text(encoding="utf-8-sig").splitlines()
    line = next(n for n, text in enumerate(lines, start=1) if text.startswith("PVHCC03,"))
    kept = (
        f"Dòng {line}: giữ tên đơn vị của PVHCC03 như quản trị đã sửa bằng /canbo (tệp ghi khác)."
    )
    assert kept in out
    assert f"import-roster --overwrite-officer PVHCC03 {DEFAULT_ROSTER_FILE}" in out
    assert f"import-roster --overwrite {DEFAULT_ROSTER_FILE}" in out


def test_the_invite_command_takes_a_name_or_a_code(
    core: Core,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    monkeypatch.setattr(cli.Core, "from_settings", classmethod(lambda _cls, _settings: core))
    monkeypatch.setattr(cli, "load_dotenv", lambda: None)
    monkeypatch.setenv("DATA_DIR", str(tmp_path))
    monkeypatch.setenv("ZALO_BOT_LINK", "https://zalo.me/1234567890")
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    core.config = replace(
        core.config, zalo_configured=True, zalo_bot_link="https://zalo.me/1234567890"
    )
    assert cli.main(["invite", "pham thi lan"]) == 0
    out = capsys.readouterr().out
    code = invite_code(out, "VP04")
    assert f"Zalo: mở https://zalo.me/1234567890 (bot Zalo của phường) rồi gửi mã {code}" in out
    assert cli.main(["invite", "vp04"]) == 0
    assert "Phạm Thị Lan (VP04)" in capsys.readouterr().out
    # A fragment several people share is refused with their names and codes.
    assert cli.main(["invite", "Thị"]) == 2
    refused = capsys.readouterr().err
    assert "cán bộ khớp «Thị»" in refused and "Nguyễn Thị Thu Hà (VP01)" in refused
    assert cli.main(["invite", "Không Có Ai"]) == 2
    assert "Không có cán bộ nào" in capsys.readouterr().err
