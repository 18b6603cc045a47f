"""`layoffbot kb import`: the three formats, the real files, bad rows, and a killed import."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import pty
import shutil
import signal
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import shared_file

from bot.cli import cli
from bot.db import ensure_database
from bot.importers import WARN_AGENCIES, ImportFailed, import_file, publisher_for
from bot.service import FactBase

LAYOFFS_HEADER = ["company", "location", "total_laid_off", "date", "percentage_laid_off", "industry", "source",
                  "stage", "funds_raised", "country", "date_added"]
CA_HEADER = ["state", "employer_name", "location", "notice_date", "effective_date", "employees_affected",
             "layoff_type", "is_temporary", "is_amendment", "is_amended", "current_version", "source_url",
             "source_notice_id", "dedupe_key", "first_seen", "last_seen"]
WIDE_HEADER = [
    "state", "employer_name", "normalized_name", "canonical_name", "canonical_basis", "industry", "naics",
    "naics_basis", "naics_level", "cik", "ticker", "cik_match", "sic", "sic_description", "ein", "ntee", "lei",
    "wikidata_qid", "wikidata_match", "parent_company", "parent_cik", "identity_source", "employer_key",
    "place_name", "place_fips", "county_name", "county_fips", "latitude", "longitude", "geo_basis", "location",
    "site_address", "notice_date", "effective_date", "employees_affected", "layoff_type", "is_temporary",
    "is_amendment", "is_amended", "current_version", "source_url", "source_notice_id", "dedupe_key",
    "first_seen", "last_seen",
]
ALL_TABLES = ("meta", "sources", "companies", "jurisdictions", "aliases", "events", "event_reports", "facts",
              "rules", "citations")


def write_csv(path: Path, header: list[str], rows: list[dict]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=header, restval="")
        writer.writeheader()
        writer.writerows(rows)
    return path


def layoff(company, date, total="", share="", source="https://techcrunch.com/2022/x", **more) -> dict:
    return {"company": company, "location": "Stockholm, Non-U.S.", "total_laid_off": total, "date": date,
            "percentage_laid_off": share, "industry": "Finance", "source": source, "country": "Sweden",
            "date_added": date, **more}


def snapshot(db_path: Path) -> dict:
    """Row counts of every table, and SQLite's own integrity verdict."""
    with closing(sqlite3.connect(db_path)) as conn:
        counts = {t: conn.execute(f"select count(*) from {t}").fetchone()[0] for t in ALL_TABLES}  # noqa: S608
        counts["integrity"] = conn.execute("pragma integrity_check").fetchone()[0]
        counts["curated"] = conn.execute("select value from meta where key = 'curated'").fetchone()
    return counts


def query(db_path: Path, sql: str, *args) -> list[tuple]:
    with closing(sqlite3.connect(db_path)) as conn:
        return conn.execute(sql, args).fetchall()


@pytest.fixture
def run(isolated_env):
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(cli, [str(a) for a in args], catch_exceptions=False)
    return invoke


# -- layoffs.fyi ------------------------------------------------------------------------------------

def test_layoffs_rows_become_cited_events(db_copy, tmp_path, run):
    curated = query(db_copy, "select e.id, e.date, e.headcount, c.name from events e join companies c "
                             "on c.id = e.company_id where length(e.date) = 10 and e.headcount is not null "
                             "and e.origin not like 'import:%' order by e.id limit 1")[0]
    curated_id, curated_date, curated_headcount, curated_name = curated
    us_date = dt.date.fromisoformat(curated_date).strftime("%-m/%-d/%Y")
    path = write_csv(tmp_path / "layoffs.csv", LAYOFFS_HEADER, [
        layoff("  Vindelpay ", "5/23/2022", "700.0", "0.1", "https://www.reuters.com/vindelpay-700"),
        layoff("Vindelpay", "5/23/2022", "700.0", "0.1", "https://www.reuters.com/vindelpay-700"),  # duplicate row
        layoff("Vindelpay", "9/22/2022", "100.0", "", "https://sifted.eu/articles/vindelpay-second-round-layoffs/"),
        layoff("Meta", "1/2/2021", "", "", "https://www.theverge.com/meta-2021"),  # existing company, no figures
        layoff(curated_name, us_date, str(curated_headcount + 1), "", "https://example.com/other-count"),
        layoff("Quietco", "3/4/2023", "12", "", "Internal memo"),  # no URL: skipped, not malformed
    ])
    result = run("kb", "import", path, "--format", "layoffs", "--db", db_copy)
    assert result.exit_code == 0, result.output
    assert "read 6, imported 3, merged 2, skipped 1 (source is not a URL: 1)" in result.output

    events = {r[0]: r[1:] for r in query(db_copy, "select id, company_id, date, headcount, percent, place, country "
                                                  "from events where origin = 'import:layoffs:layoffs.csv'")}
    assert events == {
        "lfyi-vindelpay-2022-05-23": ("vindelpay", "2022-05-23", 700, 10.0, "Stockholm", "Sweden"),
        "lfyi-vindelpay-2022-09-22": ("vindelpay", "2022-09-22", 100, None, "Stockholm", "Sweden"),
        "lfyi-meta-2021-01-02": ("meta", "2021-01-02", None, None, "Stockholm", "Sweden"),
    }
    assert query(db_copy, "select alias from aliases where entity_id = 'vindelpay'") == [("Vindelpay",)]
    source = query(db_copy, "select s.title, s.publisher, s.published, s.url from citations c join sources s "
                            "on s.id = c.source_id where c.item_id = 'lfyi-vindelpay-2022-05-23'")
    assert source == [("Report cited by layoffs.fyi for Vindelpay (2022-05-23)", "Reuters", "2022-05-23",
                       "https://www.reuters.com/vindelpay-700")]
    # A figure that disagrees with a curated event of the same day stays beside it, with its source.
    reports = query(db_copy, "select headcount from event_reports where event_id = ? order by position", curated_id)
    assert (curated_headcount + 1,) in reports and len(reports) >= 2
    assert snapshot(db_copy)["curated"] == ("1",)

    again = run("kb", "import", path, "--format", "layoffs", "--db", db_copy)
    assert "imported 0, merged 5, skipped 1" in again.output  # the same file twice adds nothing
    assert len(query(db_copy, "select id from events where origin like 'import:%'")) == 3

    answer = json.loads(run("ask", "--json", "How many people did Vindelpay lay off?", "--db", db_copy).output)
    assert answer["answered"] and answer["facts"][0].startswith("lfyi-vindelpay-")
    assert {c["url"] for c in answer["citations"]} <= {"https://www.reuters.com/vindelpay-700",
                                                        "https://sifted.eu/articles/vindelpay-second-round-layoffs/"}
    assert answer["citations"]


def test_curated_flag_keeps_imports_from_being_rebuilt_away(db_copy, tmp_path):
    path = write_csv(tmp_path / "l.csv", LAYOFFS_HEADER, [layoff("Vindelpay", "5/23/2022", "700")])
    import_file(db_copy, path, "layoffs")
    with closing(sqlite3.connect(db_copy)) as conn, conn:
        conn.execute("update meta set value = 'outdated' where key = 'content_hash'")
    ensure_database(db_copy)
    assert query(db_copy, "select id from events where company_id = 'vindelpay'") == [("lfyi-vindelpay-2022-05-23",)]


def test_new_company_ids_do_not_clash(db_copy, tmp_path):
    path = write_csv(tmp_path / "l.csv", LAYOFFS_HEADER, [layoff("Cn", "5/23/2022", "70")])  # "cn" is China's id
    import_file(db_copy, path, "layoffs")
    assert query(db_copy, "select company_id from events where origin like 'import:%'") == [("cn-2",)]


def test_a_company_named_like_an_everyday_word_gets_no_alias(db_copy, tmp_path, run):
    path = write_csv(tmp_path / "l.csv", LAYOFFS_HEADER, [layoff("On", "5/23/2022", "70")])
    result = run("kb", "import", path, "--format", "layoffs", "--db", db_copy)
    assert "1 new company name(s) are everyday words and got no alias" in result.output
    assert query(db_copy, "select id, name from companies where origin like 'import:%'") == [("on", "On")]
    assert query(db_copy, "select alias from aliases where entity_id = 'on'") == []


@pytest.mark.parametrize(("url", "publisher"), [
    ("https://www.reuters.com/a", "Reuters"), ("https://techcrunch.com/a", "TechCrunch"),
    ("https://finance.yahoo.com/a", "Yahoo Finance"), ("https://news.example.org/a", "news.example.org"),
])
def test_publisher_from_domain(url, publisher):
    assert publisher_for(url) == publisher


# -- WARN notices -----------------------------------------------------------------------------------

def test_warn_both_schemas(db_copy, tmp_path, run):
    def notice(**values):
        return {"state": "WA", "source_url": "https://esd.wa.gov/about-employees/WARN", "layoff_type": "closure",
                "is_temporary": "0", "is_amendment": "0", "is_amended": "0", "current_version": "1", **values}

    wide = write_csv(tmp_path / "wa.csv", WIDE_HEADER, [
        notice(employer_name="Acme Rockets, Inc.", location="Seattle", notice_date="2023-01-10",
               effective_date="2023-03-10", employees_affected="120", dedupe_key="k1", source_notice_id="n1",
               employer_key="n:acme rockets"),
        # The same notice listed again, in a later version: kept once, the later version wins.
        notice(employer_name="Acme Rockets, Inc.", location="Seattle", notice_date="2023-01-10",
               effective_date="2023-03-10", employees_affected="125", dedupe_key="k2", source_notice_id="n1",
               employer_key="n:acme rockets", current_version="2", is_amended="1"),
        # An amendment to that notice updates its figure instead of counting the same people twice.
        notice(employer_name="UPDATED: Acme Rockets", location="Seattle", notice_date="2023-02-01",
               employees_affected="130", dedupe_key="k3", source_notice_id="n3", is_amendment="1",
               employer_key="n:acme rockets"),
        notice(employer_name="Beta Mills", location="Spokane", notice_date="", employees_affected="5",
               dedupe_key="k4", source_notice_id="n4"),
    ])
    result = run("kb", "import", wide, "--format", "warn", "--db", db_copy)
    assert result.exit_code == 0, result.output
    assert "read 4, imported 1, merged 2, skipped 1 (no notice date: 1)" in result.output
    [(event_id, headcount, place, country, summary)] = query(
        db_copy, "select id, headcount, place, country, summary from events where origin = 'import:warn:wa.csv'")
    assert event_id == "warn-wa-acme-rockets-inc-2023-01-10"
    assert (headcount, place, country) == (130, "Seattle", "United States")
    assert "effective 2023-03-10" in summary and "amended 2023-02-01" in summary
    assert query(db_copy, "select s.publisher, s.published, s.url from citations c join sources s on "
                          "s.id = c.source_id where c.item_id = ?", event_id) == [
        ("Washington Employment Security Department", "2023-01-10", "https://esd.wa.gov/about-employees/WARN")]

    narrow = write_csv(tmp_path / "ca.csv", CA_HEADER, [
        {"state": "CA", "employer_name": "Meta Platforms, Inc.", "location": "Menlo Park",
         "notice_date": "2022-11-09", "effective_date": "2023-01-09", "employees_affected": "741",
         "layoff_type": "mass_layoff", "is_amendment": "0", "current_version": "1",
         "source_url": "https://edd.ca.gov/en/Jobs_and_Training/Layoff_Services_WARN", "dedupe_key": "c1"},
        {"state": "CA", "employer_name": "Meta Platforms, Inc.", "location": "San Francisco",
         "notice_date": "2022-11-09", "effective_date": "2023-01-09", "employees_affected": "",
         "layoff_type": "mass_layoff", "is_amendment": "0", "current_version": "1",
         "source_url": "https://edd.ca.gov/en/Jobs_and_Training/Layoff_Services_WARN", "dedupe_key": "c2"},
    ])
    result = run("kb", "import", narrow, "--format", "warn", "--db", db_copy)
    assert "read 2, imported 2, merged 0, skipped 0" in result.output
    rows = query(db_copy, "select id, company_id, headcount from events where origin = 'import:warn:ca.csv' "
                          "order by id")
    # One event per notice (one per site), matched to the existing company through its aliases.
    assert rows == [("warn-ca-meta-2022-11-09", "meta", 741), ("warn-ca-meta-2022-11-09-2", "meta", None)]


# -- FAQ --------------------------------------------------------------------------------------------

FAQ_HEADER = ["id", "question", "answer", "source_url", "source_title", "published"]


def test_faq_rows_become_general_facts(db_copy, tmp_path, run):
    path = write_csv(tmp_path / "faq.csv", FAQ_HEADER, [
        {"id": "acme-faq-parking", "question": "Can laid-off Acme staff keep their parking badge for a month?",
         "answer": "Yes, Acme badges stay active for thirty days after the last working day."},
        {"id": "acme-faq-laptop", "question": "Do Acme leavers have to return their laptop?",
         "answer": "Leavers return laptops within a week.", "source_url": "https://intranet.example.com/it",
         "source_title": "IT leaver checklist", "published": "2024-02-01"},
        {"id": "acme-faq-laptop", "question": "When is my Acme notebook due back?",  # another phrasing
         "answer": "Leavers return laptops within a week.", "source_url": "https://intranet.example.com/it",
         "source_title": "IT leaver checklist", "published": "2024-02-01"},
    ])
    result = run("kb", "import", path, "--format", "faq", "--db", db_copy, "--source-url",
                 "https://intranet.example.com/hr-faq", "--source-title", "Acme HR FAQ",
                 "--source-published", "2024-01-15")
    assert result.exit_code == 0, result.output
    assert "read 3, imported 2, merged 1, skipped 0" in result.output
    facts = query(db_copy, "select id, entity_id, topic, claim, questions from facts where origin like 'import:%' "
                           "order by id")
    assert [f[:3] for f in facts] == [("acme-faq-laptop", None, "faq"),
                                      ("acme-faq-parking", None, "faq")]
    assert json.loads(facts[1][4]) == ["Can laid-off Acme staff keep their parking badge for a month?"]
    assert json.loads(facts[0][4]) == ["Do Acme leavers have to return their laptop?",
                                       "When is my Acme notebook due back?"]
    answer = json.loads(run("ask", "--json", "Can laid-off Acme staff keep their parking badge for a month?",
                            "--db", db_copy).output)
    assert answer["answered"] and answer["facts"] == ["acme-faq-parking"]
    assert answer["citations"] == [{"title": "Acme HR FAQ", "publisher": "intranet.example.com",
                                    "published": "2024-01-15", "url": "https://intranet.example.com/hr-faq"}]
    laptop = json.loads(run("ask", "--json", "Do Acme leavers have to return their laptop?", "--db", db_copy).output)
    assert laptop["facts"] == ["acme-faq-laptop"] and laptop["citations"][0]["title"] == "IT leaver checklist"


@pytest.mark.parametrize(("row", "problem"), [
    ({"id": "../Q1", "question": "q?", "answer": "a"}, "id '../Q1' contains a path separator or '..'"),
    ({"id": "x" * 121, "question": "q?", "answer": "a"}, "is 121 characters long (at most 120)"),
    ({"id": "Q\x01", "question": "q?", "answer": "a"}, "contains a control character"),
    ({"id": "meta", "question": "q?", "answer": "a"}, "id 'meta' is already used by the fact base"),
    ({"id": "faq-x", "question": "", "answer": "a"}, "question is empty"),
    ({"id": "faq-x", "question": "q?", "answer": "a", "published": "1 May"}, "published '1 May' is not a date"),
    ({"id": "faq-x", "question": "q?", "answer": "a", "source_url": "intranet/page"}, "is not an http(s) address"),
])
def test_faq_bad_rows(db_copy, tmp_path, row, problem):
    path = write_csv(tmp_path / "faq.csv", FAQ_HEADER, [row])
    with pytest.raises(ImportFailed) as failure:
        import_file(db_copy, path, "faq", source_url="https://example.com/faq", source_title="FAQ",
                    source_published="2024-01-15")
    [only] = failure.value.problems
    assert only.startswith(f"{path}:2: ") and problem in only


def test_faq_same_id_with_another_answer_is_bad(db_copy, tmp_path):
    path = write_csv(tmp_path / "faq.csv", FAQ_HEADER, [
        {"id": "faq-x", "question": "q1?", "answer": "one"}, {"id": "faq-x", "question": "q2?", "answer": "two"}])
    with pytest.raises(ImportFailed) as failure:
        import_file(db_copy, path, "faq", source_url="https://example.com/faq", source_title="FAQ",
                    source_published="2024-01-15")
    assert failure.value.problems == [f"{path}:3: id 'faq-x' is used by an earlier row with a different answer"]


def test_faq_needs_a_dated_source(db_copy, tmp_path):
    path = write_csv(tmp_path / "faq.csv", ["id", "question", "answer"], [{"id": "f", "question": "q", "answer": "a"}])
    with pytest.raises(ImportFailed, match=r"faq.csv:2: no source URL"):
        import_file(db_copy, path, "faq")
    with pytest.raises(ImportFailed, match=r"faq.csv:2: no date: fill published or pass --source-published"):
        import_file(db_copy, path, "faq", source_url="https://example.com/faq", source_title="FAQ")


# -- malformed files: nothing written, or only the good rows --------------------------------------

def malformed_layoffs(tmp_path: Path) -> Path:
    path = tmp_path / "bad.csv"
    path.write_text(
        ",".join(LAYOFFS_HEADER) + "\n"
        + 'Vindelpay,"Stockholm,\nSweden",700,5/23/2022,0.1,Finance,https://sifted.eu/a,x,1,Sweden,5/23/2022\n'
        + "Acme,Oslo,12,31/12/2022,,Retail,https://sifted.eu/b,x,1,Norway,1/1/2023\n"  # line 4: day/month swapped
        + "Beta,Oslo,12,12/1/2022,1.5,Retail,https://sifted.eu/c,x,1,Norway,1/1/2023\n"  # line 5: 150%
        + "Gamma,Oslo,12,12/1/2022\n"  # line 6: short row
        + "Delta,Oslo,40,12/2/2022,,Retail,https://sifted.eu/d,x,1,Norway,1/1/2023\n",
        encoding="utf-8",
    )
    return path


def test_malformed_file_names_file_and_line_and_writes_nothing(db_copy, tmp_path, run):
    before = snapshot(db_copy)
    path = malformed_layoffs(tmp_path)
    result = run("kb", "import", path, "--format", "layoffs", "--db", db_copy)
    assert result.exit_code != 0
    assert f"{path}:4: date '31/12/2022' is not a date" in result.output
    assert f"{path}:5: percentage_laid_off '1.5' is outside 0..1" in result.output
    assert f"{path}:6: expected 11 fields, found 4" in result.output
    assert snapshot(db_copy) == before
    assert before["integrity"] == "ok"


def test_skip_bad_writes_the_good_rows_and_lists_the_bad(db_copy, tmp_path, run):
    path = malformed_layoffs(tmp_path)
    result = run("kb", "import", path, "--format", "layoffs", "--db", db_copy, "--skip-bad")
    assert result.exit_code == 0
    assert "read 5, imported 2, merged 0, skipped 3 (malformed: 3)" in result.output
    assert f"skipped {path}:5: percentage_laid_off" in result.output
    assert {r[0] for r in query(db_copy, "select company_id from events where origin like 'import:%'")} == {
        "vindelpay", "delta"}


def test_missing_columns_and_non_utf8(db_copy, tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("company,date\nAcme,1/1/2023\n", encoding="utf-8")
    with pytest.raises(ImportFailed, match=r"x.csv:1: missing column\(s\) location, total_laid_off"):
        import_file(db_copy, path, "layoffs", skip_bad=True)
    path.write_bytes(",".join(LAYOFFS_HEADER).encode() + b"\nAcme\xff,x\n")
    with pytest.raises(ImportFailed, match=r"x.csv:2: not UTF-8"):
        import_file(db_copy, path, "layoffs")


# -- the real files ---------------------------------------------------------------------------------

def test_real_layoffs_file_imports_and_answers_klarna(db_copy):
    path = shared_file("layoffs_fyi", "layoffs.csv")
    report = import_file(db_copy, path, "layoffs")
    assert report.read == 4277 and not report.bad_rows
    assert report.imported > 3500 and report.imported + report.merged + report.skipped == report.read
    assert set(report.skip_reasons) <= {"source is not a URL", "no source"}
    factbase = FactBase.open(db_copy)
    answer, _ = factbase.ask("How many people did Katerra lay off?")  # known only from the import
    assert answer.answered and answer.fact_ids[0].startswith("lfyi-katerra-")
    assert all(c.url.startswith("https://") for c in answer.citations) and answer.citations
    curated, _ = factbase.ask("How many people did Klarna lay off?")  # curated rounds come first
    assert curated.answered and curated.fact_ids[0].startswith("klarna-")
    assert snapshot(db_copy)["integrity"] == "ok"


@pytest.mark.parametrize("state", ["wa", "ny", "ma", "ca"])
def test_real_warn_files_import(curated_db, tmp_path, state):
    db = tmp_path / "without-warn.db"  # a base without the built-in registers: every notice is new
    shutil.copy(curated_db, db)
    path = shared_file("warn_notices", f"{state}.csv")
    report = import_file(db, path, "warn")
    assert not report.bad_rows and report.imported > 0 and report.already == 0
    assert report.imported + report.merged + report.skipped == report.read
    assert set(report.skip_reasons) <= {"no notice date"}
    publishers = query(db, "select distinct s.publisher from sources s where s.origin = ?",
                       f"import:warn:{state}.csv")
    assert publishers == [(WARN_AGENCIES[state.upper()],)]


@pytest.mark.parametrize("state", ["wa", "ma"])
def test_reimporting_a_built_in_register_adds_nothing(db_copy, state):
    events = query(db_copy, "select count(*) from events")
    report = import_file(db_copy, shared_file("warn_notices", f"{state}.csv"), "warn")
    assert report.imported == 0 and report.already > 0
    assert report.already + report.merged + report.skipped == report.read
    assert "already built in" in report.summary()
    assert query(db_copy, "select count(*) from events") == events
    assert query(db_copy, "select count(*) from sources where origin like 'import:warn:%'") == [(0,)]


# -- a killed import ----------------------------------------------------------------------------------

def test_killed_import_leaves_the_database_as_it_was(db_copy, tmp_path):
    big = tmp_path / "big.csv"
    with big.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(LAYOFFS_HEADER)
        for n in range(100_000):
            writer.writerow([f"Company {n:06d}", "Oslo", n % 900 + 10, "3/4/2023", "", "Retail",
                             f"https://example.com/{n}", "x", "1", "Norway", "3/4/2023"])
    before = snapshot(db_copy)
    journal = Path(f"{db_copy}-journal")
    # stderr on a terminal makes the command draw its progress bar, which appears only once rows
    # are being written inside the transaction: that is the moment to kill it.
    controller, terminal = pty.openpty()
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg"), "COLUMNS": "80"}
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "kb", "import", str(big), "--format", "layoffs", "--db", str(db_copy)],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=terminal, env=env,
    )
    os.close(terminal)
    seen = b""
    try:
        while b"Importing" not in seen:
            try:
                chunk = os.read(controller, 1024)
            except OSError:  # the terminal closed: the process ended before drawing progress
                chunk = b""
            assert chunk, f"the import ended before it was killed: {seen!r}"
            seen += chunk
        process.send_signal(signal.SIGKILL)
        process.wait()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(controller)
    assert process.returncode == -signal.SIGKILL
    assert journal.exists() or Path(f"{db_copy}-wal").exists()  # the transaction had not committed
    assert snapshot(db_copy) == before


# -- hostile CSV structure, FAQ text and ids as real exports write them ------------------------------

def hostile_faq(tmp_path: Path) -> Path:
    """Good rows around a stray quote (line 3) and a field over the csv module's limit (line 5)."""
    path = tmp_path / "hostile.csv"
    huge = "x" * (csv.field_size_limit() + 10)
    path.write_text(
        "id,question,answer\n"
        "F044,Can Acme staff keep their parking badge?,Yes for thirty days under Clause [3]; see note [a].\n"
        'F045,"Do Acme leavers keep the phone?,No\n'  # line 3: a quote that never closes
        "T000,Do Acme leavers return their laptop?,Within a week.\n"
        f"F046,Is this huge?,{huge}\n"
        "42,Does Acme pay unused holiday?,\"Yes, in the final pay.\"\n",
        encoding="utf-8",
    )
    return path


FAQ_SOURCE = ("--source-url", "https://intranet.example.com/hr-faq", "--source-title", "Acme HR FAQ",
              "--source-published", "2024-01-15")


def test_malformed_csv_structure_is_reported_per_row_and_writes_nothing(db_copy, tmp_path, run):
    before = snapshot(db_copy)
    path = hostile_faq(tmp_path)
    result = run("kb", "import", path, "--format", "faq", "--db", db_copy, *FAQ_SOURCE)
    assert result.exit_code == 1
    assert f"{path}:3: malformed CSV" in result.output
    assert f"{path}:5: malformed CSV (field larger than field limit" in result.output
    assert snapshot(db_copy) == before


def test_skip_bad_writes_the_good_rows_around_a_stray_quote_and_a_huge_field(db_copy, tmp_path, run):
    path = hostile_faq(tmp_path)
    result = run("kb", "import", path, "--format", "faq", "--db", db_copy, "--skip-bad", *FAQ_SOURCE)
    assert result.exit_code == 0, result.output
    assert f"skipped {path}:3: malformed CSV" in result.output
    assert f"skipped {path}:5: malformed CSV" in result.output
    assert sorted(r[0] for r in query(db_copy, "select id from facts where origin like 'import:faq:%'")) == [
        "42", "F044", "T000"]


def test_faq_brackets_stay_text_and_ids_stay_as_written(db_copy, tmp_path, run):
    path = hostile_faq(tmp_path)
    assert run("kb", "import", path, "--format", "faq", "--db", db_copy, "--skip-bad", *FAQ_SOURCE).exit_code == 0
    answer = json.loads(run("ask", "--json", "Can Acme staff keep their parking badge?", "--db", db_copy).output)
    assert answer["answered"] and answer["facts"] == ["F044"]
    assert "under Clause [3]; see note [a]." in answer["answer"]
    assert [c["title"] for c in answer["citations"]] == ["Acme HR FAQ"]
    assert answer["answer"].endswith("[1]")  # the one real citation, numbered after the text
    holiday = json.loads(run("ask", "--json", "Does Acme pay unused holiday?", "--db", db_copy).output)
    assert holiday["facts"] == ["42"] and holiday["citations"]
    validate = run("kb", "validate", "--db", db_copy)
    assert validate.exit_code == 0, validate.output
    assert "claim marks unknown source" not in validate.output


def test_imported_faq_survives_export_and_rebuild(db_copy, tmp_path, run):
    path = hostile_faq(tmp_path)
    assert run("kb", "import", path, "--format", "faq", "--db", db_copy, "--skip-bad", *FAQ_SOURCE).exit_code == 0
    exported = tmp_path / "exported"
    assert run("kb", "export", exported, "--db", db_copy).exit_code == 0
    rebuilt = tmp_path / "rebuilt.db"
    result = run("kb", "build", "--knowledge", exported, "--db", rebuilt)
    assert result.exit_code == 0, result.output
    assert query(rebuilt, "select claim from facts where id = 'F044'") == [
        ("Yes for thirty days under Clause [3]; see note [a].",)]
