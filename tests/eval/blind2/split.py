"""Split the second blind set (all.csv) into train (50%) and dev (50%) and append them to
tests/eval/train.csv and tests/eval/dev.csv. Run once, when the set was added; kept to show how.

Units as in the first blind set: each standalone row is one unit, each thread one unit (never
divided); standalone rows are split within their category, threads as one more group; units are
shuffled with the seed and each goes to the split furthest below its target share. The frozen
test split is not touched.
"""

import csv
import random
from pathlib import Path

HERE = Path(__file__).parent
SEED = 20261130
SHARES = {"train": 0.5, "dev": 0.5}
FIELDS = ["question", "expected", "thread", "category"]


def main() -> None:
    with (HERE / "all.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    groups: dict[str, dict[str, list[dict]]] = {}
    for number, row in enumerate(rows):
        group = "threads" if row["thread"] else row["category"]
        groups.setdefault(group, {}).setdefault(row["thread"] or f"row-{number}", []).append(row)
    chosen: dict[str, set[str]] = {name: set() for name in SHARES}
    rng = random.Random(SEED)
    for group in sorted(groups):
        units = sorted(groups[group])
        rng.shuffle(units)
        counts = dict.fromkeys(SHARES, 0)
        for placed, unit in enumerate(units):
            split = min(SHARES, key=lambda s: (counts[s] - SHARES[s] * (placed + 1), s))
            counts[split] += 1
            chosen[split].add((group, unit))
    for split in SHARES:
        selected = [row for number, row in enumerate(rows)
                    if ("threads" if row["thread"] else row["category"],
                        row["thread"] or f"row-{number}") in chosen[split]]
        with (HERE / f"{split}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, FIELDS, quoting=csv.QUOTE_ALL, lineterminator="\n")
            writer.writeheader()
            writer.writerows(selected)
        with (HERE.parent / f"{split}.csv").open("a", encoding="utf-8", newline="") as handle:
            csv.DictWriter(handle, FIELDS, quoting=csv.QUOTE_ALL, lineterminator="\n").writerows(selected)
        print(split, len(selected))


if __name__ == "__main__":
    main()
