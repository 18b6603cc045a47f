"""All configuration, read once from environment variables into one frozen dataclass."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


def default_db_path() -> Path:
    """Per-user data directory (XDG on Linux), e.g. ~/.local/share/layoffbot/layoffbot.db."""
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "layoffbot" / "layoffbot.db"


@dataclass(frozen=True)
class Settings:
    db_path: Path = field(default_factory=default_db_path)
    telegram_token: str | None = field(default=None, repr=False)
    telegram_api_base_url: str | None = None
    admin_ids: frozenset[int] = frozenset()
    log_level: str = "INFO"

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
        )
