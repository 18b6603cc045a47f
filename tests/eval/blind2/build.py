#!/usr/bin/env python3
"""Validate the evaluation rows in rows.py against the fact base and write all.csv."""
import csv
import glob
import os
import re
import sys
from collections import Counter

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
KB = os.path.join(HERE, "..", "knowledge")
sys.path.insert(0, HERE)
import rows  # noqa: E402

KINDS = {"ranking", "total", "list", "comparison", "timeline", "latest"}
CATS = {"company", "rule", "general", "decline", "structured", "followup"}


def load_ids():
    ids, yaml_questions = set(), set()
    for f in sorted(glob.glob(os.path.join(KB, "*", "*.yaml"))):
        with open(f, encoding="utf-8") as fh:
            d = yaml.safe_load(fh) or {}
        for key in ("events", "facts", "rules"):
            for item in d.get(key) or []:
                ids.add(item["id"])
                for q in item.get("questions") or []:
                    yaml_questions.add(norm(q))
    return ids, yaml_questions


def norm(q):
    q = re.sub(r"[^\w\s]", "", str(q).lower())
    return re.sub(r"\s+", " ", q).strip()


def main():
    ids, yaml_questions = load_ids()
    all_rows = rows.all_rows()
    problems = []
    seen = Counter()
    for n, (q, exp, thread, cat) in enumerate(all_rows, 1):
        where = f"row {n} ({q[:50]!r})"
        if not q.strip():
            problems.append(f"{where}: empty question")
        if cat not in CATS:
            problems.append(f"{where}: bad category {cat!r}")
        labels = [x.strip() for x in exp.split("|")]
        if not exp.strip() or any(not x for x in labels):
            problems.append(f"{where}: empty label")
        for lab in labels:
            if lab == "none":
                if cat != "decline":
                    problems.append(f"{where}: 'none' outside category decline")
                if len(labels) > 1:
                    problems.append(f"{where}: 'none' combined with other labels")
            elif lab.startswith("structured:"):
                kind = lab.split(":", 1)[1]
                if kind not in KINDS:
                    problems.append(f"{where}: bad structured kind {kind!r}")
                if cat != "structured":
                    problems.append(f"{where}: structured label outside category structured")
            elif lab not in ids:
                problems.append(f"{where}: unknown id {lab!r}")
        if cat == "decline" and exp != "none":
            problems.append(f"{where}: decline row must be labelled none")
        if cat == "structured" and not exp.startswith("structured:"):
            problems.append(f"{where}: structured row needs a structured:KIND label")
        if cat == "followup" and not thread:
            problems.append(f"{where}: followup row without a thread")
        if thread and cat not in ("followup", "structured", "decline"):
            problems.append(f"{where}: thread row with category {cat!r}")
        if not thread:
            seen[norm(q)] += 1
        if norm(q) in yaml_questions:
            problems.append(f"{where}: copied word for word from a YAML questions: entry")
    for q, c in seen.items():
        if c > 1:
            problems.append(f"standalone question appears {c} times: {q!r}")
    if problems:
        for p in problems:
            print("PROBLEM:", p)
        print(f"{len(problems)} problem(s); all.csv not written")
        sys.exit(1)
    out = os.path.join(HERE, "all.csv")
    with open(out, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, quoting=csv.QUOTE_ALL)
        w.writerow(["question", "expected", "thread", "category"])
        for r in all_rows:
            w.writerow(r)
    cats = Counter(r[3] for r in all_rows)
    zh = sum(1 for r in all_rows if re.search(r"[\u4e00-\u9fff]", r[0]))
    print(f"wrote {out}: {len(all_rows)} rows; {dict(cats)}; Chinese {zh}; "
          f"threads {len({r[2] for r in all_rows if r[2]})}")


if __name__ == "__main__":
    main()
