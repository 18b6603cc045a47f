"""The stored search index: what `retrieval.FactIndex` derives from a fact base, kept in the database
itself (tables `search_*`), so that opening a base reads it instead of deriving it again.

- `search_documents`: one row per answerable document (curated facts and rules, generated layoff
  events) with its derived words (JSON) — read per entity when a question names it.
- `search_entities`, `search_aliases` (normalised), `search_terms` (idf per field, the base's own
  words) and `search_state` (field statistics, suggestions, the index version and generation):
  read whole at open.
- `search_fts`: an FTS5 index (bm25 with column weights) over the documents that belong to no
  entity (glossary, imported FAQs): when there are more of them than `GENERAL_POOL`, only the
  `GENERAL_POOL` best by bm25 are ranked, so a question costs the same however large that pool grows.

Curator writes to the tables the index derives from bump `search_state.generation` (triggers); the
index is current when its `built_generation` equals it. A stale or missing index is rebuilt by
`ensure_index` inside one write transaction (never by replacing the file); where the database
cannot be written, the caller builds the index in memory, as before. No side file, nothing unpickled.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import threading
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING

from .retrieval import _WORD, Document, Entity, FactIndex

if TYPE_CHECKING:
    from collections.abc import Callable

    from .analysis import Parsed

# 3: a fact's Chinese claim (claim_zh) kept as "z"; 4: the unit an alias names; 5: no provision's number a range
# 6: a range says whether it is one of time ("2 years or more")
INDEX_FORMAT = "6"


def _derivation_digest() -> str:
    """A digest of the code and word lists that turn text into index terms (normalisation, lexicon,
    retrieval, this module): an index derived by other rules than the questions get is stale."""
    import hashlib

    here = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for name in ("text.py", "lexicon.py", "retrieval.py", "fts.py", "data/places/cities.csv"):
        digest.update((here / name).read_bytes())
    return digest.hexdigest()[:16]


# The stored index's version: its format and how its terms were derived.
INDEX_VERSION = f"{INDEX_FORMAT}+{_derivation_digest()}"
GENERAL_POOL = 400  # entity-less documents ranked per question at most (the best by FTS5 bm25)
FTS_WEIGHTS = (2.0, 1.0)  # bm25 weights of the questions and the claim
# The tables the index is derived from: any write to them makes it stale.
WATCHED = ("facts", "rules", "events", "event_reports", "aliases", "companies", "jurisdictions", "citations",
           "sources")
_TABLES = ("search_fts", "search_documents", "search_terms", "search_aliases", "search_entities", "search_state")

_COLUMNS = "id, kind, entity_id, topic, as_of, claim, questions, source_ids, derived"


def _log_info(message: str, *args) -> None:
    import logging  # imported where something is logged: a cold `ask` does without it

    logging.getLogger(__name__).info(message, *args)


# --- writing ------------------------------------------------------------------------------------------

def _create_tables(conn: sqlite3.Connection) -> None:
    for table in _TABLES:
        conn.execute(f"drop table if exists {table}")
    for statement in (  # one by one: executescript would commit the caller's transaction
        "create table search_state (key text primary key, value text)",
        "create table search_entities (id text primary key, kind text not null, name text not null, "
        "country text, parent text, governed_elsewhere text)",
        "create table search_aliases (alias text not null, entity_id text not null, unit text)",
        "create table search_terms (word text primary key, idf real, question_idf real, claim_idf real, "
        "asked integer not null, own integer not null)",
        "create table search_documents (id text primary key, kind text not null, entity_id text, "
        "topic text not null, as_of text, claim text not null, questions text not null, source_ids text not null, "
        "derived text not null)",
        "create index search_documents_entity on search_documents (entity_id)",
        "create index search_documents_year on search_documents (topic, kind, as_of)",
        "create virtual table search_fts using fts5 (questions, claim, content='', tokenize='porter unicode61')",
    ):
        conn.execute(statement)
    for table in WATCHED:
        for event in ("insert", "update", "delete"):
            conn.execute(f"create trigger if not exists search_stale_{table}_{event} after {event} on {table} "
                         "begin update search_state set value = value + 1 where key = 'generation'; end")


def _derived(index: FactIndex, doc_id: str) -> str:
    own, mentioned = index.doc_years[doc_id]
    derived = {"a": sorted(index.doc_tokens[doc_id]), "t": sorted(index.claim_tokens[doc_id]),
               "s": sorted(index.claim_surface.get(doc_id, ())), "c": index.doc_choices[doc_id],
               "y": [sorted(own), sorted(mentioned)], "m": sorted(index.doc_months[doc_id])}
    if doc_id in index.question_tokens:
        derived["q"] = [sorted(words) for words in index.question_tokens[doc_id]]
    if doc_id in index.ranges:
        derived["r"] = index.ranges[doc_id]
    if doc_id in index.provision_numbers:
        derived["p"] = sorted(index.provision_numbers[doc_id])
    if doc_id in index.time_numbers:
        derived["w"] = sorted(index.time_numbers[doc_id])
    claim_zh = index.documents[doc_id].claim_zh
    if claim_zh:
        derived["z"] = claim_zh
    return json.dumps(derived, ensure_ascii=False)


def index_rows(index: FactIndex, generation: int = 0) -> dict[str, list]:
    """The rows `write_index` stores for `index` (built from the content at `generation`), by table:
    texts, numbers and None only (JSON keeps them exactly). `general`: (position in `documents`,
    questions, claim) of the documents of no entity, which the FTS5 table indexes."""
    words = set(index.idf) | set(index.question_idf) | set(index.claim_idf) | index.vocabulary_words
    documents, general = [], []
    for doc in index.documents.values():
        if doc.entity_id is None:
            general.append((len(documents), "\n".join(doc.questions), doc.claim))
        documents.append((doc.id, doc.kind, doc.entity_id, doc.topic, doc.as_of, doc.claim,
                          json.dumps(doc.questions, ensure_ascii=False), json.dumps(doc.source_ids),
                          _derived(index, doc.id)))
    state = {"version": INDEX_VERSION, "generation": generation, "built_generation": generation,
             "documents": len(index.documents), "general": len(general),
             "average_question_length": index.average_question_length,
             "average_claim_length": index.average_claim_length,
             "by_topic": index.by_topic, "default_suggestions": index.default_suggestions,
             "default_suggestions_zh": index.default_suggestions_zh}
    return {
        "entities": [(e.id, e.kind, e.name, e.country, e.parent,
                      json.dumps(e.governed_elsewhere) if e.governed_elsewhere else None)
                     for e in index.entities.values()],
        "aliases": index.alias_rows(),
        "terms": [(w, index.idf.get(w), index.question_idf.get(w), index.claim_idf.get(w), int(w in index.asked_words),
                   int(w in index.vocabulary_words)) for w in sorted(words)],
        "documents": documents,
        "general": general,
        "state": [(key, value if isinstance(value, int) else json.dumps(value)) for key, value in state.items()],
    }


def write_rows(conn: sqlite3.Connection, rows: dict[str, list]) -> None:
    """Store an index's rows (`index_rows`), replacing any stored index; the caller owns the transaction."""
    _create_tables(conn)
    conn.executemany("insert into search_entities values (?, ?, ?, ?, ?, ?)", rows["entities"])
    conn.executemany("insert into search_aliases values (?, ?, ?)", rows["aliases"])
    conn.executemany("insert into search_terms values (?, ?, ?, ?, ?, ?)", rows["terms"])
    general = {position: (questions, claim) for position, questions, claim in rows["general"]}
    fts = []
    for position, document in enumerate(rows["documents"]):
        cursor = conn.execute("insert into search_documents values (?, ?, ?, ?, ?, ?, ?, ?, ?)", document)
        if position in general:
            fts.append((cursor.lastrowid, *general[position]))
    conn.executemany("insert into search_fts (rowid, questions, claim) values (?, ?, ?)", fts)
    conn.executemany("insert into search_state values (?, ?)", rows["state"])


def write_index(conn: sqlite3.Connection, index: FactIndex, generation: int = 0) -> None:
    """Store `index` (built from the database's content at `generation`) in the database, replacing
    any stored one; the caller owns the transaction."""
    write_rows(conn, index_rows(index, generation))


def _inputs(conn: sqlite3.Connection) -> tuple[tuple, int]:
    """What `FactIndex.build` derives the index of the database's content from, and the content's generation."""
    from .service import read_index_inputs  # service imports db, which calls this at build time

    factory = conn.row_factory
    conn.row_factory = sqlite3.Row
    try:
        return read_index_inputs(conn), int(_state(conn).get("generation", 0))
    finally:
        conn.row_factory = factory


def build_index(conn: sqlite3.Connection) -> FactIndex:
    """Derive the index from the database's content and store it (`write_index`); the caller owns
    the transaction. Returns the index."""
    inputs, generation = _inputs(conn)
    index = FactIndex.build(*inputs)
    write_index(conn, index, generation)
    return index


def start_index(conn: sqlite3.Connection) -> Callable[..., None]:
    """Read what the index derives from now, derive it meanwhile, and return `finish()`, which stores
    it (the caller owns the transaction): `build_index` split in two, so that a build adds the WARN
    registers (which the index leaves out) while the index is derived. `finish(cancel=True)`
    abandons it (for a build that failed in between).

    The index is derived in a forked child process (`in_child`) where that is safe; else, or when
    the child fails, by `finish()`. The rows stored are the same either way."""
    inputs, generation = _inputs(conn)
    result = in_child(lambda: index_rows(FactIndex.build(*inputs), generation))

    def finish(cancel: bool = False) -> None:
        rows = result(cancel=cancel) if result is not None else None
        if not cancel:
            write_rows(conn, rows if rows is not None else index_rows(FactIndex.build(*inputs), generation))

    return finish


def in_child(work: Callable[[], object]) -> Callable[..., object | None] | None:
    """Run `work` in a forked child process and return `result(cancel=False)`, which waits for what
    it returned (JSON-ready values, as JSON decodes them: lists for tuples), or None if the child
    failed; with `cancel` it kills the child instead. Returns None at once (nothing started) where
    forking is unsafe: no `os.fork`, macOS, or other threads running in this process.

    The child closes every inherited descriptor but its pipe (a build's lock must not outlive a
    killed builder) and leaves by `os._exit`, running none of this process's exit handlers."""
    if not hasattr(os, "fork") or sys.platform == "darwin" or threading.active_count() > 1:
        return None
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return None
    if pid == 0:  # the child
        status = 1
        try:
            os.closerange(3, write_end)
            os.closerange(write_end + 1, min(os.sysconf("SC_OPEN_MAX"), 1 << 16))  # a bound, should the limit be huge
            data = json.dumps(work(), ensure_ascii=False).encode()
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(data)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)

    def result(cancel: bool = False) -> object | None:
        if cancel:
            import signal

            os.kill(pid, signal.SIGKILL)
        with os.fdopen(read_end, "rb") as pipe:
            data = b"" if cancel else pipe.read()
        _, status = os.waitpid(pid, 0)
        if cancel:
            return None
        if os.waitstatus_to_exitcode(status) != 0:
            _log_info("deriving in a child process failed (status %s); deriving here", status)
            return None
        return json.loads(data)

    return result


def _state(conn: sqlite3.Connection) -> dict:
    """The stored index's state ({} when there is none)."""
    try:
        return {key: value for key, value in conn.execute("select key, value from search_state")}
    except sqlite3.OperationalError:  # no such table: an index never built here
        return {}


def is_current(conn: sqlite3.Connection) -> bool:
    state = _state(conn)
    return (state.get("version") == json.dumps(INDEX_VERSION)
            and str(state.get("generation")) == str(state.get("built_generation")))


def ensure_index(db_path: Path) -> bool:
    """Make the stored index of the layoffbot database at `db_path` current: rebuild it, when it is
    missing or stale, in one write transaction (a concurrent curator waits, or commits first and is
    seen). Returns whether it is current; False when the database cannot be written (read-only,
    busy), and the caller builds the index in memory.

    A database provably as its build left it (its `fingerprint` matches) gets its fingerprint
    refreshed in the same transaction: the index is derived data, not a change."""
    from .db import SCHEMA_VERSION, DatabaseError, connect_readonly, fingerprint, write_transaction

    path = Path(db_path)
    try:
        with closing(connect_readonly(path)) as conn:
            if is_current(conn):
                return True
            # Another program's file, or another schema's: not even its journal mode is changed.
            version = conn.execute("select value from meta where key = 'schema_version'").fetchone()
            if version is None or version[0] != SCHEMA_VERSION:
                return False
    except (sqlite3.Error, DatabaseError):
        return False
    try:
        with write_transaction(path) as db:
            conn = db.conn
            meta = dict(conn.execute("select key, value from meta").fetchall())
            if meta.get("schema_version") != SCHEMA_VERSION:
                return False  # not a fact base of this layoffbot: never written
            if is_current(conn):
                return True
            pristine = meta.get("curated") != "1" and meta.get("fingerprint") == fingerprint(conn)
            build_index(conn)
            if pristine:
                conn.execute("insert or replace into meta (key, value) values ('fingerprint', ?)",
                             (fingerprint(conn),))
        return True
    except (sqlite3.Error, DatabaseError) as exc:
        _log_info("search index of %s not stored (%s); building it in memory", path, exc)
        return False


# --- reading ------------------------------------------------------------------------------------------

class _Documents:
    """Loads stored documents into an index's per-document tables on first use: by entity (all its
    documents at once), by id, or all of them."""

    def __init__(self, connect: Callable[[], sqlite3.Connection], index: FactIndex, count: int):
        self.connect = connect
        self.conn: sqlite3.Connection | None = None
        self.index = index
        self.count = count
        self.lock = threading.Lock()
        self.loaded: set[str] = set()
        self.complete = False

    def _connection(self) -> sqlite3.Connection:
        if self.conn is None:
            self.conn = self.connect()
            self.conn.row_factory = None
        return self.conn


    def _rows(self, where: str, params: tuple, *, order: bool = True) -> list[str]:
        with self.lock:
            rows = self._connection().execute(
                f"select {_COLUMNS} from search_documents {where}{' order by rowid' if order else ''}",
                params).fetchall()
            return [self._add(row) for row in rows]

    def _add(self, row) -> str:
        doc_id, kind, entity_id, topic, as_of, claim, questions, source_ids, derived = row
        if doc_id in self.loaded:
            return doc_id
        index = self.index
        set_item = dict.__setitem__
        d = json.loads(derived)
        set_item(index.documents, doc_id, Document(doc_id, kind, entity_id, topic, as_of, claim,
                                                   tuple(json.loads(questions)), tuple(json.loads(source_ids)),
                                                   d.get("z")))
        set_item(index.doc_tokens, doc_id, frozenset(d["a"]))
        set_item(index.claim_tokens, doc_id, frozenset(d["t"]))
        set_item(index.claim_surface, doc_id, frozenset(d["s"]))
        set_item(index.doc_choices, doc_id, d["c"])
        own, mentioned = d["y"]
        set_item(index.doc_years, doc_id, (frozenset(own), frozenset(mentioned)))
        set_item(index.doc_months, doc_id, frozenset(d["m"]))
        if "q" in d:
            set_item(index.question_tokens, doc_id, [frozenset(words) for words in d["q"]])
        if "r" in d:
            set_item(index.ranges, doc_id, tuple(tuple(pair) for pair in d["r"]))
        if "p" in d:
            set_item(index.provision_numbers, doc_id, frozenset(d["p"]))
        if "w" in d:
            set_item(index.time_numbers, doc_id, frozenset(d["w"]))
        self.loaded.add(doc_id)
        return doc_id

    def of_entity(self, entity_id: str | None) -> list[str]:
        if entity_id is None:
            return self._rows("where entity_id is null", ())
        return self._rows("where entity_id = ?", (entity_id,))

    def by_id(self, doc_id: str) -> None:
        if not self.complete and doc_id not in self.loaded:
            self._rows("where id = ?", (doc_id,))

    def size_facts_of_year(self, year: int, limit: int) -> list[Document]:
        # as_of starts with the year: at least "2023" and below "2024" (a range the index serves)
        ids = self._rows("where topic = 'layoff-size' and kind = 'fact' and as_of >= ? and as_of < ? "
                         "order by as_of, rowid limit ?", (str(year), str(year + 1), limit), order=False)
        return [self.index.documents[doc_id] for doc_id in ids]

    def everything(self) -> None:
        if not self.complete:
            self._rows("", ())
            self.complete = True

    def general_search(self, parsed: Parsed, pool: int) -> list[str]:
        """The `pool` entity-less documents that FTS5 bm25 rates best for the question's words."""
        words = sorted({w for w in _WORD.findall(f"{parsed.masked} {' '.join(parsed.content)}") if w.isascii()})
        if not words:
            return []
        query = " OR ".join(f'"{w}"' for w in words)
        with self.lock:
            rows = self._connection().execute(
                f"select {', '.join('d.' + c for c in _COLUMNS.split(', '))} "
                "from (select rowid, bm25(search_fts, ?, ?) as score from search_fts where search_fts match ? "
                "order by score limit ?) f join search_documents d on d.rowid = f.rowid order by f.score",
                (*FTS_WEIGHTS, query, pool)).fetchall()
            return [self._add(row) for row in rows]


class _PerDocument(dict):
    """A per-document table of a stored index: a missing document is read from the database once;
    iterating or counting reads them all."""

    def __init__(self, loader: _Documents):
        super().__init__()
        self.loader = loader

    def __missing__(self, doc_id):
        self.loader.by_id(doc_id)
        if dict.__contains__(self, doc_id):
            return dict.__getitem__(self, doc_id)
        raise KeyError(doc_id)

    def get(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            return default

    def __contains__(self, key) -> bool:
        return self.get(key) is not None

    def __iter__(self):
        self.loader.everything()
        return dict.__iter__(self)

    def __len__(self) -> int:
        if not self.loader.complete and self is self.loader.index.documents:
            return self.loader.count
        self.loader.everything()
        return dict.__len__(self)

    def keys(self):
        self.loader.everything()
        return dict.keys(self)

    def values(self):
        self.loader.everything()
        return dict.values(self)

    def items(self):
        self.loader.everything()
        return dict.items(self)


class _ByEntity(dict):
    """Document ids by entity (None: documents of no entity), read from the database per entity."""

    def __init__(self, loader: _Documents):
        super().__init__()
        self.loader = loader

    def __missing__(self, entity_id):
        ids = self.loader.of_entity(entity_id)
        self[entity_id] = ids
        return ids

    def get(self, key, default=None):
        ids = self[key]
        return ids if ids or default is None else default


def load_index(conn: sqlite3.Connection, connect: Callable[[], sqlite3.Connection]) -> FactIndex | None:
    """The stored index of the database (None when it has none, or a stale one): entities, aliases
    and term statistics read through `conn` now, documents on first use through one connection
    from `connect`, opened now and kept (it may be used from any thread, and it keeps the file
    readable when the path is removed or replaced: a bot answers from the copy it opened)."""
    state = _state(conn)
    if not is_current(conn):
        return None
    entities = [Entity(i, kind, name, country, parent, tuple((other, tuple(names)) for other, names
                                                             in json.loads(elsewhere or "[]")))
                for i, kind, name, country, parent, elsewhere
                in conn.execute("select id, kind, name, country, parent, governed_elsewhere from search_entities "
                                "order by rowid")]
    aliases: dict[str, tuple[str, ...]] = {}
    units: dict[str, tuple[str, ...]] = {}
    for alias, entity_id, unit in conn.execute("select alias, entity_id, unit from search_aliases order by rowid"):
        aliases[alias] = (*aliases.get(alias, ()), entity_id)
        if unit is not None:  # ("": a jurisdiction's place name, no hint words)
            units[alias] = tuple(unit.split())
    index = FactIndex.with_entities(entities, aliases, {}, units)
    loader = _Documents(connect, index, int(state["documents"]))
    loader._connection()
    index.documents = _PerDocument(loader)
    for name in ("doc_tokens", "claim_tokens", "claim_surface", "doc_choices", "doc_years", "doc_months",
                 "question_tokens", "ranges", "provision_numbers", "time_numbers"):
        setattr(index, name, _PerDocument(loader))
    index.by_entity = _ByEntity(loader)
    asked, own = [], set()
    for word, idf, question_idf, claim_idf, is_asked, is_own in conn.execute("select * from search_terms"):
        word = sys.intern(word)
        if idf is not None:
            index.idf[word] = idf
        if question_idf is not None:
            index.question_idf[word] = question_idf
        if claim_idf is not None:
            index.claim_idf[word] = claim_idf
        if is_asked:
            asked.append(word)
        if is_own:
            own.add(word)
    index.asked_words = frozenset(asked)
    index.vocabulary_words = own
    index.set_known_words(own)
    index.average_question_length = json.loads(state["average_question_length"])
    index.average_claim_length = json.loads(state["average_claim_length"])
    index.by_topic = json.loads(state["by_topic"])
    index.default_suggestions = tuple(json.loads(state["default_suggestions"]))
    index.default_suggestions_zh = tuple(json.loads(state.get("default_suggestions_zh", "[]")))
    index.search_size_facts = loader.size_facts_of_year
    if int(state["general"]) > GENERAL_POOL:
        index.search_general = lambda parsed: loader.general_search(parsed, GENERAL_POOL)
    return index
