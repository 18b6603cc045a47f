"""How precisely `bot.views.parse_view` recognises structured questions in a question set.

    python benchmarks/views_eval.py tests/eval/dev.csv [--db FILE] [-v]

Prints: structured rows classified to the right kind, and non-structured rows it wrongly claims
(these would be taken away from the answer engine: the number must stay near 0). Rows of one
thread are asked in order; the last view of the thread is passed as `previous`, and the
companies the thread named so far as the context.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.db import build_database  # noqa: E402
from bot.service import FactBase  # noqa: E402
from bot.text import normalize  # noqa: E402
from bot.views import parse_view  # noqa: E402


def entities(factbase: FactBase, question: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Company and jurisdiction ids the engine recognises in `question`."""
    _, ids, _ = factbase.index.mask_entities(normalize(question), question)
    kinds = {i: factbase.index.entities[i].kind for i in ids}
    return (tuple(i for i in ids if kinds[i] == "company"), tuple(i for i in ids if kinds[i] == "jurisdiction"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", type=Path)
    parser.add_argument("--db", type=Path, help="fact base (default: the built-in one, built in a temp dir)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list the misses and the false claims")
    args = parser.parse_args()
    if args.db is None:
        args.db = Path(tempfile.mkdtemp()) / "layoffbot.db"
        build_database(args.db)
    factbase = FactBase.open(args.db, build_if_needed=False)
    with args.csv.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    previous: dict[str, object] = {}
    context: dict[str, tuple[str, ...]] = {}
    right = structured = claimed = other = 0
    misses, claims = [], []
    for row in rows:
        thread = row.get("thread") or ""
        companies, jurisdictions = entities(factbase, row["question"])
        view = parse_view(row["question"], company_ids=companies, jurisdiction_ids=jurisdictions,
                          previous=previous.get(thread) if thread else None,
                          context_company_ids=context.get(thread, ()) if thread else ())
        if thread:
            previous[thread] = view
            context[thread] = tuple(dict.fromkeys(context.get(thread, ()) + companies))
        expected = row["expected"]
        if expected.startswith("structured:"):
            structured += 1
            kind = expected.split("|")[0].removeprefix("structured:")
            if view is not None and view.kind == kind:
                right += 1
            else:
                misses.append(f"  {row['question']!r}: expected {kind}, got {view.kind if view else None}")
        else:
            other += 1
            if view is not None:
                claimed += 1
                claims.append(f"  {row['question']!r} ({expected}): claimed as {view.kind}")
    print(f"{args.csv}: structured rows classified right {right}/{structured}; "
          f"non-structured rows wrongly claimed {claimed}/{other}")
    if args.verbose:
        for line in misses + claims:
            print(line)


if __name__ == "__main__":
    main()
