"""Shared by the FAQ benchmarks: data paths, loading a FAQ into the engine, BM25, rapidfuzz, metrics.

The data lives in ../shared/data/faq_benchmarks beside the repository (never copied into it).
"""

from __future__ import annotations

import csv
import math
import re
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bot.matching import Conversation, Document, FactIndex, match_and_rank  # noqa: E402

DATA = REPO.parent / "shared" / "data" / "faq_benchmarks"
_TOKEN = re.compile(r"\w+")


def require(path: Path) -> Path:
    if not path.exists():
        sys.exit(f"benchmark data not found: {path} (expected ../shared/data/faq_benchmarks beside the repo)")
    return path


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(require(path), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@dataclass(frozen=True)
class Faq:
    id: str  # lowercase kebab-case, as the fact base wants
    questions: tuple[str, ...]
    answer: str


def import_into(db_path: Path, faqs: list[Faq], *, source_url: str, source_title: str, published: str) -> Path:
    """A new base at `db_path` (no built-in content) holding `faqs`, imported as `kb import --format faq`
    does: one CSV row per phrasing (the same id and answer). Returns `db_path`."""
    import sqlite_utils

    from bot.db import SCHEMA_VERSION, create_schema
    from bot.importers import import_file

    csv_path = db_path.with_suffix(".csv")
    with closing(sqlite3.connect(db_path)) as conn:
        db = sqlite_utils.Database(conn)
        with conn:
            create_schema(db)
            db["meta"].insert_all([{"key": "schema_version", "value": SCHEMA_VERSION},
                                   {"key": "curated", "value": "1"}], replace=True)
    with open(csv_path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["id", "question", "answer"])
        writer.writerows([faq.id, question, faq.answer] for faq in faqs for question in faq.questions)
    import_file(db_path, csv_path, "faq", source_url=source_url, source_title=source_title,
                source_published=published)
    return db_path


def engine_index_via_import(faqs: list[Faq], *, source_url: str, source_title: str, published: str,
                            calibrate: bool = False) -> FactIndex:
    """Load the FAQs the way a deployment would: `kb import --format faq` into an otherwise empty base
    (`import_into`), then, with `calibrate`, `kb calibrate`."""
    from bot.service import FactBase

    with tempfile.TemporaryDirectory(prefix="layoffbot-bench-") as workdir:
        db_path = import_into(Path(workdir) / "faq.db", faqs, source_url=source_url, source_title=source_title,
                              published=published)
        if calibrate:  # what `layoffbot kb calibrate` does
            from bot.calibration import calibrate_faq_base
            from bot.db import store_meta

            params = calibrate_faq_base(FactBase.open(db_path, build_if_needed=False).index)
            store_meta(db_path, "ranker_general", params.to_json())
        return FactBase.open(db_path, build_if_needed=False).index


def engine_index_direct(faqs: list[Faq]) -> FactIndex:
    """FAQs as entity-less documents whose questions are all the FAQ's phrasings: what `kb import
    --format faq` builds from one row per phrasing (topic `faq`), without needing an answer text."""
    documents = [Document(faq.id, "fact", None, "faq", None, faq.answer, faq.questions, ())
                 for faq in faqs]
    return FactIndex.build(documents, [], [])


def engine_rank(index: FactIndex, query: str) -> tuple[list[str], float]:
    """Ranked fact ids and the engine's confidence (it answers at or above its threshold)."""
    match, ranked = match_and_rank(index, query, Conversation())
    return [doc_id for _, doc_id in ranked], match.confidence


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


class BM25:
    """Okapi BM25 over short texts (k1=1.5, b=0.75); one text per (owner, phrasing)."""

    def __init__(self, texts: list[tuple[str, str]], k1: float = 1.5, b: float = 0.75):
        self.owners = [owner for owner, _ in texts]
        self.docs = [Counter(tokens(text)) for _, text in texts]
        self.lengths = [sum(doc.values()) for doc in self.docs]
        self.average = sum(self.lengths) / max(1, len(self.docs))
        frequency = Counter(word for doc in self.docs for word in doc)
        total = len(self.docs)
        self.idf = {w: math.log(1 + (total - n + 0.5) / (n + 0.5)) for w, n in frequency.items()}
        self.k1, self.b = k1, b

    def rank(self, query: str) -> list[tuple[float, str]]:
        words = tokens(query)
        best: dict[str, float] = {}
        for owner, doc, length in zip(self.owners, self.docs, self.lengths, strict=True):
            score = 0.0
            for word in words:
                tf = doc.get(word)
                if tf:
                    norm = self.k1 * (1 - self.b + self.b * length / self.average)
                    score += self.idf[word] * tf * (self.k1 + 1) / (tf + norm)
            if score > best.get(owner, -1.0):
                best[owner] = score
        return sorted(((s, o) for o, s in best.items()), key=lambda pair: (-pair[0], pair[1]))


class FuzzyBaseline:
    """Plain rapidfuzz token_set_ratio of the query against every phrasing; best per FAQ."""

    def __init__(self, texts: list[tuple[str, str]]):
        from rapidfuzz import utils

        self.owners = [owner for owner, _ in texts]
        self.choices = [utils.default_process(text) for _, text in texts]

    def rank(self, query: str) -> list[tuple[float, str]]:
        from rapidfuzz import fuzz, process, utils

        best: dict[str, float] = {}
        for _, score, position in process.extract(utils.default_process(query), self.choices,
                                                  scorer=fuzz.token_set_ratio, limit=None):
            owner = self.owners[position]
            best[owner] = max(best.get(owner, 0.0), score / 100)
        return sorted(((s, o) for o, s in best.items()), key=lambda pair: (-pair[0], pair[1]))


def precision_and_mrr(ranked_lists: list[list[str]], expected: list[set[str]]) -> tuple[float, float]:
    top1 = reciprocal = 0.0
    for ranked, wanted in zip(ranked_lists, expected, strict=True):
        for rank, owner in enumerate(ranked, 1):
            if owner in wanted:
                top1 += rank == 1
                reciprocal += 1 / rank
                break
    return top1 / len(expected), reciprocal / len(expected)


def print_table(title: str, header: list[str], rows: list[list[object]]) -> None:
    cells = [[f"{x:.3f}" if isinstance(x, float) else str(x) for x in row] for row in rows]
    widths = [max(len(x) for x in column) for column in zip(header, *cells, strict=True)]
    print(title)
    print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for row in cells:
        print("  ".join(x.ljust(w) for x, w in zip(row, widths, strict=True)))
    print()


class Timer:
    def __enter__(self):
        self.started = time.perf_counter()
        return self

    def __exit__(self, *_):
        self.seconds = time.perf_counter() - self.started


def compare_retrieval(title: str, faqs: list[Faq], queries: list[tuple[str, set[str]]], index: FactIndex,
                      build_seconds: float) -> dict[str, tuple[float, float]]:
    """Print P@1 and MRR of the engine, BM25 and rapidfuzz on one FAQ set, computed in this run."""
    texts = [(faq.id, question) for faq in faqs for question in faq.questions]
    expected = [wanted for _, wanted in queries]
    results: dict[str, tuple[float, float]] = {}
    rows = []
    methods = [
        ("layoffbot engine (default, kb import --format faq)", lambda q: engine_rank(index, q)[0], build_seconds),
    ]
    with Timer() as bm25_build:
        bm25 = BM25(texts)
    methods.append(("BM25 (query vs question)", lambda q: [o for _, o in bm25.rank(q)], bm25_build.seconds))
    with Timer() as fuzzy_build:
        fuzzy = FuzzyBaseline(texts)
    methods.append(("rapidfuzz token_set_ratio", lambda q: [o for _, o in fuzzy.rank(q)], fuzzy_build.seconds))
    for name, rank, built in methods:
        with Timer() as timer:
            ranked = [rank(query) for query, _ in queries]
        p1, mrr = precision_and_mrr(ranked, expected)
        results[name] = (p1, mrr)
        rows.append([name, p1, mrr, f"{built:.2f}", f"{1000 * timer.seconds / len(queries):.2f}"])
    print_table(f"{title}: {len(faqs)} FAQs, {len(queries)} queries",
                ["method", "P@1", "MRR", "build s", "ms/query"], rows)
    return results


def answered_and_right(index: FactIndex, queries: list[tuple[str, set[str]]]) -> None:
    """The issue's measure: a query counts when the bot answers it with a relevant FAQ (a decline is a
    miss); printed with the share answered and the precision of the answers."""
    answered = right = 0
    for query, relevant in queries:
        match, _ = match_and_rank(index, query, Conversation())
        if match.answered:
            answered += 1
            right += match.documents[0].id in relevant
    print(f"answered {answered}/{len(queries)} ({answered / len(queries):.0%}, {right / max(1, answered):.0%} of them "
          f"right); answered and right {right / len(queries):.3f} (target >= .45)")
