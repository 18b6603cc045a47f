"""A build derives the search index in a forked child process while it adds the WARN registers
(bot.fts `start_index`, `in_child`): the rows stored are those the index derived in process gives,
and a failed or abandoned child costs nothing but time."""

import os
import signal
import sqlite3
from contextlib import closing

import pytest

from bot import fts

SEARCH_TABLES = ("search_entities", "search_aliases", "search_terms", "search_documents", "search_state")


@pytest.fixture
def forking(monkeypatch):
    """Fork even in a test worker that runs other threads (the child only computes and writes a pipe)."""
    if not hasattr(os, "fork"):
        pytest.skip("no fork on this platform")
    monkeypatch.setattr(fts.threading, "active_count", lambda: 1)
    monkeypatch.setattr(fts.sys, "platform", "linux")


def _search_rows(conn: sqlite3.Connection) -> dict[str, list]:
    rows = {table: conn.execute(f"select * from {table} order by rowid").fetchall() for table in SEARCH_TABLES}
    rows["search_fts"] = conn.execute("select rowid from search_fts order by rowid").fetchall()
    return rows


def test_the_index_derived_in_a_child_is_stored_as_the_one_derived_in_process(built_db, db_copy, forking,
                                                                                monkeypatch):
    with closing(sqlite3.connect(built_db)) as conn:
        expected = _search_rows(conn)
    with closing(sqlite3.connect(db_copy, isolation_level=None)) as conn:
        conn.execute("begin")
        for table in (*SEARCH_TABLES, "search_fts"):
            conn.execute(f"drop table {table}")
        started = []
        real = fts.in_child
        monkeypatch.setattr(fts, "in_child", lambda work: started.append(real(work)) or started[-1])
        finish = fts.start_index(conn)
        assert started and started[0] is not None  # a child was forked
        finish()
        conn.execute("commit")
        assert _search_rows(conn) == expected


def test_a_child_returns_what_its_work_returns_as_json_decodes_it(forking):
    result = fts.in_child(lambda: {"rows": [("a", 1, 2.5, None)]})
    assert result is not None and result() == {"rows": [["a", 1, 2.5, None]]}


def test_a_failed_child_says_none_and_a_cancelled_one_is_reaped(forking):
    def fail():
        raise ValueError("no index today")

    failed = fts.in_child(fail)
    assert failed is not None and failed() is None
    cancelled = fts.in_child(signal.pause)  # waits for a signal: only the kill ends it
    assert cancelled is not None and cancelled(cancel=True) is None


def test_nothing_is_forked_while_other_threads_run(monkeypatch):
    monkeypatch.setattr(fts.threading, "active_count", lambda: 2)
    assert fts.in_child(lambda: 1) is None
