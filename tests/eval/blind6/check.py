#!/usr/bin/env python3
"""Check questions.csv in this folder against the fact base in knowledge/.

Exits 1 and prints the problems if:
  - the header is not exactly question,expected,thread,category
  - a row has an unknown category or an empty question/expected
  - a label names an id that is not a rule, fact or event id in knowledge/**/*.yaml
    (source, company and jurisdiction ids are not answers and are reported too)
  - `none` appears outside categories decline/followup, or beside another id
  - a structured row is not labelled exactly `structured:KIND` (KIND in total, ranking,
    list, comparison, timeline, latest), or such a label appears on another category
  - a decline row is not labelled exactly `none`
  - a question is duplicated (exactly, or after case/punctuation folding)
  - a question copies a YAML `questions:` entry word for word
    (case-insensitive, punctuation stripped)
  - a followup row has no thread or opens its thread; a thread opens with
    something other than rule/company
"""
import csv
import sys
import unicodedata
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
KB = HERE.parents[2] / "knowledge"  # the project's knowledge/ (the writer's copy sat beside this file)
CSV_PATH = HERE / "questions.csv"
HEADER = ["question", "expected", "thread", "category"]
CATEGORIES = {"rule", "company", "structured", "decline", "followup", "general"}
STRUCTURED_KINDS = {"total", "ranking", "list", "comparison", "timeline", "latest"}


def norm(text):
    out = []
    for ch in unicodedata.normalize("NFKC", str(text)).lower():
        cat = unicodedata.category(ch)
        if cat.startswith("P") or cat.startswith("S"):
            out.append(" ")
        else:
            out.append(ch)
    return " ".join("".join(out).split())


def walk_questions(node, acc):
    if isinstance(node, dict):
        for key, val in node.items():
            if key == "questions" and isinstance(val, list):
                acc.extend(str(q) for q in val)
            else:
                walk_questions(val, acc)
    elif isinstance(node, list):
        for item in node:
            walk_questions(item, acc)


def load_kb():
    answer_ids = {}   # id -> file
    other_ids = {}    # sources, companies, jurisdictions
    yaml_questions = []
    problems = []
    files = sorted(KB.rglob("*.yaml"))
    if not files:
        problems.append(f"no YAML files under {KB}")
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        rel = path.relative_to(KB)
        for section in ("rules", "facts", "events"):
            for item in data.get(section) or []:
                if isinstance(item, dict) and "id" in item:
                    if item["id"] in answer_ids:
                        problems.append(f"KB: id {item['id']} in both {answer_ids[item['id']]} and {rel}")
                    answer_ids[item["id"]] = str(rel)
        for item in data.get("sources") or []:
            if isinstance(item, dict) and "id" in item:
                other_ids[item["id"]] = f"source in {rel}"
        for key in ("company", "jurisdiction"):
            block = data.get(key)
            if isinstance(block, dict) and "id" in block:
                other_ids[block["id"]] = f"{key} in {rel}"
        walk_questions(data, yaml_questions)
    return answer_ids, other_ids, yaml_questions, problems


def main(csv_path=CSV_PATH, later_turns=("followup",)):
    """Check `csv_path`; `later_turns`: the categories a row inside a thread (not its first) may have."""
    answer_ids, other_ids, yaml_questions, problems = load_kb()
    yaml_norm = {norm(q): q for q in yaml_questions}

    raw = csv_path.read_text(encoding="utf-8")
    with csv_path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    if not rows or rows[0] != HEADER:
        problems.append(f"header is {rows[0] if rows else None}, expected {HEADER}")
    for lineno, line in enumerate(raw.splitlines(), 1):
        if line and not line.startswith('"'):
            problems.append(f"line {lineno}: not quoted (QUOTE_ALL expected)")
            break

    seen_exact, seen_norm = {}, {}
    thread_first = {}
    for i, row in enumerate(rows[1:], start=2):
        if len(row) != 4:
            problems.append(f"row {i}: {len(row)} fields")
            continue
        q, expected, thread, category = row
        where = f"row {i} ({q[:50]!r})"
        if not q.strip():
            problems.append(f"{where}: empty question")
        if category not in CATEGORIES:
            problems.append(f"{where}: unknown category {category!r}")
        labels = [x.strip() for x in expected.split("|")]
        if not expected.strip() or any(not x for x in labels):
            problems.append(f"{where}: empty label in {expected!r}")
        if category == "structured":
            kind = expected[len("structured:"):] if expected.startswith("structured:") else None
            if kind not in STRUCTURED_KINDS:
                problems.append(f"{where}: structured row labelled {expected!r}")
            labels = []
        elif any(x.startswith("structured:") for x in labels):
            problems.append(f"{where}: structured label on a {category} row")
            labels = [x for x in labels if not x.startswith("structured:")]
        if "none" in labels:
            if category not in ("decline", "followup"):
                problems.append(f"{where}: 'none' outside decline/followup")
            if len(labels) > 1:
                problems.append(f"{where}: 'none' beside other ids")
        if category == "decline" and expected != "none":
            problems.append(f"{where}: decline row labelled {expected!r}")
        if len(set(labels)) != len(labels):
            problems.append(f"{where}: repeated id in {expected!r}")
        for lab in labels:
            if lab == "none" or not lab or lab.startswith(("warn-summary:", "warn-registers:")):
                continue  # (answers the WARN registers generate: a company's notices, every register's count)
            if lab not in answer_ids:
                if lab in other_ids:
                    problems.append(f"{where}: {lab} is a {other_ids[lab]}, not a rule/fact/event")
                else:
                    problems.append(f"{where}: unknown id {lab}")
        if q in seen_exact:
            problems.append(f"{where}: duplicate of row {seen_exact[q]}")
        seen_exact.setdefault(q, i)
        nq = norm(q)
        if nq in seen_norm and seen_norm[nq] != seen_exact[q]:
            problems.append(f"{where}: near-duplicate (case/punctuation) of row {seen_norm[nq]}")
        seen_norm.setdefault(nq, i)
        if nq in yaml_norm:
            problems.append(f"{where}: copies YAML question {yaml_norm[nq]!r}")
        # threads
        if category == "followup":
            if not thread:
                problems.append(f"{where}: followup without thread")
            elif thread not in thread_first:
                problems.append(f"{where}: followup opens thread {thread}")
        if thread:
            if thread not in thread_first:
                thread_first[thread] = i
                if category not in ("rule", "company"):
                    problems.append(f"{where}: thread {thread} opens with {category}")
            elif category not in later_turns:
                problems.append(f"{where}: non-followup row inside thread {thread}")

    if problems:
        print(f"{len(problems)} problem(s):")
        for p in problems:
            print(" -", p)
        sys.exit(1)
    counts = {}
    for row in rows[1:]:
        counts[row[3]] = counts.get(row[3], 0) + 1
    print(f"OK: {len(rows) - 1} rows, {len(thread_first)} threads, {counts}; "
          f"{len(answer_ids)} answer ids and {len(yaml_questions)} YAML questions loaded")


if __name__ == "__main__":
    main()
