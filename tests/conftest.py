from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from bot.db import build_database
from bot.knowledge import bundled_knowledge_dir
from bot.service import FactBase

sys.path.insert(0, str(Path(__file__).parent))
SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


@pytest.fixture(scope="session")
def built_db(tmp_path_factory) -> Path:
    """The built-in fact base, compiled once per test session into a real SQLite file."""
    path = tmp_path_factory.mktemp("db") / "layoffbot.db"
    build_database(path, bundled_knowledge_dir())
    return path


@pytest.fixture(scope="session")
def factbase(built_db) -> FactBase:
    return FactBase.open(built_db, build_if_needed=False)


@pytest.fixture
def db_copy(built_db, tmp_path) -> Path:
    """A private copy of the built database for tests that write."""
    path = tmp_path / "layoffbot.db"
    shutil.copy(built_db, path)
    return path


@pytest.fixture
def isolated_env(tmp_path, monkeypatch):
    """No real user data directory or token leaks into a test."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("LAYOFFBOT_DB", raising=False)
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    monkeypatch.delenv("TELEGRAM_API_BASE_URL", raising=False)
    return tmp_path


@pytest.fixture
def bot_api():
    """A fake Telegram Bot API server on loopback for one test."""
    from fake_bot_api import TEST_TOKEN, FakeBotApi

    server = FakeBotApi(TEST_TOKEN).start()
    yield server
    server.stop()


def shared_file(*parts: str) -> Path:
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data not available: {path}")
    return path


os.environ.setdefault("LAYOFFBOT_LOG_LEVEL", "WARNING")
