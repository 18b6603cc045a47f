"""SIGKILL `layoffbot kb import`, `kb edit`, `kb build` and a schema migration at random moments; check
what is left.

Each trial copies a curated database (the built-in base plus one curator fact), runs one command as
a real process, kills it with SIGKILL after a random delay (up to one and a half times the command's
measured duration, so some runs finish first), and then checks that

- the database opens through layoffbot (`inspect_database`, which lets SQLite roll back a journal),
- `PRAGMA integrity_check` says ok,
- its content is exactly the state before the command or exactly the state after a complete run
  (volatile columns such as audit timestamps aside; for the migration, the stored search index aside,
  which is derived data rebuilt in its own transaction after the schema's),
- no `.layoffbot-build-*` file is left once the next command has run.

    .venv/bin/python benchmarks/kill_stress.py [--trials 20] [--rows 10000] [--seed 1]

Prints one line per command kind with the counts; exits 1 if any trial broke a rule.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from contextlib import closing
from pathlib import Path

from bot.db import inspect_database

VOLATILE = {("audit", "at"), ("meta", "value:built_at"), ("meta", "value:fingerprint")}
XHS_SOURCE = "insider-2022-04-22-xiaohongshu-layoffs"
QUOKKA = ["--id", "xiaohongshu-quokka", "--entity", "xiaohongshu", "--topic", "context", "--as-of", "2022-04",
          "--claim", f"Xiaohongshu's office keeps a quokka named Pip [{XHS_SOURCE}].",
          "--question", "Does Xiaohongshu keep a quokka?"]


def layoffbot(*args: str, env: dict) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "bot", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env=env)


def state(db: Path, derived: bool = True) -> str | None:
    """A digest of every table's rows (volatile columns blanked; the stored search index too unless
    `derived`), or None when there is no database."""
    if not db.exists():
        return None
    digest = hashlib.sha256()
    with closing(sqlite3.connect(db)) as conn:
        tables = [r[0] for r in conn.execute("select name from sqlite_master where type = 'table' "
                                             "and name not like 'sqlite_%' and name not like '%_fts%' order by name")
                  if derived or not r[0].startswith("search_")]
        for table in tables:
            columns = [r[1] for r in conn.execute(f'pragma table_info("{table}")')]
            rows = []
            for row in conn.execute(f'select * from "{table}"'):
                values = dict(zip(columns, row, strict=True))
                for column in columns:
                    if (table, column) in VOLATILE:
                        values[column] = None
                if table == "meta" and ("meta", f"value:{values['key']}") in VOLATILE:
                    values["value"] = None
                rows.append(repr(sorted(values.items())))
            digest.update(table.encode())
            for line in sorted(rows):
                digest.update(line.encode())
    return digest.hexdigest()


def integrity(db: Path) -> str:
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute("pragma integrity_check").fetchone()[0]


def run_to_end(args: list[str], env: dict) -> float:
    started = time.perf_counter()
    process = layoffbot(*args, env=env)
    _, err = process.communicate()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed: {err.decode()}")
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--rows", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    rng = random.Random(options.seed)
    work = Path(tempfile.mkdtemp(prefix="layoffbot-kill-"))
    env = {**os.environ, "XDG_DATA_HOME": str(work / "xdg"), "USER": "stress", "LAYOFFBOT_LOG_LEVEL": "WARNING"}
    try:
        base = work / "base.db"
        run_to_end(["kb", "build", "--db", str(base)], env)
        run_to_end(["kb", "add", *QUOKKA, "--db", str(base)], env)
        # A curator's database of schema 1 (aliases without their unit, events without workers): opening it
        # migrates it in place.
        schema_1 = work / "schema-1.db"
        shutil.copy(base, schema_1)
        with closing(sqlite3.connect(schema_1)) as conn, conn:
            conn.execute("alter table aliases drop column unit")
            conn.execute("alter table events drop column workers")
            conn.execute("update meta set value = '1' where key = 'schema_version'")
        big = work / "layoffs.csv"
        with big.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["company", "location", "total_laid_off", "date", "percentage_laid_off", "industry",
                             "source", "stage", "funds_raised", "country", "date_added"])
            for n in range(options.rows):
                writer.writerow([f"Stress Company {n:05d}", "Oslo", n % 900 + 10, "3/4/2023", "", "Retail",
                                 f"https://example.com/layoffs/{n}", "Series B", "10", "Norway", "3/4/2023"])

        kinds = {
            "import": lambda db: ["kb", "import", str(big), "--format", "layoffs", "--db", str(db)],
            "edit": lambda db: ["kb", "edit", "xiaohongshu-quokka", "--claim",
                                f"Xiaohongshu's office keeps two quokkas [{XHS_SOURCE}].", "--db", str(db)],
            "build --replace": lambda db: ["kb", "build", "--replace", "--db", str(db)],
            "build (new file)": lambda db: ["kb", "build", "--db", str(db)],
            "migrate": lambda db: ["kb", "stats", "--db", str(db)],
        }
        failures = 0
        for kind, command in kinds.items():
            fresh, derived = kind == "build (new file)", kind != "migrate"
            source = base if derived else schema_1
            reference = work / "reference.db"
            for leftover in work.glob("reference.db*"):
                leftover.unlink()
            if not fresh:
                shutil.copy(source, reference)
            duration = run_to_end(command(reference), env)
            old, new = (None if fresh else state(source, derived)), state(reference, derived)
            outcomes: Counter[str] = Counter()
            for trial in range(options.trials):
                folder = work / f"{kind.split()[0]}-{trial}"
                folder.mkdir()
                db = folder / "layoffbot.db"
                if not fresh:
                    shutil.copy(source, db)
                process = layoffbot(*command(db), env=env)
                time.sleep(rng.uniform(0, duration * 1.5))
                process.send_signal(signal.SIGKILL)
                process.wait()
                outcomes["killed" if process.returncode == -signal.SIGKILL else "finished first"] += 1
                journals = [p for p in (Path(f"{db}-journal"), Path(f"{db}-wal")) if p.exists() and p.stat().st_size]
                if process.returncode == -signal.SIGKILL and journals:
                    outcomes["journal left"] += 1
                problems = []
                try:
                    inspect_database(db)
                except Exception as exc:  # noqa: BLE001 - any failure to open is what we count
                    problems.append(f"does not open: {exc}")
                if db.exists() and not problems:
                    if integrity(db) != "ok":
                        problems.append("integrity_check failed")
                    now = state(db, derived)
                    outcomes["old state" if now == old else "new state" if now == new else "other state"] += 1
                    if now not in (old, new):
                        problems.append("neither the old nor the new state")
                elif not problems:
                    outcomes["old state (no file)"] += 1
                # The next command cleans up what a killed build left.
                follow = layoffbot("kb", "stats", "--db", str(db), env=env)
                follow.communicate()
                stray = [p.name for p in folder.glob(".layoffbot-build-*")]
                if stray:
                    problems.append(f"left {stray}")
                if problems:
                    failures += 1
                    outcomes["BROKEN"] += 1
                    print(f"  {kind} trial {trial}: {'; '.join(problems)}", file=sys.stderr)
                shutil.rmtree(folder)
            summary = ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items()))
            print(f"{kind:17} {options.trials} trials (a full run takes {duration:.1f} s): {summary}")
        return 1 if failures else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
