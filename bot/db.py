"""The SQLite fact base: schema, building it from `knowledge/`, opening it, and keeping it safe.

Rules that keep a curator's work (see `ensure_database` and `build_database`):

- A database is created only where no file exists, and rebuilt only when its meta says it was
  built from the same content (`built_from`) and its `fingerprint` proves nothing changed it since
  (curator edits and imports also set `curated`). Anything else is used as it is or refused with
  one line saying what the file is; another program's file or a damaged one is never written.
- A `-journal` or `-wal` beside a database is never deleted: SQLite opens the database and rolls
  back (or recovers) what a killed writer left. New databases use WAL mode: a curator or an import
  never blocks readers (the bot keeps answering), and a commit is one append to the `-wal` file.
  The cost: `-wal`/`-shm` files beside the database, a directory the readers can write (else the
  database is read `immutable`), and no network file systems.
- Every write is one `BEGIN IMMEDIATE` transaction (`write_transaction`) that waits up to
  `busy_timeout()` seconds for another writer, so a read-modify-write never loses an update.
"""

from __future__ import annotations

import datetime as dt
import errno
import fcntl
import hashlib
import json
import logging
import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .knowledge import Knowledge, bundled_knowledge_dir, content_hash, content_stat, load_knowledge

if TYPE_CHECKING:  # sqlite-utils (and the numpy it pulls in) stays off the question-answering path
    import sqlite_utils

SCHEMA_VERSION = "3"  # 2: aliases.unit, events.workers; 3: jurisdictions.governed_elsewhere (bot.migrations)


class DatabaseError(Exception):
    """The database is missing, unreadable or of another schema."""


@dataclass(frozen=True)
class BuildReport:
    path: Path
    counts: dict[str, int]


def create_schema(db: sqlite_utils.Database, *, indexes: bool = True) -> None:
    """Create the tables (if missing); with `indexes=False` the secondary indexes are left to
    `create_indexes`, which a bulk build runs after its inserts (one sort instead of a B-tree
    insert per row)."""
    db["meta"].create({"key": str, "value": str}, pk="key", if_not_exists=True)
    db["sources"].create(
        {"id": str, "url": str, "title": str, "publisher": str, "published": str, "checked": str,
         "origin": str},
        pk="id", not_null={"url", "title", "publisher"}, if_not_exists=True,  # title "" when not seen
    )
    db["companies"].create(
        {"id": str, "name": str, "country": str, "industry": str, "description": str, "origin": str},
        pk="id", not_null={"name"}, if_not_exists=True,
    )
    db["jurisdictions"].create(  # governed_elsewhere: JSON {jurisdiction id: [sector names]} (bot.knowledge)
        {"id": str, "name": str, "parent": str, "governed_elsewhere": str, "origin": str}, pk="id",
        not_null={"name"}, if_not_exists=True,
    )
    db["aliases"].create(  # unit: the part of the company the alias names ("AWS"), else null
        {"alias": str, "entity_id": str, "entity_kind": str, "unit": str}, pk=("alias", "entity_id"),
        if_not_exists=True,
    )
    db["events"].create(
        {"id": str, "company_id": str, "date": str, "headcount": int, "percent": float, "place": str,
         "country": str, "summary": str, "part_of": str, "workers": str, "origin": str, "retired": int},
        pk="id", foreign_keys=[("company_id", "companies", "id")], defaults={"retired": 0},
        if_not_exists=True,
    )
    db["event_reports"].create(
        {"event_id": str, "position": int, "headcount": int, "percent": float, "source_id": str,
         "note": str},
        pk=("event_id", "position"),
        foreign_keys=[("event_id", "events", "id"), ("source_id", "sources", "id")],
        if_not_exists=True,
    )
    db["facts"].create(
        {"id": str, "entity_id": str, "entity_kind": str, "topic": str, "as_of": str, "claim": str,
         "claim_zh": str, "questions": str, "origin": str, "retired": int},
        pk="id", not_null={"claim", "topic"}, defaults={"retired": 0}, if_not_exists=True,
    )
    db["rules"].create(
        {"id": str, "jurisdiction_id": str, "topic": str, "as_of": str, "verified": str, "claim": str,
         "claim_zh": str, "threshold": str, "period_days": int, "questions": str, "origin": str, "retired": int},
        pk="id", not_null={"claim", "topic"}, defaults={"retired": 0},
        foreign_keys=[("jurisdiction_id", "jurisdictions", "id")], if_not_exists=True,
    )
    db["citations"].create(
        {"item_id": str, "source_id": str, "position": int}, pk=("item_id", "source_id"),
        foreign_keys=[("source_id", "sources", "id")], if_not_exists=True,
    )
    create_audit_table(db)
    if indexes:
        create_indexes(db)
    for table in ("facts", "rules"):
        if not db[table].detect_fts():
            db[table].enable_fts(["claim", "questions"], create_triggers=True, tokenize="porter")


def create_indexes(db: sqlite_utils.Database) -> None:
    db["aliases"].create_index(["entity_id"], if_not_exists=True)
    db["events"].create_index(["company_id"], if_not_exists=True)
    db["citations"].create_index(["source_id"], if_not_exists=True)


def create_audit_table(db: sqlite_utils.Database) -> None:
    """Every curator change, oldest first: `before`/`after` are JSON snapshots (null when absent);
    an `undo` row names the change it reverts in `reverts`."""
    db["audit"].create(
        {"id": int, "at": str, "action": str, "item_id": str, "item_table": str, "before": str, "after": str,
         "who": str, "reverts": int},
        pk="id", not_null={"at", "action"}, if_not_exists=True,
    )
    db["audit"].create_index(["item_id"], if_not_exists=True)


def record_audit(db: sqlite_utils.Database, action: str, item_table: str | None, item_id: str | None,
                 before: dict | None, after: dict | None, *, who: str | None = None,
                 reverts: int | None = None) -> int:
    """Append one audit row and mark the database as curated (so `ensure_database` keeps it); the
    caller owns the transaction. Returns the new row's id."""
    create_audit_table(db)
    as_json = lambda value: None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)  # noqa: E731
    table = db["audit"].insert({
        "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "action": action, "item_id": item_id, "item_table": item_table,
        "before": as_json(before), "after": as_json(after),
        "who": who if who is not None else os.environ.get("USER") or None,
        "reverts": reverts,
    })
    db["meta"].insert({"key": "curated", "value": "1"}, replace=True)
    return table.last_pk


def insert_knowledge(db: sqlite_utils.Database, kb: Knowledge) -> None:
    """Insert all records of `kb`; the caller owns the transaction."""
    def with_json(rows: list[dict]) -> list[dict]:
        return [{**row, "questions": json.dumps(row["questions"], ensure_ascii=False)} for row in rows]

    db["sources"].insert_all(kb.sources)
    db["companies"].insert_all(kb.companies)
    db["jurisdictions"].insert_all(kb.jurisdictions)
    db["aliases"].insert_all(kb.aliases, ignore=True)
    db["events"].insert_all(kb.events)
    db["event_reports"].insert_all(kb.event_reports)
    db["facts"].insert_all(with_json(kb.facts))
    db["rules"].insert_all(with_json(kb.rules))
    db["citations"].insert_all(kb.citations)


def table_counts(db: sqlite_utils.Database) -> dict[str, int]:
    live = "where coalesce(retired, 0) = 0"
    one = lambda sql: db.execute(sql).fetchone()[0]  # noqa: E731
    return {
        "companies": one("select count(*) from companies"),
        "events": one(f"select count(*) from events {live}"),
        "facts": one(f"select count(*) from facts {live}"),
        "rules": one(f"select count(*) from rules {live}"),
        "jurisdictions": one("select count(*) from jurisdictions"),
        "sources": one("select count(*) from sources"),
    }


# --- errors that say what happened and what to do ----------------------------------------------

def busy_timeout() -> float:
    """Seconds a writer waits for another writer's lock: $LAYOFFBOT_BUSY_TIMEOUT, else 10."""
    try:
        return max(0.0, float(os.environ.get("LAYOFFBOT_BUSY_TIMEOUT", "10")))
    except ValueError:
        return 10.0


def describe_error(exc: BaseException, path: Path) -> str:
    """One line for a failed SQLite or file operation on `path`: what happened and what to do.

    SQLite errors are told apart by their (extended) result code, file errors by errno.
    """
    path = Path(path)
    if isinstance(exc, sqlite3.Error):
        name = getattr(exc, "sqlite_errorname", "") or ""
        if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
            return (f"the database {path} is busy: another curator command is writing to it "
                    f"(waited {busy_timeout():g} s); try again")
        if name.startswith("SQLITE_FULL"):
            return f"the disk holding {path} is full: nothing was written; free some space and try again"
        if name in {"SQLITE_READONLY_ROLLBACK", "SQLITE_READONLY_RECOVERY"}:
            return (f"{path} has an unfinished transaction that SQLite must roll back, but it is read-only: "
                    "run the command once as a user who can write the file and its directory")
        if name == "SQLITE_READONLY_DIRECTORY" or (name.startswith("SQLITE_READONLY")
                                                   and not os.access(path.parent, os.W_OK)):
            return (f"cannot write in {path.parent} (the database needs it for its journal): "
                    "make the directory writable or choose another --db")
        if name.startswith("SQLITE_READONLY"):
            return f"{path} is read-only: nothing was written; make it writable (chmod u+w) or choose another --db"
        if name.startswith("SQLITE_CANTOPEN"):
            return f"cannot open {path}: its directory is missing or not readable and writable by you"
        if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")):
            return (f"{path} is damaged or not an SQLite database ({exc}): layoffbot will not touch it; "
                    "restore it from a backup, or move it away and run `layoffbot kb build`")
        if name.startswith("SQLITE_IOERR"):
            return (f"could not read or write {path} ({exc}): the disk may be full or failing; "
                    "nothing was written, free some space and try again")
        return f"{path}: {exc}"
    if isinstance(exc, OSError):
        where = Path(exc.filename) if exc.filename else path
        if exc.errno in {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}:
            return f"the disk holding {where} is full: nothing was written; free some space and try again"
        if exc.errno in {errno.EACCES, errno.EPERM, errno.EROFS}:
            return f"cannot write {where} ({exc.strerror}): choose a place you can write to"
        return f"{where}: {exc.strerror or exc}"
    return str(exc)


class DatabaseBusy(DatabaseError):
    """Another writer held the lock for longer than the busy timeout."""


def _sqlite_error(exc: sqlite3.Error, path: Path) -> DatabaseError:
    cls = DatabaseBusy if (getattr(exc, "sqlite_errorname", "") or "").startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) \
        else DatabaseError
    return cls(describe_error(exc, path))


# --- connections --------------------------------------------------------------------------------

def _uri(path: Path, mode: str) -> str:
    return f"{Path(path).resolve().as_uri()}?mode={mode}"


def connect_readonly(db_path: Path) -> sqlite3.Connection:
    """A read-only connection: the bot reads, only curator commands write.

    In WAL mode a reader needs the `-shm` file; when the directory is read-only and nobody has
    left a `-wal` file, the database is opened `immutable` instead (no writer can be at work).
    """
    path = Path(db_path)
    if not path.is_file():
        raise DatabaseError(f"no database at {path}")
    try:
        conn = sqlite3.connect(_uri(path, "ro"), uri=True, check_same_thread=False, timeout=busy_timeout())
        conn.execute("select count(*) from sqlite_master").fetchone()
    except sqlite3.OperationalError as exc:
        if (getattr(exc, "sqlite_errorname", "") or "").startswith("SQLITE_CANTOPEN") \
                and not os.access(path.parent, os.W_OK) and not _companion(path, "-wal").exists():
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True, check_same_thread=False)
        else:
            raise
    conn.row_factory = sqlite3.Row
    return conn


def connect_writable(db_path: Path) -> sqlite3.Connection:
    """A read-write connection to an existing database (never creates one), in autocommit mode
    (`isolation_level=None`: the caller issues BEGIN IMMEDIATE), waiting up to `busy_timeout()`
    seconds for another writer's lock."""
    return sqlite3.connect(_uri(db_path, "rw"), uri=True, isolation_level=None, timeout=busy_timeout())


@contextmanager
def write_transaction(db_path: Path) -> Iterator[sqlite_utils.Database]:
    """One write to an existing database: BEGIN IMMEDIATE, the caller's reads and writes, COMMIT.

    Taking the write lock before the first read makes every read-modify-write see the state it
    replaces (no lost updates between concurrent curators). Anything raised inside rolls back.
    Raises `DatabaseBusy` when another writer holds the lock beyond the busy timeout, and
    `DatabaseError` (one clear line) for a full disk, a read-only file or directory, or a damaged file.
    """
    import sqlite_utils

    path = Path(db_path)
    try:
        conn = connect_writable(path)
    except sqlite3.Error as exc:
        raise _sqlite_error(exc, path) from None
    try:
        _prefer_wal(conn)
        conn.execute("BEGIN IMMEDIATE")
        yield sqlite_utils.Database(conn)
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        _rollback(conn)
        raise _sqlite_error(exc, path) from None
    except BaseException:
        _rollback(conn)
        raise
    finally:
        conn.close()


def _rollback(conn: sqlite3.Connection) -> None:
    """Roll back if a transaction is still open (SQLite itself ends it on a full disk or I/O error)."""
    if conn.in_transaction:
        try:
            conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass  # the journal rolls it back at the next open


def _prefer_wal(conn: sqlite3.Connection) -> None:
    """Switch an older rollback-journal database to WAL when no one else has it open."""
    try:
        if conn.execute("pragma journal_mode").fetchone()[0].lower() != "wal":
            conn.execute("pragma busy_timeout = 0")  # only if no one else has it open right now
            try:
                conn.execute("pragma journal_mode=wal")
            finally:
                conn.execute(f"pragma busy_timeout = {int(busy_timeout() * 1000)}")
    except sqlite3.OperationalError:
        pass  # busy or read-only: stays in rollback-journal mode, which is just as safe


# --- what a file at --db is -------------------------------------------------------------------------

def _companion(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _journals(path: Path) -> list[Path]:
    """The non-empty `-journal` and `-wal` files beside `path` (empty ones hold nothing to replay)."""
    found = []
    for journal in (_companion(path, "-journal"), _companion(path, "-wal")):
        try:
            if journal.stat().st_size > 0:
                found.append(journal)
        except OSError:
            pass
    return found


def _recover(path: Path) -> None:
    """Let SQLite roll back (rollback journal) or recover (WAL) what a killed writer left, and
    checkpoint the WAL so the database file itself holds every committed change.

    A journal beside a missing database is refused: creating a database there would replay it.
    Without write access a WAL is left as it is (readers read it); a hot rollback journal is not.
    """
    journals = _journals(path)
    if not journals:
        return
    if not path.exists():
        raise DatabaseError(
            f"{path} is missing but {journals[0].name} (an unfinished transaction's journal) is beside it: "
            "layoffbot will not create a database there; restore the database or move the journal away")
    try:
        with closing(connect_writable(path)) as conn:
            conn.execute("select count(*) from sqlite_master").fetchone()  # rolls back a hot journal
            if conn.execute("pragma journal_mode").fetchone()[0].lower() == "wal":
                conn.execute("pragma wal_checkpoint(TRUNCATE)")
    except sqlite3.Error as exc:
        name = getattr(exc, "sqlite_errorname", "") or ""
        only_wal = all(j.name.endswith("-wal") for j in journals)
        if only_wal and name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_BUSY", "SQLITE_LOCKED")):
            return
        raise _sqlite_error(exc, path) from None


def _meta_of(conn: sqlite3.Connection) -> dict[str, str] | None:
    """The `meta` table as a dict, or None when the database has no layoffbot `meta`."""
    tables = {r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")}
    if "meta" not in tables:
        return None
    meta = dict(conn.execute("select key, value from meta").fetchall())
    return meta if "schema_version" in meta else None


def inspect_database(db_path: Path) -> dict[str, str] | None:
    """The layoffbot `meta` of the database at `db_path`, or None when no database is there yet
    (no file, or an empty file with no journal beside it). Rolls back what a killed writer left first.

    Raises `DatabaseError` saying what the file is when it is not a layoffbot database: another
    program's SQLite database, not SQLite at all, or damaged. Such files are never changed.
    """
    path = Path(db_path)
    _recover(path)
    if not path.exists():
        return None
    if path.is_file() and path.stat().st_size == 0:
        return None
    if not path.is_file():
        raise DatabaseError(f"{path} is not a file: choose another --db")
    try:
        with closing(connect_readonly(path)) as conn:
            meta = _meta_of(conn)
            tables = sorted(r[0] for r in conn.execute(
                "select name from sqlite_master where type = 'table' and name not like 'sqlite_%'"))
    except sqlite3.Error as exc:
        raise _sqlite_error(exc, path) from None
    if meta is None:
        listed = ", ".join(tables[:5]) + (", …" if len(tables) > 5 else "") if tables else "no tables"
        raise DatabaseError(
            f"{path} is another program's SQLite database ({listed}), not a layoffbot fact base: "
            "layoffbot will not change it; choose another --db")
    return meta


def read_meta(db_path: Path) -> dict[str, str]:
    """The layoffbot `meta` of an existing database ({} when it has none or cannot be read)."""
    try:
        with closing(connect_readonly(db_path)) as conn:
            return _meta_of(conn) or {}
    except (sqlite3.Error, DatabaseError):
        return {}


# --- provenance: may this database be rebuilt? ------------------------------------------------------

BUNDLED = "bundled"


def _source_label(knowledge_dir: Path | None) -> str:
    """`bundled` for the built-in content, else the directory's absolute path."""
    if knowledge_dir is None:
        return BUNDLED
    directory = Path(knowledge_dir).resolve()
    return BUNDLED if directory == bundled_knowledge_dir().resolve() else str(directory)


def fingerprint(conn: sqlite3.Connection) -> str:
    """SHA-256 of the schema and every row (full-text index tables aside, which follow the rows),
    with the fingerprint's own meta row left out: any change after the build changes it."""
    digest = hashlib.sha256()
    entries = conn.execute("select type, name, tbl_name, sql from sqlite_master order by type, name").fetchall()
    virtual = [name for kind, name, _, sql in entries if kind == "table" and (sql or "").upper().startswith(
        "CREATE VIRTUAL TABLE")]
    for entry in entries:
        digest.update(repr(tuple(entry)).encode())
        kind, name = entry[0], entry[1]
        if kind != "table" or name.startswith("sqlite_") or name in virtual \
                or any(name.startswith(f"{v}_") for v in virtual):
            continue
        for row in conn.execute(f'select * from "{name}" order by rowid'):
            if name == "meta" and row[0] == "fingerprint":
                continue
            digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def _changed_since_build(conn: sqlite3.Connection, meta: dict[str, str]) -> str | None:
    """Why the database is not provably as its build left it (None when it is)."""
    if meta.get("curated") == "1":
        return "holds curated changes (curator edits or imports)"
    if "fingerprint" in meta:
        try:
            same = fingerprint(conn) == meta["fingerprint"]
        except sqlite3.Error as exc:
            return f"cannot be read in full ({exc})"
        return None if same else "was changed after it was built"
    # Built before layoffbot recorded fingerprints: only the original marks of change can tell.
    tables = {r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")}
    if "audit" in tables and conn.execute("select 1 from audit limit 1").fetchone():
        return "holds curator changes"
    for table in ("facts", "events", "sources"):
        if table in tables and conn.execute(f"select 1 from {table} where origin like 'import:%' limit 1").fetchone():
            return "holds imported data"
    return None


def _built_from(meta: dict[str, str]) -> str:
    if "built_from" in meta:
        return meta["built_from"]
    legacy = meta.get("knowledge_dir")  # before `built_from` was recorded
    return _source_label(Path(legacy)) if legacy else "an unknown source"


def _describe_origin(source: str) -> str:
    return "the built-in content" if source == BUNDLED else source


def _replace_refusal(path: Path, meta: dict[str, str], conn: sqlite3.Connection, source: str) -> str | None:
    """Why `kb build` (from `source`) must not replace this layoffbot database without --replace."""
    built_from = _built_from(meta)
    changed = _changed_since_build(conn, meta)
    if changed:
        what = f"{path} {changed}"
    elif built_from != source:
        what = f"{path} was built from {_describe_origin(built_from)}"
    else:
        return None
    return (f"{what}: `kb build` will not replace it; keep it, or export it first (`layoffbot kb export DIR "
            f"--db {path}`), or pass --replace to replace it")


# --- building ---------------------------------------------------------------------------------------

_BUILD_PREFIX = ".layoffbot-build-"
_BUILD_NAME = re.compile(r"^\.layoffbot-build-(\d+)-[A-Za-z0-9_]+\.db$")


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_builds(directory: Path) -> list[Path]:
    """Delete `.layoffbot-build-<pid>-*.db` files (and their journals) left by killed builds: only
    those whose builder process is gone and which no process holds locked. Returns what was removed."""
    removed = []
    for candidate in Path(directory).glob(f"{_BUILD_PREFIX}*.db"):
        match = _BUILD_NAME.match(candidate.name)
        if not match or _pid_alive(int(match.group(1))):
            continue
        try:
            fd = os.open(candidate, os.O_RDWR)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            continue
        try:
            for path in (candidate, _companion(candidate, "-journal"), _companion(candidate, "-wal"),
                         _companion(candidate, "-shm")):
                path.unlink(missing_ok=True)
            removed.append(candidate)
        finally:
            os.close(fd)
    return removed


def _meta_rows(knowledge_dir: Path, source: str) -> list[dict]:
    return [
        {"key": "schema_version", "value": SCHEMA_VERSION},
        # the stat first: files changed after it was taken fail it, and the hash decides
        {"key": "content_stat", "value": content_stat(knowledge_dir)},
        {"key": "content_hash", "value": content_hash(knowledge_dir)},
        {"key": "knowledge_dir", "value": str(knowledge_dir)},
        {"key": "built_from", "value": source},
        {"key": "built_at", "value": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")},
    ]


def _fill(db: sqlite_utils.Database, kb: Knowledge, meta_rows: list[dict]) -> dict[str, int]:
    """Schema, content and meta (with the fingerprint last); the caller owns the transaction."""
    from .fts import start_index
    from .warn import insert_bundled_warn

    create_schema(db, indexes=False)
    insert_knowledge(db, kb)
    finish_index = start_index(db.conn)  # bot.fts: the search index, derived meanwhile (it leaves WARN out)
    try:
        insert_bundled_warn(db)  # the public state WARN registers shipped in the package
        create_indexes(db)  # after the bulk inserts: much faster than keeping them up to date row by row
    except BaseException:
        finish_index(cancel=True)
        raise
    finish_index()  # stored beside the content it derives from
    db["meta"].insert_all(meta_rows, replace=True)
    db["meta"].insert({"key": "fingerprint", "value": fingerprint(db.conn)}, replace=True)
    return table_counts(db)


def _drop_everything(conn: sqlite3.Connection) -> None:
    """Drop every view and table (full-text tables first, which drop their own shadow tables)."""
    for (name,) in conn.execute("select name from sqlite_master where type = 'view'").fetchall():
        conn.execute(f'drop view "{name}"')
    virtual = conn.execute("select name from sqlite_master where type = 'table' "
                           "and upper(sql) like 'CREATE VIRTUAL TABLE%'").fetchall()
    for (name,) in virtual:
        conn.execute(f'drop table "{name}"')
    for (name,) in conn.execute("select name from sqlite_master where type = 'table' "
                                "and name not like 'sqlite_%'").fetchall():
        conn.execute(f'drop table "{name}"')


def _create(path: Path, kb: Knowledge, meta_rows: list[dict]) -> dict[str, int] | None:
    """Build a new database beside `path` and link it into place only if `path` still does not
    exist. Returns the counts, or None when another process created `path` meanwhile.

    The file is built as `.layoffbot-build-<pid>-<random>.db`, locked while it is written, so a
    killed build's leftover is recognised and removed by the next build (`remove_stale_builds`).
    """
    import secrets

    import sqlite_utils

    directory = path.parent
    directory.mkdir(parents=True, exist_ok=True)
    remove_stale_builds(directory)
    tmp = directory / f"{_BUILD_PREFIX}{os.getpid()}-{secrets.token_hex(6)}.db"
    try:
        lock = os.open(tmp, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644)
    except OSError as exc:
        if exc.errno in {errno.EACCES, errno.EPERM, errno.EROFS}:
            raise DatabaseError(f"cannot create a database in {directory} ({exc.strerror}): "
                                "choose a --db in a directory you can write to") from None
        raise
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        with closing(sqlite3.connect(tmp, isolation_level=None)) as conn:
            db = sqlite_utils.Database(conn)
            conn.execute("BEGIN")
            counts = _fill(db, kb, meta_rows)
            conn.execute("COMMIT")
            conn.execute("pragma journal_mode=wal")  # readers are never blocked by a curator
        try:
            os.link(tmp, path)  # no-clobber: fails if a database appeared meanwhile
        except FileExistsError:
            if path.stat().st_size or _journals(path):
                return None
            os.replace(tmp, path)  # an empty file (as `mktemp` leaves) holds nothing to lose
        except OSError as exc:
            if exc.errno not in {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK}:
                raise
            if path.exists():  # no hard links on this file system: a checked rename instead
                return None
            os.rename(tmp, path)
        return counts
    except sqlite3.Error as exc:
        raise _sqlite_error(exc, tmp) from None
    finally:
        for leftover in (tmp, _companion(tmp, "-journal"), _companion(tmp, "-wal"), _companion(tmp, "-shm")):
            leftover.unlink(missing_ok=True)
        os.close(lock)


def _rebuild_in_place(path: Path, kb: Knowledge, meta_rows: list[dict], *, check) -> dict[str, int]:
    """Replace the content of the existing layoffbot database at `path` in ONE write transaction,
    after `check(conn, meta)` (which raises to refuse) passes inside it: a concurrent curator
    either commits first (and the check sees it) or waits. A kill rolls back to the old state."""
    with write_transaction(path) as db:
        meta = _meta_of(db.conn)
        if meta is None:
            raise DatabaseError(f"{path} is not a layoffbot fact base: layoffbot will not change it")
        check(db.conn, meta)
        damage = db.conn.execute("pragma quick_check").fetchone()[0]
        if damage != "ok":
            raise DatabaseError(f"{path} is damaged ({damage}): layoffbot will not replace it; restore it from a "
                                "backup, or move it away and run `layoffbot kb build`")
        _drop_everything(db.conn)
        return _fill(db, kb, meta_rows)


def build_database(db_path: Path, knowledge_dir: Path | None = None, *, replace: bool = False) -> BuildReport:
    """Compile the curated files into the database at `db_path`; a failed or killed build changes nothing.

    Where no database exists, it is built beside the target and linked into place when complete.
    An existing layoffbot database is rebuilt in one transaction, and only when it was built from
    the same content and provably not changed since — or with `replace=True`. Raises
    `KnowledgeError` for bad files and `DatabaseError` (one line: what the file is, what to run)
    when refusing; another program's file or a damaged one is never replaced, even with `replace`.
    """
    knowledge_dir = Path(knowledge_dir) if knowledge_dir else bundled_knowledge_dir()
    kb = load_knowledge(knowledge_dir)
    path = Path(db_path)
    source = _source_label(knowledge_dir)
    meta_rows = _meta_rows(knowledge_dir, source)
    try:
        if inspect_database(path) is None:
            counts = _create(path, kb, meta_rows)
            if counts is not None:
                return BuildReport(path, counts)

        def check(conn: sqlite3.Connection, meta: dict[str, str]) -> None:
            refusal = None if replace else _replace_refusal(path, meta, conn, source)
            if refusal:
                raise DatabaseError(refusal)

        return BuildReport(path, _rebuild_in_place(path, kb, meta_rows, check=check))
    except OSError as exc:
        raise DatabaseError(describe_error(exc, path)) from None


def ensure_database(db_path: Path, knowledge_dir: Path | None = None) -> Path:
    """Make sure a usable fact base is at `db_path` and return the path.

    Creates it from the built-in content only where no database exists. An existing one is used as
    it is, unless it was built from the built-in content, is provably unchanged since (no curator
    change, no import, same fingerprint) and the content or schema has changed since: then it is
    rebuilt in one transaction. A journal or WAL left by a killed writer is rolled back by SQLite
    first, never deleted. Raises `DatabaseError` (one line) for another program's file, a damaged
    file, or a changed database of another schema.
    """
    path = Path(db_path)
    source = _source_label(knowledge_dir)
    knowledge_dir = Path(knowledge_dir) if knowledge_dir else bundled_knowledge_dir()
    try:
        meta = inspect_database(path)
        if meta is None:
            kb = load_knowledge(knowledge_dir)
            _create(path, kb, _meta_rows(knowledge_dir, source))
            return path
        if meta.get("schema_version") == SCHEMA_VERSION and (
                _built_from(meta) != source or meta.get("curated") == "1"
                or meta.get("content_stat") == content_stat(knowledge_dir)
                or meta.get("content_hash") == content_hash(knowledge_dir)):
            return path  # current, or not ours to rebuild

        def check(conn: sqlite3.Connection, meta: dict[str, str]) -> None:
            changed = _changed_since_build(conn, meta)
            if changed or _built_from(meta) != source:
                raise _Keep(changed or "was not built from the built-in content")

        try:
            _rebuild_in_place(path, load_knowledge(knowledge_dir), _meta_rows(knowledge_dir, source), check=check)
        except DatabaseError:
            if meta.get("schema_version") != SCHEMA_VERSION:
                raise
            # busy or read-only: the previous build still answers
        except _Keep as keep:
            if meta.get("schema_version") != SCHEMA_VERSION and not _migrated(path):
                raise DatabaseError(
                    f"{path} {keep} but has schema {meta.get('schema_version')!r}, not {SCHEMA_VERSION!r}: "
                    f"export it with the layoffbot that made it (`kb export DIR`), then `kb build --knowledge DIR "
                    f"--replace --db {path}`") from None
        return path
    except OSError as exc:
        raise DatabaseError(describe_error(exc, path)) from None


def _migrated(path: Path) -> bool:
    """Bring a kept database (a curator's) of an older schema to this one in place, in one write
    transaction (`bot.migrations`); False when there is no way from its schema (nothing written then)."""
    from .migrations import migrate

    try:
        with write_transaction(path) as db:
            steps = migrate(db, SCHEMA_VERSION)
    except LookupError:
        return False
    for step in steps:
        logging.getLogger(__name__).info("%s migrated to schema %s: %s", path, step.to, step.what)
    return True


class _Keep(Exception):
    """The database is not provably pristine: use it as it is."""


def store_meta(db_path: Path, key: str, value: str) -> None:
    """Set one `meta` key of an existing database, in one write transaction (`write_transaction`)."""
    with write_transaction(db_path) as db:
        db["meta"].insert({"key": key, "value": value}, replace=True)
