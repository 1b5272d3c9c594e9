"""Tests for the campaign file and its loader."""

import copy
import json
import re
import tomllib
import unicodedata
from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from handlers.campaign.file import (
    DEFAULT_CAMPAIGN_FILE,
    Campaign,
    CampaignError,
    load_campaign,
)

ROOT = Path(__file__).resolve().parents[1]
PLAN_NAME = "ke-hoach-thi-dua-cchc-2026.md"
# The ward's plan ships under seed/ as the campaign file's source.
PLAN_FILE = ROOT / "seed" / PLAN_NAME
ICT = timezone(timedelta(hours=7))


@pytest.fixture(scope="module")
def campaign() -> Campaign:
    """The shipped campaign file, loaded."""
    return load_campaign(DEFAULT_CAMPAIGN_FILE)


@pytest.fixture(scope="module")
def plan_lines() -> list[str]:
    """The plan's non-empty lines, markdown emphasis and list markers removed."""
    text = unicodedata.normalize("NFC", PLAN_FILE.read_text(encoding="utf-8"))
    lines = (re.sub(r"^\s*-\s+", "", line.replace("*", "")) for line in text.splitlines())
    return [line.strip() for line in lines if line.strip()]


@pytest.fixture(scope="module")
def plan_flat(plan_lines: list[str]) -> str:
    """The whole plan as one line with collapsed whitespace (joins page-break splits)."""
    return " ".join(" ".join(plan_lines).split())


def _strings(value: Any) -> Iterator[str]:
    """Yield every string inside nested dicts, lists and tuples."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def _toml_value(value: Any) -> str:
    """Render a parsed TOML value back as inline TOML."""
    if isinstance(value, dict):
        items = ", ".join(f"{json.dumps(k)} = {_toml_value(v)}" for k, v in value.items())
        return "{" + items + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    raise TypeError(f"cannot render {value!r}")


def _write(path: Path, data: dict[str, Any]) -> Path:
    """Write a campaign document as TOML, one top-level key per line."""
    text = "\n".join(f"{json.dumps(k)} = {_toml_value(v)}" for k, v in data.items()) + "\n"
    path.write_text(text, encoding="utf-8")
    return path


def _shipped_data() -> dict[str, Any]:
    """The shipped file parsed as plain TOML data."""
    return tomllib.loads(DEFAULT_CAMPAIGN_FILE.read_text(encoding="utf-8"))


# The shipped file


def test_default_file_is_the_one_in_seed() -> None:
    assert DEFAULT_CAMPAIGN_FILE == ROOT / "seed" / "campaign-cchc-2026.toml"
    assert DEFAULT_CAMPAIGN_FILE.is_file()


def test_shipped_header(campaign: Campaign) -> None:
    info = campaign.campaign
    assert info.number == "…/KH-UBND"
    assert info.issuer == "Ủy ban nhân dân phường Chu Văn An"
    assert info.place == "Phường Chu Văn An"
    assert info.year == 2026
    assert info.timezone == "Asia/Ho_Chi_Minh"
    assert info.basis.startswith("Quyết định số 10/QĐ-UBND ngày 08/01/2026")
    assert (info.signer.position, info.signer.name) == ("Chủ tịch", "Nguyễn Văn Thương")
    assert len(info.short_title) <= 32


def test_criteria_are_a_to_f_then_e_government_in_order(campaign: Campaign) -> None:
    assert [c.code for c in campaign.criteria] == ["a", "b", "c", "d", "dd", "e", "f", "cqdt"]
    assert [c.letter for c in campaign.criteria] == ["a", "b", "c", "d", "đ", "e", "f", ""]


def test_criteria_targets_are_the_plans(campaign: Campaign) -> None:
    targets = {c.code: c.target for c in campaign.criteria}
    assert targets == {
        "a": "hoàn thành tốt nhiệm vụ trở lên",
        "b": "100%",
        "c": "100%",
        "d": "đạt và vượt",
        "dd": "100%",
        "e": "100%",
        "f": "tối thiểu 90%",
        "cqdt": "",
    }
    for criterion in campaign.criteria:
        assert criterion.target.casefold() in criterion.text.casefold(), criterion.code
    assert not campaign.criterion("a").has_figure
    assert campaign.criterion("f").has_figure


def test_lettered_criteria_texts_are_the_plans(campaign: Campaign, plan_lines: list[str]) -> None:
    for criterion in campaign.criteria:
        if criterion.letter:
            assert f"{criterion.letter}) {criterion.text}" in plan_lines, criterion.code


def test_e_government_criterion_is_the_paragraph_after_f(
    campaign: Campaign, plan_lines: list[str]
) -> None:
    after_f = plan_lines[plan_lines.index(f"f) {campaign.criterion('f').text}") + 1]
    assert campaign.criterion("cqdt").text == after_f
    assert campaign.criteria[-1].code == "cqdt"


def test_every_verbatim_text_is_found_in_the_plan(campaign: Campaign, plan_flat: str) -> None:
    texts = [
        campaign.campaign.issuer,
        campaign.campaign.title,
        campaign.campaign.basis,
        campaign.campaign.signer.name,
        campaign.deadline.text,
        campaign.deadline.recipient,
        campaign.deadline.statement,
        campaign.plan.preamble,
        campaign.plan.closing,
        *campaign.plan.distribution,
    ]
    plan = campaign.plan
    for section in (
        plan.purpose,
        plan.requirements,
        plan.subjects,
        plan.contents,
        plan.funding,
        plan.progress,
    ):
        texts += section.paragraphs
    texts += [c.text for c in campaign.criteria]
    texts += [a.text for a in campaign.awards]
    for standard in campaign.standards:
        texts += [standard.text, standard.common_condition, standard.legal_basis]
        texts += [o.text for o in standard.options]
    texts += [d.text for d in campaign.dossier_documents]
    texts += [d.text for d in campaign.duties]
    missing = [t for t in texts if t and t not in plan_flat]
    assert missing == []
    assert len(texts) > 50


def test_deadline_is_before_25_november_2026_local(campaign: Campaign) -> None:
    deadline = campaign.deadline
    assert deadline.text == "trước 25/11/2026"
    assert deadline.at == datetime(2026, 11, 25, 0, 0, tzinfo=ICT)
    assert deadline.at.utcoffset() == timedelta(hours=7)
    assert deadline.at.astimezone(campaign.zone()).utcoffset() == timedelta(hours=7)
    last_moment = (deadline.at - timedelta(microseconds=1)).astimezone(campaign.zone())
    assert last_moment.date() == date(2026, 11, 24)
    assert deadline.recipient == "phòng Văn hóa – Xã hội"
    assert deadline.source == "III.5"


def test_both_awards(campaign: Campaign) -> None:
    assert [a.code for a in campaign.awards] == ["ward_certificate", "city_certificate"]
    ward = campaign.award("ward_certificate")
    city = campaign.award("city_certificate")
    assert (ward.name, ward.level, ward.granted_by) == (
        "Giấy khen",
        "ward",
        "Chủ tịch Ủy ban nhân dân phường",
    )
    assert (city.name, city.level, city.granted_by) == (
        "Bằng khen",
        "city",
        "Chủ tịch Ủy ban nhân dân thành phố",
    )
    assert "Hội đồng thi đua khen thưởng phường" in ward.proposed_by
    assert city.proposed_by == "Ủy ban nhân dân phường"


def test_ward_standards_and_their_options(campaign: Campaign) -> None:
    (collective,) = campaign.standards_for("ward_certificate", "collective")
    (individual,) = campaign.standards_for("ward_certificate", "individual")
    for standard in (collective, individual):
        assert standard.rule == "one_of"
        assert standard.common_condition == "Thực hiện nghiêm kỷ luật, kỷ cương hành chính Nhà nước"
        assert "đạt một trong các tiêu chuẩn sau" in standard.text
    col = {o.code: o.requires_initiative for o in collective.options}
    ind = {o.code: o.requires_initiative for o in individual.options}
    assert col == {"col_excellent": False, "col_initiative": True}
    assert ind == {"ind_excellent": False, "ind_initiative": True, "ind_direct": False}
    assert collective.source == "III.3.2.a"
    assert individual.source == "III.3.2.b"


def test_city_standard_defers_to_the_law(campaign: Campaign) -> None:
    for subject in ("collective", "individual"):
        (standard,) = campaign.standards_for("city_certificate", subject)
        assert standard.rule == "by_law"
        assert standard.options == ()
        assert "theo quy định của pháp luật về thi đua, khen thưởng" in standard.text
        assert standard.legal_basis == "pháp luật về thi đua, khen thưởng"
        assert standard.source == "III.3.1"


def test_dossier_has_three_documents(campaign: Campaign) -> None:
    documents = campaign.dossier_documents
    assert [d.code for d in documents] == [
        "submission_letter",
        "achievement_report",
        "council_minutes",
    ]
    assert [d.per_nominee for d in documents] == [False, True, False]
    assert [d.confirmed_by_unit_head for d in documents] == [False, True, False]
    assert documents[0].text.startswith("Tờ trình kèm theo danh sách")
    assert "có xác nhận của thủ trưởng đơn vị" in documents[1].text
    assert documents[2].text.startswith("Biên bản họp Hội đồng Thi đua Khen thưởng")


def test_duties_of_section_v(campaign: Campaign) -> None:
    assert [(d.who, d.source) for d in campaign.duties] == [
        (("secretariat", "culture_center"), "V.1"),
        (("unit_head",), "V.2"),
        (("unit_head",), "V.2"),
        (("secretariat",), "V.3"),
        (("secretariat",), "V.3"),
    ]
    assert campaign.duties[-1].text.endswith(
        "cho các tập thể, cá nhân đạt thành tích xuất sắc theo đúng quy định."
    )


def test_plan_sections(campaign: Campaign) -> None:
    assert campaign.plan.subjects.paragraphs == (
        "Các phòng, đơn vị thuộc phường và toàn thể cán bộ, công chức phường.",
    )
    assert len(campaign.plan.purpose.paragraphs) == 3
    assert len(campaign.plan.requirements.paragraphs) == 4
    assert len(campaign.plan.contents.paragraphs) == 5


def test_every_string_is_nfc(campaign: Campaign) -> None:
    raw = DEFAULT_CAMPAIGN_FILE.read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", raw)
    strings = list(_strings(campaign.model_dump()))
    assert len(strings) > 100
    assert [s for s in strings if not unicodedata.is_normalized("NFC", s)] == []


def test_reminder_schedule(campaign: Campaign) -> None:
    reminders = campaign.reminders
    assert reminders.starts == date(2026, 10, 1)
    assert reminders.ends_days_after_deadline == 14
    by_code = {rule.code: rule for rule in reminders.rules}
    assert by_code["report_due"].days == (14, 7, 3, 1, 0)
    assert by_code["report_due"].at == time(8)
    assert by_code["report_overdue"].days == (1, 2, 3)
    assert (by_code["head_weekly"].weekday, by_code["head_weekly"].at) == ("monday", time(8))
    assert (by_code["secretariat_weekly"].weekday, by_code["secretariat_weekly"].at) == (
        "friday",
        time(16),
    )
    assert {rule.audience for rule in reminders.rules} == {
        "officers_without_report",
        "officers_with_returned_report",
        "heads_with_pending_work",
        "heads_of_missing_officers",
        "secretariat_summary",
        "secretariat_missing_units",
    }
    commands = {"officers_without_report": "/baocao", "officers_with_returned_report": "/cuatoi"}
    for rule in reminders.rules:
        assert "{missing}" in rule.text and rule.text.startswith("Kính gửi {name},"), rule.code
        assert commands.get(rule.audience, "/") in rule.text, rule.code


def test_labels_fit_a_button(campaign: Campaign) -> None:
    labels = [c.label for c in campaign.criteria]
    labels += [o.label for s in campaign.standards for o in s.options]
    labels += [d.name for d in campaign.dossier_documents]
    assert len(labels) == 16
    assert [label for label in labels if not 0 < len(label) <= 32] == []


def test_lookups(campaign: Campaign) -> None:
    assert campaign.criterion("dd").letter == "đ"
    assert campaign.award("city_certificate").name == "Bằng khen"
    with pytest.raises(KeyError):
        campaign.criterion("z")
    with pytest.raises(KeyError):
        campaign.award("gold_medal")
    with pytest.raises(KeyError):
        campaign.standards_for("gold_medal", "collective")


def test_models_are_frozen(campaign: Campaign) -> None:
    with pytest.raises(ValidationError):
        campaign.criterion("a").label = "x"  # type: ignore[misc]
    assert isinstance(campaign.criteria, tuple)


# Malformed files


def test_rewritten_shipped_data_loads_the_same(tmp_path: Path, campaign: Campaign) -> None:
    """The writer used below is faithful, so each error comes from its mutation alone."""
    assert load_campaign(_write(tmp_path / "same.toml", _shipped_data())) == campaign


def test_toml_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    lines = DEFAULT_CAMPAIGN_FILE.read_text(encoding="utf-8").splitlines()
    index = lines.index("[deadline]") + 1
    lines.insert(index, 'text = "unterminated')
    path = tmp_path / "broken.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(CampaignError) as caught:
        load_campaign(path)
    message = str(caught.value)
    assert str(path) in message
    assert f"line {index + 1}, column " in message
    assert "TOML syntax error" in message


Mutation = Callable[[dict[str, Any]], None]


def _set(table: str, index: int | None, **fields: Any) -> Mutation:
    """Build a mutation that sets fields in a table or in one item of an array of tables."""

    def mutate(data: dict[str, Any]) -> None:
        target = data[table] if index is None else data[table][index]
        target.update(fields)

    return mutate


def _drop(table: str, index: int, field: str) -> Mutation:
    """Build a mutation that removes a field from one item of an array of tables."""

    def mutate(data: dict[str, Any]) -> None:
        del data[table][index][field]

    return mutate


def _rule(index: int, **fields: Any) -> Mutation:
    """Build a mutation that sets fields of one reminder rule (None removes the field)."""

    def mutate(data: dict[str, Any]) -> None:
        rule = data["reminders"]["rules"][index]
        rule.update({k: v for k, v in fields.items() if v is not None})
        for key in [k for k, v in fields.items() if v is None]:
            del rule[key]

    return mutate


MALFORMED: list[tuple[str, Mutation, str, str]] = [
    ("missing field", _drop("criteria", 2, "label"), "criteria[2].label", "missing"),
    (
        "wrong type bool",
        _set("criteria", 1, has_figure="yes"),
        "criteria[1].has_figure",
        "expected a boolean",
    ),
    ("wrong type int", _set("campaign", None, year="2026"), "campaign.year", "expected an integer"),
    ("wrong type array", lambda d: d.update(criteria={}), "criteria", "expected an array"),
    ("unknown field", _set("criteria", 0, colour="red"), "criteria[0].colour", "unknown field"),
    ("unknown table", lambda d: d.update(extras={"a": 1}), "extras", "unknown field"),
    (
        "duplicate criterion code",
        _set("criteria", 3, code="a"),
        "criteria[3].code",
        "duplicate criterion code 'a'",
    ),
    (
        "standard names unknown award",
        _set("standards", 0, award="gold_medal"),
        "standards[0].award",
        "unknown award code 'gold_medal'",
    ),
    (
        "deadline without offset",
        _set("deadline", None, at=datetime(2026, 11, 25)),
        "deadline.at",
        "expected an offset datetime",
    ),
    (
        "deadline as a date",
        _set("deadline", None, at=date(2026, 11, 25)),
        "deadline.at",
        "expected an offset datetime",
    ),
    (
        "deadline as a string",
        _set("deadline", None, at="2026-11-25T00:00:00+07:00"),
        "deadline.at",
        "expected an offset datetime",
    ),
    ("label too long", _set("criteria", 0, label="x" * 33), "criteria[0].label", "at most 32"),
    ("blank text", _set("criteria", 4, text="  "), "criteria[4].text", "non-empty"),
    ("non-ASCII code", _set("criteria", 4, code="đ"), "criteria[4].code", "lowercase ASCII"),
    ("unknown level", _set("awards", 1, level="province"), "awards[1].level", "'ward' or 'city'"),
    (
        "one_of without options",
        _set("standards", 2, options=[]),
        "standards[2].options",
        "at least one option",
    ),
    (
        "weekly rule without weekday",
        _rule(4, weekday=None),
        "reminders.rules[4].weekday",
        "a weekly rule needs a weekday",
    ),
    (
        "deadline rule with a weekday",
        _rule(0, weekday="monday"),
        "reminders.rules[0].weekday",
        "takes no weekday",
    ),
    ("deadline rule without days", _rule(0, days=[]), "reminders.rules[0].days", "at least one"),
    ("a day twice", _rule(0, days=[7, 7]), "reminders.rules[0].days", "each day once"),
    ("working day 0", _rule(2, days=[0, 1]), "reminders.rules[2].days", "start at 1"),
    ("time as a string", _rule(0, at="08:00"), "reminders.rules[0].at", "a local time"),
    ("unknown audience", _rule(0, audience="everyone"), "reminders.rules[0].audience", "expected"),
    (
        "unknown placeholder",
        _rule(0, text="Kính gửi {ten}: {missing}"),
        "reminders.rules[0].text",
        "unknown placeholder {ten}",
    ),
    (
        "text without {missing}",
        _rule(1, text="Kính gửi {name}, hãy báo cáo."),
        "reminders.rules[1].text",
        "expected the placeholder {missing}",
    ),
    (
        "duplicate rule code",
        _rule(3, code="report_due"),
        "reminders.rules[3].code",
        "duplicate reminder rule code 'report_due'",
    ),
    (
        "start as a string",
        _set("reminders", None, starts="2026-10-01"),
        "reminders.starts",
        "a local date",
    ),
    (
        "unknown time zone",
        _set("campaign", None, timezone="Mars/Olympus"),
        "campaign.timezone",
        "IANA time zone",
    ),
    (
        "vote counted on an unknown base",
        _set("council", None, pass_base="voters"),
        "council.pass_base",
        "'members' or 'present'",
    ),
    (
        "vote share above 100 %",
        _set("council", None, pass_percent=170),
        "council.pass_percent",
        "100",
    ),
    (
        "duplicate legal basis",
        _set("legal_bases", 2, code="emulation_law"),
        "legal_bases[2].code",
        "duplicate legal basis code 'emulation_law'",
    ),
]


@pytest.mark.parametrize(
    ("mutation", "field", "expected"),
    [pytest.param(m, f, e, id=name) for name, m, f, e in MALFORMED],
)
def test_malformed_file_names_file_and_field(
    tmp_path: Path, mutation: Mutation, field: str, expected: str
) -> None:
    data = copy.deepcopy(_shipped_data())
    mutation(data)
    path = _write(tmp_path / "campaign.toml", data)
    with pytest.raises(CampaignError) as caught:
        load_campaign(path)
    error = caught.value
    assert isinstance(error, ValueError)
    assert error.path == path
    assert str(path) in str(error)
    assert f"{field}: " in str(error)
    assert [problem for f, problem in error.problems if f == field and expected in problem]


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "absent.toml"
    with pytest.raises(CampaignError, match=re.escape(str(path))):
        load_campaign(path)


def test_file_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes('[campaign]\nissuer = "Ủy ban"\n'.encode("utf-16"))
    with pytest.raises(CampaignError, match="UTF-8"):
        load_campaign(path)


def test_decomposed_text_is_normalised_to_nfc(tmp_path: Path) -> None:
    data = _shipped_data()
    label = data["criteria"][0]["label"]
    decomposed = unicodedata.normalize("NFD", label)
    assert decomposed != label
    data["criteria"][0]["label"] = decomposed
    data["criteria"][0]["text"] = unicodedata.normalize("NFD", data["criteria"][0]["text"])
    path = _write(tmp_path / "nfd.toml", data)
    assert decomposed in path.read_text(encoding="utf-8")
    loaded = load_campaign(path)
    assert loaded.criterion("a").label == label
    assert unicodedata.is_normalized("NFC", loaded.criterion("a").text)


def test_council_rules_and_legal_bases_are_data(campaign: Campaign) -> None:
    council = campaign.council
    assert (council.pass_percent, council.pass_base, council.publication_days) == (70, "members", 5)
    assert "152/2025/NĐ-CP" in council.pass_source
    # 70 % of all seven members: five votes pass, four do not, whoever is absent.
    assert council.passes(5, members=7, present=6)
    assert not council.passes(4, members=7, present=4)
    assert [b.code for b in campaign.legal_bases] == [
        "local_government_law",
        "emulation_law",
        "emulation_decree",
    ]
    assert campaign.office.issuer_lines == ("ỦY BAN NHÂN DÂN", "PHƯỜNG CHU VĂN AN")
