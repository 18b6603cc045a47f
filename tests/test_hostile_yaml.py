"""Hostile or careless curated YAML: every one is `FILE:LINE: what is wrong`, exit 1, nothing written."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import cli
from bot.knowledge import KnowledgeError, load_knowledge, slug_like_title

GOOD = """\
sources:
  - id: example-2023-01-02-acme
    url: https://example.com/2023/acme-cuts
    title: "Acme cuts 100 jobs"
    publisher: Example News
    published: 2023-01-02
company:
  id: acme
  name: Acme
  aliases: [Acme Corp, ACME]
events:
  - id: acme-2023-01
    date: 2023-01-02
    headcount: 100
    percent: null
    sources: [example-2023-01-02-acme]
facts:
  - id: acme-layoff-2023-reason
    topic: layoff-reason
    as_of: 2023-01-02
    claim: Acme said it cut 100 jobs to save money [example-2023-01-02-acme].
    sources: [example-2023-01-02-acme]
"""

BILLION_LAUGHS = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},"
    f"*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]\n"
    for i in range(8)
)

# (name, text, line the problem is reported on, words the message must contain; "a|b": either)
CASES = [
    ("billion-laughs", BILLION_LAUGHS, 1, "aliases"),
    ("impossible-date", GOOD.replace("published: 2023-01-02", "published: 2023-02-30"), 6, "not a date"),
    ("tagged-impossible-date", GOOD.replace("published: 2023-01-02", "published: !!timestamp 2023-02-30"), 6,
     "unreadable value"),
    ("infinite-headcount", GOOD.replace("headcount: 100", "headcount: .inf"), 14, "finite number"),
    ("nan-percent", GOOD.replace("percent: null", "percent: .nan"), 15, "finite number"),
    ("deep-nesting", "facts: " + "[" * 5000 + "]" * 5000 + "\n", 1, "nest"),
    ("nesting-over-the-budget", "facts: " + "[" * 30 + "]" * 30 + "\n", 1, "nested more than 20 levels deep"),
    ("lone-surrogate", GOOD.replace('title: "Acme cuts 100 jobs"', 'title: "Acme \\udc80"'), 4,
     "surrogate|invalid Unicode"),
    ("nul-character", GOOD.replace('title: "Acme cuts 100 jobs"', 'title: "Acme \\0"'), 4, "control character"),
    ("duplicate-key", GOOD.replace("    headcount: 100\n", "    headcount: 100\n    headcount: 200\n"), 15,
     "duplicate key 'headcount' (first given on line 14)"),
    ("duplicate-section", GOOD + "company:\n  id: other\n  name: Other\n", 23, "duplicate key 'company'"),
    ("misspelt-key", GOOD.replace("headcount: 100", "headcout: 100"), 14, "unknown key 'headcout'"),
    ("misspelt-section", GOOD.replace("facts:", "fact:"), 17, "unknown key 'fact'"),
    ("nested-aliases", GOOD.replace("aliases: [Acme Corp, ACME]", "aliases: [[Acme Corp], ACME]"), 10,
     "'aliases' must be a list of names"),
    ("id-with-newline", GOOD.replace("  - id: acme-2023-01\n", '  - id: "acme-2023-01\\n"\n'), 12,
     "control character"),
    ("id-with-path", GOOD.replace("  - id: acme-2023-01\n", "  - id: ../escape\n"), 12, "path separator"),
    ("id-too-long", GOOD.replace("  - id: acme-2023-01\n", f"  - id: {'a' * 300}\n"), 12, "at most 120"),
    ("nested-sources", GOOD.replace("    sources: [example-2023-01-02-acme]\n    \n", "")
     .replace("headcount: 100\n    percent: null\n    sources: [example-2023-01-02-acme]",
              "headcount: 100\n    percent: null\n    sources: [[example-2023-01-02-acme]]"), 16,
     "'sources' must be a list of source ids"),
    ("bool-as-text", GOOD.replace("publisher: Example News", "publisher: yes"), 5, "must be text"),
    ("number-key", GOOD.replace("    headcount: 100\n", "    headcount: 100\n    2023: x\n"), 15,
     "key 2023 must be text"),
    ("not-utf8", None, 3, "not UTF-8"),
    ("claim-zh-other-source", GOOD.replace("money [example-2023-01-02-acme].\n", "money [example-2023-01-02-acme].\n"
              "    claim_zh: Acme 裁员 100 人以节省开支 [other-source]。\n"), 22, "same sources"),
    ("claim-zh-lost-figure", GOOD.replace("money [example-2023-01-02-acme].\n", "money [example-2023-01-02-acme].\n"
                                          "    claim_zh: Acme 裁员一百人以节省开支 [example-2023-01-02-acme]。\n"),
     22, "lacks the figure(s) 100"),
]


@pytest.fixture
def knowledge(tmp_path) -> Path:
    directory = tmp_path / "knowledge"
    (directory / "companies").mkdir(parents=True)
    return directory


def _write(directory: Path, text: str | None) -> Path:
    path = directory / "companies" / "acme.yaml"
    if text is None:
        path.write_bytes(b"sources:\n  - id: x\n    title: \"caf\xe9\"\n")
    else:
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return path


def test_the_good_file_is_good(knowledge):
    _write(knowledge, GOOD)
    kb = load_knowledge(knowledge)
    assert [e["id"] for e in kb.events] == ["acme-2023-01"] and kb.events[0]["date"] == "2023-01-02"
    assert kb.sources[0]["published"] == "2023-01-02" and not kb.warnings


@pytest.mark.parametrize(("name", "text", "line", "words"), CASES, ids=[c[0] for c in CASES])
def test_hostile_yaml_is_refused_with_file_and_line(knowledge, tmp_path, name, text, line, words):
    _write(knowledge, text)
    runner = CliRunner()
    started = time.perf_counter()
    validate = runner.invoke(cli, ["kb", "validate", str(knowledge)])
    db = tmp_path / "out" / "built.db"
    db.parent.mkdir()
    build = runner.invoke(cli, ["kb", "build", "--knowledge", str(knowledge), "--db", str(db)])
    assert time.perf_counter() - started < 10
    for result in (validate, build):
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output and "unexpected" not in result.output
        assert f"companies/acme.yaml:{line}: " in result.output, result.output
        assert any(w in result.output for w in words.split("|")), result.output
    assert list(db.parent.iterdir()) == []  # nothing written, no temporary file left


def test_every_problem_is_listed_not_only_the_first(knowledge):
    text = GOOD.replace("headcount: 100", "headcout: 100").replace("published: 2023-01-02", "published: 2023-13-01")
    _write(knowledge, text)
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(knowledge)
    assert any(p.startswith("companies/acme.yaml:14: unknown key 'headcout'") and "did you mean 'headcount'" in p
               for p in caught.value.problems)
    assert any(p.startswith("companies/acme.yaml:6: published:") for p in caught.value.problems)


def test_bookkeeping_warnings_do_not_fail_validation(knowledge):
    twin = GOOD.replace("sources:\n", "sources:\n  - id: twin-source\n    url: https://example.com/2023/acme-cuts\n"
                        "    title: Acme cuts staff after weak quarter\n    publisher: Example\n"
                        "    published: 2023-01-02\n", 1)
    twin = twin.replace('"Acme cuts 100 jobs"', "Acme layoffs job cuts staff")
    twin = twin.replace("https://example.com/2023/acme-cuts\n    title: Acme layoffs",
                        "https://example.com/2023/acme-layoffs-job-cuts-staff\n    title: Acme layoffs")
    _write(knowledge, twin)
    result = CliRunner().invoke(cli, ["kb", "validate", str(knowledge)])
    assert result.exit_code == 0, result.output
    assert "companies/acme.yaml:7: url of example-2023-01-02-acme is also the url of twin-source" not in result.output
    assert "companies/acme.yaml:7: title of example-2023-01-02-acme ('Acme layoffs job cuts staff') looks rebuilt" \
        in result.output
    assert "1 warning(s)" in result.output


def test_a_page_under_two_ids_is_a_warning(knowledge):
    twin = GOOD.replace("sources:\n", "sources:\n  - id: twin-source\n    url: https://example.com/2023/acme-cuts\n"
                        "    title: Acme cuts 100 jobs\n    publisher: Example\n    published: 2023-01-02\n", 1)
    _write(knowledge, twin)
    kb = load_knowledge(knowledge)
    assert kb.warnings == ["companies/acme.yaml:7: url of example-2023-01-02-acme is also the url of twin-source "
                           "(companies/acme.yaml:2); one page should have one source id"]


@pytest.mark.parametrize(("title", "url", "slug_like"), [
    ("Amazon layoffs job cuts AWS Twitch",
     "https://www.theverge.com/2023/3/20/23648348/amazon-layoffs-job-cuts-aws-twitch", True),
    ("amazon-layoffs-job-cuts", "https://example.com/x", True),
    ("Spotify to lay off 200 workers", "https://example.com/spotify-to-lay-off-200-workers", False),
    ("Cisco cuts staff, details $600M restructure", "https://example.com/cisco-cuts-staff-details-600m-restructure",
     False),
    ("Acme cuts 100 jobs", "https://example.com/news/12345", False),
])
def test_slug_like_titles(title, url, slug_like):
    assert slug_like_title(title, url) is slug_like


def test_the_bundled_base_validates_with_its_warnings_counted():
    result = CliRunner().invoke(cli, ["kb", "validate"])
    assert result.exit_code == 0, result.output
    assert "warning(s)." in result.output


def test_a_title_that_describes_the_page_is_flagged(knowledge):
    _write(knowledge, GOOD.replace('title: "Acme cuts 100 jobs"',
                                   'title: "Example report: Acme cuts jobs (headline not shown in excerpt)"'))
    kb = load_knowledge(knowledge)
    assert any("reads like a curator's note" in w for w in kb.warnings)
