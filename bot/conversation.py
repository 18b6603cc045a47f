"""Conversation state: what a follow-up ("why?", "and Amazon?", "when?") leans on, and how it is resolved."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from . import lexicon
from .analysis import (
    _COMPANY_TOPICS,
    _RULE_TOPICS,
    ASKS_PERIOD,
    ASPECTS_OF_ROUNDS,
    CONDITION,
    ROUND_ONLY_WORDS,
    THAT_YEAR,
    Parsed,
    _pick_topic,
    _stem,
    asks_how_told,
    english_word,
    follow_up_words,
    only_layoff_topic,
    refers_back,
    restates,
    term_words_named,
    unit_words_named,
    unknown_chinese_place,
    unknown_place,
)
from .retrieval import Entity, FactIndex
from .text import has_cjk, normalize


@dataclass(frozen=True)
class Conversation:
    """What a follow-up may lean on: the last entities, topic, year and month."""

    entity_ids: tuple[str, ...] = ()
    topic: str | None = None
    year: int | None = None
    month: int | None = None
    content: tuple[str, ...] = ()
    doc_ids: tuple[str, ...] = ()  # what the last answer cited
    view: object | None = None  # the last structured question (bot.views.ViewQuery), for "and in 2024?"
    confidence: float = 0.0  # how sure the last answer was (a bare "when?" that repeats its facts is as sure)
    asks_with: str | None = None  # the last question's question word ("how much"): what "and in X?" asks again
    unit: tuple[str, ...] = ()  # the part of the company the talk is about ("cloud" after "alibaba cloud layoffs")
    # the entities the talk was about before the last question moved it to others ("and eBay?" after PayPal), for
    # "which was bigger?"; empty when the last question stayed on its subject (bot.service.FactBase.ask)
    earlier_entity_ids: tuple[str, ...] = ()
    # the year the talk was about before the last question moved it to another of the same company ("and in
    # 2024?" after Salesforce's 2023 round), for "which was bigger?"; None when it stayed on one year
    earlier_year: int | None = None
    period: frozenset[int] = frozenset()  # the months of the quarter or half the talk is about ("Q2 2022")
    time_asked: bool = False  # the last question named its year or month itself, not leaning on the talk's
    script: str = ""  # the Chinese script the talk is in (bot.language: ZH_HANT after a traditional question)
    # the companies the talk was last about, kept while it turns to a law ("N+1在法律上是怎么来的？" after Xiaohongshu's
    # round): what "他们当时为什么要裁员？" (why did they cut?) then points back at
    company_ids: tuple[str, ...] = ()


# Words that pick one of the rounds just told or say how it was made known, no new subject ("when was the
# biggest one", "when was it confirmed"; "announce" is a stopword).
_ROUND_WORDS = frozenset(_stem(w) for w in (
    "biggest largest smallest first last latest earliest recent previous "
    "confirm confirmed report reported".split()))
# Words naming a part of a company ("which divisions?", "what teams were hit?"): which part of the round just
# told was hit, no new subject, whether or not the company's own facts use that word.
_UNIT_WORDS = frozenset(_stem(w) for w in (
    "division department team unit group business segment org organisation organization 部门 团队 业务".split()))


def entity_vocabulary(index: FactIndex, entity_id: str) -> frozenset[str]:
    """The words of the entity's own facts (their phrasings and claims)."""
    vocabulary = index.entity_words.get(entity_id)
    if vocabulary is None:
        vocabulary = index.entity_words[entity_id] = frozenset().union(
            *(index.doc_tokens[d] | index.claim_tokens[d] for d in index.by_entity.get(entity_id, [])))
    return vocabulary


def _of_the_law_talked_about(index: FactIndex, parsed: Parsed, conversation: Conversation) -> bool:
    """A question that names no place, asked in a talk about one law, whose words are mostly that law's own ("am i
    allowed to demand a written statement of why i was let go" after Japan's notice rule, "does a 3 month furlough
    count" after the WARN Act's mass layoff): a question of that law, however long."""
    if not conversation.entity_ids or any(index.entities[e].kind != "jurisdiction" for e in conversation.entity_ids):
        return False
    words = [w for w in parsed.content if not w.isdigit()]
    if not words:  # "who do we have to notify, and how?" after the UK's consultation periods: a duty of that law
        return parsed.topic in _RULE_TOPICS and not parsed.names
    vocabularies = [entity_vocabulary(index, e) for e in conversation.entity_ids]
    # (a word that names a duty of a law is any law's: "which authority needs to be notified" after Germany's mass
    # dismissal threshold, whose facts name the agency, not an "authority")
    return sum(any(w in v for v in vocabularies) or lexicon.TOPIC_CUES.get(w) in _RULE_TOPICS
               for w in words) * 2 > len(words)


# "They" in Chinese (他们, 佢哋), pointing back at a company's people ("他们当时为什么要裁员？")
_THEY_ZH = re.compile(r"他们|她们|佢哋|这家公司|那家公司|该公司")


def _points_back(normalized: str) -> bool:
    """Whether a (normalised) question points back at what the talk was about with a pronoun, English or Chinese."""
    return refers_back(normalized) or bool(_THEY_ZH.search(normalized))


def companies_talked_of(index: FactIndex, entity_ids: tuple[str, ...], conversation: Conversation) -> tuple[str, ...]:
    """The companies of `entity_ids` (a question's subjects), else, when they are laws only, those the talk was
    last about (`Conversation.company_ids`): the next conversation's `company_ids`."""
    companies = tuple(e for e in entity_ids if index.entities[e].kind == "company")
    if companies or not entity_ids:
        return companies or conversation.company_ids
    return conversation.company_ids if all(index.entities[e].kind == "jurisdiction" for e in entity_ids) else ()


def law_asked_after_a_company(index: FactIndex, parsed: Parsed, conversation: Conversation) -> bool:
    """Whether a follow-up asks what the law says ("N+1里的那个+1在法律上是怎么来的？", "法律上规定的补偿是多少？",
    "what is the statutory severance?") in a talk about companies: a question of the law, which no company's facts
    state, not of the company's round (unless it points back at the round: "was it legal?" after Twitter's)."""
    return (bool(_LAW_ASKED.search(parsed.normalized)) and parsed.topic not in _COMPANY_TOPICS
            and all(index.entities[e].kind == "company" for e in conversation.entity_ids)
            and not _points_back(parsed.normalized))


def _speaks_of(index: FactIndex, entity_ids: tuple[str, ...], words: tuple[str, ...], normalized: str = "") -> bool:
    """Whether the entities' own facts use every word (a follow-up adds no new subject). `normalized`: the question,
    whose words say which dictionary word a stem was ("includ" was "include")."""
    vocabularies = [entity_vocabulary(index, entity_id) for entity_id in entity_ids]
    written = {_stem(w): w for w in normalized.split()}
    # A figure is no subject of its own ("what if it's 150 people?"); nor is every word ("how did ppl find
    # out": half of them the entity's own is enough).
    # Nor is a Chinese word (the facts of a law abroad have few Chinese words of their own: "要和职工委员会商量吗"
    # after Germany's notification rule) or a dictionary word ("what was the reason given"): a new subject is
    # named by an alias, a capitalised name or a Chinese name the base lacks, all found apart.
    known = [any(w in v for v in vocabularies) or w in lexicon.TOPIC_CUES or w.isdigit() or w in _ROUND_WORDS
             or w in _UNIT_WORDS or has_cjk(w) or english_word(w) or english_word(written.get(w, w))
             for w in words]
    return sum(known) * 2 >= len(known)


# Whether what was just told counts something in ("does that include the november ones?", "是否包括", "包括…吗").
_INCLUDES = re.compile(r"\b(?:does|did|is|was) (?:that|it|this|the figure|the number) (?:include|including|count|"
                       r"cover)\w*\b|\bincluding the\b.*\?$|包括|包含|算上|含不含")


# A law asked of a place ("what are the layoff rules in berlin?"), not a company's layoffs there
_LAW_ASKED = re.compile(r"\b(?:laws?|rules?|legal|legally|regulations?|requirements?|act|statutory)\b"
                        r"|规定|法规|法律|规则|条例|法例|法案|法令")


def _country_without_rules(index: FactIndex, normalized: str) -> str | None:
    """A country or territory the (normalised) question names that the base has no rules of, in Chinese ("马来西亚")
    or English ("malaysia"), as `unknown_chinese_place` and `unknown_place` find them; else None."""
    return (has_cjk(normalized) and unknown_chinese_place(index, normalized)) or unknown_place(index, normalized)


def _places_named(index: FactIndex, parsed: Parsed) -> list[str]:
    """The jurisdictions' place names (`places:`, stored with no words of their own) the question uses."""
    return index.place_names(parsed.normalized)


def _places_only(index: FactIndex, parsed: Parsed) -> bool:
    """Whether every entity the question names is a jurisdiction named by one of its places only ("san francisco"
    for California), never by its own name or law."""
    places = _places_named(index, parsed)
    named = set(parsed.entity_ids)
    return bool(places) and all(index.entities[e].kind == "jurisdiction" for e in named) and {
        e for alias in places for e in index.aliases.get(alias, ())} >= named and not any(
        named.intersection(index.aliases[alias]) for alias in index.names_in(parsed.normalized)
        if alias not in places and index.units.get(alias) != ())


def _place_words(index: FactIndex, parsed: Parsed) -> tuple[str, ...]:
    return tuple(w for alias in _places_named(index, parsed) for w in index.content_words(alias))


def _resolve(index: FactIndex, parsed: Parsed, conversation: Conversation) -> Parsed:
    """Lean on the conversation for what a follow-up leaves out.

    Never when the question brings a subject of its own: "Apple layoffs" after a Meta question
    is about Apple, which the base does not know, not a follow-up about Meta; and a question about
    what a term means ("What does N+1 mean?") is self-contained.
    """
    if (not parsed.entity_ids and not parsed.names and parsed.topic in _COMPANY_TOPICS and conversation.company_ids
            and conversation.entity_ids and _points_back(parsed.normalized)
            and all(index.entities[e].kind == "jurisdiction" for e in conversation.entity_ids)):
        # "他们当时为什么要裁员？" (why did they cut?) after a turn about a law that followed a company's round: "they"
        # are the company's, which no law's facts are about
        conversation = replace(conversation, entity_ids=conversation.company_ids, topic=None, year=None, month=None,
                               period=frozenset(), content=())
    federal = _federal_of(index, conversation.entity_ids) if (
        not parsed.entity_ids and _FEDERAL in parsed.content) else None
    if federal:
        # "and federally?" after Ontario's or New York's notice: the same question of the country's federal law
        # ("at the federal level": the level is no subject either)
        said = {_FEDERAL, "level"} if _FEDERAL_LEVEL.search(parsed.normalized) else {_FEDERAL}
        content = tuple(w for w in parsed.content if w not in said)
        parsed = replace(parsed, entity_ids=(federal,), content=content,
                         continues=len(follow_up_words(parsed.normalized)) <= 4)
    abroad = _country_without_rules(index, parsed.normalized) if (
        not parsed.entity_ids and not parsed.names and parsed.topic in (None, "layoff-size")
        and not _LAW_ASKED.search(parsed.normalized) and conversation.entity_ids
        and any(index.entities[e].kind == "company" for e in conversation.entity_ids)
        and (all(index.entities[e].kind == "company" for e in conversation.entity_ids)
             or conversation.topic in _ROUNDS_TALKED)) else None
    if abroad and set(parsed.content) - set(index.content_words(normalize(abroad))) <= ROUND_ONLY_WORDS:
        # "what about the malaysia round?", "马来西亚那次呢" after ByteDance's layoffs: a country the base has no law
        # of says where the company's staff were (as "and berlin?" does), not a subject the base does not know
        # (also after a place of theirs was asked: "and in malaysia?" after "what about in germany?")
        parsed = replace(parsed, entity_ids=tuple(e for e in conversation.entity_ids
                                                  if index.entities[e].kind == "company"), topic="layoff-size",
                         content=tuple(dict.fromkeys(("layoff", *parsed.content))))
    entity_ids, topic, year, month, period = parsed.entity_ids, parsed.topic, parsed.year, parsed.month, parsed.period
    asks_with, hints = parsed.asks_with, parsed.hints
    content, from_context, context_entities, carried = parsed.content, False, (), False
    if (not entity_ids and (parsed.follow_up or _of_the_law_talked_about(index, parsed, conversation))
            and conversation.entity_ids and not parsed.names and parsed.question_type != "meaning"
            and not law_asked_after_a_company(index, parsed, conversation)
            and _speaks_of(index, conversation.entity_ids, parsed.content, parsed.normalized)):
        entity_ids = context_entities = conversation.entity_ids
        hints = hints or conversation.unit  # "how many people?" after "alibaba cloud layoffs": the unit's
        if not year:
            year, month, from_context = conversation.year, month or conversation.month, True
            period = period or conversation.period
        if index.entities[entity_ids[0]].kind == "company":
            topic = only_layoff_topic(topic, entity_ids, content)  # "did they cut again in 2023?"
            if topic is None and conversation.topic and _INCLUDES.search(parsed.normalized):
                topic = conversation.topic  # "does that include the november ones?": of the figure just told
        elif (conversation.topic not in (None, "definition")
              and (qualifiers := index.content_words(CONDITION.sub(" ", parsed.normalized)))
              and set(qualifiers) <= lexicon.RULE_QUALIFIERS
              and (topic is None or topic in lexicon.ASPECT_TOPICS and CONDITION.search(parsed.normalized))):
            # "is there a max?" after a law's severance: the severance's cap; also when the asker's case is said
            # beside it ("工资特别高的话有封顶吗", "is there a cap if my salary is very high?": the salary is the case,
            # not what is asked)
            topic = conversation.topic
        elif topic is None and conversation.topic in _RULES_WITH_PERIODS and ASKS_PERIOD.search(parsed.normalized):
            topic = conversation.topic  # "how many days?" after California's WARN notice: the notice's period
    elif (entity_ids and (_OF_THOSE.search(parsed.normalized) or _HOW_MANY_THERE.match(parsed.normalized)
                          or asks_how_told(parsed.normalized) or (
                              # ... or the place alone, after a company's round ("what about in Germany?" after
                              # Tesla's 2024 layoffs): its staff there, not the place's law
                              place_alone(index, parsed, conversation)))
          and (talked_of := tuple(e for e in conversation.entity_ids if index.entities[e].kind == "company"))
          and all(index.entities[e].kind == "jurisdiction" for e in entity_ids)):
        # "how many of those in germany?" after SAP's cuts: SAP's, in Germany. Both stay candidates, as
        # for "SAP jobs in Germany"; the ranker decides by topic which is asked about. So for how its staff there
        # learnt of it ("how did staff in the uk find out?", "why did ppl outside the us hear later?"): no law says.
        # (The company alone of the talk's subjects: "how many in france?" after "how many of those in germany?".)
        entity_ids = talked_of + tuple(e for e in entity_ids if e not in talked_of)
        context_entities = talked_of
        if topic in (None, "profile") and _HOW_MANY_THERE.match(parsed.normalized):
            topic = "layoff-size"  # ("德国有多少人受影响？": how many of its round's, not how many it employs there)
        if not year:
            year, month, from_context = conversation.year, month or conversation.month, True
            period = period or conversation.period
    elif (entity_ids and not year and set(entity_ids) == set(conversation.entity_ids) and conversation.year
          and not parsed.continues and not unit_words_named(index, parsed) and (
              not parsed.content or _THAT_ROUND.search(parsed.normalized) and not abroad)):
        # The talk's subject named again, by another of its names and nothing new ("what reason did Jassy give"
        # after Amazon's 2023 cuts), or with the round pointed at ("why did zuck do that one", "why did amazon cut
        # those jobs"): still the period the talk is about
        year, month, from_context = conversation.year, month or conversation.month, True
        period = period or conversation.period
    elif (entity_ids and (parsed.continues or not parsed.content or (
            parsed.topic in _COMPANY_TOPICS | {None} and not _LAW_ASKED.search(parsed.normalized)))
          and conversation.entity_ids and all(index.entities[e].kind == "company" for e in conversation.entity_ids)
          and _places_only(index, parsed)):
        # ("berlin那边也裁了吗", "layoffs in berlin too?", "the berlin team later on?": its layoffs there, as "and
        # berlin?" asks; not its law, asked in words: "the layoff rules in berlin")
        # "what about san francisco?" after Twitter's layoffs: a place (a jurisdiction's `places:`) says where the
        # company's staff were, not that the place's law is asked about; the company's layoffs there
        entity_ids = context_entities = conversation.entity_ids
        topic, content = conversation.topic, (*conversation.content, *_place_words(index, parsed))
        if not year:
            year, month, from_context = conversation.year, month or conversation.month, bool(conversation.year)
            period = period or conversation.period
    elif parsed.continues or (parsed.names and _is_continuation(parsed)) or _bare_name_like_last(index, parsed,
                                                                                                 conversation):
        # "and Amazon?", "what about Microsoft?": the last question again, about another subject
        # (kept even when that subject is unknown, so that the next "and X?" still has it).
        # (Not the year when it is the company's round in a country named, "那TikTok在马来西亚那次呢" after
        # ByteDance's 2021 rounds: the country picks the round, as a year does.)
        if not year and not (set(entity_ids) == set(conversation.entity_ids) and all(
                index.entities[e].kind == "company" for e in entity_ids) and _country_without_rules(
                index, parsed.normalized)):
            year, month, from_context = conversation.year, conversation.month, bool(conversation.year)
            period = period or conversation.period
        if not topic and (_only_names(parsed) or restates(parsed.content, conversation)) and not term_words_named(
                index, parsed):
            # (A term of the law named, "what about long service payment?", 长期服务金呢, is what is asked.)
            # The last question's words (without the name of a subject the base did not know: "Did Apple
            # have layoffs?" declined, then "what about Intel?" asks about Intel's layoffs; bot.matching).
            content = conversation.content
            left = set(conversation.entity_ids) - set(entity_ids)
            if left and all(index.entities[e].kind == "jurisdiction" for e in (*left, *entity_ids)):
                # (not the terms of the law talked about: "新加坡呢" after China's 经济补偿金 asks Singapore's
                # severance, which no rule of Singapore's calls by China's name)
                terms = frozenset().union(*(index.term_words.get(e, frozenset()) for e in left))
                content = tuple(w for w in content if w not in terms) or content
            topic = conversation.topic or only_layoff_topic(None, entity_ids, content)
            if topic and all(index.entities[e].kind == "jurisdiction" for e in entity_ids) and not any(
                    index.documents[d].topic == topic for e in entity_ids for d in index.by_entity.get(e, ())):
                # a law that files no rule under the topic carried ("what about Singapore?" after "what if the company
                # doesn't give 30 days notice?": Singapore has no rule on penalties): what the carried words are
                # about (the notice), where it files a rule on that
                said = _pick_topic(list(content))
                if said and any(index.documents[d].topic == said
                                for e in entity_ids for d in index.by_entity.get(e, ())):
                    topic = said
            if topic == "definition" and set(entity_ids) - set(conversation.entity_ids) and any(
                    index.entities[e].kind == "jurisdiction" for e in entity_ids):
                # "香港呢？" after "中国的N+1赔偿是什么意思": how another place's law handles what the term is about
                # (its severance), not the term's definition, which is one law's (the glossary's N+1 is China's)
                topic = _pick_topic([w for w in content if lexicon.TOPIC_CUES.get(w) != "definition"]) or topic
            asks_with = conversation.asks_with or asks_with  # "and in California?" after "how much notice ..."
            carried = conversation.topic is not None
    # A follow-up that says nothing new but a figure ("what if it's 150 people?") asks the last topic again.
    if entity_ids and not topic and conversation.topic not in (None, "definition") and all(
            w.isdigit() or w == "staff" for w in parsed.content) and not term_words_named(index, parsed):
        topic = conversation.topic
        asks_with = asks_with or conversation.asks_with  # "what if it's 300 people?": asked as before
        if topic in _COMPANY_TOPICS and (parsed.year and parsed.year != conversation.year or (
                parsed.month and parsed.month != conversation.month)) and not (
                topic in ASPECTS_OF_ROUNDS and conversation.time_asked):
            # "and 2023?", "and then in march?" after "why?" or "did the ceo take a pay cut?" about the round talked
            # about: what happened then. (A question that named its own time is asked again of the new one: "and in
            # 2020?" after "what did Grab give the people it laid off in 2023?" asks what they got in 2020.)
            topic = "layoff-size"
        elif topic in _COMPANY_TOPICS and parsed.question_type in _ROUND_QUESTION_TYPES and not (
                topic == "layoff-process" and parsed.asks_with == "how much"):
            # "how many was that?" after "why?" (but "how much?" after what staff were given asks its amount)
            topic = _ROUND_QUESTION_TYPES[parsed.question_type]
    if topic is None and conversation.topic and _OF_THOSE.search(parsed.normalized) and set(entity_ids) == set(
            conversation.entity_ids):
        # "how many of those were at redmond" after Microsoft's May 2025 round: a part of what was just told, so
        # asked as it was (the round's size), not the company's profile that names its headquarters
        topic = conversation.topic
    if from_context and _ANOTHER_TIME.search(parsed.normalized):
        # "what about the podcast cuts later that year?" after January's round: the year talked about, not its month;
        # "the berlin team later on?" after October 2024's: neither
        month, period = parsed.month, parsed.period
        if not THAT_YEAR.search(parsed.normalized):
            year = parsed.year
        elif conversation.month and not (month or period) and year == conversation.year:
            # "and earlier that year?" after Spotify's December 2023: its rounds of that year before December (after
            # it, "later that year")
            before = bool(_EARLIER.search(parsed.normalized))
            period = frozenset(range(1, conversation.month) if before else range(conversation.month + 1, 13))
        if (topic is None and context_entities and index.entities[context_entities[0]].kind == "company"
                and set(content) <= _TIME_WORDS):
            topic, content = "layoff-size", ("layoff",)  # (its rounds then: the time is all it says)
    return replace(parsed, entity_ids=entity_ids, topic=topic, year=year, month=month, period=period, content=content,
                   hints=hints, year_from_context=from_context, context_entity_ids=tuple(context_entities),
                   asks_with=asks_with, topic_from_context=carried)


# Another moment than the one talked about ("later that year", "earlier", "after that", 之后, 后来): its year may
# hold, its month does not.
_ANOTHER_TIME = re.compile(r"\b(?:later|earlier|afterwards|after that|before that|subsequently|previously)\b"
                           r"|之后|后来|此后|此前|之前|后面|前面")


def asks_another_time(normalized: str) -> bool:
    """Whether a (normalised) follow-up asks of another moment than the one talked about ("and earlier that year?",
    "later on", 之后): not the round just told."""
    return bool(_ANOTHER_TIME.search(normalized))


_EARLIER = re.compile(r"\b(?:earlier|before that|previously)\b|此前|之前|前面")
_TIME_WORDS = frozenset({"earlier", "later", "afterward", "afterwards", "subsequently", "previously", "之后", "后来",
                         "此后", "此前", "之前", "后面", "前面"})
# The round just told, pointed at ("that one", "those jobs", "these cuts", 那次, 那轮)
_THAT_ROUND = re.compile(r"\b(?:that|this|those|these) (?:one|ones|round|rounds|jobs|cuts|job cuts|layoffs?|people|"
                         r"staff|wave)\b|那次|那轮|这次|这轮|那波|这波")
# A place alone, as a follow-up ("what about in germany?", "and in ireland?", "in the uk?", "那德国呢？")
_PLACE_ALONE = re.compile(r"^(?=(?:and|so|ok|okay|but|what about|how about|in|at|for)\b)(?:(?:and|so|ok|okay|but) )?"
                          r"(?:(?:what|how) about )?(?:in |at |for )?(?:the )?(?:[a-z.]+ ?){1,3}$"
                          r"|^(?:那|那么)?\S{1,8}?(?:那边|那里|呢)+$")
_ROUNDS_TALKED = frozenset({"layoff-size", "layoff-date", "layoff-reason", "layoff-process", "layoff-accounts"})


def names_a_place_alone(index: FactIndex, parsed: Parsed) -> bool:
    """Whether a follow-up names a country and nothing else, by its name (not a city's: "and berlin?" is a place of
    the company talked of, found apart; nor a state's: "in new york?" after Amazon's layoffs is its WARN notices
    there): "what about in Germany?", "那德国呢？"."""
    places = [e for e in parsed.entity_ids if index.entities[e].kind == "jurisdiction"]
    named = {w for e in places for w in index.content_words(normalize(index.entities[e].name))}
    return (bool(_PLACE_ALONE.match(parsed.normalized)) and not _places_only(index, parsed)
            and not any(_part_of_a_country(index.entities[e]) for e in places)
            and set(parsed.content) <= named | set(_place_words(index, parsed)) | ROUND_ONLY_WORDS)


def _part_of_a_country(place: Entity) -> bool:
    """Whether a jurisdiction is a state or region of a country ("us-ny" of "us", "uk-ni" of "uk": the parent's id and a
    part's), not a member of a union of countries ("de" of "eu")."""
    return bool(place.parent) and place.id.startswith(f"{place.parent}-")


def place_alone(index: FactIndex, parsed: Parsed, conversation: Conversation) -> bool:
    """Whether a follow-up names a country alone (`names_a_place_alone`) after a company's round: "what about in
    Germany?" after Tesla's 2024 layoffs asks of its staff there."""
    return conversation.topic in _ROUNDS_TALKED and names_a_place_alone(index, parsed)


# A part of what was just told ("how many of those", "of them", "那些人里"): the talk's subject, narrowed.
_OF_THOSE = re.compile(r"\b(?:of|among) (?:those|them|these|that)\b|其中|这些人|那些人")
# A headcount asked of a place, in a few words ("how many were in australia?", "how many in germany?", "德国有多少",
# "德国有多少人受影响？"):
# after a company's round, of its staff there, as "how many of those in germany?" asks
_HOW_MANY_THERE = re.compile(r"(?:and |so )?how many (?:(?:were|was|are|people|jobs|staff|employees|of them|went|got "
                             r"cut|were cut|lost (?:their )?jobs) )*(?:in|at|from) (?:the )?[a-z][a-z ]{1,30}$"
                             r"|^(?:那)?\S{1,6}(?:有多少|裁了多少|多少人)(?:人)?(?:受影响|受到影响|被裁|失业|丢了工作)?呢?$")

_RULES_WITH_PERIODS = frozenset({"notice", "consultation", "notification", "severance"})

# What a bare follow-up about a company's round asks by its question word alone.
_ROUND_QUESTION_TYPES = {"how_many": "layoff-size", "when": "layoff-date", "why": "layoff-reason"}


_FEDERAL = "federal"  # (the stem of "federal", "federally")
_FEDERAL_LEVEL = re.compile(r"\bfederal levels?\b")


def _federal_of(index: FactIndex, entity_ids: tuple[str, ...]) -> str | None:
    """The federal law of the country of the state or province talked about: the one other jurisdiction of its
    country (the ids' ISO 3166-2 country part: us-ny and us, ca-on and ca-fed) one of whose names says "federal"
    ("US federal law", "Canada federal"); None when the talk is about no such place, or about that law itself."""
    countries = {e.split("-")[0] for e in entity_ids if index.entities[e].kind == "jurisdiction"}
    if len(countries) != 1:
        return None
    country = countries.pop()
    found = {e for alias, ids in index.aliases.items() if _FEDERAL in alias.split() for e in ids
             if e.split("-")[0] == country and index.entities[e].kind == "jurisdiction"} - set(entity_ids)
    return found.pop() if len(found) == 1 else None


def _bare_name_like_last(index: FactIndex, parsed: Parsed, conversation: Conversation) -> bool:
    """A turn that is nothing but names of the same kind as the last subject's ("ny?" after California's
    WARN notice, "amazon" after Meta's layoffs): the last question again, about them."""
    if not (parsed.entity_ids and conversation.entity_ids and conversation.topic) or parsed.content or parsed.topic:
        return False
    kinds = {index.entities[e].kind for e in parsed.entity_ids + conversation.entity_ids}
    return len(kinds) == 1 and not parsed.masked.strip() and len(parsed.normalized.split()) <= 3


def _is_continuation(parsed: Parsed) -> bool:
    words = follow_up_words(parsed.normalized)
    return len(words) <= 4 and any(w in lexicon.FOLLOW_UP_CUES for w in words[:2])


def remembered_content(parsed: Parsed) -> tuple[str, ...]:
    """The question's content words for the next turn to lean on, without the names and words it brought
    that the base does not know ("Apple" in "Did Apple have layoffs?", "huawei" in "huawei layoffs"): those
    were its subject, not what it asked, and match no fact."""
    names = {_stem(n.lower()) for n in parsed.names} | set(parsed.unknown)  # (unknown words match no fact)
    return tuple(w for w in parsed.content if w not in names)


def _only_names(parsed: Parsed) -> bool:
    """The question adds nothing but a subject: its content words are all unknown words or names."""
    names = {_stem(n.lower()) for n in parsed.names}
    # ("same": "is that the same in korea?" asks the last question again; so does "is california different?")
    # (nor does the workplace of the talk, moved: "what if the site is in belfast instead")
    return all(w in parsed.unknown or w in names or w in _SAME_OR_DIFFERENT or w in _WORKPLACE for w in parsed.content)


_SAME_OR_DIFFERENT = frozenset({"same", "different", "differ", "differs", "一样", "不同", "区别"})
_WORKPLACE = frozenset(_stem(w) for w in ("site", "plant", "office", "factory", "warehouse", "branch", "store",
                                          "location", "workplace", "工厂", "厂", "办公室"))


# A year told relative to the one the talk is about ("and the year before?", "what about a year later", 那前一年呢).
_YEAR_BEFORE = re.compile(r"\b(?:the|a) (?:year|yr) (?:before|earlier|prior)\b"
                          r"|\bthe (?:previous|prior|preceding) year\b|前一年|上一年|再前一年", re.IGNORECASE)
_YEAR_AFTER = re.compile(r"\b(?:the|a) (?:year|yr) (?:after|later)\b|\bthe (?:following|next) year\b"
                         r"|后一年|後一年|第二年|次年|下一年", re.IGNORECASE)
_ANY_YEAR = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])")


def with_year_of_talk(question: str, conversation: Conversation) -> str:
    """`question` with a year told relative to the talk's ("and the year before?" after Amazon's 2023 layoffs) written
    as the year it names ("and in 2022?"), so that every stage reads it as a year asked; unchanged when the question
    names a year of its own or the talk none."""
    if conversation.year is None or _ANY_YEAR.search(question):
        return question
    for pattern, shift in ((_YEAR_BEFORE, -1), (_YEAR_AFTER, 1)):
        found = pattern.search(question)
        if found:
            year = conversation.year + shift
            said = f"{year}年" if has_cjk(found.group(0)) else f"in {year}"
            return question[: found.start()] + said + question[found.end():]
    return question
