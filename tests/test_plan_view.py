"""/kehoach: the plan's sections in chat, from the campaign file, cut between paragraphs."""

from __future__ import annotations

from bot.core import Core
from handlers import texts
from handlers.status.plan import split_paragraphs
from tests.chat import Chat
from tests.flows import Turn, play


def test_every_section_of_the_plan_is_in_chat(core: Core, make_chat: type[Chat]) -> None:
    campaign = core.campaign
    chat = make_chat("PVHCC03")
    play(chat, [Turn(send="/kehoach", expect=campaign.campaign.title)])
    assert chat.labels() == list(texts.PLAN_SECTIONS.values())
    said: dict[str, str] = {}
    for label in texts.PLAN_SECTIONS.values():
        chat.press(label)
        said[label] = chat.text
        assert all(len(reply.text) <= 4096 for reply in chat.last)
        assert chat.labels() == list(texts.PLAN_SECTIONS.values())  # the menu stays at hand
    assert all(p in said["Mục đích, yêu cầu"] for p in campaign.plan.purpose.paragraphs)
    assert all(p in said["Đối tượng, nội dung"] for p in campaign.plan.contents.paragraphs)
    assert all(c.text in said["Tiêu chí thi đua"] for c in campaign.criteria)
    assert "mục tiêu chung của toàn phường" in said["Tiêu chí thi đua"]
    assert all(a.text in said["Hình thức khen thưởng"] for a in campaign.awards)
    options = [o.text for s in campaign.standards for o in s.options]
    assert options and all(o in said["Tiêu chuẩn khen thưởng"] for o in options)
    assert all(d.text in said["Hồ sơ đề nghị"] for d in campaign.dossier_documents)
    assert campaign.deadline.statement in said["Hạn nộp hồ sơ"]
    assert all(d.text in said["Tổ chức thực hiện"] for d in campaign.duties)


def test_the_english_alias_and_a_changed_deadline(make_chat: type[Chat]) -> None:
    secretary = make_chat("VHXH02")
    play(
        secretary,
        [
            Turn(send="/hannop", expect="Nhập hạn mới"),
            Turn(send="01/12/2026", expect="Hạn nộp mới"),
            Turn(press="✅ Đồng ý", expect="Đã đặt hạn nộp mới"),
        ],
    )
    chat = make_chat("VP04")
    play(chat, [Turn(send="/plan", expect="Chọn phần cần xem")])
    play(
        chat,
        [Turn(press="Hạn nộp hồ sơ", expect="Hạn nộp nay đã được điều chỉnh: trước 01/12/2026")],
    )


def test_a_long_section_is_cut_between_paragraphs() -> None:
    paragraphs = [f"Đoạn {n}: " + "chữ " * 300 for n in range(10)]
    messages = split_paragraphs(paragraphs, limit=3500)
    assert len(messages) > 1 and all(len(m) <= 3500 for m in messages)
    assert "\n".join(messages) == "\n".join(paragraphs)
