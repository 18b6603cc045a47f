"""Public US state WARN notices, built into the default database, and their employers resolved.

The four state registers (CA, MA, NY, WA) ship compressed in `bot/data/warn/` (public records,
compiled by the WARN Notice Register under Apache-2.0: see LICENSE and SOURCE.txt there).
`insert_bundled_warn(db)` adds them to a database being built: one event per notice with origin
`warn-<state>`, each citing the state agency's register.

Entity resolution: an employer name ("Amazon.com Services Inc. - DLA4 facility") is matched to a
curated company only on strong evidence, because a wrong merge is worse than none:

1. `exact`: the name, cut to its legal name (no "dba ...", "(site)", " - site", " at client"),
   equals a curated name or alias, case and punctuation aside;
2. `suffix`: the same with corporate suffixes (Inc, LLC, Corp ...) dropped on both sides;
3. `site`: a curated name followed only by words that name a site or a unit of the same
   company ("services", "logistics", "US-MTV-1900", "LAX10");
4. `fuzzy`: rapidfuzz's `fuzz.ratio` of the suffix-free names at least FUZZY_CUTOFF and at most one
   edit apart once spaces are ignored ("salesforcecom" and "salesforce com"; not "United
   Technologies" and "Unity Technologies", two edits).

Tiers 2-4 use only distinctive curated names: at least 4 characters (or the company's own name),
never an all-capitals ticker such as "X", "U" or "SE", and never an everyday word ("King", "Snap").
Everything else stays its own company.
`layoffbot kb resolve` prints the merges and near-misses for review; with `--labels` it scores
the resolver against hand labels (tests/eval/entity_resolution.csv).
"""

from __future__ import annotations

import csv
import gzip
import html
import io
import re
import shutil
import sqlite3
import time
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from .retrieval import COMMON_WORD_ALIASES, STRICT_WORD_ALIASES
from .text import normalize

REGISTER_DIR = Path(__file__).resolve().parent / "data" / "warn"
STATES = ("ca", "ma", "ny", "wa")
# The columns the build reads; the rest of the register (geocodes, NAICS, hashes) stays out of the wheel.
KEPT_COLUMNS = ("state", "employer_name", "canonical_name", "location", "notice_date", "effective_date",
                "employees_affected", "layoff_type", "is_temporary", "is_amendment", "current_version",
                "source_url", "source_notice_id", "employer_key")
# Curated names that are also everyday words (the matcher's lists): matched only as written, tier 1.
EVERYDAY_WORDS = COMMON_WORD_ALIASES | STRICT_WORD_ALIASES
FUZZY_CUTOFF = 92
NEAR_MISS_CUTOFF = 80
SUFFIXES = frozenset("inc incorporated llc l l c ltd limited corp corporation plc gmbh ag sa lp llp pllc pc na "
                     "n a bv nv pte pvt holdings".split())
# Words after a curated name that still describe the same company: a unit, a site, a country.
SITE_WORDS = frozenset(
    "services service logistics fulfillment fulfilment center centre corporate usa us america americas "
    "north global international technologies technology systems products engineering platforms interactive "
    "communications software stores store retail operations fresh health web com facility facilities site "
    "station warehouse distribution region office offices headquarters hq campus data devices remote".split())
# Where a name stops being the employer's legal name: "dba ...", "(site)", " - site", " at client".
_CUT = re.compile(
    r"\s*(?:\(|\bd\s*/\s*b\s*/\s*a\b|\bd\.b\.a\.|\bdba\b|\baka\b|\ba\.k\.a\.|\bformerly\b|,?\s*(?:a\s+)?"
    r"(?:wholly[- ]owned\s+)?(?:subsidiary|division)\s+of\b|\s-\s?|\s-$|\s+at\s+|\s+@\s+)",
    flags=re.IGNORECASE,
)
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_POSSESSIVE = re.compile(r"(\w)['\u2019]s\b")
_NOISE = re.compile(r"^\W*(?:updated|amended|revised|cancelled)?\W*", flags=re.IGNORECASE)


@dataclass(frozen=True)
class Resolution:
    company_id: str | None  # the curated company, or None: the employer stays its own company
    how: str  # exact | suffix | site | fuzzy | none
    score: float = 0.0
    near: str | None = None  # for `none`: the closest curated name, when close enough to review


@dataclass
class WarnReport:
    notices: int = 0
    events: int = 0
    companies_created: int = 0
    resolved: dict[str, Resolution] = field(default_factory=dict)  # employer name -> resolution
    repeats: dict[str, int] = field(default_factory=dict)  # register (state) -> notices listed twice, left out
    seconds: float = 0.0


# -- names ---------------------------------------------------------------------------------------

# Text every `_CUT` match contains (in lower case): a name with none of them is not cut.
_CUT_MARKS = ("(", "/", "@", "-", "dba", "aka", "d.b.a.", "a.k.a.", "formerly", "subsidiary", "division")
_CUT_AT = re.compile(r"\sat\s")


def _may_cut(text: str) -> bool:
    """Whether `_CUT` may match `text`: False only when it surely does not (a plain-text test, much
    cheaper than the pattern; non-ASCII text, whose case folding is the pattern's business, says True)."""
    if not text.isascii():
        return True
    low = text.lower()
    return any(mark in low for mark in _CUT_MARKS) or ("at" in low and _CUT_AT.search(low) is not None)


@lru_cache(maxsize=65536)
def legal_name(name: str) -> str:
    """The employer's own name, without site, client or trade-name additions; as written otherwise."""
    text = html.unescape(name).replace("\u2019", "'")
    text = _NOISE.sub("", text)
    if _may_cut(text):
        text = _CUT.split(text, maxsplit=1)[0]
    return text.strip(" ,.-*") or name.strip()


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """Case, accents and punctuation folded: "Amazon.com Services, Inc." -> "amazon com services inc"."""
    text = _POSSESSIVE.sub(r"\1", name)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = text.lower()
    return " ".join(_NOT_ALNUM.sub(" ", text.replace("&", " and ")).split())


@lru_cache(maxsize=65536)
def stem(key: str) -> str:
    """`key` without corporate suffixes ("amazon com services inc" -> "amazon com services")."""
    words = [w for w in key.split() if w not in SUFFIXES]
    if words and words[0] == "the" and len(words) > 1:
        words = words[1:]
    return " ".join(words)


_ALNUM_RUN = re.compile(r"[A-Za-z0-9]+")
_DIGIT = re.compile(r"\d")


# A bare number right after the name, with no separator before it, is part of another employer's name ("Phillips 66",
# "Forever 21", "Motel 6"), not a site of the curated company whose alias opens it ("Phillips", a spelling of
# Philips); a site's number comes after a separator or a code ("Google - 1175", "Amazon LAX 35").
_NUMBER_IN_NAME = re.compile(r"^[A-Za-z&.' ]+ \d+\s*$")


def _site_tail(original: str, words: list[str]) -> bool:
    """Every word names a site or unit: a SITE_WORD, a code with digits, or a short capitalised code."""
    codes = {w.lower() for w in _ALNUM_RUN.findall(original)
             if (not original.isupper() and w.isupper() and len(w) <= 4) or _DIGIT.search(w)}
    return all(w in SITE_WORDS or w in codes or any(c.isdigit() for c in w) for w in words)


# -- the resolver --------------------------------------------------------------------------------

class Resolver:
    """Resolve employer names to curated companies. `aliases`: (alias, company id, company name)."""

    def __init__(self, aliases: list[tuple[str, str, str]]):
        self.exact: dict[str, str] = {}
        self.stems: dict[str, str] = {}
        for alias, company_id, company_name in aliases:
            if not re.search(r"[A-Za-z]", alias):
                continue  # Chinese names and numeric tickers never appear in a US register
            key = name_key(alias)
            if not key:
                continue
            self.exact.setdefault(key, company_id)
            ticker = alias.isupper() and len(alias) <= 5 and alias != company_name
            alias_stem = stem(key)
            if alias_stem in EVERYDAY_WORDS:  # "King Delivery" is not Microsoft's King; "Dell" is a valley
                continue
            if alias_stem and not ticker and (len(alias_stem) >= 4 or alias == company_name):
                self.stems.setdefault(alias_stem, company_id)
        self._by_first: dict[str, list[str]] = defaultdict(list)
        self._variants: dict[str, list[str]] = defaultdict(list)  # one deletion away, spaces ignored
        self._openings = {alias_stem.replace(" ", "")[:3] for alias_stem in self.stems}
        for alias_stem in self.stems:
            self._by_first[alias_stem.split()[0]].append(alias_stem)
            flat = alias_stem.replace(" ", "")
            if len(flat) >= 8:
                for variant in _one_deletion(flat) | {flat}:
                    self._variants[variant].append(alias_stem)
        # By first word: (curated name, its words), longest first (a site tail is looked for after the longest).
        self._starts = {first: [(alias_stem, alias_stem.split()) for alias_stem in sorted(stems, key=len, reverse=True)]
                        for first, stems in self._by_first.items()}

    def _strong(self, base: str) -> Resolution | None:
        """Tiers 1-3 for an employer's legal name (`legal_name`)."""
        key = name_key(base)
        if key in self.exact:
            return Resolution(self.exact[key], "exact", 100.0)
        key_stem = stem(key)
        if key_stem in self.stems:
            return Resolution(self.stems[key_stem], "suffix", 100.0)
        words = key_stem.split()
        for alias_stem, alias_words in self._starts.get(words[0] if words else "", ()):
            size = len(alias_words)
            tail = words[size:]
            if (tail and words[:size] == alias_words and _site_tail(base, tail)
                    and not (len(tail) == 1 and tail[0].isdigit() and _NUMBER_IN_NAME.search(base))):
                return Resolution(self.stems[alias_stem], "site", 100.0)
        return None

    def _typo(self, key_stem: str) -> Resolution | None:
        """The one curated name at most one edit away (spaces ignored, 8 characters or more) with a
        `fuzz.ratio` of at least FUZZY_CUTOFF; None when there is none, or more than one company."""
        flat = key_stem.replace(" ", "")
        if len(flat) < 8 or flat[:3] not in self._openings:  # a typo in the first three letters is not looked for
            return None
        found: dict[str, Resolution] = {}
        for variant in _one_deletion(flat) | {flat}:
            for alias_stem in self._variants.get(variant, ()):
                score = fuzz.ratio(key_stem, alias_stem)
                if score >= FUZZY_CUTOFF and Levenshtein.distance(flat, alias_stem.replace(" ", ""),
                                                                  score_cutoff=1) <= 1:
                    found.setdefault(self.stems[alias_stem], Resolution(self.stems[alias_stem], "fuzzy", score))
        return next(iter(found.values())) if len(found) == 1 else None

    def resolve_many(self, names: list[str], *, near_misses: bool = False) -> dict[str, Resolution]:
        """Each distinct name's resolution. With `near_misses`, names left apart get the closest
        curated name by `fuzz.ratio` (one rapidfuzz `cdist` call, score_cutoff NEAR_MISS_CUTOFF)."""
        result: dict[str, Resolution] = {}
        pending: list[str] = []
        by_base: dict[str, Resolution | None] = {}  # a resolution depends only on the legal name
        for name in dict.fromkeys(names):
            base = legal_name(name)
            if base in by_base:
                found = by_base[base]
            else:
                found = by_base[base] = self._strong(base) or self._typo(stem(name_key(base)))
            if found:
                result[name] = found
            else:
                pending.append(name)
                result[name] = Resolution(None, "none")
        choices = list(self.stems)
        if near_misses and pending and choices:
            queries = [stem(name_key(legal_name(n))) for n in pending]
            scores = process.cdist(queries, choices, scorer=fuzz.ratio, score_cutoff=NEAR_MISS_CUTOFF,
                                   dtype="uint8", workers=1)
            for row, name in enumerate(pending):
                best = int(scores[row].argmax())
                if scores[row][best]:
                    result[name] = Resolution(None, "none", float(scores[row][best]), near=choices[best])
        return result


def _one_deletion(text: str) -> set[str]:
    return {text[:i] + text[i + 1:] for i in range(len(text))}


def curated_aliases(conn: sqlite3.Connection) -> list[tuple[str, str, str]]:
    """(alias, company id, company name) of every curated company (not those the registers created)."""
    return conn.execute(
        "select a.alias, c.id, c.name from aliases a join companies c on c.id = a.entity_id "
        "where coalesce(c.origin, '') not like 'warn%' and coalesce(c.origin, '') not like 'import:%' "
        "order by a.rowid"
    ).fetchall()


# -- the bundled registers -----------------------------------------------------------------------

NOTICE_COLUMNS = ("state", "employer", "notice_date", "effective", "headcount", "layoff_type", "temporary",
                  "amended", "location", "url")


def prepare_registers(source_dir: Path, target_dir: Path = REGISTER_DIR) -> dict[str, int]:
    """Compact the WARN Notice Register's state exports in `source_dir` into `target_dir/<state>.csv.gz`.

    The notices are prepared the way `kb import --format warn` reads them (a notice listed
    several times kept once, amendments folded into their notice, rows without a date or a URL
    left out), so a build only resolves employers and inserts. Returns {state: notices written}.
    The licence and SOURCE.txt are copied beside them. Raises ImportFailed on a malformed register.
    """
    from .importers import WARN_COLUMNS, BadRow, ImportFailed, _warn_plan, read_csv, warn_notice

    target_dir.mkdir(parents=True, exist_ok=True)
    counts = {}
    for state in STATES:
        rows, problems = read_csv(source_dir / f"{state}.csv", WARN_COLUMNS)
        if problems:
            raise ImportFailed([f"{source_dir / state}.csv:{line}: {message}" for line, message in problems])
        repeated, amended = _warn_plan(rows)
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(NOTICE_COLUMNS)
        written = 0
        for position, row in enumerate(rows):
            if position in repeated:
                continue
            try:
                notice = warn_notice(row, amended.get(position))
            except BadRow:
                continue
            if isinstance(notice, dict):
                notice["temporary"] = "1" if notice["temporary"] else ""
                notice["headcount"] = "" if notice["headcount"] is None else notice["headcount"]
                writer.writerow([notice[c] for c in NOTICE_COLUMNS])
                written += 1
        with gzip.open(target_dir / f"{state}.csv.gz", "wt", encoding="utf-8", compresslevel=9, newline="") as f:
            f.write(out.getvalue())
        counts[state] = written
    shutil.copyfile(source_dir / "LICENSE_Apache-2.0.txt", target_dir / "LICENSE_Apache-2.0.txt")
    source = (source_dir / "SOURCE.txt").read_text(encoding="utf-8")
    (target_dir / "SOURCE.txt").write_text(
        source.rstrip("\n") + "\n\nPrepared for layoffbot by bot/warn.py prepare_registers: one row per notice ("
        + ", ".join(NOTICE_COLUMNS) + "), repeated listings kept once, amendments folded into their notice, "
        "rows without a notice date or source URL left out; gzip level 9.\n", encoding="utf-8")
    return counts


def read_notices(directory: Path = REGISTER_DIR) -> list[dict]:
    """Every prepared notice of the bundled registers, as dicts keyed by NOTICE_COLUMNS (new dicts
    on every call; the files are read once per process while they stay unchanged)."""
    paths = tuple(Path(directory) / f"{state}.csv.gz" for state in STATES)
    stamps = tuple((p.stat().st_mtime_ns, p.stat().st_size) for p in paths)
    return [dict(notice) for notice in _read_registers(paths, stamps)]


@lru_cache(maxsize=2)
def _read_registers(paths: tuple[Path, ...], stamps: tuple) -> tuple[dict, ...]:
    """The notices in `paths`; `stamps` (modification time and size) keys the cache."""
    notices = []
    for path in paths:
        with gzip.open(path, "rt", encoding="utf-8", newline="") as f:
            rows = csv.reader(f)
            header = next(rows)
            notices.extend(dict(zip(header, row, strict=True)) for row in rows)
    for notice in notices:  # "David&rsquo;s Bridal" is shown, cited and resolved as "David’s Bridal"
        for key in ("employer", "location"):
            if "&" in (notice.get(key) or ""):
                notice[key] = html.unescape(notice[key])
    return tuple(notices)


@lru_cache(maxsize=2)
def _resolve_registers(aliases: tuple[tuple[str, str, str], ...], employers: tuple[str, ...]) -> dict:
    """`Resolver(aliases).resolve_many(employers)`, once per process for the same curated names (a
    test run or a long-lived process builds the same content many times)."""
    return Resolver(list(aliases)).resolve_many(list(employers))


def notice_key(notice: dict) -> tuple[str, str, str, str, str]:
    """What makes two listings one notice: state, employer (HTML entities, case, accents and
    punctuation aside: "Duke&rsquo;s Malibu" is "Duke's Malibu"), notice date, headcount and place.
    `notice`: a prepared register row (text fields) or `importers.warn_notice` (headcount an int or None)."""
    headcount = notice["headcount"]
    return (notice["state"], name_key(html.unescape(notice["employer"]).lower()), notice["notice_date"],
            "" if headcount is None else str(headcount), notice["location"] or "")


def layoff_key(notice: dict) -> tuple[str, str, str, str, str] | None:
    """What makes two notices one layoff: state, employer (as `notice_key` compares it), place,
    effective date and headcount. A register may list a notice again under another notice date
    (Washington's lists 1,361 of its 2,835 notices a second time, dated on their effective date; New
    York's refiles), and counting both would count those workers twice. None when the notice gives
    no effective date or no headcount: then nothing says two are one."""
    if not notice["effective"] or notice["headcount"] in (None, ""):
        return None
    return (notice["state"], name_key(html.unescape(notice["employer"]).lower()), notice["location"] or "",
            notice["effective"], str(notice["headcount"]))


def later_filings(keys: list[tuple | None], notice_dates: list[str]) -> set[int]:
    """Positions of listings whose `layoff_key` (`keys`, None: not compared) an earlier one shares:
    of one layoff, the listing with the earliest notice date is kept (ties: the first listed)."""
    first_filed: dict[tuple, int] = {}
    later: set[int] = set()
    for position, key in enumerate(keys):
        if key is None:
            continue
        kept = first_filed.setdefault(key, position)
        if kept != position:
            if notice_dates[position] < notice_dates[kept]:
                first_filed[key], position = position, kept
            later.add(position)
    return later


def unique_notices(notices: list[dict]) -> tuple[list[dict], dict[str, int]]:
    """`notices` without repeats, and how many repeats each register (state) had: exact repeats (same
    `notice_key`: the first listing is kept) and listings of one layoff (same `layoff_key`: the one
    with the earliest notice date is kept, as the agency received it first)."""
    # All but the employer first: names are compared only among notices alike in the rest.
    alike = [(notice["state"], notice["notice_date"], notice["headcount"], notice["location"]) for notice in notices]
    counts = Counter(alike)
    repeated: set[int] = set()
    seen: set[tuple] = set()
    for position, key in enumerate(alike):
        if counts[key] > 1:
            key = notice_key(notices[position])
            if key in seen:
                repeated.add(position)
            seen.add(key)
    # Likewise for one layoff listed twice: the employer's name is compared only among notices alike
    # in state, place, effective date and headcount.
    same_layoff = Counter((n["state"], n["location"], n["effective"], n["headcount"]) for n in notices
                          if n["effective"] and n["headcount"] not in (None, ""))
    keys = [None if position in repeated or same_layoff[(notice["state"], notice["location"], notice["effective"],
                                                         notice["headcount"])] < 2 else layoff_key(notice)
            for position, notice in enumerate(notices)]
    repeated |= later_filings(keys, [notice["notice_date"] for notice in notices])
    repeats = Counter({notice["state"]: 0 for notice in notices})
    repeats.update(notices[position]["state"] for position in repeated)
    return [n for position, n in enumerate(notices) if position not in repeated], dict(repeats)


def insert_bundled_warn(db, directory: Path = REGISTER_DIR) -> WarnReport:
    """Add the bundled state registers to the database being built (`db`: a sqlite_utils Database
    whose caller owns the transaction, with the curated content already in it).

    Each notice becomes an event (origin `warn-<state>`) citing its own source: the notice in the
    state agency's register. A notice listed twice in a register (`unique_notices`) is added once.
    Its employer resolves to a curated company (see `Resolver`) or to a company of its own
    (origin `warn`), one per legal name.
    """
    from .importers import _question_words, slugify, warn_agency, warn_summary

    started = time.perf_counter()
    conn = db.conn
    report = WarnReport()
    notices = read_notices(directory)
    report.notices = len(notices)
    notices, report.repeats = unique_notices(notices)
    aliases = tuple(tuple(alias) for alias in curated_aliases(conn))
    report.resolved = dict(_resolve_registers(aliases, tuple(n["employer"] for n in notices)))
    ids: set[str] = set()
    for table in ("companies", "jurisdictions", "events", "facts", "rules", "sources"):
        ids.update(r[0] for r in conn.execute(f"select id from {table}"))  # noqa: S608 (fixed names)

    def new_id(base: str) -> str:
        candidate, n = base, 1
        while candidate in ids:
            n += 1
            candidate = f"{base}-{n}"
        ids.add(candidate)
        return candidate

    question_words = _question_words(conn)
    created: dict[str, str] = {}  # company key -> id of a company the registers create
    company_of: dict[str, str] = {}  # employer as listed -> company id
    agencies: dict[tuple[str, str], str] = {}
    summaries: dict[tuple, str] = {}  # many notices say the same
    companies, aliases, events, sources, citations = [], [], [], [], []
    for notice in notices:
        employer, state, date = notice["employer"], notice["state"], notice["notice_date"]
        company_id = company_of.get(employer)
        if company_id is None:
            company_id = report.resolved[employer].company_id
            if company_id is None:
                display = legal_name(employer)
                key = stem(name_key(display)) or name_key(employer) or employer
                company_id = created.get(key)
                if company_id is None:
                    company_id = created[key] = new_id(slugify(display))
                    companies.append((company_id, display))
                    if " " in display.strip() or normalize(display) not in question_words:  # not "Notice", "Paid"
                        aliases.append((display, company_id))
            company_of[employer] = company_id
        url = notice["url"]
        agency = agencies.get((state, url))
        if agency is None:
            agency = agencies[(state, url)] = warn_agency(state, url)
        origin = f"warn-{state.lower()}"
        event_id = f"{origin}-{company_id}-{date}"
        if event_id in ids:
            event_id = new_id(event_id)
        ids.add(event_id)
        source_id = f"src-{event_id}"  # the notice itself, in the agency's register
        if source_id in ids:
            source_id = new_id(source_id)
        ids.add(source_id)
        sources.append((source_id, url, f"WARN notice filed by {employer} on {date}", agency, date, origin))
        told = (notice["layoff_type"], notice["temporary"] == "1", notice["effective"], notice["amended"], agency)
        summary = summaries.get(told)
        if summary is None:
            summary = summaries[told] = warn_summary(
                {"layoff_type": told[0], "temporary": told[1], "effective": told[2], "amended": told[3]}, agency)
        headcount = notice["headcount"]
        events.append((event_id, company_id, date, int(headcount) if headcount else None, notice["location"] or None,
                       summary, origin))
        citations.append((event_id, source_id))
    conn.executemany("insert into companies (id, name, country, origin) values (?, ?, 'United States', 'warn')",
                     companies)
    conn.executemany("insert or ignore into aliases (alias, entity_id, entity_kind) values (?, ?, 'company')",
                     aliases)
    conn.executemany("insert into sources (id, url, title, publisher, published, origin) values (?, ?, ?, ?, ?, ?)",
                     sources)
    conn.executemany("insert into events (id, company_id, date, headcount, percent, place, country, summary, origin, "
                     "retired) values (?, ?, ?, ?, null, ?, 'United States', ?, ?, 0)", events)
    conn.executemany("insert into citations (item_id, source_id, position) values (?, ?, 0)", citations)
    report.events = len(events)
    report.companies_created = len(companies)
    report.seconds = time.perf_counter() - started
    return report


# -- review and evaluation ----------------------------------------------------------------------

def review_lines(resolved: dict[str, Resolution], names: dict[str, str]) -> list[str]:
    """Human-readable merges (by how) and near-misses for `kb resolve`; `names`: company id -> name."""
    lines = []
    for how in ("exact", "suffix", "site", "fuzzy"):
        merges = sorted((n, r) for n, r in resolved.items() if r.how == how)
        lines.append(f"# merged ({how}): {len(merges)}")
        lines.extend(f"{n} -> {r.company_id} ({names.get(r.company_id, '?')})"
                     + (f" [score {r.score:.0f}]" if how == "fuzzy" else "") for n, r in merges)
    near = sorted(((n, r) for n, r in resolved.items() if r.how == "none" and r.near), key=lambda p: -p[1].score)
    lines.append(f"# near-misses, not merged (closest curated name, {NEAR_MISS_CUTOFF} <= ratio < {FUZZY_CUTOFF}): "
                 f"{len(near)}")
    lines.extend(f"{n} ~ {r.near} [score {r.score:.0f}]" for n, r in near)
    return lines


def evaluate_labels(labels: Path, resolver: Resolver) -> dict:
    """Precision and recall of `resolver` on hand labels (CSV: name, state, expected id or `none`).

    Precision: of the names merged into a company, the share merged into the right one.
    Recall: of the names labelled with a company, the share merged into it.
    """
    with labels.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    resolved = resolver.resolve_many([r["name"] for r in rows])
    outcome = Counter()
    wrong = []
    for r in rows:
        got, expected = resolved[r["name"]].company_id, r["expected"]
        if got is not None:
            outcome["merged"] += 1
            outcome["right"] += got == expected
            if got != expected:
                wrong.append(f"{r['name']} ({r['state']}): merged into {got}, labelled {expected}")
        if expected != "none":
            outcome["labelled"] += 1
            outcome["found"] += got == expected
            if got is None:
                wrong.append(f"{r['name']} ({r['state']}): not merged, labelled {expected}")
    return {
        "names": len(rows),
        "merged": outcome["merged"],
        "right": outcome["right"],
        "labelled": outcome["labelled"],
        "found": outcome["found"],
        "precision": outcome["right"] / outcome["merged"] if outcome["merged"] else 1.0,
        "recall": outcome["found"] / outcome["labelled"] if outcome["labelled"] else 1.0,
        "mistakes": wrong,
    }
