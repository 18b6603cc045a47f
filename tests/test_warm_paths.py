"""What keeps a long-running bot's slowest questions fast at a million facts (benchmarks/speed.py prints the
numbers; these tests hold the behaviour): warming the lazily loaded tables, one analysis per question, and a
prefix search over WARN employers' names instead of a scan."""

from __future__ import annotations

import sqlite3
from contextlib import closing

from bot import analysis, language, matching
from bot.conversation import Conversation
from bot.service import WARM_UP, FactBase
from bot.warn import name_key, stem
from bot.warn_view import EmployerNames


def test_warm_loads_what_some_first_questions_would(built_db):
    # A fresh fact base in this process: the tables may already be loaded by other tests, so each is emptied.
    loaders = (language._t2s, analysis._english, analysis._english_place_names, analysis._chinese_place_names,
               analysis._pinyin_aliases)
    for loader in loaders:
        loader.cache_clear()
    factbase = FactBase.open(built_db, build_if_needed=False)
    seconds = factbase.warm()
    assert seconds >= 0
    for loader in loaders:
        assert loader.cache_info().currsize == 1, loader.__name__
    # ... by asking questions, whose answers are dropped: nothing else changes
    assert all(isinstance(q, str) and q for q in WARM_UP)
    answer, _ = factbase.ask("How many people did Amazon lay off in 2023?")
    assert answer.answered


def test_a_question_is_analysed_once_for_its_conversation_and_base(factbase, built_db):
    question, talk = "and why did they cut?", Conversation(entity_ids=("amazon",), topic="layoff-size")
    first = matching.analyse(factbase.index, question, talk)
    assert matching.analyse(factbase.index, question, talk) is first
    assert matching.analyse(factbase.index, question, Conversation()) is not first  # another conversation
    other = FactBase.open(built_db, build_if_needed=False)  # another base: never another base's analysis
    assert matching.analyse(other.index, question, talk) is not first
    assert matching.analyse(other.index, question, talk) == first


def test_employers_spelt_alike_are_found_by_prefix_as_by_a_scan(built_db):
    with closing(sqlite3.connect(f"file:{built_db}?mode=ro", uri=True)) as conn:
        employers = EmployerNames(conn)

    def scanned(words: str) -> list[str]:  # the plain scan `near` replaced
        first = stem(name_key(words)).split()[:1]
        if not first or len(first[0]) < 4:
            return []
        ids = {i for key, ids in employers.ids.items()
               if key.startswith(first[0] + " ") or key == first[0] for i in ids}
        return [employers.names[i] for i in sorted(ids, key=lambda i: (-employers.notices.get(i, 0),
                                                                          employers.names[i]))[:3]]

    keys = sorted(employers.ids)
    assert len(keys) > 1000
    asked = keys[::97] + ["general widgets", "amazon", "boeing co", "zz", "first national bank of nowhere"]
    assert [employers.near(k) for k in asked] == [scanned(k) for k in asked]
    assert any(employers.near(k) for k in asked)


def test_a_fuzzy_lookup_made_again_is_remembered_and_the_same(factbase):
    vocabulary = factbase.index.vocabulary
    for word in ("severence", "employes", "redundency", "xqzvw"):
        first = vocabulary.best(word, 80)
        assert vocabulary.best(word, 80) == first
        assert ("best", word, 80) in vocabulary._memo
        assert vocabulary.within_edits(word, 1) == vocabulary.within_edits(word, 1)
    assert vocabulary.best("severence", 80)[0] == "severance"
    assert vocabulary.best("xqzvw", 80) is None  # a miss is remembered too


def test_a_run_of_words_with_a_question_word_is_no_misspelt_name(factbase):
    # "did coinbsae" and "how many employes" are looked up no more: no alias holds a question word
    lookups = factbase.index.alias_choices._memo
    lookups.clear()
    answer, _ = factbase.ask("how many employes did coinbsae cut in 2022")
    assert answer.answered and answer.fact_ids[0].startswith("coinbase"), answer.fact_ids
    asked = {query for kind, query, _ in lookups if kind == "best"}
    assert "coinbsae" in asked
    assert not any(set(q.split()) & {"how", "many", "did"} for q in asked if " " in q), asked


def test_a_companys_rounds_are_read_once_until_the_database_changes(db_copy):
    import dataclasses

    from bot.views import company_rounds

    with closing(sqlite3.connect(f"file:{db_copy}?mode=ro", uri=True)) as reader:
        first = company_rounds(reader, "amazon")
        assert first and company_rounds(reader, "amazon") == first
        first[0].source_ids.append("changed by a caller")  # a caller's change is its own
        assert "changed by a caller" not in company_rounds(reader, "amazon")[0].source_ids
        assert company_rounds(reader, "amazon", 2023) == [r for r in company_rounds(reader, "amazon")
                                                          if r.date.startswith("2023")]
        with closing(sqlite3.connect(db_copy)) as writer, writer:  # a curator's write: read afresh
            writer.execute("insert into events (id, company_id, date, headcount, country, origin) values "
                           "('amazon-2030-01', 'amazon', '2030-01-15', 100, 'United States', 'curated')")
        after = company_rounds(reader, "amazon")
        assert [r.event_id for r in after][-1] == "amazon-2030-01"
        assert [dataclasses.replace(r, source_ids=[]) for r in after[:-1]] == \
            [dataclasses.replace(r, source_ids=[]) for r in company_rounds(reader, "amazon")[:-1]]
