"""What a build wrote, table by table: row count and a digest of the rows (rowid order) and of each
schema entry, for one database, or the entries where two differ.

    python benchmarks/content_digest.py A.db [B.db]

Meta rows that differ between any two builds (built_at, fingerprint, knowledge_dir) are left out,
so two builds of the same content by two versions of the code compare equal when they wrote the same.
"""

from __future__ import annotations

import hashlib
import sqlite3
import sys
from contextlib import closing

PER_BUILD = {"built_at", "fingerprint", "knowledge_dir"}


def digests(path: str) -> dict[str, tuple]:
    out: dict[str, tuple] = {}
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        for kind, name, sql in conn.execute("select type, name, sql from sqlite_master order by type, name"):
            out[f"{kind} {name}"] = (hashlib.sha256(repr(sql).encode()).hexdigest()[:12],)
        for (name,) in conn.execute("select name from sqlite_master where type = 'table' order by name").fetchall():
            try:
                rows = conn.execute(f'select * from "{name}" order by rowid').fetchall()
            except sqlite3.OperationalError:  # a table without rowid
                rows = conn.execute(f'select * from "{name}"').fetchall()
            if name == "meta":
                rows = [row for row in rows if row[0] not in PER_BUILD]
            out[f"rows {name}"] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest()[:12])
    return out


def main() -> None:
    first = digests(sys.argv[1])
    if len(sys.argv) < 3:
        for key, value in first.items():
            print(key, *value)
        return
    second = digests(sys.argv[2])
    differ = [key for key in sorted(first.keys() | second.keys()) if first.get(key) != second.get(key)]
    for key in differ:
        print(key, first.get(key), second.get(key))
    print(f"{len(first.keys() | second.keys())} entries compared, {len(differ)} differ")


if __name__ == "__main__":
    main()
