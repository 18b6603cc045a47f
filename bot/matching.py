"""The answer engine's pipeline: normalise (bot.text) -> analyse (bot.analysis) -> resolve the
conversation (bot.conversation) -> retrieve candidates (bot.retrieval) -> rank (bot.features,
bot.ranking) -> decide (bot.decision), with the guards: a fact of another entity, of another year,
or about a subject the base does not know is never the answer.

`match_and_rank` also returns every scored candidate, for evaluation; `match_rank_features` the
feature matrix too (a list of rows of floats, candidates × `ranking.FEATURES`), for fitting
(bot.fitting). Answering runs on plain floats: numpy stays off a cold `ask`.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace

from . import decision, lexicon, ranking
from .analysis import (
    _ASKS_WHAT_IS,
    _COMPANY_TOPICS,
    _RULE_TOPICS,
    ASKS_LEADER,
    ASKS_PERIOD,
    ASPECTS_OF_ROUNDS,
    CHINA,
    CONDITION,
    SAID_TO_MEAN_ZH,
    Parsed,
    _english_place_names,
    _pick_topic,
    _topic_for,
    english_word,
    parse_question,
    question_types,
    refers_back,
    region_named,
    term_words_named,
    unit_words_named,
    unknown_chinese_place,
    unknown_place,
)
from .conversation import (
    _LAW_ASKED,
    _OF_THOSE,
    _UNIT_WORDS,
    Conversation,
    _places_named,
    _resolve,
    companies_talked_of,
    law_asked_after_a_company,
    names_a_place_alone,
    remembered_content,
)
from .features import F, _question_facts, _score
from .language import language_of, say
from .retrieval import (  # noqa: F401  (re-exported: the engine's public names)
    STRICT_WORD_ALIASES,
    Document,
    Entity,
    FactIndex,
    FuzzyLookup,
    _stem,
    _strip_markers,
    _surface_words,
    _written_as_name,
    candidates_for,
    chinese_phrasing,
)
from .text import has_cjk, normalize

GUARDED = "guarded"  # Match.reason when the guards leave nothing to answer with
MAX_COMBINED = 3  # facts told together in one answer at most
NEAR_BEST = 0.8  # another fact joins the answer when the ranker rates it at least this share of the best


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
    note: str = ""  # said with a decline, when the reason is known ("no round of Salesforce in 2022")
    brief: bool = False  # the lead fact's first sentence says all that is asked ("when?" after the same round)


def _suggest(index: FactIndex, entity_ids: tuple[str, ...], topic: str | None,
             exclude: set[str], *, year: int | None = None, chinese: bool = False) -> tuple[str, ...]:
    """Up to three questions the base can answer, near what was asked: the named entity's, else
    layoffs of the same year, else the same topic, else a general mix. For a `chinese` asker, a
    fact's first phrasing in Chinese where it has one."""
    picks: list[str] = []
    if entity_ids:
        docs = [index.documents[d] for e in entity_ids for d in index.by_entity.get(e, [])]
        order = {"profile": 0, "layoff-size": 1, "layoff-reason": 2}
        docs.sort(key=lambda d: (order.get(d.topic, 3), d.kind == "event", d.id))
    elif year and (topic is None or topic in _COMPANY_TOPICS):
        docs = index.size_facts_of_year(year)
    elif topic:
        docs = [index.documents[d] for d in index.by_topic.get(topic, [])]
    else:
        docs = []
    if chinese:  # facts with a phrasing in Chinese first, for a Chinese asker
        docs = sorted(docs, key=lambda d: not chinese_phrasing(d.questions))
    for doc in docs:
        if doc.id in exclude or not doc.questions:
            continue
        question = (chinese and chinese_phrasing(doc.questions)) or doc.questions[0]
        if question not in picks:
            picks.append(question)
        if len(picks) == 3:
            return tuple(picks)
    for question in (index.default_suggestions_zh if chinese else ()) or index.default_suggestions:
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


# A question about a law without a rule topic's word ("what are the layoff rules in brazil").
_LAW_NAME_WORDS = frozenset({"act", "acts", "law", "laws", "code", "ordinance", "directive", "regulations", "order",
                             "warn", "tulrca"})
_LAW_WORDS = re.compile(r"\b(?:rules?|laws?|legal|legally|regulations?|statutory|legislation)\b")


# The last few analyses, by (question, conversation): answering one question analyses it up to three times (the
# ranking, the year's rounds, whether it asks about rounds in general). Each value keeps its index, so that an
# analysis is never reused for another fact base; the dict is emptied when it grows past _ANALYSED_MAX.
_ANALYSED: dict[tuple[int, str, Conversation], tuple[FactIndex, tuple[Parsed, str | None]]] = {}
_ANALYSED_MAX = 64


def analyse(index: FactIndex, question: str, conversation: Conversation) -> tuple[Parsed, str | None]:
    """Question analysis and conversation state: the parsed question and the topic to look for (the same
    objects for the same question, conversation and index: `Parsed` is frozen)."""
    key = (id(index), question, conversation)
    try:
        cached = _ANALYSED.get(key)
    except TypeError:  # a conversation holding something unhashable: analysed afresh
        return _analyse(index, question, conversation)
    if cached is not None and cached[0] is index:
        return cached[1]
    result = _analyse(index, question, conversation)
    if len(_ANALYSED) >= _ANALYSED_MAX:
        _ANALYSED.clear()
    _ANALYSED[key] = (index, result)
    return result


HONG_KONG = "hk"
# Written Cantonese, not Mandarin: its own characters and words (simplified as text.normalize leaves them).
_CANTONESE = re.compile(r"[冇俾咗嘅喺唔佢哋啲嘢咩]|点解|点样|点计|系咪|边个|几耐|几多|乜嘢|乜野")


# A request to make something, not a question ("write a poem about ...", "can you translate ...", "帮我写一首诗"), or to
# recommend someone ("Recommend an employment lawyer in Munich?"): the base holds facts, no advice
_MAKE_REQUEST = re.compile(
    r"^(?:(?:please|pls|can you|could you|would you|will you|help me|i need you to|i want you to|now)\s+)*"
    r"(?:write|compose|draft|translate|sing|rewrite|paraphrase|summari[sz]e this|tell me a (?:joke|story)|make me|"
    r"generate|create|draw me|recommend|suggest an?|find me an?|plan|book|organi[sz]e|cook|bake|debug)\b"
    r"|^(?:请|帮我|给我|你能|能不能|可以)?(?:写一[首篇封个]|写首|翻译|作一首|画一)")


# A choice of what to do, put to the bot ("Should I sign the severance agreement or sue my employer?", "我应该签协议还是
# 去仲裁"): advice, which no fact gives (a rule's "does US law require severance" is not the answer to it)
_ADVICE_ASKED = re.compile(
    r"^(?:(?:so|ok|okay|and|but|hmm|honestly)\s+)*(?:should|shall) (?:i|we) (?:just )?(?:sign|accept|take|sue|quit|"
    r"resign|negotiate|fight|appeal|hire|go to court|challenge|refuse|reject)\b.* or\b"
    r"|(?:应该|该不该|要不要|是否应该)(?:签|接受|起诉|告|仲裁|辞职|谈判|拒绝)\S*还是")


def _named_by_a_term_only(index: FactIndex, normalized: str, entity_ids: list[str]) -> set[str]:
    """The jurisdictions of `entity_ids` that a question names only by a term of their law ("retrenchment pay",
    "long service payment": aliases with words of their own, `FactIndex.units`), by no name of the place or law."""
    found = [a for a in index.names_in(normalized) if a not in lexicon.STOPWORDS]  # ("in", India's code, is a word)
    return {e for e in entity_ids if index.entities[e].kind == "jurisdiction"
            and not any(e in index.aliases[a] and not index.units.get(a) for a in found)}


def _analyse(index: FactIndex, question: str, conversation: Conversation) -> tuple[Parsed, str | None]:
    parsed = _resolve(index, parse_question(index, question, conversation), conversation)
    topic = _topic_for(index, parsed.topic, parsed.entity_ids)
    # The entities the question names itself; those a follow-up took from the talk do not count: "notice
    # period in brazil" after Australia's severance is about Brazil, never Australia.
    own = [e for e in parsed.entity_ids if e not in parsed.context_entity_ids]
    # (A place beside a company's talk says where its staff are: "印尼那边呢" after Sea Group's layoffs.)
    about_a_company = topic not in _RULE_TOPICS and not _LAW_ASKED.search(parsed.normalized) and any(
        index.entities[e].kind == "company" for e in parsed.context_entity_ids)
    place = unknown_chinese_place(index, parsed.normalized) if has_cjk(parsed.normalized) and not (
        about_a_company) else None
    if place and own:
        # "印度尼西亚公司裁员的遣散费": the place named is Indonesia, though its name holds India's (印度); a known
        # place or company named apart from it is what the question is about.
        apart = {e for alias in index.names_in(parsed.normalized.replace(place, " ")) for e in index.aliases[alias]}
        own = [e for e in own if e in apart or index.entities[e].kind != "jurisdiction"]
        place = None if own else place
    chinese_unnamed = not own and has_cjk(parsed.normalized)
    # A place named with a rule's topic, no topic, or a term asked about ("paternity leave in sweden",
    # "what's garden leave in sweden"): what is said of it is that place's, which the base may not hold.
    # A law's term names its jurisdiction only as the law's ("philippines retrenchment pay": India's term), not
    # as the place asked about.
    # (read only where it can matter: an English question naming a jurisdiction)
    by_term = _named_by_a_term_only(index, parsed.normalized, own) if not has_cjk(parsed.normalized) and any(
        index.entities[e].kind == "jurisdiction" for e in own) else set()
    if (place is None and (topic in _RULE_TOPICS or topic in (None, "definition")
                           or _LAW_WORDS.search(parsed.normalized))
            and not has_cjk(parsed.normalized)
            and not any(index.entities[e].kind == "jurisdiction" and e not in by_term for e in own)):
        place = unknown_place(index, parsed.normalized)  # "mexico severance law": no rules of Mexico's
        if place and by_term:  # (the term's words, masked as its law's, are what is asked of the place)
            own = [e for e in own if e not in by_term]
            parsed = replace(parsed, content=(*parsed.content, *(w for w in parsed.hints if w not in parsed.content)))
    rule_talk = conversation.topic in _RULE_TOPICS and any(
        index.entities[e].kind == "jurisdiction" for e in conversation.entity_ids if e in index.entities)
    about_a_law = topic in _RULE_TOPICS or _LAW_WORDS.search(parsed.normalized) or rule_talk  # not "layoffs in ohio"
    region = region_named(index, parsed.normalized) if about_a_law and not (place or has_cjk(parsed.normalized)) \
        else None
    if region:
        written, country, lacked, named_apart = region
        apart = [e for e in own if e in named_apart or index.entities[e].kind != "jurisdiction"]
        if lacked and all(index.entities[e].kind != "jurisdiction" or e == country for e in apart):
            # "group termination notice in British Columbia": a province with its own law the base does not hold;
            # the country's law ("group termination" is a term of the Canada Labour Code) does not govern there.
            place, own = written, [e for e in apart if e != country]
        elif not lacked and all(index.entities[e].kind != "jurisdiction" or e == country for e in apart):
            # "redundancy pay in Queensland", "WARN notice in Ohio": the country's law, as a city of it names it
            words = set(index.content_words(written.lower()))
            own = [e for e in apart if e != country] + [country]
            parsed = replace(parsed, entity_ids=tuple(own), masked=parsed.masked.replace(written.lower(), " "),
                             content=tuple(w for w in parsed.content if w not in words),
                             unknown=tuple(w for w in parsed.unknown if w not in words))
            topic = _topic_for(index, parsed.topic, parsed.entity_ids)
    if place:  # "台湾资遣费怎么算": a place the base does not know, never mainland China's law
        parsed = replace(parsed, names=(place,), entity_ids=tuple(own), context_entity_ids=())
    elif (chinese_unnamed and not parsed.names and (topic in _RULE_TOPICS or topic is None)
            and CHINA in index.entities and (set(conversation.entity_ids) <= {CHINA} or (
                not parsed.entity_ids and law_asked_after_a_company(index, parsed, conversation)))):
        # A question in Chinese that names no country ("经济补偿金怎么算") is about China's law, unless the
        # talk is about somewhere else ("有上限嗎？" after Hong Kong's severance, "如果公司不通知呢？" after
        # the US WARN Act: a new user found China's law given there, a wrong-country answer); a talk about
        # companies is about no law ("法律上规定的补偿是多少？" after Xiaohongshu's round).
        # ... in Cantonese ("公司冇俾代通知金就叫我走，我可以點做？"), about Hong Kong's: Cantonese is written there.
        place = HONG_KONG if HONG_KONG in index.entities and _CANTONESE.search(parsed.normalized) else CHINA
        parsed = replace(parsed, entity_ids=(place,), context_entity_ids=(place,), assumed_place=True)
        topic = _topic_for(index, parsed.topic, parsed.entity_ids)
    if not parsed.content and topic is None and parsed.entity_ids:
        # "Xiaohongshu?" asks who the company is; "What is the WARN Act?" what the law is.
        # A company and a period only ("快手2021年12月") asks about its layoff then.
        kind = index.entities[parsed.entity_ids[0]].kind
        if kind == "company":
            topic = "layoff-size" if parsed.year else "profile"
        elif _ASKS_WHAT_IS.match(parsed.normalized):
            # The law's own name is what is asked about ("WARN Act" is an alias of the US): what the law
            # is. A term of the law ("what is the HR1 form") is what its own rule is about, of any topic.
            # A term of the law asked beside the law's name ("what is retrenchment compensation under the
            # Industrial Disputes Act") is the term's, not the law's.
            terms = term_words_named(index, parsed)
            if terms:
                term_topic = _pick_topic(list(terms))
                topic = _topic_for(index, term_topic, parsed.entity_ids) if term_topic in _RULE_TOPICS else None
                parsed = replace(parsed, content=tuple(w for w in parsed.hints if w in terms))
            else:
                topic = "definition" if _LAW_NAME_WORDS.intersection(parsed.hints) else None
                parsed = replace(parsed, content=parsed.hints)
        else:
            # A term of art that names its law ("netherlands transitievergoeding", "long service payment
            # hk"): its words are what is asked about, though they also name the jurisdiction. (Not a
            # place's own name or abbreviation: "ny?", "germany".)
            terms = _law_terms(index, parsed, shortest=4)
            if terms:
                parsed = replace(parsed, content=terms)
    elif (topic == "definition" and not parsed.content and parsed.entity_ids
          and index.entities[parsed.entity_ids[0]].kind == "jurisdiction"
          and _LAW_NAME_WORDS.intersection(parsed.hints)):
        # "what does the WARN Act mean", "美国WARN法案是什么意思": what the law is, as "what is the WARN Act" asks
        parsed = replace(parsed, content=parsed.hints)
    elif (topic == "definition" and not parsed.content and parsed.entity_ids
          and index.entities[parsed.entity_ids[0]].kind == "jurisdiction"):
        # "what's a PSE in france": a term of one law is what that law's own rule on it says, not the glossary's
        terms = _law_terms(index, parsed, shortest=3)
        if terms:
            topic = _topic_for(index, _pick_topic(list(terms)), parsed.entity_ids)
            parsed = replace(parsed, content=terms, topic=topic)
    elif parsed.content and parsed.entity_ids and index.entities[parsed.entity_ids[0]].kind == "jurisdiction":
        # ... and beside words of the question's own ("HR1 form UK when to submit"): the term is asked about
        terms = _law_terms(index, parsed, shortest=3, besides=_LAW_NAME_WORDS | set(parsed.content))
        if terms:
            parsed = replace(parsed, content=parsed.content + terms)
            if topic is None and _pick_topic(list(terms)) in _RULE_TOPICS:
                # "india retrenchment compensation formula": the term is the law's name for severance
                topic = _topic_for(index, _pick_topic(list(terms)), parsed.entity_ids)
    return parsed, topic


# A word or phrase the asker quotes ("毕业", “优化”, 「畢業」, 'graduated'): in its quotation marks
_QUOTED = re.compile(r'"([^"]{1,30})"|“([^”]{1,30})”|「([^」]{1,30})」|『([^』]{1,30})』')


# A term said to be another word's meaning, in Chinese: "X就是Y的意思吗", "X是不是Y的意思", "X算是Y吗"
_SAID_TO_MEAN = re.compile(SAID_TO_MEAN_ZH)


def _term_said_to_mean(index: FactIndex, parsed: Parsed, candidates: list[str]) -> frozenset[str]:
    """The words of the term a Chinese question asks the meaning of by offering one ("“毕业”就是被裁的意思吗": 毕业,
    as "graduation") that a candidate definition speaks of; empty when there is no such term."""
    found = _SAID_TO_MEAN.search(parsed.normalized)
    if found is None:
        return frozenset()
    words = set(index.content_words(parsed.normalized[:found.start()])) - {"layoff", "staff"}
    return frozenset(w for w in words if any(
        index.documents[c].topic == "definition" and w in index.doc_tokens[c] | index.claim_tokens[c]
        for c in candidates))


def _asks_of_a_place_what_the_base_lacks(index: FactIndex, parsed: Parsed) -> bool:
    """Whether a question about a place (jurisdictions named, no company) asks in words none of which any of the
    base's phrasings uses ("best karaoke bars in tokyo"): it asks about something else, whatever word a rule's
    claim shares with it ("best efforts")."""
    if not parsed.entity_ids or any(index.entities[e].kind == "company" for e in parsed.entity_ids):
        return False
    words = set(parsed.content) | set(parsed.unknown)
    return bool(words) and not words & index.asked_words


def _names_a_term_the_base_lacks(index: FactIndex, parsed: Parsed) -> bool:
    """Whether a question about a law (a jurisdiction named, no company) holds a word that is neither English nor
    any the base uses, its spelling corrected ("sozialplan", "kurzarbeit"): likely a term of that law the base has
    no rule on."""
    if not any(index.entities[e].kind == "jurisdiction" for e in parsed.entity_ids) or any(
            index.entities[e].kind == "company" for e in parsed.entity_ids):
        return False
    odd = {w for w in parsed.unknown if w.isascii() and w.isalpha() and not english_word(w)}
    # ... when that term is what is asked, half its words or more: not a gloss beside words the base has ("Japan's
    # four requirements for economic dismissal (seiri kaiko)?")
    return bool(odd) and 2 * len(odd) >= len(set(parsed.content) | set(parsed.unknown))


def _law_terms(index: FactIndex, parsed: Parsed, *, shortest: int, besides: frozenset[str] | set[str] = frozenset()
               ) -> tuple[str, ...]:
    """The words of a jurisdiction's alias the question used that are not the place's own name ("hr1",
    "form" of "HR1 form"; not "united" of "United Kingdom"), of `shortest` letters or more, less `besides`."""
    name = normalize(index.entities[parsed.entity_ids[0]].name)
    place = set(name.split()) | set(index.content_words(name))  # as the hints are: stemmed ("france" -> franc)
    return tuple(w for w in parsed.hints if len(w) >= shortest and w not in place and w not in besides)


def match_and_rank(index: FactIndex, question: str, conversation: Conversation = Conversation(),
                   params: ranking.RankerParams | None = None) -> tuple[Match, list[tuple[float, str]]]:
    """Analyse, retrieve, rank, decide. Returns the match and every scored candidate, best first."""
    match, scored, _ = match_rank_features(index, question, conversation, params)
    return match, scored


_ASPECTS_ASKED = frozenset({"severance", "notice"})  # what staff got, how they were told: asked of a company


# A question asking what a company has or employs, not what it cut ("how many people work at meta").
_ASKS_HEADCOUNT = re.compile(r"\b(?:have|has|had|employ|employs|employed|headcount|workforce)\b"
                             r"|\bwork(?:s|ing)? (?:at|for|in)\b"
                             r"|有多少(?:名)?(?:员工|人)|员工(?:总数|人数)|多少(?:名)?员工")


# The most there is, asked ("the biggest statutory redundancy payment anyone can get", "the most you can get"): a cap
_ASKS_A_LIMIT = re.compile(r"\b(?:most|biggest|highest|largest|max\w*|upper|ceiling)\b|最多|最高|上限|封顶|顶")


def _about_a_qualifier(index: FactIndex, doc_id: str) -> bool:
    """Whether most of a rule's phrasings ask a qualifier of a rule (lexicon.RULE_QUALIFIERS: its cap, its
    exceptions): "What is the maximum statutory redundancy pay in the UK?"; cached on the index, per rule."""
    cache = index.__dict__.setdefault("_about_a_qualifier", {})
    if doc_id not in cache:
        questions = index.documents[doc_id].questions
        asking = sum(bool(lexicon.RULE_QUALIFIERS.intersection(index.content_words(normalize(q)))) for q in questions)
        cache[doc_id] = asking * 2 > len(questions)
    return cache[doc_id]


def _narrowed(allowed: list[bool], chosen: list[bool], among: list[bool]) -> list[bool]:
    """`allowed` (aligned with the candidates) with those `among` them that are not `chosen` left out, when an allowed
    one is chosen; else `allowed` as it was."""
    if not any(ok and pick for ok, pick in zip(allowed, chosen, strict=True)):
        return allowed
    return [ok and (pick or not scoped) for ok, pick, scoped in zip(allowed, chosen, among, strict=True)]


def _saying(index: FactIndex, candidates: list[str], allowed: list[bool], companies: set[str], words: re.Pattern,
            also: list[bool] | None = None) -> list[bool]:
    """`allowed` (aligned with `candidates`) with the facts of `companies` whose claim says none of `words`
    (read without its source markers: "[tweaktown-2022-05-24-klarna-video-message]" says no video), or fails
    `also`, left out; other entities' facts and facts of no entity as they were."""
    return [ok and (index.documents[c].entity_id not in companies
                    or bool(words.search(_strip_markers(index.documents[c].claim))) and (also is None or also[i]))
            for i, (c, ok) in enumerate(zip(candidates, allowed, strict=True))]


def _general_fact_for_a_company(index: FactIndex, parsed: Parsed, topic: str | None, faq_question: bool,
                                candidates: list[str], allowed: list[bool], scored: list[tuple[float, str]]) -> bool:
    """Whether the best candidate left is a fact of no entity that never names the company the question
    names ("Are Microsoft's profits up this year?": China's tutoring rules, which mention a non-profit):
    the question is about something the base does not hold on that company. Definitions asked aside ("what
    does graduation mean? saw it on xiaohongshu"); a glossary entry does not answer a company question that
    asks no meaning ("What happened to jobs at Northvolt?" got what redundancy means in the UK). A follow-up that
    points back at the company talked about ("what severance did they pay?") asks about it as if it named it."""
    named = {e for e in parsed.entity_ids if index.entities[e].kind == "company"}
    if not refers_back(parsed.normalized):
        named -= set(parsed.context_entity_ids)
    if not named or faq_question or topic == "definition" or parsed.question_type == "meaning":
        return False
    permitted = {c for c, ok in zip(candidates, allowed, strict=True) if ok}
    best = next((index.documents[d] for _, d in scored if d in permitted), None)
    if best is None or best.entity_id is not None:
        return False
    _, mentioned, _ = index.mask_entities(normalize(best.claim))
    return not named & set(mentioned)


def _unit_as_written(index: FactIndex, parsed: Parsed, question: str) -> str:
    """The unit's name as the question writes it ("YouTube", "slack"), for saying the answer is not its own."""
    company = parsed.entity_ids[0]  # (the unit was found by one of its aliases in the question)
    alias = max((a for a in index.units if company in index.aliases.get(a, ()) and a in parsed.normalized),
                key=len, default=index.entities[company].name)
    found = re.search(re.escape(alias), question, flags=re.IGNORECASE)
    return found.group(0) if found else alias


_PARENT = re.compile(r"\b(?:parent|owner|owns|owned|owning)\b|母公司|背后的公司")


def names_a_parent(normalized: str) -> bool:
    """Whether a (normalised) question names a company as a unit's parent or owner ("Shopee's parent Sea",
    "the company that owns Venmo", "Shopee母公司Sea"): the unit's name then names the whole company."""
    return bool(_PARENT.search(normalized))


def unit_named(index: FactIndex, parsed: Parsed) -> frozenset[str]:
    """The words of the part of the one company the question names by the part's own name (a unit or
    sub-brand the fact base lists: "aws", "cloud" of "Alibaba Cloud" or 阿里云), or an empty set. A unit's
    parent or owner ("Instagram's parent", "the company that owns Venmo") is the company itself."""
    if len(parsed.entity_ids) != 1 or names_a_parent(parsed.normalized):
        return frozenset()
    return unit_words_named(index, parsed)


def _place_of_those(index: FactIndex, parsed: Parsed) -> set[str]:
    """The words of the place a follow-up narrows the company talked about to ("how many of those in
    germany?"), or an empty set."""
    if parsed.context_entity_ids and all(index.entities[e].kind == "company" for e in parsed.context_entity_ids) and (
            set(parsed.entity_ids) == set(parsed.context_entity_ids)):
        # "what about san francisco?" after Twitter's layoffs (bot.conversation: a place, not its law)
        return {w for alias in _places_named(index, parsed) for w in index.content_words(alias)}
    if not (parsed.context_entity_ids and (_OF_THOSE.search(parsed.normalized) or (
            # ("what about in Germany?" after Tesla's layoffs: its staff there, bot.conversation.place_alone)
            set(parsed.entity_ids) > set(parsed.context_entity_ids) and names_a_place_alone(index, parsed)))) or any(
            index.entities[e].kind != "company" for e in parsed.context_entity_ids):
        return set()
    places = [e for e in parsed.entity_ids if e not in parsed.context_entity_ids
              and index.entities[e].kind == "jurisdiction"]
    return {w for e in places for w in index.content_words(normalize(index.entities[e].name))}


def _all_spoken_of(words: set[str], tokens: frozenset[str]) -> bool:
    """Whether a fact's `tokens` have each of `words`, or a word of the same first five letters (stems differ:
    "defer", "deferr" of deferred)."""
    return all(w in tokens or (len(w) >= 5 and any(t[:5] == w[:5] for t in tokens)) for w in words)


# A name asked about ("why is it called graduation?", "为什么叫毕业", "點解叫「畢業」"): its meaning
_ASKS_A_NAME = re.compile(r"\b(?:called|call it|call them|named|term|word|mean|means|meaning)\b|叫|称为|称作|说法")


def _company_and_place(index: FactIndex, parsed: Parsed) -> tuple[set[str], set[str], list[frozenset[str]]]:
    """(companies, countries, the words of each name of the countries) of a question that names both itself ("SAP
    jobs in Germany"); empty otherwise. A fact speaks of a country when it has all the words of one of its names (not
    "unit" alone, of "United Kingdom": TikTok's "Live unit" in Berlin is not in the UK)."""
    own = [e for e in parsed.entity_ids if e not in parsed.context_entity_ids]
    companies = {e for e in own if index.entities[e].kind == "company"}
    countries = [e for e in own if index.entities[e].kind == "jurisdiction"]
    if not companies or not countries:
        return set(), set(), []
    # its name, and as the question wrote it ("uk": the hint words no unit of the companies holds, "tiktok")
    units = set().union(*(index.unit_words.get(e, frozenset()) for e in companies))
    written = [w for w in parsed.hints if w not in units]
    names = (frozenset(index.content_words(text))
             for text in [*(normalize(index.entities[e].name) for e in countries), *written])
    return companies, set(countries), [name for name in names if name]


_IN_PLACE = re.compile(r"\b(?:in|at|from) (?:the |its |their |our |his |her )?([a-z][a-z ]{2,30}?)"
                       r"(?: office| site| plant| campus| team)?(?= in \d| \d| during| last| this| next| back|$)")


def _place_no_fact_speaks_of(index: FactIndex, parsed: Parsed, topic: str | None, candidates: list[str],
                             allowed: list[bool]) -> str | None:
    """The place a question about one company's layoffs names ("in Leixlip", "in zurich", "in israel") when it is
    no place of the company's home country and no allowed fact of the company speaks of it; None otherwise. A place
    is a city of the base's list, a country or territory (CLDR), or a word the base never uses after "in"."""
    own = [e for e in parsed.entity_ids if e not in parsed.context_entity_ids]
    companies = [e for e in own if index.entities[e].kind == "company"]
    if topic not in ("layoff-size", "layoff-process") or len(companies) != 1 or has_cjk(parsed.normalized):
        return None
    company = companies[0]
    home = normalize(index.entities[company].country or "")
    countries, pattern = _english_place_names()
    # (a country the base holds rules of is a jurisdiction, which `_company_and_place` reads; "Europe" of "Ford
    # Europe" is the EU's alias)
    found = [m.group(0) for m in pattern.finditer(parsed.normalized) if m.group(0) != home
             and m.group(0) not in index.aliases]
    found += [c for c in index.city_names(parsed.normalized)]
    found += [m.group(1) for m in _IN_PLACE.finditer(parsed.normalized)
              if all(_stem(w) in parsed.unknown for w in m.group(1).split())]
    if not found:
        return None
    home_places = {e for e in index.aliases.get(home, ())}
    for place in found:
        if set(index.aliases.get(place, ())) & home_places:
            continue  # a city of the company's home country: its rounds there are its rounds
        words = frozenset(index.content_words(place)) | frozenset(_surface_words(place))
        if not any(ok and index.documents[c].entity_id == company
                   and words & (index.doc_tokens[c] | index.claim_tokens[c] | index.claim_surface.get(c, frozenset()))
                   for c, ok in zip(candidates, allowed, strict=True)):
            return place
    return None


def time_agrees(matrix) -> list[bool]:
    """Which candidates (rows of a (candidates × features) matrix) do not contradict a year the question
    names; (candidates,)."""
    return [bool(row[F["year_mismatch"]] < 1.0) for row in matrix]


def _decline(index: FactIndex, parsed: Parsed, topic: str | None, confidence: float, conversation: Conversation,
             reason: str, question: str) -> Match:
    # A place assumed, not named, is not one to say "I know about" ("蘋果公司裁員": not China).
    named = () if parsed.assumed_place else parsed.entity_ids
    # ("how many did goggle lay off in 2026": an English word one slip from a company's name is not read as the
    # name, but the decline suggests what can be asked of that company, not of any)
    about = parsed.entity_ids or _company_spelt_alike(index, parsed)
    suggestions = _suggest(index, about, topic, set(), year=parsed.year, chinese=has_cjk(question))
    return Match(False, confidence, (), named, topic, suggestions, conversation, reason,
                 missing=_missing_subject(parsed, question, topic))


def _company_spelt_alike(index: FactIndex, parsed: Parsed) -> tuple[str, ...]:
    """The company one OSA edit from a word of a layoff question that names none ("goggle": Google), as a 1-tuple;
    empty when there is none or the question is not about layoffs."""
    if "layoff" not in parsed.content:
        return ()
    for word in parsed.masked.split():
        if 5 <= len(word) <= 12 and word.isascii() and word.isalpha() and word not in lexicon.STOPWORDS:
            hit = index.alias_choices.within_edits(word, 1)
            companies = [e for e in index.aliases.get(hit[0], ()) if index.entities[e].kind == "company"] if hit else []
            if companies:
                return (companies[0],)
    return ()


def _missing_subject(parsed: Parsed, question: str, topic: str | None) -> str | None:
    """The name the question asks about that the base does not know, as the asker wrote it."""
    about_layoffs = ("layoff" in parsed.content or topic in _COMPANY_TOPICS or topic in _RULE_TOPICS
                     or bool(parsed.names and _LAW_WORDS.search(parsed.normalized)))  # "does Ohio have its own law?"
    if parsed.entity_ids or not about_layoffs:
        return None
    if parsed.names:
        return parsed.names[0]
    if parsed.unknown:
        # (an everyday English word the base does not use is no name: "how do I write a resume after being
        # laid off?" is not about a company called Resume)
        stems = set(parsed.unknown)
        for word in re.findall(r"[^\W\d_][\w.&-]*", question):
            if _stem(normalize(word)) in stems and not (word.islower() and english_word(word)):
                return word[:1].upper() + word[1:]
    return None


def _rounds_just_told(index: FactIndex, parsed: Parsed, topic: str | None, conversation: Conversation,
                      candidates: list[str]) -> list[Document]:
    """The facts a bare follow-up asks for about the round the last answer told: "when?"/"how many?"
    (no words, year or subject of its own) gets the rounds told, or the round of the reason told;
    "why?" gets the reason of the round the answer led with. Empty when the question is no such
    follow-up, and for "when?"/"how many?" when a fact of the company's own answers that."""
    own_year = parsed.year and not parsed.year_from_context  # a year carried from the talk is not its own
    # "and then in march?", "11月那次呢" after a year's rounds (a month named where the talk named none is its own)
    own_month = parsed.month and parsed.month != conversation.month
    # "which division?", "which teams were hit?": which part of the round just told, which its facts say
    asks_part = bool(_UNIT_WORDS.intersection(parsed.content)) and set(parsed.content) <= _UNIT_WORDS | _HIT
    if parsed.content and not asks_part or own_year or own_month or not parsed.context_entity_ids:
        return []
    if set(parsed.entity_ids) > set(parsed.context_entity_ids) and names_a_place_alone(index, parsed):
        return []  # a place of its own ("德国呢？" after ByteDance's 2024 rounds): its staff there, not the rounds told
    told = [index.documents[d] for d in conversation.doc_ids
            if d in index.documents and index.documents[d].entity_id in parsed.entity_ids]
    if not told:
        return []
    if asks_part:  # ... when they name one of the company's units ("London Studio", not only "Redmond")
        company = told[0].entity_id or ""
        parts = index.unit_words.get(company, frozenset())
        naming = [d for d in told if d.topic in decision.ROUNDS_TOPICS
                  and parts & (index.doc_tokens[d.id] | index.claim_tokens[d.id])]
        if naming or not parsed.year:
            return naming
        # ... or, when the round told names none, the company's other rounds of the year talked about that do
        # ("which divisions were hit?" after Amazon's 2023 rounds, told by January's: March's names AWS, Twitch)
        return [index.documents[c] for c in index.by_entity.get(company, ())
                if index.documents[c].topic in decision.ROUNDS_TOPICS and parsed.year in index.doc_years[c][0]
                and parts & (index.doc_tokens[c] | index.claim_tokens[c])]
    if topic in decision.ROUNDS_TOPICS:
        rounds = [d for d in told if d.topic in decision.ROUNDS_TOPICS]
        if not rounds:
            return _same_round(index, told[0], decision.ROUNDS_TOPICS)  # "when?", "how many was that?" after "why?"
        one_round_told = (topic == "layoff-size" and len(conversation.doc_ids) == 1
                          and set(parsed.entity_ids) == {told[0].entity_id})
        if not one_round_told and any(index.documents[c].topic == topic and index.documents[c].kind == "fact"
                                      for c in candidates):
            return []  # a fact written for this question ("When did Xiaohongshu lay off staff?") is the ranker's
        # ("how many?" right after one round was told, "When did Meta announce its second round?": that round's)
        return rounds
    if topic == "layoff-reason" and told[0].topic in decision.ROUNDS_TOPICS:
        return _same_round(index, told[0], ("layoff-reason",))
    return []


# A period a rule states ("at least 60 calendar days", "45 days", "one week per year", "30日"): what a period
# asked ("how many days?") is answered by.
_STATES_PERIOD = re.compile(r"\b\d+ (?:calendar |working |business )?(?:days?|weeks?|months?)\b|\d+ ?(?:天|日|周|个月)")

# What a part of a company was, asked of a round ("which teams were hit?", "which divisions were affected?").
_HIT = frozenset(_stem(w) for w in ("hit", "affected", "impacted", "layoff", "staff"))

# "how many staff", "cut how many": a headcount asked (not "how much severance", which the process fact states).
_HOW_MANY_PEOPLE = re.compile(r"\bhow many\b|多少人|几个人")


# What joins two things asked in one question ("notice and severance", "通知期和补偿", "多久通知，补偿怎么算": the
# comma between two Chinese clauses is a space once normalised).
_JOINED = re.compile(r"\b(?:and|plus|as well as|also)\b|和|以及|还有|及|跟|与|(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])")
_ASKS = re.compile(r"\b(?:what|whats|how|when|which|who|why|can|could|does|do|is|are|must|should|will)\b"
                   r"|多少|多久|几|怎么|怎样|如何|什么|吗|呢|是否|要不要|有没有")


def _second_rule_topic(index: FactIndex, parsed: Parsed, topic: str | None) -> str | None:
    """The other rule topic a question about a law asks beside the one it asks first, or None: two topics joined as
    one thing asked ("how much notice and severance ...", "通知期和补偿"), or each asked in a clause of its own ("what
    is the WARN notice period and what are the penalties", "要提前多久通知，补偿怎么算"); not a topic that only says
    the circumstances ("我怀孕了，公司能用经济性裁员的理由把我裁掉吗": pregnant, asked about a mass layoff), nor two
    related ones (lexicon.RELATED_TOPICS: "consultation notice" asks one thing)."""
    if topic not in _RULE_TOPICS or not _JOINED.search(parsed.normalized):
        return None

    def cued(text: str) -> list[str]:
        return [t for t in dict.fromkeys(lexicon.TOPIC_CUES.get(w) for w in index.content_words(text))
                if t in _RULE_TOPICS]

    others = [t for t in cued(parsed.normalized)
              if t != topic and frozenset((t, topic)) not in lexicon.RELATED_TOPICS]
    if len(others) != 1:
        return None
    clauses = [c.split() for c in _JOINED.split(parsed.normalized) if c.strip()]
    # the words on either side of a joiner (a clause's last or first three words, a Chinese clause's three characters)
    # ask the two topics ("notice period and severance": "notice period", "severance in germany")
    joined = any({*cued(left[-1][-3:] if has_cjk(left[-1]) else " ".join(left[-3:])),
                  *cued(right[0][:3] if has_cjk(right[0]) else " ".join(right[:3]))} == {topic, others[0]}
                 for left, right in itertools.pairwise(clauses))
    clauses = [" ".join(c) for c in clauses]
    asked = [i for i, c in enumerate(clauses) if _ASKS.search(c) and cued(c)]
    apart = any(topic in cued(clauses[i]) for i in asked) and any(
        others[0] in cued(clauses[j]) and others[0] not in cued(clauses[i]) and topic not in cued(clauses[j])
        for i in asked for j in asked if i != j)
    return others[0] if joined or apart else None


def _same_round(index: FactIndex, doc: Document, topics: tuple[str, ...]) -> list[Document]:
    """The curated facts of `topics` about the round `doc` tells: its company's, citing a source it cites;
    else, when none does, those of the round's own months of its year, else of its year."""
    found = [index.documents[d] for d in index.by_entity.get(doc.entity_id or "", ())]
    found = [d for d in found if d.topic in topics and d.kind == "fact" and d.id != doc.id]
    cited = set(doc.source_ids)
    years, months = index.doc_years[doc.id][0], index.doc_months[doc.id]
    same_year = [d for d in found if years & index.doc_years[d.id][0]]
    return ([d for d in found if cited & set(d.source_ids)]
            or [d for d in same_year if months & index.doc_months[d.id]] or same_year)


def match_rank_features(index: FactIndex, question: str, conversation: Conversation = Conversation(),
                        params: ranking.RankerParams | None = None):
    """`match_and_rank` plus the candidates' feature matrix (rows in candidate order), for fitting."""
    found = _match_rank_features(index, question, conversation, params)
    if conversation.topic not in ASPECTS_OF_ROUNDS:
        return found
    parsed, _ = analyse(index, question, conversation)
    companies = [e for e in parsed.entity_ids if index.entities[e].kind == "company"]
    if not (parsed.topic_from_context and companies and not set(companies) & set(conversation.entity_ids)
            and not any(index.documents[d].topic == conversation.topic for e in companies
                        for d in index.by_entity.get(e, ()))):
        return found
    # "and TCS?" after what Infosys's trainees got: TCS has no fact on what its staff got at all, so its
    # layoffs are what there is to say, saying so (a decline told the asker nothing about TCS; a round
    # answered without a word let its size pass for what its staff got).
    match, scored, features = found if found[0].answered else _match_rank_features(
        index, question, replace(conversation, topic="layoff-size", content=("layoff",), asks_with=None), params)
    top = match.documents[0] if match.answered and match.documents else None
    if top is None or not top.topic.startswith("layoff") or (
            parsed.year and parsed.year not in index.doc_years.get(top.id, ((), ()))[0]):
        return found  # (nor another year's round: "and dell?" after Meta's 2022 severance is declined, as is
        # "and dell?" after Meta's 2022 layoffs, Dell having no round of 2022 on record)
    lang = language_of(question)
    note = say("nothing_on_that_but_rounds", lang, company=say("and", lang).join(index.entities[e].name
                                                                                 for e in companies))
    return replace(match, note=note), scored, features



def _match_rank_features(index: FactIndex, question: str, conversation: Conversation,
                         params: ranking.RankerParams | None):
    """`match_rank_features` before its one retry (another company with no fact of the aspect asked)."""
    parsed, topic = analyse(index, question, conversation)
    # A general question (no entity, no topic) asked of a base of imported FAQ entries is ranked and
    # decided by a general ranker: the base's own calibration, else the shipped one (ranking.general_params).
    # ("What is X?" counts: its "definition" topic is the glossary's, which such a base may not have.)
    # A topic the base holds no fact of ("when", "why" asked of an FAQ base) is no layoff question either.
    faq_question = (not parsed.entity_ids and (topic in (None, "definition") or topic not in index.by_topic)
                    and "faq" in index.by_topic)
    if params is None:
        params = ((index.general_params or ranking.general_params()) if faq_question else None) \
            or ranking.default_params()
    threshold = params.threshold
    candidates = candidates_for(index, parsed)
    unit, caveat = unit_named(index, parsed), ""  # a part of the company the question names (bot.analysis)
    # A follow-up that asks with a question word alone ("who announced it?") keeps what the talk is about, as
    # a bare "when?" does: the next "and shopify" asks about Shopify's layoffs, not about nothing.
    remembered = remembered_content(parsed) or (conversation.content if parsed.context_entity_ids else ())
    new_conversation = Conversation(parsed.entity_ids, topic, parsed.year, parsed.month, remembered,
                                    asks_with=parsed.asks_with, unit=tuple(sorted(unit)), period=parsed.period,
                                    time_asked=bool(parsed.year or parsed.month) and not parsed.year_from_context,
                                    company_ids=companies_talked_of(index, parsed.entity_ids, conversation))
    # A question declined that brought no subject of its own ("did the ceo take a pay cut?") leaves the
    # conversation as it was: the next "what about 2024?" is still about the same company.
    # So does one whose only new words are unknown ones but that points back at the subject with a pronoun
    # ("was my uncle in seattle one of them?"): the next "why did they cut?" is still about the company.
    # Nor does one that narrows what was just told ("how many of those were in Washington state?"): the next
    # "were there more cuts later that year?" is still about the company; as after "how many of those were in
    # dublin?", a place of a jurisdiction the base holds.
    unanswered = conversation if not (parsed.entity_ids or parsed.names or (
        parsed.unknown and not refers_back(parsed.normalized))) or (
        _OF_THOSE.search(parsed.normalized) and not parsed.entity_ids) or _place_of_those(index, parsed) \
        else new_conversation
    if parsed.context_entity_ids and not (set(parsed.entity_ids) - set(parsed.context_entity_ids)) and not (
            parsed.names) and not (topic == "layoff-process" and parsed.topic in _ASPECTS_ASKED):
        # A follow-up whose subject came from the conversation ("who announced it" after Tesla's 2024 layoffs)
        # keeps, declined, what the talk was about (its period may be new): "and salesforce" next asks
        # about layoffs, not about who announced them. (Not one that asked what staff got or how they were told:
        # "and Shopify?" after Stripe's "how much did they get?" asks Shopify's, or says it has none.)
        unanswered = replace(unanswered, topic=conversation.topic, content=conversation.content)
    if parsed.names and not parsed.entity_ids and topic is None and conversation.topic:
        # A name the base knows nothing of, asked nothing of but in the talk's terms ("texas has its own version?"
        # after WARN's notice; Texas has no rules of its own here) leaves the talk as it was: the next "california?"
        # still asks the notice.
        unanswered = conversation
    # "why?" with nothing to lean on; "how long?", "available": one word, no subject, no topic, where
    # no general ranker fitted on such questions decides (the layoff ranker never saw them answered).
    vague = not parsed.entity_ids and (not parsed.content or (
        topic is None and len(set(parsed.content)) <= 1 and not faq_question))
    if not candidates or vague:
        return _decline(index, parsed, topic, 0.0, unanswered, "no candidates", question), [], \
            ([], [], None)
    if topic is None and "layoff" not in parsed.content and _MAKE_REQUEST.match(parsed.normalized) and not (
            faq_question):
        # "write a poem about singapore", "translate 'thank you' into japanese": something to make, no question of
        # layoffs (a notice rule's "written notice" and "help" matched them, at 0.9)
        return _decline(index, parsed, topic, 0.0, unanswered, "a request to make something", question), [], \
            ([], [], None)
    if _ADVICE_ASKED.search(parsed.normalized) and not faq_question:
        return _decline(index, parsed, topic, 0.0, unanswered, "advice asked", question), [], ([], [], None)
    if (parsed.names and parsed.entity_ids and parsed.topic in ("layoff-size", "layoff-date")
            and all(index.entities[e].kind == "jurisdiction" for e in parsed.entity_ids)):
        # "How many people did Joe's Pizza in Dayton lay off last week?": a company's layoffs, of a name the base does
        # not know, in a place it knows (bot.analysis): the place's law (the WARN Act's "mass layoff") is not asked
        return replace(_decline(index, parsed, topic, 0.0, unanswered, "an unknown company", question),
                       missing=parsed.names[0]), [], ([], [], None)
    scored, matrix = _score(index, parsed, topic, candidates, conversation, params)
    told = _rounds_just_told(index, parsed, topic, conversation, candidates)
    if told:
        # "when?" or "how many?" right after an answer about the same company's rounds, asking nothing
        # new: those rounds, which state both, are the answer.
        first = {d.id for d in told}
        scored = [pair for pair in scored if pair[1] in first] + [pair for pair in scored if pair[1] not in first]
        after = replace(new_conversation, topic=told[0].topic, doc_ids=tuple(d.id for d in told),
                        content=conversation.content)  # a bare follow-up keeps what the talk is about
        # Answered from the conversation: as sure as the answer whose rounds it repeats.
        sure = max(conversation.confidence, max(p for p, d in scored if d in first))
        after = replace(after, confidence=sure)
        return Match(True, sure, tuple(told), parsed.entity_ids, told[0].topic,
                     _suggest(index, parsed.entity_ids, topic, first, chinese=has_cjk(question)), after), scored, \
            (candidates, matrix, _question_facts(index, parsed, topic))
    # A bare follow-up ("when?") says what it asks through the conversation: its content is the talk's.
    said = replace(parsed, content=conversation.content) if parsed.context_entity_ids and not parsed.content \
        else parsed
    facts = {**_question_facts(index, said, topic),
             "groups": decision.answer_groups([index.documents[c] for c in candidates])}
    # Time agreement is a guard, like the entity guard: a question that names a year is never
    # answered with a layoff of another year (the ranker still lists it, for evaluation).
    # Likewise a question whose subject the base does not know ("Did Pinduoduo lay off staff?",
    # "notice before a mass layoff in Brazil") is not answered with a general fact about someone else.
    allowed = time_agrees(matrix)
    if topic == "profile" and parsed.year and not parsed.year_from_context:
        # "How many employees did Xiaomi have at the end of 2025?": a headcount of a year, which a profile dated to
        # another year does not state (its 2022 figure had answered)
        allowed = [ok and (parsed.year in index.doc_years.get(c, ((), ()))[0]
                           or not index.doc_years.get(c, ((), ()))[0] or index.documents[c].topic != "profile")
                   for c, ok in zip(candidates, allowed, strict=True)]
    narrowed = _place_of_those(index, parsed)
    if narrowed:
        # "how many of them in India?" after Meta's layoffs: only a fact of that company that speaks of the
        # place answers it (SAP's cuts in Germany); the company's global figure does not.
        allowed = [ok and index.documents[c].entity_id in parsed.context_entity_ids
                   and bool(narrowed & (index.doc_tokens[c] | index.claim_tokens[c]))
                   for c, ok in zip(candidates, allowed, strict=True)]
    elif topic in ("layoff-size", "layoff-process", "severance"):
        # "How many SAP jobs will go in Germany?": a company and a country both named, the country where its staff
        # are; the company's facts that speak of it answer, where any does (its global round otherwise led)
        companies, countries, places = _company_and_place(index, parsed)
        speaks = [index.documents[c].entity_id in companies and any(
            name <= index.doc_tokens[c] | index.claim_tokens[c] for name in places) for c in candidates]
        if companies and any(ok and said for ok, said in zip(allowed, speaks, strict=True)):
            # (nor does the place's law: "did agoda tell the people it let go in singapore they'd lose their
            # severance?" asks what Agoda did there, which its fact tells, not Singapore's retrenchment norm)
            allowed = [ok and (said or index.documents[c].entity_id not in companies | countries)
                       for c, ok, said in zip(candidates, allowed, speaks, strict=True)]
    elsewhere = _place_no_fact_speaks_of(index, parsed, topic, candidates, allowed)
    if elsewhere:
        # "How many people did Intel let go in Leixlip?", "how many did google cut in zurich": a company's layoffs in a
        # place abroad none of its facts speaks of; its global round (what had answered) is not the place's
        allowed = [False] * len(allowed)
    # (Not in an FAQ base: there a capitalised first word, "Making", "Using", is no unknown company.)
    if (not faq_question and parsed.question_type != "meaning" and topic != "definition"
            and any(row[F["unknown_name"]] for row in matrix)):
        allowed = [False] * len(allowed)
    if not faq_question and topic is None and _asks_of_a_place_what_the_base_lacks(index, parsed):
        allowed = [False] * len(allowed)  # (a decline, not the place's rule that happens to share a word)
    if not faq_question and _names_a_term_the_base_lacks(index, parsed):
        # "Is a Sozialplan mandatory in Germany?": a term of the law the base never uses (no English word, no name
        # it knows) is what is asked; another of the law's rules (Germany's statutory severance) does not answer it
        allowed = [False] * len(allowed)
    # A question about an aspect no topic of a layoff base is about (what engineers earn, a share price, the
    # unemployment rate, overtime, tax: lexicon.ASPECT_TOPICS) is answered only by a fact that speaks of it
    # ("Did JD cut executives' salaries?"), never by the company's layoff in general.
    if not faq_question and topic in lexicon.ASPECT_TOPICS:
        aspect = {w for w in parsed.content if lexicon.TOPIC_CUES.get(w) == topic}
        # what the aspect is asked of ("corporate tax rate", "salary of a swe"): a fact that speaks of the aspect
        # about something else (the tax on redundancy pay) does not answer it
        # (English words: a Chinese question's unknown stretches are character pairs, no words of what is asked)
        # (nor the asker's case said beside it: "how long have i got to sue if i think it's unfair")
        case = set(index.content_words(" ".join(m.group(0) for m in CONDITION.finditer(parsed.normalized))))
        of = {w for w in parsed.content if w not in aspect and not w.isdigit() and w not in {"layoff", "staff"}
              and w.isascii() and w not in case}
        for position, doc_id in enumerate(candidates):
            if index.documents[doc_id].topic == topic:
                continue  # a fact filed under the aspect (Xiaohongshu's hiring of moderators) is ranked as any
            # (a law's rule speaks of it in what it answers, its phrasings: the FLSA named beside severance
            # governs overtime, which does not make "no federal severance" an answer on overtime)
            rule = index.documents[doc_id].kind == "rule"
            said = index.doc_tokens[doc_id] if rule else index.doc_tokens[doc_id] | index.claim_tokens[doc_id]
            spoken_as = aspect | (lexicon.ASPECT_SPOKEN_AS.get(topic, frozenset()) if rule else frozenset())
            if not spoken_as & said or not _all_spoken_of(of, index.doc_tokens[doc_id] | index.claim_tokens[doc_id]):
                allowed[position] = False
        # Declined, it leaves the talk on what it was about: "what about 2023?" after "what was the
        # share price then?" asks the earlier question's topic again, not the share price.
        unanswered = replace(unanswered, topic=conversation.topic, content=conversation.content)
    if not faq_question and parsed.question_type == "why" and topic != "definition" and not _ASKS_A_NAME.search(
            parsed.normalized):
        # "why were they cutting?" after a list of German carmakers got the meaning of "quiet cutting": a term's
        # meaning is no reason ("why is it called graduation?" asks a meaning, and stays)
        # (unless it names the term: "why do firms do quiet cutting?" has a word of it beside the layoff)
        named = set(parsed.content) - {"layoff", "staff"}
        allowed = [ok and (index.documents[c].topic != "definition" or bool(named) and named <= index.doc_tokens[c])
                   for c, ok in zip(candidates, allowed, strict=True)]
    if not faq_question and topic == "definition" and (term := _term_said_to_mean(index, parsed, candidates)):
        # "“毕业”就是被裁的意思吗" (is 毕业 just being laid off?): the term before 就是 is what is asked, the words
        # after it the meaning offered; the entry of another term that shares those (优化's) does not answer
        allowed = [ok and (index.documents[c].topic != "definition" or bool(term & (
            index.doc_tokens[c] | index.claim_tokens[c]))) for c, ok in zip(candidates, allowed, strict=True)]
    condition = (lexicon.PROTECTED_CONDITIONS | lexicon.WORKER_KINDS).intersection(parsed.content)
    if not condition:
        # A company's round told of one kind of its workers ("4,400 contractors", its own fact) answers a question
        # about that kind; asked of the round ("how many lost their jobs?"), the round's own fact where it has one.
        of_kind = [index.documents[c].entity_id is not None and index.documents[c].kind == "fact" and bool(
            lexicon.WORKER_KINDS & index.doc_tokens[c]) for c in candidates]
        if any(of_kind):
            plain = {(index.documents[c].entity_id, index.documents[c].topic)
                     for c, ok, kind in zip(candidates, allowed, of_kind, strict=True) if ok and not kind}
            allowed = [ok and not (kind and (index.documents[c].entity_id, index.documents[c].topic) in plain)
                       for c, ok, kind in zip(candidates, allowed, of_kind, strict=True)]
    if condition:
        # A protected condition asked about ("fired for being pregnant in the UK"), or a kind of worker ("does it apply
        # to remote employees?"), is answered only by a fact that speaks of it, never by the law's general rule
        # (which would mislead).
        spoken_as = condition.union(*(lexicon.CONDITION_SPOKEN_AS.get(w, ()) for w in condition))
        allowed = [ok and bool(spoken_as & (index.doc_tokens[c] | index.claim_tokens[c]))
                   for c, ok in zip(candidates, allowed, strict=True)]
    if topic in _RULE_TOPICS and parsed.topic == topic:
        # A law asked about a topic it has no rule on ("what if the employer skips it?" after Northern Ireland's
        # consultation: no rule of its own on what follows) is not answered by its rule on an unrelated topic.
        # (A topic the question named itself, not one read into it: "要在多少天内投诉" is no mass-layoff threshold.)
        for place in {index.documents[c].entity_id for c in candidates} - {None}:
            if index.entities[place].kind == "jurisdiction" and not any(
                    index.documents[d].topic == topic for d in index.by_entity.get(place, ())):
                # (A rule that speaks of the topic all the same answers: Korea's managerial dismissal requirements
                # include the 50 days' consultation with the union, though filed under its mass layoff.)
                allowed = [ok and not (index.documents[c].entity_id == place and frozenset(
                    (index.documents[c].topic, topic)) not in lexicon.RELATED_TOPICS and not any(
                        lexicon.TOPIC_CUES.get(w) == topic for w in index.claim_tokens[c]))
                    for c, ok in zip(candidates, allowed, strict=True)]
    if topic in _RULE_TOPICS and ASKS_PERIOD.search(parsed.normalized):
        # "How many days of notice does the federal WARN Act require?": of a law's rules on the topic, those that
        # state a period answer it (not the one on when a temporary layoff needs notice at all), when any does.
        of_topic = [index.documents[c].kind == "rule" and index.documents[c].topic == topic for c in candidates]
        stating = [rule and bool(_STATES_PERIOD.search(index.documents[c].claim))
                   for c, rule in zip(candidates, of_topic, strict=True)]
        if any(ok and said for ok, said in zip(allowed, stating, strict=True)):
            allowed = _narrowed(allowed, stating, of_topic)
        else:
            # ... and when none of them states one ("EU collective redundancies — how many days before must the
            # authority be notified?": the notification's rule gives no period), the law's rule that states a period
            # and speaks of all the question asks about (the 30 days after notifying the authority) answers it
            asked = set(parsed.content)
            stating = [index.documents[c].kind == "rule" and index.documents[c].entity_id in parsed.entity_ids
                       and bool(_STATES_PERIOD.search(index.documents[c].claim))
                       and _all_spoken_of(asked, index.doc_tokens[c] | index.claim_tokens[c]) for c in candidates]
            allowed = _narrowed(allowed, stating, [index.documents[c].kind == "rule" for c in candidates])
    companies_named = {e for e in parsed.entity_ids if index.entities[e].kind == "company"}
    if ("severance" in parsed.content or parsed.topic == "severance") and topic == "layoff-process":
        # What a company's staff were paid on the way out ("What severance did Google offer in 2023?", "how much
        # did they get?" after a round) is told only by a fact of the company that speaks of pay: not by how they
        # were told, nor by the round's size; and of the talk's round ("what did they get?" after Amazon's 2023
        # cuts is not told by its 2025 round's pay).
        allowed = _saying(index, candidates, allowed, companies_named, lexicon.PAY_WORDS,
                          [not row[F["year_mismatch"]] for row in matrix])
    if topic == "profile" and ASKS_LEADER.search(parsed.normalized):
        # Who runs a company ("Who is the CEO of Meta?", "谁是字节跳动的CEO") is told only by a fact of it that names
        # a leader, not by where it is based and how many it employs.
        allowed = _saying(index, candidates, allowed, companies_named, lexicon.LEADER_WORDS)
    if (topic == "profile" and "staff" in parsed.content and _ASKS_HEADCOUNT.search(parsed.normalized)
            and not any(w.isdecimal() and int(w) != parsed.year for w in parsed.content)):
        # How many people a company employs ("how many staff does grab have?", "字节跳动有多少员工") is told only by a
        # fact of it that states its headcount: not by a round's size that gives a share of staff, nor by a profile
        # that counts no one. (Not "how many jobs" of a round its figure names: "BT 55,000 jobs by 2030".)
        allowed = _saying(index, candidates, allowed, companies_named, lexicon.STATES_HEADCOUNT)
    if not lexicon.RULE_QUALIFIERS.intersection(parsed.content) and not _ASKS_A_LIMIT.search(parsed.normalized):
        # A rule about a qualifier of another (the cap on a week's pay for redundancy pay) answers only a question
        # that asks the qualifier: "How much redundancy pay is required in the UK?" asks the pay itself, which the
        # law's other rule of the topic gives (the cap's phrasings share all of its words but "cap")
        kept = {(index.documents[c].entity_id, index.documents[c].topic) for c, ok in zip(candidates, allowed,
                                                                                              strict=True)
                if ok and index.documents[c].kind == "rule" and not _about_a_qualifier(index, c)}
        allowed = [ok and not (index.documents[c].kind == "rule" and _about_a_qualifier(index, c)
                               and (index.documents[c].entity_id, index.documents[c].topic) in kept)
                   for c, ok in zip(candidates, allowed, strict=True)]
    if parsed.topic == "notice" and topic == "layoff-process":
        # How a company's staff learnt of their layoff ("how were people told?", "员工是怎么被通知的") is told only by a
        # fact of the company that says how: not by the round's size, its reasons or its severance; and of the round
        # asked ("how did klarna's ceo tell staff about the may 2022 layoffs?" is not told by September's round, whose
        # fact says its CEO "told Bloomberg").
        allowed = _saying(index, candidates, allowed, companies_named, lexicon.TOLD_WORDS,
                          [not row[F["year_mismatch"]] and not row[F["month_mismatch"]] for row in matrix])
        # ... by its process, where one of them is the round's process ("the better.com CEO who fired 900 people over
        # zoom - what exactly did he tell them?": the round's size, which says it was "on a Zoom call", matched the
        # words that name the round, not what is asked)
        of_company = [index.documents[c].entity_id in companies_named for c in candidates]
        allowed = _narrowed(allowed, [own and index.documents[c].topic == topic
                                      for c, own in zip(candidates, of_company, strict=True)], of_company)
    if unit:
        # A part of the company named ("AWS layoffs", "阿里云裁员", "what about xbox?"): only the company's facts
        # that speak of it answer, where any does (its biggest round would otherwise lead).
        company = parsed.entity_ids[0]
        speaks = [index.documents[c].entity_id != company or unit <= (index.doc_tokens[c] | index.claim_tokens[c])
                  for c in candidates]
        if any(ok and said and index.documents[c].entity_id == company
               for c, ok, said in zip(candidates, allowed, speaks, strict=True)):
            allowed = [ok and said for ok, said in zip(allowed, speaks, strict=True)]
        else:  # "youtube layoffs": Alphabet's facts answer, saying they are not YouTube's own
            caveat = say("unit_not_specific", language_of(question), unit=_unit_as_written(index, parsed, question),
                         company=index.entities[company].name)
    if topic == "definition" and parsed.content and set(parsed.content) <= set(parsed.hints):
        # What a named law is ("what does the WARN Act mean"): told by the entry that names it in what it answers
        # (its phrasings), not by one whose claim mentions the law in passing (what a RIF is).
        named = set(parsed.content)
        allowed = [ok and named <= index.doc_tokens[c] for c, ok in zip(candidates, allowed, strict=True)]
    if parsed.question_type == "meaning" and parsed.content:
        # What a word means ("毕业是啥意思 b站通知里就这么写的", graduation, seen in Bilibili's notice) is told by a
        # fact that uses some word of the question, never by a company's profile that uses none (it only shares
        # the name).
        asked = set(parsed.content)
        # (a word the asker quotes is the one asked about: 'HR说我"毕业"了，这是什么意思？' asks graduation, not HR)
        quoted = {w for m in _QUOTED.finditer(question) for w in index.content_words(normalize(
            next(g for g in m.groups() if g)))} & asked
        allowed = [ok and bool((quoted or asked) & (index.doc_tokens[c] | index.claim_tokens[c]))
                   for c, ok in zip(candidates, allowed, strict=True)]
    if parsed.year and not parsed.year_from_context and topic != "definition" and parsed.question_type != "meaning":
        # A question naming a year asks what happened then ("block cutting nearly half its staff in 2026??", a
        # company the engine did not take for one): what a word means has no year, and never answers it.
        # (unless it names the term: "why do firms do quiet cutting?" has a word of it beside the layoff)
        named = set(parsed.content) - {"layoff", "staff"}
        allowed = [ok and (index.documents[c].topic != "definition" or bool(named) and named <= index.doc_tokens[c])
                   for c, ok in zip(candidates, allowed, strict=True)]
    if "layoff" in parsed.content and topic != "profile":
        # A question about layoffs is not answered with who the company is ("twiter layoffs after musk
        # bought it" got Twitter's profile, which tells the takeover, not the cuts).
        allowed = [ok and index.documents[c].topic != "profile" for c, ok in zip(candidates, allowed, strict=True)]
    if not any(allowed) or _general_fact_for_a_company(index, parsed, topic, faq_question, candidates, allowed,
                                                       scored):
        return _decline(index, parsed, topic, 0.0, unanswered, GUARDED, question), scored, \
            (candidates, matrix, facts)
    kept = [row for row, ok in zip(matrix, allowed, strict=True) if ok]
    groups = [key for key, ok in zip(facts["groups"], allowed, strict=True) if ok]
    row = decision.decision_row(ranking.logits(params, kept), kept, **{**facts, "groups": groups})
    confidence = round(decision.answer_probability(params.decision_weights, row), 4)
    if confidence < threshold:
        return _decline(index, parsed, topic, confidence, unanswered, "below threshold", question), scored, \
            (candidates, matrix, facts)
    permitted = {c for c, ok in zip(candidates, allowed, strict=True) if ok}
    answerable = [pair for pair in scored if pair[1] in permitted]
    best = index.documents[answerable[0][1]]
    chosen = _answer_documents(index, parsed, answerable)
    if (topic == parsed.topic == "layoff-reason" and not parsed.topic_from_context and best.entity_id
            and best.topic in decision.ROUNDS_TOPICS):
        # "what reason did amazon give for the 14,000 corporate cuts in oct 2025": the round's size matched best (its
        # figure), but what is asked is the round's reasons: a fact of that round telling them leads, the size follows
        reasons = [d for d in _same_round(index, best, ("layoff-reason",)) if d.id in permitted]
        if reasons:
            best, chosen = reasons[0], [reasons[0]] + [d for d in chosen if d != reasons[0]]
    second = _second_rule_topic(index, parsed, topic)
    if second and best.kind == "rule":
        # "how much notice and severance do I get in the UK", "WARN notice period and the penalties": the law's best
        # rule on each topic asked (the first alone answered half the question)
        extra = next((index.documents[d] for _, d in answerable if index.documents[d].topic == second
                      and index.documents[d].entity_id == best.entity_id), None)
        if extra is not None and extra not in chosen:
            chosen.append(extra)
    # (named by a name of the place or its law, not by a term of its law: "is retrenchment pay required in singapore"
    # names Singapore only, though retrenchment is a term of India's law)
    by_name = {e for alias in index.names_in(parsed.normalized) if index.units.get(alias) in (None, ())
               and (alias not in STRICT_WORD_ALIASES and len(alias) > 1 or _written_as_name(alias, question))
               for e in index.aliases[alias]}
    places = [e for e in parsed.entity_ids if index.entities[e].kind == "jurisdiction"
              and e not in parsed.context_entity_ids and e in by_name]
    if best.kind == "rule" and len(places) >= 2 and best.entity_id in places:
        # "Statutory minimum severance in France and in Germany?", "is notice longer in the UK or Ireland": each
        # place's best rule of the kind answered, in the order the question names them (one place alone answered half)
        for place in places:
            extra = next((index.documents[d] for _, d in answerable if index.documents[d].entity_id == place
                          and index.documents[d].topic == best.topic), None)
            if extra is not None and extra not in chosen:
                chosen.append(extra)
        chosen.sort(key=lambda d: places.index(d.entity_id) if d.entity_id in places else len(places))
        best = chosen[0]
    if best.entity_id and (best.topic == "layoff-reason" and question_types(parsed.normalized) & {"how_many", "when"}
                           or best.topic == "layoff-process" and _HOW_MANY_PEOPLE.search(parsed.normalized)):
        # "how many did Google lay off in January 2023 and why", "Zoom cut how many staff and did the CEO take a
        # pay cut?": the round's size too, after its reason or what its staff were given
        chosen += [d for d in _same_round(index, best, decision.ROUNDS_TOPICS)[:1] if d not in chosen]
    suggestions = _suggest(index, parsed.entity_ids, topic, {d.id for d in chosen}, chinese=has_cjk(question))
    # The talk is now on the topic asked, not on the answer's: "and in the UK?" after Ireland's "how long do I
    # need to work there?" (a severance question a coverage fact answered) asks about the UK's severance; "韩国呢"
    # after "那日本呢" (China's severance carried to Japan, answered with its nearest rule, notice pay) still asks
    # about severance; a glossary entry answering "how much notice ..." leaves the talk on notice. The answer's
    # topic only when the question named none, or named a company's topic a fact of no company answered (为啥被裁叫
    # 毕业: "why" read as a round's reasons, answered by what the word means).
    talk_topic = topic if topic not in (None, "definition") and (
        (topic in _COMPANY_TOPICS) == (best.topic in _COMPANY_TOPICS) or best.topic == "definition"
        or parsed.topic_from_context) else best.topic
    return Match(True, confidence, tuple(chosen), parsed.entity_ids, best.topic, suggestions,
                 replace(new_conversation, topic=talk_topic, doc_ids=tuple(d.id for d in chosen),
                         confidence=confidence), note=caveat), scored, \
        (candidates, matrix, facts)
