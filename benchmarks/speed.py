"""Speed at scale: synthetic fact bases of 10k, 100k (and 1M) facts shaped like the real ones.

    python benchmarks/speed.py                 # 10k and 100k facts
    python benchmarks/speed.py 10000 1000000   # any sizes
    python benchmarks/speed.py --keep DIR 1000000   # keep the base in DIR (speed-SIZE.db); reuse it next time

Per size, one process builds the base: the built-in base is compiled, then synthetic companies are
added, each from layoffs.csv rows (shared/data/layoffs_fyi) with a profile fact and, per layoff row,
size, reason and process facts written from templates; then the stored search index (bot.fts) is
rebuilt, as the first open after such writes does. A second, fresh process measures what a user
meets: load time (`FactBase.open`), the warm-up a serving bot does at start (`FactBase.warm`: the
tables some first questions would load; printed beside the load, not in it), peak RSS (`ru_maxrss` of
that process, taken before the extractOne comparison below), per-question latency p50/p99 and
questions per second over 1,000 questions, the own question set's accuracy on the big base, and one
`rapidfuzz.process.extractOne` over every fact's first question for comparison.

Building a base costs about 1 ms of one core per fact, nearly all of it deriving the search index
(`retrieval.FactIndex.build`: normalising and masking every question and claim): about half an hour
at 1M facts. With `--keep DIR` the base (and its question samples) stays in DIR and a later run
measures it again without building it: only its stored index is brought up to date (rebuilt when
the code that derives it has changed), and the db build column says "kept". A kept base holds the
built-in content of the day it was built.
"""

from __future__ import annotations

import csv
import gc
import json
import os
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import closing, nullcontext
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

# The checkout's sibling `shared/` (a worktree under wt/ has it one level further up).
LAYOFFS = next((p / "shared" / "data" / "layoffs_fyi" / "layoffs.csv" for p in REPO.parents[:2]
                if (p / "shared" / "data" / "layoffs_fyi" / "layoffs.csv").exists()),
               REPO.parent / "shared" / "data" / "layoffs_fyi" / "layoffs.csv")
FACTS_PER_COMPANY = 7  # a profile and, for two layoff rows, size + reason + process
SUFFIXES = ("Labs", "Systems", "Group", "Digital", "Cloud", "Health", "Energy", "Logistics", "Media", "Capital",
            "Robotics", "Foods", "Mobility", "Security", "Analytics", "Networks")
SOURCE_ID = "layoffs-fyi-tracker"


def load_rows() -> list[dict[str, str]]:
    if not LAYOFFS.exists():
        sys.exit(f"data not found: {LAYOFFS}")
    with open(LAYOFFS, newline="", encoding="utf-8") as f:
        return [r for r in csv.DictReader(f) if r["company"] and r["date"]]


def iso(us_date: str) -> str:
    month, day, year = us_date.split("/")
    return f"{year}-{int(month):02d}-{int(day):02d}"


def synthetic_companies(rows: list[dict[str, str]], facts: int):
    """Yield (company id, name, country, industry, fact rows) until `facts` facts exist."""
    made = 0
    number = 0
    while made < facts:
        for first, second in zip(rows[0::2], rows[1::2], strict=False):
            if made >= facts:
                return
            number += 1
            name = f"{first['company']} {SUFFIXES[number % len(SUFFIXES)]} {number}"
            company_id = f"syn-{number}"
            items = [(f"{company_id}-profile", "profile", iso(first["date"]),
                      f"{name} is a {first['industry'] or 'technology'} company based in {first['location']}, "
                      f"{first['country']} ({first['stage'] or 'stage unknown'}).",
                      [f"What is {name}?", f"What does {name} do?"])]
            for event, row in enumerate((first, second)):
                date = iso(row["date"])
                year = date[:4]
                count = row["total_laid_off"].split(".")[0] or "an undisclosed number of"
                percent = row["percentage_laid_off"]
                share = f" ({float(percent) * 100:.0f}% of staff)" if percent else ""
                base = f"{company_id}-{event}"
                items += [
                    (f"{base}-size", "layoff-size", date,
                     f"On {date} {name} laid off {count} employees{share} in {row['location']}.",
                     [f"How many people did {name} lay off in {year}?", f"{name} layoffs {year}"]),
                    (f"{base}-reason", "layoff-reason", date,
                     f"{name} said the {year} cuts in its {row['industry'] or 'core'} business followed a "
                     f"restructuring at its {row['stage'] or 'current'} stage.",
                     [f"Why did {name} lay off staff in {year}?"]),
                    (f"{base}-process", "layoff-process", date,
                     f"Employees {name} let go in {year} were offered severance and notice pay.",
                     [f"What severance did {name} pay in {year}?"]),
                ]
            made += len(items)
            yield company_id, name, first["country"], first["industry"], items


def build(db_path: Path, facts: int, rows: list[dict[str, str]]) -> list[tuple[str, int]]:
    """The built-in base plus `facts` synthetic facts; returns (company name, a year) samples."""
    from bot.db import build_database

    build_database(db_path)
    samples = []
    with closing(sqlite3.connect(db_path)) as conn:
        conn.execute("pragma journal_mode = off")
        conn.execute("pragma synchronous = off")
        conn.execute("insert into sources (id, url, title, publisher, published) values (?, ?, ?, ?, ?)",
                     (SOURCE_ID, "https://layoffs.fyi/", "Layoffs.fyi tracker", "Layoffs.fyi", "2026-01-28"))
        companies, aliases, fact_rows, citations = [], [], [], []
        for company_id, name, country, industry, items in synthetic_companies(rows, facts):
            companies.append((company_id, name, country, industry, "synthetic"))
            aliases.append((name, company_id, "company"))
            if len(samples) < 5000:
                samples.append((name, int(items[1][2][:4])))
            for fact_id, topic, as_of, claim, questions in items:
                fact_rows.append((fact_id, company_id, "company", topic, as_of, claim, json.dumps(questions),
                                  "synthetic", 0))
                citations.append((fact_id, SOURCE_ID, 0))
        conn.executemany("insert into companies (id, name, country, industry, origin) values (?, ?, ?, ?, ?)",
                         companies)
        conn.executemany("insert or ignore into aliases (alias, entity_id, entity_kind) values (?, ?, ?)", aliases)
        conn.executemany("insert into facts (id, entity_id, entity_kind, topic, as_of, claim, questions, origin, "
                         "retired) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", fact_rows)
        conn.executemany("insert into citations (item_id, source_id, position) values (?, ?, ?)", citations)
        conn.execute("insert or replace into meta (key, value) values ('curated', '1')")
        conn.commit()
    return samples


def questions_for(samples: list[tuple[str, int]], count: int) -> list[str]:
    rng = random.Random(4)
    templates = ["How many people did {n} lay off in {y}?", "why did {n} cut jobs in {y}", "{n} layoffs",
                 "what severance did {n} give in {y}?", "What does {n} do?", "how many employees did {n} sack"]
    own = [line.split(",")[0] for line in (REPO / "tests" / "eval" / "questions.csv").read_text().splitlines()[1:]
           if not line.startswith('"')]
    out = []
    for i in range(count):
        if i % 3 == 2:
            out.append(rng.choice(own))
        else:
            name, year = rng.choice(samples)
            out.append(rng.choice(templates).format(n=name, y=year))
    return out


def samples_path(db_path: Path) -> Path:
    return db_path.with_name(f"{db_path.stem}.samples.json")


def build_one(size: int, db_path: Path) -> dict:
    """Build the base and its stored search index (bot.fts), the question samples beside it
    (`samples_path`); a base built before (with its samples) is kept, its index brought up to date.
    Returns timings (db_build_s None for a kept base)."""
    from bot import fts

    db_seconds = None
    if not (db_path.exists() and samples_path(db_path).exists()):
        for leftover in (db_path, *(db_path.with_name(db_path.name + s) for s in ("-wal", "-shm", "-journal"))):
            leftover.unlink(missing_ok=True)  # a build stopped half-way: begin again
        rows = load_rows()
        started = time.perf_counter()
        samples_path(db_path).write_text(json.dumps(build(db_path, size, rows)))
        db_seconds = time.perf_counter() - started
    started = time.perf_counter()
    stored = fts.ensure_index(db_path)  # the synthetic rows made the index built with the base stale
    index_seconds = time.perf_counter() - started
    return {"db_build_s": db_seconds, "index_build_s": index_seconds, "stored": stored,
            "db_mb": db_path.stat().st_size / 2**20,
            "build_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def measure(db_path: Path, samples: list[tuple[str, int]]) -> dict:
    """In a fresh process: open the built base, answer a question mix; load time, peak RSS, latency."""
    from rapidfuzz import fuzz, process, utils

    from bot.evaluation import evaluate, load_questions
    from bot.service import FactBase

    started, started_cpu = time.perf_counter(), time.process_time()
    factbase = FactBase.open(db_path, build_if_needed=False)
    load_seconds, load_cpu = time.perf_counter() - started, time.process_time() - started_cpu
    # The index lives as long as the process: keep the cyclic GC from rescanning its objects.
    gc.freeze()
    facts = len(factbase.index.documents)
    questions = questions_for(samples, 1000)
    # What `serve` and `chat` do once at start (their first questions of some kinds would load tables):
    # reported beside the load time, not in it, as `ask` never does it.
    warm_seconds = factbase.warm()
    latencies, cpu = [], []
    for question in questions:
        started, started_cpu = time.perf_counter(), time.process_time()
        factbase.ask(question)
        latencies.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    latencies.sort()
    cpu.sort()
    own = evaluate(factbase.index, load_questions(REPO / "tests" / "eval" / "questions.csv")).to_json()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # before the comparison below
    with closing(sqlite3.connect(db_path)) as conn:
        choices = [utils.default_process((json.loads(q) or [c])[0])
                   for q, c in conn.execute("select questions, claim from search_documents")]
    fuzzy = []
    for question in questions[:5]:
        started = time.perf_counter()
        process.extractOne(utils.default_process(question), choices, scorer=fuzz.WRatio, processor=None)
        fuzzy.append(time.perf_counter() - started)
    return {
        "facts": facts, "load_s": load_seconds, "rss_mb": rss_mb,
        "p50_ms": 1000 * statistics.median(latencies), "p99_ms": 1000 * latencies[int(0.99 * (len(latencies) - 1))],
        "qps": len(latencies) / sum(latencies), "p99_cpu_ms": 1000 * cpu[int(0.99 * (len(cpu) - 1))],
        "load_cpu_s": load_cpu, "warm_s": warm_seconds,
        "own_accuracy": own["accuracy"], "own_wrong_entity": own["wrong_entity"],
        "extractone_ms": 1000 * statistics.median(fuzzy),
    }


def _child(*args: str) -> dict:
    done = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True,
                          env={**os.environ, "PYTHONHASHSEED": "0"})
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip().splitlines()[-1:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--build":
        print(json.dumps(build_one(int(sys.argv[2]), Path(sys.argv[3]))))
        return
    if len(sys.argv) == 4 and sys.argv[1] == "--measure":
        print(json.dumps(measure(Path(sys.argv[2]), json.loads(Path(sys.argv[3]).read_text()))))
        return
    args = sys.argv[1:]
    keep = None
    if "--keep" in args:
        at = args.index("--keep")
        keep = Path(args[at + 1])
        del args[at:at + 2]
        keep.mkdir(parents=True, exist_ok=True)
    sizes = [int(a) for a in args] or [10_000, 100_000]
    header = ["facts", "db build s", "index build s", "db MB", "load s (CPU)", "warm s", "peak RSS MB", "p50 ms",
              "p99 ms (CPU)",
              "q/s",
              "own set right", "wrong-entity", "extractOne ms", "p50 speed-up", "stored index"]
    print("  ".join(header))
    for size in sizes:
        # Each step in its own process: the load's RSS is the answering process's alone.
        with nullcontext(keep) if keep else tempfile.TemporaryDirectory(prefix="layoffbot-speed-") as workdir:
            db_path = Path(workdir) / f"speed-{size}.db"
            try:
                b = _child("--build", str(size), str(db_path))
                r = _child("--measure", str(db_path), str(samples_path(db_path)))
            except RuntimeError as exc:
                print(f"{size}: failed: {exc}")
                continue
        built = "kept" if b["db_build_s"] is None else f"{b['db_build_s']:.1f}"
        print("  ".join([f"{r['facts']:,}", built, f"{b['index_build_s']:.1f}",
                         f"{b['db_mb']:.0f}", f"{r['load_s']:.2f} ({r.get('load_cpu_s', 0):.2f})",
                         f"{r.get('warm_s', 0):.2f}",
                         f"{r['rss_mb']:.0f}", f"{r['p50_ms']:.2f}",
                         f"{r['p99_ms']:.2f} ({r.get('p99_cpu_ms', 0):.2f})",
                         f"{r['qps']:.0f}", f"{r['own_accuracy']:.1%}",
                         str(r["own_wrong_entity"]), f"{r['extractone_ms']:.1f}",
                         f"{r['extractone_ms'] / r['p50_ms']:.0f}x", str(b["stored"])]), flush=True)
    print("Targets (issue 8): load <= 1 s at 100k and <= 3 s at 1M facts, peak RSS <= 400 MB and p99 <= 5 ms "
          "at 1M (one core).")


if __name__ == "__main__":
    main()
