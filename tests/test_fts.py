"""The stored search index (bot.fts): read from the database instead of derived at every start, the
same answers as the index built in memory, kept in step with curator writes, and never a reason to
replace or refuse a curator's database."""

import sqlite3
from contextlib import closing

import numpy as np
from click.testing import CliRunner

from bot import fts
from bot.cli import cli
from bot.db import _changed_since_build, ensure_database, read_meta
from bot.matching import FactIndex, match_rank_features
from bot.service import FactBase, read_index_inputs

QUESTIONS = [
    "how many did amazon lay off", "Why did Xiaohongshu lay people off?", "notice period for layoffs in California",
    "What is a WARN notice?", "how many ppl did amazn lay off in 2023", "阿里巴巴裁员多少人", "Did Klarna cut jobs?",
    "severance in china", "meta layoffs 2022", "What is the weather today?",
]


def _in_memory(path) -> FactIndex:
    with closing(sqlite3.connect(path)) as conn:
        conn.row_factory = sqlite3.Row
        return FactIndex.build(*read_index_inputs(conn))


def _search_state(path) -> dict:
    with closing(sqlite3.connect(path)) as conn:
        return dict(conn.execute("select key, value from search_state").fetchall())


def test_a_built_database_holds_its_index_and_opening_reads_it(built_db):
    with closing(sqlite3.connect(built_db)) as conn:
        assert fts.is_current(conn)
    factbase = FactBase.open(built_db, build_if_needed=False)
    assert isinstance(factbase.index.documents, fts._PerDocument)
    assert dict.__len__(factbase.index.documents) == 0  # nothing read before a question needs it
    assert len(factbase.index.documents) == int(_search_state(built_db)["documents"])


def test_the_stored_index_ranks_exactly_as_the_one_built_in_memory(built_db):
    stored = FactBase.open(built_db, build_if_needed=False).index
    memory = _in_memory(built_db)
    for question in QUESTIONS:
        match_s, scored_s, (candidates_s, matrix_s, _) = match_rank_features(stored, question)
        match_m, scored_m, (candidates_m, matrix_m, _) = match_rank_features(memory, question)
        assert candidates_s == candidates_m, question
        assert np.array_equal(matrix_s, matrix_m), question
        assert scored_s == scored_m and match_s == match_m, question


def test_curator_writes_make_it_stale_and_the_next_open_rebuilds_it(db_copy, isolated_env):
    before = _search_state(db_copy)["generation"]
    result = CliRunner().invoke(cli, [
        "kb", "add", "--id", "xiaohongshu-quokka", "--entity", "xiaohongshu", "--topic", "context", "--as-of",
        "2022-04", "--claim", "Xiaohongshu's office keeps a quokka named Pip "
        "[insider-2022-04-22-xiaohongshu-layoffs].", "--question", "Does Xiaohongshu keep a quokka?",
        "--db", str(db_copy)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    with closing(sqlite3.connect(db_copy)) as conn:
        assert not fts.is_current(conn)
    assert _search_state(db_copy)["generation"] != before
    answer, _ = FactBase.open(db_copy, build_if_needed=False).ask("Does Xiaohongshu keep a quokka?")
    assert answer.to_json()["facts"][0] == "xiaohongshu-quokka"
    with closing(sqlite3.connect(db_copy)) as conn:
        assert fts.is_current(conn)
        assert conn.execute("select 1 from search_documents where id = 'xiaohongshu-quokka'").fetchone()


def test_an_index_derived_by_other_text_rules_is_stale_and_rebuilt(db_copy):
    # An upgrade that changes normalisation or the lexicon must not leave facts indexed by the old
    # rules while questions are read by the new ones.
    with closing(sqlite3.connect(db_copy)) as conn, conn:
        conn.execute("update search_state set value = ? where key = 'version'", ('"3+an-older-layoffbot"',))
    with closing(sqlite3.connect(db_copy)) as conn:
        assert not fts.is_current(conn)
    FactBase.open(db_copy, build_if_needed=False)
    with closing(sqlite3.connect(db_copy)) as conn:
        assert fts.is_current(conn)
    assert _search_state(db_copy)["version"] == f'"{fts.INDEX_VERSION}"'


def test_a_database_built_before_the_index_gets_it_and_stays_provably_pristine(db_copy):
    with closing(sqlite3.connect(db_copy)) as conn:  # as an older layoffbot left it
        for table in ("search_fts", "search_documents", "search_terms", "search_aliases", "search_entities",
                      "search_state"):
            conn.execute(f"drop table {table}")  # its triggers go with it
        from bot.db import fingerprint
        conn.execute("update meta set value = ? where key = 'fingerprint'", (fingerprint(conn),))
        conn.commit()
    ensure_database(db_copy)
    answer, _ = FactBase.open(db_copy, build_if_needed=False).ask("how many did amazon lay off")
    assert answer.to_json()["facts"]
    with closing(sqlite3.connect(db_copy)) as conn:
        assert fts.is_current(conn)
        assert _changed_since_build(conn, read_meta(db_copy)) is None  # still rebuilt on a content update


def test_an_index_that_cannot_be_stored_is_built_in_memory(db_copy, monkeypatch):
    with closing(sqlite3.connect(db_copy)) as conn:
        conn.execute("update facts set claim = claim where id = (select min(id) from facts)")
        conn.commit()
    monkeypatch.setattr(fts, "ensure_index", lambda path: False)  # as on a read-only file
    factbase = FactBase.open(db_copy, build_if_needed=False)
    assert not isinstance(factbase.index.documents, fts._PerDocument)
    assert factbase.ask("how many did amazon lay off")[0].to_json()["facts"]


def test_a_large_pool_of_entity_less_facts_is_narrowed_by_fts5_bm25(built_db, monkeypatch):
    monkeypatch.setattr(fts, "GENERAL_POOL", 3)
    index = FactBase.open(built_db, build_if_needed=False).index
    assert index.search_general is not None
    general = {d for d in index.by_entity[None]}
    match, _, (candidates, _, _) = match_rank_features(index, "What is a WARN notice?")
    assert 0 < len(set(candidates) & general) <= 3
    full = _in_memory(built_db)
    assert match.documents[:1] == match_rank_features(full, "What is a WARN notice?")[0].documents[:1]


def test_questions_read_only_the_documents_they_need(built_db):
    stored = FactBase.open(built_db, build_if_needed=False).index
    memory = _in_memory(built_db)
    for year in (2022, 2023, 2025):
        assert stored.size_facts_of_year(year)[:3] == memory.size_facts_of_year(year)[:3]
    for question in [*QUESTIONS, "which layoffs happened in 2023 in atlantis?"]:
        match_rank_features(stored, question)
    assert not stored.documents.loader.complete
    assert dict.__len__(stored.documents) < len(memory.documents) / 2


def test_another_programs_database_is_not_touched(tmp_path):
    other = tmp_path / "other.db"
    with closing(sqlite3.connect(other)) as conn:
        conn.execute("create table facts (id text, claim text)")
        conn.commit()
    before = other.read_bytes()
    assert fts.ensure_index(other) is False
    assert other.read_bytes() == before
