"""Configuration from the environment only: the token never lives in a file of ours."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

# Telegram's rule for a webhook secret_token, with a floor on length so it cannot be guessed,
# and on variety: 32 random hex digits have about 14 different ones, "aaaa…" has one.
SECRET = re.compile(r"[A-Za-z0-9_-]{32,256}")
SECRET_VARIETY = 8
MAX_PORT = 65535


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
    retention_days: int = 90
    flood_limit: int = 20          # updates per user per flood_window seconds
    flood_window: float = 10.0
    webhook_secret: str | None = None
    webhook_listen: str = "0.0.0.0"
    log_format: str = "text"         # or "json": one JSON object per line
    conflict_grace: float = 30.0     # seconds of 409 Conflict (another poller) before stopping
    web_port: int | None = None      # the web chat's port (None: no web chat beside Telegram)
    web_listen: str = "0.0.0.0"
    web_proxied: bool = False        # behind a reverse proxy: trust its X-Forwarded-* headers
    telegram_link: str | None = None  # the bot in Telegram (https://t.me/...), for reminders
    shutdown_grace: int = 8          # seconds to finish the updates in hand after SIGTERM

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> Config:
        """Read every `TELEGRAM_*` and `QMAS_*` variable (see the README)."""
        try:
            admins = frozenset(int(x) for x in env.get("QMAS_ADMIN_IDS", "").split(",")
                               if x.strip())
        except ValueError:
            raise ConfigError("QMAS_ADMIN_IDS: must be comma-separated Telegram user ids") from None
        port = _int(env, "QMAS_WEBHOOK_PORT", 8443)
        if port > MAX_PORT:
            raise ConfigError(f"QMAS_WEBHOOK_PORT: must be a port number, 1 to {MAX_PORT}")
        webhook_url = env.get("QMAS_WEBHOOK_URL") or None
        if webhook_url is not None:
            _check_url(webhook_url)
        secret = env.get("QMAS_WEBHOOK_SECRET") or None
        if webhook_url and secret is None:
            raise ConfigError("QMAS_WEBHOOK_SECRET: required with QMAS_WEBHOOK_URL (e.g. the "
                              "output of `openssl rand -hex 32`)")
        if secret is not None and not SECRET.fullmatch(secret):
            raise ConfigError("QMAS_WEBHOOK_SECRET: must be 32 to 256 letters, digits, _ or -")
        if secret is not None and len(set(secret)) < SECRET_VARIETY:
            raise ConfigError("QMAS_WEBHOOK_SECRET: too easy to guess (too few different "
                              "characters); use e.g. the output of `openssl rand -hex 32`")
        log_format = env.get("QMAS_LOG_FORMAT", "text")
        if log_format not in ("text", "json"):
            raise ConfigError("QMAS_LOG_FORMAT: must be text or json")
        telegram_link = env.get("QMAS_TELEGRAM_LINK") or None
        if telegram_link is not None and not telegram_link.startswith("https://"):
            raise ConfigError("QMAS_TELEGRAM_LINK: must be an https:// address, e.g. "
                              "https://t.me/your_bot")
        return cls(
            token=env.get("TELEGRAM_BOT_TOKEN") or None,
            api_url=(env.get("TELEGRAM_API_URL") or "").rstrip("/") or None,
            db_path=Path(env.get("QMAS_DB_PATH") or "qmas.sqlite3"),
            admin_ids=admins,
            webhook_url=webhook_url,
            webhook_port=port,
            rate_limit=env.get("QMAS_RATE_LIMIT", "1") != "0",
            retention_days=_int(env, "QMAS_RETENTION_DAYS", 90),
            flood_limit=_int(env, "QMAS_FLOOD_LIMIT", 20),
            webhook_secret=secret,
            webhook_listen=env.get("QMAS_WEBHOOK_LISTEN") or "0.0.0.0",
            log_format=log_format,
            conflict_grace=_int(env, "QMAS_CONFLICT_GRACE", 30),
            web_port=_int(env, "QMAS_WEB_PORT", 8080) if env.get("QMAS_WEB_PORT") else None,
            web_listen=env.get("QMAS_WEB_LISTEN") or "0.0.0.0",
            web_proxied=env.get("QMAS_WEB_PROXIED", "0") == "1",
            telegram_link=telegram_link,
            shutdown_grace=_int(env, "QMAS_SHUTDOWN_GRACE", 8),
        )


def _check_url(url: str) -> None:
    """Telegram posts only to HTTPS, to a host; a query or fragment would not survive."""
    try:
        parts = urlsplit(url)
        usable = parts.scheme == "https" and bool(parts.hostname) and parts.port != 0 \
            and not parts.query and not parts.fragment     # .port raises for "host:x"
    except ValueError:
        usable = False
    if not usable:
        raise ConfigError("QMAS_WEBHOOK_URL: must be https://host[/path], without a query")


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    try:
        value = int(env.get(name, str(default)))
    except ValueError:
        raise ConfigError(f"{name}: must be a whole number") from None
    if value <= 0:
        raise ConfigError(f"{name}: must be positive")
    return value
