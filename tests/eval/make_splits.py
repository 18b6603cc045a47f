"""Write the evaluation splits train.csv and dev.csv (how they were first made).

test.csv was copied once from the blind set's test split (tests/eval/blind/test.csv, as its writer
left it) and is frozen: never regenerated, edited only to fix a provably wrong label, each fix noted
in its commit. This script does not touch it. dev.csv and train.csv are the blind set's dev and
train splits joined by the project's earlier question set (questions.csv), split 30/70 by thread
with a fixed seed; their labels have since been updated as the content grew (see git log).
"""

import csv
import random
from pathlib import Path

HERE = Path(__file__).parent
SEED = 20261130
FIELDS = ["question", "expected", "thread", "category"]


def read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [{k: row.get(k, "") or "" for k in FIELDS} for row in csv.DictReader(handle)]


def write(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, FIELDS, quoting=csv.QUOTE_ALL)
        writer.writeheader()
        writer.writerows(rows)


def main() -> None:
    old = read(HERE / "questions.csv")
    for row in old:  # keep old thread labels apart from the blind set's
        if row["thread"]:
            row["thread"] = f"old-{row['thread']}"
    units: dict[str, list[dict]] = {}
    for number, row in enumerate(old):
        units.setdefault(row["thread"] or f"row-{number}", []).append(row)
    keys = sorted(units)
    random.Random(SEED).shuffle(keys)
    cut = round(len(keys) * 0.3)
    dev_keys = set(keys[:cut])
    old_dev = [row for key in sorted(units, key=lambda k: old.index(units[k][0])) if key in dev_keys
               for row in units[key]]
    old_train = [row for key in sorted(units, key=lambda k: old.index(units[k][0])) if key not in dev_keys
                 for row in units[key]]
    blind = HERE / "blind"
    write(HERE / "dev.csv", read(blind / "dev.csv") + old_dev)
    write(HERE / "train.csv", read(blind / "train.csv") + old_train)


if __name__ == "__main__":
    main()
