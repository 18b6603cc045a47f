"""The SQLite fact base: schema, building it from `knowledge/`, opening it for reading."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import tempfile
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .knowledge import Knowledge, bundled_knowledge_dir, content_hash, load_knowledge
from .warn import insert_bundled_warn

if TYPE_CHECKING:  # sqlite-utils (and the numpy it pulls in) stays off the question-answering path
    import sqlite_utils

SCHEMA_VERSION = "1"


class DatabaseError(Exception):
    """The database is missing, unreadable or of another schema."""


@dataclass(frozen=True)
class BuildReport:
    path: Path
    counts: dict[str, int]


def create_schema(db: sqlite_utils.Database) -> None:
    db["meta"].create({"key": str, "value": str}, pk="key", if_not_exists=True)
    db["sources"].create(
        {"id": str, "url": str, "title": str, "publisher": str, "published": str, "checked": str,
         "origin": str},
        pk="id", not_null={"url", "title", "publisher"}, if_not_exists=True,
    )
    db["companies"].create(
        {"id": str, "name": str, "country": str, "industry": str, "description": str, "origin": str},
        pk="id", not_null={"name"}, if_not_exists=True,
    )
    db["jurisdictions"].create(
        {"id": str, "name": str, "parent": str, "origin": str}, pk="id", not_null={"name"},
        if_not_exists=True,
    )
    db["aliases"].create(
        {"alias": str, "entity_id": str, "entity_kind": str}, pk=("alias", "entity_id"),
        if_not_exists=True,
    )
    db["events"].create(
        {"id": str, "company_id": str, "date": str, "headcount": int, "percent": float, "place": str,
         "country": str, "summary": str, "origin": str, "retired": int},
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
         "questions": str, "origin": str, "retired": int},
        pk="id", not_null={"claim", "topic"}, defaults={"retired": 0}, if_not_exists=True,
    )
    db["rules"].create(
        {"id": str, "jurisdiction_id": str, "topic": str, "as_of": str, "claim": str,
         "threshold": str, "period_days": int, "questions": str, "origin": str, "retired": int},
        pk="id", not_null={"claim", "topic"}, defaults={"retired": 0},
        foreign_keys=[("jurisdiction_id", "jurisdictions", "id")], if_not_exists=True,
    )
    db["citations"].create(
        {"item_id": str, "source_id": str, "position": int}, pk=("item_id", "source_id"),
        foreign_keys=[("source_id", "sources", "id")], if_not_exists=True,
    )
    create_audit_table(db)
    db["aliases"].create_index(["entity_id"], if_not_exists=True)
    db["events"].create_index(["company_id"], if_not_exists=True)
    db["citations"].create_index(["source_id"], if_not_exists=True)
    for table in ("facts", "rules"):
        if not db[table].detect_fts():
            db[table].enable_fts(["claim", "questions"], create_triggers=True, tokenize="porter")


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


def build_database(db_path: Path, knowledge_dir: Path | None = None) -> BuildReport:
    """Compile the curated files into a fresh database at `db_path`, atomically.

    The new database is written beside the target and renamed over it only when complete,
    so a failed or interrupted build leaves the previous database untouched.
    """
    knowledge_dir = knowledge_dir or bundled_knowledge_dir()
    kb = load_knowledge(knowledge_dir)
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".layoffbot-build-", suffix=".db", dir=db_path.parent)
    os.close(fd)
    try:
        with closing(sqlite3.connect(tmp_name)) as conn:
            import sqlite_utils

            db = sqlite_utils.Database(conn)
            with conn:
                create_schema(db)
                insert_knowledge(db, kb)
                insert_bundled_warn(db)  # the public state WARN registers in the package
                db["meta"].insert_all([
                    {"key": "schema_version", "value": SCHEMA_VERSION},
                    {"key": "content_hash", "value": content_hash(knowledge_dir)},
                    {"key": "knowledge_dir", "value": str(knowledge_dir)},
                ], replace=True)
            counts = table_counts(db)
        os.replace(tmp_name, db_path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return BuildReport(db_path, counts)


def read_meta(db_path: Path) -> dict[str, str]:
    try:
        with closing(connect_readonly(db_path)) as conn:
            return dict(conn.execute("select key, value from meta").fetchall())
    except (sqlite3.Error, DatabaseError):
        return {}


def ensure_database(db_path: Path, knowledge_dir: Path | None = None) -> Path:
    """Build the database when it is missing, of another schema, or older than the bundled content.

    A curated database (one a curator has changed) is never rebuilt over: that would lose their work.
    """
    knowledge_dir = knowledge_dir or bundled_knowledge_dir()
    meta = read_meta(db_path)
    if meta.get("curated") == "1" and meta.get("schema_version") != SCHEMA_VERSION:
        raise DatabaseError(
            f"{db_path} holds curated changes but has schema {meta.get('schema_version')!r}, not "
            f"{SCHEMA_VERSION!r}: export it with an older layoffbot (`kb export`), then `kb build` from the export"
        )
    stale = (
        meta.get("schema_version") != SCHEMA_VERSION
        or (meta.get("curated") != "1" and meta.get("content_hash") != content_hash(knowledge_dir))
    )
    if stale:
        build_database(db_path, knowledge_dir)
    return Path(db_path)


def connect_readonly(db_path: Path) -> sqlite3.Connection:
    """A read-only connection: the bot reads, only curator commands write."""
    path = Path(db_path)
    if not path.is_file():
        raise DatabaseError(f"no database at {path}")
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    return conn
