"""What curators learn from: unanswered questions and 👍/👎 on answers, in their own SQLite file.

The fact base stays read-only for the bot; this small file is the only thing it writes. Rows hold
the question text, the time and the outcome — never a user id or name.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from .text import normalize

UNANSWERED = "unanswered"
HELPFUL = "helpful"
UNHELPFUL = "unhelpful"
OUTCOMES = (UNANSWERED, HELPFUL, UNHELPFUL)
MAX_STORED_QUESTION = 1000

_SCHEMA = """
create table if not exists outcomes (
    id integer primary key,
    at text not null,            -- UTC, ISO 8601
    outcome text not null,       -- unanswered | helpful | unhelpful
    question text not null,
    normalized text not null,    -- groups spellings of the same question
    facts text not null default '[]'  -- JSON list of the fact ids that answered, for feedback
);
create index if not exists outcomes_by_outcome on outcomes (outcome, normalized);
"""


class FeedbackError(Exception):
    """The feedback file cannot be opened, read or written."""


@dataclass(frozen=True)
class Gap:
    question: str  # the latest spelling
    count: int
    last_asked: str


def default_feedback_path(db_path: Path) -> Path:
    """Beside the fact base: layoffbot.db -> layoffbot-feedback.db."""
    db_path = Path(db_path)
    return db_path.with_name(f"{db_path.stem}-feedback{db_path.suffix or '.db'}")


class FeedbackStore:
    """One connection guarded by a lock; every method is blocking (call it in a worker thread)."""

    def __init__(self, path: Path, *, create: bool = True):
        self.path = Path(path)
        self._lock = threading.Lock()
        try:
            if create:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._conn = sqlite3.connect(self.path, check_same_thread=False, timeout=10)
                self._conn.execute("pragma journal_mode=wal")
                self._conn.executescript(_SCHEMA)
            else:
                if not self.path.is_file():
                    raise FeedbackError(f"no feedback file at {self.path}")
                self._conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True,
                                             check_same_thread=False)
        except (sqlite3.Error, OSError) as exc:
            raise FeedbackError(f"cannot open the feedback file {self.path}: {exc}") from None

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def record(self, outcome: str, question: str, fact_ids: tuple[str, ...] = (), *,
               at: dt.datetime | None = None) -> None:
        if outcome not in OUTCOMES:
            raise ValueError(f"unknown outcome {outcome!r}")
        question = (question or "").strip()[:MAX_STORED_QUESTION]
        when = (at or dt.datetime.now(dt.UTC)).replace(microsecond=0).isoformat()
        row = (when, outcome, question, normalize(question), json.dumps(list(fact_ids)))
        try:
            with self._lock, self._conn:
                self._conn.execute(
                    "insert into outcomes (at, outcome, question, normalized, facts) values (?, ?, ?, ?, ?)", row
                )
        except sqlite3.Error as exc:
            raise FeedbackError(f"cannot write to {self.path}: {exc}") from None

    def counts(self) -> dict[str, int]:
        rows = self._query("select outcome, count(*) from outcomes group by outcome")
        return {outcome: dict(rows).get(outcome, 0) for outcome in OUTCOMES}

    def gaps(self, limit: int = 10, outcome: str = UNANSWERED) -> list[Gap]:
        """The most frequent questions with this outcome, most asked first."""
        rows = self._query(
            "select (select o2.question from outcomes o2 where o2.outcome = o.outcome "
            "        and o2.normalized = o.normalized order by o2.id desc limit 1), "
            "count(*) as n, max(at) "
            "from outcomes o where outcome = ? and normalized != '' group by normalized "
            "order by n desc, max(at) desc limit ?",
            (outcome, limit),
        )
        return [Gap(question, count, last) for question, count, last in rows]

    def _query(self, sql: str, params: tuple = ()) -> list[tuple]:
        try:
            with self._lock:
                return self._conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise FeedbackError(f"cannot read {self.path}: {exc}") from None


def read_gaps(path: Path, limit: int = 20, outcome: str = UNANSWERED) -> list[Gap]:
    """For curators (`layoffbot kb gaps`): read-only, so a running bot is never disturbed."""
    store = FeedbackStore(path, create=False)
    with closing(store):
        return store.gaps(limit, outcome)
