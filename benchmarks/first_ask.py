"""First `ask` on a fresh install: builds the database (curated YAML + bundled WARN registers),
builds the index, answers. Prints wall and CPU seconds, the database size and the index-cache size.

    python benchmarks/first_ask.py [--runs 3] ["question"]

Target (issue 11): at most 5 s including the build. CPU seconds are printed beside wall seconds
because a loaded machine stretches wall time; the load average is printed too.
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


def one_run(question: str) -> tuple[float, float, int, int]:
    home = Path(tempfile.mkdtemp(prefix="layoffbot-first-ask-"))
    env = {**os.environ, "XDG_DATA_HOME": str(home)}
    env.pop("LAYOFFBOT_DB", None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    command = [str(Path(sys.executable).parent / "layoffbot"), "ask", "--json", question]
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    db = home / "layoffbot" / "layoffbot.db"
    cache = db.with_name(db.name + ".index-cache")
    sizes = db.stat().st_size, cache.stat().st_size if cache.exists() else 0
    shutil.rmtree(home)
    return wall, cpu, *sizes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("question", nargs="?", default="amazon layoffs washington 2023")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    for run in range(1, args.runs + 1):
        wall, cpu, db_size, cache_size = one_run(args.question)
        print(f"run {run}: first ask {wall:.2f} s wall, {cpu:.2f} s CPU; database {db_size / 1e6:.1f} MB, "
              f"index cache {cache_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
