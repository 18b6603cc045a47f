"""Matching a question to facts: pure functions over an in-memory `FactIndex`.

The pipeline, per question: normalise once; recognise entities (companies, jurisdictions)
through their aliases, exact or fuzzy; recognise years and a topic; resolve follow-ups from the
conversation; take candidates only from the recognised entity (or, with none, from facts that
belong to no entity); rank them with a blend of weighted word coverage, a rapidfuzz score and
topic agreement; and turn the best score into a confidence that decides answer or abstain.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz, process

from . import lexicon
from .text import has_cjk, normalize

ANSWER_THRESHOLD = 0.55
FUZZY_ALIAS_CUTOFF = 88
MAX_COMBINED = 3
CLAIM_WORD_WEIGHT = 0.6
GENERAL_FACT_FACTOR = 0.9
MIN_CONTENT_WEIGHT = 2.0
_YEAR = re.compile(r"\b(20[0-4]\d|19[89]\d)\b")
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
    """What a follow-up may lean on: the last entities, topic and year."""

    entity_ids: tuple[str, ...] = ()
    topic: str | None = None
    year: int | None = None


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
    idf: dict[str, float] = field(default_factory=dict)
    cjk_words: frozenset[str] = frozenset()
    cjk_aliases: list[str] = field(default_factory=list)
    max_alias_words: int = 1
    alias_choices: list[str] = field(default_factory=list)
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
        index.alias_choices = [a for a in index.aliases if len(a) >= 5 and not has_cjk(a)]
        index.max_alias_words = max((len(a.split()) for a in index.aliases), default=1)
        by_entity: dict[str | None, list[str]] = defaultdict(list)
        doc_freq: dict[str, int] = defaultdict(int)
        for doc in documents:
            by_entity[doc.entity_id].append(doc.id)
            texts = [normalize(t) for t in (*doc.questions, _strip_markers(doc.claim))]
            masked = [index.mask_entities(t)[0] for t in texts]
            asked: set[str] = set()
            for text in masked[:-1]:
                asked.update(index.content_words(text))
            told = set(index.content_words(masked[-1]))
            words = asked | told
            index.doc_tokens[doc.id] = frozenset(asked)
            index.claim_tokens[doc.id] = frozenset(told)
            index.doc_choices[doc.id] = masked[: max(1, len(doc.questions))]
            for word in words:
                doc_freq[word] += 1
        total = max(1, len(documents))
        index.idf = {w: math.log(1 + total / f) for w, f in doc_freq.items()}
        index.by_entity = dict(by_entity)
        index.default_suggestions = tuple(_default_suggestions(index))
        return index

    # -- entity recognition -------------------------------------------------------------
    def mask_entities(self, normalized: str, original: str | None = None) -> tuple[str, list[str]]:
        """Remove alias mentions from normalised text; return the rest and the entity ids found.

        Exact aliases are looked up as word n-grams (longest first), Chinese aliases as
        substrings; with `original` given (a user's question), typos are caught by one
        rapidfuzz `cdist` of the remaining n-grams against the longer aliases.
        """
        found: list[str] = []

        def add(alias: str) -> None:
            for entity_id in self.aliases[alias]:
                if entity_id not in found:
                    found.append(entity_id)

        for alias in self.cjk_aliases:
            if alias in normalized:
                normalized = normalized.replace(alias, " ")
                add(alias)
        words = normalized.split()
        all_lower = original is None or original == original.lower()
        kept: list[str] = []
        i = 0
        while i < len(words):
            for n in range(min(self.max_alias_words, len(words) - i), 0, -1):
                gram = " ".join(words[i : i + n])
                if gram in self.aliases and (
                    all_lower or gram not in COMMON_WORD_ALIASES or _mentioned_as_name(gram, original)
                ):
                    add(gram)
                    i += n
                    break
            else:
                kept.append(words[i])
                i += 1
        if original is not None and self.alias_choices and kept:
            grams = [(i, n, " ".join(kept[i : i + n])) for n in (1, 2, 3)
                     for i in range(len(kept) - n + 1)]
            grams = [g for g in grams if len(g[2]) >= 5 and not g[2].isdigit()
                     and not (g[1] == 1 and g[2] in _ORDINARY_WORDS)]
            if grams:
                dropped: set[int] = set()
                for start, n, gram in grams:
                    hit = process.extractOne(gram, self.alias_choices, scorer=fuzz.ratio,
                                             score_cutoff=FUZZY_ALIAS_CUTOFF)
                    if hit and not dropped.intersection(range(start, start + n)):
                        add(hit[0])
                        dropped.update(range(start, start + n))
                kept = [w for position, w in enumerate(kept) if position not in dropped]
        return " ".join(kept), found

    # -- words ---------------------------------------------------------------------------
    def content_words(self, masked: str) -> list[str]:
        """Canonical content words: phrases and synonyms folded, stopwords dropped, CJK segmented."""
        text = f" {masked} "
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
            if word in lexicon.STOPWORDS or word in lexicon.CJK_STOP_CHARS:
                continue
            out.append(_stem(word))
        return out


def _strip_markers(claim: str) -> str:
    return re.sub(r"\[[a-z0-9][a-z0-9-]*\]", " ", claim)


def _mentioned_as_name(alias: str, original: str) -> bool:
    """A common-word alias ("Snap", "RED") counts only when written like a name."""
    for match in re.finditer(re.escape(alias), original, flags=re.IGNORECASE):
        written = match.group(0)
        if written[0].isupper():
            return True
    return False


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
            return word[: -len(suffix)] + keep
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


def parse_question(index: FactIndex, question: str, conversation: Conversation) -> Parsed:
    normalized = normalize(question)
    masked, entity_ids = index.mask_entities(normalized, question)
    years = [int(y) for y in _YEAR.findall(masked)]
    masked = _YEAR.sub(" ", masked)
    words = index.content_words(masked)
    topic = next((lexicon.TOPIC_CUES[w] for w in words if w in lexicon.TOPIC_CUES), None)
    content = tuple(w for w in words if w not in lexicon.TOPIC_CUES)
    if topic is None and entity_ids and set(content) <= {"layoff", "staff"} and "layoff" in content:
        topic = "layoff-size"  # "Did Airbnb sack anyone?", "amazon layoffs"
    unknown = tuple(w for w in content if w not in index.idf and w not in lexicon.TOPIC_CUES)
    raw_words = normalized.split()
    follow_up = not entity_ids and not unknown and (
        len(raw_words) <= 5 or any(w in lexicon.FOLLOW_UP_CUES for w in raw_words[:2])
        or any(w in {"they", "them", "their", "it", "its", "he", "she"} for w in raw_words)
    )
    return Parsed(normalized, tuple(entity_ids), topic, years[0] if years else None, content,
                  unknown, masked, follow_up)


def _resolve(parsed: Parsed, conversation: Conversation) -> Parsed:
    """Lean on the conversation for what a follow-up leaves out."""
    entity_ids, topic, year = parsed.entity_ids, parsed.topic, parsed.year
    if not entity_ids and parsed.follow_up and conversation.entity_ids:
        entity_ids = conversation.entity_ids
        year = year or conversation.year
    if entity_ids and not topic and not parsed.content and conversation.topic:
        topic = conversation.topic
    return replace(parsed, entity_ids=entity_ids, topic=topic, year=year)


def _topic_for(index: FactIndex, topic: str | None, entity_ids: tuple[str, ...]) -> str | None:
    if topic is None or not entity_ids:
        return topic
    kind = index.entities[entity_ids[0]].kind
    if kind == "company":
        return lexicon.COMPANY_TOPIC_FOR.get(topic, topic)
    return lexicon.RULE_TOPIC_FOR.get(topic, topic)


def _doc_year(doc: Document) -> int | None:
    return int(doc.as_of[:4]) if doc.as_of and doc.kind != "rule" else None


def _score(index: FactIndex, parsed: Parsed, topic: str | None, candidates: list[str]) -> list[tuple[float, str]]:
    content = set(parsed.content)
    weights = {w: index.idf.get(w, 3.0) for w in content}
    total_weight = sum(weights.values())
    query_text = " ".join(parsed.content) or parsed.masked
    choices: list[str] = []
    owners: list[int] = []
    for position, doc_id in enumerate(candidates):
        for choice in index.doc_choices[doc_id]:
            choices.append(choice)
            owners.append(position)
    fuzzy_best = [0.0] * len(candidates)
    if choices and query_text:
        # One rapidfuzz call over every candidate phrasing; numpy-free so start-up stays light.
        for _choice, value, choice_index in process.extract(
            parsed.masked or query_text, choices, scorer=fuzz.token_sort_ratio, limit=None
        ):
            owner = owners[choice_index]
            fuzzy_best[owner] = max(fuzzy_best[owner], float(value) / 100)
    scored = []
    for position, doc_id in enumerate(candidates):
        doc = index.documents[doc_id]
        asked, told = index.doc_tokens[doc_id], index.claim_tokens[doc_id]
        if topic is None:
            topic_score = 0.5
        elif doc.topic == topic:
            topic_score = 1.0
        elif frozenset((doc.topic, topic)) in lexicon.RELATED_TOPICS:
            topic_score = 0.5
        else:
            topic_score = 0.0
        # A word the fact's own questions use counts fully; one only its claim mentions, less:
        # "Meta revenue" should not be answered by a claim that says "revenue fell".
        matched = sum(
            weights[w] * (1.0 if w in asked else CLAIM_WORD_WEIGHT if w in told else 0.0) for w in content
        )
        # Questions made only of common words ("why?", "severance for layoffs in China") say
        # little beyond their topic, so the topic fills the weight they lack.
        filler = max(0.0, MIN_CONTENT_WEIGHT - total_weight) * (topic_score if topic else 1.0)
        coverage = (matched + filler) / max(total_weight, MIN_CONTENT_WEIGHT)
        score = 0.5 * coverage + 0.2 * fuzzy_best[position] + 0.3 * topic_score
        doc_year = _doc_year(doc)
        if parsed.year and doc_year and doc.topic.startswith("layoff") and doc_year != parsed.year:
            score *= 0.5
        if parsed.entity_ids and doc.entity_id is None:
            score *= GENERAL_FACT_FACTOR  # a named entity's own facts come first
        if doc.kind == "event":
            score -= 0.01  # curated wording wins a tie with a generated one
        scored.append((round(score, 4), doc_id))
    scored.sort(key=lambda pair: (-pair[0], pair[1]))
    return scored


def _suggest(index: FactIndex, entity_ids: tuple[str, ...], topic: str | None,
             exclude: set[str]) -> tuple[str, ...]:
    """Up to three questions the base can answer, near what was asked."""
    picks: list[str] = []
    if entity_ids:
        docs = [index.documents[d] for e in entity_ids for d in index.by_entity.get(e, [])]
        order = {"profile": 0, "layoff-size": 1, "layoff-reason": 2}
        docs.sort(key=lambda d: (order.get(d.topic, 3), d.kind == "event", d.id))
    elif topic:
        docs = [d for d in index.documents.values() if d.topic == topic and d.kind == "rule"]
        docs += [d for d in index.documents.values() if d.topic == topic and d.kind != "rule"]
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
                   threshold: float = ANSWER_THRESHOLD) -> Match:
    parsed = _resolve(parse_question(index, question, conversation), conversation)
    topic = _topic_for(index, parsed.topic, parsed.entity_ids)
    if not parsed.content and topic is None and parsed.entity_ids:
        kind = index.entities[parsed.entity_ids[0]].kind
        topic = "profile" if kind == "company" else None
    # Facts of the named entities, plus facts that belong to no entity (glossary, timelines):
    # never facts of another company or jurisdiction.
    candidates = [d for e in parsed.entity_ids for d in index.by_entity.get(e, [])]
    candidates += index.by_entity.get(None, [])
    new_conversation = Conversation(parsed.entity_ids, topic, parsed.year)
    vague = not parsed.entity_ids and not parsed.content  # "why?" with nothing to lean on
    if not candidates or vague:
        return Match(False, 0.0, (), parsed.entity_ids, topic,
                     _suggest(index, parsed.entity_ids, topic, set()), new_conversation,
                     "no candidates")
    scored = _score(index, parsed, topic, candidates)
    best_score, best_id = scored[0]
    confidence = max(0.0, min(1.0, best_score))
    if confidence < threshold:
        return Match(False, confidence, (), parsed.entity_ids, topic,
                     _suggest(index, parsed.entity_ids, topic, set()), new_conversation,
                     "below threshold")
    best = index.documents[best_id]
    chosen = [best]
    # Several facts of the same entity and topic answer together ("How many did Meta cut?"),
    # unless the question names a year.
    if best.topic in {"layoff-size", "layoff-date"} and not parsed.year:
        for score, doc_id in scored[1:]:
            doc = index.documents[doc_id]
            if len(chosen) >= MAX_COMBINED or score < best_score - 0.08:
                break
            if doc.topic == best.topic and doc.entity_id == best.entity_id:
                chosen.append(doc)
        chosen.sort(key=lambda d: d.as_of or "", reverse=True)
    for entity_id in parsed.entity_ids[1:]:
        # A second named entity ("Meta and Amazon") gets its own best fact of the same topic.
        for score, doc_id in scored:
            doc = index.documents[doc_id]
            if doc.entity_id == entity_id and score >= threshold:
                chosen.append(doc)
                break
    suggestions = _suggest(index, parsed.entity_ids, topic, {d.id for d in chosen})
    return Match(True, confidence, tuple(chosen), parsed.entity_ids, best.topic, suggestions,
                 replace(new_conversation, topic=best.topic))
