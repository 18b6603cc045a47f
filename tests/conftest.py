from __future__ import annotations

import os
import shutil
import sys
from contextlib import closing
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
def curated_db(built_db, tmp_path_factory):
    """The built-in base without the built-in WARN registers: the figures below are checked against
    plain SQL over events, which holds only where no imported rows are folded into a round (the
    merging itself is tested with real imports further down)."""
    import shutil
    import sqlite3

    path = tmp_path_factory.mktemp("curated") / "layoffbot.db"
    shutil.copy(built_db, path)
    with closing(sqlite3.connect(path)) as c:
        warn_events = "select id from events where origin like 'warn-%'"
        c.execute(f"delete from citations where item_id in ({warn_events})")
        c.execute(f"delete from event_reports where event_id in ({warn_events})")
        c.execute("delete from events where origin like 'warn-%'")
        c.execute("delete from aliases where entity_id in (select id from companies where origin = 'warn')")
        c.execute("delete from companies where origin = 'warn'")
        c.execute("delete from sources where origin like 'warn-%'")
        c.commit()
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
