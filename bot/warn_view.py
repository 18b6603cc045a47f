"""WARN notices in answers: a company's notices summarised under its curated rounds, and questions
about an employer's WARN notices ("did Kaiser Foundation Hospitals file a WARN notice in
California?", "amazon layoffs washington 2023").

The bundled state registers (bot/data/warn: California EDD, New York DOL, Washington ESD,
Massachusetts EOLWD; see bot/warn.py) are events with origin `warn-<state>`, one per notice, each
citing the agency's record. Employers that resolved to a curated company carry its id; the rest
are companies of origin `warn`, reached here by their names (`EmployerNames`). Figures are the
registers' own: workers are summed over notices that state a count, and notices without one are
counted apart, never guessed.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
import sqlite3
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz, process

from .answer import number_text
from .language import ZH_HANS, date_text
from .retrieval import Document
from .text import normalize, relative_year
from .warn import name_key, stem

# State codes as in the events' origin (warn-<code>), with the names people use for them.
STATES = {
    "ca": ("California", "加州", ("california", "calif", "加州", "加利福尼亚")),
    "ny": ("New York", "纽约州", ("new york state", "new york", "纽约州", "纽约")),
    "wa": ("Washington", "华盛顿州", ("washington state", "washington", "华盛顿州")),
    "ma": ("Massachusetts", "马萨诸塞州", ("massachusetts", "马萨诸塞州", "麻省")),
}
_STATE_WORDS = [(code, word) for code, (_, _, words) in STATES.items() for word in words]
# Misspelt state names are looked for only among words this long (and only the one-word names
# that long: "california", "washington", "massachusetts"); shorter words are too easily another word.
_MIN_TYPO_LENGTH = 7
_STATE_WORDS_CODE = {word: code for code, word in _STATE_WORDS}
_LONG_STATE_NAMES = [w for w in _STATE_WORDS_CODE if w.isascii() and " " not in w and len(w) >= _MIN_TYPO_LENGTH]
_WARN = re.compile(r"(?<![a-z])warn(?![a-z])|worker adjustment|大规模裁员通知|裁员通知")
_LAYOFF = re.compile(r"layoff|laid off|lay off|lay-off|job cuts?|cut jobs|redundanc|裁员|裁員")
# A question about the law ("do I need a WARN notice in CA?"), not about an employer's notices.
_RULE_CUES = re.compile(
    r"\b(law|laws|legal|rules?|regulations?|require[sd]?|requirements?|must|need|needs|notice period|how much notice|"
    r"how many days|days'? notice|apply|applies|cover|covers|covered|coverage|threshold|penalt\w*|exceptions?|"
    r"triggers?|mean|means|definition|what is|what's|act)\b|规定|法|需要|必须|多久|多少天")
# A year asked ("general motors layoffs in 1992": one before the registers begin is still a year, whose notices the
# registers lack; not a headcount, "1950 workers")
_YEAR = re.compile(r"(?<!\d)(20[0-4]\d|19[5-9]\d)(?!\d)(?! (?:workers|employees|people|staff|jobs)\b)")
# Words that are never part of an employer's name in a question: what is left is tried as a name.
_QUESTION_WORDS = frozenset(
    "a an the of in at on for by to from and or any all did does do has have had is are was were how many much "
    "what when where which who why file filed filing files notice notices warn layoff layoffs laid lay off "
    "job jobs cut cuts cutting workers employees people staff there state states register registers us usa "
    "california calif new york washington massachusetts list show me tell about recent latest last year "
    "send sent give announced announce vs versus compare compared comparison difference differences between "
    "than".split())


@cache

def _workers(count: int) -> str:
    """"1 worker", "2,320 workers": a notice's headcount in words (trial 44 read "covering 1 workers")."""
    return f"{number_text(count)} worker{'' if count == 1 else 's'}"


def _state_pattern() -> re.Pattern:
    """Any of the states' words, longest first (compiled on first use: only questions naming a state need it)."""
    return re.compile("|".join(rf"(?<![a-z]){re.escape(w)}(?![a-z])" for _, w in
                               sorted(_STATE_WORDS, key=lambda pair: -len(pair[1]))))


MAX_LISTED = 5  # notices listed under a summary, largest first
WARN_TOPIC = "warn-notices"  # the topic of the documents written here (not a curated topic)


@dataclass(frozen=True)
class StateCount:
    """One state's notices from one employer: counts, workers (summed where stated), date span, and
    the latest notice's source (what the summary cites)."""

    state: str
    notices: int
    workers: int
    undisclosed: int
    first: str
    last: str
    source_id: str


@dataclass(frozen=True)
class WarnQuery:
    company_ids: tuple[str, ...]
    name: str
    state: str | None = None
    year: int | None = None


def state_counts(conn: sqlite3.Connection, company_ids: tuple[str, ...], *, state: str | None = None,
                 year: int | None = None) -> list[StateCount]:
    """Per state, the WARN notices of `company_ids`, most notices first. Raises sqlite3.Error."""
    if not company_ids:
        return []
    where, params = _where(company_ids, state, year)
    rows = conn.execute(
        f"""select substr(e.origin, 6) as state, count(*), coalesce(sum(e.headcount), 0),
                   sum(e.headcount is null), min(e.date), max(e.date)
            from events e where {where} group by e.origin order by count(*) desc, e.origin""", params).fetchall()
    latest = conn.execute(  # each state's latest notice in the same selection: what its summary cites
        f"""select substr(e.origin, 6), (select c.source_id from citations c where c.item_id = e.id
                                         order by c.position limit 1), max(e.date)
            from events e where {where} group by e.origin""", params).fetchall()
    cited = {state: source_id for state, source_id, _ in latest}
    return [StateCount(*row, cited.get(row[0])) for row in rows]


def largest_notices(conn: sqlite3.Connection, company_ids: tuple[str, ...], *, state: str | None = None,
                    year: int | None = None, limit: int = MAX_LISTED) -> list[tuple]:
    """(date, place, state, headcount, source id) of the largest notices, then the latest."""
    where, params = _where(company_ids, state, year)
    return conn.execute(
        f"""select e.date, e.place, substr(e.origin, 6), e.headcount,
                   (select c.source_id from citations c where c.item_id = e.id order by c.position limit 1)
            from events e where {where} order by e.headcount is null, e.headcount desc, e.date desc limit ?""",
        [*params, limit]).fetchall()


def _marks(values) -> str:
    return ", ".join("?" for _ in values)


def _where(company_ids, state, year) -> tuple[str, list]:
    clauses = [f"e.company_id in ({_marks(company_ids)})", "coalesce(e.retired, 0) = 0"]
    params: list = list(company_ids)
    clauses.append("e.origin = ?" if state else "e.origin like 'warn-%'")
    if state:
        params.append(f"warn-{state}")
    if year:
        clauses.append("substr(e.date, 1, 4) = ?")
        params.append(str(year))
    return " and ".join(clauses), params


def wants_warn(question: str) -> bool:
    """Whether the question asks about employers' WARN notices or layoffs in a state whose register
    is bundled (not about the law: "do I need a WARN notice in CA?")."""
    normalized = normalize(question)
    return bool((_WARN.search(normalized) or (_state_of(normalized) and _LAYOFF.search(normalized)))
                and not _RULE_CUES.search(normalized.replace("warn act", "warn")))


def _state_of(normalized: str) -> str | None:
    """The bundled state the question names, also misspelt ("massachussets"): the question's longer
    words against the one-word state names with rapidfuzz (ratio, score_cutoff 85), one `extractOne`
    per word (no numpy: this runs on every question the views see)."""
    found = _state_pattern().search(normalized) if any(w in normalized for w in _STATE_WORDS_CODE) else None
    if found:
        return _STATE_WORDS_CODE[found.group(0)]
    words = [w for w in re.findall(r"[a-z]+", normalized) if len(w) >= _MIN_TYPO_LENGTH]
    hits = [hit for w in words if (hit := process.extractOne(w, _LONG_STATE_NAMES, scorer=fuzz.ratio,
                                                            score_cutoff=85))]
    return _STATE_WORDS_CODE[max(hits, key=lambda hit: hit[1])[0]] if hits else None


def parse(question: str, company_ids: tuple[str, ...], name: str) -> WarnQuery:
    normalized = normalize(question)
    state = _state_of(normalized)
    years = _YEAR.findall(normalized)
    year = int(years[0]) if years else relative_year(normalized, dt.date.today())  # "filed last year"
    return WarnQuery(company_ids, name, state, year)


# A count of notices asked ("how many warn notices got filed last year", "number of WARN filings in 2024").
_COUNT = re.compile(r"\b(?:how many|number of|count of|total)\b|多少|几份|几个")


def asks_notice_count(question: str) -> bool:
    """Whether the question asks how many WARN notices were filed (in the registers at large when it names no
    state or employer), not what a rule says."""
    normalized = normalize(question)
    return bool(_WARN.search(normalized) and (_NOTICES.search(normalized) or re.search(r"warn ?通知", normalized))
                and _COUNT.search(normalized))


def registers_document(conn: sqlite3.Connection, year: int | None) -> Document | None:
    """Every bundled register's count of notices in `year` (or in all), with workers and the largest notice
    of each, cited: the answer to "how many warn notices were filed last year" where no state is named. None
    when no register lists any. Raises sqlite3.Error."""
    lines, lines_zh, cited = [], [], []
    total = 0
    for state in STATES:
        where, params = "e.origin = ? and coalesce(e.retired, 0) = 0", [f"warn-{state}"]
        if year:
            where += " and substr(e.date, 1, 4) = ?"
            params.append(str(year))
        notices, workers = conn.execute(f"select count(*), coalesce(sum(e.headcount), 0) from events e where {where}",
                                        params).fetchone()
        if not notices:
            continue
        total += notices
        top = conn.execute(
            f"""select e.date, c.name, e.headcount,
                       (select s.source_id from citations s where s.item_id = e.id order by s.position limit 1)
                from events e join companies c on c.id = e.company_id where {where}
                order by e.headcount is null, e.headcount desc, e.date desc limit 1""", params).fetchone()
        date, employer, headcount, source_id = top
        mark = f" [{source_id}]" if source_id else ""
        cited += [source_id] if source_id else []
        count = f" covering {_workers(workers)}" if workers else ""
        largest = f"{employer}, {date_text(date)}" + (f", {_workers(headcount)}" if headcount else "")
        lines.append(f"- {_state_name(state, False)}: {number_text(notices)} notice{'' if notices == 1 else 's'}"
                     f"{count}; the largest: {largest}{mark}")
        largest_zh = f"{employer}，{date_text(date, ZH_HANS)}" + (f"，{number_text(headcount)} 人" if headcount else "")
        lines_zh.append(f"- {_state_name(state, True)}：{number_text(notices)} 份"
                        + (f"，涉及 {number_text(workers)} 名员工" if workers else "")
                        + f"；最大的一份：{largest_zh}{mark}")
    if not total:
        return None
    period, period_zh = (f" in {year}", f"{year}年") if year else ("", "")
    claim = (f"The {len(lines)} state WARN registers I hold (not every state's) list {number_text(total)} "
             f"notices{period}:\n" + "\n".join(lines))
    claim_zh = (f"我收录的 {len(lines)} 个州的 WARN 通知登记（并非所有州）{period_zh}共有 {number_text(total)} "
                "份通知：\n" + "\n".join(lines_zh))
    return Document(f"warn-registers:{year or 'all'}", "warn", None, WARN_TOPIC, None, claim, (), tuple(cited),
                    claim_zh)


# What asks for a register's notices, not a law's rule ("warn notices in massachusetts 2025 biggest",
# "layoffs in washington 2024"; not "do remote workers count under new york warn").
_REGISTER_CUES = re.compile(r"\b(?:notices|filings?|filed|layoffs|biggest|largest|most|list)\b|哪些公司|最多|最大")


def state_named(question: str) -> str | None:
    """The bundled state's code ("ma") the question names, also misspelt; None when it names none."""
    return _state_of(normalize(question))


_NOTICES = re.compile(r"\b(?:notices|filings|filed)\b|通知登记")


def states_named(question: str) -> list[str]:
    """Every bundled state the question names, in order, each once ("california or washington")."""
    normalized = normalize(question)
    if not any(w in normalized for w in _STATE_WORDS_CODE):
        return []
    return list(dict.fromkeys(_STATE_WORDS_CODE[m.group(0)] for m in _state_pattern().finditer(normalized)))


def asks_for_register(question: str, *, rule_topic: bool = False) -> bool:
    """Whether the question asks for notices in a register (`_REGISTER_CUES`), not about a rule; when the
    engine read a rule topic in it ("how much notise for layoffs in california"), only if it asks for
    notices themselves ("largest warn notices california 2024")."""
    normalized = normalize(question)
    if _NOTICES.search(normalized):
        return True
    # "how much" asks an amount a rule sets (notice, severance), not a count of notices
    return not rule_topic and "how much" not in normalized and bool(_REGISTER_CUES.search(normalized))


def asks_about_layoffs(question: str) -> bool:
    normalized = normalize(question)
    return bool(_LAYOFF.search(normalized) or _WARN.search(normalized))


class EmployerNames:
    """Names of employers known only from WARN notices, for finding them in a question: each name's
    key (case, punctuation and corporate suffixes folded: bot.warn.name_key/stem) -> company ids."""

    def __init__(self, conn: sqlite3.Connection):
        self.ids: dict[str, list[str]] = {}
        self.names: dict[str, str] = {}
        self.notices: dict[str, int] = {}
        rows = conn.execute(
            "select a.alias, c.id, c.name, (select count(*) from events e where e.company_id = c.id) "
            "from companies c join aliases a on a.entity_id = c.id where c.origin = 'warn'")
        for alias, company_id, name, notices in rows:
            key = stem(name_key(alias))
            if key and company_id not in self.ids.setdefault(key, []):
                self.ids[key].append(company_id)
            self.names[company_id] = name
            self.notices[company_id] = notices
        self._keys = sorted(self.ids)  # for `near`'s prefix search (bisect, not a scan of every key)

    def find(self, question: str) -> tuple[tuple[str, ...], str | None, str | None]:
        """(company ids, the name as asked, None) for the longest run of the question's words that is
        an employer's name; else ((), None, the run of words that looked like a name) or ((), None, None)."""
        words = name_key(question).split()
        spans = _name_spans(words)
        for length in range(max((len(s) for s in spans), default=0), 0, -1):
            for span in spans:
                for start in range(0, len(span) - length + 1):
                    key = stem(" ".join(span[start:start + length]))
                    if len(key) >= 3 and key in self.ids and not (
                            length == 1 and _used_as_a_verb(span[start], question)):
                        return tuple(self.ids[key]), " ".join(span[start:start + length]), None
        longest = max(spans, key=len, default=[])
        return (), None, " ".join(longest) or None

    def near(self, words: str, limit: int = 3) -> list[str]:
        """Employers whose key starts with `words`' first word, most notices first (for a decline)."""
        first = stem(name_key(words)).split()[:1]
        if not first or len(first[0]) < 4:
            return []
        # The keys equal to the first word or starting with it and a space: a run of the sorted keys.
        keys = self._keys[bisect.bisect_left(self._keys, first[0]):bisect.bisect_left(self._keys, first[0] + "!")]
        ids = {i for key in keys if key == first[0] or key.startswith(first[0] + " ") for i in self.ids[key]}
        ranked = sorted(ids, key=lambda i: (-self.notices.get(i, 0), self.names[i]))
        return [self.names[i] for i in ranked[:limit]]


def _used_as_a_verb(word: str, question: str) -> bool:
    """Whether an employer's one-word name is an English word used as a verb in the question: in lowercase, after a
    modal or "to", or before an object pronoun ("will the Labor Department chase them": no Chase Corporation; "did
    apple file warn notices" still names Apple)."""
    from .analysis import english_word

    used_as_verb = re.search(rf"\b(?:to|will|would|can|could|should|might|may|must|not) {re.escape(word)}\b"
                             rf"|\b{re.escape(word)} (?:them|us|him|her|me|you|it)\b", question)
    return used_as_verb is not None and english_word(word)


def _name_spans(words: list[str]) -> list[list[str]]:
    spans, current = [], []
    for word in words:
        if word in _QUESTION_WORDS or word.isdigit():
            if current:
                spans.append(current)
            current = []
        else:
            current.append(word)
    if current:
        spans.append(current)
    return spans


# -- writing -------------------------------------------------------------------------------------

def _state_name(code: str, zh: bool) -> str:
    english, chinese, _ = STATES.get(code, (code.upper(), code.upper(), ()))
    return chinese if zh else english


def summary_document(company_id: str, name: str, counts: list[StateCount], *, also: bool,
                     name_zh: str = "") -> Document:
    """The summary of `counts` as a citable document (English claim, Chinese claim_zh, one source per
    state: its latest notice); `also`: said under a company's curated rounds; `name_zh`: the company's name in
    the Chinese claim (else `name`)."""
    notices = sum(c.notices for c in counts)
    workers = sum(c.workers for c in counts)
    undisclosed = sum(c.undisclosed for c in counts)
    first, last = min(c.first for c in counts), max(c.last for c in counts)
    source_ids = tuple(c.source_id for c in counts if c.source_id)
    marks = " ".join(f"[{s}]" for s in source_ids)
    states = ", ".join(f"{c.notices} in {_state_name(c.state, False)}" for c in counts)
    count = f" covering {_workers(workers)}" if workers else ""
    open_ = f" ({undisclosed} without a count)" if undisclosed else ""
    dated = f"dated {date_text(first)}" + (f" to {date_text(last)}" if last != first else "")
    claim = (f"{name} {'also filed' if also else 'filed'} {notices} WARN notice{'' if notices == 1 else 's'} "
             f"with US state agencies ({states}){count}{open_}, {dated} {marks}.")
    states_zh = "、".join(f"{_state_name(c.state, True)} {c.notices} 份" for c in counts)
    count_zh = f"，涉及 {number_text(workers)} 名员工" if workers else ""
    open_zh = f"（其中 {undisclosed} 份未写明人数）" if undisclosed else ""
    claim_zh = (f"{'此外，' if also else ''}{name_zh or name}在美国州政府 WARN 通知登记中共有 {notices} 份通知"
                f"（{states_zh}）"
                f"{count_zh}{open_zh}，日期为{date_text(first, ZH_HANS)}"
                + (f"至{date_text(last, ZH_HANS)}" if last != first else "") + f" {marks}。")
    return Document(f"warn-summary:{company_id}", "warn", company_id, WARN_TOPIC, None, claim, (), source_ids,
                    claim_zh)


def coverage_note(conn: sqlite3.Connection, name: str, question: str, lang: str) -> str:
    """What the bundled registers cover, and that they hold nothing for `name` (in the asked state/year)."""
    from .language import say

    query = parse(question, (), name)
    zh = lang != "en"
    rows = conn.execute("select substr(origin, 6), min(date), max(date) from events where origin like 'warn-%' "
                        "and date <= date('now') group by origin order by origin").fetchall()
    states = (query.state,) if query.state else tuple(r[0] for r in rows)
    first = min((r[1] for r in rows if r[0] in states), default=None)
    last = max((r[2] for r in rows if r[0] in states), default=None)
    where = ""
    if query.state:
        where = f"（{_state_name(query.state, True)}）" if zh else f" in {_state_name(query.state, False)}"
    if query.year:
        where += f"（{query.year}年）" if zh else f" in {query.year}"
    return say("no_warn_notice", lang, states=("、" if zh else ", ").join(_state_name(s, zh) for s in states),
               first=date_text(first, lang), last=date_text(last, lang), name=name, where=where)


def _list_document(company_id: str, rows: list[tuple]) -> Document:
    """The largest notices, one line each with its own source."""
    lines, lines_zh = [], []
    for date, place, state, headcount, source_id in rows:
        where = ", ".join(p for p in (place, _state_name(state, False)) if p)
        where_zh = ", ".join(p for p in (place, _state_name(state, True)) if p)
        figure = f"{number_text(headcount)} worker{'' if headcount == 1 else 's'}" if headcount else "no count given"
        figure_zh = f"{number_text(headcount)} 人" if headcount else "人数未写明"
        lines.append(f"- {date_text(date)}, {where}: {figure} [{source_id}]")
        lines_zh.append(f"- {date_text(date, ZH_HANS)}，{where_zh}：{figure_zh} [{source_id}]")
    return Document(f"warn-list:{company_id}", "warn", company_id, WARN_TOPIC, None,
                    "The largest notices:\n" + "\n".join(lines), (), tuple(r[4] for r in rows if r[4]),
                    "最大的几份通知：\n" + "\n".join(lines_zh))


# "which employers filed the most notices": employers by their number of notices, not the largest notices.
_MOST_NOTICES = re.compile(r"\bmost (?:warn )?(?:notices|filings)\b|\bwho filed the most\b|最多.{0,4}通知")


def state_documents(conn: sqlite3.Connection, state: str, year: int | None,
                    question: str = "") -> tuple[Document, ...]:
    """A bundled state's register in `year` (or all of it), when the question names no employer ("warn
    notices in massachusetts 2025", "biggest layoffs in washington 2024"): how many notices, workers and
    dates, then its largest notices with their employers, each citing its record; () when it lists none.
    Raises sqlite3.Error."""
    where, params = "e.origin = ? and coalesce(e.retired, 0) = 0", [f"warn-{state}"]
    if year:
        where += " and substr(e.date, 1, 4) = ?"
        params.append(str(year))
    notices, workers, undisclosed, first, last = conn.execute(
        f"select count(*), coalesce(sum(e.headcount), 0), coalesce(sum(e.headcount is null), 0), min(e.date), "
        f"max(e.date) from events e where {where}", params).fetchone()
    if not notices:
        return ()
    name, name_zh = _state_name(state, False), _state_name(state, True)
    if _MOST_NOTICES.search(normalize(question)):
        return (_employers_by_notices(conn, state, year, where, params, notices, name, name_zh),)
    rows = conn.execute(
        f"""select e.date, e.place, c.name, e.headcount,
                   (select s.source_id from citations s where s.item_id = e.id order by s.position limit 1)
            from events e join companies c on c.id = e.company_id where {where}
            order by e.headcount is null, e.headcount desc, e.date desc limit ?""", [*params, MAX_LISTED]).fetchall()
    period = f" in {year}" if year else ""
    period_zh = f"{year}年" if year else ""
    count = f" covering {_workers(workers)}" if workers else ""
    open_ = f" ({number_text(undisclosed)} without a count)" if undisclosed else ""
    dated = f"dated {date_text(first)}" + (f" to {date_text(last)}" if last != first else "")
    lines, lines_zh = [], []
    for date, place, employer, headcount, source_id in rows:
        figure = f"{number_text(headcount)} worker{'' if headcount == 1 else 's'}" if headcount else "no count given"
        figure_zh = f"{number_text(headcount)} 人" if headcount else "人数未写明"
        where_ = f", {place}" if place else ""
        lines.append(f"- {employer}{where_}, {date_text(date)}: {figure} [{source_id}]")
        lines_zh.append(f"- {employer}{where_}，{date_text(date, ZH_HANS)}：{figure_zh} [{source_id}]")
    claim = (f"The {name} WARN register lists {number_text(notices)} notice{'' if notices == 1 else 's'}{period}"
             f"{count}{open_}, {dated}. The largest:\n" + "\n".join(lines))
    claim_zh = (f"{name_zh}的 WARN 通知登记中，{period_zh}共有 {number_text(notices)} 份通知"
                + (f"，涉及 {number_text(workers)} 名员工" if workers else "")
                + (f"（其中 {number_text(undisclosed)} 份未写明人数）" if undisclosed else "")
                + f"，日期为{date_text(first, ZH_HANS)}" + (f"至{date_text(last, ZH_HANS)}" if last != first else "")
                + "。规模最大的几份：\n" + "\n".join(lines_zh))
    return (Document(f"warn-state:{state}:{year or 'all'}", "warn", None, WARN_TOPIC, None, claim, (),
                     tuple(r[4] for r in rows if r[4]), claim_zh),)


def _employers_by_notices(conn: sqlite3.Connection, state: str, year: int | None, where: str, params: list,
                          notices: int, name: str, name_zh: str) -> Document:
    """The employers with the most notices in a state's register (and year), each citing its latest."""
    top = conn.execute(
        f"""select c.name, count(*), coalesce(sum(e.headcount), 0), max(e.id)
            from events e join companies c on c.id = e.company_id where {where}
            group by e.company_id order by count(*) desc, sum(e.headcount) desc limit ?""",
        [*params, MAX_LISTED]).fetchall()
    cite = "select source_id from citations where item_id = ? order by position limit 1"
    rows = [(employer, n, workers, last, (conn.execute(cite, [last]).fetchone() or [None])[0])
            for employer, n, workers, last in top]
    period, period_zh = (f" in {year}" if year else ""), (f"{year}年" if year else "")
    lines = [f"- {employer}: {n} notice{'' if n == 1 else 's'}"
             + (f", {_workers(workers)}" if workers else "") + f" [{source}]"
             for employer, n, workers, _, source in rows]
    lines_zh = [f"- {employer}：{n} 份" + (f"，{number_text(workers)} 人" if workers else "") + f" [{source}]"
                for employer, n, workers, _, source in rows]
    claim = (f"Of the {number_text(notices)} notices in the {name} WARN register{period}, these employers filed "
             f"the most:\n" + "\n".join(lines))
    claim_zh = (f"{name_zh}的 WARN 通知登记中，{period_zh}共 {number_text(notices)} 份通知，提交最多的雇主：\n"
                + "\n".join(lines_zh))
    return Document(f"warn-state-employers:{state}:{year or 'all'}", "warn", None, WARN_TOPIC, None, claim, (),
                    tuple(r[4] for r in rows if r[4]), claim_zh)


def documents(conn: sqlite3.Connection, query: WarnQuery) -> tuple[Document, ...]:
    """What answers a WARN question: its summary, then (for several notices) the largest ones;
    () when the registers hold no notice for it. Raises sqlite3.Error."""
    counts = state_counts(conn, query.company_ids, state=query.state, year=query.year)
    if not counts:
        return ()
    company_id = query.company_ids[0]
    docs = [summary_document(company_id, query.name, counts, also=False)]
    if sum(c.notices for c in counts) > 1:
        docs.append(_list_document(company_id, largest_notices(
            conn, query.company_ids, state=query.state, year=query.year)))
    return tuple(docs)
