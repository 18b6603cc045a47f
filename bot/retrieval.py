"""Candidate retrieval: the in-memory index of a fact base (entities and their aliases, each fact's
words by field) and the candidates for a question — only facts of the entities it names, plus facts
of no entity (the wrong-entity guard is absolute).

Entity recognition is exact on aliases (word n-grams, Chinese substrings) and fuzzy for typos with
rapidfuzz `ratio` over the aliases that share a first character and a plausible length.
"""

from __future__ import annotations

import bisect
import csv
import math
import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from . import lexicon
from .text import has_cjk, normalize

if TYPE_CHECKING:
    from collections.abc import Callable

    from .analysis import Parsed
    from .ranking import RankerParams


FUZZY_ALIAS_CUTOFF = 88
FUZZY_LONG_ALIAS_CUTOFF = 85  # for typed names of 7+ characters ("coinbsae", "peleton")
# ... and each word of a several-word name, against the name's word in its place: a letter or two off in a
# word of three or more letters scores 66 or more, another word ("in" for "act", "aussie" for "unfair") less.
FUZZY_NAME_WORD_CUTOFF = 60
SUGGESTION_POOL = 50  # facts of a year read for suggestions (three are shown)
FUZZY_WORD_CUTOFF = 87  # spelling correction of unknown words ("severence")
SHORT_WORD_EDITS = (7, 1)  # ... and of words up to 7 letters, one OSA edit ("notise"): the ratio fails them
_YEAR = re.compile(r"\b(20[0-4]\d|19[89]\d)\b")
_MONTHS = {name: number for number, names in enumerate([
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
    ("october", "oct"), ("november", "nov"), ("december", "dec")], 1) for name in names}
# "may" and "march" are also ordinary words: they count as months next to a year or after "in", or as the last word
# of a short follow-up ("and march?", "what about may")
_MONTH = re.compile(r"\b(january|february|april|june|july|august|september|october|november|december"
                    r"|jan|feb|apr|jun|jul|aug|sept?|oct|nov|dec)\b"
                    r"|\b(may|march|mar)(?= (?:20[0-4]\d|19[89]\d|round|rounds|one|layoffs?|cuts|job cuts|wave)\b)"
                    r"|(?<=\bin )(may|march)\b"
                    r"|(?:(?<=^and )|(?<=^or )|(?<=^what about )|(?<=^how about )|(?<=^and what about )"
                    r"|(?<=^ok and )|(?<=^so )|(?<=^then ))(may|march)$")
_CJK_MONTH = re.compile(r"(?<![0-9])(1[0-2]|[1-9]) ?月")  # normalising puts a space before 月
# A named part of a year: a quarter ("Q2", "second quarter", "the June quarter", "April-June",
# "第二季度") or a half ("first half", "H1", "上半年"), as the months it spans.
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
             "final": 4, "last": 4, "一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_QUARTER_ENDS = {"march": 1, "mar": 1, "june": 2, "jun": 2, "september": 3, "sept": 3, "sep": 3,
                 "december": 4, "dec": 4}
_QUARTER_STARTS = {"january": 1, "jan": 1, "april": 2, "apr": 2, "july": 3, "jul": 3, "october": 4, "oct": 4}
_PERIOD = re.compile(
    r"\bq([1-4])\b|\b([1-4])q\b|\bquarter ([1-4])\b"
    r"|\b(first|second|third|fourth|1st|2nd|3rd|4th|final|last) (?:fiscal |financial )?quarter\b(?<!\blast quarter)"
    r"|\b(?:final|last) quarter(?= of\b)"
    r"|第? ?([一二三四1-4]) ?季度"
    r"|\b(march|mar|june|jun|september|sept?|december|dec) (?:(?:20[0-4]\d|19[89]\d) )?quarter\b"
    r"|\b(january|jan|april|apr|july|jul|october|oct) (?:to )?(?:march|mar|june|jun|september|sept?|december|dec)\b"
    r"|\b(first|second|1st|2nd) half\b|\bh([12])\b|([上下])半年")


# What any period `_PERIOD` finds contains: a cheap test first, since most texts name none (the full
# pattern costs about 0.1 ms a sentence, and the index reads every phrasing of every fact).
_PERIOD_HINT = re.compile(r"quarter|half|季度|半年|\b[qh][1-4]\b|\b[1-4]q\b"
                          r"|\b(?:january|jan|april|apr|july|jul|october|oct) (?:to )?"
                          r"(?:march|mar|june|jun|september|sept?|december|dec)\b")


def period_months(normalized: str) -> frozenset[int]:
    """The months of the quarters and halves a text names (sorted out of `_PERIOD`'s groups)."""
    if not _PERIOD_HINT.search(normalized):
        return frozenset()
    months: set[int] = set()
    for m in _PERIOD.finditer(normalized):
        quarter = half = None
        if ordinal := m.group(1) or m.group(2) or m.group(3) or m.group(4) or m.group(5):
            quarter = _ORDINALS[ordinal]
        elif m.group(0).startswith(("final", "last")):
            quarter = 4
        elif m.group(6):
            quarter = _QUARTER_ENDS[m.group(6)]
        elif m.group(7):
            start, end = m.group(7), m.group(0).split()[-1]
            if _QUARTER_STARTS[start] == _QUARTER_ENDS.get(end):
                quarter = _QUARTER_STARTS[start]
        elif half_word := m.group(8) or m.group(9):
            half = 1 if half_word in {"first", "1st", "1"} else 2
        elif m.group(10):
            half = 1 if m.group(10) == "上" else 2
        if quarter:
            months.update(range(3 * quarter - 2, 3 * quarter + 1))
        if half:
            months.update(range(6 * half - 5, 6 * half + 1))
    return frozenset(months)
_RANGE_WORDS = re.compile(r"\d (?:to|and)\b|\b(?:or|and) (?:more|over|older|above)\b|\b(?:than|over|under) \d"
                          r"|\bunder (?:the )?age\b")
_RANGE_BETWEEN = re.compile(r"\b(\d+) (?:to|and) (\d+)\b")
# "100 or more", "2 years service or more": a bound (one of time may have its unit between; a headcount's "50
# employees or more" is left out, as before: read as a range, it let other laws' rules agree with a figure).
_RANGE_ABOVE = re.compile(r"\b(\d+) (?:(?:years?|months?|weeks?|days?) (?:[a-z]+ )?)?(?:or|and) "
                          r"(?:more|over|older|above)\b")
_RANGE_MORE_THAN = re.compile(r"\b(?:more than|over) (\d+)\b")
_RANGE_BELOW = re.compile(r"\b(?:fewer than|less than|under|younger than) (?:(?:the )?age (?:of )?)?(\d+)\b")
# A range of ages: "aged 22 to 40", "under age 22" (the word before the range, or within it)
_AGE_BEFORE = re.compile(r"\bage[ds]?\s+$|\bage[ds]?\s+(?=\d)")
_AGE_WORD = re.compile(r"\bage[ds]?\b|\bolder\b|\byounger\b")
# A figure written as a length of time: "2 years", "3 months" (a range of service, not of people).
_TIME_UNIT = re.compile(r"\d+ (?:years?|yrs?|months?|weeks?|days?)\b")
# A reference to a provision of a law by its number: "§ 23", "§§ 4 to 7", "section 212", "Articles 39-40", "s. 57".
# (With its subsections: "Article 23(2)", "§ 17 (1)".)
_PROVISION_NUMBER = r"\d+[a-z]?(?:\s*\(\w{1,4}\))*"
_PROVISION_REF = re.compile(rf"(?:§§?\s*|\b(?:sections?|ss?\.|articles?|arts?\.|paragraphs?|paras?\.)\s+)"
                            rf"{_PROVISION_NUMBER}(?:\s*(?:to|and|or|-|–|,)\s*{_PROVISION_NUMBER})*", re.IGNORECASE)
_THOUSANDS = re.compile(r"\b(\d{1,3})((?: \d{3})+)\b")
# "lay 600 people off", "let 12000 staff go": the verb around its object.
# China's severance formula and its variants, "N+1", "N+2", "N+3.5" (months' pay per year of service, plus some):
# normalising leaves "n 2", which is one term, as "n 1" is (bot.lexicon.PHRASES).
_N_PLUS = re.compile(r" n (\d+(?:\.\d+)?)(?= )")
# "N+几", "N+多少", "n+x": which N+ was paid is asked, the severance formula's term, not a count (几 alone: how many)
_N_PLUS_ASKED = re.compile(r" n ?(?:几|多少|x|什么|啥)(?=\s|$|[啊呀呢吗嘛哦啦])")  # ("N+几啊": a particle after it)
_SPLIT_LAYOFF = re.compile(r"\b(?:lay|lays|laying|laid|let|lets|letting)((?: [a-z0-9]+){1,3}?) (?:off|go)\b"
                           r"|\b(?:make|makes|made|making)((?: [a-z0-9]+){1,3}?) redundant\b")
# "laying of 12k ppl", "laid of about 500": "off" misspelt, a figure or the staff after it (not "the lay of the land")
_LAID_OF = re.compile(r"\b(?:lay|lays|laying|laid) of (?=\d|about |around |over |nearly |almost |up to |staff|people|"
                      r"ppl|employees|workers|jobs|its |their )")
# A fraction of the staff is a share of it ("cutting almost half its staff", "a third of the workforce"), as "45%" is
_FRACTION_OF_STAFF = re.compile(r"\b(?:half|a third|one third|two thirds|a quarter|one quarter|three quarters)(?: of)? "
                                r"(?=(?:its|their|the|his|her|our) (?:staff|workforce|employees|workers|people|jobs|"
                                r"headcount)\b)")
_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")
_DASHES = re.compile(r"[-\u2010-\u2015/]")  # "January-March": the words a period pattern reads
_TITLE_CASE_WORD = re.compile(r"(?<![\w'])[A-Z][a-z]")
_WORD = re.compile(r"[a-z0-9]+(?:[.&+][a-z0-9]+)*\+?")
# Words that ask, and no name of the base's companies or laws holds (bot.retrieval: a typo's neighbours).
_ASKING_WORDS = frozenset("how what when where why who which whom whose did does do is are was were many much".split())
_ORDINARY_WORDS = frozenset(
    set(lexicon.STOPWORDS) | set(lexicon.SYNONYMS) | set(lexicon.TOPIC_CUES)
    | {w for phrase in lexicon.PHRASES for w in phrase.split()}
)
# What a product names when it is the medium of a message ("zoom call", "zoom meeting"), not its company
_MEDIUM_NOUNS = frozenset({"call", "calls", "meeting", "meetings", "webinar", "webinars", "link", "invite"})
COMMON_WORD_ALIASES = frozenset(
    "red x snap grab zoom dell unity stripe sea meta square block box intel uber lyft rakuten us "
    "in de uk eu ca ny sg cn it new oriental ups indeed workday booking paramount".split()
)
# Aliases that are everyday words: they count only when written like a name ("US", "Sea"),
# even in an all-lowercase question ("how many ppl did amazn lay off in 2023" is not about India).
# So does every one-letter alias: chat writes letters as words ("can u help w my math hw": with, not Wayfair's W).
STRICT_WORD_ALIASES = frozenset(
    "in it de se ms u x us ca cal crm fair king spot coin shop honey threads pixel nest edu lark new "
    "red sea box block square english sie ec pse nes moj tal team rok max better discovery segment "
    "continental f".split()
)
# Nouns that lowercase "us" can qualify only as the country ("us companies", "us labor law"): the pronoun
# qualifies no noun.
_US_NOUNS = frozenset(
    "companies company employers employer firms firm businesses business workers employees staff law laws "
    "rules federal state labor labour government tech startups".split()
)
# The pronoun "us" beside them is the asker's own group, not the country ("what's the risk for us if we don't
# consult properly": after the UK's consultation rules, not the US's WARN penalties).
_FIRST_PERSON_PLURAL = frozenset("we our ours ourselves".split())
# Words in an alias that say nothing beyond the company's name.
_CORPORATE_WORDS = frozenset(
    "inc inc. ltd ltd. llc co co. corp corp. corporation company group holdings holding limited plc "
    "technologies technology the sa se ag ab pvt global international platforms software".split()
)


_MEMO_MAX = 1 << 14  # lookups a FuzzyLookup remembers


class FuzzyLookup:
    """The closest string by rapidfuzz `ratio`, among those sharing the first character and of a
    length that could reach the cutoff: a typo rarely hits the first letter, and this keeps the
    scan small however many names the base holds."""

    def __init__(self, strings: list[str]):
        buckets: dict[str, list[str]] = defaultdict(list)
        for text in strings:
            buckets[text[:1]].append(text)
        self.buckets = {key: sorted(texts, key=len) for key, texts in buckets.items()}
        self.lengths = {key: [len(t) for t in texts] for key, texts in self.buckets.items()}
        # Lookups already made, by (method, query, bound): the strings never change, and the same words and
        # word pairs ("how many", "many employes") come up in question after question. Emptied past _MEMO_MAX.
        self._memo: dict[tuple[str, str, float], tuple[str, float, int] | None] = {}

    def __len__(self) -> int:
        return sum(map(len, self.buckets.values()))

    def _window(self, query: str, shortest: float, longest: float) -> list[str]:
        """The strings sharing `query`'s first character whose length lies in [shortest, longest]."""
        texts = self.buckets.get(query[:1], [])
        lengths = self.lengths.get(query[:1], [])
        return texts[bisect.bisect_left(lengths, shortest):bisect.bisect_right(lengths, longest)]

    def _remember(self, key: tuple[str, str, float], found: tuple[str, float, int] | None):
        if len(self._memo) >= _MEMO_MAX:
            self._memo.clear()
        self._memo[key] = found
        return found

    def best(self, query: str, cutoff: float) -> tuple[str, float, int] | None:
        """The closest string with `ratio` >= `cutoff`, as (string, score, position), or None."""
        key = ("best", query, cutoff)
        if key in self._memo:
            return self._memo[key]
        # ratio = 2M / (la + lb) <= 2 min / (la + lb): the length window loses nothing.
        stretch = 200 / cutoff - 1
        texts = self._window(query, math.floor(len(query) / stretch), math.ceil(len(query) * stretch))
        return self._remember(key, process.extractOne(query, texts, scorer=fuzz.ratio, score_cutoff=cutoff)
                              if texts else None)

    def within_edits(self, query: str, edits: int) -> tuple[str, float, int] | None:
        """The closest string at most `edits` OSA edits away (a letter inserted, dropped, changed, or two
        swapped), as (string, edits, position), or None: a bound on edits, not on `ratio`, which a
        short word's one slip already fails ("notise" against "notice" is 83)."""
        key = ("within_edits", query, edits)
        if key in self._memo:
            return self._memo[key]
        texts = self._window(query, len(query) - edits, len(query) + edits)
        return self._remember(key, process.extractOne(query, texts, scorer=OSA.distance, score_cutoff=edits)
                              if texts else None)


@dataclass(frozen=True)
class Entity:
    id: str
    kind: str  # "company" | "jurisdiction"
    name: str
    country: str | None = None
    parent: str | None = None  # a jurisdiction's parent (us-ca -> us)
    # a jurisdiction's sectors governed by another's law there: ((jurisdiction id, (sector names, normalised)), ...)
    governed_elsewhere: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class Document:
    id: str
    kind: str  # "fact" | "rule" | "event"
    entity_id: str | None
    topic: str
    as_of: str | None
    claim: str
    questions: tuple[str, ...]
    source_ids: tuple[str, ...]
    claim_zh: str | None = None  # the claim in Chinese (same markers and figures), shown to Chinese askers


@dataclass
class FactIndex:
    """Everything the matcher needs, prepared once per database load."""

    documents: dict[str, Document]
    entities: dict[str, Entity]
    aliases: dict[str, tuple[str, ...]]  # normalised alias -> entity ids
    # normalised alias of a part of a company (a unit, a sub-brand: "aws", "aliyun", "阿里云") -> the words
    # that part adds to the company's names ("aws", "cloud"): the hint a question naming it gives
    units: dict[str, tuple[str, ...]] = field(default_factory=dict)
    unit_words: dict[str, frozenset[str]] = field(default_factory=dict)  # company id -> its units' hint content words
    term_words: dict[str, frozenset[str]] = field(default_factory=dict)  # jurisdiction id -> its terms' content words
    by_entity: dict[str | None, list[str]] = field(default_factory=dict)
    doc_tokens: dict[str, frozenset[str]] = field(default_factory=dict)  # from its questions
    claim_tokens: dict[str, frozenset[str]] = field(default_factory=dict)  # from its claim
    doc_choices: dict[str, list[str]] = field(default_factory=dict)
    question_tokens: dict[str, list[frozenset[str]]] = field(default_factory=dict)  # surface words per question
    question_idf: dict[str, float] = field(default_factory=dict)  # BM25 idf over single questions
    average_question_length: float = 1.0
    claim_surface: dict[str, frozenset[str]] = field(default_factory=dict)  # surface words of each claim
    claim_idf: dict[str, float] = field(default_factory=dict)  # BM25 idf over claims
    average_claim_length: float = 1.0
    idf: dict[str, float] = field(default_factory=dict)
    doc_years: dict[str, tuple[frozenset[int], frozenset[int]]] = field(default_factory=dict)
    doc_months: dict[str, frozenset[int]] = field(default_factory=dict)
    vocabulary: FuzzyLookup = field(default_factory=lambda: FuzzyLookup([]))  # words the base uses
    known_words: frozenset[str] = frozenset()
    asked_words: frozenset[str] = frozenset()  # every content word of every fact's questions
    cjk_words: frozenset[str] = frozenset()
    cjk_aliases: list[str] = field(default_factory=list)
    alias_starts: dict[str, int] = field(default_factory=dict)  # first word -> most words of an alias
    name_words: dict[str, frozenset[str]] = field(default_factory=dict)  # entity id -> words of its name
    _masks: dict = field(default_factory=dict, repr=False, compare=False)  # (question) -> mask_entities
    entity_words: dict[str, frozenset[str]] = field(default_factory=dict)  # filled on first use
    alias_choices: FuzzyLookup = field(default_factory=lambda: FuzzyLookup([]))
    by_topic: dict[str, list[str]] = field(default_factory=dict)  # rules first, for suggestions
    # "20 to 99", "100 or more" (lowest, highest, 1.0 if a length of time: "2 years or more"), bot.retrieval._ranges_in
    ranges: dict[str, tuple[tuple[float, float, float], ...]] = field(default_factory=dict)
    # The numbers a fact writes only as a provision's ("article 40", "第41条"), no quantity (`provision_only_numbers`)
    provision_numbers: dict[str, frozenset[str]] = field(default_factory=dict)
    # ... and only as lengths of time ("12 weeks"), no headcount (`time_only_numbers`)
    time_numbers: dict[str, frozenset[str]] = field(default_factory=dict)
    default_suggestions: tuple[str, ...] = ()
    default_suggestions_zh: tuple[str, ...] = ()  # the same facts' Chinese phrasings, for a Chinese asker
    general_params: RankerParams | None = None  # the base's own, for questions naming no entity or topic
    vocabulary_words: set[str] = field(default_factory=set)  # the base's own words (known_words less the lexicon)
    search_general: Callable[[Parsed], list[str] | None] | None = None  # bot.fts: the entity-less facts to rank
    search_size_facts: Callable[[int, int], list[Document]] | None = None  # bot.fts: `size_facts_of_year`

    @classmethod
    def with_entities(cls, entities: list[Entity], aliases: dict[str, tuple[str, ...]],
                      documents: dict[str, Document], units: dict[str, tuple[str, ...]] | None = None) -> FactIndex:
        """An index of `entities` under their normalised `aliases` (alias -> entity ids) and the `units`
        some aliases name (alias -> hint words), with the entity lookups (exact, Chinese, fuzzy)
        prepared; the documents' fields are the caller's to fill."""
        index = cls(documents=documents, entities={e.id: e for e in entities}, aliases=aliases, units=units or {})
        words: dict[str, set[str]] = defaultdict(set)
        for alias, hints in index.units.items():
            for entity_id in aliases.get(alias, ()):
                words[entity_id].update(hints)
        index._chinese_lookups()
        # (as content words, as a question's hints are: read once here, not on every question)
        stemmed = {e: frozenset(index.content_words(" ".join(sorted(w)))) for e, w in words.items()}
        index.unit_words = {e: w for e, w in stemmed.items() if index.entities[e].kind == "company"}
        index.term_words = {e: w for e, w in stemmed.items() if index.entities[e].kind == "jurisdiction"}
        # (a city's name is matched as written: a misspelt word is no city's name)
        cities = _cities()
        index.alias_choices = FuzzyLookup([a for a in index.aliases if len(a) >= 5 and not has_cjk(a)
                                           and not (a in cities and index.units.get(a) == ())])
        for alias in index.aliases:
            first, count = alias.split()[0], len(alias.split())
            index.alias_starts[first] = max(index.alias_starts.get(first, 0), count)
        return index

    def _chinese_lookups(self) -> None:
        """The Chinese aliases, longest first (found inside text), and the segmenter's words with them."""
        self.cjk_aliases = sorted((a for a in self.aliases if has_cjk(a)), key=len, reverse=True)
        self.cjk_words = frozenset(lexicon.CJK_WORDS | set(self.cjk_aliases))

    def names_in(self, normalized: str) -> list[str]:
        """Every alias written in `normalized` text as it stands (no typo read): its word n-grams looked up, Chinese
        aliases found inside it."""
        words = normalized.split()
        found = [gram for i, word in enumerate(words) for n in range(self.alias_starts.get(word, 0), 0, -1)
                 if (gram := " ".join(words[i:i + n])) in self.aliases]
        if has_cjk(normalized):
            found += [alias for alias in self.cjk_aliases if alias in normalized]
        return found

    def city_names(self, normalized: str) -> list[str]:
        """The cities' names (`CITIES`) among `place_names`."""
        cities = _cities()
        return [name for name in self.place_names(normalized) if name in cities]

    def place_names(self, normalized: str) -> list[str]:
        """The jurisdictions' place names (`places:` and cities, stored with no words of their own) in `normalized`
        text, as `names_in` finds them."""
        return [name for name in self.names_in(normalized) if self.units.get(name) == ()]

    def alias_rows(self) -> list[tuple[str, str, str | None]]:
        """(alias, entity id, unit hint words or None) of every alias: what `build` takes again ("" for a
        jurisdiction's place name, which has none)."""
        return [(alias, entity_id, " ".join(self.units[alias]) if alias in self.units else None)
                for alias, ids in self.aliases.items() for entity_id in ids]

    def set_known_words(self, vocabulary: set[str] | frozenset[str]) -> None:
        """The words the base uses (`vocabulary`) and the lexicon's: the spelling corrector's choices."""
        self.known_words = frozenset(vocabulary | set(lexicon.SYNONYMS) | set(lexicon.TOPIC_CUES)
                                     | set(lexicon.STOPWORDS) | {w for p in lexicon.PHRASES for w in p.split()})
        self.vocabulary = FuzzyLookup(sorted(w for w in self.known_words
                                             if len(w) >= 5 and w.isascii() and w.isalpha()))

    @classmethod
    def build(cls, documents: list[Document], entities: list[Entity],
              aliases: list[tuple[str, str]] | list[tuple[str, str, str | None]]) -> FactIndex:
        """The index of `documents` about `entities`, named by `aliases`: (alias, entity id) or (alias,
        entity id, the name of the company's unit it names, or None)."""
        alias_map: dict[str, list[str]] = defaultdict(list)
        entity_ids = {e.id for e in entities}
        unit_names: dict[str, tuple[str, str]] = {}
        places: dict[str, tuple[str, ...]] = {}  # a jurisdiction's place names: no hint words (knowledge.PLACE)
        for alias, entity_id, *unit in aliases:
            key = normalize(alias)
            if key and entity_id in entity_ids and entity_id not in alias_map[key]:
                alias_map[key].append(entity_id)
                if unit and unit[0]:
                    unit_names[key] = (entity_id, unit[0])
                elif unit and unit[0] == "":
                    places[key] = ()
        index = cls.with_entities(entities, {k: tuple(v) for k, v in alias_map.items()},
                                  {d.id: d for d in documents}, places | _unit_hints(entities, aliases, unit_names))
        index.vocabulary_words = vocabulary = set()
        by_entity: dict[str | None, list[str]] = defaultdict(list)
        doc_freq: dict[str, int] = defaultdict(int)
        question_freq: dict[str, int] = defaultdict(int)
        question_count = question_length = claim_length = 0
        claim_freq: dict[str, int] = defaultdict(int)
        seen_words: dict[str, frozenset[str]] = {}
        interned: dict = {}

        def shared(value):  # one object for equal values: a million facts repeat few of them
            return interned.setdefault(value, value)
        event_numbers: dict[tuple[str, str], set[str]] = defaultdict(set)
        # A term of a law ("long service payment", 长期服务金) is masked as a name of its jurisdiction, yet it is what
        # a phrasing asks about: its words count in the lexical scores (BM25), as the question's do (bot.features).
        term_words = frozenset().union(*index.term_words.values())
        for doc in documents:
            by_entity[doc.entity_id].append(doc.id)
            claim = _strip_markers(doc.claim)
            texts = [normalize(t) for t in (*doc.questions, claim)]
            asked: set[str] = set()
            told: set[str] = set()
            all_masked: list[str] = []
            per_question: list[frozenset[str]] = []
            for position, text in enumerate(texts):
                masked, _, hints = index.mask_entities(text)
                key = " ".join([masked, *hints])
                words = seen_words.get(key)
                if words is None:  # many facts share a phrasing once their names are masked
                    words = seen_words[key] = frozenset(sys.intern(w) for w in index.content_words(key))
                    vocabulary.update(w for w in masked.split() if w.isalpha() and w.isascii())
                (told if position == len(texts) - 1 else asked).update(words)
                surface = frozenset(sys.intern(w) for w in _surface_words(_strip_dates(masked))) | (
                    term_words.intersection(_surface_words(" ".join(hints))) if hints and term_words else frozenset())
                if position < len(texts) - 1:
                    per_question.append(surface)
                else:
                    index.claim_surface[doc.id] = shared(surface)
                    claim_length += len(surface)
                    for word in surface:
                        claim_freq[word] += 1
                all_masked.append(masked)
            index.doc_tokens[doc.id] = shared(frozenset(asked))
            if per_question:
                index.question_tokens[doc.id] = per_question
            index.claim_tokens[doc.id] = shared(frozenset(told))
            index.doc_choices[doc.id] = [sys.intern(_strip_dates(t)) for t in all_masked[: max(1, len(doc.questions))]]
            if doc.as_of and doc.entity_id and doc.kind != "rule":
                event_numbers[(doc.entity_id, doc.as_of[:7])].update(w for w in asked | told if w.isdigit())
            # (A provision's number is no quantity: "§§ 4 to 7", "under § 23" state no range of people or days.)
            doc_ranges = {r for raw, t in zip((*doc.questions, claim), all_masked, strict=True) for r in _ranges_in(
                normalize(_PROVISION_REF.sub(" ", raw)) if _PROVISION_REF.search(raw) else t)}
            if doc_ranges:
                index.ranges[doc.id] = tuple(sorted(doc_ranges))
            provisions = provision_only_numbers((*doc.questions, claim))
            if provisions:
                index.provision_numbers[doc.id] = provisions
            times = time_only_numbers((*doc.questions, claim))
            if times:
                index.time_numbers[doc.id] = times
            first_sentence = claim.split(". ")[0].lower()
            # The years a fact's own questions name; else the year it was reported.
            own_years = {int(y) for t in texts[:-1] for y in _YEAR.findall(t)}
            mentioned_years = {int(y) for y in _YEAR.findall(first_sentence)}
            # A claim that opens with its time ("In July 2024 affected staff got ...") is of that time, though it was
            # reported later (its `as_of`, when a later round's news is added to it)
            opening = _OPENING_DATE.match(first_sentence) if doc.kind == "fact" and not own_years else None
            if doc.as_of and doc.kind != "rule":
                (mentioned_years if own_years else own_years).add(int(doc.as_of[:4]))
            if opening:  # (beside its `as_of`: a claim may tell the later round too, "In 2024 the package was ...")
                own_years.add(int(opening.group("year")))
            index.doc_years[doc.id] = shared((shared(frozenset(own_years)), shared(frozenset(mentioned_years))))
            # Its own months, as its years: those its questions name and the month it was reported; the
            # months its first sentence mentions only when it has none (March 2023's round names January's).
            # A quarter or half its questions name counts as its months; else one its first sentence names.
            months = {m for t in texts[:-1] for m in _months_in(t)} | (
                set(_months_in(opening.group(0))) if opening else set())
            periods = ({m for t in texts[:-1] for m in period_months(t)}
                       or period_months(_DASHES.sub(" ", first_sentence)))
            if doc.as_of and len(doc.as_of) >= 7 and doc.kind != "rule" and not periods:
                months.add(int(doc.as_of[5:7]))  # a quarter's figures are reported in the next quarter
            months = (months | periods) or set(_months_in(first_sentence))
            index.doc_months[doc.id] = shared(frozenset(months))
            for word in asked | told:
                doc_freq[word] += 1
            for question_words in per_question:
                question_count += 1
                question_length += len(question_words)
                for word in question_words:
                    question_freq[word] += 1
        # Facts of one entity reported in the same month are about one event: "Why did Dell cut
        # 6,650 jobs?" names a figure only the size fact states.
        for doc in documents:
            if doc.as_of and doc.entity_id and doc.kind != "rule":
                shared = event_numbers[(doc.entity_id, doc.as_of[:7])] - index.claim_tokens[doc.id]
                if shared:
                    index.claim_tokens[doc.id] = index.claim_tokens[doc.id] | shared
        total = max(1, len(documents))
        index.idf = {w: math.log(1 + total / f) for w, f in doc_freq.items()}
        index.question_idf = {w: math.log(1 + (question_count - n + 0.5) / (n + 0.5))
                              for w, n in question_freq.items()}
        index.average_question_length = question_length / max(1, question_count)
        index.claim_idf = {w: math.log(1 + (total - n + 0.5) / (n + 0.5)) for w, n in claim_freq.items()}
        index.average_claim_length = claim_length / total
        index.asked_words = frozenset().union(*index.doc_tokens.values()) if index.doc_tokens else frozenset()
        index.set_known_words(vocabulary)
        by_topic: dict[str, list[str]] = defaultdict(list)
        for doc in sorted(documents, key=lambda d: d.kind != "rule"):
            if doc.questions and len(by_topic[doc.topic]) < 10:
                by_topic[doc.topic].append(doc.id)
        index.by_topic = dict(by_topic)
        index.by_entity = dict(by_entity)
        index.default_suggestions = tuple(_default_suggestions(index))
        index.default_suggestions_zh = tuple(_default_suggestions(index, chinese=True))
        # Cities name their jurisdiction in questions, added once the facts are read: a fact's "team in Berlin" keeps
        # its word ("and berlin?" after TikTok's layoffs asks which of its facts speaks of Berlin).
        for key, entity_id in city_places(entity_ids, index.aliases.keys()):
            index.aliases[key] = (entity_id,)
            index.units[key] = ()
            first, count = key.split()[0], len(key.split())
            index.alias_starts[first] = max(index.alias_starts.get(first, 0), count)
        index._chinese_lookups()
        return index

    def size_facts_of_year(self, year: int) -> list[Document]:
        """Curated layoff-size facts reported in `year`, oldest first (at least the first
        `SUGGESTION_POOL` of them): suggestions for a question that names only a year."""
        if self.search_size_facts is not None:
            return self.search_size_facts(year, SUGGESTION_POOL)
        return sorted((d for d in self.documents.values() if d.topic == "layoff-size" and d.kind == "fact"
                       and (d.as_of or "").startswith(str(year))), key=lambda d: d.as_of or "")

    # -- entity recognition -------------------------------------------------------------
    def mask_entities(self, normalized: str, original: str | None = None) -> tuple[str, list[str], list[str]]:
        """`_mask_entities`, remembered for the last questions: the views and the engine both look
        for a question's names, and the typo search is most of a question's time in a large base."""
        if original is None:
            return self._mask_entities(normalized)
        key = (normalized, original)
        found = self._masks.get(key)
        if found is None:
            if len(self._masks) >= 64:
                self._masks.clear()
            found = self._masks[key] = self._mask_entities(normalized, original)
        masked, ids, hints = found
        return masked, list(ids), list(hints)

    def _mask_entities(self, normalized: str, original: str | None = None) -> tuple[str, list[str], list[str]]:
        """Remove alias mentions from normalised text; return the rest, the entity ids found and
        hint words (what a sub-brand alias adds to the name: "cloud" in "Alibaba Cloud").

        Exact aliases are looked up as word n-grams (longest first), Chinese aliases as
        substrings; with `original` given (a user's question), typos are caught by rapidfuzz
        against the longer aliases.
        """
        found: list[str] = []
        hints: list[str] = []

        def add(alias: str) -> None:
            for entity_id in self.aliases[alias]:
                if entity_id not in found:
                    found.append(entity_id)
            if alias in self.units:  # a part of the company: what its name adds ("aws", "cloud")
                hints.extend(w for w in self.units[alias] if w not in hints)
                return
            entity = self.entities[self.aliases[alias][0]]
            if has_cjk(alias):
                # A place named in Chinese stays a word as its English name does ("中国的双减政策", as "China's
                # double reduction policy"): the facts about the country that are none of its laws stay candidates.
                if entity.kind == "jurisdiction":
                    hints.extend(w for w in normalize(entity.name).split() if w not in hints)
            else:
                # A place named in a company's fact ("SAP jobs in Germany") stays a word too.
                name_words = self.name_words.get(entity.id)
                if name_words is None:
                    name_words = self.name_words[entity.id] = (
                        frozenset() if entity.kind == "jurisdiction" else frozenset(normalize(entity.name).split()))
                hints.extend(w for w in alias.split() if w not in name_words and w not in _CORPORATE_WORDS
                             and not w.isdigit() and w not in hints)

        if self.cjk_aliases and has_cjk(normalized):  # a Chinese alias is only in Chinese text
            for alias in self.cjk_aliases:
                if alias in normalized:
                    normalized = normalized.replace(alias, " ")
                    add(alias)
        words = normalized.split()
        # A writer who capitalises no word ("how many did meta lay off in Q4 2022": acronyms and codes
        # aside) writes names in lowercase too.
        all_lower = original is None or not _TITLE_CASE_WORD.search(original)
        kept: list[str] = []
        i = 0
        while i < len(words):
            longest = self.alias_starts.get(words[i], 0)
            for n in range(min(longest, len(words) - i), 0, -1):
                gram = " ".join(words[i : i + n])
                if gram not in self.aliases:
                    continue
                if original is not None and (gram in STRICT_WORD_ALIASES or len(gram) == 1):
                    accepted = _written_as_name(gram, original) or self._laying_off(gram, original) or (
                        gram == "us" and (
                        i > 0 and (words[i - 1] in {"the", "in"} or words[i - 1] == "for" and not (
                            _FIRST_PERSON_PLURAL.intersection(words)))  # "what's the risk for us if we don't"
                        or i + 1 < len(words) and words[i + 1] in _US_NOUNS))
                else:
                    accepted = all_lower or gram not in COMMON_WORD_ALIASES or _written_as_name(gram, original)
                if accepted and original is not None and i + n < len(words) and words[i + n] in _MEDIUM_NOUNS and (
                        all(self.entities[e].kind == "company" for e in self.aliases[gram])):
                    # a product named as the medium of a message ("on that zoom call", "a zoom meeting"): how people
                    # were told, not the company asked about
                    accepted = False
                if accepted:
                    add(gram)
                    i += n
                    break
            else:
                if original is not None and self._possessive_of_alias(words[i], original, all_lower):
                    add(words[i][:-1])  # "metas second round": Meta's, its apostrophe left out
                else:
                    kept.append(words[i])
                i += 1
        if original is not None and kept:
            grams = [(i, n, " ".join(kept[i : i + n])) for n in (1, 2, 3)
                     for i in range(len(kept) - n + 1)]
            # A typo makes a word nobody writes: a gram of words all known ("like in", beside "Linked In")
            # is no misspelt name.
            # Nor is a run of words with a question word in it ("did coinbsae", "how many employes"): no
            # company's or law's name holds one (the WARN registers' employers, which some do, are matched
            # apart, by bot.warn_view).
            grams = [g for g in grams if len(g[2]) >= 5 and not g[2].isdigit()
                     and not (g[1] == 1 and g[2] in _ORDINARY_WORDS)
                     # nor a word, capitalised beside another, of a place's or a person's name ("Santa Clara": no
                     # misspelt Klarna), when the word is one of its own
                     and not (g[1] == 1 and _in_a_capitalised_name(g[2], original) and _a_word(g[2]))
                     and not (g[1] > 1 and all(w in self.known_words for w in g[2].split()))
                     and not (g[1] > 1 and _ASKING_WORDS.intersection(g[2].split()))]
            if grams:
                dropped: set[int] = set()
                for start, n, gram in grams:
                    cutoff = FUZZY_LONG_ALIAS_CUTOFF if len(gram) >= 7 else FUZZY_ALIAS_CUTOFF
                    hit = self.alias_choices.best(gram, cutoff)
                    # A typo changes letters, not words: "unfair dismissal" is no misspelt "Unfair
                    # Dismissals Act" (Ireland's statute), though their characters are 86% alike.
                    # ... nor "unfair dismissal in" (Australia's question) a misspelt "unfair dismissals act".
                    if hit and (len(hit[0].split()) != n or any(
                            fuzz.ratio(typed, word) < FUZZY_NAME_WORD_CUTOFF
                            for typed, word in zip(gram.split(), hit[0].split(), strict=True))):
                        continue
                    # An everyday word is no misspelt name either ("better", "max", "indeed").
                    if hit and hit[0] in STRICT_WORD_ALIASES and not _written_as_name(hit[0], original):
                        continue
                    if hit and not dropped.intersection(range(start, start + n)):
                        add(hit[0])
                        dropped.update(range(start, start + n))
                kept = [w for position, w in enumerate(kept) if position not in dropped]
        return " ".join(kept), found, hints

    def _laying_off(self, alias: str, original: str) -> bool:
        """Whether an everyday-word name of a company only (no place's), written in lowercase, is followed by a
        layoff as its verb or noun ("is block really cutting almost half its staff", "block layoffs 2026"), or whose
        layoffs are written in the possessive ("block's last round of cuts"): as an everyday word it lays nobody off."""
        return len(alias) > 2 and all(self.entities[e].kind == "company" for e in self.aliases[alias]) and bool(
            re.search(rf"(?<![A-Za-z]){re.escape(alias)}(?:{_LAYOFF_AFTER}|{_LAYOFFS_OF})", original,
                      flags=re.IGNORECASE))

    def _possessive_of_alias(self, word: str, original: str, all_lower: bool) -> bool:
        """Whether `word` is a name's possessive written without its apostrophe ("metas", "googles"):
        a company's alias and an "s", and no word the base or the lexicon knows; an everyday word's
        ("Meta") as the name itself is accepted (lowercase text, or written as a name)."""
        name = word[:-1]
        return (len(word) >= 5 and word.endswith("s") and name in self.aliases and word not in self.known_words
                and name not in STRICT_WORD_ALIASES
                and (all_lower or name not in COMMON_WORD_ALIASES or _written_as_name(word, original))
                and all(self.entities[e].kind == "company" for e in self.aliases[name]))

    # -- words ---------------------------------------------------------------------------
    def content_words(self, masked: str) -> list[str]:
        """Canonical content words: phrases and synonyms folded, stopwords dropped, CJK segmented."""
        text = _THOUSANDS.sub(lambda m: m.group(1) + m.group(2).replace(" ", ""), f" {masked} ")
        text = _SPLIT_LAYOFF.sub(lambda m: f"layoff{m.group(1) or m.group(2)}", _LAID_OF.sub("layoff ", text))
        text = _FRACTION_OF_STAFF.sub("percent ", text)
        text = _N_PLUS.sub(r" n+\1 ", text)
        text = _N_PLUS_ASKED.sub(" n+1 ", text)
        text = _ABBREVIATION.sub(lambda m: lexicon.ABBREVIATIONS[m.group(0)], text)
        for phrase, canonical in _PADDED_PHRASES:
            if phrase in text:
                text = text.replace(phrase, canonical)
        words: list[str] = []
        for piece in text.split():
            if has_cjk(piece):
                words.extend(_segment_cjk(piece, self.cjk_words))
            else:
                words.extend(_WORD.findall(piece))
        out = []
        for word in words:
            word = lexicon.SYNONYMS.get(word, word)
            if word in lexicon.TOPIC_CUES:
                out.append(word)
                continue
            if word in lexicon.STOPWORDS or word in lexicon.CJK_STOP_CHARS or word in lexicon.CJK_STOPWORDS:
                continue
            out.append(_stem(word))
        return out


_ABBREVIATION = re.compile(rf"(?<=\s)(?:{'|'.join(map(re.escape, lexicon.ABBREVIATIONS))})(?=\s)")
# lexicon.PHRASES with a space either side, in their order (a phrase may use an earlier one's canonical form).
_PADDED_PHRASES = tuple((f" {phrase} ", f" {canonical} ") for phrase, canonical in lexicon.PHRASES.items())


CITIES = Path(__file__).resolve().parent / "data" / "places" / "cities.csv"
ABROAD = CITIES.with_name("abroad.csv")  # the largest cities of countries without rules (tools/make_cities.py)
REGIONS = Path(__file__).resolve().parent / "data" / "places" / "regions.csv"


@lru_cache(maxsize=1)
def _cities() -> dict[str, str]:
    """Normalised city name -> the jurisdiction whose law applies there (`CITIES`: GeoNames' cities, chosen and
    mapped by tools/make_cities.py, which says how)."""
    with CITIES.open(encoding="utf-8", newline="") as handle:
        return {row["name"]: row["jurisdiction"] for row in csv.DictReader(handle)}


@lru_cache(maxsize=1)
def cities_abroad() -> dict[str, str]:
    """Normalised name (English, or Chinese) of a city of a million people or more in a country the base has no rules
    for -> the country's ISO 3166 code (`ABROAD`: GeoNames' cities, chosen by tools/make_cities.py, which says how):
    "what if I worked in Kuala Lumpur instead?" names Malaysia."""
    with ABROAD.open(encoding="utf-8", newline="") as handle:
        return {row["name"]: row["country"] for row in csv.DictReader(handle)}


@lru_cache(maxsize=1)
def regions_without_rules() -> tuple[dict[str, tuple[str, str, bool]], re.Pattern]:
    """The states and provinces without rules of their own in the base (`REGIONS`: ISO 3166-2's, chosen and mapped
    by tools/make_regions.py, which says how): normalised name -> (name as written, the jurisdiction of its country,
    whether the country's law does not govern it: Canada's provinces but Ontario, whose employers the Canada Labour
    Code mostly does not govern, against a US state without rules of its own, where federal WARN applies), and one
    pattern finding them as whole words (longest first). Unlike cities they are no aliases: read for a question
    about a law only ("layoffs in washington" asks the state's WARN register, not the US's rules)."""
    with REGIONS.open(encoding="utf-8", newline="") as handle:
        names = {row["name"]: (row["written"], row["country"], not row["jurisdiction"])
                 for row in csv.DictReader(handle) if row["jurisdiction"] in ("", row["country"])}
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return names, re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def city_places(entity_ids: set[str], aliases: Iterable[str]) -> list[tuple[str, str]]:
    """(name, jurisdiction id) of the cities that name a jurisdiction among `entity_ids`, less the names that
    are already `aliases` (a curated alias or place always wins): "manchester" names the UK's law, as the curated
    places "England" and "Toronto" name theirs."""
    taken = set(aliases)
    return [(name, where) for name, where in _cities().items() if where in entity_ids and name not in taken]


def _strip_markers(claim: str) -> str:
    return re.sub(r"\[[a-z0-9][a-z0-9-]*\]", " ", claim)


# A layoff said right after a word, as its verb or noun ("block really cutting", "block layoffs", "sea laid off").
# ... with the time of the round or an aside between ("block feb 2026 layoffs how many", "block (the square people)
# q1 2024 cuts")
_LAYOFF_AFTER = (r"(?:\s*\([^()]{1,40}\))?(?:\s+(?:really|also|just|now|still|again|even|actually))?"
                 r"(?:\s+(?:in\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?)?"
                 r"(?:\s+(?:in\s+)?(?:q[1-4]\s+)?(?:19|20)\d\d)?\s+"
                 r"(?:lay|lays|laid|laying|cut|cuts|cutting|fire|fires|fired|firing|slash\w*|ax|axe|axes|axed|axing|shed|sheds|shedding|layoffs?|lay-?offs?|"
                 r"job cuts?|redundanc\w*)\b")


# ... or its layoffs, in the possessive ("when was block's last round of cuts", "sea's 2022 layoffs")
_LAYOFFS_OF = r"['’]s(?:\s+[\w-]+){0,3}?\s+(?:layoffs?|lay-?offs?|cuts|job cuts?|firings|redundancies)\b"


def _in_a_capitalised_name(word: str, original: str) -> bool:
    """Whether `word` is written capitalised next to another capitalised word ("Santa Clara", "San Jose"): a part of
    a name of two or more words."""
    pattern = rf"\b[A-Z][a-z]+ {re.escape(word.capitalize())}\b|\b{re.escape(word.capitalize())} [A-Z][a-z]+\b"
    return bool(re.search(pattern, original))


def _a_word(word: str) -> bool:
    """Whether `word` is an English word or name (bot.analysis.english_word's list)."""
    from .analysis import english_word

    return english_word(word)


def _written_as_name(alias: str, original: str) -> bool:
    """An everyday-word alias counts as a name in all capitals ("US", "IN") or, if longer than
    two letters, capitalised ("Sea", "Honey")."""
    for match in re.finditer(rf"(?<![A-Za-z]){re.escape(alias)}(?![A-Za-z])", original, flags=re.IGNORECASE):
        written = match.group(0)
        if written.isupper() or (len(alias) > 2 and written[0].isupper()):
            return True
    return False


def _unit_hints(entities: list[Entity], aliases, unit_names: dict[str, tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    """Normalised alias of a unit -> the words its unit's name adds to the company's own names
    ("Google Cloud" -> cloud: Google is Alphabet's everyday name; "AWS" -> aws), or all its words when
    it adds none. Every name of one unit gives the same words ("阿里云" and "Aliyun" -> cloud). A
    jurisdiction's term gives all its name's words ("長期服務金" -> long, service, payment)."""
    if not unit_names:
        return {}
    names = {e.id: e.name for e in entities if e.kind == "company"}
    own: dict[str, set[str]] = defaultdict(set)  # company -> words of its names that name no unit
    for alias, entity_id, *unit in aliases:
        if not (unit and unit[0]) and entity_id in names:
            own[entity_id].update(normalize(alias).split())
    for entity_id, name in names.items():
        own[entity_id].update(normalize(name).split())
    hints: dict[str, tuple[str, ...]] = {}
    for key, (entity_id, unit) in unit_names.items():
        words = normalize(unit).split()
        if entity_id not in names:  # a term of a jurisdiction's law: all its name's words ("long service payment")
            hints[key] = tuple(w for w in words if not w.isdigit()) or tuple(words)
            continue
        hints[key] = tuple(w for w in words if w not in own[entity_id] and w not in _CORPORATE_WORDS
                           and not w.isdigit()) or tuple(words)
    return hints


_CJK_PROVISION_REF = re.compile(r"第\s*(\d+)\s*条")


def provision_references(text: str) -> set[str]:
    """The numbers `text` (as written, or normalised) gives as a provision's: "article 40", "§§ 4 to 7", "第41条"."""
    found = {n for ref in _PROVISION_REF.finditer(text) for n in re.findall(r"\d+", ref.group(0))}
    return found | set(_CJK_PROVISION_REF.findall(normalize(text)))


def provision_only_numbers(texts: Iterable[str]) -> frozenset[str]:
    """The numbers `texts` write only as a provision's, never as a quantity ("Under article 40 ... 30 days'
    notice": {"40"}): a question's "40 of us" agrees with none of them."""
    provisions: set[str] = set()
    quantities: set[str] = set()
    for text in texts:
        found = provision_references(text)
        provisions |= found
        if found:
            text = _CJK_PROVISION_REF.sub(" ", normalize(_PROVISION_REF.sub(" ", text)))
        quantities.update(re.findall(r"\d+", normalize(text)))
    return frozenset(provisions - quantities)


# A length of time written with its unit ("12 weeks", "30 days'", "2-year", "30日", "6个月")
_LENGTH_OF_TIME = re.compile(r"\b(\d+)(?:\s|-)?(?:years?|yrs?|months?|weeks?|days?|hours?)\b"
                             r"|(\d+)\s*(?:年|个月|月|周|天|日)")


def time_only_numbers(texts: Iterable[str]) -> frozenset[str]:
    """The numbers `texts` write only as lengths of time ("12 weeks' pay for 10 years of service": {"12", "10"}): a
    question's "12 staff" agrees with none of them, its "after 10 years" may."""
    times: set[str] = set()
    others: set[str] = set()
    for text in texts:
        normalized = normalize(text)
        times.update(a or b for a, b in _LENGTH_OF_TIME.findall(normalized))
        others.update(re.findall(r"\d+", _LENGTH_OF_TIME.sub(" ", normalized)))
    return frozenset(times - others)


def _ranges_in(text: str) -> list[tuple[float, float, float]]:
    """Numeric ranges a rule states, (lowest, highest, 1.0 for a length of time, 2.0 for an age, else 0.0): "20 to
    99" (0.0: people), "100 or more", "more than 5", "fewer than 20", "2 years service or more" (1.0: service),
    "aged 41 or over" (2.0: age)."""
    if not _RANGE_WORDS.search(text):
        return []
    text = _THOUSANDS.sub(lambda m: m.group(1) + m.group(2).replace(" ", ""), text)

    def unit_of(m: re.Match) -> float:  # the unit the range's last figure is written with; 2.0 for an age
        if _AGE_BEFORE.search(text, max(0, m.start() - 6), m.start() + 1) or _AGE_WORD.search(m.group(0)):
            return 2.0  # "years aged 22 to 40", "under age 22", "aged 41 or over": the worker's age
        return float(bool(_TIME_UNIT.match(text, m.start(m.lastindex))))

    found = [(float(m[1]), float(m[2]), unit_of(m)) for m in _RANGE_BETWEEN.finditer(text) if float(m[1]) < float(m[2])]
    found += [(float(m[1]), math.inf, unit_of(m)) for m in _RANGE_ABOVE.finditer(text)]
    found += [(float(m[1]) + 1, math.inf, unit_of(m)) for m in _RANGE_MORE_THAN.finditer(text)]
    found += [(0.0, float(m[1]) - 1, unit_of(m)) for m in _RANGE_BELOW.finditer(text)]
    return found


# A time pointed at, not named ("how many that time?", "at the time", "back then", 那次, 当时): the round just
# told, a date's stand-in, no subject ("time limit", "time off" are subjects).
_DEICTIC_TIME = re.compile(r"\b(?:at )?(?:that|this|the) time\b(?! ?(?:limit|frame|period|off|line|of))"
                           r"|\bback then\b|那次|那时候?|当时")


# A date a claim's first sentence opens with: "In July 2024", "On 4 November 2022", "On November 4, 2022"
_OPENING_DATE = re.compile(r"(?:in|on|by)\s+(?:\d{1,2}\s+)?(?:(?:january|february|march|april|may|june|july|august|"
                           r"september|october|november|december)\s+)?(?:\d{1,2},?\s+)?(?P<year>20[0-4]\d|19[89]\d)\b")


def _strip_dates(text: str) -> str:
    text = _DEICTIC_TIME.sub(" ", text)
    # months before years: "may" and "march" are months by the year after them ("block march 2025 job cuts")
    return " ".join(_CJK_MONTH.sub(" ", _YEAR.sub(" ", _MONTH.sub(" ", _PERIOD.sub(" ", text)))).split())


def _months_in(normalized: str) -> list[int]:
    months = [_MONTHS[next(g for g in m.groups() if g)] for m in _MONTH.finditer(normalized)]
    return months + [int(m) for m in _CJK_MONTH.findall(normalized)]


def _bigrams(stretch: str) -> list[str]:
    """A stretch of Chinese no known word covers, as overlapping character bigrams (the usual way to
    index CJK text without a dictionary: "优先留用" -> 优先, 先留, 留用), so that two wordings
    sharing part of a stretch still share words."""
    return [stretch] if len(stretch) <= 2 else [stretch[i : i + 2] for i in range(len(stretch) - 1)]


def _segment_cjk(run: str, words: frozenset[str]) -> list[str]:
    """Greedy longest match against known words; unknown stretches as character bigrams."""
    out: list[str] = []
    unknown = ""
    i = 0
    while i < len(run):
        for size in range(min(6, len(run) - i), 0, -1):
            piece = run[i : i + size]
            if piece in words:
                if unknown:
                    out.extend(_bigrams(unknown))
                    unknown = ""
                out.append(piece)
                i += size
                break
        else:
            if run[i] not in lexicon.CJK_STOP_CHARS:
                unknown += run[i]
            elif unknown:
                out.extend(_bigrams(unknown))
                unknown = ""
            i += 1
    if unknown:
        out.extend(_bigrams(unknown))
    return out


@lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    if not word.isascii() or not word.isalpha() or len(word) <= 3:
        return word
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            word = word[: -len(suffix)] + keep
            break
    # "announce"/"announced", "cutting"/"cut": one form for both
    if len(word) > 4 and word.endswith("e"):
        return word[:-1]
    if len(word) > 4 and word[-1] == word[-2] and word[-1] in "bdgmnpt":
        return word[:-1]
    return word


def chinese_phrasing(questions: tuple[str, ...] | list[str]) -> str | None:
    """The first of `questions` written mostly in Chinese (not "What does 毕业 mean?"), or None."""
    for question in questions:
        letters = [c for c in question if c.isalpha()]
        if letters and sum(has_cjk(c) for c in letters) * 2 > len(letters):
            return question
    return None


def _default_suggestions(index: FactIndex, *, chinese: bool = False) -> list[str]:
    """Three questions the base answers (a company's layoffs, a country's notice, a term), for when nothing
    nearer suggests itself; for a `chinese` asker, each fact's first phrasing in Chinese where it has one."""
    picks: list[str] = []
    wanted = [("company", "layoff-size"), ("jurisdiction", "notice"), (None, "definition")]
    for kind, topic in wanted:
        for doc in sorted(index.documents.values(), key=lambda d: chinese and not chinese_phrasing(d.questions)):
            entity = index.entities.get(doc.entity_id) if doc.entity_id else None
            if doc.topic == topic and doc.questions and (entity.kind if entity else None) == kind:
                picks.append((chinese and chinese_phrasing(doc.questions)) or doc.questions[0])
                break
    return picks


def _surface_words(text: str) -> list[str]:
    return [_stem(w) for w in _WORD.findall(text)]


def candidates_for(index: FactIndex, parsed: Parsed) -> list[str]:
    """Candidate retrieval: facts of the named entities plus facts that belong to no entity
    (glossary, timelines, imported FAQs) — never facts of another company or jurisdiction."""
    candidates = [d for e in parsed.entity_ids for d in index.by_entity.get(e, [])]
    general = index.search_general(parsed) if index.search_general is not None else None
    return candidates + (index.by_entity.get(None, []) if general is None else general)
