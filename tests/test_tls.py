"""The roots the bot's HTTPS calls trust: the system's where it has some, certifi's otherwise."""

from __future__ import annotations

import ssl
import sys
from collections.abc import Iterator

import pytest

from bot.tls import trusted_roots


@pytest.fixture(autouse=True)
def fresh() -> Iterator[None]:
    trusted_roots.cache_clear()
    yield
    trusted_roots.cache_clear()


def _paths(cafile: str | None, capath: str | None) -> ssl.DefaultVerifyPaths:
    return ssl.DefaultVerifyPaths(cafile, capath, "SSL_CERT_FILE", "", "SSL_CERT_DIR", "")


def test_a_system_store_is_used_through_aiohttp_own_context(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(ssl, "get_default_verify_paths", lambda: _paths("/etc/ssl/ca.pem", None))
    assert trusted_roots() is True
    trusted_roots.cache_clear()
    monkeypatch.setattr(ssl, "get_default_verify_paths", lambda: _paths(None, "/etc/ssl/certs"))
    assert trusted_roots() is True


def test_without_a_system_store_certifi_roots_are_trusted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setattr(ssl, "get_default_verify_paths", lambda: _paths(None, None))
    context = trusted_roots()
    assert isinstance(context, ssl.SSLContext)
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
    assert context.cert_store_stats()["x509_ca"] > 50
