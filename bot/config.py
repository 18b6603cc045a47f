"""All configuration, read once from environment variables into one frozen dataclass."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_FLOOD_LIMIT = 20  # questions per user per minute
DEFAULT_WEBHOOK_PORT = 8080


class ConfigError(ValueError):
    """An environment variable holds a value that cannot be used."""


def default_db_path() -> Path:
    """Per-user data directory (XDG on Linux), e.g. ~/.local/share/layoffbot/layoffbot.db."""
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "layoffbot" / "layoffbot.db"


def _whole_number(env, name: str, default: int) -> int:
    raw = (env.get(name) or "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {raw!r}") from None
    if value < 0:
        raise ConfigError(f"{name} must not be negative, not {raw!r}")
    return value


@dataclass(frozen=True)
class Settings:
    db_path: Path = field(default_factory=default_db_path)
    telegram_token: str | None = field(default=None, repr=False)
    telegram_api_base_url: str | None = None
    admin_ids: frozenset[int] = frozenset()
    log_level: str = "INFO"
    feedback_db: Path | None = None  # None: beside db_path (see `feedback_path`)
    flood_limit: int = DEFAULT_FLOOD_LIMIT  # questions per user per minute; 0 turns the limit off
    webhook_url: str | None = None  # None: long polling
    webhook_secret: str | None = field(default=None, repr=False)
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = DEFAULT_WEBHOOK_PORT

    @property
    def feedback_path(self) -> Path:
        from .feedback import default_feedback_path

        return self.feedback_db or default_feedback_path(self.db_path)

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        admins = frozenset(
            int(part) for part in env.get("TELEGRAM_ADMIN_IDS", "").replace(",", " ").split()
            if part.strip().lstrip("-").isdigit()
        )
        return cls(
            db_path=Path(env["LAYOFFBOT_DB"]) if env.get("LAYOFFBOT_DB") else default_db_path(),
            telegram_token=env.get("TELEGRAM_BOT_TOKEN") or None,
            telegram_api_base_url=env.get("TELEGRAM_API_BASE_URL") or None,
            admin_ids=admins,
            log_level=env.get("LAYOFFBOT_LOG_LEVEL", "INFO").upper(),
            feedback_db=Path(env["LAYOFFBOT_FEEDBACK_DB"]) if env.get("LAYOFFBOT_FEEDBACK_DB") else None,
            flood_limit=_whole_number(env, "LAYOFFBOT_FLOOD_LIMIT", DEFAULT_FLOOD_LIMIT),
            webhook_url=env.get("LAYOFFBOT_WEBHOOK_URL") or None,
            webhook_secret=env.get("LAYOFFBOT_WEBHOOK_SECRET") or None,
            webhook_listen=env.get("LAYOFFBOT_WEBHOOK_LISTEN") or "0.0.0.0",
            webhook_port=_whole_number(env, "LAYOFFBOT_WEBHOOK_PORT", DEFAULT_WEBHOOK_PORT),
        )
