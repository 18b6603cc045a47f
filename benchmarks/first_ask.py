"""First `ask` on a fresh install, and a cold `ask` once the database exists.

    python benchmarks/first_ask.py [--runs 3] ["question"]

The first ask builds the database (curated YAML + bundled WARN registers, and the stored search
index, bot.fts), then answers. Every later ask is a new process that opens the built database,
reads the index it needs from it and answers. Printed per run: wall and CPU seconds of both, and the
database size. CPU seconds are printed beside wall seconds because a loaded machine stretches wall
time; the load average is printed too. The first ask's CPU seconds include the child process that
derives the search index while the build adds the WARN registers (bot.fts `start_index`): on two
or more idle cores its wall time is below its CPU time; on a loaded machine the two meet.

Targets: the first ask at most 5 s including the build (issue 11); a cold ask on a built database at
most 0.3 s (issue 8).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one run of `command`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def one_run(question: str, cold_runs: int) -> tuple[tuple[float, float], list[tuple[float, float]], int]:
    home = Path(tempfile.mkdtemp(prefix="layoffbot-first-ask-"))
    env = {**os.environ, "XDG_DATA_HOME": str(home)}
    env.pop("LAYOFFBOT_DB", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: modules load from their bytecode
    command = [str(Path(sys.executable).parent / "layoffbot"), "ask", "--json", question]
    try:
        first = timed(command, env)
        cold = [timed(command, env) for _ in range(cold_runs)]
        return first, cold, (home / "layoffbot" / "layoffbot.db").stat().st_size
    finally:
        shutil.rmtree(home)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("question", nargs="?", default="amazon layoffs washington 2023")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cold-runs", type=int, default=5, help="asks on the built database per run")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    for run in range(1, args.runs + 1):
        (wall, cpu), cold, db_size = one_run(args.question, args.cold_runs)
        best_wall, best_cpu = min(w for w, _ in cold), min(c for _, c in cold)
        print(f"run {run}: first ask {wall:.2f} s wall, {cpu:.2f} s CPU; database {db_size / 1e6:.1f} MB; "
              f"cold ask on the built database (best of {len(cold)}) {best_wall:.2f} s wall, {best_cpu:.2f} s CPU")


if __name__ == "__main__":
    main()
