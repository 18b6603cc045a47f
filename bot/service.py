"""The bot's one service: a fact base loaded from SQLite that answers questions.

Both edges (CLI and Telegram) hold a `FactBase` and call `ask`; neither knows how matching works.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import json
import re
import sqlite3
import threading
import time
from collections import ChainMap, defaultdict
from collections.abc import Collection
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import analysis, decision, fts, lexicon, warn_view
from .analysis import english_word
from .answer import Answer, Source, compose_answer, human_date, number_text, small_talk_answer
from .commands import help_text, is_help_request
from .conversation import asks_another_time, entity_vocabulary, names_a_place_alone, with_year_of_talk
from .db import DatabaseError, connect_readonly, ensure_database
from .language import EN, ZH_HANS, ZH_HANT, in_script, language_of, say
from .matching import (
    Conversation,
    Document,
    Entity,
    FactIndex,
    Match,
    analyse,
    match_and_rank,
    match_question,
    names_a_parent,
)
from .ranking import RankerParams
from .retrieval import _TITLE_CASE_WORD, _written_as_name, period_months
from .text import has_cjk, normalize, to_simplified

if TYPE_CHECKING:  # read lazily (bot.rounds): a cold `ask` does not need it
    from .rounds import Rounds

MAX_QUESTION_CHARS = 1000
_YEAR_IN = re.compile(r"\b(?:19|20)\d\d\b")
_VIEWS_LED_BY_ONE_ROUND = frozenset({"latest", "ranking"})  # views whose first row is what they answer
_PERCENT_IN = re.compile(r"\d\s*%|\bper ?cent\b|百分之")
_FIGURE_IN = re.compile(r"\b\d{1,3}(?:,\d{3})+\b|\b\d+(?:\.\d+)?\s*%|\b(?!(?:19|20)\d\d\b)\d{3,}\b|\d+\s*(?:人|名)")
# Employers known only from the built-in WARN registers (no curated or imported round of their own).
_WARN_ONLY = ("select id from companies where origin = 'warn' and id not in "
              "(select company_id from events where coalesce(origin, '') not like 'warn-%')")
GREETINGS = frozenset(["hi", "hello", "hey", "hiya", "yo", "hola", "howdy", "good morning", "good afternoon",
                       "good evening", "你好", "您好", "嗨"])
THANKS = frozenset(["thanks", "thank you", "thx", "ty", "cheers", "thanks a lot", "thank you very much", "many thanks",
                    "谢谢", "多谢"])
ACKNOWLEDGEMENTS = frozenset(["ok", "okay", "k", "cool", "great", "nice", "got it", "i see", "alright", "sure", "yes",
                              "no", "bye", "goodbye", "see you", "好", "好的", "明白", "再见"])
HELLO_REPLY, THANKS_REPLY, ACK_REPLY = say("hello"), say("thanks"), say("ack")


def _claim_zh(row: sqlite3.Row) -> str | None:
    """A fact's or rule's Chinese claim; None in a database built before the column existed."""
    return row["claim_zh"] if "claim_zh" in row.keys() else None


def event_claim(name: str, event: dict, reports: list[dict], publishers: dict[str, str]) -> str:
    """A plain sentence for a layoff event, each figure marked with its source."""
    when = human_date(event["date"])
    where = ", ".join(p for p in (event.get("place"), event.get("country")) if p)
    figures = []
    if event.get("headcount"):
        figures.append(f"about {number_text(event['headcount'])} jobs")
    if event.get("percent") is not None:
        figures.append(f"{number_text(event['percent'])}% of staff")
    size = " (".join(figures) + (")" if len(figures) == 2 else "") if figures else "an undisclosed number of jobs"
    markers = "".join(f"[{s}]" for s in event["source_ids"] if s not in {r["source_id"] for r in reports})
    claim = f"{name} cut {size} in {when}" + (f" ({where})" if where else "") + f". {markers}".rstrip()
    if event.get("summary"):
        claim += f" {event['summary']}"
    if reports:
        said = []
        for r in reports:
            fig = " and ".join(
                x for x in (f"{number_text(r['headcount'])} jobs" if r.get("headcount") else "",
                            f"{number_text(r['percent'])}%" if r.get("percent") is not None else "") if x
            )
            who = publishers.get(r["source_id"], "one source")
            note = f" ({r['note']})" if r.get("note") else ""
            said.append(f"{fig or 'a figure'} per {who}{note} [{r['source_id']}]")
        claim += " Reported figures differ: " + "; ".join(said) + "."
    return claim.strip()


# How an event's own document is asked about: the words these share are no sign of one round.
ROUND_QUESTIONS = ("How many people did {name} lay off in {when}?", "{name} layoffs {year}")

# A time to come inside a supposition ("if they rehire next year", "if it happens next month"): the asker's case
_SUPPOSED_LATER = re.compile(r"\b(?:if|when|once|in case)\b(?: \w+){0,6} (?:next|coming|later this|within the next)\b")
# Topics of questions that no view of layoff rounds answers: a law's rules and what the base says beside rounds
# (wages, hiring, funding, ...); not a round's size, date, reason or accounts, a mass layoff, or a term's meaning.
_NOT_OF_ROUNDS = frozenset(lexicon.TOPIC_PRIORITY) - {"layoff-reason", "layoff-accounts", "layoff-date", "layoff-size",
                                                     "mass-layoff", "definition", "market"}


@dataclass(frozen=True)
class ViewMatch:
    """What `FactBase.match_and_rank` returns for a structured question (shaped like a Match for evaluation)."""

    conversation: Conversation
    view: object
    answered: bool = True
    confidence: float = 1.0
    documents: tuple = ()


_OWN_SOURCES = ("select id, url, title, publisher, published from sources "
                "where coalesce(origin, '') not like 'warn-%'")


class _Sources(dict):
    """Sources by id, read from the database on first use (one at a time, or all but the built-in
    WARN registers' when listed or counted): a start reads none of them."""

    def __init__(self, items: dict, path: Path):
        super().__init__(items)
        self.path = path
        self.complete = False
        self.conn: sqlite3.Connection | None = None
        self.lock = threading.Lock()

    def connect(self) -> sqlite3.Connection:
        if self.conn is None:
            self.conn = connect_readonly(self.path)
        return self.conn

    def _rows(self, sql: str, params: tuple = ()) -> list:
        with self.lock:
            return self.connect().execute(sql, params).fetchall()

    def __missing__(self, key: str) -> Source:
        rows = self._rows("select id, url, title, publisher, published from sources where id = ?", (key,))
        if not rows:
            raise KeyError(key)
        row = rows[0]
        self[key] = source = Source(row["id"], row["url"], row["title"], row["publisher"], row["published"])
        return source

    def __contains__(self, key: object) -> bool:
        try:
            self[key]
        except KeyError:
            return False
        return True

    def get(self, key, default=None):
        return self[key] if key in self else default

    def _all(self) -> None:
        if not self.complete:
            for r in self._rows(_OWN_SOURCES):
                if not dict.__contains__(self, r["id"]):
                    self[r["id"]] = Source(r["id"], r["url"], r["title"], r["publisher"], r["published"])
            self.complete = True

    def __iter__(self):
        self._all()
        return dict.__iter__(self)

    def __len__(self) -> int:
        self._all()
        return dict.__len__(self)

    def keys(self):
        self._all()
        return dict.keys(self)

    def values(self):
        self._all()
        return dict.values(self)

    def items(self):
        self._all()
        return dict.items(self)


class _EventIds(Collection[str]):
    """Every live event's id, read on first use (only evaluation asks)."""

    def __init__(self, path: Path):
        self.path = path
        self.ids: frozenset[str] | None = None

    def _ids(self) -> frozenset[str]:
        if self.ids is None:
            with closing(connect_readonly(self.path)) as conn:
                self.ids = frozenset(r[0] for r in conn.execute("select id from events where coalesce(retired, 0) = 0"))
        return self.ids

    def __contains__(self, key: object) -> bool:
        return key in self._ids()

    def __iter__(self):
        return iter(self._ids())

    def __len__(self) -> int:
        return len(self._ids())


# Questions that each load something on first use (FactBase.warm): traditional Chinese (OpenCC's t2s and the
# Chinese names), a misspelling (the English word list), a place the base lacks in English and in Chinese
# (CLDR names through Babel), a Chinese numeral (cn2an), an English answer's WARN employers.
WARM_UP = ("小紅書裁員原因", "how much notise for layoffs in califronia", "what are the layoff rules in mexico",
           "墨西哥裁员规定", "一万两千人被裁的是哪家公司", "amazon layoffs 2025", "腾迅裁员多少人")


@dataclass
class FactBase:
    index: FactIndex
    sources: dict[str, Source]
    entity_names: dict[str, str]
    path: Path
    event_ids: Collection[str] = frozenset()  # every live event, including those a curated fact tells
    conn: sqlite3.Connection | None = None  # read-only, for structured views (`_connection`)
    employers: warn_view.EmployerNames | None = None  # WARN-only employers' names, read on first use
    _round_words: frozenset[str] | None = None  # content words every round's own questions share
    _names_zh: dict[str, dict[str, str]] = field(default_factory=dict)  # per Chinese script: names, Chinese aliases

    @classmethod
    def open(cls, db_path: Path, *, build_if_needed: bool = True) -> FactBase:
        """Load the fact base from the database (built first when `ensure_database` may build it).

        The search index lives in the database (bot.fts): brought up to date first when curator
        writes made it stale and the database can be written, else built in memory. Nothing is read
        from side files: an index cache that is unpickled would be code that anyone who can write
        beside the database gets to run."""
        if build_if_needed:
            ensure_database(db_path)
        path = Path(db_path)
        fts.ensure_index(path)  # stored in the database; built in memory below where it cannot be
        with closing(connect_readonly(path)) as conn:
            factbase = cls.from_connection(conn, path)
        factbase.conn = connect_readonly(path)  # kept open: structured views read through it
        # The index is a large object graph that lives as long as the process; freezing it keeps
        # the cyclic collector from rescanning it (a full pass stalled a question for 0.7 s at 100k facts).
        gc.freeze()
        return factbase

    def warm(self) -> float:
        """Load now what some first questions would otherwise load (seconds taken, about 0.5-1): the
        Chinese script tables (OpenCC), the English word list (pyspellchecker), the CLDR place names,
        cn2an, pypinyin (a name written with homophones) and the names a Chinese answer uses, by asking
        `WARM_UP`'s questions, one per such path, whose answers are dropped. For a process that answers many
        questions (`serve` calls it at start): a single `ask` stays cold, and loads only what its own question
        needs."""
        started = time.perf_counter()
        for question in WARM_UP:
            self.ask(question)
        # What they loaded lives as long as the process, as the index does (`open`): out of the collector's
        # way too (left in, a collection pass over them stalled a question for 45 ms at 1M facts).
        gc.freeze()
        return time.perf_counter() - started

    @classmethod
    def from_connection(cls, conn: sqlite3.Connection, path: Path) -> FactBase:
        """The fact base of the database `conn` reads (at `path`): its stored search index when that is
        current (bot.fts), else one built in memory from its content."""
        conn.row_factory = sqlite3.Row
        # The built-in public WARN records (origin warn, warn-<state>) stay in the database, where
        # structured views reach them by SQL; the index holds the rest (loading 12k WARN
        # employers and 24k notices took a cold start from 0.3 s to 2.5 s).
        sources = _Sources({}, path)
        sources.connect()  # now: a bot keeps answering from the copy it opened if the path is replaced
        index = fts.load_index(conn, lambda: connect_readonly(path))
        if index is None:
            index = FactIndex.build(*read_index_inputs(conn, sources))
        names = {e.id: e.name for e in index.entities.values()}
        general = conn.execute("select value from meta where key = 'ranker_general'").fetchone()
        if general:
            index.general_params = RankerParams.from_json(general[0])
        return cls(index, sources, names, path, _EventIds(path))

    def ask(self, question: str, conversation: Conversation = Conversation()) -> tuple[Answer, Conversation]:
        """The answer to `question` (at most MAX_QUESTION_CHARS of it are read; the answer says when
        more was sent) and the conversation to pass with the next question."""
        asked = with_year_of_talk(question, conversation)  # "and the year before?": the year it names
        answer, after = self._ask(asked, conversation)
        if asked != question:
            answer = dataclasses.replace(answer, question=question)
        # "and eBay?" after PayPal: the talk moved from one subject to another, which "which was bigger?" sets
        # against each other next.
        moved = bool(conversation.entity_ids and after.entity_ids and after.entity_ids != conversation.entity_ids)
        earlier = conversation.entity_ids if moved else ()
        if after.earlier_entity_ids != earlier:
            after = dataclasses.replace(after, earlier_entity_ids=earlier)
        # "and in 2024?" after Salesforce's 2023 round: the talk moved from one year of a company to another
        # (a round told when no year was asked is of its own year: "did salesforce cut 4000 support jobs?")
        before, now = self._round_year(conversation), self._round_year(after)
        earlier_year = before if (before and now and now != before and after.entity_ids == conversation.entity_ids
                                  and len(after.entity_ids) == 1) else None
        if after.earlier_year != earlier_year:
            after = dataclasses.replace(after, earlier_year=earlier_year)
        # "那谷歌呢？" in a talk in traditional characters: a question written the same in both scripts is answered
        # in the talk's (it came back in simplified)
        if (answer.lang == ZH_HANS and conversation.script == ZH_HANT
                and in_script(question, ZH_HANT) == question):
            answer = _in_traditional(answer)
        if answer.lang in (ZH_HANS, ZH_HANT) and after.script != answer.lang:
            after = dataclasses.replace(after, script=answer.lang)
        return answer, after

    def _ask(self, question: str, conversation: Conversation) -> tuple[Answer, Conversation]:
        text = question or ""
        question = text[:MAX_QUESTION_CHARS]
        if is_help_request(question):
            return small_talk_answer(question, help_text("terminal"), ()), conversation
        reply = small_talk_reply(question)
        if reply is not None:
            # Not a question: answer in kind and keep the conversation for the next real one.
            suggestions = self.index.default_suggestions if reply == say("hello", language_of(question)) else ()
            return small_talk_answer(question, reply, suggestions), conversation
        again = self._sources_again(question, conversation)
        if again is not None:
            return again
        forecast = self._forecast_decline(question, conversation)
        if forecast is not None:
            return compose_answer(question, forecast, self.sources, self._names(question)), forecast.conversation
        structured = self.ask_view(question, conversation)
        if structured is not None:
            return structured
        match = self._after_matching(question, conversation, match_question(self.index, question, conversation))
        # A view of both, not a merged copy: a copy of every name costs milliseconds per question at 1M facts.
        names = ChainMap(self._employer_names(match), self._names(question))
        answer = compose_answer(question, match, self.sources, names)
        if not match.answered and warn_view.asks_about_layoffs(question):
            answer = self._warn_decline(question, answer, match)
        elif (match.answered and analysis.asks_forecast(normalize(question))
              and (match.documents[0].kind == "warn" or _about_company_layoffs(match.documents[0], self.index))):
            answer = dataclasses.replace(answer, note=say("forecast_note", answer.lang))  # "will Apple lay off?"
        if len(text) > MAX_QUESTION_CHARS:
            cut = say("cut_notice", answer.lang, length=len(text), limit=MAX_QUESTION_CHARS)
            answer = dataclasses.replace(answer, note=f"{cut} {answer.note}".strip())
        return answer, match.conversation

    def _sources_again(self, question: str, conversation: Conversation) -> tuple[Answer, Conversation] | None:
        """"source?", "link?", "来源呢": the last answer again, with its sources; None for any other question
        or when the conversation holds no answered fact."""
        if not _ASKS_SOURCES.fullmatch(normalize(question)):
            return None
        documents = tuple(self.index.documents[d] for d in conversation.doc_ids if d in self.index.documents)
        if not documents:
            return None
        again = Match(True, conversation.confidence or 1.0, documents, conversation.entity_ids, conversation.topic,
                      (), conversation)
        answer = compose_answer(question, again, self.sources, self._names(question))
        # What is asked is where the answer came from: its sources, not the answer reprinted above them
        marks = " ".join(f"[{c.number}]" for c in answer.citations)
        return dataclasses.replace(answer, claims=(say("sources_of_last", answer.lang, marks=marks),)), conversation

    def _round_year(self, conversation: Conversation) -> int | None:
        """The year the talk is about: the one asked, else that of the company's round its last answer led with."""
        if conversation.year:
            return conversation.year
        told = self.index.documents.get(conversation.doc_ids[0]) if conversation.doc_ids else None
        if told is None or told.entity_id is None or told.topic not in decision.ROUNDS_TOPICS or not told.as_of:
            return None
        return int(told.as_of[:4])

    def ask_view(self, question: str, conversation: Conversation) -> tuple[Answer, Conversation] | None:
        """A structured answer (ranking, total, list, comparison, timeline, latest: bot.views) and the
        conversation after it; None when the question is not a structured one."""
        from . import views

        try:
            # (After a view of many companies, its follow-ups ("what about 2022?") follow the view; the company
            # its answer led with is the talk's for other questions only: "why did they do it?")
            of_many = conversation.view is not None and not conversation.view.company_ids
            companies = () if of_many else tuple(
                e for e in conversation.entity_ids
                if e in self.index.entities and self.index.entities[e].kind == "company")
            told = self.index.documents.get(conversation.doc_ids[0]) if conversation.doc_ids else None
            earlier = tuple(e for e in conversation.earlier_entity_ids
                            if e in self.index.entities and self.index.entities[e].kind == "company")
            found = views.ask_view(self.index, self._connection(), question, self.sources,
                                   previous=conversation.view, context_company_ids=companies,
                                   context_year=conversation.year, context_date=told.as_of if told else None,
                                   earlier_company_ids=earlier, earlier_year=conversation.earlier_year,
                                   names=self._names(question))
        except (sqlite3.Error, DatabaseError):
            _log_exception("structured view failed; answering from facts")
            return None
        if found is None:
            return None
        answer, query = found
        if query.kind == "latest" and analyse(self.index, question, conversation)[0].topic in _NOT_OF_ROUNDS:
            # "新加坡现在的最低工资是多少？" (Singapore's minimum wage now), "the qualifying service for unfair
            # dismissal these days?": asked of the present, but of a law's rule or a wage, not of the latest layoffs
            return None
        if query.kind == "total" and len(query.company_ids) == 1 and self._narrows_to_its_facts(
                question, conversation, query.company_ids[0]):
            return None
        if not query.company_ids:
            try:
                if self._employer_list().find(question)[0]:
                    # "apple layoffs 2024 how many ppl": an employer known from WARN notices, not every
                    # company's total; its notices answer (or the decline says what the registers hold)
                    return None
            except (sqlite3.Error, DatabaseError):
                _log_exception("WARN employers could not be read")
        # The round the view leads with is the one "what percent was that?" next asks about (one company's),
        # and its period the one "原因呢？" (why?) asks about, when the view named none ("阿里巴巴最近有裁员吗？"
        # led with December 2023's round; its reason is not 2022's).
        told = answer.fact_ids[:1] if len(query.company_ids) == 1 else ()
        company_ids = tuple(query.company_ids)
        lead = None
        if not company_ids and query.kind == "ranking" and answer.fact_ids:
            # "which of those was biggest?": one round of one company answers it; "why did they do it?" next asks
            # of that company's round
            lead = self._event_row(answer.fact_ids[0])
            company_ids, told = ((lead[0],), answer.fact_ids[:1]) if lead and lead[0] in self.index.entities \
                else ((), ())
        year, month = query.year, query.month
        if told and year is None and query.kind in _VIEWS_LED_BY_ONE_ROUND:
            # (a total or a timeline of all the company's rounds is led by none: its first row's year is no year
            # the talk is about; "what about microsoft" after Amazon's total had been asked of 2022)
            lead = lead or self._event_row(told[0])
            year, month = _period_of(lead[1] if lead else None)
        return answer, Conversation(company_ids, None, year, month, (), told, query)

    def _narrows_to_its_facts(self, question: str, conversation: Conversation, company: str) -> bool:
        """Whether the question names, beside the company and its layoffs, words its own facts use that a view
        cannot filter by ("How many Infosys trainees in Mysuru were let go in total?": the trainees of one round,
        which a fact tells; the total of all its rounds answered another question)."""
        from . import views

        return any(w in entity_vocabulary(self.index, company) for w in views.words_not_read(self.index, question))

    def _event_row(self, event_id: str) -> tuple[str, str | None] | None:
        """(company id, date) of a layoff event; None when the events table has no such event (or cannot be read)."""
        try:
            return self._connection().execute("select company_id, date from events where id = ?",
                                              (event_id,)).fetchone()
        except (sqlite3.Error, DatabaseError):
            _log_exception("events could not be read")
            return None

    def match_and_rank(self, index: FactIndex, question: str, conversation: Conversation = Conversation(),
                       params: RankerParams | None = None):
        """`matching.match_and_rank` (with `params`, else the shipped ones) with structured questions
        first, as `ask` takes them: for evaluation (bot.evaluation)."""
        question = with_year_of_talk(question, conversation)
        forecast = self._forecast_decline(question, conversation)
        if forecast is not None:
            return forecast, []
        structured = self.ask_view(question, conversation)
        if structured is not None:
            answer, after = structured
            return ViewMatch(after, after.view), []
        match, ranked = match_and_rank(index, question, conversation, params)
        joined = self._after_matching(question, conversation, match)
        if joined.documents[:1] != match.documents[:1]:  # answered from the WARN registers instead
            ranked = [(1.0, d.id) for d in joined.documents[:1]] + ranked
        return joined, ranked

    def _after_matching(self, question: str, conversation: Conversation, match: Match) -> Match:
        """The matcher's answer through the stages that read the company's rounds and the WARN registers, in
        order: a year without rounds, a round picked by order, the rounds' total and list, the reasons of the
        round that leads, the WARN notices (`ask` and `match_and_rank` alike)."""
        match = self._year_without_rounds(question, conversation, match)
        match = self._with_rounds(question, self._round_by_order(question, conversation, match), conversation)
        match = self._round_told_asked_again(question, conversation, match)
        match = self._with_warn_notices(question, self._reason_of_biggest_round(question, conversation, match),
                                        conversation)
        match = self._when_of_round_told(question, conversation, match)
        return self._qualifier_of_fact_told(question, conversation, match)

    def _names(self, question: str) -> dict[str, str]:
        """Entity names as the asker reads them: a Chinese asker gets an entity's first Chinese alias in
        the curator's list (小红书, 阿里巴巴; one no other entity shares), in the asker's script; others its name."""
        lang = language_of(question)
        if lang == EN:
            return self.entity_names
        if lang not in self._names_zh:
            chinese: dict[str, str] = {}
            try:  # in the curator's order: an entity's own name comes before its brands' and people's
                rows = self._connection().execute("select alias, entity_id from aliases order by rowid").fetchall()
            except (sqlite3.Error, DatabaseError):
                _log_exception("aliases could not be read; names in English")
                rows = []
            for alias, entity_id in rows:
                if has_cjk(alias) and len(self.index.aliases.get(normalize(alias), ())) == 1:
                    chinese.setdefault(entity_id, in_script(to_simplified(alias), lang))
            self._names_zh[lang] = {**self.entity_names, **chinese}
        return self._names_zh[lang]

    def _rounds(self, company: str, year: int | None = None):
        """The company's announced rounds (`rounds.announced_rounds`), named in English and, for a Chinese
        answer, as a Chinese asker reads it. Raises sqlite3.Error."""
        from . import rounds

        return rounds.announced_rounds(self._connection(), company, self.entity_names[company], year,
                                       name_zh=self._names("中文")[company])

    def _year_without_rounds(self, question: str, conversation: Conversation, match: Match) -> Match:
        """A question about one company's layoffs in a year it has no round on record in ("and in
        2022?" after Salesforce): its WARN notices of that year when it filed any, else a decline that
        says which years it has rounds in, rather than another fact of the company (its profile).
        `match` unchanged when the answer is a round of that year, or the question is another one."""
        year = match.conversation.year
        top = match.documents[0] if match.answered and match.documents else None
        if year is None or (top is not None and top.kind == "warn"):
            return match
        parsed, topic = analyse(self.index, question, conversation)
        companies = [e for e in parsed.entity_ids if self.index.entities[e].kind == "company"]
        only_rounds = set(parsed.content) <= analysis.ROUND_ONLY_WORDS
        if topic is None and parsed.follow_up and parsed.month and only_rounds:
            topic = "layoff-size"  # "那年一月份那轮呢" (and that year's January round?): its size, as a new round's
        if len(companies) != 1 or topic not in ("layoff-size", "layoff-date") or (
                parsed.year_from_context and set(parsed.entity_ids) > set(parsed.context_entity_ids)
                and names_a_place_alone(self.index, parsed)):
            return match  # (a place alone, "what about in germany?": the company's facts there, of any year)
        # a fact of the company's layoffs that is itself of that year (it may tell a round no event holds)
        of_that_year = (top is not None and top.entity_id == companies[0] and _about_company_layoffs(top, self.index)
                        and year in self.index.doc_years.get(top.id, ((), ()))[0])
        company = companies[0]
        conn = self._connection()
        try:
            years = [r[0] for r in conn.execute(
                "select distinct substr(date, 1, 4) from events where company_id = ? and coalesce(retired, 0) = 0 "
                "and coalesce(origin, '') not like 'warn-%' order by 1", [company])]
            if str(year) in years:  # a round of that year exists: it leads, not a round of another year
                if top is None and only_rounds and parsed.entity_ids == (company,) and not (
                        parsed.unknown or parsed.hints):  # ("how many of them were in the us": a part, untold)
                    # "what about 2025" after Intel's layoffs: a year alone, declined for want of words; "Nissan
                    # job cuts 2024 how many?": a round no fact of that year tells (its 9,000, folded into 2025's)
                    return self._round_of_year_asked(match, company, year, topic, parsed.month)
                return self._round_of_year(match, company, year) if top is not None else match
            if of_that_year:
                return match
            counts = warn_view.state_counts(conn, (company,), year=year)
        except (sqlite3.Error, DatabaseError):
            _log_exception("rounds could not be read")
            return match
        name = self._names(question)[company]
        after = dataclasses.replace(match.conversation, entity_ids=(company,), year=year)
        if counts:
            summary = warn_view.summary_document(company, name, counts, also=False)
            return Match(True, 1.0, (summary,), (company,), warn_view.WARN_TOPIC, (), after)
        if not years:
            return match
        lang = language_of(question)
        listed = say("and", lang).join([", ".join(years[:-1]), years[-1]] if len(years) > 1 else years)
        note = say("no_round_that_year", lang, name=name, year=year, years=listed)
        return Match(False, 0.0, (), (company,), topic, match.suggestions, after, "no round that year",
                     note=note)

    def _round_by_order(self, question: str, conversation: Conversation, match: Match) -> Match:
        """The company's round a question names by its order ("when was the second round", "amazon's first
        layoffs in 2023", "第二轮裁员"): its rounds on record in the year asked or talked about (else all),
        oldest first; `match` unchanged when the question names no order or no company, or the company has
        no such round."""
        found = _ORDINAL.search(normalize(question))
        if found is None:
            return match
        parsed, topic = analyse(self.index, question, conversation)
        companies = [e for e in parsed.entity_ids if self.index.entities[e].kind == "company"]
        if len(companies) != 1 or topic not in (None, "profile", "layoff-size", "layoff-date", "layoff-reason"):
            return match
        if topic in (None, "profile"):  # "Meta第二轮裁员是什么时候" (是什么: a profile): what its question word asks
            topic = {"when": "layoff-date", "why": "layoff-reason"}.get(parsed.question_type or "", "layoff-size")

        position = _ORDINALS[next(g for g in found.groups() if g)]
        # The year talked about, not asked ("when was the second round?" after Meta's November 2022 round),
        # counts the rounds on record when that year has too few.
        for year in dict.fromkeys([parsed.year, None] if parsed.year_from_context else [parsed.year]):
            try:
                every = self._rounds(companies[0], year)
            except (sqlite3.Error, DatabaseError):
                _log_exception("rounds could not be read")
                return match
            in_order = sorted(every.rows, key=lambda r: r.date)
            if position < len(in_order):
                return self._lead_with_round(match, companies[0], in_order[position], topic, year)
        return match

    def _lead_with_round(self, match: Match, company: str, row, topic: str, year: int | None) -> Match:
        """A match answered with round `row` of `company`, told by a fact of `topic` that cites it (else
        its size, else its event); `match` unchanged when the base has no document of it."""
        facts = [self.index.documents[d] for d in self.index.by_entity.get(company, [])]
        seed = next((d for d in facts if d.kind == "fact" and d.topic == "layoff-size"), None)
        lead = (self._fact_of_round(company, row, topic)
                or (self._round_document((seed,), row) if seed is not None else self.index.documents.get(row.event_id)))
        if lead is None:
            return match
        # (the talk is now about that round, as told: its topic, and no month but its own: "what about microsoft?"
        # after "why?" of Meta's November round, then "and the second round?")
        month = match.conversation.month if match.conversation.month == _period_of(row.date)[1] else None
        after = dataclasses.replace(match.conversation, entity_ids=(company,), year=year, doc_ids=(lead.id,),
                                    topic=lead.topic, month=month)
        return Match(True, 1.0, (lead,), (company,), lead.topic, (), after)

    def _fact_of_round(self, company: str, row, topic: str) -> Document | None:
        """The company's first curated fact of `topic` that cites one of round `row`'s sources; None when none
        does."""
        cited = set(row.source_ids)
        return next((doc for doc in map(self.index.documents.__getitem__, self.index.by_entity.get(company, []))
                     if doc.kind == "fact" and doc.topic == topic and cited & set(doc.source_ids)), None)

    def _rounds_read(self, company: str) -> Rounds | None:
        """`_rounds(company)`, or None (logged) when the database cannot be read."""
        try:
            return self._rounds(company)
        except (sqlite3.Error, DatabaseError):
            _log_exception("rounds could not be read")
            return None

    def _round_of_year_asked(self, match: Match, company: str, year: int, topic: str,
                             month: int | None = None) -> Match:
        """A follow-up that names only a year (or a month of it), about a company with a round of that year: the
        biggest round of that year (of that month, when it has one), told by a fact of the topic asked where one
        cites it (else its size)."""

        of_year = self._rounds(company, year)
        of_month = [r for r in of_year.rows if month and r.date[5:7] == f"{month:02d}"]
        if not of_year.rows:
            return match
        return self._lead_with_round(match, company, of_month[0] if of_month else of_year.biggest, topic, year)

    def _round_of_year(self, match: Match, company: str, year: int) -> Match:
        """`match` led by the biggest round of `year` ("and in 2022?" after Amazon's rounds had been
        answered with March 2023's, whose claim mentions 2022)."""

        every = self._rounds(company)
        told = self._event_of(match.documents[0], every)
        if told is None or any(r.event_id == told and r.date.startswith(str(year)) for r in every.rows):
            return match  # the answer tells a round of that year (or no round the base can tell)
        of_year = [r for r in every.rows if r.date.startswith(str(year))]  # largest first, as `every`
        if not of_year:
            return match
        lead = self._round_document(match.documents, of_year[0])
        if lead is None or lead == match.documents[0]:
            return match
        return dataclasses.replace(match, documents=(lead,),
                                   conversation=dataclasses.replace(match.conversation, doc_ids=(lead.id,)))

    def _forecast_decline(self, question: str, conversation: Conversation) -> Match | None:
        """A declined match, saying why, for a question about layoffs in a period after today ("will
        Apple lay off next year?", "Google layoffs 2027"): nothing reported can answer it. None for
        any other question, and for rules ("what will the protective award be from 2027?")."""
        if not analysis.future_period(normalize(question), dt.date.today()):
            return None
        parsed, topic = analyse(self.index, question, conversation)
        companies = tuple(e for e in parsed.entity_ids if self.index.entities[e].kind == "company")
        # (Anything else asked of a company's future, "intel's revenue forecast for next year", no more so; nor
        # a word's meaning, whenever the layoff it names: "a RIF is coming next month, what does RIF stand for")
        if topic in analysis._RULE_TOPICS or parsed.question_type == "meaning" or not (
                "layoff" in parsed.content or topic in analysis._COMPANY_TOPICS or companies):
            return None
        if not companies and _SUPPOSED_LATER.search(normalize(question)):
            # "got let go in France — if they rehire next year, do I get priority?": a case supposed to come, of the
            # law's, no forecast of anyone's layoffs
            return None
        suggestions = tuple(f"How many people did {self.entity_names[e]} lay off?" for e in companies[:2])
        # Declined, it still says what the talk is about: "what about the jan 2026 cuts?" after "will
        # amazon have more layoffs next year" is about Amazon (its year, the future one, is not kept).
        after = Conversation(parsed.entity_ids, topic) if parsed.entity_ids else conversation
        return Match(False, 0.0, (), parsed.entity_ids, topic, suggestions, after, "future")

    # -- several rounds of one company (bot.rounds) ----------------------------------------------

    def _with_rounds(self, question: str, match: Match, conversation: Conversation) -> Match:
        """A layoff answer about one company's several rounds: the biggest round's fact first, then the
        total and the other rounds in a short list. Where the matcher found several rounds about equally
        likely, or the question asks about the company's layoffs in general or in a year
        (`_asks_about_rounds_in_general`), and picks no round by its figure or month; else unchanged."""
        if not (match.answered and match.documents):
            return match
        if _names_one_round(question, match.conversation):
            return self._round_of_figure(question, match)
        top = match.documents[0]
        if not _about_company_layoffs(top, self.index) or any(d.entity_id != top.entity_id for d in match.documents):
            return match
        if len(match.documents) == 1 and (not self._asks_about_rounds_in_general(question, conversation) or (
                conversation.doc_ids == (top.id,))):  # "how many?" right after this one round: still it
            return match
        from . import rounds

        try:
            found = self._rounds(top.entity_id, match.conversation.year)
        except (sqlite3.Error, DatabaseError):
            _log_exception("rounds could not be read; answering without a total")
            return match
        part_of_year = bool(match.conversation.period and match.conversation.year)
        if part_of_year:
            found = rounds.within(found, match.conversation.period)  # "and earlier that year?": its months
        if len(found.rows) < 2:
            return match
        # The biggest round leads when the rounds can be compared; else, or when the question names a part of
        # the company ("AWS layoffs": the matcher kept the facts that speak of it) or a place ("wayfair germany
        # layoffs": the round there), the matcher's own pick.
        narrowed = bool(match.conversation.unit) or any(  # (the match's own analysis: no second one)
            self.index.entities[e].kind == "jurisdiction" for e in match.entity_ids if e in self.index.entities)
        lead = (self._round_document(match.documents, found.biggest) if found.comparable and not narrowed
                else None) or top
        lead_event = found.biggest.event_id if lead is not top else self._event_of(top, found)
        # The round the answer leads with is the one a bare "why?" or "when?" next asks about.
        told = (lead.id, *(d for d in match.conversation.doc_ids if d != lead.id))
        return dataclasses.replace(match, documents=(lead, *rounds.summary_documents(
                                       found, lead_event, top.topic, match.conversation.year,
                                       part_of_year=part_of_year)),
                                   conversation=dataclasses.replace(match.conversation, doc_ids=told))

    def _round_told_asked_again(self, question: str, conversation: Conversation, match: Match) -> Match:
        """A question pointing back at the round just told, asking of it only ("how many people was that" after
        Meta's second round; "那次裁了多少人"): that round, told by a fact of the topic the matcher found; it had
        answered with another round of the company, the one its words or the biggest led to. `match` unchanged
        when the last answer told no round of the company, or the question picks one itself (a year, a month, a
        figure, an order) or says more than its layoffs."""
        top = match.documents[0] if match.answered and match.documents else None
        told = self.index.documents.get(conversation.doc_ids[0]) if conversation.doc_ids else None
        if (top is None or told is None or told.entity_id != top.entity_id or top.id == told.id
                or top.topic not in _ROUND_FACT_TOPICS or told.topic not in _ROUND_FACT_TOPICS
                or not _about_company_layoffs(dataclasses.replace(told, topic="layoff-size"), self.index)):
            return match
        normalized = normalize(question)
        if (not _POINTS_BACK.search(normalized) or _ORDINAL.search(normalized)
                or _names_one_round(question, Conversation()) or asks_another_time(normalized)):
            return match
        alone, _ = analyse(self.index, question, Conversation())
        parsed, _ = analyse(self.index, question, conversation)
        if (alone.year or alone.month or set(parsed.content) - {"layoff", "staff"}
                or set(parsed.entity_ids) - set(parsed.context_entity_ids)):
            return match  # ("and the january one after that?": a round of its own month)
        every = self._rounds_read(top.entity_id)
        event = self._event_of(told, every) if every is not None else None
        if event is None or event == self._event_of(top, every):
            return match
        row = next(r for r in every.rows if r.event_id == event)
        lead = self._fact_of_round(top.entity_id, row, top.topic)
        if lead is None:
            return match
        return dataclasses.replace(match, documents=(lead,),
                                   conversation=dataclasses.replace(match.conversation, doc_ids=(lead.id,)))

    def _when_of_round_told(self, question: str, conversation: Conversation, match: Match) -> Match:
        """"when?" or "how many?" right after an answer that told one round: that fact's first sentence, which dates
        and sizes it ("On November 9, 2022 Meta announced it was laying off more than 11,000 employees…"), alone; the
        whole answer again repeated what had just been read.
        `match` unchanged otherwise (a question of its own words, another round, a first sentence with no year)."""
        top = match.documents[0] if match.answered and match.documents else None
        if top is None or not conversation.doc_ids or top.id != conversation.doc_ids[0]:
            return match
        asked = analysis.question_types(normalize(question))
        several = [d for d in match.documents if d.kind == "rounds"]
        if several and not (asked == {"when"} and any(d.id.startswith("rounds-list:") for d in several)):
            return match  # several rounds told: their list dates each (a "how many?" asks their total again)
        first = top.claim.split(". ")[0]
        if asked not in ({"when"}, {"how_many"}) or not (_YEAR_IN if "when" in asked else _FIGURE_IN).search(first):
            return match
        if analysis._SHARE.search(normalize(question)) and not _PERCENT_IN.search(first):
            return match  # "what % of workforce was that": a share asked, which the first sentence may not state
        parsed, _ = analyse(self.index, question, conversation)
        if set(parsed.content) - {"layoff", "staff"} or set(parsed.entity_ids) - set(parsed.context_entity_ids):
            return match  # words or a subject of its own: a question asked afresh, answered in full
        # (several rounds told: "when?" gets the lead's date and the list that dates the others, not their total and
        # the WARN notices again)
        dated = tuple(d for d in several if d.id.startswith("rounds-list:"))
        return dataclasses.replace(match, documents=(top, *dated), brief=True)

    def _qualifier_of_fact_told(self, question: str, conversation: Conversation, match: Match) -> Match:
        """"is there a cap?", "有上限吗" right after a rule that states one: the sentences of it that say the cap (or
        the exception asked), alone; the whole rule again repeated what had just been read, its cap in the middle.
        `match` unchanged otherwise (another fact, words of its own, a rule whose sentences say no such thing)."""
        top = match.documents[0] if match.answered and match.documents else None
        if top is None or len(match.documents) != 1 or not conversation.doc_ids or top.id != conversation.doc_ids[0]:
            return match
        alone, _ = analyse(self.index, question, Conversation())
        asked = set(alone.content)
        if not asked or not asked <= lexicon.RULE_QUALIFIERS or set(alone.entity_ids) - set(conversation.entity_ids):
            return match
        cue, cue_zh = (_CAP_SAID, _CAP_SAID_ZH) if "cap" in asked else (_EXCEPTION_SAID, _EXCEPTION_SAID_ZH)
        claim = _sentences_saying(top.claim, _SENTENCE_END, cue)
        if not claim:
            return match
        claim_zh = _sentences_saying(top.claim_zh, _SENTENCE_END_ZH, cue_zh) if top.claim_zh else None
        lead = dataclasses.replace(top, claim=claim, claim_zh=claim_zh if claim_zh or not top.claim_zh else None)
        return dataclasses.replace(match, documents=(lead,))

    def _reason_of_biggest_round(self, question: str, conversation: Conversation, match: Match) -> Match:
        """A company's reasons asked of no round in particular ("why did google lay off staff", "那谷歌呢？" after
        Meta's reasons): those of the round a question about its layoffs leads with (`_with_rounds`: the biggest),
        where a fact of that round tells them; else, or when the question or the talk picks a round (a year, a
        month, a figure, a round of the company just told), `match` unchanged."""
        top = match.documents[0] if match.answered and match.documents else None
        entity = self.index.entities.get(top.entity_id or "") if top is not None else None
        if (entity is None or entity.kind != "company" or top.topic != "layoff-reason"
                or match.conversation.year is not None or _names_one_round(question, match.conversation)
                or any(self.index.documents[d].entity_id == entity.id
                       for d in conversation.doc_ids if d in self.index.documents)):
            return match
        every = self._rounds_read(entity.id)
        if (every is None or len(every.rows) < 2 or not every.comparable
                or self._event_of(top, every) == every.biggest.event_id):
            return match
        parsed, _ = analyse(self.index, question, conversation)
        if set(parsed.content) - {"layoff", "staff"}:
            return match  # words of its own pick the round ("the 'year of efficiency' job cuts", "did FTX cause")
        reason = self._fact_of_round(entity.id, every.biggest, "layoff-reason")
        if reason is None:
            return match
        return dataclasses.replace(match, documents=(reason,),
                                   conversation=dataclasses.replace(match.conversation, doc_ids=(reason.id,)))

    def _round_of_figure(self, question: str, match: Match) -> Match:
        """`match` led by the company's one round whose headcount the question states ("when did amazon
        announce the 18000 layoffs", "nissan 9000 job cuts"), where the matcher picked a fact of another
        round that mentions it in passing (March 2023's 9,000 'on top of the 18,000'); else unchanged."""
        top = match.documents[0]
        figures = _stated_figures(normalize(question))
        if not figures or not (top.entity_id and top.topic.startswith("layoff-")) or (
                self.index.entities[top.entity_id].kind != "company"):
            return match
        every = self._rounds_read(top.entity_id)
        if every is None:
            return match
        stated = [r for r in every.rows if r.headcount in figures]
        if len(stated) != 1 or self._event_of(top, every) in (None, stated[0].event_id):
            return match
        lead = self._round_document(match.documents, stated[0])
        if lead is None or lead == top:
            return match
        return dataclasses.replace(match, documents=(lead,),
                                   conversation=dataclasses.replace(match.conversation, doc_ids=(lead.id,)))

    @staticmethod
    def _event_of(doc: Document, found) -> str | None:
        """The round `doc` tells: its own event, else the round whose sources it cites most."""
        if any(r.event_id == doc.id for r in found.rows):
            return doc.id
        shared = [(len(set(doc.source_ids) & set(r.source_ids)), r.event_id) for r in found.rows]
        best = max(shared, default=(0, None))
        return best[1] if best[0] else None

    def _asks_about_rounds_in_general(self, question: str, conversation: Conversation) -> bool:
        """Whether the question's content words are only those any round's own questions share
        (`ROUND_QUESTIONS`: "layoff", "people"...), and it names no sub-unit of the company ("Alibaba
        Cloud"): then it asks about the company's rounds, not one of them."""
        parsed, _ = analyse(self.index, question, conversation)
        if self._round_words is None:
            self._round_words = frozenset(w for q in ROUND_QUESTIONS for w in self.index.content_words(
                normalize(q.format(name="", when="", year=""))))
        # (a unit named as the company's ("Shopee母公司Sea", "Shopee's parent Sea") names the whole company)
        hints = set(parsed.hints) - (analysis.unit_words_named(self.index, parsed) if names_a_parent(
            parsed.normalized) else frozenset())
        return not hints and not parsed.unknown and set(parsed.content) <= self._round_words

    def _round_document(self, matched: tuple[Document, ...], row) -> Document | None:
        """The company's document that tells round `row`: a fact citing one of the round's sources
        that states its figure, preferring the matcher's own picks (`matched`, best first) and facts of
        the topic asked; else the round's own event document."""
        top = matched[0]
        sources = set(row.source_ids)
        figures = {number_text(x) for x in (row.headcount, row.percent) if x is not None}
        order = {d.id: i for i, d in enumerate(matched)}
        best, best_key = None, None
        for doc_id in self.index.by_entity.get(top.entity_id, []):
            doc = self.index.documents[doc_id]
            if doc.kind != "fact" or doc.topic not in (top.topic, "layoff-size") or not sources & set(doc.source_ids):
                continue
            key = (doc.topic == top.topic, any(f in doc.claim for f in figures), doc.id in order,
                   -order.get(doc.id, 0), len(sources & set(doc.source_ids)))
            if best_key is None or key > best_key:
                best, best_key = doc, key
        return best or self.index.documents.get(row.event_id)

    # -- WARN notices (bot.warn_view) ------------------------------------------------------------

    def _with_warn_notices(self, question: str, match: Match, conversation: Conversation = Conversation()) -> Match:
        """`match` with WARN notices joined: a question about an employer's notices (or layoffs in a
        bundled state) is answered from the registers; a curated company's layoff answer gets a
        one-line summary of its notices after its rounds. Unchanged when the registers say nothing."""
        try:
            # A declined layoff question ("Kaiser Foundation Hospitals layoffs") may be about an employer
            # known only from WARN notices; a curated company's declined question asked something else.
            fallback = (not match.answered and warn_view.asks_about_layoffs(question) and not match.entity_ids
                        and match.topic in (None, "layoff-size", "layoff-date"))
            # "in new york?", "and california?", "did they file WARN notices in California?" after a question about
            # one company: its notices there
            talked = [e for e in conversation.entity_ids
                      if e in self.index.entities and self.index.entities[e].kind == "company"]
            there = (len(talked) == 1 and warn_view.state_named(question) is not None
                     and (len(analysis.follow_up_words(normalize(question))) <= 4
                          or analysis.refers_back(normalize(question)))
                     and all(self.index.entities[e].kind == "jurisdiction"
                             for e in match.entity_ids if e in self.index.entities))
            if warn_view.wants_warn(question) or fallback or there:
                found = self._warn_subject(question, match, talked[0] if there else None)
                if (found is None and match.answered and match.documents[0].kind == "rule"
                        and warn_view.wants_warn(question) and analysis.unknown_employer_names(self.index, question)):
                    # "did Kaiser Permanente file a WARN notice in California?": about an employer's notices,
                    # which the state's law does not answer; the decline names employers spelt alike.
                    return dataclasses.replace(match, answered=False, documents=(), reason="no WARN notice")
                rule_topic = match.topic in analysis._RULE_TOPICS
                state = (warn_view.state_named(question) if found is None
                         and warn_view.asks_for_register(question, rule_topic=rule_topic) else None)
                if state is not None and analysis.unknown_employer_names(self.index, question):
                    # "Did Zorblax Robotics file WARN notices in New York?": an employer the registers lack,
                    # not the state's list; the decline says so by name.
                    return dataclasses.replace(match, answered=False, documents=(), reason="no WARN notice")
                if state is not None and all(self.index.entities[e].kind == "jurisdiction"
                                             for e in match.entity_ids if e in self.index.entities):
                    # "warn notices in massachusetts 2025 biggest": a bundled state's register, no employer
                    query = warn_view.parse(question, (), "")
                    # every state named ("which state had more warn notices in 2023, california or
                    # washington"): each register's summary, the first in full
                    docs = tuple(doc for code in (warn_view.states_named(question) or [state])
                                 for doc in warn_view.state_documents(self._connection(), code, query.year, question))
                    if docs:
                        return Match(True, 1.0, docs, (), warn_view.WARN_TOPIC, (),
                                     Conversation((), warn_view.WARN_TOPIC, query.year))
                if (state is None and found is None and warn_view.asks_notice_count(question)
                        and not analysis.unknown_employer_names(self.index, question)
                        and all(self.index.entities[e].kind == "jurisdiction"
                                for e in match.entity_ids if e in self.index.entities)):
                    # "how many warn notices got filed last year": no state, no employer; every register's count
                    # (a rule of the law, its penalties, answered it)
                    query = warn_view.parse(question, (), "")
                    doc = warn_view.registers_document(self._connection(), query.year)
                    if doc is not None:  # the talk stays on the law it was about ("exceptions to the 60 days?")
                        return Match(True, 1.0, (doc,), (), warn_view.WARN_TOPIC, (),
                                     dataclasses.replace(match.conversation, doc_ids=(doc.id,)))
                if found is not None:
                    query = warn_view.parse(question, *found)
                    if there and query.year is None and conversation.year:
                        query = dataclasses.replace(query, year=conversation.year)  # the talk's year, kept
                    docs = warn_view.documents(self._connection(), query)
                    if not docs and match.answered and (match.documents[0].kind == "rule"
                                                        or match.documents[0].entity_id is None):
                        # "starbucks layoffs california 2023": about an employer's layoffs, which a state's
                        # law does not answer, nor the glossary's WARN notice ("microsoft warn notices
                        # 2022"); the decline says what the registers hold.
                        return dataclasses.replace(match, answered=False, documents=(), reason="no WARN notice")
                    if docs:
                        # Follow-ups lean on entities the index knows; an employer known only from
                        # WARN notices is not one of them.
                        known = tuple(i for i in query.company_ids if i in self.index.entities)
                        after = Conversation(known, warn_view.WARN_TOPIC if known else None, query.year)
                        return Match(True, 1.0, docs, query.company_ids, warn_view.WARN_TOPIC, (), after)
            if (match.answered and match.documents and _about_company_layoffs(match.documents[0], self.index)
                    and _names_no_country_but_the_us(question)):
                top = match.documents[0]
                # Of the year asked; else, under one round, of that round's year (notices of 2017-2026 under Google's
                # January 2023 cuts said more than was asked); under several rounds, of all the years they span.
                year = match.conversation.year or (
                    int(top.as_of[:4]) if top.as_of and not any(d.kind == "rounds" for d in match.documents) else None)
                counts = warn_view.state_counts(self._connection(), (top.entity_id,), year=year)
                if counts:
                    summary = warn_view.summary_document(top.entity_id, self.entity_names.get(top.entity_id, ""),
                                                         counts, also=True,
                                                         name_zh=self._names("中文").get(top.entity_id, ""))
                    return dataclasses.replace(match, documents=(*match.documents, summary))
        except (sqlite3.Error, DatabaseError):
            _log_exception("WARN notices could not be read; answering without them")
        return match

    def _warn_subject(self, question: str, match: Match,
                      talked_about: str | None = None) -> tuple[tuple[str, ...], str] | None:
        """(company ids, name) the question asks about: a curated company the engine recognised, else
        an employer known only from WARN notices named in it, else `talked_about` (the one company
        talked about, for a short follow-up that names only a bundled state: "in new york?" after
        Amazon's layoffs); None when none of these."""
        from .views import recognised_entities

        companies, _ = recognised_entities(self.index, question)
        if companies:
            return companies[:1], self.entity_names[companies[0]]
        ids, _, _ = self._employer_list().find(question)
        if ids:
            return ids, self.employers.names[ids[0]]
        if talked_about is not None:
            return (talked_about,), self.entity_names[talked_about]
        return None

    def _employer_list(self) -> warn_view.EmployerNames:
        if self.employers is None:
            self.employers = warn_view.EmployerNames(self._connection())
        return self.employers

    def _employer_names(self, match: Match) -> dict[str, str]:
        if self.employers is None:
            return {}
        return {i: self.employers.names[i] for i in match.entity_ids if i in self.employers.names}

    def _warn_decline(self, question: str, answer: Answer, match: Match) -> Answer:
        """A declined layoff question about a company the registers lack, or an employer they spell
        otherwise: say what the registers cover, and name employers whose names start alike."""
        try:
            lang = language_of(question)
            wants = warn_view.wants_warn(question)
            subject = self._warn_subject(question, match) if wants else None
            asked = self._employer_list().find(question)[2] if wants and not subject else None
            if asked and all(len(word) == 1 for word in asked.split()):
                asked = None  # "I'm on an H-1B": "i m", a pronoun's contraction, no employer "I M"
            if asked and not any(_written_as_name(word, question) for word in asked.split()) and (
                    _TITLE_CASE_WORD.search(question.strip().partition(" ")[2])
                    or all(english_word(word) for word in asked.split())):
                # Words in lowercase that a writer who capitalises names (past the first word) wrote, or that
                # are all everyday English: no employer's name ("Who do you have to notify under the New York
                # WARN Act?" asks about the law, not "Notify Under"; "California WARN vs federal WARN").
                asked = None
            name = subject[1] if subject else match.missing or (asked.title() if asked else None)
            if not name:
                return answer
            notes = []
            if wants:
                notes.append(warn_view.coverage_note(self._connection(), name, question, lang))
            near = [n for n in self._employer_list().near(name) if n != name]
            if near:
                notes.append(say("warn_names_near", lang, names="; ".join(near)))
            if not notes:
                return answer
            suggestions = tuple(say("warn_question", lang, name=n) for n in near[:2]) + answer.suggestions
            return dataclasses.replace(answer, note=" ".join([answer.note, *notes]).strip(),
                                       suggestions=suggestions[:3])
        except (sqlite3.Error, DatabaseError):
            _log_exception("WARN notices could not be read")
            return answer

    def _connection(self) -> sqlite3.Connection:
        """One read-only connection for structured views, opened on first use."""
        if self.conn is None:
            self.conn = connect_readonly(self.path)
        return self.conn

    def source_list(self) -> list[Source]:
        return sorted(self.sources.values(), key=lambda s: (s.publisher.lower(), s.published or ""))


def _in_traditional(answer: Answer) -> Answer:
    """`answer`'s own words (claims, note, suggestions, reply) in traditional characters, its language ZH_HANT."""
    return dataclasses.replace(
        answer, claims=tuple(in_script(c, ZH_HANT) for c in answer.claims), note=in_script(answer.note, ZH_HANT),
        suggestions=tuple(in_script(q, ZH_HANT) for q in answer.suggestions),
        reply=in_script(answer.reply, ZH_HANT), lang=ZH_HANT)


def _log_exception(message: str) -> None:
    """Log `message` with the exception being handled (its traceback), at ERROR."""
    import logging  # imported when something goes wrong: a cold `ask` does without it

    logging.getLogger(__name__).exception(message)


def _names_no_country_but_the_us(question: str) -> bool:
    """US WARN notices say nothing about layoffs in a country the question names ("in Malaysia")."""
    from .views import _country

    return _country(normalize(question), question, ()) in (None, "United States")


# Asking where the last answer came from: "source?", "link pls", "where is that from", "来源呢".
_ASKS_SOURCES = re.compile(r"(?:(?:and|so|ok|what|whats|what is|where|wheres|where is|show me|give me|got|any)"
                           r"\s+)*"
                           r"(?:the |a |your |ur )?"
                           r"(?:source|sources|link|links|citation|citations|reference|references)"
                           r"(?: (?:pls|please|plz|for that|for this|for it))?|where is (?:that|this|it) from|"
                           r"(?:有)?(?:来源|出处|链接)(?:呢|吗|是什么|在哪)?")


# A round named by its order: "the second round", "amazon's first layoffs", "3rd wave", "第二轮裁员".
_ORDINALS = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "fourth": 3, "4th": 3,
             "fifth": 4, "5th": 4, "一": 0, "二": 1, "三": 2, "四": 3, "五": 4}
_ORDINAL = re.compile(r"\b(first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th) (?:[a-z]+ )?(?:round|wave|batch|"
                      r"layoffs?|job cuts|cuts|set of layoffs)\b|第([一二三四五])(?:轮|波|批|次)")
# (one word may stand between: "its first big round", "the second major wave")


# The facts that tell one round of a company, and the words that point back at what was just told ("how many was
# that", "那次裁了多少人")
_ROUND_FACT_TOPICS = frozenset({"layoff-size", "layoff-date", "layoff-reason", "layoff-process"})
_POINTS_BACK = re.compile(r"\b(?:that|this|it|they|them)\b|那次|这次|那轮|这轮|那一轮|这一轮|那批|这批")


def _names_one_round(question: str, conversation: Conversation) -> bool:
    """Whether the question picks out one round: by its month ("in January 2023"), quarter or half
    ("Q4 2022", "上半年"), or a figure it states ("the 18,000 job cuts"); a year alone may hold
    several rounds."""
    normalized = normalize(question)
    return conversation.month is not None or bool(period_months(normalized)) or bool(_stated_figures(normalized))


def _stated_figures(normalized: str) -> set[int]:
    """The figures a normalised question states that are no years ("the 18,000 job cuts": {18000})."""
    words = normalized.split()
    # (nor a month or day written with a figure: "11月那次呢" is November's round, no round of 11 people)
    return {int(w) for w, after in zip(words, [*words[1:], ""][:len(words)], strict=True)
            if w.isdecimal() and not 1900 <= int(w) <= 2100 and not after.startswith(("月", "日", "号", "年"))}


# A rule's qualifiers, as its sentences say them (`FactBase._qualifier_of_fact_told`): a cap, an exception
_CAP_SAID = re.compile(r"\b(?:cap|caps|capped|maximum|max|at most|no more than|ceiling|limit|limited to|up to)\b",
                       re.IGNORECASE)
_CAP_SAID_ZH = re.compile(r"上限|封顶|最高|不超过|最多|為限|为限")
_EXCEPTION_SAID = re.compile(r"\b(?:except|exception|exceptions|exempt|exemption|unless|does not apply|excluded|"
                             r"not covered)\b", re.IGNORECASE)
_EXCEPTION_SAID_ZH = re.compile(r"除外|例外|豁免|不适用|不包括|除非")
_SENTENCE_END = re.compile(r"(?<=[.;])\s+(?=[A-Z\"“(])")
_SENTENCE_END_ZH = re.compile(r"(?<=[。；])")
_MARKER = re.compile(r"\[[a-z0-9][a-z0-9-]*\]")


def _sentences_saying(claim: str, end: re.Pattern, cue: re.Pattern) -> str:
    """The sentences of `claim` (split at `end`) that `cue` finds, in order (joined by a space, in Chinese by
    nothing), each with the source markers of the sentence that next cites one when it cites none itself; "" when
    none says it."""
    sentences = [x.strip() for x in end.split(claim) if x.strip()]
    picked = []
    for i, sentence in enumerate(sentences):
        if not cue.search(sentence):
            continue
        if not _MARKER.search(sentence):
            later = next((_MARKER.findall(x) for x in sentences[i + 1:] if _MARKER.search(x)), [])
            sentence = (f"{sentence[:-1]} {' '.join(later)}{sentence[-1]}" if sentence[-1] in ".;。；"
                        else f"{sentence} {' '.join(later)}")
        picked.append(sentence)
    return ("" if picked and has_cjk(picked[0]) else " ").join(picked)


def _period_of(date: str | None) -> tuple[int | None, int | None]:
    """(year, month or None) of an event's date ("2023-12" -> (2023, 12)); (None, None) without one."""
    found = re.match(r"(\d{4})(?:-(\d{2}))?", date or "")
    return (int(found.group(1)), int(found.group(2)) if found.group(2) else None) if found else (None, None)


def _about_company_layoffs(doc: Document, index: FactIndex) -> bool:
    entity = index.entities.get(doc.entity_id or "")
    return bool(entity and entity.kind == "company" and doc.topic in {"layoff-size", "layoff-date"})


def small_talk_reply(question: str) -> str | None:
    """A reply for greetings, thanks and acknowledgements (emoji alone count); None for a question."""
    normalized = normalize(question)
    lang = language_of(question)
    if normalized in GREETINGS:
        return say("hello", lang)
    if normalized in THANKS:
        return say("thanks", lang)
    if normalized in ACKNOWLEDGEMENTS:
        return say("ack", lang)
    if question.strip() and not normalized:  # emoji or punctuation only
        return say("text_only", lang)
    return None


def _governed_elsewhere(stored: str | None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """`jurisdictions.governed_elsewhere` (JSON {jurisdiction id: [sector names]}) as `Entity` holds it, names
    normalised as questions are."""
    return tuple((other, tuple(dict.fromkeys(map(normalize, names))))
                 for other, names in json.loads(stored or "{}").items())


def read_index_inputs(conn: sqlite3.Connection, sources: dict[str, Source] | None = None
                      ) -> tuple[list[Document], list[Entity], list[tuple[str, str, str | None]]]:
    """What `FactIndex.build` indexes (documents, entities, aliases with the unit each names), read through
    `conn` (whose row_factory is sqlite3.Row); `sources` are the non-WARN sources when the caller has them."""
    if sources is None:
        sources = {r["id"]: Source(r["id"], r["url"], r["title"], r["publisher"], r["published"])
                   for r in conn.execute(_OWN_SOURCES)}
    cited: dict[str, list[str]] = defaultdict(list)
    for r in conn.execute("select item_id, source_id from citations where source_id in "
                          "(select id from sources where coalesce(origin, '') not like 'warn-%') "
                          "order by item_id, position"):
        cited[r["item_id"]].append(r["source_id"])
    entities = [
        Entity(r["id"], "company", r["name"], r["country"])
        for r in conn.execute(f"select id, name, country from companies where id not in ({_WARN_ONLY})")
    ] + [
        Entity(r["id"], "jurisdiction", r["name"], parent=r["parent"],
               governed_elsewhere=_governed_elsewhere(r["governed_elsewhere"]))
        for r in conn.execute("select id, name, parent, governed_elsewhere from jurisdictions")
    ]
    aliases = [(r["alias"], r["entity_id"], r["unit"]) for r in conn.execute(
        f"select alias, entity_id, unit from aliases where entity_id not in ({_WARN_ONLY})")]
    documents: list[Document] = []
    for r in conn.execute("select * from facts where coalesce(retired, 0) = 0"):
        documents.append(Document(r["id"], "fact", r["entity_id"], r["topic"], r["as_of"], r["claim"],
                                  tuple(json.loads(r["questions"] or "[]")), tuple(cited[r["id"]]), _claim_zh(r)))
    for r in conn.execute("select * from rules where coalesce(retired, 0) = 0"):
        documents.append(Document(r["id"], "rule", r["jurisdiction_id"], r["topic"], r["as_of"],
                                  r["claim"], tuple(json.loads(r["questions"] or "[]")),
                                  tuple(cited[r["id"]]), _claim_zh(r)))
    documents.extend(_event_documents(conn, documents, cited, sources))
    return documents, entities, aliases


def _event_documents(conn: sqlite3.Connection, documents: list[Document], cited: dict[str, list[str]],
                     sources: dict[str, Source]) -> list[Document]:
    """One answerable document per layoff event not already told by a curated fact."""
    reports: dict[str, list[dict]] = defaultdict(list)
    for r in conn.execute("select * from event_reports order by event_id, position"):
        reports[r["event_id"]].append(dict(r))
    curated_sources: dict[str, set[str]] = defaultdict(set)
    for doc in documents:
        if doc.kind == "fact" and doc.topic == "layoff-size" and doc.entity_id:
            curated_sources[doc.entity_id].update(doc.source_ids)
    publishers = {s.id: s.publisher for s in sources.values()}
    out = []
    rows = conn.execute(
        "select e.*, c.name as company_name from events e join companies c on c.id = e.company_id "
        # Built-in WARN notices (origin warn-<state>, 24k of them) are not one document each.
        "where coalesce(e.retired, 0) = 0 and coalesce(e.origin, '') not like 'warn-%'"
    )
    for r in rows:
        event = dict(r)
        event["source_ids"] = cited[event["id"]]
        if curated_sources[event["company_id"]].intersection(event["source_ids"]):
            continue
        name = event["company_name"]
        claim = event_claim(name, event, reports[event["id"]], publishers)
        when = human_date(event["date"])
        year = (event["date"] or "")[:4]
        questions = tuple(q.format(name=name, when=when, year=year) for q in ROUND_QUESTIONS)
        out.append(Document(event["id"], "event", event["company_id"], "layoff-size", event["date"],
                            claim, questions, tuple(event["source_ids"])))
    return out
