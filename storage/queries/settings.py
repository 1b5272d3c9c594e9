"""Campaign settings changed in chat (they override the campaign file)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session

from storage.models import CampaignSetting


def setting(session: Session, *, key: str) -> dict[str, Any] | None:
    row = session.get(CampaignSetting, key)
    return None if row is None else dict(row.value)


def put_setting(
    session: Session, *, key: str, value: dict[str, Any], officer_id: int | None, now: datetime
) -> None:
    row = session.get(CampaignSetting, key) or CampaignSetting(key=key, updated_at=now)
    row.value = value
    row.updated_by = officer_id
    row.updated_at = now
    session.add(row)
    session.flush()
