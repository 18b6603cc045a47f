"""Reading and checking the curated `knowledge/` YAML files.

`load_knowledge(directory)` returns a `Knowledge` with plain records ready for the database,
or raises `KnowledgeError` listing every problem as `FILE:LINE: message`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from .ids import id_error

ID_PATTERN = re.compile(r"\A[a-z0-9]+(?:-[a-z0-9]+)*\Z")  # \Z: a trailing newline is not kebab-case
COMPANY_TOPICS = {
    "profile", "layoff-size", "layoff-date", "layoff-reason", "layoff-process",
    "layoff-accounts", "funding", "hiring", "context",
}
RULE_TOPICS = {
    "mass-layoff", "notice", "severance", "consultation", "protected", "notification",
    "penalties", "coverage",
}
GENERAL_TOPICS = {"definition", "timeline", "faq"}
TOPICS = COMPANY_TOPICS | RULE_TOPICS | GENERAL_TOPICS
URL_PATTERN = re.compile(r"^https?://[^\s/]+\.[^\s]+$")  # what a source's url must look like
MARKER = re.compile(r"\[([a-z0-9][a-z0-9-]*)\]")
PLAIN_TEXT_TOPICS = frozenset({"faq"})  # imported FAQ answers: "[3]" in them is text, not a citation
# The keys each kind of record may have (a misspelt key is an error, not silently ignored).
SECTIONS = {"sources", "company", "events", "facts", "jurisdiction", "rules"}
SOURCE_KEYS = {"id", "url", "title", "publisher", "published", "checked"}
COMPANY_KEYS = {"id", "name", "aliases", "units", "country", "industry", "description"}
JURISDICTION_KEYS = {"id", "name", "aliases", "terms", "places", "parent", "governed_elsewhere"}
EVENT_KEYS = {"id", "date", "headcount", "percent", "place", "country", "summary", "part_of", "workers", "sources",
              "reports", "retired"}
PLACE = ""  # aliases.unit of a jurisdiction's place name (`places`): no words of its own; null: a plain alias
WORKERS = ("employees", "contractors")  # whom an event's round let go: the company's staff (the default) or not
REPORT_KEYS = {"headcount", "percent", "source", "note"}
FACT_KEYS = {"id", "entity", "topic", "as_of", "claim", "claim_zh", "questions", "sources", "retired"}
RULE_KEYS = {"id", "topic", "as_of", "verified", "claim", "claim_zh", "threshold", "period_days", "questions",
             "sources", "retired"}
_FUNCTION_WORDS = frozenset(
    "a an the to of in on at for by with from as and or but is are was be its it his her their than after amid "
    "over into about up off out not no this that".split())
# A title that describes the page instead of quoting it ("… (headline not shown in excerpt)").
_ID_WORD = re.compile(r"\b[a-z0-9]+(?:-[a-z0-9]+){2,}\b")  # an id-shaped word in a claim's text
_CURATOR_NOTE = re.compile(r"\b(headline|excerpt)s?\b.*\b(not|un)\w*|\(description\b|\bheadline not\b", re.IGNORECASE)
_SLUG_TITLE = re.compile(r"\A[a-z0-9]+(?:-[a-z0-9]+){2,}\Z")


class KnowledgeError(Exception):
    """One or more problems in the curated files; `problems` holds `FILE:LINE: message` lines."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class Knowledge:
    warnings: list[str] = field(default_factory=list)  # FILE:LINE: message; bookkeeping, not errors
    sources: list[dict] = field(default_factory=list)
    companies: list[dict] = field(default_factory=list)
    jurisdictions: list[dict] = field(default_factory=list)
    aliases: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    event_reports: list[dict] = field(default_factory=list)
    facts: list[dict] = field(default_factory=list)
    rules: list[dict] = field(default_factory=list)
    citations: list[dict] = field(default_factory=list)


def bundled_knowledge_dir() -> Path:
    """The curated content: inside the installed package, or the checkout's `knowledge/`."""
    packaged = Path(str(resources.files("bot"))) / "knowledge"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "knowledge"


def knowledge_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*.yaml") if p.is_file())


def _content_files(directory: Path) -> list[tuple[Path, Path]]:
    """(base, path) of the curated files below `directory` and of the bundled WARN registers (every
    build adds them), in a stable order."""
    registers = Path(__file__).resolve().parent / "data" / "warn"
    files = [(directory, path) for path in knowledge_files(directory)]
    return files + [(registers, path) for path in sorted(registers.glob("*.csv.gz"))]


def content_hash(directory: Path) -> str:
    """A digest of the curated files below `directory` and of the bundled WARN registers."""
    digest = hashlib.sha256()
    for base, path in _content_files(directory):
        digest.update(path.relative_to(base).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def content_stat(directory: Path) -> str:
    """A cheap fingerprint of the same files as `content_hash`: their names, sizes and modification
    times (nanoseconds), as `make` and git's index judge a file unchanged. Equal fingerprints let a
    reader skip reading and hashing the files (bot.db); a different one proves nothing, so the hash
    decides then."""
    parts = []
    for base, path in _content_files(directory):
        info = path.stat()
        parts.append(f"{path.relative_to(base).as_posix()}\0{info.st_size}\0{info.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def parse_date(value) -> str | None:
    """Accept YYYY-MM-DD or YYYY-MM (YAML may already have made a date); return ISO text."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    for fmt, size in (("%Y-%m-%d", 10), ("%Y-%m", 7)):
        if len(text) == size:
            try:
                dt.datetime.strptime(text, fmt)
                return text
            except ValueError:
                pass
    raise ValueError(f"{value!r} is not a date (YYYY-MM-DD or YYYY-MM)")


def parse_number(value, *, kind: type, low: float, high: float, what: str):
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ValueError(f"{what} must be a number, not {value!r}")
    try:
        number = kind(value)
        finite = math.isfinite(float(value))
    except (TypeError, ValueError, OverflowError):
        raise ValueError(f"{what} must be a finite number, not {value!r}") from None
    if not finite:
        raise ValueError(f"{what} must be a finite number, not {value!r}")
    if kind is int and float(value) != number:
        raise ValueError(f"{what} must be a whole number, not {value!r}")
    if not low <= number <= high:
        raise ValueError(f"{what} {number} is outside {low:g}..{high:g}")
    return number


class _Collector:
    """Accumulates records and problems across all files of one build."""

    def __init__(self) -> None:
        self.kb = Knowledge()
        self.problems: list[str] = []
        self.ids: dict[str, str] = {}
        self.urls: dict[str, tuple[str, str]] = {}  # page address -> (source id, where)

    def problem(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def claim_id(self, where: str, value, kind: str, *, any_form: bool = False) -> str | None:
        """Reserve an id: lowercase kebab-case, or with `any_form` (imported FAQ entries keep the id
        their source gave, e.g. F044) any id `id_error` accepts."""
        wrong = id_error(value)
        if wrong is None and not any_form and not ID_PATTERN.match(value):
            wrong = f"id {value!r} must be lowercase kebab-case (a-z, 0-9, -)"
        if wrong:
            self.problem(where, f"{kind} {wrong}")
            return None
        if value in self.ids:
            self.problem(where, f"{kind} id {value!r} is already used at {self.ids[value]}")
            return None
        self.ids[value] = where
        return value

    def text(self, where: str, record: dict, key: str, *, required: bool = True) -> str | None:
        value = record.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problem(where, f"missing {key!r}")
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.problem(_key_where(where, record, key), f"{key!r} must be text, not {value!r}")
            return None
        return " ".join(str(value).split())

    def date(self, where: str, record: dict, key: str, *, required: bool) -> str | None:
        try:
            value = parse_date(record.get(key))
        except ValueError as exc:
            self.problem(_key_where(where, record, key), f"{key}: {exc}")
            return None
        if value is None and required:
            self.problem(where, f"missing {key!r}")
        return value

    def number(self, where: str, record: dict, key: str, **limits):
        try:
            return parse_number(record.get(key), what=key, **limits)
        except ValueError as exc:
            self.problem(_key_where(where, record, key), str(exc))
            return None

    def source_list(self, where: str, record: dict, item_id: str) -> list[str]:
        refs = record.get("sources")
        if isinstance(refs, str):
            refs = [refs]
        if not isinstance(refs, list) or not refs:
            self.problem(where, f"{item_id} has no sources: every fact needs at least one")
            return []
        if not all(isinstance(r, str) for r in refs):
            self.problem(_key_where(where, record, "sources"), "'sources' must be a list of source ids")
            return []
        return refs

    def keys(self, where: str, record: dict, allowed: set[str], what: str) -> None:
        """A problem for every key `record` may not have, with a guess at the intended one."""
        for key in record:
            if key not in allowed:
                import difflib  # only for a misspelt key

                close = difflib.get_close_matches(str(key), sorted(allowed), n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else f" (expected: {', '.join(sorted(allowed))})"
                self.problem(_key_where(where, record, key), f"unknown key {key!r} in {what}{hint}")


def _where(path: str, record) -> str:
    return f"{path}:{getattr(record, 'line', 1)}"


def _workers(col: _Collector, where: str, record: dict) -> str | None:
    """An event's `workers`: "contractors" for a round of contract workers (not the company's staff, so no
    total counts them); None for the default, its employees."""
    workers = col.text(where, record, "workers", required=False)
    if workers is not None and workers not in WORKERS:
        col.problem(_key_where(where, record, "workers"), f"'workers' must be one of {', '.join(WORKERS)}, "
                    f"not {workers!r}")
        return None
    return None if workers == "employees" else workers


def _units(col: _Collector, where: str, record: dict, key: str = "units") -> dict[str, str]:
    """A company's `units`: the parts of it a question may name instead of the company (a unit, a
    sub-brand, an acquired business), each with its other names ("Alibaba Cloud: [Aliyun, 阿里云]"); or a
    jurisdiction's `terms` (key "terms"): the terms of its law a question may name, each with its other names
    ("long service payment: [長期服務金, 长期服务金]"), which mean the term, not the place. Returns every
    name -> the unit's (term's) own name; each name is also an alias of the entity."""
    what = "unit" if key == "units" else "term"
    units = record.get(key) or {}
    if not isinstance(units, dict) or not all(isinstance(unit, str) and unit.strip() and isinstance(others, list | None)
                                              for unit, others in units.items()):
        example = "AWS: [Amazon Web Services]" if key == "units" else "long service payment: [长期服务金]"
        col.problem(_key_where(where, record, key),
                    f"'{key}' must map each {what}'s name to a list of its other names (\"{example}\")")
        return {}
    names: dict[str, str] = {}
    for unit, others in units.items():
        for alias in [unit, *(others or [])]:
            if not isinstance(alias, str | int) or isinstance(alias, bool) or not str(alias).strip():
                col.problem(_key_where(where, record, key), f"{what} {unit!r}: its names must be text")
            elif str(alias) in names and names[str(alias)] != unit:
                col.problem(_key_where(where, record, key),
                            f"{alias!r} names two {what}s, {names[str(alias)]!r} and {unit!r}")
            else:
                names[str(alias)] = unit
    return names


def _places(col: _Collector, where: str, record: dict, terms: dict[str, str]) -> dict[str, str]:
    """A jurisdiction's `places`: names of places in it (or of it) that say where and nothing more
    ("England", "Toronto", "Silicon Valley"); each is an alias, stored with an empty unit (PLACE), so that
    its words are never read as what a question asks about. Returns every name -> PLACE."""
    places = record.get("places") or []
    if not isinstance(places, list) or not all(
            isinstance(p, (str, int)) and not isinstance(p, bool) and str(p).strip() for p in places):
        col.problem(_key_where(where, record, "places"), "'places' must be a list of names (text)")
        return {}
    for place in map(str, places):
        if place in terms:
            col.problem(_key_where(where, record, "places"), f"{place!r} is both a place and a term")
    return {str(p): PLACE for p in places if str(p) not in terms}


def _governed_elsewhere(col: _Collector, where: str, record: dict) -> dict[str, list[str]] | None:
    """A jurisdiction's `governed_elsewhere`: jurisdiction id -> names of sectors whose employers in this place
    that jurisdiction's law governs instead ("ca-fed: [bank, airline]": a bank in Toronto is under the Canada
    Labour Code, not Ontario's Act). None when absent; a problem when not such a mapping."""
    value = record.get("governed_elsewhere")
    if value is None:
        return None
    if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, list) and v and all(isinstance(n, str) and n.strip() for n in v)
            for k, v in value.items()):
        col.problem(_key_where(where, record, "governed_elsewhere"),
                    "'governed_elsewhere' must map a jurisdiction id to a list of sector names (text)")
        return None
    return {k: list(v) for k, v in value.items()}


def _key_where(where: str, record, key: str) -> str:
    """`where` moved to the line of `key` inside `record`, when the loader recorded it."""
    line = getattr(record, "key_lines", {}).get(key)
    return f"{where.rsplit(':', 1)[0]}:{line}" if line else where


def _questions(col: _Collector, where: str, record: dict) -> list[str]:
    questions = record.get("questions") or []
    if not isinstance(questions, list) or not all(isinstance(q, str) for q in questions):
        col.problem(_key_where(where, record, "questions"), "'questions' must be a list of text")
        return []
    return [" ".join(q.split()) for q in questions if q.strip()]


def claim_markers(claim: str | None, topic: str | None) -> list[str]:
    """The source ids a claim marks as `[source-id]`, in reading order. Claims of PLAIN_TEXT_TOPICS
    (imported FAQ answers) mark none: their brackets are the text as written."""
    return [] if topic in PLAIN_TEXT_TOPICS else MARKER.findall(claim or "")


def _add_citations(col: _Collector, item_id: str, markers: list[str], sources: list[str]) -> None:
    """Cite in reading order: sources marked in the claim first, then the rest of `sources`."""
    order = list(dict.fromkeys(markers + sources))
    for position, source_id in enumerate(order):
        col.kb.citations.append({"item_id": item_id, "source_id": source_id, "position": position})


def _load_sources(col: _Collector, path: str, records) -> None:
    if records is None:
        return
    if not isinstance(records, list):
        col.problem(f"{path}:1", "'sources' must be a list")
        return
    for record in records:
        where = _where(path, record)
        if not isinstance(record, dict):
            col.problem(where, "each source must be a mapping")
            continue
        col.keys(where, record, SOURCE_KEYS, "a source")
        source_id = col.claim_id(where, record.get("id"), "source")
        url = col.text(where, record, "url")
        if url and not URL_PATTERN.match(url):
            col.problem(where, f"url {url!r} is not an http(s) address")
        source = {
            "id": source_id,
            "url": url,
            # optional: a headline nobody has seen is left out, never rebuilt from the address
            "title": col.text(where, record, "title", required=False) or "",
            "publisher": col.text(where, record, "publisher"),
            # null where the page shows no date: a date is never guessed
            "published": col.date(where, record, "published", required=False),
            "checked": col.date(where, record, "checked", required=False),
            "origin": path,
        }
        if source_id:
            col.kb.sources.append(source)
            _check_bookkeeping(col, where, source)


def _slug_words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def slug_like_title(title: str, url: str) -> bool:
    """True when `title` looks rebuilt from the address rather than read off the page: lowercase
    words joined by hyphens, a segment of the URL's path as written, or the same words as a path
    segment (four or more), with no punctuation and none of the little words a real headline has
    ("to", "of", "in"). A slug drops both and gives itself away; a headline the slug copies whole does not.
    """
    segments = [segment for segment in urlsplit(url).path.split("/") if segment]
    if _SLUG_TITLE.match(title) or title in segments:
        return True
    words = _slug_words(title)
    if len(words) < 4 or _FUNCTION_WORDS & set(words) or re.search(r"[^\w\s]", title):
        return False
    for segment in segments:
        if _slug_words(re.sub(r"\.[a-z0-9]{2,5}$", "", segment, flags=re.IGNORECASE)) == words:
            return True
    return False


def _check_bookkeeping(col: _Collector, where: str, source: dict) -> None:
    """Warnings (not errors) for a source: a page already cited under another id, a slug-like title."""
    url, title = source["url"], source["title"]
    if url:
        key = url.split("#", 1)[0].rstrip("/")
        if key in col.urls:
            other, other_where = col.urls[key]
            col.kb.warnings.append(f"{where}: url of {source['id']} is also the url of {other} ({other_where}); "
                                   "one page should have one source id")
        else:
            col.urls[key] = (source["id"], where)
    if title and _CURATOR_NOTE.search(title):
        col.kb.warnings.append(f"{where}: title of {source['id']} ({title!r}) reads like a curator's note, not the "
                               "page's headline; leave title out when the headline was not seen")
    if url and title and slug_like_title(title, url):
        col.kb.warnings.append(f"{where}: title of {source['id']} ({title!r}) looks rebuilt from the URL; "
                               "use the page's own headline")


def _load_entity(col: _Collector, path: str, record, kind: str) -> str | None:
    where = _where(path, record)
    if not isinstance(record, dict):
        col.problem(where, f"'{kind}' must be a mapping")
        return None
    col.keys(where, record, COMPANY_KEYS if kind == "company" else JURISDICTION_KEYS, f"the {kind}")
    entity_id = col.claim_id(where, record.get("id"), kind)
    name = col.text(where, record, "name")
    aliases = record.get("aliases") or []
    if not isinstance(aliases, list) or not all(
            isinstance(a, (str, int)) and not isinstance(a, bool) and str(a).strip() for a in aliases):
        col.problem(_key_where(where, record, "aliases"), "'aliases' must be a list of names (text)")
        aliases = []
    units = _units(col, where, record, "units" if kind == "company" else "terms")
    if kind == "jurisdiction":
        units.update(_places(col, where, record, units))
    if entity_id is None:
        return None
    names = list(dict.fromkeys([name or entity_id, *map(str, aliases)]))
    for alias in names:
        col.kb.aliases.append({"alias": alias, "entity_id": entity_id, "entity_kind": kind, "unit": units.get(alias)})
    for alias, unit in units.items():
        if alias not in names:
            col.kb.aliases.append({"alias": alias, "entity_id": entity_id, "entity_kind": kind, "unit": unit})
    if kind == "company":
        col.kb.companies.append({
            "id": entity_id,
            "name": name,
            "country": col.text(where, record, "country", required=False),
            "industry": col.text(where, record, "industry", required=False),
            "description": col.text(where, record, "description", required=False),
            "origin": path,
        })
    else:
        col.kb.jurisdictions.append({
            "id": entity_id,
            "name": name,
            "parent": col.text(where, record, "parent", required=False),
            "governed_elsewhere": _governed_elsewhere(col, where, record),
            "origin": path,
            "where": where,
        })
    return entity_id


def _load_items(col: _Collector, path: str, records, *, table: str, entity_id: str | None,
                entity_kind: str | None) -> None:
    if records is None:
        return
    if not isinstance(records, list):
        col.problem(f"{path}:1", f"'{table}' must be a list")
        return
    for record in records:
        where = _where(path, record)
        if not isinstance(record, dict):
            col.problem(where, f"each entry of '{table}' must be a mapping")
            continue
        col.keys(where, record, RULE_KEYS if table == "rules" else FACT_KEYS, f"a {table[:-1]}")
        any_form = table == "facts" and record.get("topic") == "faq"  # imported FAQ entries keep their ids
        item_id = col.claim_id(where, record.get("id"), table[:-1], any_form=any_form)
        if item_id is None:
            continue
        topic = col.text(where, record, "topic")
        if topic and topic not in TOPICS:
            col.problem(where, f"topic {topic!r} is not one of: {', '.join(sorted(TOPICS))}")
        claim = col.text(where, record, "claim")
        sources = col.source_list(where, record, item_id)
        item = {
            "id": item_id,
            "topic": topic,
            "as_of": col.date(where, record, "as_of", required=True),
            "claim": claim,
            "questions": _questions(col, where, record),
            "origin": path,
            "retired": 1 if record.get("retired") else 0,
        }
        # Always present (None when not written), so a stored row and a loaded one compare equal; a
        # curator's database built before the column gains it on its first write (bot.curation).
        item["claim_zh"] = _claim_zh(col, where, record, claim)
        if table == "rules":
            item["jurisdiction_id"] = entity_id
            item["threshold"] = col.text(where, record, "threshold", required=False)
            item["period_days"] = col.number(where, record, "period_days", kind=int, low=0, high=3650)
            item["verified"] = col.date(where, record, "verified", required=False)  # last checked against its sources
            col.kb.rules.append(item)
        else:
            own_entity = record.get("entity")
            if own_entity is not None and not isinstance(own_entity, str):
                col.problem(_key_where(where, record, "entity"), f"'entity' must be an id, not {own_entity!r}")
                own_entity = None
            item["entity_id"] = str(own_entity) if own_entity else entity_id
            item["entity_kind"] = entity_kind if entity_id and not own_entity else None
            item["where"] = where
            col.kb.facts.append(item)
        _add_citations(col, item_id, claim_markers(claim, topic), sources)


_DIGITS = re.compile(r"\d+")


def translation_problem(claim: str, claim_zh: str) -> str | None:
    """Why `claim_zh` cannot be the Chinese wording of `claim`, or None: it must cite the same
    `[source-id]` markers and carry every digit group of the English claim (so no figure, date or
    article number is lost or changed in translation; "300,000" stays "300,000", not "30万")."""
    if set(MARKER.findall(claim)) != set(MARKER.findall(claim_zh)):
        return (f"claim_zh cites {sorted(set(MARKER.findall(claim_zh)))} but claim cites "
                f"{sorted(set(MARKER.findall(claim)))}: both must cite the same sources")
    missing = sorted(set(_DIGITS.findall(MARKER.sub(" ", claim))) - set(_DIGITS.findall(MARKER.sub(" ", claim_zh))),
                     key=int)
    if missing:
        return f"claim_zh lacks the figure(s) {', '.join(missing)} of the English claim"
    return None


def _claim_zh(col: _Collector, where: str, record: dict, claim: str | None) -> str | None:
    claim_zh = col.text(where, record, "claim_zh", required=False)
    if claim_zh and claim:
        problem = translation_problem(claim, claim_zh)
        if problem:
            col.problem(_key_where(where, record, "claim_zh"), problem)
    return claim_zh


def _load_events(col: _Collector, path: str, records, company_id: str | None) -> None:
    if records is None:
        return
    if not isinstance(records, list):
        col.problem(f"{path}:1", "'events' must be a list")
        return
    for record in records:
        where = _where(path, record)
        if not isinstance(record, dict):
            col.problem(where, "each event must be a mapping")
            continue
        col.keys(where, record, EVENT_KEYS, "an event")
        event_id = col.claim_id(where, record.get("id"), "event")
        if event_id is None:
            continue
        headcount = col.number(where, record, "headcount", kind=int, low=1, high=5_000_000)
        percent = col.number(where, record, "percent", kind=float, low=0, high=100)
        sources = col.source_list(where, record, event_id)
        col.kb.events.append({
            "id": event_id,
            "company_id": company_id,
            "date": col.date(where, record, "date", required=True),
            "headcount": headcount,
            "percent": percent,
            "place": col.text(where, record, "place", required=False),
            "country": col.text(where, record, "country", required=False),
            "summary": col.text(where, record, "summary", required=False),
            # the id of another round of the same company whose headcount already counts this one's
            "part_of": col.text(where, record, "part_of", required=False),
            "workers": _workers(col, where, record),
            "origin": path,
            "retired": 1 if record.get("retired") else 0,
        })
        reports = record.get("reports") or []
        if not isinstance(reports, list):
            col.problem(_key_where(where, record, "reports"), "'reports' must be a list")
            reports = []
        report_sources = [r["source"] for r in reports if isinstance(r, dict) and isinstance(r.get("source"), str)]
        _add_citations(col, event_id, [], list(dict.fromkeys(sources + report_sources)))
        for position, report in enumerate(reports):
            rwhere = _where(path, report)
            if not isinstance(report, dict) or not isinstance(report.get("source"), str):
                col.problem(rwhere, "each report needs a 'source' (a source id)")
                continue
            col.keys(rwhere, report, REPORT_KEYS, "a report")
            col.kb.event_reports.append({
                "event_id": event_id,
                "position": position,
                "headcount": col.number(rwhere, report, "headcount", kind=int, low=1, high=5_000_000),
                "percent": col.number(rwhere, report, "percent", kind=float, low=0, high=100),
                "source_id": report["source"],
                "note": col.text(rwhere, report, "note", required=False),
            })


def _load_file(col: _Collector, path: Path, label: str) -> None:
    import yaml  # here, not at import: answering a question reads no YAML
    from yaml.composer import ComposerError
    from yaml.constructor import ConstructorError

    from .curated_yaml import read_curated

    try:
        data = read_curated(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        problem = getattr(exc, "problem", None) or str(exc)
        refused = isinstance(exc, (ComposerError, ConstructorError))  # valid YAML, but not for this base
        col.problem(f"{label}:{line}", problem if refused else f"not valid YAML ({problem})")
        return
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        col.problem(f"{label}:{line}", "not UTF-8 text")
        return
    if data is None:
        return
    if not isinstance(data, dict):
        col.problem(f"{label}:1", "the file must be a mapping with sources/company/events/facts/...")
        return
    col.keys(f"{label}:1", data, SECTIONS, "the file")
    _load_sources(col, label, data.get("sources"))
    company_id = jurisdiction_id = None
    if "company" in data:
        company_id = _load_entity(col, label, data["company"], "company")
    if "jurisdiction" in data:
        jurisdiction_id = _load_entity(col, label, data["jurisdiction"], "jurisdiction")
    if data.get("events") and not company_id:
        col.problem(f"{label}:1", "'events' need a 'company' section in the same file")
    _load_events(col, label, data.get("events"), company_id)
    if data.get("rules") and not jurisdiction_id:
        col.problem(f"{label}:1", "'rules' need a 'jurisdiction' section in the same file")
    _load_items(col, label, data.get("rules"), table="rules", entity_id=jurisdiction_id,
                entity_kind="jurisdiction")
    _load_items(col, label, data.get("facts"), table="facts",
                entity_id=company_id or jurisdiction_id,
                entity_kind="company" if company_id else "jurisdiction")


def part_of_problems(events: list[dict], known: dict[str, dict] | None = None) -> list[tuple[str, str]]:
    """(event id, problem) for each `part_of` that does not name another round of the same company
    which is itself counted (not part of a third): totals count the round it names, not this one.
    `known`: further events by id (those already in a database) that `part_of` may name."""
    by_id = {**(known or {}), **{e["id"]: e for e in events}}
    problems = []
    for event in events:
        target_id = event.get("part_of")
        if target_id is None:
            continue
        target = by_id.get(target_id)
        if target_id == event["id"]:
            problems.append((event["id"], f"{event['id']} cannot be part of itself"))
        elif target is None:
            problems.append((event["id"], f"{event['id']} is part_of unknown event {target_id!r}"))
        elif target.get("company_id") != event.get("company_id"):
            problems.append((event["id"], f"{event['id']} is part_of {target_id}, a round of another company"))
        elif target.get("part_of"):
            problems.append((event["id"], f"{event['id']} is part_of {target_id}, which is itself part of "
                                          f"{target['part_of']}: name {target['part_of']}"))
    return problems


def load_knowledge(directory: Path) -> Knowledge:
    """Read every YAML file below `directory`; raise KnowledgeError listing all problems."""
    col = _Collector()
    files = knowledge_files(directory)
    if not files:
        raise KnowledgeError([f"{directory}: no .yaml files found"])
    for path in files:
        _load_file(col, path, path.relative_to(directory).as_posix())
    source_ids = {s["id"] for s in col.kb.sources}
    for citation in col.kb.citations:
        if citation["source_id"] not in source_ids:
            col.problem(col.ids[citation["item_id"]],
                        f"{citation['item_id']} cites unknown source {citation['source_id']!r}")
    item_ids = {item["id"] for table in (col.kb.facts, col.kb.rules, col.kb.events) for item in table}
    for item in (*col.kb.facts, *col.kb.rules):
        for text in (item.get("claim"), item.get("claim_zh")):
            named = sorted(set(_ID_WORD.findall(MARKER.sub(" ", text or ""))) & item_ids)
            if named:
                col.kb.warnings.append(f"{col.ids[item['id']]}: the claim of {item['id']} names {', '.join(named)} "
                                       "in its text, which readers see as is: say what it refers to in words")
    for problem_event, problem in part_of_problems(col.kb.events):
        col.problem(col.ids[problem_event], problem)
    kinds = {c["id"]: "company" for c in col.kb.companies}
    kinds.update({j["id"]: "jurisdiction" for j in col.kb.jurisdictions})
    for jurisdiction in col.kb.jurisdictions:
        where = jurisdiction.pop("where")
        for other in jurisdiction["governed_elsewhere"] or ():
            if kinds.get(other) != "jurisdiction" or other == jurisdiction["id"]:
                col.problem(where, f"{jurisdiction['id']}: governed_elsewhere names {other!r}, "
                                   "which is not another jurisdiction")
    for fact in col.kb.facts:
        where = fact.pop("where")
        if fact["entity_id"] and fact["entity_id"] not in kinds:
            col.problem(where, f"{fact['id']} names unknown entity {fact['entity_id']!r}")
        elif fact["entity_id"]:
            fact["entity_kind"] = kinds[fact["entity_id"]]
    if col.problems:
        raise KnowledgeError(col.problems)
    return col.kb
