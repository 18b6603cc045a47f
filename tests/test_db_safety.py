"""A curator's work is never lost (issue 9): what may rebuild a database, crashes, concurrent
writers, export, and errors on full disks and read-only files.

Everything runs the real `layoffbot` command in real processes on real SQLite files; crashes are
real SIGKILLs of processes that report (on stdout) when they are mid-transaction.
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing, contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import cli
from bot.curation import CONTENT_TABLES
from bot.db import build_database, ensure_database, remove_stale_builds
from bot.ids import id_problem

XHS_SOURCE = "insider-2022-04-22-xiaohongshu-layoffs"
XHS_REASON = "xiaohongshu-layoff-2022-reason"
QUOKKA = ["--id", "xiaohongshu-quokka", "--entity", "xiaohongshu", "--topic", "context", "--as-of", "2022-04",
          "--claim", f"Xiaohongshu's office keeps a quokka named Pip [{XHS_SOURCE}].",
          "--question", "Does Xiaohongshu keep a quokka?"]
ROOT = os.geteuid() == 0
PR_CAPBSET_DROP, CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER = 24, 1, 2, 3


def _drop_permission_override() -> None:
    """Make file permissions apply to root too: drop CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH and
    CAP_FOWNER from the bounding set, so the command exec'd next runs without them."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER):
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def layoffbot(*args: str, home: Path, permissions_apply: bool = False, file_size_limit: int | None = None,
              extra_env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run the real command line in its own process. `permissions_apply` makes read-only files and
    directories read-only even when the tests run as root; `file_size_limit` caps the size of any
    file it writes (RLIMIT_FSIZE: the errors of a full disk, without root or a tiny file system)."""
    def prepare() -> None:
        if file_size_limit is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG/short write
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit))
        if permissions_apply and ROOT:
            _drop_permission_override()

    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "xdg"), "USER": "test-curator",
           "LAYOFFBOT_LOG_LEVEL": "WARNING", **(extra_env or {})}
    env.pop("LAYOFFBOT_DB", None)
    env.pop("LAYOFFBOT_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "bot", *args], capture_output=True, text=True, env=env,
                          stdin=subprocess.DEVNULL, preexec_fn=prepare, timeout=timeout)


def run(*args: str, home: Path | None = None) -> subprocess.CompletedProcess:
    """The real command line in this process (faster), for commands where no crash or lock is involved."""
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return subprocess.CompletedProcess(args, result.exit_code, result.stdout, result.stderr)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def listing(directory: Path) -> list[str]:
    """File names, leaving out the empty `-wal` and the `-shm` that any SQLite reader of a WAL database creates."""
    return sorted(p.name for p in directory.iterdir()
                  if not (p.name.endswith("-shm") or p.name.endswith("-wal") and p.stat().st_size == 0))


def content(db_path: Path) -> dict[str, list[str]]:
    with closing(sqlite3.connect(db_path)) as conn:
        conn.row_factory = sqlite3.Row
        return {table: sorted(json.dumps(dict(row), sort_keys=True) for row in conn.execute(f"select * from {table}"))
                for table in CONTENT_TABLES}


def query(db_path: Path, sql: str, params=()) -> list[tuple]:
    with closing(sqlite3.connect(db_path)) as conn:
        return conn.execute(sql, params).fetchall()


def integrity(db_path: Path) -> str:
    return query(db_path, "pragma integrity_check")[0][0]


def assert_refused(result: subprocess.CompletedProcess, *phrases: str) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert "unexpected" not in result.stderr and "Traceback" not in result.stderr
    for phrase in phrases:
        assert phrase in result.stderr, result.stderr


@pytest.fixture
def home(tmp_path, isolated_env) -> Path:
    return tmp_path / "home"


@pytest.fixture
def curated_db(db_copy, home) -> Path:
    """The built-in base with one curator change (so it is curated)."""
    result = run("kb", "add", *QUOKKA, "--db", str(db_copy), home=home)
    assert result.returncode == 0, result.stderr
    return db_copy


# --- 1. only a provably untouched build of the bundled content is ever rebuilt -------------------------

def test_a_database_built_from_another_directory_survives_ask_stats_and_add(built_db, tmp_path, home):
    export = tmp_path / "export"
    assert run("kb", "export", str(export), "--db", str(built_db), home=home).returncode == 0
    marked = export / "companies" / "xiaohongshu.yaml"
    marked.write_text(marked.read_text(encoding="utf-8").replace("Xiaohongshu", "Xiaohongshu (exported)", 1),
                      encoding="utf-8")
    db = tmp_path / "from-dir.db"
    assert run("kb", "build", "--knowledge", str(export), "--db", str(db), home=home).returncode == 0
    before = content(db)
    assert run("ask", "--json", "Why did Xiaohongshu lay people off?", "--db", str(db), home=home).returncode == 0
    assert run("kb", "stats", "--db", str(db), home=home).returncode == 0
    assert content(db) == before
    assert run("kb", "add", *QUOKKA, "--db", str(db), home=home).returncode == 0
    after = content(db)
    assert any("(exported)" in row for row in after["companies"])
    assert len(after["facts"]) == len(before["facts"]) + 1


def test_rebuilding_follows_changed_content_only_while_the_database_is_untouched(tmp_path, built_db, home):
    knowledge = tmp_path / "knowledge"
    assert run("kb", "export", str(knowledge), "--db", str(built_db), home=home).returncode == 0
    db = tmp_path / "k.db"
    build_database(db, knowledge)
    topic = knowledge / "companies" / "xiaohongshu.yaml"
    topic.write_text(topic.read_text(encoding="utf-8").replace("Xiaohongshu", "Xiaohongshu (v2)", 1), encoding="utf-8")
    ensure_database(db, knowledge)  # built from this directory, untouched: follows the new content
    assert any("(v2)" in row for row in content(db)["companies"])

    with closing(sqlite3.connect(db)) as conn, conn:  # another program changes one claim
        conn.execute("update facts set claim = claim || ' (hand edit)' where id = ?", [XHS_REASON])
    topic.write_text(topic.read_text(encoding="utf-8").replace("(v2)", "(v3)", 1), encoding="utf-8")
    before = digest(db)
    ensure_database(db, knowledge)  # no longer provably the build: kept as it is
    assert digest(db) == before


def _invoices(path: Path) -> None:
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("create table invoices (id integer primary key, amount real)")
        conn.execute("insert into invoices (amount) values (12.5)")
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("pragma journal_mode=delete")


@pytest.mark.parametrize("kind", ["invoices", "random-bytes", "truncated-curated"])
def test_foreign_or_damaged_files_are_refused_and_left_byte_identical(kind, tmp_path, curated_db, home):
    folder = tmp_path / "target"
    folder.mkdir()
    path = folder / "layoffbot.db"
    if kind == "invoices":
        _invoices(path)
        expected = "another program's SQLite database (invoices)"
    elif kind == "random-bytes":
        path.write_bytes(os.urandom(20_000))
        expected = "not an SQLite database"
    else:
        data = curated_db.read_bytes()
        path.write_bytes(data[: len(data) // 2])
        expected = "damaged"
    before, files = digest(path), listing(folder)
    for command in (["ask", "Why did Xiaohongshu lay people off?"], ["kb", "stats"], ["kb", "add", *QUOKKA],
                    ["kb", "build"], ["kb", "build", "--replace"], ["kb", "export", str(tmp_path / "out")]):
        result = run(*command, "--db", str(path), home=home)
        assert_refused(result, expected)
        assert digest(path) == before, command
        assert listing(folder) == files, command
    assert not (tmp_path / "out").exists()


def test_kb_build_replaces_only_an_untouched_build_unless_told_to(curated_db, tmp_path, built_db, home):
    pristine = tmp_path / "pristine.db"
    shutil.copy(built_db, pristine)
    assert run("kb", "build", "--db", str(pristine), home=home).returncode == 0  # nothing to lose

    before = digest(curated_db)
    result = run("kb", "build", "--db", str(curated_db), home=home)
    assert_refused(result, "holds curated changes", "--replace", "kb export")
    assert digest(curated_db) == before

    export = tmp_path / "export"
    assert run("kb", "export", str(export), "--db", str(pristine), home=home).returncode == 0
    from_dir = tmp_path / "from-dir.db"
    assert run("kb", "build", "--knowledge", str(export), "--db", str(from_dir), home=home).returncode == 0
    before = digest(from_dir)
    assert_refused(run("kb", "build", "--db", str(from_dir), home=home), f"was built from {export}")
    assert digest(from_dir) == before

    result = run("kb", "build", "--replace", "--db", str(curated_db), home=home)
    assert result.returncode == 0, result.stderr
    assert not query(curated_db, "select id from facts where id = 'xiaohongshu-quokka'")
    assert integrity(curated_db) == "ok"


def test_an_empty_file_such_as_mktemp_leaves_is_built_into(tmp_path, home):
    empty = tmp_path / "empty.db"
    empty.touch()
    result = run("kb", "stats", "--json", "--db", str(empty))
    assert result.returncode == 0 and json.loads(result.stdout)["facts"] > 0


# --- 2. journals are rolled back by SQLite, never deleted or built over --------------------------------

HOLDER = r"""
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("pragma cache_size=1")  # spill changed pages into the database file before the commit
conn.execute("begin immediate")
for sql in sys.argv[3:]:
    conn.execute(sql)
if sys.argv[2] == "commit":
    conn.execute("commit")
print("ready", flush=True)
sys.stdin.read()
"""


@contextmanager
def writer_holding(db: Path, mode: str, *statements: str):
    """A real process inside a write transaction (or just after its commit, connection still open)."""
    process = subprocess.Popen([sys.executable, "-c", HOLDER, str(db), mode, *statements],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout.readline().strip() == "ready"
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()


def kill_mid_transaction(db: Path, mode: str, *statements: str) -> None:
    with writer_holding(db, mode, *statements) as process:
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert process.returncode == -signal.SIGKILL


SCRIBBLE = ("update facts set claim = claim || ' SCRIBBLE', questions = questions || ' '",
            "insert into sources (id, url, title, publisher) select id || '-x', url, title, publisher from sources")


def test_a_killed_writer_leaves_a_hot_journal_that_is_rolled_back_not_built_over(curated_db, home):
    with closing(sqlite3.connect(curated_db)) as conn:
        assert conn.execute("pragma journal_mode=delete").fetchone() == ("delete",)
    before = content(curated_db)
    kill_mid_transaction(curated_db, "open", *SCRIBBLE)
    journal = Path(f"{curated_db}-journal")
    assert journal.exists() and journal.stat().st_size > 0  # a hot journal, pages already spilled

    result = run("ask", "--json", "Does Xiaohongshu keep a quokka?", "--db", str(curated_db), home=home)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["facts"] == ["xiaohongshu-quokka"]
    assert run("kb", "stats", "--db", str(curated_db), home=home).returncode == 0
    assert integrity(curated_db) == "ok"
    assert content(curated_db) == before


def test_wal_keeps_readers_unblocked_rolls_back_uncommitted_and_keeps_committed_writes(curated_db, home):
    ask = ["ask", "--json", "Does Xiaohongshu keep a quokka?", "--db", str(curated_db)]
    assert query(curated_db, "pragma journal_mode") == [("wal",)]
    before = content(curated_db)
    with writer_holding(curated_db, "open", *SCRIBBLE):
        result = layoffbot(*ask, home=home, extra_env={"LAYOFFBOT_BUSY_TIMEOUT": "0"})  # a reader is not blocked
        assert result.returncode == 0, result.stderr
        assert "SCRIBBLE" not in result.stdout
    kill_mid_transaction(curated_db, "open", *SCRIBBLE)
    assert layoffbot(*ask, home=home).returncode == 0
    assert content(curated_db) == before and integrity(curated_db) == "ok"

    # Committed, then killed before the WAL was copied into the database file: the change is kept,
    # and the bot's index cache (keyed on the database file) does not hide it.
    kill_mid_transaction(curated_db, "commit",
                         "update facts set claim = 'Xiaohongshu keeps two quokkas. [" + XHS_SOURCE + "]' "
                         "where id = 'xiaohongshu-quokka'")
    assert Path(f"{curated_db}-wal").stat().st_size > 0
    result = layoffbot(*ask, home=home)
    assert "two quokkas" in json.loads(result.stdout)["answer"]
    assert integrity(curated_db) == "ok"


def test_a_journal_beside_a_missing_database_stops_creation(tmp_path, home):
    db = tmp_path / "gone.db"
    Path(f"{db}-journal").write_bytes(b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7" + os.urandom(600))
    result = run("kb", "stats", "--db", str(db), home=home)
    assert_refused(result, "gone.db-journal")
    assert not db.exists()


def test_leftovers_of_killed_builds_are_removed_but_not_a_running_one(tmp_path, home):
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(gone.stdout)
    stale = tmp_path / f".layoffbot-build-{dead_pid}-0a1b2c.db"
    stale.write_bytes(b"half a database")
    Path(f"{stale}-journal").write_bytes(b"journal")
    running = tmp_path / f".layoffbot-build-{os.getpid()}-3d4e5f.db"  # this process is alive
    running.write_bytes(b"being written")
    result = layoffbot("kb", "build", "--db", str(tmp_path / "layoffbot.db"), home=home)
    assert result.returncode == 0, result.stderr
    assert not stale.exists() and not Path(f"{stale}-journal").exists()
    assert running.exists()
    assert remove_stale_builds(tmp_path) == []


def test_a_killed_build_of_a_new_database_leaves_nothing_behind(tmp_path, home):
    target = tmp_path / "new" / "layoffbot.db"
    script = ("import os, signal, sys\n"
              "from bot import db\n"
              "real = db._fill\n"
              "def fill(*a, **k):\n"
              "    counts = real(*a, **k)\n"
              "    os.kill(os.getpid(), signal.SIGKILL)\n"
              "db._fill = fill\n"
              "db.build_database(sys.argv[1])\n")
    killed = subprocess.run([sys.executable, "-c", script, str(target)], capture_output=True)
    assert killed.returncode == -signal.SIGKILL
    assert not target.exists() and any(p.name.startswith(".layoffbot-build-") for p in target.parent.iterdir())
    assert layoffbot("kb", "stats", "--db", str(target), home=home).returncode == 0
    assert not any(p.name.startswith(".layoffbot-build-") for p in target.parent.iterdir())


# --- 3. concurrent curators --------------------------------------------------------------------------

EDITS = [["--claim", f"Xiaohongshu's office keeps a quokka named Bo [{XHS_SOURCE}]."],
         ["--as-of", "2022-05"],
         ["--question", "Is there a quokka at Xiaohongshu?"],
         ["--topic", "profile"]]


def audit_chain(db: Path, item_id: str) -> list[tuple[dict, dict]]:
    return [(json.loads(b or "null"), json.loads(a or "null")) for b, a in
            query(db, "select before, after from audit where item_id = ? order by id", [item_id])]


@pytest.mark.parametrize("writers", [2, 4])
def test_concurrent_edits_of_one_fact_lose_nothing_and_chain_in_the_audit(writers, curated_db, home):
    for _ in range(2):
        processes = [subprocess.Popen([sys.executable, "-m", "bot", "kb", "edit", "xiaohongshu-quokka", *EDITS[n],
                                       "--db", str(curated_db)],
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                      env={**os.environ, "XDG_DATA_HOME": str(home)})
                     for n in range(writers)]
        outcomes = [(p.wait(60), *p.communicate()) for p in processes]
        for code, out, err in outcomes:
            assert code == 0 and out.startswith("Recorded #") and not err, (out, err)
        row = query(curated_db, "select claim, as_of, questions, topic from facts where id = 'xiaohongshu-quokka'")[0]
        assert "named Bo" in row[0] and row[1] == "2022-05"
        if writers == 4:
            assert json.loads(row[2]) == ["Is there a quokka at Xiaohongshu?"] and row[3] == "profile"
        # Undo every edit of this round (also concurrently safe) so the next round changes something again.
        for _ in range(writers):
            assert run("kb", "undo", "--db", str(curated_db)).returncode == 0
    chain = audit_chain(curated_db, "xiaohongshu-quokka")
    for (_, previous_after), (before, _) in zip(chain, chain[1:], strict=False):
        assert before == previous_after  # each change starts from exactly what the last one left
    assert integrity(curated_db) == "ok"


def waiting_for_a_lock(pid: int) -> bool:
    """The process sleeps in SQLite's busy handler (the only place a `kb` command sleeps)."""
    return Path(f"/proc/{pid}/wchan").read_text().strip() in {"hrtimer_nanosleep", "do_nanosleep"}


@pytest.mark.skipif(not Path("/proc/self/wchan").exists(), reason="needs Linux /proc/<pid>/wchan")
def test_edits_that_all_read_while_another_writer_holds_the_lock_lose_nothing(curated_db, home):
    """Three edits start while a writer holds the lock and are released together when it is killed:
    each must apply on top of the others (read-modify-write in one BEGIN IMMEDIATE transaction)."""
    with writer_holding(curated_db, "open", "update meta set value = value where key = 'curated'") as holder:
        edits = [subprocess.Popen([sys.executable, "-m", "bot", "kb", "edit", "xiaohongshu-quokka", *EDITS[n],
                                   "--db", str(curated_db)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  env={**os.environ, "XDG_DATA_HOME": str(home), "LAYOFFBOT_BUSY_TIMEOUT": "120"})
                 for n in range(3)]
        deadline = time.monotonic() + 100
        while not all(waiting_for_a_lock(e.pid) for e in edits):  # polls what the processes are doing
            assert time.monotonic() < deadline and all(e.poll() is None for e in edits)
            time.sleep(0.01)
        holder.send_signal(signal.SIGKILL)
        outcomes = [(e.wait(60), *e.communicate()) for e in edits]
    assert [code for code, _, _ in outcomes] == [0, 0, 0], outcomes
    claim, as_of, questions = query(curated_db, "select claim, as_of, questions from facts "
                                                "where id = 'xiaohongshu-quokka'")[0]
    assert "named Bo" in claim and as_of == "2022-05" and json.loads(questions) == ["Is there a quokka at Xiaohongshu?"]
    chain = audit_chain(curated_db, "xiaohongshu-quokka")
    assert len(chain) == 4
    for (_, previous_after), (before, _) in zip(chain, chain[1:], strict=False):
        assert before == previous_after


def test_a_writer_that_cannot_get_the_lock_says_the_database_is_busy(curated_db, home):
    before = content(curated_db)
    with writer_holding(curated_db, "open", "update meta set value = value where key = 'curated'"):
        result = layoffbot("kb", "edit", "xiaohongshu-quokka", "--as-of", "2022-06", "--db", str(curated_db),
                           home=home, extra_env={"LAYOFFBOT_BUSY_TIMEOUT": "0.2"})
        assert_refused(result, "busy", "another curator command is writing", "try again")
    assert content(curated_db) == before


# --- 4. ids and export -------------------------------------------------------------------------------

@pytest.mark.parametrize("bad", ["../escape", "a/b", "back\\slash", "new\nline", "x" * 121, "", " padded", ".hidden"])
def test_unsafe_ids_are_refused(bad):
    assert id_problem(bad)


@pytest.mark.parametrize("good", ["F044", "T000", "42", "acme-2024-cuts", "x" * 120, "名前"])
def test_ordinary_ids_pass(good):
    assert id_problem(good) is None


@pytest.mark.parametrize("bad_id", ["../escape", "x" * 300, "two\nlines"])
def test_kb_add_refuses_unsafe_ids_and_writes_nothing(bad_id, curated_db, home):
    before = digest(curated_db)
    args = [*QUOKKA]
    args[1] = bad_id
    result = run("kb", "add", *args, "--db", str(curated_db), home=home)
    assert result.returncode == 1 and "unexpected" not in result.stderr
    assert digest(curated_db) == before


@pytest.mark.parametrize(("table", "bad_id"), [("facts", "../escape"), ("companies", "../../escape"),
                                               ("facts", "x" * 300), ("facts", "two\nlines")])
def test_export_refuses_a_database_holding_unsafe_ids(table, bad_id, curated_db, tmp_path, home):
    with closing(sqlite3.connect(curated_db)) as conn, conn:
        if table == "facts":
            conn.execute("update facts set id = ? where id = 'xiaohongshu-quokka'", [bad_id])
        else:
            conn.execute("update companies set id = ? where id = 'xiaohongshu'", [bad_id])
            conn.execute("update events set company_id = ? where company_id = 'xiaohongshu'", [bad_id])
    out = tmp_path / "deep" / "out"
    out.parent.mkdir()
    result = run("kb", "export", str(out), "--db", str(curated_db), home=home)
    assert_refused(result, "nothing was exported", "cannot be file names")
    assert listing(out.parent) == [] and not (tmp_path / "escape.yaml").exists()
    assert not list(tmp_path.rglob("escape*"))


def test_an_export_that_runs_out_of_space_leaves_no_partial_files(curated_db, tmp_path, home):
    out = tmp_path / "export"
    files = listing(tmp_path)
    with closing(sqlite3.connect(curated_db)) as reader:  # keeps the WAL index (-shm) at its full size
        reader.execute("select count(*) from facts").fetchone()
        result = layoffbot("kb", "export", str(out), "--db", str(curated_db), home=home, file_size_limit=3000)
    assert_refused(result, "nothing was exported", "disk", "is full")
    assert listing(tmp_path) == files  # neither the export nor its temporary directory
    result = layoffbot("kb", "build", "--knowledge", str(out), "--db", str(tmp_path / "x.db"), home=home)
    assert result.returncode != 0  # nothing a later build could take for a whole export


# --- 9. full disks and read-only files say what happened and what to do --------------------------------

WAL_INDEX_SIZE = 32768  # the -shm file must still fit; the -wal then runs out of room after a few pages


def test_a_full_disk_during_an_edit_says_so_and_changes_nothing(curated_db, home):
    before = content(curated_db)
    result = layoffbot("kb", "edit", "xiaohongshu-quokka", "--claim", "Quokka " * 8000 + f"[{XHS_SOURCE}]",
                       "--db", str(curated_db), home=home, file_size_limit=WAL_INDEX_SIZE)
    assert_refused(result, "free some space", "nothing was written")
    assert "cannot rollback" not in result.stderr
    assert content(curated_db) == before and integrity(curated_db) == "ok"


def test_a_full_disk_during_an_import_says_so_and_changes_nothing(curated_db, tmp_path, home):
    rows = ["company,location,total_laid_off,date,percentage_laid_off,industry,source,stage,funds_raised,country,"
            "date_added"]
    rows += [f"Firm {n:05d},Oslo,{n % 900 + 10},3/4/2023,,Retail,https://example.com/{n},x,1,Norway,3/4/2023"
             for n in range(3000)]
    csv_file = tmp_path / "big.csv"
    csv_file.write_text("\n".join(rows) + "\n", encoding="utf-8")
    before = content(curated_db)
    result = layoffbot("kb", "import", str(csv_file), "--format", "layoffs", "--db", str(curated_db), home=home,
                       file_size_limit=WAL_INDEX_SIZE)
    assert result.returncode == 1
    assert "cannot rollback" not in result.stderr and "unexpected" not in result.stderr
    assert "free some space" in result.stderr, result.stderr
    assert content(curated_db) == before and integrity(curated_db) == "ok"


def test_a_read_only_database_and_an_unwritable_directory_say_what_to_do(curated_db, tmp_path, home):
    db = curated_db
    db.chmod(0o444)
    before = digest(db)
    answer = layoffbot("ask", "Does Xiaohongshu keep a quokka?", "--db", str(db), home=home, permissions_apply=True)
    assert answer.returncode == 0, answer.stderr  # reading needs no write access to the file
    edit = layoffbot("kb", "edit", "xiaohongshu-quokka", "--as-of", "2022-06", "--db", str(db), home=home,
                     permissions_apply=True)
    assert_refused(edit, "read-only", "nothing was written")
    assert digest(db) == before

    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    build = layoffbot("kb", "build", "--db", str(locked / "layoffbot.db"), home=home, permissions_apply=True)
    assert_refused(build, str(locked))
    assert listing(locked) == []
    export = layoffbot("kb", "export", str(locked / "out"), "--db", str(db), home=home, permissions_apply=True)
    assert_refused(export, "nothing was exported", str(locked))
    assert listing(locked) == []


def test_an_unchanged_build_is_recognised_without_reading_its_files(tmp_path, built_db, home, monkeypatch):
    """The content's names, sizes and modification times match the build's: no file is read and hashed
    (about 20 ms of every cold ask); once one changes, the hash decides (the test above)."""
    import bot.db

    knowledge = tmp_path / "knowledge"
    assert run("kb", "export", str(knowledge), "--db", str(built_db), home=home).returncode == 0
    db = tmp_path / "k.db"
    build_database(db, knowledge)

    def no_hashing(directory):
        raise AssertionError("hashed the content though its fingerprint matched")

    monkeypatch.setattr(bot.db, "content_hash", no_hashing)
    before = digest(db)
    ensure_database(db, knowledge)
    assert digest(db) == before
