"""Curator changes to the database, its checks, and writing it back as `knowledge/` YAML.

Every change (`add_item`, `edit_item`, `retire_item`, `undo_last`) runs in one transaction and is
recorded in the `audit` table with JSON snapshots of the item before and after, so nothing is lost:
retiring only sets `retired`, and undo restores the previous snapshot. New and edited items go
through the YAML loader's own checks, so the database never holds what `kb build` would reject.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils
import yaml

from .db import (
    SCHEMA_VERSION,
    DatabaseError,
    connect_readonly,
    describe_error,
    ensure_database,
    inspect_database,
    record_audit,
    write_transaction,
)
from .ids import id_problem
from .knowledge import (
    ID_PATTERN,
    MARKER,
    PLACE,
    PLAIN_TEXT_TOPICS,
    TOPICS,
    URL_PATTERN,
    Knowledge,
    _Collector,
    _load_events,
    _load_items,
    _load_sources,
    claim_markers,
    parse_date,
    part_of_problems,
)

ITEM_TABLES = ("facts", "rules", "events")
KIND_TABLES = {"fact": "facts", "rule": "rules", "event": "events"}
TABLE_KINDS = {table: kind for kind, table in KIND_TABLES.items()}
# The curated content tables, in the order the loader fills them.
CONTENT_TABLES = ("sources", "companies", "jurisdictions", "aliases", "events", "event_reports", "facts",
                  "rules", "citations")
# Near-duplicate claims: compared after `normalize`, with source markers removed.
NEAR_DUPLICATE_SCORER = "token_sort_ratio"
NEAR_DUPLICATE_CUTOFF = 90
_LABEL = "change"
_YAML_FILE = re.compile(r"^(companies|rules|topics)/[A-Za-z0-9_-]+\.yaml$")
_EXPORT_PATH = re.compile(r"^(companies|rules|topics)/[^./\\\x00-\x1f][^/\\\x00-\x1f]*\.yaml\Z")
_FLAGS = {"as_of": "--as-of", "claim": "--claim", "topic": "--topic", "date": "--date", "url": "--url",
          "title": "--title", "publisher": "--publisher", "published": "--published"}


class CurationError(Exception):
    """A curator change or check that cannot be done; `problems` holds one line each."""

    def __init__(self, problems: list[str] | str):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))


@dataclass(frozen=True)
class Change:
    audit_id: int
    action: str
    item_table: str
    item_id: str
    reverts: int | None = None


@dataclass
class ValidationReport:
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    near_duplicates: int = 0
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class ExportReport:
    directory: Path
    files: int
    counts: dict[str, int]


# --- opening -----------------------------------------------------------------------------------

def _existing(db_path: Path, build_if_missing: bool) -> Path:
    """The database path, built from the bundled content only when missing (and allowed)."""
    db_path = Path(db_path)
    if build_if_missing:
        ensure_database(db_path)
    elif inspect_database(db_path) is None:
        raise CurationError(f"no database at {db_path}")
    return db_path


def _check_schema(db: sqlite_utils.Database, db_path: Path) -> None:
    meta = dict(db.execute("select key, value from meta").fetchall()) if db["meta"].exists() else {}
    if meta.get("schema_version") != SCHEMA_VERSION:
        raise CurationError(f"{db_path} is not a layoffbot database of schema {SCHEMA_VERSION} "
                            "(export it with the layoffbot that made it, then `layoffbot kb build --knowledge DIR`)")


@contextmanager
def _writing(db_path: Path, *, build_if_missing: bool = True) -> Iterator[sqlite_utils.Database]:
    """The database inside one BEGIN IMMEDIATE transaction: every read in it sees what the write
    replaces; raising rolls everything back."""
    db_path = _existing(db_path, build_if_missing)
    with write_transaction(db_path) as db:
        _check_schema(db, db_path)
        yield db


@contextmanager
def _reading(db_path: Path, *, build_if_missing: bool = True) -> Iterator[sqlite_utils.Database]:
    """The database read-only, every query in one snapshot (a concurrent writer does not block it)."""
    db_path = _existing(db_path, build_if_missing)
    try:
        with closing(connect_readonly(db_path)) as conn:
            conn.row_factory = None
            conn.execute("begin")
            db = sqlite_utils.Database(conn)
            _check_schema(db, db_path)
            yield db
    except sqlite3.Error as exc:
        raise DatabaseError(describe_error(exc, db_path)) from None


def _rows(db: sqlite_utils.Database, sql: str, params=()) -> list[dict]:
    return list(db.query(sql, params))


# --- snapshots: an item's row with its citations (and an event's reports) -----------------------

def find_item(db: sqlite_utils.Database, item_id: str) -> str | None:
    """The table (facts, rules or events) holding `item_id`, or None."""
    for table in ITEM_TABLES:
        if db.execute(f"select 1 from {table} where id = ?", [item_id]).fetchone():
            return table
    return None


def _snapshot(db: sqlite_utils.Database, table: str, item_id: str) -> dict | None:
    rows = _rows(db, f"select * from {table} where id = ?", [item_id])
    if not rows:
        return None
    snap = {
        "row": rows[0],
        "citations": _rows(db, "select source_id, position from citations where item_id = ? order by position",
                           [item_id]),
    }
    if table == "events":
        snap["reports"] = _rows(db, "select * from event_reports where event_id = ? order by position", [item_id])
    return snap


def _write_snapshot(db: sqlite_utils.Database, table: str, item_id: str, snap: dict | None) -> None:
    """Make the item exactly `snap` (None: absent). Plain updates and inserts keep the FTS triggers in step."""
    db.execute("delete from citations where item_id = ?", [item_id])
    if table == "events":
        db.execute("delete from event_reports where event_id = ?", [item_id])
    exists = db.execute(f"select 1 from {table} where id = ?", [item_id]).fetchone()
    if snap is None:
        if exists:
            db[table].delete(item_id)
        return
    # alter: a database built before a column existed (claim_zh) gains it when a curator first writes one
    if exists:
        db[table].update(item_id, {k: v for k, v in snap["row"].items() if k != "id"}, alter=True)
    else:
        db[table].insert(snap["row"], alter=True)
    db["citations"].insert_all([{**c, "item_id": item_id} for c in snap["citations"]])
    if table == "events":
        db["event_reports"].insert_all([{**r, "event_id": item_id} for r in snap.get("reports", [])])


# --- records: the YAML form of one item (used for checking edits and for export) ----------------

def _clean(record: dict) -> dict:
    return {k: v for k, v in record.items() if v is not None and v != []}


def _source_record(row: dict) -> dict:
    return _clean({k: row.get(k) or None for k in ("id", "url", "title", "publisher", "published", "checked")})


def _number(value):
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _item_record(table: str, row: dict, citations: list[dict], reports: list[dict] | None = None, *,
                 with_entity: bool = False) -> dict:
    sources = [c["source_id"] for c in sorted(citations, key=lambda c: c["position"])]
    if table == "events":
        record = {"id": row["id"], "date": row["date"], "headcount": row["headcount"],
                  "percent": _number(row["percent"])}
        record.update(_clean({k: row.get(k) for k in ("place", "country", "summary", "part_of", "workers")}))
        record["sources"] = sources
        if reports:
            record["reports"] = [
                _clean({"headcount": r["headcount"], "percent": _number(r["percent"]), "source": r["source_id"],
                        "note": r["note"]})
                for r in sorted(reports, key=lambda r: r["position"])
            ]
    else:
        record = {"id": row["id"]}
        if with_entity and table == "facts" and row.get("entity_id"):
            record["entity"] = row["entity_id"]
        record.update({"topic": row["topic"], "as_of": row["as_of"], "claim": row["claim"],
                       "claim_zh": row.get("claim_zh")})
        if table == "rules":
            record.update(_clean({"threshold": row.get("threshold"), "period_days": row.get("period_days"),
                                  "verified": row.get("verified")}))
        record["questions"] = json.loads(row.get("questions") or "[]")
        record["sources"] = sources
        record = _clean(record)
    if row.get("retired"):
        record["retired"] = True
    return record


# --- checking a change the way the YAML loader would -------------------------------------------

def _existing_ids(db: sqlite_utils.Database) -> dict[str, str]:
    ids: dict[str, str] = {}
    for table in ("sources", "companies", "jurisdictions", "events", "facts", "rules"):
        for (item_id,) in db.execute(f"select id from {table}"):
            ids[item_id] = f"the database ({table})"
    return ids


def _loader_check(db: sqlite_utils.Database, table: str, record: dict, new_sources: list[dict], *,
                  entity_id: str | None, own_id: str | None = None) -> Knowledge:
    """Run `record` (and any new sources) through the loader's checks against the database's ids."""
    col = _Collector()
    col.ids = _existing_ids(db)
    if own_id:
        col.ids.pop(own_id, None)
    _load_sources(col, _LABEL, new_sources)
    if table == "events":
        if not entity_id:
            col.problem(f"{_LABEL}:1", "an event needs a company (--company)")
        elif not db.execute("select 1 from companies where id = ?", [entity_id]).fetchone():
            col.problem(f"{_LABEL}:1", f"unknown company {entity_id!r}")
        _load_events(col, _LABEL, [record], entity_id)
        target = record.get("part_of")
        if isinstance(target, str) and col.kb.events:
            part_of = "part_of" if "part_of" in db["events"].columns_dict else "null"  # built before part_of
            known = {r[0]: {"id": r[0], "company_id": r[1], "part_of": r[2]} for r in db.execute(
                f"select id, company_id, {part_of} from events where id = ?", [target]).fetchall()}
            for _, problem in part_of_problems(col.kb.events, known):
                col.problem(f"{_LABEL}:1", problem)
    elif table == "rules":
        if not entity_id:
            col.problem(f"{_LABEL}:1", "a rule needs a jurisdiction (--jurisdiction)")
        elif not db.execute("select 1 from jurisdictions where id = ?", [entity_id]).fetchone():
            col.problem(f"{_LABEL}:1", f"unknown jurisdiction {entity_id!r}")
        _load_items(col, _LABEL, [record], table="rules", entity_id=entity_id, entity_kind="jurisdiction")
    else:
        _load_items(col, _LABEL, [record], table="facts", entity_id=None, entity_kind=None)
        for fact in col.kb.facts:
            fact.pop("where", None)
            kind = _entity_kind(db, fact["entity_id"]) if fact["entity_id"] else None
            if fact["entity_id"] and kind is None:
                col.problem(f"{_LABEL}:1", f"{fact['id']} names unknown entity {fact['entity_id']!r}")
            fact["entity_kind"] = kind
    known_sources = {s["id"] for s in col.kb.sources}
    for citation in col.kb.citations:
        source_id = citation["source_id"]
        if source_id not in known_sources and not db.execute("select 1 from sources where id = ?",
                                                             [source_id]).fetchone():
            col.problem(f"{_LABEL}:1", f"{citation['item_id']} cites unknown source {source_id!r}")
    if col.problems:
        prefix = f"{_LABEL}:1: "
        problems = []
        for line in col.problems:
            line = line.removeprefix(prefix)
            for key, flag in _FLAGS.items():
                line = line.replace(f"missing {key!r}", f"missing {key!r} ({flag})")
            problems.append(line)
        raise CurationError(problems)
    return col.kb


def _entity_kind(db: sqlite_utils.Database, entity_id: str) -> str | None:
    if db.execute("select 1 from companies where id = ?", [entity_id]).fetchone():
        return "company"
    if db.execute("select 1 from jurisdictions where id = ?", [entity_id]).fetchone():
        return "jurisdiction"
    return None


def _slug(text: str | None) -> str:
    return re.sub(r"[^a-z0-9]+", "-", (text or "").lower()).strip("-")


def new_source_id(db: sqlite_utils.Database, source: dict) -> str:
    """`publisher-published-title`, shortened at a word, made unique with a number when needed."""
    base = "-".join(p for p in (_slug(source.get("publisher")), _slug(str(source.get("published") or "")),
                                _slug(source.get("title"))) if p) or "source"
    if len(base) > 60:
        base = base[:60].rsplit("-", 1)[0]
    taken = set(_existing_ids(db))
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def _default_origin(table: str, item: dict) -> str:
    if table == "events":
        return f"companies/{item['company_id']}.yaml"
    if table == "rules":
        return f"rules/{item['jurisdiction_id']}.yaml"
    if item.get("entity_kind") == "company":
        return f"companies/{item['entity_id']}.yaml"
    if item.get("entity_kind") == "jurisdiction":
        return f"rules/{item['entity_id']}.yaml"
    return f"topics/{item['topic']}.yaml"


def _prepared_snapshot(db: sqlite_utils.Database, table: str, record: dict, new_sources: list[dict], *,
                       entity_id: str | None, origin: str | None, own_id: str | None = None
                       ) -> tuple[dict, list[dict]]:
    kb = _loader_check(db, table, record, new_sources, entity_id=entity_id, own_id=own_id)
    item = {"facts": kb.facts, "rules": kb.rules, "events": kb.events}[table][0]
    if table != "events":
        item["questions"] = json.dumps(item["questions"], ensure_ascii=False)
    item["origin"] = origin or _default_origin(table, item)
    sources = [{**s, "origin": item["origin"]} for s in kb.sources]
    snap = {
        "row": item,
        "citations": [{"source_id": c["source_id"], "position": c["position"]} for c in kb.citations],
    }
    if table == "events":
        snap["reports"] = [{k: v for k, v in r.items()} for r in kb.event_reports]
    return snap, sources


def _new_source_records(db: sqlite_utils.Database, new_source: dict | None) -> list[dict]:
    if not new_source or not any(new_source.get(k) for k in ("url", "title", "publisher", "published")):
        return []
    source = dict(new_source)
    if not source.get("id"):
        source["id"] = new_source_id(db, source)
    return [source]


def _commit(db: sqlite_utils.Database, action: str, table: str, item_id: str, before: dict | None, snap: dict,
            source_rows: list[dict], who: str | None) -> Change:
    """Write an item's new state and its new sources, with the audit row, in one transaction."""
    with db.atomic():
        db["sources"].insert_all(source_rows)
        _write_snapshot(db, table, item_id, snap)
        after = {**snap, "sources_added": source_rows} if source_rows else snap
        audit_id = record_audit(db, action, table, item_id, before, after, who=who)
    return Change(audit_id, action, table, item_id)


def add_item(db_path: Path, kind: str, fields: dict, new_source: dict | None = None, *,
             who: str | None = None) -> Change:
    """Add a fact, rule or event. `fields` uses the YAML keys (`entity` for a fact's company or
    jurisdiction, `jurisdiction` for a rule's, `company` for an event's); `new_source` (url, title,
    publisher, published, optional id and checked) is created and cited too."""
    if kind not in KIND_TABLES:
        raise CurationError(f"unknown kind {kind!r} (fact, rule or event)")
    table = KIND_TABLES[kind]
    for key, what in (("id", "id"), ("source_id", "source id")):
        value = (fields if key == "id" else new_source or {}).get(key)
        if value is not None and id_problem(value):
            raise CurationError(f"{what} {_shown(value)} {id_problem(value)}")
    with _writing(db_path) as db:
        record = {k: v for k, v in fields.items() if v is not None and k not in {"jurisdiction", "company"}}
        sources = _new_source_records(db, new_source)
        record["sources"] = list(dict.fromkeys([*(fields.get("sources") or []), *(s["id"] for s in sources)]))
        if not record["sources"]:
            # Sources marked in the claim are its source list (what the YAML would spell out).
            record["sources"] = list(dict.fromkeys(MARKER.findall(record.get("claim") or "")))
        entity_id = fields.get("jurisdiction") if table == "rules" else fields.get("company")
        snap, source_rows = _prepared_snapshot(db, table, record, sources, entity_id=entity_id, origin=None)
        item_id = snap["row"]["id"]
        return _commit(db, "add", table, item_id, None, snap, source_rows, who)


def edit_item(db_path: Path, item_id: str, fields: dict, new_source: dict | None = None, *,
              who: str | None = None) -> Change:
    """Change only the given `fields` of an item (`sources`, when given, replaces its source list;
    `new_source` is added to it)."""
    source_id = (new_source or {}).get("id")
    if source_id is not None and id_problem(source_id):
        raise CurationError(f"source id {_shown(source_id)} {id_problem(source_id)}")
    with _writing(db_path) as db:
        table = find_item(db, item_id)
        if table is None:
            raise CurationError(f"no fact, rule or event with id {item_id!r}")
        if fields.get("id") not in (None, item_id):
            raise CurationError("ids never change once published: retire this one and add another")
        allowed = {
            "facts": {"entity", "topic", "as_of", "claim", "claim_zh", "questions", "sources"},
            "rules": {"jurisdiction", "topic", "as_of", "claim", "claim_zh", "threshold", "period_days", "questions",
                      "sources"},
            "events": {"company", "date", "headcount", "percent", "place", "country", "summary", "part_of",
                       "workers", "sources"},
        }[table]
        given = {k: v for k, v in fields.items() if v is not None and k != "id"}
        wrong = sorted(set(given) - allowed)
        if wrong:
            raise CurationError(f"{item_id} is a {TABLE_KINDS[table]}: it has no {', '.join(wrong)}")
        before = _snapshot(db, table, item_id)
        row = before["row"]
        record = _item_record(table, row, before["citations"], before.get("reports"), with_entity=True)
        record.update({k: v for k, v in given.items() if k not in {"jurisdiction", "company"}})
        sources = _new_source_records(db, new_source)
        record["sources"] = list(dict.fromkeys([*record.get("sources", []), *(s["id"] for s in sources)]))
        if table == "events":
            entity_id = given.get("company", row["company_id"])
        elif table == "rules":
            entity_id = given.get("jurisdiction", row["jurisdiction_id"])
        else:
            entity_id = None
        origin = row.get("origin")
        moved = (given.get("entity", row.get("entity_id")) != row.get("entity_id") if table == "facts"
                 else entity_id != row.get("company_id" if table == "events" else "jurisdiction_id"))
        if moved and not (table == "facts" and (origin or "").startswith("topics/")):
            origin = None  # the file of its new company or jurisdiction
        snap, source_rows = _prepared_snapshot(db, table, record, sources, entity_id=entity_id,
                                               origin=origin, own_id=item_id)
        if snap["row"] == row and snap["citations"] == before["citations"] \
                and snap.get("reports") == before.get("reports") and not source_rows:
            raise CurationError(f"nothing to change: {item_id} already says that")
        return _commit(db, "edit", table, item_id, before, snap, source_rows, who)


def retire_item(db_path: Path, item_id: str, *, restore: bool = False, who: str | None = None) -> Change:
    """Retire an item (it stops answering but stays), or with `restore` bring it back."""
    with _writing(db_path) as db:
        table = find_item(db, item_id)
        if table is None:
            raise CurationError(f"no fact, rule or event with id {item_id!r}")
        before = _snapshot(db, table, item_id)
        wanted = 0 if restore else 1
        if (before["row"].get("retired") or 0) == wanted:
            raise CurationError(f"{item_id} is {'already retired' if wanted else 'not retired'}")
        after = {**before, "row": {**before["row"], "retired": wanted}}
        action = "restore" if restore else "retire"
        with db.atomic():
            db[table].update(item_id, {"retired": wanted})
            audit_id = record_audit(db, action, table, item_id, before, after, who=who)
        return Change(audit_id, action, table, item_id)


def undo_last(db_path: Path, *, who: str | None = None) -> Change:
    """Revert the most recent change not yet undone; the undo is itself an audit row."""
    with _writing(db_path, build_if_missing=False) as db:
        if not db["audit"].exists():
            raise CurationError("nothing to undo")
        rows = _rows(db, "select * from audit where action != 'undo' and id not in "
                         "(select reverts from audit where reverts is not null) order by id desc limit 1")
        if not rows:
            raise CurationError("nothing to undo")
        change = rows[0]
        table, item_id = change["item_table"], change["item_id"]
        if table not in ITEM_TABLES:
            raise CurationError(f"change #{change['id']} ({change['action']}) cannot be undone here")
        before = json.loads(change["before"]) if change["before"] else None
        after = json.loads(change["after"]) if change["after"] else {}
        current = _snapshot(db, table, item_id)
        with db.atomic():
            _write_snapshot(db, table, item_id, before)
            for source in after.get("sources_added", []):
                if not db.execute("select 1 from citations where source_id = ? union all "
                                  "select 1 from event_reports where source_id = ?",
                                  [source["id"], source["id"]]).fetchone():
                    db["sources"].delete(source["id"])
            audit_id = record_audit(db, "undo", table, item_id, current, before, who=who, reverts=change["id"])
        return Change(audit_id, "undo", table, item_id, reverts=change["id"])


def history(db_path: Path, item_id: str) -> list[dict]:
    """The audit rows for `item_id`, newest first, with `before`/`after` parsed."""
    with _reading(db_path, build_if_missing=False) as db:
        if not db["audit"].exists():
            return []
        out = []
        for row in _rows(db, "select * from audit where item_id = ? order by id desc", [item_id]):
            row["before"] = json.loads(row["before"]) if row["before"] else None
            row["after"] = json.loads(row["after"]) if row["after"] else None
            out.append(row)
        return out


def show_item(db_path: Path, item_id: str) -> dict:
    """What the base holds under `item_id`, for a curator to read:
    - a fact, rule or event: {"kind", "record" (its YAML form, as `kb export` writes it, with its entity or
      jurisdiction), "sources" (a list of the source records it cites, in order)};
    - a company or jurisdiction: {"kind", "record" (its row), "items" (a list of {"id", "kind", "topic" or "date",
      "text"} for its facts, rules and events, retired ones marked)}.
    Raises CurationError naming the nearest ids (rapidfuzz ratio ≥ 75) when nothing has that id."""
    with _reading(db_path) as db:
        table = find_item(db, item_id)
        if table is not None:
            snap = _snapshot(db, table, item_id)
            record = _item_record(table, snap["row"], snap["citations"], snap.get("reports"), with_entity=True)
            if table == "rules":
                record = {"id": item_id, "jurisdiction": snap["row"]["jurisdiction_id"],
                          **{k: v for k, v in record.items() if k != "id"}}
            elif table == "events":
                record = {"id": item_id, "company": snap["row"]["company_id"],
                          **{k: v for k, v in record.items() if k != "id"}}
            cited = [c["source_id"] for c in snap["citations"]]
            cited += [r["source_id"] for r in snap.get("reports", []) if r.get("source_id") not in cited]
            rows = {r["id"]: r for r in _rows(db, f"select * from sources where id in ({', '.join('?' * len(cited))})",
                                              cited)} if cited else {}
            return {"kind": TABLE_KINDS[table], "record": record,
                    "sources": [_clean(_source_record(rows[c])) for c in dict.fromkeys(cited) if c in rows]}
        for kind, entity_table in (("company", "companies"), ("jurisdiction", "jurisdictions")):
            found = _rows(db, f"select * from {entity_table} where id = ?", [item_id])
            if found:
                aliases = [r["alias"] for r in _rows(db, "select alias from aliases where entity_id = ? order by rowid",
                                                     [item_id])]
                return {"kind": kind, "record": _clean({**found[0], "aliases": aliases}),
                        "items": _items_of(db, item_id)}
        known = [r[0] for table in (*ITEM_TABLES, "companies", "jurisdictions")
                 for r in db.execute(f"select id from {table}").fetchall()]
    from rapidfuzz import fuzz, process

    near = [choice for choice, _, _ in process.extract(item_id, known, scorer=fuzz.ratio, limit=3, score_cutoff=75)]
    hint = f" (nearest: {', '.join(near)})" if near else " (`layoffbot kb search WORDS` finds ids)"
    raise CurationError(f"no fact, rule, event, company or jurisdiction has the id {item_id!r}{hint}")


def _items_of(db: sqlite_utils.Database, entity_id: str) -> list[dict]:
    items = [{"id": r["id"], "kind": "fact", "topic": r["topic"], "text": r["claim"], "retired": r["retired"]}
             for r in _rows(db, "select * from facts where entity_id = ? order by topic, id", [entity_id])]
    items += [{"id": r["id"], "kind": "rule", "topic": r["topic"], "text": r["claim"], "retired": r["retired"]}
              for r in _rows(db, "select * from rules where jurisdiction_id = ? order by topic, id", [entity_id])]
    items += [{"id": r["id"], "kind": "event", "date": r["date"], "retired": r["retired"],
               "text": " ".join(str(x) for x in (r["headcount"] and f"{r['headcount']:,}", r["summary"]) if x)}
              for r in _rows(db, "select * from events where company_id = ? order by date desc", [entity_id])]
    return [{k: v for k, v in item.items() if v is not None and (k != "retired" or v)} for item in items]


def search_items(db_path: Path, words: str, *, limit: int = 20) -> list[dict]:
    """Facts and rules whose claim or phrasings hold all of `words` (SQLite FTS5, ranked by bm25 over both
    columns), best first: a list of at most `limit` {"id", "kind", "entity", "topic", "text"}; retired ones
    are marked. `words` is matched as plain words (quoted), never as FTS query syntax."""
    found: list[tuple[float, dict]] = []
    with _reading(db_path) as db:
        for table, entity in (("facts", "entity_id"), ("rules", "jurisdiction_id")):
            for row in db[table].search(words, limit=limit, quote=True,
                                        columns=["id", entity, "topic", "claim", "retired", "rank"]):
                found.append((row["rank"], {"id": row["id"], "kind": TABLE_KINDS[table], "entity": row[entity],
                                            "topic": row["topic"], "text": row["claim"], "retired": row["retired"]}))
    found.sort(key=lambda pair: pair[0])
    return [{k: v for k, v in item.items() if v is not None and (k != "retired" or v)}
            for _, item in found[:limit]]


def describe_change(entry: dict) -> list[str]:
    """One line per field that differs between an audit row's before and after."""
    before, after = entry.get("before"), entry.get("after")
    if before is None and after is None:
        return []
    if before is None:
        return [f"created: {_short(after['row'].get('claim') or after['row'].get('summary') or '')}".rstrip()]
    if after is None:
        return ["removed"]
    lines = []
    for key in sorted(set(before["row"]) | set(after["row"])):
        old, new = before["row"].get(key), after["row"].get(key)
        if old != new:
            lines.append(f"{key}: {_short(old)} -> {_short(new)}")
    old_sources = [c["source_id"] for c in before.get("citations", [])]
    new_sources = [c["source_id"] for c in after.get("citations", [])]
    if old_sources != new_sources:
        lines.append(f"sources: {', '.join(old_sources)} -> {', '.join(new_sources)}")
    return lines


def _shown(value) -> str:
    return _short(value, 60)


def _short(value, limit: int = 70) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- database checks ---------------------------------------------------------------------------

def validate_database(db_path: Path) -> ValidationReport:
    """Check the database itself (after curator edits and imports): errors and near-duplicate warnings."""
    db_path = Path(db_path)
    if not db_path.is_file():
        raise CurationError(f"no database at {db_path}")
    try:
        inspect_database(db_path)  # lets SQLite roll back what a killed writer left
    except DatabaseError as exc:
        if "another program's" not in str(exc):
            raise CurationError(str(exc)) from None
    try:
        with closing(connect_readonly(db_path)) as conn:
            conn.row_factory = None
            return _validate(sqlite_utils.Database(conn))
    except sqlite3.DatabaseError as exc:
        raise CurationError(f"cannot read {db_path}: {exc}") from None


def _validate(db: sqlite_utils.Database) -> ValidationReport:
    report = ValidationReport()
    error = report.errors.append
    missing = [t for t in CONTENT_TABLES if not db[t].exists()]
    if missing:
        error(f"missing tables: {', '.join(missing)}")
        return report
    rows = {t: _rows(db, f"select * from {t}") for t in CONTENT_TABLES}
    seen: dict[str, str] = {}
    for table in ("sources", "companies", "jurisdictions", "events", "facts", "rules"):
        for row in rows[table]:
            item_id = row["id"]
            faq = table == "facts" and row.get("topic") in PLAIN_TEXT_TOPICS  # imported ids kept as written
            if id_problem(item_id):
                error(f"{table} {_shown(item_id)}: id {id_problem(item_id)}")
            elif not (faq or ID_PATTERN.match(item_id)) and not _imported(row):
                error(f"{table} {item_id!r}: id must be lowercase kebab-case")
            if item_id in seen:
                error(f"{table} {item_id}: id also used in {seen[item_id]}")
            seen.setdefault(item_id, table)

    def check_date(where: str, value, *, required: bool) -> None:
        try:
            if parse_date(value) is None and required:
                error(f"{where}: no date")
        except ValueError as exc:
            error(f"{where}: {exc}")

    def check_number(where: str, value, *, low: float, high: float, whole: bool) -> None:
        if value is None:
            return
        if isinstance(value, bool) or not isinstance(value, int | float) or (whole and float(value) % 1):
            error(f"{where}: {value!r} is not a {'whole ' if whole else ''}number")
        elif not low <= value <= high:
            error(f"{where}: {value:g} is outside {low:g}..{high:g}")

    source_ids = {s["id"] for s in rows["sources"]}
    for s in rows["sources"]:
        where = f"source {s['id']}"
        if not s["url"] or not URL_PATTERN.match(s["url"]):
            error(f"{where}: url {s['url']!r} is not an http(s) address")
        # title is optional (as in the YAML): where no headline was seen, answers cite publisher, date and address
        if not (s["publisher"] or "").strip():
            error(f"{where}: no publisher")
        check_date(f"{where}: published", s["published"], required=False)
        check_date(f"{where}: checked", s["checked"], required=False)

    companies = {c["id"] for c in rows["companies"]}
    jurisdictions = {j["id"] for j in rows["jurisdictions"]}
    kinds = {**dict.fromkeys(companies, "company"), **dict.fromkeys(jurisdictions, "jurisdiction")}
    for table in ("companies", "jurisdictions"):
        for row in rows[table]:
            if not (row["name"] or "").strip():
                error(f"{table[:-1]} {row['id']}: no name")
    for j in rows["jurisdictions"]:
        if j["parent"] and j["parent"] not in jurisdictions:
            error(f"jurisdiction {j['id']}: parent {j['parent']!r} does not exist")
        for other in json.loads(j.get("governed_elsewhere") or "{}"):
            if other not in jurisdictions or other == j["id"]:
                error(f"jurisdiction {j['id']}: governed_elsewhere names {other!r}, which is not another jurisdiction")
    for a in rows["aliases"]:
        if kinds.get(a["entity_id"]) != a["entity_kind"]:
            error(f"alias {a['alias']!r}: names unknown {a['entity_kind']} {a['entity_id']!r}")

    cited: dict[str, list[str]] = defaultdict(list)
    items = {r["id"] for t in ITEM_TABLES for r in rows[t]}
    for c in rows["citations"]:
        cited[c["item_id"]].append(c["source_id"])
        if c["source_id"] not in source_ids:
            error(f"{c['item_id']}: cites unknown source {c['source_id']!r}")
        if c["item_id"] not in items:
            error(f"citation of {c['source_id']} by unknown item {c['item_id']!r}")

    for event_id, problem in part_of_problems(rows["events"]):
        error(f"event {event_id}: {problem.removeprefix(event_id + ' ')}")
    for table in ITEM_TABLES:
        kind = TABLE_KINDS[table]
        for row in rows[table]:
            where = f"{kind} {row['id']}"
            if not row.get("retired") and not cited[row["id"]]:
                error(f"{where}: no sources (every {kind} needs at least one)")
            if table == "events":
                if row["company_id"] not in companies:
                    error(f"{where}: unknown company {row['company_id']!r}")
                check_date(f"{where}: date", row["date"], required=True)
                check_number(f"{where}: headcount", row["headcount"], low=1, high=5_000_000, whole=True)
                check_number(f"{where}: percent", row["percent"], low=0, high=100, whole=False)
                continue
            if row["topic"] not in TOPICS:
                error(f"{where}: unknown topic {row['topic']!r}")
            if not (row["claim"] or "").strip():
                error(f"{where}: empty claim")
            check_date(f"{where}: as_of", row["as_of"], required=True)
            for marker in claim_markers(row["claim"], row["topic"]):
                if marker not in source_ids:
                    error(f"{where}: claim marks unknown source [{marker}]")
            try:
                questions = json.loads(row["questions"] or "[]")
                if not isinstance(questions, list):
                    raise ValueError
            except ValueError:
                error(f"{where}: questions are not a JSON list")
            if table == "rules":
                if row["jurisdiction_id"] not in jurisdictions:
                    error(f"{where}: unknown jurisdiction {row['jurisdiction_id']!r}")
                check_number(f"{where}: period_days", row["period_days"], low=0, high=3650, whole=True)
            elif row["entity_id"] and kinds.get(row["entity_id"]) != row["entity_kind"]:
                error(f"{where}: names unknown {row['entity_kind'] or 'entity'} {row['entity_id']!r}")
    events = {e["id"] for e in rows["events"]}
    for r in rows["event_reports"]:
        where = f"event {r['event_id']} report {r['position']}"
        if r["event_id"] not in events:
            error(f"{where}: unknown event")
        if r["source_id"] not in source_ids:
            error(f"{where}: unknown source {r['source_id']!r}")
        check_number(f"{where}: headcount", r["headcount"], low=1, high=5_000_000, whole=True)
        check_number(f"{where}: percent", r["percent"], low=0, high=100, whole=False)

    live = [(t, r) for t in ("facts", "rules") for r in rows[t] if not r.get("retired") and r["claim"]]
    for a, b, score in near_duplicates([r["claim"] for _, r in live]):
        report.warnings.append(
            f"near-duplicate claims ({NEAR_DUPLICATE_SCORER} {score:.0f}): "
            f"{TABLE_KINDS[live[a][0]]} {live[a][1]['id']} and {TABLE_KINDS[live[b][0]]} {live[b][1]['id']}"
        )
        report.near_duplicates += 1
    report.counts = {t: len(rows[t]) for t in CONTENT_TABLES}
    return report


def _imported(row: dict) -> bool:
    return (row.get("origin") or "").startswith("import:")


def near_duplicates(claims: list[str], *, cutoff: int = NEAR_DUPLICATE_CUTOFF) -> list[tuple[int, int, float]]:
    """Index pairs (i < j) of claims at least `cutoff` alike by rapidfuzz `token_sort_ratio`."""
    import numpy as np
    from rapidfuzz import fuzz, process

    from .text import normalize

    if len(claims) < 2:
        return []
    texts = [normalize(MARKER.sub(" ", claim)) for claim in claims]
    scores = process.cdist(texts, texts, scorer=fuzz.token_sort_ratio, processor=None,
                           score_cutoff=cutoff, dtype=np.uint8, workers=-1)
    pairs = np.argwhere(np.triu(scores, k=1) >= cutoff)
    return [(int(i), int(j), float(scores[i, j])) for i, j in pairs]


# --- export ------------------------------------------------------------------------------------

class _IndentedDumper(yaml.SafeDumper):
    """Indents lists under their key, as the hand-written files do."""

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)


def export_knowledge(db_path: Path, directory: Path) -> ExportReport:
    """Write the database as `knowledge/` YAML under `directory` (which must hold no YAML yet), so that
    building from it gives the same content: companies/<id>.yaml, rules/<id>.yaml, and topics/ files
    for facts that came from one (their `origin`) or have no entity (grouped by topic)."""
    directory = Path(directory)
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise CurationError(f"{directory} already holds YAML or other files: export into a new or empty directory")
    with _reading(db_path) as db:
        _refuse_unsafe_ids(db)
        files = _export_files(db)
        counts = {t: db.execute(f"select count(*) from {t}").fetchone()[0] for t in CONTENT_TABLES}
    _write_tree(directory, {path: yaml.dump(content, Dumper=_IndentedDumper, allow_unicode=True, sort_keys=False,
                                            width=110) for path, content in files.items()})
    return ExportReport(directory, len(files), counts)


def _refuse_unsafe_ids(db: sqlite_utils.Database) -> None:
    """Raise `CurationError` listing every id (or id-like name used in a file name) that could
    escape the export directory or not fit a file name."""
    columns = {"sources": ["id"], "companies": ["id"], "jurisdictions": ["id"], "events": ["id", "company_id"],
               "facts": ["id", "entity_id", "topic"], "rules": ["id", "jurisdiction_id"]}
    bad = []
    for table, names in columns.items():
        for name in names:
            for (value,) in db.execute(f"select distinct {name} from {table} where {name} is not null"):
                problem = id_problem(value)
                if problem:
                    bad.append(f"{table}.{name} {_shown(value)} {problem}")
    if bad:
        listed = "; ".join(bad[:5]) + (f"; and {len(bad) - 5} more" if len(bad) > 5 else "")
        raise CurationError(f"nothing was exported: the database holds ids that cannot be file names: {listed} "
                            "(`layoffbot kb validate --db` lists them all)")


def _write_tree(directory: Path, texts: dict[str, str]) -> None:
    """Write `texts` (relative path -> YAML) as a new `directory`, atomically: everything goes into a
    hidden temporary directory beside it, renamed into place only when complete; on any failure
    the temporary directory is removed and `directory` is left as it was."""
    for relative in texts:
        if not _EXPORT_PATH.match(relative):
            raise CurationError(f"nothing was exported: {relative!r} is not a safe file name")
    parent = directory.absolute().parent
    tmp = parent / f".{directory.name}.layoffbot-export-{os.getpid()}-{secrets.token_hex(4)}"
    try:
        tmp.mkdir(parents=False)
        for relative, text in texts.items():
            target = tmp / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "x", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
        if directory.exists():
            directory.rmdir()  # empty (checked above): the rename takes its place
        os.rename(tmp, directory)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise CurationError(f"nothing was exported: {describe_error(exc, directory)}") from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _export_files(db: sqlite_utils.Database) -> dict[str, dict]:
    """Relative path -> the YAML document, keys in the hand-written files' order."""
    files: dict[str, dict] = defaultdict(dict)

    def section(path: str, key: str) -> list:
        return files[path].setdefault(key, [])

    citations: dict[str, list[dict]] = defaultdict(list)
    for c in _rows(db, "select * from citations order by item_id, position"):
        citations[c["item_id"]].append(c)
    reports: dict[str, list[dict]] = defaultdict(list)
    for r in _rows(db, "select * from event_reports order by event_id, position"):
        reports[r["event_id"]].append(r)
    aliases: dict[str, list[str]] = defaultdict(list)
    units: dict[str, dict[str, list[str]]] = defaultdict(dict)  # entity -> unit (or law's term) -> its other names
    places: dict[str, list[str]] = defaultdict(list)  # jurisdiction -> its places' names (unit: PLACE)
    for a in _rows(db, "select alias, entity_id, unit from aliases order by rowid"):
        if a["unit"] == PLACE:
            places[a["entity_id"]].append(a["alias"])
        elif a["unit"]:
            others = units[a["entity_id"]].setdefault(a["unit"], [])
            if a["alias"] != a["unit"]:
                others.append(a["alias"])
        else:
            aliases[a["entity_id"]].append(a["alias"])

    entity_files: dict[str, str] = {}
    for kind, table, folder in (("company", "companies", "companies"), ("jurisdiction", "jurisdictions", "rules")):
        # Built-in WARN records (origin warn, warn-<state>) are rebuilt from the package, not exported.
        for row in _rows(db, f"select * from {table} where coalesce(origin, '') != 'warn' order by rowid"):
            path = f"{folder}/{row['id']}.yaml"
            entity_files[row["id"]] = path
            entity = {"id": row["id"], "name": row["name"],
                      "aliases": [a for a in aliases[row["id"]] if a != row["name"]],
                      "units" if kind == "company" else "terms": units.get(row["id"])}
            if kind == "jurisdiction":
                entity["places"] = places.get(row["id"])
            keys = ("country", "industry", "description") if kind == "company" else ("parent",)
            entity.update(_clean({k: row[k] for k in keys}))
            if kind == "jurisdiction" and row["governed_elsewhere"]:
                entity["governed_elsewhere"] = json.loads(row["governed_elsewhere"])
            files[path] = {kind: _clean(entity)} | files.get(path, {})

    item_files: dict[str, str] = {}
    for row in _rows(db, "select * from events where coalesce(origin, '') not like 'warn-%' order by rowid"):
        path = entity_files.get(row["company_id"]) or f"companies/{row['company_id']}.yaml"
        item_files[row["id"]] = path
        section(path, "events").append(_item_record("events", row, citations[row["id"]], reports[row["id"]]))
    for row in _rows(db, "select * from rules order by rowid"):
        path = entity_files.get(row["jurisdiction_id"]) or f"rules/{row['jurisdiction_id']}.yaml"
        item_files[row["id"]] = path
        section(path, "rules").append(_item_record("rules", row, citations[row["id"]]))
    for row in _rows(db, "select * from facts order by rowid"):
        origin = row["origin"] or ""
        if origin.startswith("topics/") and _YAML_FILE.match(origin):
            path, with_entity = origin, True
        elif row["entity_id"]:
            path, with_entity = entity_files.get(row["entity_id"]) or f"topics/{row['topic']}.yaml", False
        else:
            path, with_entity = f"topics/{row['topic']}.yaml", True
        with_entity = with_entity or path.startswith("topics/")
        item_files[row["id"]] = path
        section(path, "facts").append(_item_record("facts", row, citations[row["id"]], with_entity=with_entity))

    first_citer = {}
    for item_id, cites in sorted(citations.items()):
        for c in cites:
            if item_id in item_files:
                first_citer.setdefault(c["source_id"], item_files[item_id])
    for row in _rows(db, "select * from sources where coalesce(origin, '') not like 'warn-%' order by rowid"):
        origin = row["origin"] or ""
        path = origin if _YAML_FILE.match(origin) else first_citer.get(row["id"], "topics/sources.yaml")
        section(path, "sources").append(_source_record(row))

    order = ("company", "jurisdiction", "sources", "events", "rules", "facts")
    return {path: {k: content[k] for k in order if k in content} for path, content in files.items()}
