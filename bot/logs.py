"""Logging: one line per event, as text or JSON (`QMAS_LOG_FORMAT`), never showing the token."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

from telegram.error import InvalidToken


class RedactSecret(logging.Filter):
    """Belt and braces: whatever a library logs, the token never reaches the output."""

    def __init__(self, secret: str) -> None:
        super().__init__()
        self.secrets = [secret, secret.partition(":")[2]] if ":" in secret else [secret]

    def _redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "[token]")
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = self._redact(record.getMessage()), None
        if record.exc_info and isinstance(record.exc_info[1], InvalidToken):
            record.exc_info = None   # the command line reports it in one clear line
        if record.exc_info:
            record.exc_text = self._redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True


class OneLine(logging.Formatter):
    """Text: `time level logger: message`, a traceback folded onto the same line."""

    def format(self, record: logging.LogRecord) -> str:
        return super().format(record).replace("\n", " | ")


class JsonLines(logging.Formatter):
    """One JSON object per line, for log collectors (`QMAS_LOG_FORMAT=json`)."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {"time": datetime.fromtimestamp(record.created, UTC).isoformat(
                     timespec="milliseconds"),
                 "level": record.levelname, "logger": record.name,
                 "message": record.getMessage()}
        if record.exc_info:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["error"] = record.exc_text
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(secret: str | None = None, log_format: str = "text") -> None:
    """INFO for us, WARNING for httpx: its INFO lines contain request URLs, i.e. the token."""
    handler = logging.StreamHandler()
    handler.setFormatter(JsonLines() if log_format == "json" else
                         OneLine("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    if secret:
        handler.addFilter(RedactSecret(secret))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)
    for noisy in ("httpx", "httpcore", "tornado.access"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
