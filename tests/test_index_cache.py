"""The index cache beside the database: reused when current, ignored when stale or damaged."""

from click.testing import CliRunner

from bot import service
from bot.cli import cli
from bot.service import FactBase

XHS = "How many employees did Xiaohongshu lay off?"


def count_index_builds(monkeypatch) -> list[int]:
    builds = []
    original = FactBase.from_connection.__func__

    def counting(cls, conn, path):
        builds.append(1)
        return original(cls, conn, path)

    monkeypatch.setattr(FactBase, "from_connection", classmethod(counting))
    return builds


def test_second_open_uses_the_cache_and_answers_the_same(db_copy, monkeypatch):
    builds = count_index_builds(monkeypatch)
    first = FactBase.open(db_copy, build_if_needed=False)
    second = FactBase.open(db_copy, build_if_needed=False)
    assert len(builds) == 1
    assert service._cache_path(db_copy).is_file()
    assert first.ask(XHS)[0].to_json() == second.ask(XHS)[0].to_json()


def test_a_curator_change_invalidates_the_cache(db_copy, monkeypatch):
    builds = count_index_builds(monkeypatch)
    FactBase.open(db_copy, build_if_needed=False)
    fact_id = FactBase.open(db_copy, build_if_needed=False).ask(XHS)[0].fact_ids[0]
    result = CliRunner().invoke(cli, ["kb", "retire", fact_id, "--db", str(db_copy)])
    assert result.exit_code == 0, result.output
    reopened = FactBase.open(db_copy, build_if_needed=False)
    assert len(builds) == 2
    assert fact_id not in reopened.ask(XHS)[0].fact_ids


def test_a_damaged_cache_is_ignored(db_copy, monkeypatch):
    FactBase.open(db_copy, build_if_needed=False)
    cache = service._cache_path(db_copy)
    cache.write_bytes(cache.read_bytes()[:64] + b"garbage")
    builds = count_index_builds(monkeypatch)
    assert FactBase.open(db_copy, build_if_needed=False).ask(XHS)[0].answered
    assert len(builds) == 1


def test_an_unwritable_directory_still_answers(db_copy, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError("read-only directory")

    monkeypatch.setattr(service.tempfile, "mkstemp", refuse)
    assert FactBase.open(db_copy, build_if_needed=False).ask(XHS)[0].answered
    assert not service._cache_path(db_copy).exists()
