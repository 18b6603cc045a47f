"""Schema migrations: the in-place steps that bring a curator's database to this layoffbot's schema.

A database built from the bundled content and never changed is rebuilt when the schema changes
(`bot.db.ensure_database`); one that holds a curator's work is never rebuilt. It is migrated instead:
each step below moves the schema one version on, and every step runs inside the one write transaction
that also records the new `schema_version`, so a crash or a SIGKILL leaves the old schema or the new
one, never a mix (SQLite's `ALTER TABLE` is transactional). Steps only add: no row a curator wrote is
changed or removed.

To change the schema: bump `bot.db.SCHEMA_VERSION`, change `bot.db.create_schema` for new databases,
and add the step from the previous version here, with a test that migrates a database of that version.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils


@dataclass(frozen=True)
class Step:
    to: str  # the schema version the step leaves
    what: str  # what it changes, in a curator's words
    apply: Callable[[sqlite_utils.Database], None]


def _units_and_workers(db: sqlite_utils.Database) -> None:
    if "unit" not in db["aliases"].columns_dict:
        db["aliases"].add_column("unit", str)
    if "workers" not in db["events"].columns_dict:
        db["events"].add_column("workers", str)


def _governed_elsewhere(db: sqlite_utils.Database) -> None:
    if "governed_elsewhere" not in db["jurisdictions"].columns_dict:
        db["jurisdictions"].add_column("governed_elsewhere", str)


# From version -> the step that leaves the next one.
STEPS: dict[str, Step] = {
    "1": Step("2", "aliases.unit: the part of a company (a unit or sub-brand: AWS, Alibaba Cloud) an alias names; "
                   "events.workers: 'contractors' for a round of contract workers, not employees",
              _units_and_workers),
    "2": Step("3", "jurisdictions.governed_elsewhere: sectors whose employers in a place another jurisdiction's law "
                   "governs (a bank in Toronto: the Canada Labour Code)", _governed_elsewhere),
}


def path_from(version: str | None, target: str) -> list[Step] | None:
    """The steps from schema `version` to `target`, in order; [] when already there; None when there is no
    way (another program's file, or a schema newer than this layoffbot's)."""
    steps: list[Step] = []
    while version != target:
        step = STEPS.get(version or "")
        if step is None:
            return None
        steps.append(step)
        version = step.to
    return steps


def migrate(db: sqlite_utils.Database, target: str) -> list[Step]:
    """Apply the steps from the database's schema to `target` and record it; the caller owns the write
    transaction (`bot.db.write_transaction`). Returns the steps applied. Raises `LookupError` when there
    is no way from the database's schema to `target`."""
    row = db.execute("select value from meta where key = 'schema_version'").fetchone()
    version = row[0] if row else None
    steps = path_from(version, target)
    if steps is None:
        raise LookupError(f"no migration from schema {version!r} to {target!r}")
    for step in steps:
        step.apply(db)
    if steps:
        db["meta"].insert({"key": "schema_version", "value": target}, replace=True)
    return steps
