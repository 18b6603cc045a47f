"""A cold `layoffbot ask` loads only what answering needs (README "Measuring the answer engine":
`benchmarks/first_ask.py`), and the shortcuts that keep it cold-fast answer as the slow paths did."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys

import numpy as np
import pytest
from rapidfuzz import fuzz, process

from bot import features, ranking, views, warn_view
from bot.language import ZH_HANS, date_text

# Modules only other commands need: charts, Telegram, curation and imports, the build's libraries; and
# numpy, which only fitting and the optional semantic backend use (ranking runs on plain floats).
NOT_FOR_ASK = ("bot.charts", "bot.telegram_bot", "bot.telegram_views", "bot.curation", "bot.importers",
               "bot.evaluation", "bot.fitting", "telegram", "matplotlib", "sqlite_utils", "yaml", "_strptime",
               "numpy")
QUESTIONS = ("how many did amazon lay off in 2023",  # ranked among the facts
             "amazon layoffs washington 2023",  # the WARN registers
             "biggest layoffs in 2023")  # a structured view


def _modules_after_ask(built_db, question: str) -> list[str]:
    """The modules a real `layoffbot ask --json QUESTION` process has loaded when it is done."""
    program = ("import json, sys\n"
               "sys.argv = ['layoffbot', 'ask', '--json', sys.argv[1]]\n"
               "from bot.cli import main\n"
               "try:\n    main()\nfinally:\n    sys.stderr.write('\\n' + json.dumps(sorted(sys.modules)))\n")
    env = {**os.environ, "LAYOFFBOT_DB": str(built_db)}
    done = subprocess.run([sys.executable, "-c", program, question], capture_output=True, text=True, env=env,
                          timeout=120, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["question"] == question
    return json.loads(done.stderr.strip().splitlines()[-1])


@pytest.mark.parametrize("question", QUESTIONS)
def test_ask_loads_no_chart_telegram_or_build_stack(built_db, question):
    loaded = set(_modules_after_ask(built_db, question))
    assert "bot.service" in loaded
    assert sorted(loaded.intersection(NOT_FOR_ASK)) == []


@pytest.mark.parametrize("iso", ["2023-01-05", "2023-1-05", "2023-01- 5", "2023-02-30", "2024-02-29", "2023-13-01",
                                 "2023-00-10", "2023-01-00", "0000-01-01", "9999-12-31", "2023-01", "2023-13",
                                 "2023-00", "2023-1x", " 2023-1", "+202-01", "２０２３-01", "2023-01-1 ", "2023/01/05",
                                 "abcd-ef-gh", "2023", "", None])
@pytest.mark.parametrize("lang", ["en", ZH_HANS])
def test_date_text_reads_dates_as_strptime_does(iso, lang):
    def by_strptime() -> str:
        if not iso:
            return date_text(None, lang)
        if len(iso) == 4:
            return iso if lang == "en" else f"{iso}年"
        try:
            day = dt.datetime.strptime(iso, "%Y-%m" if len(iso) == 7 else "%Y-%m-%d")
        except ValueError:
            return iso
        if len(iso) == 7:
            return day.strftime("%B %Y") if lang == "en" else f"{day.year}年{day.month}月"
        return day.strftime("%-d %B %Y") if lang == "en" else f"{day.year}年{day.month}月{day.day}日"

    assert date_text(iso, lang) == by_strptime()


TEXTS = ("layoffs in the us and uk", "russian firms", "indian startups", "印度尼西亚 裁员", "印度 裁员",
         "u.s.a companies", "gaming and games", "the aim of ai", "evening news", "ev makers", "prc firms",
         "a.uk b", "koreans", "japan's", "washington state layoffs", "new yorker", "massachussets", "加州 裁员", "")


@pytest.mark.parametrize("text", TEXTS)
def test_words_found_as_the_whole_pattern_finds_them(text):
    """`views._mention` skips a pattern whose words do not occur: it finds what the pattern finds."""
    for words in [*views.COUNTRIES.values(), *(w for _, _, w, _ in views.INDUSTRIES.values())]:
        found, expected = views._mention(words, text), views._words_pattern(words).search(text)
        assert (found and found.group(0)) == (expected and expected.group(0))
    state = warn_view._state_pattern().search(text)
    if state:  # else a misspelt state is looked for, as before
        assert warn_view._state_of(text) == warn_view._STATE_WORDS_CODE[state.group(0)]


def test_rounds_read_from_the_file_are_those_read_through_the_connection(built_db):
    """The views' merged rounds, read from the attached file, are the rows (and order) the caller's
    connection reads; a connection inside a transaction, or a path that cannot be attached, reads
    through the connection."""
    from contextlib import closing

    from bot.db import connect_readonly

    def table(rounds) -> list[tuple]:
        return rounds.query("select * from rounds order by rowid", []) + rounds.query(
            "select * from industries order by key, company_id", [])

    today = dt.date(2026, 11, 30)
    with closing(connect_readonly(built_db)) as conn:
        through_connection = table(views._Rounds(conn, today))
        assert len(through_connection) > 1000
        assert table(views._Rounds(conn, today, str(built_db))) == through_connection
        assert table(views._Rounds(conn, today, str(built_db.parent / "missing.db"))) == through_connection


@pytest.mark.parametrize("scorer", [fuzz.ratio, fuzz.token_sort_ratio])
def test_fuzzy_percents_are_those_of_rapidfuzz_integer_cdist(factbase, scorer):
    """`features._whole_percent` rounds a score as `process.cdist(..., dtype=uint8)` does (halves up:
    12.5 is 13), over the base's own phrasings and scores that end in a half."""
    choices = sorted({c for choices in factbase.index.doc_choices.values() for c in choices})[:400]
    queries = ["abcdefgh", "how many did amazon lay off", "亚马逊裁员多少人", "warn notice california", *choices[:: 40]]
    choices += ["aijklmno", "abcijklm", "abcdeijk", "abcdefgi"]  # 12.5, 37.5, 62.5, 87.5 against "abcdefgh"
    for query in queries:
        expected = process.cdist([query], choices, scorer=scorer, dtype=np.uint8)[0].tolist()
        assert [features._whole_percent(scorer(query, choice)) for choice in choices] == expected, query


def test_plain_float_ranking_is_the_matrix_product(factbase):
    """`ranking.logits` over lists of floats is the (candidates × features) @ weights product."""
    from bot.matching import match_rank_features

    for question in QUESTIONS[:1] + ("how many did amazon lay off", "what is a WARN notice", "亚马逊2025年裁员多少人"):
        _, _, (candidates, matrix, _) = match_rank_features(factbase.index, question)
        assert candidates and all(len(row) == len(ranking.FEATURES) for row in matrix)
        params = ranking.default_params()
        product = np.asarray(matrix) @ np.asarray(params.vector())
        assert ranking.logits(params, matrix) == pytest.approx(product.tolist(), rel=1e-12, abs=1e-12)
