"""Matching a question to facts: pure functions over an in-memory `FactIndex`.

The pipeline, per question: normalise once; recognise entities (companies, jurisdictions)
through their aliases, exact or fuzzy (everyday-word aliases such as "in" or "Sea" only when
written like names); recognise years, months, figures and a topic; correct unknown words to
the closest word the base uses; resolve follow-ups from the conversation; take candidates only
from the recognised entity (or, with none, from facts that belong to no entity); rank them with
a blend of weighted word coverage, a rapidfuzz score and topic agreement, adjusted for years,
months and figures (for questions naming no entity, BM25 over the facts' own questions also
reorders them); and turn the best score into a confidence that decides answer or abstain.
`match_and_rank` also returns every scored candidate, for evaluation.
"""

from __future__ import annotations

import bisect
import math
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field, replace

import numpy as np
from rapidfuzz import fuzz, process

from . import decision, lexicon, ranking
from .ranking import FEATURES
from .text import has_cjk, normalize

F = {name: position for position, name in enumerate(FEATURES)}

FUZZY_ALIAS_CUTOFF = 88
FUZZY_LONG_ALIAS_CUTOFF = 85  # for typed names of 7+ characters ("coinbsae", "peleton")
FUZZY_WORD_CUTOFF = 87  # spelling correction of unknown words ("severence")
GUARDED = "guarded"  # Match.reason when the guards leave nothing to answer with
MAX_COMBINED = 3  # facts told together in one answer at most
NEAR_BEST = 0.8  # another fact joins the answer when the ranker rates it at least this share of the best
_YEAR = re.compile(r"\b(20[0-4]\d|19[89]\d)\b")
_MONTHS = {name: number for number, names in enumerate([
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
    ("october", "oct"), ("november", "nov"), ("december", "dec")], 1) for name in names}
# "may" and "march" are also ordinary words: they count as months next to a year or after "in".
_MONTH = re.compile(r"\b(january|february|april|june|july|august|september|october|november|december"
                    r"|jan|feb|apr|jun|jul|aug|sept?|oct|nov|dec)\b"
                    r"|\b(may|march|mar)(?= (?:20[0-4]\d|19[89]\d)\b)|(?<=\bin )(may|march)\b")
_CJK_MONTH = re.compile(r"(?<![0-9])(1[0-2]|[1-9])月")
_RANGE_WORDS = re.compile(r"\d (?:to|and|or more)\b|\b(?:than|over|under) \d")
_RANGE_BETWEEN = re.compile(r"\b(\d+) (?:to|and) (\d+)\b")
_RANGE_ABOVE = re.compile(r"\b(\d+) or more\b")
_RANGE_MORE_THAN = re.compile(r"\b(?:more than|over) (\d+)\b")
_RANGE_BELOW = re.compile(r"\b(?:fewer than|less than|under) (\d+)\b")
_THOUSANDS = re.compile(r"\b(\d{1,3})((?: \d{3})+)\b")
# "lay 600 people off", "let 12000 staff go": the verb around its object.
_SPLIT_LAYOFF = re.compile(r"\b(?:lay|lays|laying|laid|let|lets|letting)((?: [a-z0-9]+){1,3}?) (?:off|go)\b")
_COMPANY_TOPICS = frozenset({"layoff-size", "layoff-date", "layoff-reason", "layoff-process", "layoff-accounts"})
_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")
_WORD = re.compile(r"[a-z0-9]+(?:[.&+][a-z0-9]+)*\+?")
_ORDINARY_WORDS = frozenset(
    set(lexicon.STOPWORDS) | set(lexicon.SYNONYMS) | set(lexicon.TOPIC_CUES)
    | {w for phrase in lexicon.PHRASES for w in phrase.split()}
)
COMMON_WORD_ALIASES = frozenset(
    "red x snap grab zoom dell unity stripe sea meta square block box intel uber lyft rakuten us "
    "in de uk eu ca ny sg cn it new oriental".split()
)
# Aliases that are everyday words: they count only when written like a name ("US", "Sea"),
# even in an all-lowercase question ("how many ppl did amazn lay off in 2023" is not about India).
STRICT_WORD_ALIASES = frozenset(
    "in it de se ms u x us ca cal crm fair king spot coin shop honey threads pixel nest edu lark new "
    "red sea box block square english".split()
)
# Words in an alias that say nothing beyond the company's name.
_CORPORATE_WORDS = frozenset(
    "inc inc. ltd ltd. llc co co. corp corp. corporation company group holdings holding limited plc "
    "technologies technology the sa se ag ab pvt global international platforms software".split()
)


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

    def __len__(self) -> int:
        return sum(map(len, self.buckets.values()))

    def best(self, query: str, cutoff: float) -> tuple[str, float, int] | None:
        texts = self.buckets.get(query[:1])
        if not texts:
            return None
        # ratio = 2M / (la + lb) <= 2 min / (la + lb): the length window loses nothing.
        stretch = 200 / cutoff - 1
        lengths = self.lengths[query[:1]]
        low = bisect.bisect_left(lengths, math.floor(len(query) / stretch))
        high = bisect.bisect_right(lengths, math.ceil(len(query) * stretch))
        return process.extractOne(query, texts[low:high], scorer=fuzz.ratio, score_cutoff=cutoff)


@dataclass(frozen=True)
class Entity:
    id: str
    kind: str  # "company" | "jurisdiction"
    name: str
    country: str | None = None


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


@dataclass(frozen=True)
class Conversation:
    """What a follow-up may lean on: the last entities, topic, year and month."""

    entity_ids: tuple[str, ...] = ()
    topic: str | None = None
    year: int | None = None
    month: int | None = None
    content: tuple[str, ...] = ()
    doc_ids: tuple[str, ...] = ()  # what the last answer cited


@dataclass(frozen=True)
class Parsed:
    normalized: str
    entity_ids: tuple[str, ...]
    topic: str | None
    year: int | None
    content: tuple[str, ...]
    unknown: tuple[str, ...]
    masked: str
    follow_up: bool
    month: int | None = None
    hints: tuple[str, ...] = ()  # words of a sub-brand alias ("Alibaba Cloud", "AWS"): bonus only
    continues: bool = False  # "and Amazon?", "what about Microsoft?": a new entity, same question
    year_from_context: bool = False
    names: tuple[str, ...] = ()  # capitalised words that are no known entity ("Pinduoduo")
    question_type: str | None = None  # how_many, when, why, meaning, where
    context_entity_ids: tuple[str, ...] = ()  # entities carried over from the conversation


@dataclass(frozen=True)
class Match:
    answered: bool
    confidence: float
    documents: tuple[Document, ...]
    entity_ids: tuple[str, ...]
    topic: str | None
    suggestions: tuple[str, ...]
    conversation: Conversation
    reason: str = ""
    missing: str | None = None  # the subject the question names that the base does not know ("Klarna")


@dataclass
class FactIndex:
    """Everything the matcher needs, prepared once per database load."""

    documents: dict[str, Document]
    entities: dict[str, Entity]
    aliases: dict[str, tuple[str, ...]]  # normalised alias -> entity ids
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
    entity_words: dict[str, frozenset[str]] = field(default_factory=dict)  # filled on first use
    alias_choices: FuzzyLookup = field(default_factory=lambda: FuzzyLookup([]))
    by_topic: dict[str, list[str]] = field(default_factory=dict)  # rules first, for suggestions
    ranges: dict[str, tuple[tuple[float, float], ...]] = field(default_factory=dict)  # "20 to 99", "100 or more"
    default_suggestions: tuple[str, ...] = ()

    @classmethod
    def build(cls, documents: list[Document], entities: list[Entity],
              aliases: list[tuple[str, str]]) -> FactIndex:
        alias_map: dict[str, list[str]] = defaultdict(list)
        entity_map = {e.id: e for e in entities}
        for alias, entity_id in aliases:
            key = normalize(alias)
            if key and entity_id in entity_map and entity_id not in alias_map[key]:
                alias_map[key].append(entity_id)
        index = cls(
            documents={d.id: d for d in documents},
            entities=entity_map,
            aliases={k: tuple(v) for k, v in alias_map.items()},
        )
        index.cjk_aliases = sorted((a for a in index.aliases if has_cjk(a)), key=len, reverse=True)
        index.cjk_words = frozenset(lexicon.CJK_WORDS | set(index.cjk_aliases))
        index.alias_choices = FuzzyLookup([a for a in index.aliases if len(a) >= 5 and not has_cjk(a)])
        for alias in index.aliases:
            first, count = alias.split()[0], len(alias.split())
            index.alias_starts[first] = max(index.alias_starts.get(first, 0), count)
        by_entity: dict[str | None, list[str]] = defaultdict(list)
        doc_freq: dict[str, int] = defaultdict(int)
        question_freq: dict[str, int] = defaultdict(int)
        question_count = question_length = claim_length = 0
        claim_freq: dict[str, int] = defaultdict(int)
        vocabulary: set[str] = set()
        seen_words: dict[str, frozenset[str]] = {}
        interned: dict = {}

        def shared(value):  # one object for equal values: a million facts repeat few of them
            return interned.setdefault(value, value)
        event_numbers: dict[tuple[str, str], set[str]] = defaultdict(set)
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
                surface = frozenset(sys.intern(w) for w in _surface_words(_strip_dates(masked)))
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
            doc_ranges = {r for t in all_masked for r in _ranges_in(t)}
            if doc_ranges:
                index.ranges[doc.id] = tuple(sorted(doc_ranges))
            first_sentence = claim.split(". ")[0].lower()
            # The years a fact's own questions name; else the year it was reported.
            own_years = {int(y) for t in texts[:-1] for y in _YEAR.findall(t)}
            mentioned_years = {int(y) for y in _YEAR.findall(first_sentence)}
            if doc.as_of and doc.kind != "rule":
                (mentioned_years if own_years else own_years).add(int(doc.as_of[:4]))
            index.doc_years[doc.id] = shared((shared(frozenset(own_years)), shared(frozenset(mentioned_years))))
            months = set(_months_in(first_sentence))
            if doc.as_of and len(doc.as_of) >= 7 and doc.kind != "rule":
                months.add(int(doc.as_of[5:7]))
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
        index.known_words = frozenset(vocabulary | set(lexicon.SYNONYMS) | set(lexicon.TOPIC_CUES)
                                      | set(lexicon.STOPWORDS) | {w for p in lexicon.PHRASES for w in p.split()})
        index.vocabulary = FuzzyLookup(sorted(w for w in index.known_words
                                              if len(w) >= 5 and w.isascii() and w.isalpha()))
        by_topic: dict[str, list[str]] = defaultdict(list)
        for doc in sorted(documents, key=lambda d: d.kind != "rule"):
            if doc.questions and len(by_topic[doc.topic]) < 10:
                by_topic[doc.topic].append(doc.id)
        index.by_topic = dict(by_topic)
        index.by_entity = dict(by_entity)
        index.default_suggestions = tuple(_default_suggestions(index))
        return index

    # -- entity recognition -------------------------------------------------------------
    def mask_entities(self, normalized: str, original: str | None = None) -> tuple[str, list[str], list[str]]:
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
            if not has_cjk(alias):
                entity = self.entities[self.aliases[alias][0]]
                # A place named in a company's fact ("SAP jobs in Germany") stays a word too.
                name_words = self.name_words.get(entity.id)
                if name_words is None:
                    name_words = self.name_words[entity.id] = (
                        frozenset() if entity.kind == "jurisdiction" else frozenset(normalize(entity.name).split()))
                hints.extend(w for w in alias.split() if w not in name_words and w not in _CORPORATE_WORDS
                             and not w.isdigit() and w not in hints)

        for alias in self.cjk_aliases:
            if alias in normalized:
                normalized = normalized.replace(alias, " ")
                add(alias)
        words = normalized.split()
        all_lower = original is None or original == original.lower()
        kept: list[str] = []
        i = 0
        while i < len(words):
            longest = self.alias_starts.get(words[i], 0)
            for n in range(min(longest, len(words) - i), 0, -1):
                gram = " ".join(words[i : i + n])
                if gram not in self.aliases:
                    continue
                if original is not None and gram in STRICT_WORD_ALIASES:
                    accepted = _written_as_name(gram, original) or (
                        gram == "us" and i > 0 and words[i - 1] in {"the", "in", "for"})
                else:
                    accepted = all_lower or gram not in COMMON_WORD_ALIASES or _written_as_name(gram, original)
                if accepted:
                    add(gram)
                    i += n
                    break
            else:
                kept.append(words[i])
                i += 1
        if original is not None and kept:
            grams = [(i, n, " ".join(kept[i : i + n])) for n in (1, 2, 3)
                     for i in range(len(kept) - n + 1)]
            grams = [g for g in grams if len(g[2]) >= 5 and not g[2].isdigit()
                     and not (g[1] == 1 and g[2] in _ORDINARY_WORDS)]
            if grams:
                dropped: set[int] = set()
                for start, n, gram in grams:
                    cutoff = FUZZY_LONG_ALIAS_CUTOFF if len(gram) >= 7 else FUZZY_ALIAS_CUTOFF
                    hit = self.alias_choices.best(gram, cutoff)
                    if hit and not dropped.intersection(range(start, start + n)):
                        add(hit[0])
                        dropped.update(range(start, start + n))
                kept = [w for position, w in enumerate(kept) if position not in dropped]
        return " ".join(kept), found, hints

    # -- words ---------------------------------------------------------------------------
    def content_words(self, masked: str) -> list[str]:
        """Canonical content words: phrases and synonyms folded, stopwords dropped, CJK segmented."""
        text = _THOUSANDS.sub(lambda m: m.group(1) + m.group(2).replace(" ", ""), f" {masked} ")
        text = _SPLIT_LAYOFF.sub(lambda m: f"layoff{m.group(1)}", text)
        for phrase, canonical in lexicon.PHRASES.items():
            if f" {phrase} " in text:
                text = text.replace(f" {phrase} ", f" {canonical} ")
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


def _strip_markers(claim: str) -> str:
    return re.sub(r"\[[a-z0-9][a-z0-9-]*\]", " ", claim)


def _written_as_name(alias: str, original: str) -> bool:
    """An everyday-word alias counts as a name in all capitals ("US", "IN") or, if longer than
    two letters, capitalised ("Sea", "Honey")."""
    for match in re.finditer(rf"(?<![A-Za-z]){re.escape(alias)}(?![A-Za-z])", original, flags=re.IGNORECASE):
        written = match.group(0)
        if written.isupper() or (len(alias) > 2 and written[0].isupper()):
            return True
    return False


def _ranges_in(text: str) -> list[tuple[float, float]]:
    """Numeric ranges a rule states: "20 to 99", "100 or more", "more than 5", "fewer than 20"."""
    if not _RANGE_WORDS.search(text):
        return []
    text = _THOUSANDS.sub(lambda m: m.group(1) + m.group(2).replace(" ", ""), text)
    found = [(float(a), float(b)) for a, b in _RANGE_BETWEEN.findall(text) if float(a) < float(b)]
    found += [(float(a), math.inf) for a in _RANGE_ABOVE.findall(text)]
    found += [(float(a) + 1, math.inf) for a in _RANGE_MORE_THAN.findall(text)]
    found += [(0.0, float(a) - 1) for a in _RANGE_BELOW.findall(text)]
    return found


def _strip_dates(text: str) -> str:
    return " ".join(_CJK_MONTH.sub(" ", _MONTH.sub(" ", _YEAR.sub(" ", text))).split())


def _months_in(normalized: str) -> list[int]:
    months = [_MONTHS[next(g for g in m.groups() if g)] for m in _MONTH.finditer(normalized)]
    return months + [int(m) for m in _CJK_MONTH.findall(normalized)]


def _segment_cjk(run: str, words: frozenset[str]) -> list[str]:
    """Greedy longest match against known words; unknown stretches stay as one token."""
    out: list[str] = []
    unknown = ""
    i = 0
    while i < len(run):
        for size in range(min(6, len(run) - i), 0, -1):
            piece = run[i : i + size]
            if piece in words:
                if unknown:
                    out.append(unknown)
                    unknown = ""
                out.append(piece)
                i += size
                break
        else:
            if run[i] not in lexicon.CJK_STOP_CHARS:
                unknown += run[i]
            elif unknown:
                out.append(unknown)
                unknown = ""
            i += 1
    if unknown:
        out.append(unknown)
    return out


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


def _default_suggestions(index: FactIndex) -> list[str]:
    picks: list[str] = []
    wanted = [("company", "layoff-size"), ("jurisdiction", "notice"), (None, "definition")]
    for kind, topic in wanted:
        for doc in index.documents.values():
            entity = index.entities.get(doc.entity_id) if doc.entity_id else None
            if doc.topic == topic and doc.questions and (entity.kind if entity else None) == kind:
                picks.append(doc.questions[0])
                break
    return picks


def _correct_spelling(index: FactIndex, masked: str, original: str) -> str:
    """Replace unknown lowercase words with the closest word the base uses ("severence")."""
    words = masked.split()
    for position, word in enumerate(words):
        if (len(word) < 5 or not word.isascii() or not word.isalpha() or word in index.known_words
                or re.search(rf"\b{word[0].upper()}{re.escape(word[1:])}\b", original)):
            continue  # short, known, or capitalised (likely a name we do not know)
        hit = index.vocabulary.best(word, FUZZY_WORD_CUTOFF)
        if hit:
            words[position] = hit[0]
    return " ".join(words)


def _pick_topic(words: list[str]) -> str | None:
    topics = [lexicon.TOPIC_CUES[w] for w in words if w in lexicon.TOPIC_CUES]
    if not topics:
        return None
    return min(topics, key=lambda t: lexicon.TOPIC_PRIORITY.index(t) if t in lexicon.TOPIC_PRIORITY
               else len(lexicon.TOPIC_PRIORITY))


def parse_question(index: FactIndex, question: str, conversation: Conversation) -> Parsed:
    normalized = normalize(question)
    masked, entity_ids, hints = index.mask_entities(normalized, question)
    years = [int(y) for y in _YEAR.findall(masked)]
    months = _months_in(masked)
    # A company and a place both named ("SAP jobs in Germany", "Chinese tech companies laying off
    # when Xiaohongshu did"): both stay candidates; the ranker decides by topic which one is asked about.
    masked = _correct_spelling(index, _strip_dates(masked), question)
    words = index.content_words(masked)
    topic = _pick_topic(words)
    content = tuple(w for w in words if w not in lexicon.TOPIC_CUES or w in lexicon.NOUN_CUES)
    qtype = question_type(normalized)
    if topic == "layoff-size" and "layoff" not in content:
        # "How many employees does Meta have?" asks about the company, not a layoff
        topic = "profile" if entity_ids and "staff" in content else None
    if _NEGATED_DUTY.search(normalized):
        topic = "penalties"  # "What happens if an employer gives no WARN notice?"
    if topic in {"hiring", "funding"} and "layoff" in content:
        topic = None  # "recruiting team cuts"
    if topic is None and entity_ids and set(content) <= {"layoff", "staff"} and "layoff" in content:
        topic = "layoff-size"  # "Did Airbnb sack anyone?", "amazon layoffs"
    unknown = tuple(w for w in content if w not in index.idf and w not in lexicon.TOPIC_CUES)
    raw_words = normalized.split()
    starts_like_follow_up = any(w in lexicon.FOLLOW_UP_CUES for w in raw_words[:2])
    follow_up = not entity_ids and not unknown and (
        len(raw_words) <= 5 or starts_like_follow_up
        or any(w in {"they", "them", "their", "it", "its", "he", "she"} for w in raw_words)
    )
    continues = bool(entity_ids) and len(raw_words) <= 4 and starts_like_follow_up
    hint_words = tuple(w for w in index.content_words(" ".join(hints)) if w not in content)
    names = tuple(
        m.group(1) for m in re.finditer(r"(?<![\w.])([A-Z][a-z]{3,})\b", question)
        if _stem(m.group(1).lower()) not in index.asked_words
        and (m.start() > 0 or m.group(1).lower() not in _ORDINARY_WORDS)
    ) if not entity_ids else ()
    if topic is None and qtype == "where" and entity_ids:
        topic = "profile"  # "Where is Xiaohongshu based?"
    entity_ids = _drop_negated(index, normalized, list(dict.fromkeys(entity_ids)))
    return Parsed(normalized, tuple(entity_ids), topic, years[0] if years else None, content,
                  unknown, masked, follow_up, months[0] if months else None, hint_words, continues,
                  names=names, question_type=qtype)


# "no WARN notice", "fails to consult", "doesn't notify": the question is about the consequences.
_NEGATED_DUTY = re.compile(
    r"\b(?:no|without|fails? to|failed to|failing to|doesn t|does not|didn t|did not|don t|do not|never|"
    r"skips?|ignores?|breach(?:es)?|violat\w*)\b(?: \w+){0,3} (?:warn|notice|notify|notification|consult\w*)\b"
    r"|\bwhat happens if\b|\bconsequences?\b|违反|罚则")
# "Not Meta but Microsoft", "other than Amazon", "除了亚马逊": the entity after these is not the subject.
_NEGATION = re.compile(
    r"(?:\b(?:not|except|excluding|rather than|instead of|other than|apart from|besides)\b|不是|除了)"
    r"\s*((?:\S+\s*){1,3})")


def _drop_negated(index: FactIndex, normalized: str, entity_ids: list[str]) -> list[str]:
    """Entities the question names only to exclude them, removed (unless nothing would be left)."""
    if len(entity_ids) < 2:
        return entity_ids
    negated: set[str] = set()
    for match in _NEGATION.finditer(normalized):
        _, found, _ = index.mask_entities(match.group(1))
        negated.update(found[:1])
    kept = [e for e in entity_ids if e not in negated]
    return kept or entity_ids


def _speaks_of(index: FactIndex, entity_ids: tuple[str, ...], words: tuple[str, ...]) -> bool:
    """Whether the entities' own facts use every word (a follow-up adds no new subject)."""
    vocabularies = []
    for entity_id in entity_ids:
        vocabulary = index.entity_words.get(entity_id)
        if vocabulary is None:
            vocabulary = index.entity_words[entity_id] = frozenset().union(
                *(index.doc_tokens[d] | index.claim_tokens[d] for d in index.by_entity.get(entity_id, [])))
        vocabularies.append(vocabulary)
    return all(any(w in v for v in vocabularies) or w in lexicon.TOPIC_CUES for w in words)


def _resolve(index: FactIndex, parsed: Parsed, conversation: Conversation) -> Parsed:
    """Lean on the conversation for what a follow-up leaves out.

    Never when the question brings a subject of its own: "Apple layoffs" after a Meta question
    is about Apple, which the base does not know, not a follow-up about Meta; and a question about
    what a term means ("What does N+1 mean?") is self-contained.
    """
    entity_ids, topic, year, month = parsed.entity_ids, parsed.topic, parsed.year, parsed.month
    content, from_context, context_entities = parsed.content, False, ()
    if (not entity_ids and parsed.follow_up and conversation.entity_ids and not parsed.names
            and parsed.question_type != "meaning"
            and _speaks_of(index, conversation.entity_ids, parsed.content)):
        entity_ids = context_entities = conversation.entity_ids
        if not year:
            year, month, from_context = conversation.year, month or conversation.month, True
    elif parsed.continues or (parsed.names and _is_continuation(parsed)):
        # "and Amazon?", "what about Microsoft?": the last question again, about another subject
        # (kept even when that subject is unknown, so that the next "and X?" still has it).
        if not year:
            year, month, from_context = conversation.year, conversation.month, bool(conversation.year)
        if not topic and _only_names(parsed):
            content, topic = conversation.content, conversation.topic
    if entity_ids and not topic and not parsed.content and conversation.topic:
        topic = conversation.topic
    return replace(parsed, entity_ids=entity_ids, topic=topic, year=year, month=month, content=content,
                   year_from_context=from_context, context_entity_ids=tuple(context_entities))


def _is_continuation(parsed: Parsed) -> bool:
    words = parsed.normalized.split()
    return len(words) <= 4 and any(w in lexicon.FOLLOW_UP_CUES for w in words[:2])


def _only_names(parsed: Parsed) -> bool:
    """The question adds nothing but a subject: its content words are all unknown words or names."""
    names = {_stem(n.lower()) for n in parsed.names}
    return all(w in parsed.unknown or w in names for w in parsed.content)


def _topic_for(index: FactIndex, topic: str | None, entity_ids: tuple[str, ...]) -> str | None:
    if topic is None or not entity_ids:
        return topic
    kind = index.entities[entity_ids[0]].kind
    if kind == "company":
        return lexicon.COMPANY_TOPIC_FOR.get(topic, topic)
    return lexicon.RULE_TOPIC_FOR.get(topic, topic)


QUESTION_TYPE_TOPICS = {
    "how_many": frozenset({"layoff-size", "mass-layoff"}),
    "when": frozenset({"layoff-date", "layoff-size", "timeline"}),
    "why": frozenset({"layoff-reason", "context", "timeline"}),
    "meaning": frozenset({"definition"}),
    "where": frozenset({"profile"}),
}
_QUESTION_TYPES = (
    ("meaning", re.compile(r"\b(?:mean|meaning|define|definition)\b|什么意思|是什么意思|含义")),
    ("why", re.compile(r"\bwhy\b|为什么|为何|为啥|原因")),
    ("how_many", re.compile(r"\bhow many\b|\bhow much\b|\bwhat (?:percent|share|proportion)\b|多少|几")),
    ("when", re.compile(r"\bwhen\b|\bwhat (?:date|month|year)\b|什么时候|何时")),
    ("where", re.compile(r"\bwhere\b|哪里|在哪")),
)


CHINA = "cn"
_RULE_TOPICS = frozenset({"mass-layoff", "notice", "severance", "consultation", "protected", "notification",
                          "penalties", "coverage"})
_ASKS_WHAT_IS = re.compile(r"(?:what is|what s|what are|whats|define|explain)\b|什么是")


def question_type(normalized: str) -> str | None:
    """What kind of answer the question wants: how_many, when, why, meaning, where, or None."""
    for name, pattern in _QUESTION_TYPES:
        if pattern.search(normalized):
            return name
    return None


def _content_weights(index: FactIndex, parsed: Parsed) -> tuple[dict[str, float], set[str], float]:
    """The question's content words with their idf, its figures, and the share of the weight in
    words the base never uses."""
    numbers = {w for w in parsed.content if w.isdigit()}
    content = set(parsed.content) - numbers
    if not content:  # "What's 2+2?": figures alone are the words to match
        content, numbers = numbers, set()
    weights = {w: index.idf.get(w, 3.0) for w in content}
    total = sum(weights.values())
    unknown = sum(weights[w] for w in content if w not in index.idf and w not in lexicon.TOPIC_CUES)
    return weights, numbers, (unknown / total if total else 0.0)


def _features(index: FactIndex, parsed: Parsed, topic: str | None, candidates: list[str],
              conversation: Conversation) -> np.ndarray:
    """One row of `ranking.FEATURES` per candidate (see that module for what each column means)."""
    weights, numbers, unknown_share = _content_weights(index, parsed)
    content = set(weights)
    total_weight = sum(weights.values())
    hint_weights = {w: index.idf.get(w, 0.0) for w in parsed.hints}
    hint_total = sum(hint_weights.values())
    # BM25 with every word (function words too: "how long", "can I" tell FAQ entries apart) gives
    # the absolute score; relative scores count content words only, so that a fact never leads the
    # candidates on "what is" alone.
    surface = set(_surface_words(parsed.masked))
    question_terms = {w: index.question_idf.get(w, 0.0) for w in surface}
    meaningful = {_stem(w) for w in _WORD.findall(parsed.masked) if w not in lexicon.STOPWORDS}
    question_content_terms = {w: idf for w, idf in question_terms.items() if w in meaningful}
    claim_terms = {w: index.claim_idf.get(w, 0.0) for w in surface if w in meaningful}
    qtype_topics = QUESTION_TYPE_TOPICS.get(parsed.question_type or "", frozenset())
    short = max(0.0, 1.0 - total_weight / 6.0)
    unknown_name = float(not parsed.entity_ids and bool(
        parsed.names or (parsed.unknown and ("layoff" in content or topic in _COMPANY_TOPICS))))
    previous = set(conversation.doc_ids)
    named = set(parsed.entity_ids) - set(parsed.context_entity_ids)
    fuzzy_sort, fuzzy_plain = _fuzzy_best(index, parsed, candidates)
    rows = np.zeros((len(candidates), len(FEATURES)))
    bm25_questions = np.zeros(len(candidates))
    bm25_claims = np.zeros(len(candidates))
    for position, doc_id in enumerate(candidates):
        doc = index.documents[doc_id]
        asked, told = index.doc_tokens[doc_id], index.claim_tokens[doc_id]
        row = rows[position]
        row[F["bias"]] = 1.0
        if total_weight:
            in_questions = sum(weights[w] for w in content if w in asked)
            in_claim = sum(weights[w] for w in content if w not in asked and w in told)
            row[F["coverage_questions"]] = in_questions / total_weight
            row[F["coverage_claim"]] = in_claim / total_weight
            row[F["coverage_missing_short"]] = (1.0 - (in_questions + in_claim) / total_weight) * short
            row[F["unknown_share"]] = unknown_share
        phrasings = index.question_tokens.get(doc_id, ())
        row[F["bm25_questions"]] = ranking.saturate(max(
            (ranking.bm25(question_terms, words, len(words), index.average_question_length) for words in phrasings),
            default=0.0))
        bm25_questions[position] = max(
            (ranking.bm25(question_content_terms, words, len(words), index.average_question_length)
             for words in phrasings), default=0.0)
        claim_words = index.claim_surface.get(doc_id, frozenset())
        bm25_claims[position] = ranking.bm25(claim_terms, claim_words, len(claim_words), index.average_claim_length)
        row[F["fuzzy_token_sort"]] = fuzzy_sort[position]
        row[F["fuzzy_ratio"]] = fuzzy_plain[position]
        target = _doc_topic(index, doc, parsed.topic, topic)
        if target is not None:
            if doc.topic == target:
                row[F["topic_same"]] = 1.0
            elif frozenset((doc.topic, target)) in lexicon.RELATED_TOPICS or (
                    doc.topic == "definition" and not parsed.entity_ids):
                row[F["topic_related"]] = 1.0
            elif target != "mass-layoff":
                row[F["topic_mismatch"]] = 1.0
        if doc.topic.startswith("layoff") and doc.kind != "rule":
            own_years, mentioned_years = index.doc_years[doc_id]
            if parsed.year and own_years:
                scale = 0.5 if parsed.year_from_context else 1.0
                if parsed.year in own_years:
                    row[F["year_match"]] = scale
                elif parsed.year in mentioned_years:
                    row[F["year_mentioned_only"]] = scale
                else:
                    row[F["year_mismatch"]] = scale
            months = index.doc_months[doc_id]
            if parsed.month and months:
                row[F["month_match" if parsed.month in months else "month_mismatch"]] = 1.0
        if doc.entity_id is not None:
            if doc.entity_id in named:
                row[F["entity_named"]] = 1.0
            elif doc.entity_id in parsed.entity_ids:
                row[F["entity_from_context"]] = 1.0
        elif parsed.entity_ids:
            row[F["general_fact_entity_named"]] = 1.0
        row[F["unknown_name"]] = unknown_name
        row[F["generated_event"]] = float(doc.kind == "event")
        if numbers:
            ranges = index.ranges.get(doc_id, ())
            found = sum(1.0 if n in asked or n in told or any(low <= int(n) <= high for low, high in ranges)
                        else 0.0 for n in numbers)
            row[F["figures_match"]] = found / len(numbers)
            row[F["figures_unmatched"]] = float(found == 0)
        row[F["in_previous_answer"]] = float(doc_id in previous)
        if hint_total:
            row[F["hint_match"]] = sum(weight for w, weight in hint_weights.items()
                                       if w in asked or w in told) / hint_total
        row[F["question_type_agrees"]] = float(doc.topic in qtype_topics)
        row[F["rule_fact"]] = float(doc.kind == "rule")
        row[F["imported"]] = float(doc.topic == "faq")
    if len(candidates):
        best = bm25_questions.max()
        if best > 0:
            rows[:, F["bm25_questions_relative"]] = bm25_questions / best
        best = bm25_claims.max()
        if best > 0:
            rows[:, F["bm25_claim_relative"]] = bm25_claims / best
    return rows


def _doc_topic(index: FactIndex, doc: Document, raw_topic: str | None, topic: str | None) -> str | None:
    """The topic asked, as it applies to this fact's kind of entity (a rule topic asked of a company
    is about how that company did it)."""
    entity = index.entities.get(doc.entity_id) if doc.entity_id else None
    if entity is None or raw_topic is None:
        return topic
    table = lexicon.COMPANY_TOPIC_FOR if entity.kind == "company" else lexicon.RULE_TOPIC_FOR
    return table.get(raw_topic, raw_topic)


def _fuzzy_best(index: FactIndex, parsed: Parsed, candidates: list[str]) -> tuple[list[float], list[float]]:
    """Best rapidfuzz token_sort_ratio and ratio (0..1) of the question against each candidate's phrasings:
    one `cdist` call over all phrasings."""
    choices: list[str] = []
    owners: list[int] = []
    for position, doc_id in enumerate(candidates):
        for choice in index.doc_choices[doc_id]:
            choices.append(choice)
            owners.append(position)
    sort_best = [0.0] * len(candidates)
    plain_best = [0.0] * len(candidates)
    query = parsed.masked or " ".join(parsed.content)
    if not choices or not query:
        return sort_best, plain_best
    for scorer, best in ((fuzz.token_sort_ratio, sort_best), (fuzz.ratio, plain_best)):
        scores = process.cdist([query], choices, scorer=scorer, dtype=np.uint8)[0]
        for owner, value in zip(owners, scores.tolist(), strict=True):
            if value > best[owner] * 100:
                best[owner] = value / 100
    return sort_best, plain_best


def _score(index: FactIndex, parsed: Parsed, topic: str | None, candidates: list[str],
           conversation: Conversation, params: ranking.RankerParams) -> tuple[list[tuple[float, str]], np.ndarray]:
    """Candidates with their probability of answering the question, best first; and the feature matrix
    (rows in `candidates` order)."""
    matrix = _features(index, parsed, topic, candidates, conversation)
    probabilities = ranking.probabilities(params, matrix)
    scored = sorted(((round(float(p), 4), doc_id) for p, doc_id in zip(probabilities, candidates, strict=True)),
                    key=lambda pair: (-pair[0], pair[1]))
    return scored, matrix


def _question_facts(index: FactIndex, parsed: Parsed, topic: str | None) -> dict:
    """What the decision needs to know about the question itself (`decision.decision_row`'s keywords)."""
    weights, _, unknown_share = _content_weights(index, parsed)
    return {"entity_named": bool(set(parsed.entity_ids) - set(parsed.context_entity_ids)),
            "entity_from_context": bool(parsed.context_entity_ids), "unknown_share": unknown_share,
            "content_weight": sum(weights.values()), "has_topic": topic is not None}


def _surface_words(text: str) -> list[str]:
    return [_stem(w) for w in _WORD.findall(text)]


def _suggest(index: FactIndex, entity_ids: tuple[str, ...], topic: str | None,
             exclude: set[str], *, year: int | None = None) -> tuple[str, ...]:
    """Up to three questions the base can answer, near what was asked: the named entity's, else
    layoffs of the same year, else the same topic, else a general mix."""
    picks: list[str] = []
    if entity_ids:
        docs = [index.documents[d] for e in entity_ids for d in index.by_entity.get(e, [])]
        order = {"profile": 0, "layoff-size": 1, "layoff-reason": 2}
        docs.sort(key=lambda d: (order.get(d.topic, 3), d.kind == "event", d.id))
    elif year and (topic is None or topic in _COMPANY_TOPICS):
        docs = sorted((d for d in index.documents.values() if d.topic == "layoff-size" and d.kind == "fact"
                       and (d.as_of or "").startswith(str(year))), key=lambda d: d.as_of or "")
    elif topic:
        docs = [index.documents[d] for d in index.by_topic.get(topic, [])]
    else:
        docs = []
    for doc in docs:
        if doc.id in exclude or not doc.questions:
            continue
        question = doc.questions[0]
        if question not in picks:
            picks.append(question)
        if len(picks) == 3:
            return tuple(picks)
    for question in index.default_suggestions:
        if question not in picks and len(picks) < 3:
            picks.append(question)
    return tuple(picks)


def match_question(index: FactIndex, question: str, conversation: Conversation = Conversation(),
                   params: ranking.RankerParams | None = None) -> Match:
    return match_and_rank(index, question, conversation, params)[0]


def _answer_documents(index: FactIndex, parsed: Parsed, scored: list[tuple[float, str]]) -> list[Document]:
    """The facts an answer tells: the best fact, and per named entity of the same kind ("Amazon and
    Meta") its best fact; joined by other facts of the same topic and entity that the model rates
    nearly as likely when the question names no year ("How many did Meta cut?")."""
    top = index.documents[scored[0][1]]
    top_kind = index.entities[top.entity_id].kind if top.entity_id in index.entities else None
    groups = [e for e in parsed.entity_ids if index.entities[e].kind == top_kind]
    groups = groups if len(groups) > 1 else [None]
    per_group = MAX_COMBINED if len(groups) == 1 else 2
    chosen: list[Document] = []
    for entity_id in groups:
        rows = [(score, index.documents[doc_id]) for score, doc_id in scored
                if entity_id is None or index.documents[doc_id].entity_id == entity_id]
        if not rows or rows[0][0] < scored[0][0] * NEAR_BEST:
            continue
        top_score, first = rows[0]
        picked = [first]
        if first.topic in {"layoff-size", "layoff-date"} and not parsed.year:
            for score, doc in rows[1:]:
                if len(picked) >= per_group or score < top_score * NEAR_BEST:
                    break
                if doc.topic == first.topic and doc.entity_id == first.entity_id:
                    picked.append(doc)
            picked.sort(key=lambda d: d.as_of or "", reverse=True)
        chosen.extend(d for d in picked if d not in chosen)
    return chosen


def analyse(index: FactIndex, question: str, conversation: Conversation) -> tuple[Parsed, str | None]:
    """Question analysis and conversation state: the parsed question and the topic to look for."""
    parsed = _resolve(index, parse_question(index, question, conversation), conversation)
    topic = _topic_for(index, parsed.topic, parsed.entity_ids)
    if not parsed.entity_ids and has_cjk(parsed.normalized) and topic in _RULE_TOPICS and CHINA in index.entities:
        # A rule question in Chinese that names no country ("经济补偿金怎么算") is about China's law.
        parsed = replace(parsed, entity_ids=(CHINA,), context_entity_ids=(CHINA,))
        topic = _topic_for(index, parsed.topic, parsed.entity_ids)
    if not parsed.content and topic is None and parsed.entity_ids:
        # "Xiaohongshu?" asks who the company is; "What is the WARN Act?" what the law is.
        kind = index.entities[parsed.entity_ids[0]].kind
        if kind == "company":
            topic = "profile"
        elif _ASKS_WHAT_IS.match(parsed.normalized):
            topic = "definition"
    return parsed, topic


def candidates_for(index: FactIndex, parsed: Parsed) -> list[str]:
    """Candidate retrieval: facts of the named entities plus facts that belong to no entity
    (glossary, timelines, imported FAQs) — never facts of another company or jurisdiction."""
    candidates = [d for e in parsed.entity_ids for d in index.by_entity.get(e, [])]
    return candidates + index.by_entity.get(None, [])


def match_and_rank(index: FactIndex, question: str, conversation: Conversation = Conversation(),
                   params: ranking.RankerParams | None = None) -> tuple[Match, list[tuple[float, str]]]:
    """Analyse, retrieve, rank, decide. Returns the match and every scored candidate, best first."""
    match, scored, _ = match_rank_features(index, question, conversation, params)
    return match, scored


def _decline(index: FactIndex, parsed: Parsed, topic: str | None, confidence: float, conversation: Conversation,
             reason: str, question: str) -> Match:
    return Match(False, confidence, (), parsed.entity_ids, topic, _suggest(index, parsed.entity_ids, topic, set(),
                                                                           year=parsed.year),
                 conversation, reason, missing=_missing_subject(parsed, question, topic))


def _missing_subject(parsed: Parsed, question: str, topic: str | None) -> str | None:
    """The name the question asks about that the base does not know, as the asker wrote it."""
    about_layoffs = "layoff" in parsed.content or topic in _COMPANY_TOPICS or topic in _RULE_TOPICS
    if parsed.entity_ids or not about_layoffs:
        return None
    if parsed.names:
        return parsed.names[0]
    if parsed.unknown:
        stems = set(parsed.unknown)
        for word in re.findall(r"[^\W\d_][\w.&-]*", question):
            if _stem(normalize(word)) in stems:
                return word[:1].upper() + word[1:]
    return None


def match_rank_features(index: FactIndex, question: str, conversation: Conversation = Conversation(),
                        params: ranking.RankerParams | None = None):
    """`match_and_rank` plus the candidates' feature matrix (rows in candidate order), for fitting."""
    params = params or ranking.default_params()
    threshold = params.threshold
    parsed, topic = analyse(index, question, conversation)
    candidates = candidates_for(index, parsed)
    new_conversation = Conversation(parsed.entity_ids, topic, parsed.year, parsed.month, parsed.content)
    # "why?" with nothing to lean on; "how long?", "available": one word, no subject, no topic.
    vague = not parsed.entity_ids and (not parsed.content or (topic is None and len(set(parsed.content)) <= 1))
    if not candidates or vague:
        return _decline(index, parsed, topic, 0.0, new_conversation, "no candidates", question), [], \
            ([], np.zeros((0, len(FEATURES))), None)
    scored, matrix = _score(index, parsed, topic, candidates, conversation, params)
    facts = _question_facts(index, parsed, topic)
    # Time agreement is a guard, like the entity guard: a question that names a year is never
    # answered with a layoff of another year (the ranker still lists it, for evaluation).
    # Likewise a question whose subject the base does not know ("Did Pinduoduo lay off staff?",
    # "notice before a mass layoff in Brazil") is not answered with a general fact about someone else.
    allowed = matrix[:, F["year_mismatch"]] < 1.0
    if parsed.question_type != "meaning" and topic != "definition" and matrix[:, F["unknown_name"]].any():
        allowed[:] = False
    if not allowed.any():
        return _decline(index, parsed, topic, 0.0, new_conversation, GUARDED, question), scored, \
            (candidates, matrix, facts)
    row = decision.decision_row(ranking.logits(params, matrix[allowed]), matrix[allowed], **facts)
    confidence = round(decision.answer_probability(params.decision_weights, row), 4)
    if confidence < threshold:
        return _decline(index, parsed, topic, confidence, new_conversation, "below threshold", question), scored, \
            (candidates, matrix, facts)
    permitted = {c for c, ok in zip(candidates, allowed, strict=True) if ok}
    answerable = [pair for pair in scored if pair[1] in permitted]
    best = index.documents[answerable[0][1]]
    chosen = _answer_documents(index, parsed, answerable)
    suggestions = _suggest(index, parsed.entity_ids, topic, {d.id for d in chosen})
    return Match(True, confidence, tuple(chosen), parsed.entity_ids, best.topic, suggestions,
                 replace(new_conversation, topic=best.topic, doc_ids=tuple(d.id for d in chosen))), scored, \
        (candidates, matrix, facts)
