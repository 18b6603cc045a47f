"""Several rounds of one company: `part_of` (a round counted inside another), honest totals, and the
answer that leads with one round, totals them in one line and lists the rest."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from bot.cli import cli
from bot.db import build_database
from bot.knowledge import KnowledgeError, load_knowledge

SOURCES = """\
sources:
  - id: example-2022-11-01-acme
    url: https://example.com/2022/acme-cuts
    title: "Acme to cut 1,000 jobs"
    publisher: Example News
    published: 2022-11-01
  - id: example-2023-01-05-acme
    url: https://example.com/2023/acme-3000
    title: "Acme's cuts reach 3,000"
    publisher: Example News
    published: 2023-01-05
  - id: example-2023-06-01-acme
    url: https://example.com/2023/acme-500
    publisher: Example Wire
    published: 2023-06-01
"""
COMPANY = """\
company:
  id: acme
  name: Acme
  country: United States
events:
  - id: acme-2022-11
    date: 2022-11-01
    headcount: 1000
    part_of: acme-2023-01
    sources: [example-2022-11-01-acme]
  - id: acme-2023-01
    date: 2023-01-05
    headcount: 3000
    summary: 3,000 in all, counting November's 1,000.
    sources: [example-2023-01-05-acme]
  - id: acme-2023-06
    date: 2023-06-01
    headcount: 500
    sources: [example-2023-06-01-acme]
"""


def _knowledge(tmp_path: Path, company: str = COMPANY) -> Path:
    directory = tmp_path / "knowledge"
    (directory / "companies").mkdir(parents=True)
    (directory / "companies" / "acme.yaml").write_text(SOURCES + company, encoding="utf-8")
    return directory


@pytest.fixture
def acme_db(tmp_path) -> Path:
    db = tmp_path / "acme.db"
    build_database(db, _knowledge(tmp_path))
    return db


def _problems(directory: Path) -> list[str]:
    with pytest.raises(KnowledgeError) as error:
        load_knowledge(directory)
    return error.value.problems


@pytest.mark.parametrize(("target", "problem"), [
    ("acme-2022-11", "acme-2022-11 cannot be part of itself"),
    ("acme-2099-01", "acme-2022-11 is part_of unknown event 'acme-2099-01'"),
])
def test_part_of_must_name_another_round(tmp_path, target, problem):
    company = COMPANY.replace("part_of: acme-2023-01", f"part_of: {target}", 1)
    problems = _problems(_knowledge(tmp_path, company))
    assert any(p.startswith("companies/acme.yaml:") and problem in p for p in problems), problems


def test_part_of_names_a_counted_round_not_one_that_is_itself_part_of_a_third(tmp_path):
    company = COMPANY.replace("    headcount: 500\n", "    headcount: 500\n    part_of: acme-2022-11\n")
    problems = _problems(_knowledge(tmp_path, company))
    assert any("acme-2023-06 is part_of acme-2022-11, which is itself part of acme-2023-01" in p for p in problems)


def test_part_of_of_another_company_is_refused(tmp_path):
    other = "\n".join(["company:", "  id: beta", "  name: Beta", "events:", "  - id: beta-2023-01",
                       "    date: 2023-01-01", "    part_of: acme-2023-01", "    sources: [example-2023-01-05-acme]"])
    directory = _knowledge(tmp_path)
    (directory / "companies" / "beta.yaml").write_text(other + "\n", encoding="utf-8")
    assert any("beta-2023-01 is part_of acme-2023-01, a round of another company" in p for p in _problems(directory))


def test_part_of_is_stored_curated_and_exported(acme_db, tmp_path, isolated_env):
    with closing(sqlite3.connect(acme_db)) as conn:
        assert conn.execute("select part_of from events where id = 'acme-2022-11'").fetchone() == ("acme-2023-01",)
    runner = CliRunner()

    def kb(*args):
        return runner.invoke(cli, ["kb", *args, "--db", str(acme_db)])

    refused = kb("edit", "acme-2023-06", "--part-of", "acme-2022-11")
    assert refused.exit_code != 0 and "which is itself part of acme-2023-01" in refused.output
    assert kb("edit", "acme-2023-06", "--part-of", "acme-2023-01").exit_code == 0
    added = kb("add", "--company", "acme", "--id", "acme-2023-02", "--date", "2023-02", "--headcount", "200",
               "--part-of", "acme-2023-01", "--source", "example-2023-01-05-acme")
    assert added.exit_code == 0, added.output
    assert kb("export", str(tmp_path / "export")).exit_code == 0
    events = yaml.safe_load((tmp_path / "export" / "companies" / "acme.yaml").read_text(encoding="utf-8"))["events"]
    assert {e["id"]: e.get("part_of") for e in events} == {
        "acme-2022-11": "acme-2023-01", "acme-2023-01": None, "acme-2023-06": "acme-2023-01",
        "acme-2023-02": "acme-2023-01"}
