"""Configuration from the environment only: the token never lives in a file of ours."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


class ConfigError(ValueError):
    """A setting is present but unusable; the message names the variable."""


@dataclass(frozen=True)
class Config:
    token: str | None
    api_url: str | None
    db_path: Path
    admin_ids: frozenset[int]
    webhook_url: str | None
    webhook_port: int
    rate_limit: bool

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> Config:
        """Read every `TELEGRAM_*` and `QMAS_*` variable (see the README)."""
        try:
            admins = frozenset(int(x) for x in env.get("QMAS_ADMIN_IDS", "").split(",")
                               if x.strip())
        except ValueError:
            raise ConfigError("QMAS_ADMIN_IDS: must be comma-separated Telegram user ids") from None
        try:
            port = int(env.get("QMAS_WEBHOOK_PORT", "8443"))
        except ValueError:
            raise ConfigError("QMAS_WEBHOOK_PORT: must be a port number") from None
        return cls(
            token=env.get("TELEGRAM_BOT_TOKEN") or None,
            api_url=(env.get("TELEGRAM_API_URL") or "").rstrip("/") or None,
            db_path=Path(env.get("QMAS_DB_PATH") or "qmas.sqlite3"),
            admin_ids=admins,
            webhook_url=env.get("QMAS_WEBHOOK_URL") or None,
            webhook_port=port,
            rate_limit=env.get("QMAS_RATE_LIMIT", "1") != "0",
        )
