"""Chinese claims (`claim_zh`) and sources whose headline nobody saw: loaded, stored, shown, curated."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.answer import Citation, compose_answer, render_html, render_plain
from bot.cli import cli
from bot.db import build_database
from bot.matching import Conversation, Document, Match
from bot.service import FactBase

KNOWLEDGE = """\
sources:
  - id: example-2023-01-02-acme
    url: https://example.com/2023/acme-cuts
    title: "Acme cuts 100 jobs"
    publisher: Example News
    published: 2023-01-02
  - id: wire-2023-01-03-acme
    url: https://wire.example.org/acme
    publisher: Example Wire
    published: 2023-01-03
company:
  id: acme
  name: Acme
  aliases: [Acme Corp, 阿克米]
facts:
  - id: acme-layoff-2023-reason
    topic: layoff-reason
    as_of: 2023-01-02
    claim: Acme said it cut 100 jobs to save money [example-2023-01-02-acme] [wire-2023-01-03-acme].
    claim_zh: Acme 表示，裁员 100 人是为了节省开支 [example-2023-01-02-acme] [wire-2023-01-03-acme]。
    questions: [Why did Acme cut jobs?, Acme 为什么裁员？]
    sources: [example-2023-01-02-acme, wire-2023-01-03-acme]
"""


@pytest.fixture
def acme_db(tmp_path) -> Path:
    knowledge = tmp_path / "knowledge"
    (knowledge / "companies").mkdir(parents=True)
    (knowledge / "companies" / "acme.yaml").write_text(KNOWLEDGE, encoding="utf-8")
    db = tmp_path / "acme.db"
    build_database(db, knowledge)
    return db


def _doc(**changes) -> Document:
    fields = dict(id="f1", kind="fact", entity_id="acme", topic="layoff-reason", as_of="2023-01-02",
                  claim="Acme cut 100 jobs [a].", questions=(), source_ids=("a",),
                  claim_zh="Acme 裁员 100 人 [a]。")
    fields.update(changes)
    return Document(**fields)


MARKS = "[example-2023-01-02-acme] [wire-2023-01-03-acme]"
SOURCES = {"a": type("S", (), {"title": "", "publisher": "Example Wire", "published": "2023-01-03",
                               "url": "https://wire.example.org/acme"})()}


def _answer(question: str, doc: Document):
    match = Match(True, 0.9, (doc,), ("acme",), "layoff-reason", (), Conversation())
    return compose_answer(question, match, SOURCES, {"acme": "Acme"})


def test_a_chinese_question_gets_the_chinese_claim_with_the_same_citations():
    answer = _answer("Acme 为什么裁员？", _doc())
    assert answer.claims == ("Acme 裁员 100 人 [1]。",)
    assert answer.citations[0].url == "https://wire.example.org/acme"


def test_traditional_chinese_gets_it_in_traditional_script_and_english_keeps_the_english_claim():
    assert "裁員" in render_plain(_answer("Acme 為什麼裁員？", _doc()))
    assert _answer("Why did Acme cut jobs?", _doc()).claims == ("Acme cut 100 jobs [1].",)


def test_a_fact_without_chinese_wording_keeps_the_english_lead_in():
    answer = _answer("Acme 为什么裁员？", _doc(claim_zh=None))
    assert "Acme cut 100 jobs [1]." in answer.claims[0] and answer.claims[0] != "Acme cut 100 jobs [1]."


def test_a_source_without_a_headline_is_cited_by_publisher_date_and_address():
    citation = Citation(1, "", "Example Wire", "2023-01-03", "https://wire.example.org/acme")
    answer = _answer("Why did Acme cut jobs?", _doc())
    assert "[1] Example Wire, 2023-01-03. https://wire.example.org/acme" in render_plain(answer)
    assert "\u201c\u201d" not in render_plain(answer)
    html = render_html(answer)
    assert '<a href="https://wire.example.org/acme">Example Wire</a>, 2023-01-03' in html
    assert citation.title == ""


def test_the_built_base_stores_and_answers_with_claim_zh(acme_db):
    factbase = FactBase.open(acme_db, build_if_needed=False)
    answer, _ = factbase.ask("Acme 为什么裁员？")
    assert answer.answered and answer.claims[0].startswith("Acme 表示，裁员 100 人是为了节省开支 [1] [2]")
    english, _ = factbase.ask("Why did Acme cut jobs?")
    assert english.claims[0].startswith("Acme said it cut 100 jobs")
    assert [c.title for c in english.citations] == ["Acme cuts 100 jobs", ""]


def test_kb_edit_claim_zh_checks_figures_and_export_keeps_it(acme_db, tmp_path):
    runner = CliRunner()
    bad = runner.invoke(cli, ["kb", "edit", "acme-layoff-2023-reason", "--db", str(acme_db),
                              "--claim-zh", f"Acme 裁员一百人 {MARKS}。"])
    assert bad.exit_code == 1 and "lacks the figure(s) 100" in bad.output
    good = runner.invoke(cli, ["kb", "edit", "acme-layoff-2023-reason", "--db", str(acme_db),
                               "--claim-zh", f"为节省开支，Acme 裁员 100 人 {MARKS}。"])
    assert good.exit_code == 0, good.output
    out = tmp_path / "exported"
    exported = runner.invoke(cli, ["kb", "export", str(out), "--db", str(acme_db)])
    assert exported.exit_code == 0, exported.output
    text = "".join(p.read_text(encoding="utf-8") for p in out.rglob("*.yaml"))
    assert "claim_zh: 为节省开支，Acme 裁员 100 人" in text
    assert "title: ''" not in text and 'title: ""' not in text


def test_a_database_built_before_claim_zh_keeps_working_and_gains_it_on_first_write(acme_db):
    with closing(sqlite3.connect(acme_db)) as conn:  # what an older layoffbot built: no claim_zh, no stored index
        for table in ("facts", "rules"):
            conn.execute(f"alter table {table} drop column claim_zh")
        for (trigger,) in conn.execute("select name from sqlite_master where type = 'trigger' "
                                       "and name like 'search%'").fetchall():
            conn.execute(f"drop trigger {trigger}")
        conn.execute("drop table if exists search_fts")
        for (table,) in conn.execute("select name from sqlite_master where type = 'table' "
                                     "and name like 'search%'").fetchall():
            conn.execute(f"drop table {table}")
        conn.commit()
    answer, _ = FactBase.open(acme_db, build_if_needed=False).ask("Acme 为什么裁员？")
    assert answer.answered and "Acme said it cut 100 jobs" in answer.claims[0]
    result = CliRunner().invoke(cli, ["kb", "edit", "acme-layoff-2023-reason", "--db", str(acme_db),
                                      "--claim-zh", f"Acme 裁员 100 人 {MARKS}。"])
    assert result.exit_code == 0, result.output
    answer, _ = FactBase.open(acme_db, build_if_needed=False).ask("Acme 为什么裁员？")
    assert answer.claims[0].startswith("Acme 裁员 100 人 [1] [2]")


def test_a_claim_that_names_another_item_by_its_id_is_warned_about(tmp_path):
    from bot.knowledge import load_knowledge

    knowledge = tmp_path / "knowledge"
    (knowledge / "companies").mkdir(parents=True)
    text = KNOWLEDGE.replace("to save money [", "to save money (see acme-layoff-2023-reason) [", 1).replace(
        "是为了节省开支 [", "是为了节省开支（见 acme-layoff-2023-reason）[", 1)
    (knowledge / "companies" / "acme.yaml").write_text(text, encoding="utf-8")
    warnings = load_knowledge(knowledge).warnings
    assert any("names acme-layoff-2023-reason in its text" in w and w.startswith("companies/acme.yaml:")
               for w in warnings), warnings
