"""Reading and checking the curated `knowledge/` YAML files.

`load_knowledge(directory)` returns a `Knowledge` with plain records ready for the database,
or raises `KnowledgeError` listing every problem as `FILE:LINE: message`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
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


class KnowledgeError(Exception):
    """One or more problems in the curated files; `problems` holds `FILE:LINE: message` lines."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class Knowledge:
    sources: list[dict] = field(default_factory=list)
    companies: list[dict] = field(default_factory=list)
    jurisdictions: list[dict] = field(default_factory=list)
    aliases: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    event_reports: list[dict] = field(default_factory=list)
    facts: list[dict] = field(default_factory=list)
    rules: list[dict] = field(default_factory=list)
    citations: list[dict] = field(default_factory=list)


class _LineDict(dict):
    line = 0


class _Loader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> _LineDict:
    mapping = _LineDict(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    return mapping


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def bundled_knowledge_dir() -> Path:
    """The curated content: inside the installed package, or the checkout's `knowledge/`."""
    packaged = Path(str(resources.files("bot"))) / "knowledge"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "knowledge"


def knowledge_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*.yaml") if p.is_file())


def content_hash(directory: Path) -> str:
    digest = hashlib.sha256()
    for path in knowledge_files(directory):
        digest.update(path.relative_to(directory).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


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
    if isinstance(value, bool):
        raise ValueError(f"{what} must be a number, not {value!r}")
    try:
        number = kind(value)
    except (TypeError, ValueError):
        raise ValueError(f"{what} must be a number, not {value!r}") from None
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

    def problem(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def claim_id(self, where: str, value, kind: str) -> str | None:
        if not isinstance(value, str) or not ID_PATTERN.match(value):
            self.problem(where, f"{kind} id {value!r} must be lowercase kebab-case (a-z, 0-9, -)")
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
        if not isinstance(value, (str, int, float)):
            self.problem(where, f"{key!r} must be text")
            return None
        return " ".join(str(value).split())

    def date(self, where: str, record: dict, key: str, *, required: bool) -> str | None:
        try:
            value = parse_date(record.get(key))
        except ValueError as exc:
            self.problem(where, f"{key}: {exc}")
            return None
        if value is None and required:
            self.problem(where, f"missing {key!r}")
        return value

    def number(self, where: str, record: dict, key: str, **limits):
        try:
            return parse_number(record.get(key), what=key, **limits)
        except ValueError as exc:
            self.problem(where, str(exc))
            return None

    def source_list(self, where: str, record: dict, item_id: str) -> list[str]:
        refs = record.get("sources")
        if isinstance(refs, str):
            refs = [refs]
        if not isinstance(refs, list) or not refs:
            self.problem(where, f"{item_id} has no sources: every fact needs at least one")
            return []
        return [str(r) for r in refs]


def _where(path: str, record) -> str:
    return f"{path}:{getattr(record, 'line', 1)}"


def _questions(col: _Collector, where: str, record: dict) -> list[str]:
    questions = record.get("questions") or []
    if not isinstance(questions, list) or not all(isinstance(q, str) for q in questions):
        col.problem(where, "'questions' must be a list of text")
        return []
    return [" ".join(q.split()) for q in questions if q.strip()]


def _add_citations(col: _Collector, item_id: str, claim: str | None, sources: list[str]) -> None:
    """Cite in reading order: sources marked in the claim first, then the rest of `sources`."""
    order = list(dict.fromkeys(MARKER.findall(claim or "") + sources))
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
        source_id = col.claim_id(where, record.get("id"), "source")
        url = col.text(where, record, "url")
        if url and not URL_PATTERN.match(url):
            col.problem(where, f"url {url!r} is not an http(s) address")
        source = {
            "id": source_id,
            "url": url,
            "title": col.text(where, record, "title"),
            "publisher": col.text(where, record, "publisher"),
            "published": col.date(where, record, "published", required=True),
            "checked": col.date(where, record, "checked", required=False),
            "origin": path,
        }
        if source_id:
            col.kb.sources.append(source)


def _load_entity(col: _Collector, path: str, record, kind: str) -> str | None:
    where = _where(path, record)
    if not isinstance(record, dict):
        col.problem(where, f"'{kind}' must be a mapping")
        return None
    entity_id = col.claim_id(where, record.get("id"), kind)
    name = col.text(where, record, "name")
    aliases = record.get("aliases") or []
    if not isinstance(aliases, list):
        col.problem(where, "'aliases' must be a list")
        aliases = []
    if entity_id is None:
        return None
    names = list(dict.fromkeys([name or entity_id, *map(str, aliases)]))
    for alias in names:
        col.kb.aliases.append({"alias": alias, "entity_id": entity_id, "entity_kind": kind})
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
            "origin": path,
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
        item_id = col.claim_id(where, record.get("id"), table[:-1])
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
        if table == "rules":
            item["jurisdiction_id"] = entity_id
            item["threshold"] = col.text(where, record, "threshold", required=False)
            item["period_days"] = col.number(where, record, "period_days", kind=int, low=0, high=3650)
            col.kb.rules.append(item)
        else:
            own_entity = record.get("entity")
            item["entity_id"] = str(own_entity) if own_entity else entity_id
            item["entity_kind"] = entity_kind if entity_id and not own_entity else None
            item["where"] = where
            col.kb.facts.append(item)
        _add_citations(col, item_id, claim, sources)


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
            "origin": path,
            "retired": 1 if record.get("retired") else 0,
        })
        reports = record.get("reports") or []
        report_sources = [str(r["source"]) for r in reports if isinstance(r, dict) and r.get("source")]
        _add_citations(col, event_id, None, list(dict.fromkeys(sources + report_sources)))
        for position, report in enumerate(reports):
            rwhere = _where(path, report)
            if not isinstance(report, dict) or not report.get("source"):
                col.problem(rwhere, "each report needs a 'source'")
                continue
            col.kb.event_reports.append({
                "event_id": event_id,
                "position": position,
                "headcount": col.number(rwhere, report, "headcount", kind=int, low=1, high=5_000_000),
                "percent": col.number(rwhere, report, "percent", kind=float, low=0, high=100),
                "source_id": str(report["source"]),
                "note": col.text(rwhere, report, "note", required=False),
            })


def _load_file(col: _Collector, path: Path, label: str) -> None:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 (safe loader subclass)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        col.problem(f"{label}:{line}", f"not valid YAML ({getattr(exc, 'problem', exc)})")
        return
    except UnicodeDecodeError:
        col.problem(f"{label}:1", "not UTF-8 text")
        return
    if data is None:
        return
    if not isinstance(data, dict):
        col.problem(f"{label}:1", "the file must be a mapping with sources/company/events/facts/...")
        return
    known = {"sources", "company", "events", "facts", "jurisdiction", "rules"}
    for key in data:
        if key not in known:
            col.problem(f"{label}:1", f"unknown section {key!r} (expected {', '.join(sorted(known))})")
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
    kinds = {c["id"]: "company" for c in col.kb.companies}
    kinds.update({j["id"]: "jurisdiction" for j in col.kb.jurisdictions})
    for fact in col.kb.facts:
        where = fact.pop("where")
        if fact["entity_id"] and fact["entity_id"] not in kinds:
            col.problem(where, f"{fact['id']} names unknown entity {fact['entity_id']!r}")
        elif fact["entity_id"]:
            fact["entity_kind"] = kinds[fact["entity_id"]]
    if col.problems:
        raise KnowledgeError(col.problems)
    return col.kb
