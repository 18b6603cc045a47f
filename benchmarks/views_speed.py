"""Latency of structured answers (parse + SQL + text) and of chart rendering.

    python benchmarks/views_speed.py --db BIG.db [--rounds 20]

Build BIG.db with the real imports (≈28k events):
    layoffbot kb build --db BIG.db
    layoffbot kb import /work/shared/data/layoffs_fyi/layoffs.csv --format layoffs --db BIG.db
    layoffbot kb import /work/shared/data/warn_notices/{wa,ny,ma,ca}.csv --format warn --db BIG.db  (one by one)
Target: p99 ≤ 50 ms for a structured answer.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from contextlib import closing
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.db import connect_readonly  # noqa: E402
from bot.service import FactBase  # noqa: E402
from bot.views import ask_view, warm  # noqa: E402

QUESTIONS = [
    "the 5 biggest layoffs of 2022", "biggest layoffs of all time", "which company cut the largest share of its staff",
    "how many people were laid off in 2023", "how many people were laid off in the US in 2024",
    "How many rounds of layoffs did Meta have?", "how many people has Amazon laid off in total",
    "which companies cut jobs in April 2022", "2022年中国科技公司裁员名单", "fintech layoffs 2023",
    "compare Meta and Amazon", "who laid off more, Google or Microsoft?", "all of Microsoft's layoffs",
    "字节跳动 历次裁员", "latest layoffs", "latest layoffs in india", "最新裁员消息", "largest layoffs in india",
    "total layoffs in china 2022", "healthcare layoffs list", "which companies laid off the most people in 2023",
]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    factbase = FactBase.open(args.db, build_if_needed=False)
    with closing(connect_readonly(args.db)) as conn:
        events = conn.execute("select count(*) from events").fetchone()[0]
        started = time.perf_counter()
        warm(conn)
        merge_ms = (time.perf_counter() - started) * 1000
        views = {}
        for question in QUESTIONS:  # warm up and check every question is a view
            found = ask_view(factbase.index, conn, question, factbase.sources)
            assert found is not None, question
            views[question] = found[1]
        timings: dict[str, list[float]] = {q: [] for q in QUESTIONS}
        for _ in range(args.rounds):
            for question in QUESTIONS:
                started = time.perf_counter()
                ask_view(factbase.index, conn, question, factbase.sources)
                timings[question].append((time.perf_counter() - started) * 1000)
        every = [t for ts in timings.values() for t in ts]
        print(f"{args.db}: {events} events, {len(QUESTIONS)} questions x {args.rounds} rounds")
        print(f"structured answer latency: p50 {statistics.median(every):.1f} ms, p95 {percentile(every, 95):.1f} ms, "
              f"p99 {percentile(every, 99):.1f} ms, max {max(every):.1f} ms (target p99 <= 50 ms)")
        print(f"merging the rounds once per database state (the first structured question, or `warm`): "
              f"{merge_ms:.0f} ms")
        for question, ts in sorted(timings.items(), key=lambda kv: -statistics.median(kv[1]))[:5]:
            print(f"  slowest: {statistics.median(ts):6.1f} ms median  {question}")
        try:
            from bot.charts import chart_for
        except ImportError:
            print("charts: matplotlib not installed (pip install 'layoffbot[charts]')")
            return
        for question in ("the 5 biggest layoffs of 2022", "how many people were laid off in 2023",
                         "all of Microsoft's layoffs", "compare Meta and Amazon"):
            chart_for(conn, views[question], question=question)  # the first draw loads matplotlib
            started = time.perf_counter()
            runs = 5
            for _ in range(runs):
                png = chart_for(conn, views[question], question=question)
            elapsed = (time.perf_counter() - started) * 1000 / runs
            print(f"chart ({views[question].kind}): {elapsed:.0f} ms, {len(png) // 1024} KiB  {question}")


if __name__ == "__main__":
    main()
