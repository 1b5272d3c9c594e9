"""Settings come from the environment, every one of them documented in .env.example."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.__main__ import main
from bot.settings import Settings, SettingsError

ROOT = Path(__file__).resolve().parent.parent


class RecordingEnv(dict[str, str]):
    """An environment that remembers which names were asked for."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: set[str] = set()

    def get(self, key: str, default: str | None = None) -> str | None:  # type: ignore[override]
        self.asked.add(key)
        return super().get(key, default)


def test_every_setting_is_in_env_example() -> None:
    env = RecordingEnv()
    Settings.from_env(env)
    documented = set(re.findall(r"^([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert len(env.asked) >= 10
    assert env.asked == documented


def test_defaults_and_overrides(tmp_path: Path) -> None:
    default = Settings.from_env({"DATA_DIR": str(tmp_path)})
    assert default.database_url == f"sqlite:///{tmp_path / 'thidua.db'}"
    assert default.core_config().max_file_bytes == 20 * 1024 * 1024
    custom = Settings.from_env(
        {"DATA_DIR": str(tmp_path), "MAX_FILE_MB": "5", "TELEGRAM_BOT_USERNAME": "@thidua_bot"}
    )
    assert custom.core_config().max_file_bytes == 5 * 1024 * 1024
    assert custom.telegram_bot_username == "thidua_bot"


@pytest.mark.parametrize("value", ["abc", "0", "-3"])
def test_bad_numbers_name_the_setting(value: str) -> None:
    with pytest.raises(SettingsError, match="INVITE_TTL_DAYS"):
        Settings.from_env({"INVITE_TTL_DAYS": value})


def test_the_chat_interval_may_be_zero_but_not_less() -> None:
    settings = Settings.from_env({"OUTBOX_CHAT_INTERVAL_SECONDS": "0"})
    assert settings.outbox_chat_interval_seconds == 0
    with pytest.raises(SettingsError, match="OUTBOX_CHAT_INTERVAL_SECONDS must be at least 0"):
        Settings.from_env({"OUTBOX_CHAT_INTERVAL_SECONDS": "-1"})


@pytest.mark.parametrize(
    "given",
    ["postgres://u:p@db.example:5432/thidua", "postgresql://u:p@db.example:5432/thidua"],
)
def test_a_bare_postgres_address_gets_the_shipped_driver(given: str) -> None:
    settings = Settings.from_env({"DATABASE_URL": given})
    assert settings.database_url == "postgresql+psycopg://u:p@db.example:5432/thidua"


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("khong-phai-dia-chi", "khong-phai-dia-chi"),
        ("mysql://u:secret@db.example/thidua", "mysql://"),
        ("postgresql+psycopg2://u:secret@db.example/thidua", "postgresql+psycopg2://"),
        ("postgresql://u:secret@127.0.0.1:abc/thidua", "127.0.0.1:abc/thidua"),
    ],
)
def test_a_wrong_database_url_is_one_line_saying_what_to_write(
    given: str,
    shown: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)  # no .env of the developer's
    monkeypatch.setenv("DATA_DIR", str(tmp_path))
    monkeypatch.setenv("DATABASE_URL", given)
    assert main(["notices"]) == 2
    said = capsys.readouterr().err.strip()
    assert len(said.splitlines()) == 1, said
    assert shown in said and "secret" not in said
    assert "hãy viết postgresql+psycopg://" in said and "write postgresql+psycopg://" in said


def not_a_database(tmp_path: Path) -> str:
    (tmp_path / "notes.txt").write_text("không phải cơ sở dữ liệu\n" * 200, encoding="utf-8")
    return f"sqlite:///{tmp_path / 'notes.txt'}"


def below_a_file(tmp_path: Path) -> str:
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    return f"sqlite:///{tmp_path / 'a-file' / 'thidua.db'}"


@pytest.mark.parametrize(
    ("address", "shown"),
    [
        # Port 9 (discard) on the loopback: nothing listens there in a test run.
        (lambda _: "postgresql+psycopg://thidua:secret@127.0.0.1:9/thidua", "127.0.0.1:9/thidua"),
        # An option the driver does not know (a typo of sslmode).
        (lambda _: "postgresql://thidua:secret@127.0.0.1:9/thidua?sslmod=require", "sslmod"),
        (not_a_database, "notes.txt"),
        (below_a_file, "a-file"),
    ],
)
def test_a_database_that_cannot_be_used_is_one_line(
    address: Callable[[Path], str],
    shown: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATA_DIR", str(tmp_path))
    monkeypatch.setenv("DATABASE_URL", address(tmp_path))
    assert main(["notices"]) == 2
    said = capsys.readouterr().err.strip()
    assert len(said.splitlines()) == 1, said
    assert "Không kết nối được" in said and "Cannot connect" in said
    assert shown in said and "secret" not in said


def test_zalo_defaults_and_checks() -> None:
    zalo = Settings.from_env({}).zalo
    assert (zalo.enabled, zalo.api_base_url, zalo.update_mode) == (
        False,
        "https://bot-api.zaloplatforms.com",
        "polling",
    )
    webhook = {"ZALO_BOT_TOKEN": "123:abc", "ZALO_UPDATE_MODE": "Webhook"}
    assert Settings.from_env({**webhook, "ZALO_WEBHOOK_SECRET": "x" * 8}).zalo.enabled
    with pytest.raises(SettingsError, match="needs ZALO_WEBHOOK_SECRET"):
        Settings.from_env(webhook)
    for secret in ["x" * 7, "x" * 257]:
        with pytest.raises(SettingsError, match="ZALO_WEBHOOK_SECRET must be 8 to 256"):
            Settings.from_env({"ZALO_WEBHOOK_SECRET": secret})
    with pytest.raises(SettingsError, match="ZALO_UPDATE_MODE"):
        Settings.from_env({"ZALO_UPDATE_MODE": "push"})
    older = Settings.from_env({"ZALO_API_BASE_URL": "https://bot-api.zapps.me/"}).zalo
    assert older.api_base_url == "https://bot-api.zapps.me"
