"""Importing real-world CSV files into the fact base: layoffs.fyi, US state WARN notices, FAQs.

`import_file(db_path, csv_path, fmt)` reads the whole file, then writes every row inside ONE
SQLite transaction. A malformed row is reported as `FILE:LINE: what is wrong` (LINE is the
physical line in the file; the header is line 1). By default any malformed row rolls the whole
import back (`ImportFailed`); with `skip_bad` the good rows are written and the bad ones listed.

Rows that are well-formed but cannot become a cited fact (no source URL, no date) are *skipped*
with a reason and never abort an import: every fact must cite a page.

Imported records carry `origin = "import:<format>:<file name>"`, so importing the same file again
merges into what the first import wrote instead of duplicating it. The database is marked
`curated` so that `ensure_database` never rebuilds (and wipes) it.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import hashlib
import html
import io
import json
import re
import sqlite3
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from .ids import id_error
from .knowledge import URL_PATTERN
from .text import normalize

FORMATS = ("layoffs", "warn", "faq")
# Origins of records that came from a file or a register rather than a curator ("warn-ca": built in).
IMPORTED_ORIGINS = ("import:", "warn")
MAX_LISTED_PROBLEMS = 50

LAYOFFS_COLUMNS = ("company", "location", "total_laid_off", "date", "percentage_laid_off", "industry",
                   "source", "country")
WARN_COLUMNS = ("state", "employer_name", "location", "notice_date", "effective_date", "employees_affected",
                "layoff_type", "is_temporary", "is_amendment", "current_version", "source_url")
FAQ_COLUMNS = ("id", "question", "answer")

# Readable publisher names for the domains layoffs.fyi cites most; others show the bare domain.
PUBLISHERS = {
    "reuters.com": "Reuters", "techcrunch.com": "TechCrunch", "theverge.com": "The Verge",
    "cnbc.com": "CNBC", "bloomberg.com": "Bloomberg", "businessinsider.com": "Business Insider",
    "businessinsider.in": "Business Insider India", "businessinsider.de": "Business Insider Deutschland",
    "insider.com": "Insider", "geekwire.com": "GeekWire", "theinformation.com": "The Information",
    "wsj.com": "The Wall Street Journal", "nytimes.com": "The New York Times", "ft.com": "Financial Times",
    "washingtonpost.com": "The Washington Post", "axios.com": "Axios", "forbes.com": "Forbes",
    "calcalistech.com": "Calcalist", "bizjournals.com": "The Business Journals", "linkedin.com": "LinkedIn",
    "twitter.com": "Twitter", "x.com": "X", "inc42.com": "Inc42", "economictimes.indiatimes.com":
    "The Economic Times", "moneycontrol.com": "Moneycontrol", "livemint.com": "Mint", "sifted.eu": "Sifted",
    "techinasia.com": "Tech in Asia", "betakit.com": "BetaKit", "entrackr.com": "Entrackr",
    "marketwatch.com": "MarketWatch", "sfchronicle.com": "San Francisco Chronicle", "sfgate.com": "SFGATE",
    "coindesk.com": "CoinDesk", "theblock.co": "The Block", "cnn.com": "CNN", "bbc.com": "BBC",
    "bbc.co.uk": "BBC", "theguardian.com": "The Guardian", "finance.yahoo.com": "Yahoo Finance",
    "seekingalpha.com": "Seeking Alpha", "layoffs.fyi": "Layoffs.fyi", "docs.google.com": "Google Docs",
    "medium.com": "Medium", "techcabal.com": "TechCabal", "skift.com": "Skift", "variety.com": "Variety",
    "theglobeandmail.com": "The Globe and Mail", "afr.com": "Australian Financial Review",
    "smh.com.au": "The Sydney Morning Herald", "scmp.com": "South China Morning Post",
    "yourstory.com": "YourStory", "americaninno.com": "American Inno", "globes.co.il": "Globes",
    "coverager.com": "Coverager", "freightwaves.com": "FreightWaves", "fiercebiotech.com": "Fierce Biotech",
    "crn.com": "CRN", "adweek.com": "Adweek", "decrypt.co": "Decrypt", "oregonlive.com": "The Oregonian",
    "genomeweb.com": "GenomeWeb", "therealdeal.com": "The Real Deal", "startups.com.br": "Startups",
    "blocksandfiles.com": "Blocks and Files", "inman.com": "Inman", "sltrib.com": "The Salt Lake Tribune",
    "chicagobusiness.com": "Crain's Chicago Business", "adexchanger.com": "AdExchanger",
    "therobotreport.com": "The Robot Report", "techpoint.africa": "Techpoint Africa",
    "protocol.com": "Protocol", "semafor.com": "Semafor", "fortune.com": "Fortune", "wired.com": "Wired",
    "engadget.com": "Engadget", "venturebeat.com": "VentureBeat", "zdnet.com": "ZDNET",
}
# The agency that publishes each state's WARN notices (the register's source_url points at it).
WARN_AGENCIES = {
    "CA": "California Employment Development Department",
    "MA": "MassHire Department of Career Services (Massachusetts)",  # mass.gov: "Submit a WARN"
    "NY": "New York State Department of Labor",
    "WA": "Washington Employment Security Department",
}
LEGAL_SUFFIXES = frozenset(
    "inc incorporated llc l.l.c ltd limited corp corporation co company plc gmbh ag sa s.a n.a na lp l.p "
    "llp pte pvt bv nv".split()
)


class ImportFailed(Exception):
    """The file cannot be imported; `problems` holds `FILE:LINE: message` lines. Nothing was written."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        shown = problems[:MAX_LISTED_PROBLEMS]
        more = len(problems) - len(shown)
        super().__init__("\n".join(shown + ([f"... and {more} more"] if more else [])))


class BadRow(ValueError):
    """One row is malformed; the message says what is wrong."""


@dataclass
class ImportReport:
    path: Path
    fmt: str
    db_path: Path
    read: int = 0
    imported: int = 0
    merged: int = 0
    skipped: int = 0
    already: int = 0  # WARN notices the database already holds from the built-in registers
    bad_rows: list[str] = field(default_factory=list)  # FILE:LINE: message, written with --skip-bad
    skip_reasons: Counter = field(default_factory=Counter)
    companies_without_alias: list[str] = field(default_factory=list)  # their name is an everyday word
    seconds: float = 0.0

    def skip(self, reason: str) -> None:
        self.skipped += 1
        self.skip_reasons[reason] += 1

    def summary(self) -> str:
        reasons = "; ".join(f"{reason}: {n}" for reason, n in self.skip_reasons.most_common())
        return (f"{self.path.name} ({self.fmt}) into {self.db_path}: read {self.read}, "
                f"imported {self.imported}, merged {self.merged}, skipped {self.skipped}"
                + (f", already built in {self.already}" if self.already else "")
                + (f" ({reasons})" if reasons else "") + f" in {self.seconds:.2f} s.")


@dataclass
class CsvRow:
    line: int  # physical line where the record starts (the header is line 1)
    values: dict[str, str]

    def get(self, column: str) -> str:
        return " ".join((self.values.get(column) or "").split())


# -- reading ------------------------------------------------------------------------------

class _Lines:
    """The physical lines of a text, handed to `csv.reader` one at a time from a position we can move."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.next = 0  # index of the next line to hand out

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self.next >= len(self.lines):
            raise StopIteration
        self.next += 1
        return self.lines[self.next - 1]


def read_csv(path: Path, required: tuple[str, ...]) -> tuple[list[CsvRow], list[tuple[int, str]]]:
    """All records of a CSV file with their line numbers, and `(line, message)` for each malformed one.

    A malformed record (a stray quote, a field over the csv module's field limit, a NUL byte, a
    wrong field count) is one problem; reading goes on at the line after the one it started on, so
    a quote that never closes cannot swallow the rows after it. Raises `ImportFailed` only when
    the file as a whole is unusable (not UTF-8, empty, no usable header).
    """
    label = str(path)
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportFailed([f"{label}:{line}: not UTF-8 text"]) from None
    return parse_csv(text, label, required)


def parse_csv(text: str, label: str, required: tuple[str, ...]) -> tuple[list[CsvRow], list[tuple[int, str]]]:
    """`read_csv` for text already in memory; `label` names it in problems."""
    lines = _Lines(io.StringIO(text, newline="").readlines())  # the lines exactly as csv splits them
    reader = csv.reader(lines, strict=True)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise ImportFailed([f"{label}:1: the file is empty"]) from None
    except csv.Error as exc:
        raise ImportFailed([f"{label}:1: not a CSV header ({exc})"]) from None
    missing = [c for c in required if c not in header]
    if missing:
        raise ImportFailed([f"{label}:1: missing column(s) {', '.join(missing)} (found: {', '.join(header)})"])
    rows: list[CsvRow] = []
    problems: list[tuple[int, str]] = []
    while True:
        first = lines.next  # the record starts on line first + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append((first + 1, f"malformed CSV ({exc})"))
            lines.next = first + 1
            reader = csv.reader(lines, strict=True)
            continue
        if not record or all(not cell.strip() for cell in record):
            continue  # blank lines carry nothing
        if len(record) == len(header):
            rows.append(CsvRow(first + 1, dict(zip(header, record, strict=True))))
            continue
        problems.append((first + 1, f"expected {len(header)} fields, found {len(record)}"))
        if lines.next > first + 1:  # it ran over several lines: a stray quote may have taken the next rows
            lines.next = first + 1
            reader = csv.reader(lines, strict=True)
    return rows, problems


# -- values -------------------------------------------------------------------------------

def parse_us_date(value: str, column: str) -> str:
    """m/d/yyyy (layoffs.fyi) or YYYY-MM-DD; ISO text back."""
    for fmt in ("%m/%d/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            pass
    raise BadRow(f"{column} {value!r} is not a date (m/d/yyyy or YYYY-MM-DD)")


def parse_iso_date(value: str, column: str) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise BadRow(f"{column} {value!r} is not a date (YYYY-MM-DD)") from None


def parse_headcount(value: str, column: str) -> int | None:
    """A whole number of people; empty means not stated."""
    if not value:
        return None
    try:
        number = float(value.replace(",", ""))
    except ValueError:
        raise BadRow(f"{column} {value!r} is not a number") from None
    if not number.is_integer():
        raise BadRow(f"{column} {value!r} is not a whole number")
    if not 0 <= number <= 5_000_000:
        raise BadRow(f"{column} {value!r} is outside 0..5,000,000")
    return int(number) or None  # a register's 0 means "not given", not "nobody"


def parse_share(value: str, column: str) -> float | None:
    """layoffs.fyi's share of staff, 0..1, as a percent 0..100; 0 means not stated."""
    if not value:
        return None
    try:
        share = float(value)
    except ValueError:
        raise BadRow(f"{column} {value!r} is not a number") from None
    if not 0 <= share <= 1:
        raise BadRow(f"{column} {value!r} is outside 0..1")
    return round(share * 100, 2) or None


def publisher_for(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    for prefix in ("www.", "m.", "amp.", "en."):
        host = host.removeprefix(prefix)
    parts = host.split(".")
    for start in range(len(parts) - 1):
        known = PUBLISHERS.get(".".join(parts[start:]))
        if known:
            return known
    return host or url


def slugify(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug[:60].strip("-") or "company-" + hashlib.sha1(name.encode()).hexdigest()[:8]


def name_keys(name: str) -> list[str]:
    """Normalised forms a company name may be known by: as written, and without legal suffixes."""
    key = normalize(name)
    words = key.split()
    while len(words) > 1 and words[-1] in LEGAL_SUFFIXES:
        words.pop()
    stripped = " ".join(words)
    return [k for k in dict.fromkeys((key, stripped)) if k]


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:12]


# -- the database side --------------------------------------------------------------------

class _Store:
    """The database state an import consults, kept in memory and updated as rows are written."""

    def __init__(self, conn: sqlite3.Connection, origin: str):
        self.conn = conn
        self.origin = origin
        self.faq_answers: dict[str, tuple[str, list[str]]] = {}  # id -> (answer, questions) of this file
        self.ids: set[str] = set()
        for table in ("companies", "jurisdictions", "events", "facts", "rules", "sources"):
            self.ids.update(r[0] for r in conn.execute(f"select id from {table}"))  # noqa: S608 (fixed names)
        self.company_by_key: dict[str, str] = {}
        for alias, entity_id in conn.execute(
            "select a.alias, a.entity_id from aliases a join companies c on c.id = a.entity_id order by a.rowid"
        ):
            for key in name_keys(alias):
                self.company_by_key.setdefault(key, entity_id)
        self.question_words = _question_words(conn)
        self.unnamed: list[str] = []  # new companies whose name is an everyday word: no alias
        self.notices_seen: set[tuple] = set()  # WARN: `warn.notice_key` of the notices read so far
        self.source_by_url: dict[str, str] = {}
        for source_id, url, origin in conn.execute("select id, url, origin from sources order by rowid"):
            if not (origin or "").startswith(IMPORTED_ORIGINS):
                self.source_by_url.setdefault(url, source_id)  # a curated page keeps its real title
        self.events_by_key: dict[tuple[str, str], list[dict]] = defaultdict(list)
        for row in conn.execute("select id, company_id, date, headcount, percent, place, origin from events"):
            event = dict(zip(("id", "company_id", "date", "headcount", "percent", "place", "origin"), row,
                             strict=True))
            self.events_by_key[(event["company_id"], event["date"])].append(event)

    @functools.cached_property
    def built_in_notices(self) -> Counter:
        """(origin, source title) of the built-in WARN registers' notices (origin warn-<state>): how
        many of each the database holds. A notice's title names its employer and date as filed."""
        return Counter(self.conn.execute("select origin, title from sources where origin like 'warn-%'"))

    def new_id(self, base: str) -> str:
        candidate, n = base, 1
        while candidate in self.ids:
            n += 1
            candidate = f"{base}-{n}"
        self.ids.add(candidate)
        return candidate

    def company(self, names: list[str], *, country: str | None = None, industry: str | None = None) -> str:
        """The id of the company known by any of `names`, creating it (named after names[0]) if new."""
        for name in names:
            for key in name_keys(name):
                if key in self.company_by_key:
                    return self.company_by_key[key]
        name = names[0]
        company_id = self.new_id(slugify(name))
        self.conn.execute(
            "insert into companies (id, name, country, industry, description, origin) values (?, ?, ?, ?, ?, ?)",
            (company_id, name, country, industry, None, self.origin),
        )
        if normalize(name) in self.question_words:
            # A company called "On" or "Paid" would claim every question using that word.
            self.unnamed.append(name)
        else:
            self.conn.execute("insert or ignore into aliases (alias, entity_id, entity_kind) values (?, ?, 'company')",
                              (name, company_id))
        for key in name_keys(name):
            self.company_by_key.setdefault(key, company_id)
        return company_id

    def source(self, url: str, title: str, publisher: str, published: str | None, key: str) -> str:
        """A source for `url`: the curated one if the page is already cited, else one keyed by `key`."""
        if url in self.source_by_url:
            return self.source_by_url[url]
        source_id = f"src-{_digest(url, key)}"
        if source_id not in self.ids:
            self.ids.add(source_id)
            self.conn.execute(
                "insert into sources (id, url, title, publisher, published, checked, origin) "
                "values (?, ?, ?, ?, ?, null, ?)",
                (source_id, url, title, publisher, published, self.origin),
            )
        return source_id

    def cite(self, item_id: str, source_id: str) -> None:
        self.conn.execute(
            "insert or ignore into citations (item_id, source_id, position) values "
            "(?, ?, (select coalesce(max(position) + 1, 0) from citations where item_id = ?))",
            (item_id, source_id, item_id),
        )

    def add_event(self, event: dict, source_id: str, *, own_kind_only: bool = False) -> str:
        """Insert an event, or merge it into an existing one of the same company and date.

        Returns "imported" or "merged". With `own_kind_only` (WARN notices: one event per notice)
        only the event that already cites this very source (the same notice, imported before)
        is merged into; otherwise a figure that disagrees with a curated event is kept as a report on that
        event, beside the curated figure, each with its own source.
        """
        key = (event["company_id"], event["date"])
        same_day = self.events_by_key[key]
        figures = (event["headcount"], event["percent"])
        for existing in same_day:
            if own_kind_only and not self._cites(existing["id"], source_id):
                continue
            if _agrees(figures, existing):
                self.cite(existing["id"], source_id)
                return "merged"
        curated = [e for e in same_day if not (e["origin"] or "").startswith(IMPORTED_ORIGINS)]
        if curated and not own_kind_only:
            self._add_report(curated[0], event, source_id)
            self.cite(curated[0]["id"], source_id)
            return "merged"
        event_id = self.new_id(event["id"])
        row = {**event, "id": event_id, "origin": self.origin, "retired": 0}
        self.conn.execute(
            "insert into events (id, company_id, date, headcount, percent, place, country, summary, origin, retired) "
            "values (:id, :company_id, :date, :headcount, :percent, :place, :country, :summary, :origin, :retired)",
            row,
        )
        self.cite(event_id, source_id)
        same_day.append({k: row[k] for k in ("id", "company_id", "date", "headcount", "percent", "place", "origin")})
        return "imported"

    def _cites(self, item_id: str, source_id: str) -> bool:
        return self.conn.execute("select 1 from citations where item_id = ? and source_id = ?",
                                 (item_id, source_id)).fetchone() is not None

    def _add_report(self, existing: dict, event: dict, source_id: str) -> None:
        reports = self.conn.execute(
            "select source_id from event_reports where event_id = ?", (existing["id"],)
        ).fetchall()
        if any(r[0] == source_id for r in reports):
            return
        insert = ("insert into event_reports (event_id, position, headcount, percent, source_id, note) values "
                  "(?, (select coalesce(max(position) + 1, 0) from event_reports where event_id = ?), ?, ?, ?, ?)")
        if not reports:
            first = self.conn.execute(
                "select source_id from citations where item_id = ? order by position limit 1", (existing["id"],)
            ).fetchone()
            if first:  # the curated figure, beside the imported one
                self.conn.execute(insert, (existing["id"], existing["id"], existing["headcount"],
                                           existing["percent"], first[0], None))
        self.conn.execute(insert, (existing["id"], existing["id"], event["headcount"], event["percent"],
                                   source_id, event.get("report_note")))


def _question_words(conn: sqlite3.Connection) -> frozenset[str]:
    """Words people ask with: the matcher's word lists and the curated facts' own questions."""
    from . import lexicon

    words = set(lexicon.STOPWORDS) | set(lexicon.SYNONYMS) | set(lexicon.TOPIC_CUES)
    words.update(w for phrase in lexicon.PHRASES for w in phrase.split())
    for table in ("facts", "rules"):
        for (questions,) in conn.execute(
            f"select questions from {table} where coalesce(origin, '') not like 'import:%'"  # noqa: S608
        ):
            for question in json.loads(questions or "[]"):
                words.update(normalize(question).split())
    return frozenset(words)


def _agrees(figures: tuple[int | None, float | None], existing: dict) -> bool:
    """A row agrees with an event when every figure it states is the event's figure."""
    headcount, percent = figures
    if headcount is not None and headcount != existing["headcount"]:
        return False
    if percent is not None and (existing["percent"] is None or abs(percent - existing["percent"]) > 0.05):
        return False
    return True


# -- formats ------------------------------------------------------------------------------

def _layoffs_row(store: _Store, row: CsvRow, report: ImportReport) -> None:
    company = row.get("company")
    if not company:
        raise BadRow("company is empty")
    date = parse_us_date(row.get("date"), "date") if row.get("date") else None
    headcount = parse_headcount(row.get("total_laid_off"), "total_laid_off")
    percent = parse_share(row.get("percentage_laid_off"), "percentage_laid_off")
    url = row.get("source")
    if date is None:
        report.skip("no date")
        return
    if not url:
        report.skip("no source")
        return
    if not URL_PATTERN.match(url):
        report.skip("source is not a URL")
        return
    country = row.get("country") or None
    place = re.sub(r",?\s*Non-U\.S\.$", "", row.get("location")).strip() or None
    company_id = store.company([company], country=country, industry=row.get("industry") or None)
    source_id = store.source(url, f"Report cited by layoffs.fyi for {company} ({date})", publisher_for(url),
                             date, f"layoffs|{company_id}|{date}")
    event = {
        "id": f"lfyi-{company_id}-{date}", "company_id": company_id, "date": date, "headcount": headcount,
        "percent": percent, "place": place, "country": country, "summary": "Figures as tracked by layoffs.fyi.",
        "report_note": "as tracked by layoffs.fyi",
    }
    outcome = store.add_event(event, source_id)
    setattr(report, outcome, getattr(report, outcome) + 1)


def _warn_plan(rows: list[CsvRow]) -> tuple[set[int], dict[int, tuple[int | None, str]]]:
    """Which rows repeat a notice kept elsewhere, and the amended figure for the notices kept.

    A notice listed several times (the same source_notice_id for the same employer) is kept once:
    its highest `current_version`, then its latest listing. An amendment (is_amendment=1) updates
    the latest earlier notice of the same employer in the file when there is one.
    """
    def version(row: CsvRow) -> int:
        try:
            return int(float(row.get("current_version") or 1))
        except ValueError:
            return 1

    def employer(row: CsvRow) -> str:
        key = row.get("employer_key")
        if key:  # "n:" keys are made from the name, an "UPDATED:" prefix included
            return re.sub(r"^n:updated\s+", "n:", key)
        name = re.sub(r"^\W*updated\W*", "", row.get("employer_name"), flags=re.IGNORECASE)
        return (name_keys(name) or [""])[-1]

    employers = [employer(row) for row in rows]
    repeated: set[int] = set()
    groups: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for position, row in enumerate(rows):
        notice = row.get("source_notice_id")
        if notice:
            groups[(row.get("state"), notice, employers[position])].append(position)
    for members in groups.values():
        keep = max(members, key=lambda p: (version(rows[p]), rows[p].get("notice_date"), p))
        repeated.update(p for p in members if p != keep)
    originals: dict[tuple[str, str], list[int]] = defaultdict(list)
    for position, row in enumerate(rows):
        if position not in repeated and row.get("is_amendment") != "1" and row.get("notice_date"):
            originals[(row.get("state"), employers[position])].append(position)
    amended: dict[int, tuple[int | None, str]] = {}
    for position, row in enumerate(rows):
        if position in repeated or row.get("is_amendment") != "1" or not row.get("notice_date"):
            continue
        earlier = [p for p in originals.get((row.get("state"), employers[position]), [])
                   if rows[p].get("notice_date") <= row.get("notice_date")]
        if not earlier:
            continue  # an amendment whose original is not in the file stands as its own notice
        target = max(earlier, key=lambda p: (rows[p].get("notice_date"), p))
        try:
            figure = parse_headcount(row.get("employees_affected"), "employees_affected")
        except BadRow:
            continue  # reported when the row itself is read
        previous_figure, previous_date = amended.get(target, (None, ""))
        if row.get("notice_date") >= previous_date:  # the latest amendment wins
            amended[target] = (figure if figure is not None else previous_figure, row.get("notice_date"))
        repeated.add(position)
    # One layoff listed again under another notice date (`warn.layoff_key`): the first filed is kept.
    from .warn import later_filings, layoff_key

    keys = [None if position in repeated or position in amended else layoff_key(
        {"state": row.get("state"), "employer": row.get("employer_name") or "", "location": row.get("location"),
         "effective": row.get("effective_date"), "headcount": row.get("employees_affected")})
        for position, row in enumerate(rows)]
    repeated |= later_filings(keys, [row.get("notice_date") or "" for row in rows])
    return repeated, amended


def _parse_warn(row: CsvRow) -> tuple[str, str, str | None, str | None, int | None]:
    """State, employer, notice date, effective date and headcount of a notice, or BadRow."""
    state = row.get("state").upper()
    employer = html.unescape(row.get("employer_name") or "")  # as the built-in registers show it (bot.warn)
    if not re.fullmatch(r"[A-Z]{2}", state):
        raise BadRow(f"state {row.get('state')!r} is not a two-letter US state code")
    if not employer:
        raise BadRow("employer_name is empty")
    notice_date = parse_iso_date(row.get("notice_date"), "notice_date") if row.get("notice_date") else None
    effective = parse_iso_date(row.get("effective_date"), "effective_date") if row.get("effective_date") else None
    return state, employer, notice_date, effective, parse_headcount(row.get("employees_affected"),
                                                                    "employees_affected")


def warn_notice(row: CsvRow, amended: tuple[int | None, str] | None) -> dict | str:
    """A register row as a notice (state, employer, notice_date, effective, headcount, layoff_type,
    temporary, amended, location, url, notice_key), or why it cannot be a cited event; BadRow if malformed."""
    state, employer, notice_date, effective, headcount = _parse_warn(row)
    url = row.get("source_url")
    if notice_date is None:
        return "no notice date"
    if not url or not URL_PATTERN.match(url):
        return "no source URL"
    if amended and amended[0] is not None:
        headcount = amended[0]
    return {
        "state": state, "employer": employer, "notice_date": notice_date, "effective": effective or "",
        "headcount": headcount, "layoff_type": row.get("layoff_type"), "temporary": row.get("is_temporary") == "1",
        "amended": amended[1] if amended else "", "location": html.unescape(row.get("location") or "") or None,
        "url": url,
        "notice_key": row.get("dedupe_key") or row.get("source_notice_id") or f"{employer}|{notice_date}|{row.line}",
    }


def warn_agency(state: str, url: str) -> str:
    """The agency whose register lists a notice: a known state's, else the register's domain."""
    return WARN_AGENCIES.get(state) or publisher_for(url)


def warn_summary(notice: dict, agency: str) -> str:
    """One line saying what the notice told the agency: "WARN notice of a closure to the ..., effective ..."."""
    kind = {"closure": "a closure", "mass_layoff": "a mass layoff"}.get(notice["layoff_type"], "layoffs")
    details = [f"WARN notice of {kind}" + (" (temporary)" if notice["temporary"] else "")
               + f" to the {agency}" + (f", effective {notice['effective']}" if notice["effective"] else "")]
    if notice["amended"]:
        details.append(f"amended {notice['amended']}")
    return "; ".join(details) + "."


def _warn_row(store: _Store, row: CsvRow, report: ImportReport, amended: tuple[int | None, str] | None) -> None:
    notice = warn_notice(row, amended)
    if isinstance(notice, str):
        report.skip(notice)
        return
    from .warn import notice_key

    key = notice_key(notice)
    if key in store.notices_seen:  # listed twice in the register ("Duke&rsquo;s Malibu", "Duke's Malibu")
        report.merged += 1
        return
    store.notices_seen.add(key)
    state, employer, notice_date, url = notice["state"], notice["employer"], notice["notice_date"], notice["url"]
    names = [employer] + ([row.get("canonical_name")] if row.get("canonical_name") else [])
    company_id = store.company(names, industry=row.get("industry") or None)
    agency = warn_agency(state, url)
    title = f"WARN notice filed by {employer} on {notice_date}"
    built_in = store.built_in_notices
    if built_in[(f"warn-{state.lower()}", title)] > 0:  # the same notice, built in from the bundled register
        built_in[(f"warn-{state.lower()}", title)] -= 1
        report.already += 1
        return
    source_id = store.source(url, title, agency, notice_date, f"warn|{state}|{notice['notice_key']}")
    event = {
        "id": f"warn-{state.lower()}-{company_id}-{notice_date}", "company_id": company_id, "date": notice_date,
        "headcount": notice["headcount"], "percent": None, "place": notice["location"] or None,
        "country": "United States", "summary": warn_summary(notice, agency),
        "report_note": f"WARN notice to the {agency}",
    }
    outcome = store.add_event(event, source_id, own_kind_only=True)
    setattr(report, outcome, getattr(report, outcome) + 1)


def _faq_row(store: _Store, row: CsvRow, report: ImportReport, defaults: dict[str, str | None]) -> None:
    # The id as the FAQ's own export writes it (F044, T000, 42): shown as written in answers.
    # The answer is plain text: brackets in it ("see Clause [3]") are not citation markers.
    fact_id = row.values.get("id", "").strip(" ")
    question, answer = row.get("question"), row.get("answer")
    wrong = id_error(fact_id)
    if wrong:
        raise BadRow(wrong)
    if not question:
        raise BadRow("question is empty")
    if not answer:
        raise BadRow("answer is empty")
    url = row.get("source_url") or defaults["url"]
    title = row.get("source_title") or defaults["title"]
    published = row.get("published") or defaults["published"]
    if published:
        published = parse_iso_date(published, "published")
    if not url:
        raise BadRow("no source URL: fill source_url or pass --source-url")
    if not URL_PATTERN.match(url):
        raise BadRow(f"source_url {url!r} is not an http(s) address")
    if not title:
        raise BadRow("no source title: fill source_title or pass --source-title")
    if not published:
        raise BadRow("no date: fill published or pass --source-published")
    if fact_id in store.faq_answers:
        # Another phrasing of a question already read: the same id with the same answer.
        earlier_answer, questions = store.faq_answers[fact_id]
        if answer != earlier_answer:
            raise BadRow(f"id {fact_id!r} is used by an earlier row with a different answer")
        if question not in questions:
            questions.append(question)
            store.conn.execute("update facts set questions = ? where id = ?",
                               (json.dumps(questions, ensure_ascii=False), fact_id))
        store.cite(fact_id, store.source(url, title, publisher_for(url), published, f"faq|{title}"))
        report.merged += 1
        return
    store.faq_answers[fact_id] = (answer, [question])
    existing = store.conn.execute("select origin from facts where id = ?", (fact_id,)).fetchone()
    if existing is not None and not (existing[0] or "").startswith("import:faq:"):
        raise BadRow(f"id {fact_id!r} is already used by the fact base")
    if existing is None and fact_id in store.ids:
        raise BadRow(f"id {fact_id!r} is already used by the fact base")
    store.ids.add(fact_id)
    source_id = store.source(url, title, publisher_for(url), published, f"faq|{title}")
    values = (fact_id, None, None, "faq", published, answer, json.dumps([question], ensure_ascii=False),
              store.origin, 0)
    if existing is None:
        store.conn.execute("insert into facts (id, entity_id, entity_kind, topic, as_of, claim, questions, origin, "
                           "retired) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", values)
        report.imported += 1
    else:  # the same FAQ imported again: its latest wording wins
        store.conn.execute("update facts set as_of = ?, claim = ?, questions = ?, origin = ? where id = ?",
                           (published, answer, values[6], store.origin, fact_id))
        store.conn.execute("delete from citations where item_id = ?", (fact_id,))
        report.merged += 1
    store.cite(fact_id, source_id)


# -- the entry point ----------------------------------------------------------------------

def import_file(db_path: Path, csv_path: Path, fmt: str, *, skip_bad: bool = False,
                source_url: str | None = None, source_title: str | None = None,
                source_published: str | None = None,
                progress: Callable[[int, int], None] | None = None) -> ImportReport:
    """Import `csv_path` (format `fmt`) into the database at `db_path` in one transaction.

    `progress(done, total)` is called as rows are processed. Raises `ImportFailed` (and writes
    nothing) when the file is unreadable, or when a row is malformed and `skip_bad` is false.
    """
    from .db import ensure_database

    if fmt not in FORMATS:
        raise ImportFailed([f"{csv_path}: unknown format {fmt!r} (expected {', '.join(FORMATS)})"])
    started = time.perf_counter()
    csv_path, db_path = Path(csv_path), Path(db_path)
    if source_published:
        try:
            source_published = parse_iso_date(source_published, "--source-published")
        except BadRow as exc:
            raise ImportFailed([str(exc)]) from None
    required = {"layoffs": LAYOFFS_COLUMNS, "warn": WARN_COLUMNS, "faq": FAQ_COLUMNS}[fmt]
    try:
        rows, problems = read_csv(csv_path, required)
    except OSError as exc:
        raise ImportFailed([f"{csv_path}: cannot read ({exc.strerror or exc})"]) from None
    report = ImportReport(csv_path, fmt, db_path, read=len(rows) + len(problems))
    ensure_database(db_path)
    with closing(sqlite3.connect(db_path, isolation_level=None)) as conn:
        conn.execute("pragma foreign_keys = on")
        conn.execute("begin immediate")
        try:
            store = _Store(conn, f"import:{fmt}:{csv_path.name}")
            repeated, amended = _warn_plan(rows) if fmt == "warn" else (set(), {})
            defaults = {"url": source_url, "title": source_title, "published": source_published}
            for position, row in enumerate(rows):
                try:
                    if position in repeated:
                        _parse_warn(row)  # folded into another row, but a malformed one is still reported
                        report.merged += 1
                    elif fmt == "layoffs":
                        _layoffs_row(store, row, report)
                    elif fmt == "warn":
                        _warn_row(store, row, report, amended.get(position))
                    else:
                        _faq_row(store, row, report, defaults)
                except BadRow as exc:
                    problems.append((row.line, str(exc)))
                if progress and (position % 500 == 499 or position == len(rows) - 1):
                    progress(position + 1, len(rows))
            report.companies_without_alias = store.unnamed
            report.bad_rows = [f"{csv_path}:{line}: {message}" for line, message in sorted(problems)]
            if problems and not skip_bad:
                raise ImportFailed(report.bad_rows)
            report.skipped += len(problems)
            if problems:
                report.skip_reasons["malformed"] += len(problems)
            conn.execute("insert or replace into meta (key, value) values ('curated', '1')")
            conn.execute("commit")
        except BaseException:
            if conn.in_transaction:  # SQLite has already rolled back after a full disk or I/O error
                conn.execute("rollback")
            raise
    report.seconds = time.perf_counter() - started
    return report
