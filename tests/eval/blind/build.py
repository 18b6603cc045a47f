"""Assemble the hand-written questions, check every id against the fact base, write all.csv,
then split into test/dev/train (45/25/30) with a seeded, thread-preserving, category-stratified split.

Usage: python3 build.py   (run from /work/blind/out)
"""
import csv, glob, random, sys, collections
import yaml

from rows_company import COMPANY
from rows_other import RULE, GENERAL, DECLINE_NEAR, DECLINE_OFF, STRUCTURED, THREADS

KB = "/work/blind/knowledge"
SEED = 20261130
KINDS = {"ranking", "total", "list", "comparison", "timeline", "latest"}

# ---- load all ids from the fact base
ids = set()
for f in glob.glob(f"{KB}/**/*.yaml", recursive=True):
    d = yaml.safe_load(open(f, encoding="utf-8"))
    if not isinstance(d, dict):
        continue
    for key in ("events", "facts", "rules"):
        for x in d.get(key) or []:
            ids.add(x["id"])

rows = []  # dicts: question, expected, thread, category
for q, e in COMPANY:
    rows.append(dict(question=q, expected=e, thread="", category="company"))
for q, e in RULE:
    rows.append(dict(question=q, expected=e, thread="", category="rule"))
for q, e in GENERAL:
    rows.append(dict(question=q, expected=e, thread="", category="general"))
for q in DECLINE_NEAR + DECLINE_OFF:
    rows.append(dict(question=q, expected="none", thread="", category="decline"))
for q, e in STRUCTURED:
    rows.append(dict(question=q, expected=e, thread="", category="structured"))
for t, items in THREADS:
    for q, e, c in items:
        rows.append(dict(question=q, expected=e, thread=t, category=c))

# ---- validate
errors = []
seen_q = collections.Counter(r["question"].strip().lower() for r in rows if not r["thread"])
for q, n in seen_q.items():
    if n > 1:
        errors.append(f"duplicate standalone question: {q}")
for r in rows:
    e = r["expected"]
    if e == "none":
        if r["category"] != "decline":
            errors.append(f"none but not decline: {r}")
        continue
    if e.startswith("structured:"):
        # a structured label may be followed by fact ids the base itself designates for the question
        kind, *extra = e.split("|")
        if kind.split(":", 1)[1] not in KINDS or r["category"] != "structured":
            errors.append(f"bad structured row: {r}")
        for i in extra:
            if i not in ids:
                errors.append(f"unknown id {i!r} in: {r['question']}")
        continue
    if r["category"] in ("decline", "structured"):
        errors.append(f"category/label mismatch: {r}")
    parts = e.split("|")
    if len(parts) != len(set(parts)):
        errors.append(f"repeated id: {r}")
    for i in parts:
        if i not in ids:
            errors.append(f"unknown id {i!r} in: {r['question']}")
if errors:
    print("\n".join(errors))
    sys.exit(1)

FIELDS = ["question", "expected", "thread", "category"]

def write(path, rs):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=FIELDS, quoting=csv.QUOTE_ALL)
        w.writeheader()
        w.writerows(rs)

write("all.csv", rows)

# ---- split: units are standalone rows or whole threads; stratify by category
# (threads form their own stratum, since their rows mix followup/structured/decline)
units = collections.defaultdict(list)
threads = collections.OrderedDict()
for r in rows:
    if r["thread"]:
        threads.setdefault(r["thread"], []).append(r)
    else:
        units[r["category"]].append([r])
units["_threads"] = list(threads.values())

rng = random.Random(SEED)
splits = {"test": [], "dev": [], "train": []}
share = [("test", 0.45), ("dev", 0.25), ("train", 0.30)]
for stratum in sorted(units):
    us = units[stratum]
    rng.shuffle(us)
    total = sum(len(u) for u in us)
    done = collections.Counter()
    for u in us:
        # give the unit to the split that is furthest below its target share
        name = max(share, key=lambda s: s[1] * total - done[s[0]])[0]
        splits[name].extend(u)
        done[name] += len(u)

# keep thread rows in order and contiguous; standalone rows keep build order
order = {id(r): i for i, r in enumerate(rows)}
for name, rs in splits.items():
    rs.sort(key=lambda r: order[id(r)])
    write(f"{name}.csv", rs)

# ---- report
cats = ["company", "rule", "general", "followup", "structured", "decline"]
print("rows:", len(rows), "threads:", len(threads))
print(f"{'category':12}" + "".join(f"{n:>8}" for n in ["test", "dev", "train", "all"]))
for c in cats:
    cs = [sum(1 for r in splits[n] if r["category"] == c) for n in ["test", "dev", "train"]]
    print(f"{c:12}" + "".join(f"{x:>8}" for x in cs) + f"{sum(cs):>8}")
print(f"{'total':12}" + "".join(f"{len(splits[n]):>8}" for n in ["test", "dev", "train"]) + f"{len(rows):>8}")
print("threads per split:", {n: len({r['thread'] for r in splits[n] if r['thread']}) for n in splits})
kinds = collections.Counter(r["expected"].split("|")[0] for r in rows if r["expected"].startswith("structured:"))
print("structured kinds:", dict(kinds))
zh = sum(1 for r in rows if r["expected"].startswith("structured:") and any("\u4e00" <= ch <= "\u9fff" for ch in r["question"]))
print("structured in Chinese:", zh)
near = len(DECLINE_NEAR) + sum(1 for t, it in THREADS for q, e, c in it if c == "decline")
print("decline near-domain:", near, "off-domain:", len(DECLINE_OFF))
