"""Question analysis: entities (with negation: "not Meta but Microsoft"), topic, question type,
years, months, figures, unknown names — everything later stages need from the words of a question.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from rapidfuzz import process
from rapidfuzz.distance import OSA

from . import lexicon
from .retrieval import (
    _ORDINARY_WORDS,
    _YEAR,
    FUZZY_WORD_CUTOFF,
    SHORT_WORD_EDITS,
    STRICT_WORD_ALIASES,
    FactIndex,
    FuzzyLookup,
    _cities,
    _months_in,
    _stem,
    _strip_dates,
    cities_abroad,
    period_months,
    regions_without_rules,
)
from .text import has_cjk, normalize, relative_year

if TYPE_CHECKING:
    from .conversation import Conversation


_COMPANY_TOPICS = frozenset({"layoff-size", "layoff-date", "layoff-reason", "layoff-process", "layoff-accounts"})
# Aspects of a company's rounds, beside their size, date and reasons: what staff got and how they were told
# (layoff-process), what they said (layoff-accounts). A follow-up carries one to another company or another time.
ASPECTS_OF_ROUNDS = frozenset({"layoff-process", "layoff-accounts", "severance"})


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
    period: frozenset[int] = frozenset()  # the months of a quarter or half it names ("Q2", "上半年")
    assumed_place: bool = False  # its place is China's by default (Chinese, no place named), not named
    topic_from_context: bool = False  # its topic is the last question's ("and in Japan?"), not its own words'
    asks_with: str | None = None  # its first question word ("how much"), or the one it leans on (conversation)
    bounded: tuple[tuple[str, float, float], ...] = ()  # figures asked with a bound: ("100", 100, inf) of "100+"
    of_time: frozenset[str] = frozenset()  # figures written as a length of time ("after 3 yrs", "做了 5 年"): service
    of_age: frozenset[str] = frozenset()  # figures written as the asker's age ("i'm 52", "aged 45", "35 岁")


# The question word a phrasing opens with (its first): what kind of answer it wants, beyond its topic.
# (A question word run into its "is", as chat writes it, "whats", "wheres", "hows", is that question word.)
_QUESTION_WORD = re.compile(r"\b(?:(how (?:long|many|much|often|soon|old|far))|(what|where|when|why|who|how)s?|"
                            r"(which|whom|can|could|should|shall|may|must|is|are|do|does|did|will|would|was|were))\b")


@lru_cache(maxsize=65536)
def question_word(text: str) -> str | None:
    """The first question word of `text` (lowercase: "how long", "where", "can"), or None."""
    found = _QUESTION_WORD.search(text.lower())
    if found and found.group(1) == "how far" and _AHEAD.match(text.lower(), found.end()):
        return "how long"  # "how far in advance", "how far ahead": how long before (lexicon.PHRASES reads it so)
    return next(word for word in found.groups() if word) if found else None


# An attribute of a thing asked in Chinese ("…的人数标准是什么", "…的条件是什么"): that attribute, not what the thing is
_ATTRIBUTE_ASKED = re.compile(r"(?:标准|门槛|条件|要求|期限|流程|程序|上限|人数|比例)(?:是什么|是啥|是多少)")
# What a word means, asked as such ("毕业是什么意思", "what does 'graduated' mean"), not "what is ..." alone (是什么)
_MEANING_ASKED = re.compile(r"\b(?:mean|means|meaning|meant|define|definition)\b"
                            r"|意思|指什么|指的是|是指|指啥|何谓|什么叫|啥叫")
# Which kind of a thing, asked in Chinese ("拿的是什么补偿", "是什么原因"): 是什么 before a noun, not what a word means
_WHICH_KIND = re.compile(r"是什么(?!意思|东西)(?=[\u4e00-\u9fff]{2})")
_AHEAD = re.compile(r" (?:in advance|ahead)\b")


@lru_cache(maxsize=1)
def _english() -> frozenset[str]:
    from spellchecker import SpellChecker  # loaded on the first unknown short word only (about 0.15 s)

    return frozenset(SpellChecker(language="en", distance=1).word_frequency.keys())


def english_word(word: str) -> bool:
    """Whether `word` (lowercase) is in pyspellchecker's English word list (some 160k words, from
    OpenSubtitles frequencies): an English word the base does not use is no misspelling of one it does
    ("bread" is not "break", "coding" not "coming"). An ordinal written with digits ("2nd", "21st") is one too: no
    name of anything ("ok and the 2nd round in march 23?")."""
    return word in _english() or bool(_ORDINAL.fullmatch(word))


_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")


# Four-letter question words, which a slip of two letters turns into no word at all ("mnay", "waht", "hwat": the
# first letter too, so not FuzzyLookup, which keeps it).
_FOUR_LETTER_QUESTION_WORDS = ("many", "much", "what", "when", "does", "were", "have", "they", "with", "from")


def corrections(index: FactIndex, masked: str, original: str) -> list[tuple[str, str]]:
    """(word as asked, the word the base uses) for each unknown lowercase word of `masked` (a question with its
    names masked) close to a known one ("severence" -> "severance"); short, known and capitalised words (likely a
    name the base does not know, in `original`) are left as they are."""
    found = []
    for word in masked.split():
        if (len(word) == 4 and word.isascii() and word.isalpha() and word not in index.known_words
                and word not in lexicon.STOPWORDS and not english_word(word)
                and not re.search(rf"\b{word[0].upper()}{re.escape(word[1:])}\b", original)):
            hit = process.extractOne(word, _FOUR_LETTER_QUESTION_WORDS, scorer=OSA.distance, score_cutoff=1)
            if hit:
                found.append((word, hit[0]))
            continue
        if (len(word) < 5 or not word.isascii() or not word.isalpha() or word in index.known_words
                or re.search(rf"\b{word[0].upper()}{re.escape(word[1:])}\b", original)):
            continue  # short, known, or capitalised (likely a name we do not know)
        longest, edits = SHORT_WORD_EDITS
        english = english_word(word)
        hit = index.vocabulary.best(word, FUZZY_WORD_CUTOFF) or (
            index.vocabulary.within_edits(word, edits) if len(word) <= longest and not english else None)
        if hit and english and len(os.path.commonprefix([word, hit[0]])) < min(len(word), len(hit[0])) - 1:
            continue  # an English word is another form of a word the base uses ("federally", "retrenches"), never a
            # slip of a word it merely looks like ("beaches" is no "breaches", "spots" no "sports")
        if hit:
            found.append((word, hit[0]))
    return found


def _correct_spelling(index: FactIndex, masked: str, original: str) -> str:
    """Replace unknown lowercase words with the closest word the base uses ("severence")."""
    meant = dict(corrections(index, masked, original))
    return " ".join(meant.get(word, word) for word in masked.split())


_CJK_CUES = sorted((w for w in (*lexicon.SYNONYMS, *lexicon.TOPIC_CUES) if len(w) >= 2 and has_cjk(w)), key=len,
                   reverse=True)


def _cued_within(terms) -> list[str]:
    """The canonical word of the longest topic cue a Chinese term holds ("经济补偿金": 经济补偿, severance), as a list
    for `_pick_topic` (empty when none does)."""
    cue = next((cue for term in terms if has_cjk(term) for cue in _CJK_CUES if cue in term), None)
    return [lexicon.SYNONYMS.get(cue, cue)] if cue else []


def _pick_topic(words: list[str]) -> str | None:
    topics = [lexicon.TOPIC_CUES[w] for w in words if w in lexicon.TOPIC_CUES]
    if not topics:
        return None
    return min(topics, key=lambda t: lexicon.TOPIC_PRIORITY.index(t) if t in lexicon.TOPIC_PRIORITY
               else len(lexicon.TOPIC_PRIORITY))


# "y" for "why" opening a question, as chat writes it ("y did it shrink", "y were they cut"; "y tho" is a phrase of
# bot.lexicon): before a verb that opens a question only.
_CHAT_WHY = re.compile(r"^y (?=(?:did|do|does|was|were|is|are|would|has|have|had)\b)")
# "n" for "and" opening a follow-up, as chat writes it ("n hong kong?", "n amazon"): before a word, never a figure
# (the N of "N+1" comes with one)
_CHAT_AND = re.compile(r"^n (?!plus\b)(?=[a-z]{2})")


# "so what were they about then", "what was that all about": what a layoff was about is why it was made
_ABOUT_WHAT = re.compile(r"\bwhat (?:was|were|is|are) (?:it|they|that|this|these|those|the (?:cuts|layoffs|job cuts))"
                         r"(?: all| really| actually)? about\b")

# A time said by an event ("during covid", "amid the pandemic", "疫情期间"): when, not why
_DURING = re.compile(r"\b(?:during|amid|amidst|throughout)\b|期间")
# How short or plain the answer should be ("in like 1 sentence", "briefly", "eli5"): nothing the question asks about
_ANSWER_FORM = re.compile(r"\b(?:in (?:like |just |only )?(?:one|1|a|two|2|a few|few|simple|plain) "
                          r"(?:sentence|sentences|line|lines|words|terms|english)|briefly|in short|in brief|tl ?dr|"
                          r"eli5|explain like i m 5|keep it short|short version)\b")


def parse_question(index: FactIndex, question: str, conversation: Conversation) -> Parsed:
    normalized = _CHAT_AND.sub("and ", _CHAT_WHY.sub("why ", normalize(question)))
    normalized = " ".join(_ANSWER_FORM.sub(" ", normalized).split()) or normalized
    normalized = _ABOUT_WHAT.sub("why was it", normalized)
    normalized, masked, entity_ids, hints = recognise(index, normalized, question)
    # "那阿里巴巴同一季度呢？", "and alibaba in the same quarter?": the period talked about, which the conversation
    # holds (bot.conversation), not a word of the question's own (nor 一季度, the first quarter)
    masked = _SAME_PERIOD.sub(" ", masked)
    # "and 2024 under gelsinger?", "and in 2025 under the new ceo?": under whom says when, not what is asked (the
    # reasons, which name the chief)
    if _UNDER_LEADER.search(masked) or " under " in f" {masked} " and hints:
        led_by = {w for found in re.finditer(r"\bunder ((?:\w+ ){0,2}\w+)", normalized) for w in found.group(1).split()}
        hints = tuple(h for h in hints if h not in led_by or not index.aliases.get(h) or any(
            index.entities[e].kind != "company" for e in index.aliases[h]))  # (a law's stays: "under the WARN Act")
        masked = _UNDER_LEADER.sub(" ", masked)
    # "by 2030": a plan's deadline, not when; a past one is the time asked ("到2022年底…缩水了多少": by the end of 2022)
    years = [int(y) for y in _YEAR.findall(_DEADLINE.sub(_deadline_ahead, masked))]
    negated = {int(y) for y in _NEGATED_YEAR.findall(masked)}
    if set(years) - negated:  # "not the 2023 round, the one in 2024": the year asked is the other one
        years = [y for y in years if y not in negated]
    if not years and (relative := relative_year(normalized, dt.date.today())):
        years = [relative]  # "last year", "今年"
    months = _months_in(masked)
    period = period_months(masked)
    # A company and a place both named ("SAP jobs in Germany", "Chinese tech companies laying off
    # when Xiaohongshu did"): both stay candidates; the ranker decides by topic which one is asked about.
    masked = _correct_spelling(index, _strip_dates(masked), question)
    clause = _WHEN_CLAUSE.search(masked)
    # "what did Atlassian give staff when they cut 500": the clause's words say which round, not what is
    # asked; its figures still pick the round.
    clause_words = ({w for w in index.content_words(masked[clause.end():]) if not w.isdigit()}
                    - set(index.content_words(masked[:clause.start()]))) if clause else set()
    masked = _WHEN_CLAUSE.sub(" ", masked)
    words = index.content_words(masked)
    if clause_words and any(w not in clause_words for w in words):
        words = [w for w in words if w not in clause_words]
    aside = _ASIDE_AFTER.search(question)
    # "has canva ever laid anyone off? i thought they never did": what the asker believed, said after the question,
    # asks nothing (its words had made the bot decline)
    aside_words = set(index.content_words(normalize(aside.group(1)))) if aside else set()
    if aside_words and any(w not in aside_words for w in words):
        words = [w for w in words if w not in aside_words]
    topic = _pick_topic(words)
    if topic is None and not words:
        # A law's own term asked alone ("经济补偿呢？": China's word for severance, masked as its law's name): what the
        # term's words say it is
        topic = _pick_topic(_cued_within(hints))
    if topic == "definition" and (_ATTRIBUTE_ASKED.search(normalized) or _WHICH_KIND.search(normalized)):
        # "经济性裁员的人数标准是什么": what the threshold of a mass layoff is, not what a mass layoff is;
        # "被裁的人拿的是什么补偿" (what compensation did they get): which one, of a thing named after 是什么
        topic = _pick_topic([w for w in words if lexicon.TOPIC_CUES.get(w) != "definition"])
    after = _PERIOD_AFTER.search(normalized)
    if after and topic in set(map(lexicon.TOPIC_CUES.get, index.content_words(next(g for g in after.groups() if g)))):
        # "how long must they wait after notifying the authority": the notification is when the period
        # asked about starts, not what is asked about; the wait is filed under notice or consultation
        topic = None
    if topic == "coverage" and _APPLYING.search(normalized):
        topic = _pick_topic([w for w in words if w != "apply"])
    if topic == "penalties" and _MAY_SKIP.search(normalized):
        # "can a struggling co skip the 60 day warn notice?": whether the duty may be left undone asks its exceptions
        # (filed under the duty's own topic), not what follows from leaving it undone ("what if they skip it?")
        words = [*(w for w in words if lexicon.TOPIC_CUES.get(w) != "penalties"), "exception"]
        topic = _pick_topic(words)
    if topic == "notification" and "permission" in words:
        # "印度大规模裁员需要政府批准吗": the government is whom leave to dismiss is asked of, not one told of it
        topic = _pick_topic([w for w in words if lexicon.TOPIC_CUES.get(w) != "notification"])
    if topic == "mass-layoff" and {"threshold", "thresholds"} & set(words) and (
            any(lexicon.TOPIC_CUES.get(w) == "coverage" for w in words)
            or "staff" in words and not {"layoff", "masslayoff"} & set(words)):
        # "the employee threshold for the California WARN Act to apply", "warn act coverage threshold": how big
        # an employer must be for the law to cover it, not how many must go for a mass layoff
        topic = "coverage"
    if (topic in ("layoff-size", "mass-layoff") and "staff" in words and not {"layoff", "masslayoff"} & set(words)
            and any(lexicon.TOPIC_CUES.get(w) == "coverage" for w in words)
            and not any(index.entities[e].kind == "company" for e in entity_ids)):
        # "how many employees does a company need for it to apply?": how big an employer the law covers, not how
        # many must go for a mass layoff (no layoff is said)
        topic = "coverage"
    if topic in {"notification", "consultation"} and {"threshold", "thresholds"} & set(words):
        # "the notification threshold for a company with 300 employees": how many must go for the duty to arise,
        # which is the law's mass layoff, not what the notification says
        topic = "mass-layoff"
    if topic == "layoff-reason" and _FOR_REASONS.search(normalized) and not question_types(normalized) & {"why"}:
        topic = _pick_topic([w for w in words if lexicon.TOPIC_CUES.get(w) != "layoff-reason"])
    if topic == "layoff-date" and "how_many" in question_types(normalized):
        topic = "layoff-size"  # "when did Amazon announce layoffs and how many?": a round's size states its date
    if topic == "layoff-accounts" and question_types(normalized) == {"how_many"}:
        topic = "layoff-size"  # "how many jobs did they say they'd cut?": the figure announced, not what was said
    a_company = any(index.entities[e].kind == "company" for e in entity_ids)
    if topic == "definition" and a_company and not _MEANING_ASKED.search(normalized):
        # "京东裁员补偿方案是什么？" (what is JD's layoff compensation package?): 是什么 asks what the company's package
        # was, not what a word means; another topic word says what is asked (none: the company, "京东是什么？")
        topic = _pick_topic([w for w in words if lexicon.TOPIC_CUES.get(w) != "definition"]) or topic
    if a_company:  # "meta tech layoffs 2023": the company is the sector
        sector = set(index.content_words(" ".join(lexicon.SECTOR_WORDS)))
        words = [w for w in words if w not in sector] or words
    if topic != "definition" and lexicon.LAYOFF_EUPHEMISMS.intersection(words) and a_company:
        # "京东毕业了多少人", "字节被优化了多少人": a company's staff "graduated" are its laid-off staff
        words = ["layoff" if w in lexicon.LAYOFF_EUPHEMISMS else w for w in words]
        topic = _pick_topic(words)
    content = tuple(w for w in words if w not in lexicon.TOPIC_CUES or w in lexicon.NOUN_CUES)
    if (a_company and topic in _ROUND_TOPICS and all(w.isdigit() for w in content)
            and not set(entity_ids) & set(conversation.entity_ids)):
        # "when did audi announce it", "why did audi", "奥迪是啥时候宣布的": a company newly asked when or why,
        # and nothing else, is asked about its layoffs, what this base holds of it (the talk's company so asked,
        # "what reason did Jassy give", is asked about the round just told)
        content = ("layoff", *content)
    if a_company and topic is None and "layoff" in content and _DURING.search(normalized):
        # "whats uber layoffs during covid": what follows "during" says when (the cuts then), not why
        topic = "layoff-size"
    if a_company and topic in (None, "layoff-size") and "layoff" not in content and {"round", "wave"} & set(content):
        # "any major round at Google in 2024?", "another wave at intel?", "how big was spotify's december round":
        # a company's rounds are its layoffs, the word no more than "layoff" says (no fact's own word to match)
        content = ("layoff", *(w for w in content if w not in {"round", "wave"}))
    if (topic in (None, "layoff-process") and _WHO_WENT.search(normalized)
            and any(index.entities[e].kind == "company" for e in entity_ids)):
        # "toshiba 4000 job cuts who was targeted", "东芝…主要裁哪些人": whom the round hit, which the round's own
        # account says ("mainly back-office workers aged 50 or over"), not how it was carried out
        topic = "layoff-size"
    if (topic is None and content and all(w.isdigit() for w in content) and years
            and any(index.entities[e].kind == "company" for e in entity_ids)):
        # "unity 600 may 2023": a company, a figure and a time, as a headline gives a round: its size
        topic, content = "layoff-size", ("layoff", *content)
    qtype = question_type(_WHEN_CLAUSE.sub(" ", normalized))
    if topic == "layoff-size" and "layoff" not in content and not _SHARE.search(normalized):
        if "staff" in content and _HEADCOUNT_DROP.search(normalized):
            # "百度2024年底员工比前一年少了多少", "how many fewer employees": by how much the staff shrank, a cut
            content = ("layoff", *content)
        else:
            # "How many employees does Meta have?" asks about the company, not a layoff; a share of staff does not
            # ("what percent was that?": of the staff, cut)
            topic = "profile" if entity_ids and "staff" in content else None
    if topic in (None, "notice") and has_cjk(normalized) and (_NOTIFY_WHOM.search(normalized) or any(
            lexicon.TOPIC_CUES.get(w) == "notification" for w in index.content_words(normalized) if not w.isascii())
            or _tells_an_authority(index, normalized, entity_ids)):
        # "新加坡裁员要通知人力部吗": 人力部 (the Ministry of Manpower) is Singapore's alias, so masked, but
        # an authority told of a layoff all the same
        topic = "notification"
    if topic in ("notification", "notice") and _TELLS_REPRESENTATIVES.search(normalized):
        topic = "consultation"
    if topic == "layoff-accounts" and not _SAID_ASKED.search(normalized):
        # "Accenture said ~19k jobs back in March 2023, what % of the whole workforce was that?": what was said is
        # the premise; the question asks something else (a share, a reason), or about the layoff it says
        topic = _pick_topic([w for w in words if lexicon.TOPIC_CUES.get(w) != "layoff-accounts"]) or (
            "layoff-size" if "layoff" in words else topic)
    if topic == "layoff-accounts" and entity_ids and _NAMED_SAID.search(masked):
        # "what did benioff say about it", "what did Xiaohongshu say about the layoffs": the company's (or
        # its chief's) own statement, which the reason facts hold; "what did employees say" stays accounts
        topic = "layoff-reason"
    if topic in (None, "layoff-size") and a_company and _TOOK_IT.search(normalized):
        topic = "layoff-accounts"  # "how did the people affected take it?": how they reacted, in their accounts
    if topic in (None, "layoff-size", "layoff-accounts", "layoff-reason") and asks_how_told(normalized, topic):
        topic = "notice"  # "how did ppl find out", "how did staff hear about it": how they were told (a round's)
    if topic in (None, "layoff-size") and a_company and _CARRIED_OUT.search(normalized):
        topic = "layoff-process"  # "how did they do the layoffs", "how were the cuts handled": how they were made
    if topic in (None, "layoff-size") and _GIVEN.search(normalized) and not _FIGURE_GIVEN.search(normalized) and (
            {"staff", "layoff"} & set(content) or not content and refers_back(normalized)):
        # "What did Spotify give laid-off staff?", "what did they get" after a round: what they got on the way out
        topic = "severance"
    if topic in (None, "severance") and not a_company and _PAID_TO_GO.search(normalized):
        # "can a company end someone's employment just by handing them a payout?", "可以直接给钱就把我解雇吗": whether
        # money buys a dismissal the law does not allow, its protection from dismissal, not what the payment is
        topic = "protected"
    if topic in (None, "layoff-size", "mass-layoff") and not a_company and _NOT_DISMISSED.search(normalized):
        topic = "protected"  # "who can't be laid off in China", "哪些员工不能裁": whom the law shields from dismissal
    silent = _SAYS_NOTHING.search(normalized)  # "if my contract doesn't say": silence, no duty unmet
    if _NEGATED_DUTY.search(normalized) and not _ASKS_LEAVE.match(normalized) and not silent:
        topic = "penalties"  # "What happens if an employer gives no WARN notice?"
    bare = _ELLIPTICAL_NEGATION.search(normalized)  # (nothing named after it: on the masked question, a term is)
    elliptical = not silent and (bare or _ELLIPTICAL_NEGATION.search(masked))
    if elliptical:  # "what if the employer doesn't send it?": its words only say what was not done
        # ... nor, when nothing is named after it ("what happens if they don't?"), does the frame it is asked in:
        # "happens" asks what follows, and would match whatever fact says when something happens
        frame = _WHAT_FOLLOWS.search(normalized) if bare else None
        said = set(index.content_words(elliptical.group(0) + (" " + frame.group(0) if frame else "")))
        topic, content = "penalties", tuple(w for w in content if w not in said)
        if bare and not content and not any(lexicon.TOPIC_CUES.get(w) in _DUTY_TOPICS for w in said):
            # ... and what was not done, unnamed, is the duty just talked of: its words are what the question is
            # about ("do they have to report it to the ministry?", then "what happens if they never do?")
            content = tuple(w for w in conversation.content if lexicon.TOPIC_CUES.get(w) != "penalties")
    if (topic in _DUTY_TOPICS and not a_company and _ASKS_THRESHOLD.search(normalized)
            and not _HEADCOUNT_GIVEN.search(normalized) and not _STARTS.search(normalized)):
        # "when does collective consultation kick in?", "when do employers have to consult?", "什么情况下要协商":
        # when the duty applies at all, its mass-layoff threshold, not how long before the layoff it is done (a
        # question that says how many go, "if I'm making 100 redundant", or asks when it starts, asks the latter)
        topic = "mass-layoff"
    if topic in {"hiring", "funding"} and "layoff" in content:
        topic = None  # "recruiting team cuts"
    if topic == "holidays" and "layoff" in content and _LEAVE.intersection(words):
        # "can i be fired while on parental leave", "我在休产假，公司能裁我吗": the leave is the circumstance of a
        # dismissal asked about, whom the law shields, not the leave itself
        topic = "protected"
    if topic == "coverage" and not a_company and entity_ids and _NUMBER_GOING.search(normalized):
        # "90 full-timers and 28 of us are being cut. does new york's warn law kick in": whether so many going is a
        # mass layoff under the law, its trigger, not whom it covers ("a company with 80 employees")
        topic = "mass-layoff"
    if ((topic == "coverage" or topic == "notice" and _DUTY_OF_ONES_OWN.search(normalized)) and not a_company
            and entity_ids and _CLOSURE.search(normalized) and not ASKS_PERIOD.search(normalized)
            and not _ASKS_AMOUNT.search(normalized)):
        # "does cal warn cover closing a site where only 30 ppl work", "加州工厂关闭，几个人就要按WARN提前通知": whether
        # an event (a closure, a relocation) triggers the law's duty, its trigger rule, not whom it covers nor how
        # long the notice is
        topic = "mass-layoff"
    if topic == "coverage" and not a_company and _ENTITLED.search(normalized):
        # "hong kong long service payment who qualifies": who is entitled to a term of the law (its payment, its
        # leave), what the facts that name the term are about, not whom the law covers at all
        topic = _topic_of_term(index, entity_ids, hints) or topic
    if (topic == "layoff-size" and entity_ids and not a_company and ASKS_PERIOD.search(normalized)
            and not _PERIOD_OF_PAY.search(normalized)
            and all(index.entities[e].kind == "jurisdiction" for e in entity_ids)):
        # "纽约州那个WARN法，公司裁员前到底要给员工留几天？": how many days (几天), of a law, is how long before the
        # layoff it must be told, not how many go ("几" asks a size of a company's round)
        topic = "notice"
    topic = only_layoff_topic(topic, entity_ids, content)
    clause = _TIME_CLAUSE.search(masked) if topic is None and entity_ids else None
    if clause and only_layoff_topic(None, entity_ids, tuple(index.content_words(masked[:clause.start()]))):
        # "twitter layoffs after musk bought it": the clause says when; its layoffs are what is asked
        topic = "layoff-size"
    if (topic in ("layoff-size", "mass-layoff") and not a_company and entity_ids
            and (term_topic := _topic_of_term(index, entity_ids, hints)) in ("severance", "notice")):
        # "被裁了，经济补偿金能拿多少个月", "Kündigungsfrist in Germany if my employer lets me go": a law's term for a
        # payment or a notice period (its words masked as a hint) names what is asked, not the layoff's size that a
        # word for being laid off (被裁, "lets me go") gives
        topic = term_topic
    unknown = tuple(w for w in content if w not in index.idf and w not in lexicon.TOPIC_CUES)
    raw_words = follow_up_words(_SAME_PERIOD.sub(" ", normalized))
    starts_like_follow_up = any(w in lexicon.FOLLOW_UP_CUES for w in raw_words[:2])
    # (A stretch of Chinese no known word covers is read as bigrams, "离职后多久" -> 职后, 后多: noise, not an unknown
    # subject; a Chinese name the base lacks is found apart, `unknown_chinese_company`.)
    # (Nor is an English word the base never uses: "what was the reason given", "no sorry, I meant 2023".)
    # (Nor a figure the base never writes: "and if it's 120?" after a consultation period.)
    follow_up = not entity_ids and not [w for w in unknown if not has_cjk(w) and not english_word(w)
                                        and not w.isdecimal()] and (
        len(raw_words) <= 5 or starts_like_follow_up
        or refers_back(normalized)
        or bool(_DEFINITE_REFERENCE.search(normalized))
    )
    continues = bool(entity_ids) and (len(raw_words) <= 4 and starts_like_follow_up
                                      or bool(_CJK_CONTINUATION.fullmatch(masked.replace(" ", "")))
                                      or (len(raw_words) <= 7 or len(raw_words) <= 12 and bool(
                                          refers_back(normalized) or _THOSE.search(normalized)))
                                      and bool(_SAME_THERE.search(normalized))  # ("and if those 120 were at our
                                      # belfast site instead?": what was just asked, of the place, pointed back at)
                                      or starts_like_follow_up and restates(content, conversation))
    if continues and _SAME_THERE.search(normalized):
        # "how does this compare to France?", "what if we were based in california instead": the words that set it
        # against the place ask nothing of their own
        said = {w for same in _SAME_THERE.finditer(normalized) for w in index.content_words(same.group(0))}
        content = tuple(w for w in content if w not in said)
    hint_words = tuple(w for w in index.content_words(" ".join(hints)) if w not in content)
    names = (unknown_names(index, question) or unknown_chinese_company(index, normalized)) if not entity_ids else ()
    if (entity_ids and topic in _ROUND_TOPICS_ASKED and not _ASKS_THE_LAW.search(normalized)
            and all(index.entities[e].kind == "jurisdiction" for e in entity_ids)):
        # "How many people did Joe's Pizza in Dayton lay off last week?": a company's layoffs, of a name the base
        # does not know, in a place it does (its law is not asked); no place's name ("Dayton", "Toronto") is one
        places = _cities()
        names = tuple(n for n in unknown_names(index, question)
                      if n.lower() not in index.aliases and normalize(n) not in places)
    if (topic is None and not entity_ids and (_WHAT_IS_TERM.match(normalized) or _WHATS_WRITTEN.match(question))
            and len(set(content)) <= 3
            and any(not w.isdigit() for w in content)):
        topic = "definition"  # "What is N+1?", "what is a RIF": what a term means
    if (topic is None and not entity_ids and _TERMS_SET_APART.search(normalized)
            and 2 <= len({w for w in content if not w.isdigit()}) <= 5):
        topic = "definition"  # "furloughed vs laid off: different things?", "does redundancy count as being fired"
    if (topic is None and entity_ids and _WHAT_IS_LAW.fullmatch(masked.strip())
            and all(index.entities[e].kind == "jurisdiction" for e in entity_ids)):
        # "What's the WARN Act?", "what is the Kündigungsschutzgesetz": a law asked by its name alone, nothing
        # but "what is" left: what it is, its entry in the glossary or the rule that says what it requires
        topic = "definition"
    if not years and not _FIGURE.search(masked) and _WHAT_IS_A_TERM.search(normalized):
        # "What's a WARN notice?", "WARN notice - what's that?": a term asked about with an indefinite
        # article or "that" asks what it means, even when its words name a law or a topic.
        topic = "definition"
    if qtype == "meaning" and topic in _COMPANY_TOPICS | {None} and not years and not _FIGURE.search(masked):
        # "is 'graduated' slang for getting laid off?": a word's meaning is asked, whatever layoff words it is
        # explained with
        topic = "definition"
    if topic == "definition" and qtype == "meaning" and any(index.entities[e].kind == "jurisdiction"
                                                             for e in entity_ids):
        # "What's the EU's definition of collective redundancies?": what a law counts as the term is its rule on
        # the term's topic, not the glossary's meaning of it (when the term names one; "what is a WARN Act
        # notice" asks what the term is)
        cued = {lexicon.TOPIC_CUES.get(w) for w in content} & _RULE_TOPICS
        if len(cued) == 1:
            topic = cued.pop()
    if _WHY_CALLED.search(normalized) and not _FIGURE.search(masked):
        # "why do they call layoffs graduation", "点解佢哋叫呢啲做「畢業」": why a name is used asks what it means
        topic = "definition"
    if topic == "severance" and _UNLAWFUL_DISMISSAL.search(normalized):
        # "is there a limit on the compensation ... for an unfair dismissal": what is owed for an unlawful dismissal
        # is what the law makes the employer pay for it (the rules file it under penalties), no severance
        topic = "penalties"
    if topic is None and qtype == "where" and entity_ids:
        # "Where is Xiaohongshu based?"; but where a company's cuts were ("which country were bosch's 13k job cuts in")
        # is told by the round
        topic = "layoff-size" if "layoff" in content and any(
            index.entities[e].kind == "company" for e in entity_ids) else "profile"
    if topic is None and "layoff" in content and {"affect", "impact"} & set(content) and any(
            index.entities[e].kind == "company" for e in entity_ids):
        # "samsung's 2024 overseas job cuts - was south korea affected?", "did amazon's layoffs affect india": where
        # and whom a company's round hit, which the round tells
        topic = "layoff-size"
    if _EARNS.search(normalized):
        topic = "earnings"  # "how much do software engineers at google make": pay, an aspect the base lacks
    if topic is None and entity_ids and _WHO_RUNS.search(normalized):
        topic = "profile"  # "who is in charge at crypto.com", "is venmo part of paypal": who the company is
    entity_ids = _drop_negated(index, normalized, list(dict.fromkeys(entity_ids)))
    # "California WARN notice": the law's name is the federal one's alias, the question the state's.
    children_of = {index.entities[e].parent for e in entity_ids if index.entities[e].parent}
    entity_ids = [e for e in entity_ids if e not in children_of] or entity_ids
    entity_ids = governed_there(index, normalized, entity_ids)
    placed = entity_ids
    entity_ids = _drop_staff_places(index, normalized, entity_ids, topic)
    entity_ids = _drop_places_beside_possessive(index, question, normalized, entity_ids)
    if dropped := set(placed) - set(entity_ids):
        # The place stays a word of the question, as a city beside a company does: "SAP's 2024 restructuring, how
        # many of the 8,000 roles were in Germany?" asks the fact that speaks of Germany.
        places = [a for a in index.names_in(normalized) if set(index.aliases[a]) & dropped]
        content = (*content, *(w for a in places for w in index.content_words(a) if w not in content))
        masked = " ".join((masked, *places))
    return Parsed(normalized, tuple(entity_ids), topic, years[0] if years else None, content,
                  unknown, masked, follow_up, months[0] if months else None, hint_words, continues,
                  names=names, question_type=qtype, period=period, asks_with=question_word(masked),
                  bounded=bounded_figures(question), of_time=figures_of_time(normalized),
                  of_age=figures_of_age(normalized))


# What a company's layoffs are asked about: how many, when (not why: "let go without cause" is no reason asked).
_ROUND_TOPICS_ASKED = frozenset({"layoff-size", "layoff-date"})


# A figure asked with a bound ("100+ redundancies", "under 100", "fewer than 20", "at least 100"): a range of
# headcounts, which the ranges a rule states agree with or not, whether or not the rule writes the figure.
_BOUNDED_FIGURE = re.compile(
    r"(?P<plus>\d[\d,]*)\s*\+|(?P<ormore>\d[\d,]*) or more\b"
    r"|\b(?:under|below|fewer than|less than)\s+(?P<below>\d[\d,]*)|<\s*(?P<lt>\d[\d,]*)"
    r"|\b(?:over|above|more than)\s+(?P<above>\d[\d,]*)|>\s*(?P<gt>\d[\d,]*)|\bat least\s+(?P<least>\d[\d,]*)")


# A figure written as a length of time, in a normalised question: "after 3 yrs", "6 months", "做了 5 年", "工龄 8 年"
# (a year's "2022 年" has four digits).
_FIGURE_OF_TIME = re.compile(r"\b(\d{1,2}) (?:years?|yrs?|months?|mos?|weeks?|wks?|days?)\b"
                             r"|(\d{1,2}) (?:个月|周|天|星期)"
                             r"|(?:做|干|工作|待|呆|服务|工龄|司龄|咗|了) ?(\d{1,2}) 年|\b(\d{1,2}) 年 ?(?:工龄|司龄)")


# A figure written as an age: "i'm 52" (normalised "i m 52"), "aged 45", "age 60", "52 years old", "今年 35 岁"
_FIGURE_OF_AGE = re.compile(r"\b(?:i m|im|i am|aged?|age of)\s+(\d{2})\b(?! (?:years?|yrs?|months?|weeks?|days?|"
                            r"people|staff|employees|workers)\b)|\b(\d{2}) (?:years? old|yrs? old|yo)\b|(\d{2}) ?岁")


def figures_of_age(normalized: str) -> frozenset[str]:
    """The figures of a normalised question written as the asker's age: "i m 52" -> {"52"}."""
    return frozenset(next(g for g in m.groups() if g) for m in _FIGURE_OF_AGE.finditer(normalized))


def figures_of_time(normalized: str) -> frozenset[str]:
    """The figures of a normalised question written as a length of time: "worked 6 years" -> {"6"}."""
    return frozenset(next(g for g in m.groups() if g) for m in _FIGURE_OF_TIME.finditer(normalized))


def bounded_figures(question: str) -> tuple[tuple[str, float, float], ...]:
    """(figure as the question's content writes it, lowest, highest) for each figure asked with a bound:
    "100+" and "100 or more" -> ("100", 100, inf); "under 100" -> ("100", 0, 99); "more than 50" -> ("50", 51, inf)."""
    found = []
    for match in _BOUNDED_FIGURE.finditer(question.lower()):
        kind, figure = next((k, v) for k, v in match.groupdict().items() if v)
        n = int(figure.replace(",", ""))
        low, high = {"plus": (n, math.inf), "ormore": (n, math.inf), "least": (n, math.inf), "below": (0, n - 1),
                     "lt": (0, n - 1), "above": (n + 1, math.inf), "gt": (n + 1, math.inf)}[kind]
        found.append((str(n), float(low), float(high)))
    return tuple(found)


# What a question word alone asks of a company: when or why it cut staff.
_ROUND_TOPICS = frozenset({"layoff-date", "layoff-reason"})
# A share asked ("what percent was that?", "比例"): of a company's staff, cut.
_SHARE = re.compile(r"\bper ?cent(?:age)?\b|\bpct\b|%|比例|百分之")


def _topic_of_term(index: FactIndex, entity_ids: list[str], hints: tuple[str, ...] | list[str]) -> str | None:
    """The topic most of a jurisdiction's facts have whose phrasings name the term of its law the question names
    (its words among `hints`): "severance" for Hong Kong's long service payment; None when no term is named or no
    topic leads."""
    said = set(index.content_words(" ".join(hints)))
    for entity_id in entity_ids:
        named = said & index.term_words.get(entity_id, frozenset())
        if not named:
            continue
        topics = Counter(index.documents[d].topic for d in index.by_entity.get(entity_id, ())
                         if named <= index.doc_tokens[d])
        ranked = topics.most_common(2)
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            return ranked[0][0]
    return None


# Whom a company's round hit ("who was targeted", "who got cut", "which staff were affected", 裁哪些人, 哪些人被裁)
_WHO_WENT = re.compile(r"\b(?:who|which (?:staff|employees|workers|people|roles|jobs)) (?:was|were|got|are|is|will be)"
                       r"(?: \w+)? (?:targeted|targetted|affected|hit|cut|laid off|let go|axed|impacted|chosen|"
                       r"picked)\b"
                       # ... asked in the active ("who exactly were they targeting?", "who did they let go")
                       r"|\bwho (?:\w+ )?(?:did|were|was|are|is) (?:they|it|the company|[\w.]+) "
                       r"(?:targeting|target|cut|cutting|lay off|laying off|let go|letting go|fire|firing|hit)\b"
                       r"|裁(?:了)?哪些人|哪些人被裁|裁的是(?:谁|哪些)|裁(?:边|邊)啲人")
# Whether a duty may be left undone: "can a struggling company skip the notice?", "is it legal to skip consultation",
# "are they allowed to get out of giving notice"
_MAY_SKIP = re.compile(r"^(?:so |but |and )?(?:can|could|may|is it (?:ok|okay|legal|lawful|allowed) to"
                       r"|are (?:they|we|you|employers?|companies) allowed to)\b(?: \w+){0,8} "
                       r"(?:skip|skips|avoid|get out of|bypass|waive)\b")
# An event a law's duty may be triggered by: a site closed, moved ("closing a site", "plant closure", "moving our office
# to phoenix", 关闭, 搬迁)
_CLOSURE = re.compile(r"\b(?:clos(?:e|es|ed|ing|ure|ures)|shut(?:s|ting)? down|shutdown|relocat\w*|"
                      r"(?:mov(?:e|es|ed|ing)) (?:\w+ ){0,4}?(?:to|from)\b)"
                      r"|关闭|关厂|倒闭|搬迁|迁址|结业")
# ... asked by the one whose duty it would be ("do we need to give warn notice"), or of how many it takes (几个人就要):
# a worker's "do i get notice if my employer closes the shop" asks their own notice
_DUTY_OF_ONES_OWN = re.compile(r"\b(?:do|does|would|will) (?:we|i|you|employers?|companies|the company|the employer) "
                               r"(?:need|have) to\b|\b(?:must|should) (?:we|the company|the employer)\b|几个人|多少人")
# ... and a question of how much, which asks an amount or a length, not whether ("how much notice when closing")
_ASKS_AMOUNT = re.compile(r"\bhow (?:much|many (?:days|weeks|months))\b|多少天|几天|多久")
# The asker's case, said as a condition ("工资特别高的话", "if my salary is very high", "要是…"): not what is asked
CONDITION = re.compile(r"\S*的话|\bif\b.*$|^(?:如果|要是|假如|万一)\S*(?=\s)")
# Entitled to something ("who qualifies", "eligible for", "有资格"): a term named with it is what is asked about.
_ENTITLED = re.compile(r"\b(?:eligib\w*|qualif\w*|entitled|entitlement)\b|资格")
# A dismissal bought ("end my employment just by paying me", "fire me by handing me a payout", "给钱就把我解雇")
_PAID_TO_GO = re.compile(r"\b(?:end|ends|terminate|fire|dismiss|sack|let \w+ go)\b.{0,40}?\b(?:just |simply |only )?by "
                         r"(?:paying|handing|giving|offering)\b"
                         r"|\b(?:just|simply) pay (?:money |them |me |him |her )?(?:off )?to "
                         r"(?:end|fire|dismiss|terminate|get rid)\b|给钱就(?:把我|把人|把员工)?(?:解雇|辞退|开除|裁)")
# Who may not be dismissed at all: a protection, not the layoff rules in general.
_NOT_DISMISSED = re.compile(r"\b(?:(?:can|may|must|could|should) not|cannot) be (?:laid off|fired|dismissed|"
                            r"made redundant|let go|terminated|sacked|retrenched)\b"
                            r"|不能被?(?:裁|辞退|解雇|开除)|不得(?:裁|辞退|解雇|解除)")
# "no WARN notice", "fails to consult", "doesn't notify": the question is about the consequences.
_NEGATED_DUTY = re.compile(
    r"\b(?:no|zero|without|fails? to|failed to|failing to|does not|did not|do not|never|not enough|"
    r"insufficient|inadequate|too little|too late|late|"
    r"skips?|ignores?|breach(?:es)?|violat\w*|botch\w*|bungl\w*|(?:is |was )?(?:defective|flawed|faulty|incorrect|"
    r"incomplete|improper|improperly|wrongly))\b(?: \w+){0,3} (?:warn|notice|notify|notification|consult\w*)\b"
    # ... or done badly, said after it ("what if the notification is botched", "if the consultation was flawed")
    r"|\b(?:warn|notice|notify|notification|consultation)\b(?: \w+){0,2} (?:botched|bungled|messed up|defective|"
    r"flawed|faulty|incorrect|incomplete|improper|wrong|invalid)\b"
    r"|\bwhat happens (?:(?:in|under|at) (?:the )?\w+(?: \w+)? )?if\b|\bconsequences?\b"
    r"|违规|违法|罚则|处罚|罚款|罚金|惩罚|后果"
    # (an employer's breach; not a worker's of the company's rules, "我严重违反规章制度": the ground of dismissal)
    r"|违反(?!\S{0,6}(?:规章|纪律|制度))"
    r"|(?:不|没有?)(?:通知|协商|咨询|报告|提前)\S{0,4}(?:会怎样|会怎么样|怎么办|会如何|呢)"
    # ... or what is owed for it ("裁员没有做集体协商，员工能拿多少保护性赔偿": a protective award, not severance)
    r"|(?:不|没有?|未)(?:做|进行|搞|开展|履行|经过)?(?:集体)?(?:协商|咨询).{0,16}?(?:赔|罚)"
    # ... or whether what was done still stands ("要是没通知就业局，裁员还算数吗": is the layoff still valid?)
    r"|(?:不|没有?)(?:通知|协商|咨询|报告).{0,14}?(?:还算数|还有效|算不算数|有没有效|无效吗|作废)")
# "What is N+1?", "what's a RIF", "what is the worker reskilling fund": a short question that asks what
# a term is (a topic word in it, as in "what is the notice period", says what it asks instead).
_WHAT_IS_TERM = re.compile(r"(?:what is|what s|whats|what are|define|explain)(?: an?| the)?(?: \S+){1,4}$"
                           r"|^什么(?:是|叫)\S{1,10}$|^\S{1,10}(?:是什么|是啥|指什么)$")
# "Can my employer lay me off without consulting the CSE?", "is it legal to fire with no notice": whether
# the duty applies, not what follows from skipping it.
_ASKS_LEAVE = re.compile(r"(?:can|could|may|is it (?:legal|allowed|ok|okay|lawful)|(?:are|is) (?:they|employers?|"
                         r"companies|(?:my|an|the|a) (?:employer|company|boss)) allowed)\b")
# "what's garden leave" (normalised to "what garden leave"), as the asker wrote it.
# Two terms set against each other ("the difference between a furlough and a layoff", "is being optimised the same
# as being laid off", "does redundancy count as getting fired", 裁员和优化有什么区别): what each means is asked.
_TERMS_SET_APART = re.compile(r"\b(?:difference|differences|differ|differs|different|same (?:thing )?as|the same thing|"
                              r"count as|counts as|mean the same|vs|versus)\b|区别|不同|一样吗|一回事|算不算")
_WHATS_WRITTEN = re.compile(r"\s*what['’]s\s+(?:\S+\s*){1,3}\??\s*$", re.IGNORECASE)
# ... and so does one with an indefinite article or "that" ("what's a WARN notice?", "WARN notice - what's
# that?"), even when its words name a law or a topic; no figure or year in it.
_WHAT_IS_A_TERM = re.compile(r"^(?:what|whats)(?: is| s)? an? (?:\S+ ){0,3}\S+$"
                             r"|^(?:\S+ ){0,3}\S+ what(?: is| s)? that$")
_FIGURE = re.compile(r"(?<![a-z])\d")
_UNLAWFUL_DISMISSAL = re.compile(r"\b(?:unfair|unfairly|unlawful|unlawfully|wrongful|wrongfully|unjust|unjustly|"
                                 r"illegal|illegally) (?:dismissal|dismissed|termination|terminated|fired|firing|"
                                 r"sacked|sacking)\b|违法解除|违法解雇|非法解雇|不公平解雇|违法辞退"
                                 # ... or on no ground at all, which Chinese law does not allow ("公司没有任何理由就把我
                                 # 辞退了": dismissed for no reason, 无故辞退)
                                 r"|无故(?:辞退|解雇|开除|解除|炒)|没有?(?:任何)?(?:理由|原因)(?:就)?(?:把我|将我)?"
                                 r"(?:辞退|解雇|开除|炒)")
_WHY_CALLED = re.compile(r"\bwhy\b.*\b(?:called|call (?:it|them|this|that|these|those|layoffs?|job cuts|cuts|firing|"
                         r"being laid off|people))\b|(?:为什么|为何|为啥|点解).*(?:叫做|叫|称为|称作|说成)"
                         # ... or why a word is said instead of another ("why do chinese firms say optimization
                         # instead of layoffs?", 为什么说"优化"不说"裁员"), not what was said ("why did they say...")
                         r"|\bwhy (?:do|does|would)\b.{0,40}?\b(?:say|call|use the (?:word|term))\b"
                         r"(?! (?:that|they|it|he|she|we|the|their|its|so)\b)"
                         r"|(?:为什么|为啥|为何|点解)\S{0,8}?说 ?\S{1,6} ?(?:不说|而不说|不叫|而不是)")
# What was said, asked: a question word before the verb in its clause ("what did staff say", "how did they react",
# "did grab say ...", "employees' reaction?"), not a clause that says it ("Accenture said 19k jobs, what % was that")
_SAID_ASKED = re.compile(r"\b(?:what|which|whose|how|did|does|do|has|have|had|was|were|is|are|who|why|any)\b[^,.;:?!]*"
                         r"\b(?:say|said|says|react|reacted|reaction|reactions|respond|responded)\b"
                         r"|^(?:say|said|react|reaction|reactions)\b|\b(?:reaction|reactions)\b")
# "what did <the company or its chief> say": the name masked, nothing between "did" and "say".
_NAMED_SAID = re.compile(r"\b(?:what|how) (?:did|does|has|have) (?:say|said|explain|react|respond)\b"
                         # ... or whether it said so ("did grab say the 2023 layoffs were about getting profitable")
                         r"|^(?:did|does|has) (?:say|claim|state|blame)\b"
                         r"|\bwhat was (?:the )?(?:official )?(?:statement|explanation)\b")
# What people earn, asked with "make" ("how much does a google engineer make").
_EARNS = re.compile(r"\bhow much (?:do|does|did|would|will|can) (?!they\b|it\b)\S+(?: \S+){0,4} make\b(?! up\b)")
# Who runs or owns a company, or what it belongs to: its profile.

# Who leads it (not who owns it): answered only by a fact that names a leader (bot.matching, lexicon.LEADER_WORDS).
ASKS_LEADER = re.compile(r"\bwho (?:is in charge|runs|leads|founded|heads|is the ceo|is the boss|is ceo)\b"
                         r"|老板是谁|谁是.{0,6}(?:ceo|老板|创始人)|创始人是谁")
# ... or who owns it, or what it belongs to: its profile either way.
_WHO_RUNS = re.compile(ASKS_LEADER.pattern + r"|\bwho owns\b|\b(?:is|was) \S+ (?:part of|owned by|a subsidiary of)\b")
# Whom to tell, in Chinese ("集体裁员要通知谁"): an authority, so notification, not notice (通知).
_NOTIFY_WHOM = re.compile(r"通知谁|通知哪|向谁|告知谁|报告给谁")
# The workers' representatives told of a layoff ("how many days ahead must they notify the union", "提前多少天跟工会或者
# 全体员工说明情况"): consultation with them, not a report to an authority nor notice to each employee
_TELLS_REPRESENTATIVES = re.compile(
    r"\b(?:notify|notifies|notified|notifying|inform|informs|informed|informing|tell|tells|told"
    r"|explain\w*(?: it)? to)"
    r"(?: (?:the|a|its|their|our|my))? (?:trade unions?|unions?|labou?r unions?|works councils?"
    r"|employee representatives?"
    r"|workers?'? representatives?|staff representatives?)\b"
    # ... in the passive ("how many days ahead must the union be notified")
    r"|\b(?:the |a |its |their |our )?(?:trade unions?|unions?|works councils?|employee representatives?)"
    r" (?:\w+ )?(?:be|is|are|was|were|get|gets) (?:notified|informed|told)\b"
    r"|(?:跟|向|和|给|通知|告知)(?:工会|全体员工|全体职工|职工代表|员工代表)")
# "is that the same in korea?", "same for germany?", "那韩国也一样吗": the last question, of another subject.
_SAME_THERE = re.compile(r"\b(?:the )?same (?:(?:question|q|thing) )?(?:in|for|at|about)\b"
                         r"|\bis (?:it|that) (?:the )?same\b|也一样|一样吗|相同吗"
                         # ... or asks whether it differs there ("is california different?", "does nyc differ")
                         r"|\b(?:any )?different\b|\bdiffers?\b|不一样吗|不同吗|有区别吗|有什么不同|有咩唔同"
                         # ... or sets it against there ("how does this compare to France?", "compared with the uk?")
                         r"|\b(?:compare|compares|compared|comparing)(?: it| this| that)? (?:to|with)\b"
                         # ... or supposes the asker there ("what if we were based in california instead?")
                         r"|^what if (?:we|i|it|they|the company) (?:were|was|are|is|had been)"
                         r"(?: (?:based|located|working|headquartered))?\b|\binstead\b"
                         # ... or the same case there ("what about our belfast site, same numbers?")
                         r"|\b(?:the )?same (?:numbers?|figures?|headcount|situation|case|scenario|facts|setup)\b"
                         r"|如果(?:是|在)|换成|要是在")
_THOSE = re.compile(r"\b(?:those|these)\b")  # ("if those 120 were at our belfast site": the ones just asked of)
# "美团呢", "那阿里云呢": a name and the particles of "what about X?", nothing else.
_CJK_CONTINUATION = re.compile(r"(?:那|那么|还有|咁|噉)?呢[?？]?")  # (咁, 噉: Cantonese "then", as 那)
# The asker's belief or hearsay said after the question ("...? i thought they never did", "...? i heard it was
# 10%"), no question of its own.
_ASIDE_AFTER = re.compile(r"[?？]\s*((?:(?:but|and|coz|cuz|because|bc|tho|though|lol)\s+)?(?:i|we)\s+(?:thought|think|"
                          r"heard|read|believe|believed|assumed|assume|guess|remember|was told|were told)\b[^?？]*)$",
                          re.IGNORECASE)
# "what did Atlassian give staff when they cut 500?": a "when" that opens a clause after the question
# began asks no date.
_WHEN_CLAUSE = re.compile(r"(?<=\S) when (?=(?:they|it|he|she|we|i|you|the company)\b)")
# A period asked from an event ("how soon after notifying the authorities can redundancies take effect",
# "how long after reporting before contracts can end"): the event's words (up to four after "after").
_PERIOD_AFTER = re.compile(r"\b(?:how (?:long|soon)|how many (?:days|weeks|months)|when)\b.*?\bafter ((?:\w+ ?){1,4})"
                           # ... or the event told first ("once the authority is notified, how soon can they take
                           # effect")
                           r"|\b(?:once|after) ((?:\w+ ){0,4}?(?:is|are|has been|have been|was|were|gets|got) "
                           r"(?:notified|told|informed|consulted|reported|filed))\b.*?\b(?:how (?:long|soon)|"
                           r"how many (?:days|weeks|months))\b"
                           # ... in the active voice ("once an employer has notified the authority of collective
                           # redundancies, how soon can the dismissals take effect?")
                           r"|\b(?:once|after) ((?:\w+ ){0,3}?(?:has|have|had) (?:notified|told|informed|consulted|"
                           r"reported to|filed with)(?: \w+){0,2})\b.*?\b(?:how (?:long|soon)|"
                           r"how many (?:days|weeks|months))\b")
# Leave for a child or an illness.
_LEAVE = frozenset({"parentalleave", "maternityleave", "sickleave", "产假", "陪产假", "病假"})
# By how much a staff shrank ("how many fewer employees", "员工少了多少", "减少了多少员工"): a cut in all but name.
_HEADCOUNT_DROP = re.compile(r"\b(?:fewer|shrank|shrunk|shrink|dropped|fell|decreased?|declined?|down by|reduced by)\b"
                             r"|少了|减少|减了|下降|缩减|缩水|少咗|减咗")  # (咗: Cantonese 了)
# The period the talk is about, named as such ("the same quarter", "that year", 同一季度, 同期).
_SAME_PERIOD = re.compile(r"\b(?:in |during |for )?(?:the same|that same|that) (?:quarter|period|month|year|time)\b"
                          r"|同一季度|同季度|同一时期|同期|同一年|同年|同月|同一个月|同一时间")
# What is left of "What's the WARN Act?", "what is TULRCA", "explain the kschg" once the law's name is masked.
_WHAT_IS_LAW = re.compile(r"(?:what(?: is| s| are)?|whats|explain|define)(?: the| an?)?")
# When a duty applies at all (its threshold), not when in the layoff it is done ("when does the notice period
# start" is a time): "when does collective consultation kick in", "when is notice required", "when do employers
# have to consult", "什么情况下要通知", "the collective consultation threshold".
_ASKS_THRESHOLD = re.compile(
    r"\bwhen (?:does|do|is|are|would|will)\b.{0,60}?\b(?:kicks? in|apply|applies|triggered|required|needed|necessary"
    r"|mandatory|have to|need to)\b|\bwhen do (?:you|i|we|employers?|companies|firms|businesses) (?:have|need) to\b"
    r"|什么情况下|哪些情况下|何种情况下"
    r"|\bthresholds?\b|\btrigger(?:s|ed)?\b|门槛|触发")  # "collective consultation threshold": the same
_DUTY_TOPICS = frozenset({"consultation", "notification", "notice"})
_STARTS = re.compile(r"\b(?:start|starts|begin|begins|commence|commences)\b|开始")
# How many go, as against how many work there ("28 of us are being cut", "laying off 60", "a 60 person layoff"; not
# "a company with 80 employees")
_NUMBER_GOING = re.compile(
    r"\b\d+ (?:\w+ ){0,3}?(?:are |is |will be |would be |being |to be |get |got |were )(?:cut|laid off|let go|"
    r"made redundant|fired|sacked|axed|going)\b"
    r"|\b(?:cut|cuts|cutting|lay off|lays off|laying off|let go|letting go|make redundant|making redundant|"
    r"layoff of|layoffs of|fire|firing|axe|axing) (?:\w+ ){0,2}?\d+\b"
    r"|\b\d+ (?:person|people|staff|employee|worker|job)s? (?:layoff|layoffs|redundancy|redundancies|cuts?)\b"
    r"|裁\s*\d+|\d+\s*(?:人|名)?被裁")
_HEADCOUNT_GIVEN = re.compile(r"\b\d+ (?:people|persons|staff|employees|workers|redundancies|jobs|roles|positions"
                              r"|of us)\b|\d+\s*(?:人|名)")
# "apply" as what a person does ("how long do I have to apply to the Labor Relations Commission", "apply for
# unemployment"): filing a claim, not whom a law covers ("does the WARN Act apply to a company with 80 staff").
_APPLYING = re.compile(r"\b(?:to|i|we|you|can|could|should|must|where|how) apply\b|\bapply (?:for|online)\b")
# "dismiss 120 for business reasons", "a layoff for economic reasons": the kind of dismissal, not a question
# about why ("why" itself still asks it).
_FOR_REASONS = re.compile(r"\b(?:for|on) (?:\w+ ){1,2}(?:reasons?|grounds)\b")
# What those let go were given ("what did X give/offer/pay laid-off staff", "what did the ppl get", "how much did
# they get"): their severance terms.
# How the people laid off learnt of it ("how did ppl find out", "how did employees hear about the layoffs", "员工是
# 怎么知道的"): how they were told.
# How those cut took it ("how did the people affected take it?", "how did staff take the news"): their reaction,
# which the accounts of the layoff tell
_TOOK_IT = re.compile(r"\bhow (?:did|do|are|were|was|is) (?:\S+ ){1,7}?(?:take|taking|took|cope|coping) "
                      r"(?:with )?(?:it|this|that|the news|the layoffs?|the cuts|being (?:laid off|cut|let go))\b")
_LEARNT_OF = re.compile(r"\bhow (?:quickly |soon |fast |early )?(?:did|do|were|was) (?:\w+ ){0,5}?"
                        r"(?:find out|found out|learn|learnt|learned|hear|"
                        r"heard|get told|get the news|get notified)\b|怎么知道|如何得知|怎么得知"
                        # ... or how the company told them ("how did ebay tell people", "the ceo break the news")
                        r"|\bhow (?:did|does|do|was|were) (?:\S+ ){0,3}(?:tell|told|inform|informed|notify|notified|"
                        r"break the news|broke the news|communicate|communicated)\b"
                        # ... or what they were told ("what exactly did he tell them", "what did he say on the call")
                        r"|\bwhat (?:exactly |actually )?(?:did|does|do) (?:\S+ ){1,3}(?:tell (?:them|staff|employees|"
                        r"workers|people|everyone|the staff)|say (?:to (?:them|staff|employees|everyone)|on the call|"
                        r"in the (?:call|meeting|video|email|memo)))\b")
# Why (or who) some learnt of a layoff first or later ("why did staff outside the US find out later", "who found out
# first", "为什么海外员工晚知道"): a question about how they were told, not about the reasons for the layoff.
_WHY_LEARNT = re.compile(r"\b(?:why|who) (?:did|do|were|was) (?:\S+ ){0,6}?(?:find out|found out|learn|learnt|learned|"
                         r"hear|heard|get told|get the news|get notified|know|knew|told|informed|notified)\b"
                         r"|\bwho (?:found out|learnt|learned|heard|was told|were told|knew)\b"
                         r"|为什么\S{0,12}(?:才知道|晚知道|更晚知道|晚得知|才得知|晚收到|才收到)")


def asks_how_told(normalized: str, topic: str | None = None) -> bool:
    """Whether a (normalised) question asks how people learnt of a layoff ("how did ppl find out", "why did staff
    outside the US hear later"): how they were told. With `topic` "layoff-reason" (a "why"), only the second form."""
    return bool((topic != "layoff-reason" and _LEARNT_OF.search(normalized)) or _WHY_LEARNT.search(normalized))


# How a company made its cuts ("better.com how did they do the layoffs", "how were the meta cuts handled", "是怎么裁的")
_CUTS = r"(?:layof\w*|lay offs|cuts|job cuts|round|firings|redundancies)"
_CARRIED_OUT = re.compile(
    rf"\bhow (?:did|do|does) (?:\S+ ){{0,3}}?(?:do|carry out|handle|conduct|go about|execute|run|manage|implement) "
    rf"(?:\S+ ){{0,2}}?{_CUTS}\b"
    rf"|\bhow (?:were|was|are|is) (?:\S+ ){{0,3}}?{_CUTS} (?:done|carried out|handled|conducted|executed|run|managed|"
    r"implemented)\b|是怎么裁的|怎么裁的|如何裁的")
_TELL = re.compile(r"(?:通知|告知|知会|通报|报告)\s*([a-z][a-z.&]*|[\u4e00-\u9fff]{2,6})")


def _tells_an_authority(index: FactIndex, normalized: str, entity_ids: list[str]) -> bool:
    """Whether a Chinese question tells (通知, 告知) an authority: a name a jurisdiction's alias stands for that is no
    place (人力部, Singapore's Ministry of Manpower), or a word its notification rules are asked with ("新加坡裁員要唔要
    通知MOM": MOM, in "do they have to tell MOM?"); a notification, not notice to staff."""
    told_of = [match.group(1) for match in _TELL.finditer(normalized)]
    if not told_of:
        return False
    countries, _ = _english_place_names()
    chinese_places = set(_chinese_place_names())
    notifying = set().union(*(index.doc_tokens[d] for e in entity_ids for d in index.by_entity.get(e, ())
                              if index.documents[d].topic == "notification"))
    for told in told_of:
        if told.isascii() and _stem(told) in notifying and told not in lexicon.STOPWORDS:
            return True
        names = [told] if told.isascii() else [a for a in index.cjk_aliases if told.startswith(a)]
        for name in names:
            if (any(index.entities[e].kind == "jurisdiction" for e in index.aliases.get(name, ()))
                    and name not in countries and name not in chinese_places and index.units.get(name) != ()):
                return True
    return False


# A figure given ("what range of job cuts did they give?", "what number did they give"): what was said, not paid
_FIGURE_GIVEN = re.compile(r"\bwhat (?:range|figure|figures|number|numbers|estimate|estimates|total|date|dates|"
                           r"timeline|timeframe|time frame|percentage|share)\b")
_GIVEN = re.compile(r"\b(?:give|gave|given|giving|offer|offered|offering|pay|paid|paying|provide|provided)\b"
                    r"|\b(?:what|how much) (?:did|do|does|will|would|can|could|should)\b"
                    r".*\b(?:get|got|receive|received)\b"
                    # "how much statutory redundancy do I get": a payment asked by what one gets of it
                    r"|\bhow much\b.*\b(?:do|does|will|would|can|should|did) (?:i|we|you|they|he|she|my \w+) "
                    r"(?:get|receive|got|be paid|be owed)\b"
                    # ... or whether they got any ("did they get any support or money")
                    r"|\b(?:did|do|does|will|would) (?:they|we|i|you|staff|employees|workers|people|ppl) "
                    r"(?:get|receive) (?:any |some |a )?(?:support|money|severance|compensation|package|payout|pay|"
                    r"help|benefits?)\b"
                    r"|(?:拿到|得到|领到|获得)(?:了)?(?:什么|多少|啥)")
# So is a conditional that ends in the negation, its duty left to the conversation ("and if they don't?",
# "what if the employer skips it?", "what if they don't send it?").
_ELLIPTICAL_NEGATION = re.compile(r"\bif\b(?: \w+){0,3} (?:not|never|skips?|skipped|ignores?|ignored|fails?|failed|"
                                  r"refuses?|refused)(?: \w+)?(?: (?:it|that|this|one))?$"
                                  # ... or never does what it names ("what if a German employer never files the
                                  # Massenentlassungsanzeige": the duty's name masked, the verb left)
                                  r"|\bif\b(?: \w+){0,3} never (?:files?|filed|sends?|sent|gives?|gave|notif\w+|"
                                  r"consults?|consulted|reports?|reported|pays?|paid|tells?|told)"
                                  r"(?: (?:the|a|an|it|that|this|one|them))?$"
                                  # ... or does it badly ("what if the consultation was flawed")
                                  r"|\bif\b(?: \w+){0,3} (?:is|was|were|gets?|got) (?:botched|bungled|messed up|"
                                  r"defective|flawed|faulty|incorrect|incomplete|improper|wrong|invalid)$"
                                  # ... or done badly ("if we cut corners on the consultation")
                                  r"|\bif\b(?: \w+){0,3} (?:cut|cuts|cutting) corners(?: on| with)?"
                                  r"(?: (?:the|our|their|its|any))?(?: \w+)?"
                                  # ... or done wrong ("what's the risk if we get consultation wrong")
                                  r"|\bif\b(?: \w+){0,3} (?:get|gets|got|do|does|did|handle|handles|handled)"
                                  r" (?:\w+ ){0,3}wrong\b"
                                  r"|\bif\b(?: \w+){0,3} (?:mess|messes|messed|screw|screws|screwed) (?:\w+ ){0,3}up\b"
                                  r"|^(?:如果|要是|假如|那)?(?:公司|雇主|老板|他们|企业)?(?:要是|如果|假如)?(?:不|没有|没|未)"
                                  r"(?:通知|申报|报告|协商|给|付|支付|发"
                                  # ... or not by the rules ("公司要是不按规矩来呢", 不照做, 不遵守)
                                  r"|按(?:规矩|规定|法律|法规|程序|流程)(?:来|办)?|照做|照办|遵守|守规矩)?"
                                  r"(?:的话)?呢?$")  # "如果公司不通知呢？"
# What follows from it, asked as such ("what happens if", "what would happen if", "what'll happen if").
_WHAT_FOLLOWS = re.compile(r"\bwhat(?: will| would| ll| d)? (?:happens?|happened)\b")
# A contract (or a letter, a policy) that says nothing of it: what the law then gives, not what follows from a duty
# unmet ("notice period if my contract doesn't say", "what if the contract does not mention severance").
_SAYS_NOTHING = re.compile(r"\bnot (?:say|says|specify|specifies|mention|mentions|state|states|stipulate|cover|covers"
                           r"|set out|include|list)\b|\b(?:is|are) silent\b|\bsays? nothing\b"
                           # ... or has none of it ("no notice period in my singapore contract")
                           r"|\bno (?:\w+ ){1,3}(?:in|on) (?:my|our|the|his|her|their) (?:\w+ ){0,2}"
                           r"(?:contract|agreement|offer letter|employment letter)\b"
                           r"|(?:合同|协议)(?:里|中|上)?(?:没有|没|未)(?:写|规定|约定|说明|提到)")
# "did the ceo take a pay cut?", "how much did the company pay?": a definite description of someone the
# conversation is about, like a pronoun.
_DEFINITE_REFERENCE = re.compile(
    r"\b(?:the|that|this) (?:ceo|chief executive|founder|founders|boss|company|firm|business|management|"
    r"executives?|staff|employees|workers|layoffs?|cuts?|round)\b|该公司|这家公司|他们的"
    # ... a round of it by its time ("the march 2024 round - how were ppl told", "the 2023 layoffs")
    r"|\b(?:the|that|this) (?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]* )?(?:(?:19|20)\d\d )?"
    r"(?:round|layoffs?|cuts|job cuts|wave)\b")


# (and the words that take each of several just talked about: "what reasons did each give?", "did both cut again?")
_PRONOUNS = frozenset({"they", "them", "their", "it", "its", "he", "she", "each", "both"})


# What a follow-up that puts the last question to another place says beside its words ("what about if the site was
# in Northern Ireland instead?").
_INSTEAD = frozenset({"instead", "rather", "otherwise", "alternatively"})


def restates(content: tuple[str, ...] | list[str], conversation: Conversation) -> bool:
    """Whether a follow-up's content words all come from the last question (or say "instead"): with a new subject,
    "what about if the site was in Northern Ireland instead?" after a question about a site in Leeds puts the same
    question to Northern Ireland. False when it has no content of its own (`continues` reads those) or only a layoff."""
    return bool(conversation.content) and all(w in conversation.content or w in _INSTEAD for w in content) and any(
        w not in _INSTEAD and w not in {"layoff", "staff"} for w in content)  # (a word of the question, not "layoffs":
    # "what are the layoff rules in berlin?" after a company's layoffs asks about Berlin's law)


def refers_back(normalized: str) -> bool:
    """Whether the question points at what was just talked about with a pronoun ("was my uncle one of
    them", "why did they cut")."""
    return any(w in _PRONOUNS for w in normalized.split())


def unit_words_named(index: FactIndex, parsed: Parsed) -> frozenset[str]:
    """The hint words of the question that name a part of one of its companies, as the fact base lists
    them (`FactIndex.unit_words`: "aws", "cloud" of "Alibaba Cloud" or 阿里云); an empty set when none does."""
    return _hints_in(index, parsed, index.unit_words)


def term_words_named(index: FactIndex, parsed: Parsed) -> frozenset[str]:
    """The hint words of the question that name a term of one of its jurisdictions' law, as the fact base
    lists them (`FactIndex.term_words`: "long", "servic", "payment" of 长期服务金); empty when none does."""
    return _hints_in(index, parsed, index.term_words)


def _hints_in(index: FactIndex, parsed: Parsed, words_of: dict[str, frozenset[str]]) -> frozenset[str]:
    named: set[str] = set()
    for entity_id in parsed.entity_ids:
        if entity_id in words_of and parsed.hints:
            named |= set(parsed.hints) & words_of[entity_id]
    return frozenset(named)


# The words of a question that asks about a company's layoff rounds and nothing more ("Nissan job cuts 2024").
# Words that say no more than "its layoffs": the layoff, its staff, a round, and how big one was called ("any major
# round at Google", "massive layoffs at intel?"; stems).
ROUND_ONLY_WORDS = frozenset({"layoff", "staff", "round", "big", "major", "larg", "huge", "massiv", "significant"})


def only_layoff_topic(topic: str | None, entity_ids: tuple[str, ...] | list[str],
                      content: tuple[str, ...]) -> str | None:
    """`topic`, or "layoff-size" for a company question that asks only about its layoffs ("Did Airbnb
    sack anyone?", "amazon layoffs", "unity 600 layoffs": a figure picks the round; "tesla layoffs, all rounds":
    a round is a layoff's)."""
    if (topic is None and entity_ids and {w for w in content if not w.isdigit()} <= ROUND_ONLY_WORDS
            and "layoff" in content):
        return "layoff-size"
    return topic


# What opens a turn without saying anything ("ok then what about Intel?", "so, and Amazon?"), and a
# year, which is a filter, not a subject ("what about Intel in 2024?" is as short as "and Intel?").
_DISCOURSE_OPENER = re.compile(
    r"^(?:(?:ok|okay|so|well|alright|right|hmm+|then|great|cool|thanks|got it|i see)\b,? ?)+")


def follow_up_words(normalized: str) -> list[str]:
    """The question's words as a follow-up's shape is judged: openers and years dropped."""
    return [w for w in _DISCOURSE_OPENER.sub("", normalized).split() if not _YEAR.fullmatch(w)
            and w not in {"in", "for"}] or normalized.split()


def unknown_names(index: FactIndex, question: str) -> tuple[str, ...]:
    """Capitalised words of the question that the base's facts never use ("Pinduoduo", "Kaiser
    Permanente"): likely names of something the base does not know."""
    return tuple(
        m.group(1) for m in re.finditer(r"(?<![\w.])([A-Z][a-z]{3,})\b", question)
        if _stem(m.group(1).lower()) not in index.asked_words
        # (an everyday word capitalised as it opens the question, or a sentence of it: "... a 200-person layoff.
        # What am I entitled to?")
        and (not _SENTENCE_START.search(question[:m.start()]) or m.group(1).lower() not in _ORDINARY_WORDS)
    )


_SENTENCE_START = re.compile(r"(?:^|[.!?;:]\s+)\W*$")


def unknown_employer_names(index: FactIndex, question: str) -> tuple[str, ...]:
    """`unknown_names` but a state's or province's, or a city's the base knows ("did Zorblax file a WARN notice in
    Ohio?" names Zorblax; "do I get WARN notice if my plant in Ohio closes?", no employer)."""
    normalized = normalize(question)
    _, pattern = regions_without_rules()
    words = {w for found in pattern.finditer(normalized) for w in found.group(0).split()}
    # ... nor a city the base knows as a place of a law ("Our company in Austin, Texas is laying off 150"; US law's)
    words |= {w for place in index.place_names(normalized) for w in place.split()}
    return tuple(name for name in unknown_names(index, question) if name.lower() not in words)


# "苹果公司裁员", "华为集团", "拼多多裁员": a name that opens the question before 公司/集团 ("company",
# "group") or a layoff verb. It is no known entity's alias (those are masked first) unless it is a generic
# word for a kind of company, a pronoun, an opening word or a time ("我们公司", "外资公司", "如果公司…",
# "今年裁员"): those ask about any employer.
# A time may stand between the name and the verb ("华为2024年裁员多少人", normalised "华为 2024 年裁员").
_CHINESE_COMPANY = re.compile(
    r"^([\u4e00-\u9fff]{2,4}?)\s*(?:\d{2,4}\s*年\s*(?:\d{1,2}\s*月\s*)?|(?:今年|去年|前年|最近|近期)\s*)?"
    # (asked whether it did: "华为2023年有没有裁员", "华为是否裁员", "华为也裁员了吗")
    r"(?:有没有|有冇|是不是|是否|会不会|也|又|还|都|要|会|正在|在)?"
    r"(?:公司|集团|裁员|裁了|裁人|大裁员)")
_CJK_TOPIC_WORDS = tuple(w for w in (*lexicon.TOPIC_CUES, *lexicon.SYNONYMS) if len(w) >= 2 and has_cjk(w))
_GENERIC_COMPANY_WORDS = frozenset(
    "我们 我 我的 我司 你们 你的 他们 她的 这家 那家 一家 这个 那个 本 该 某 某家 某个 各 各家 多家 很多 许多 哪些 "
    "哪家 外资 外企 国企 央企 私企 民企 民营 国有 上市 跨国 互联网 科技 初创 创业 大型 小型 中小 中型 大 小 "
    "如果 要是 假如 万一 若是 请问 那么 但是 所以 因为 如今 现在 最近 近期 今年 去年 明年 前年 最新 目前 当前 近年 "
    "近来 之后 之前 以后 以前 后来 然后 接着 另外 还有 其他 其它 别的 到底 究竟 一共 总共 全球 全国 各地 大厂 "
    "企业 单位 用人单位 雇主 资方 老板 员工 公司 国内 境内 本地 当地 内地 大陆 "  # ... or a place's: "国内公司" (here)
    "列出 列一下 告诉 查询 查一下 帮我 给我 说说 介绍 统计 盘点".split()  # a request to the bot ("列出2023年裁员…")
)  # ... or a question's opening word, a time or a word that leans on the talk
_GENERIC_COMPANY_PREFIXES = tuple(w for w in _GENERIC_COMPANY_WORDS if len(w) >= 2)  # "最新裁员", "今年公司"
# A verb or coverb whose object is the company that follows ("要告公司", "怎样起诉公司", "能让公司给N+1吗",
# "想离职公司给补偿吗": sue, make, leave the company; "广告公司": an advertising company): no name before 公司.
_ACTS_ON_THE_COMPANY = re.compile(r"(?:告|起诉|投诉|找|跟|向|对|给|让|叫|帮|替|求|问|离开|离职|加入|进|回|去)$")


_ORDINAL_ROUND = re.compile(r"(?:第[一二三四五六七八九十两\d]+|头一|上一|下一|最后一|最近一|前一|后一)(?:轮|次|波|批)")


def unknown_chinese_company(index: FactIndex, normalized: str) -> tuple[str, ...]:
    """The name of a company the question opens with in Chinese and the base does not know
    (`_CHINESE_COMPANY`); () when there is none. `normalized`: from text.normalize, entities not yet masked.
    Not a word the base knows or one of its terms ("经济性裁员": China's term for a mass layoff)."""
    found = _CHINESE_COMPANY.match(normalized)
    if not found:
        return ()
    name = found.group(1)
    # A passive, an aspect particle or a time adverb makes a verb phrase, no name ("被裁了公司给多少补偿":
    # "laid off, how much does the company pay"; "刚被裁了": "just laid off").
    # A place is no company ("日本2023年裁员多少人": a view of that country's rounds), nor is a name that opens
    # with a generic or time word ("最新裁员", "今年公司").
    # Nor "X的" before 公司 ("深圳的公司裁员…": companies in Shenzhen, any employer there).
    # Nor two things joined or equated ("优化跟裁员有什么区别", "优化是裁员吗": optimisation with, is, layoffs).
    if (name in _GENERIC_COMPANY_WORDS or name[0] in "我你他她这那该本某"
            or any(c in name for c in "被了刚又已还是跟与及") or "和" in name[1:]
            # nor one that opens with a word of what is asked ("怀孕期间公司能裁我吗": pregnant, during)
            or any(name.startswith(w) for w in _CJK_TOPIC_WORDS)
            or name.endswith("的") or _ACTS_ON_THE_COMPANY.search(name)
            or name.startswith(_GENERIC_COMPANY_PREFIXES)
            # nor an ordinal round ("第二轮又裁了多少人？": the second round, of the company talked about)
            or _ORDINAL_ROUND.match(name)
            or name in _chinese_place_names()
            or name in index.idf
            or any(normalized.startswith(w) and len(w) > len(name) for w in index.cjk_words)):
        return ()
    return (name,)


def recognise(index: FactIndex, normalized: str, question: str) -> tuple[str, str, list[str], list[str]]:
    """Entity recognition with the slips of typing corrected: (the normalised question with a name's slip
    written right, the same with names masked, entity ids, hint words), as `FactIndex.mask_entities` returns
    the last three. The engine and the views (bot.views) recognise names alike."""
    masked, entity_ids, hints = index.mask_entities(normalized, question)
    slip = _name_with_a_slip(index, masked, short=not entity_ids)
    if slip:
        # "amazno layoffs 2023", "tesal layoffs": a short name with one letter slipped or two swapped, which the
        # alias lookup's ratio fails (a swap is two of its edits: "amazno" is 83 to "amazon")
        normalized = re.sub(rf"\b{re.escape(slip[0])}\b", slip[1], normalized, count=1)
        masked, entity_ids, hints = index.mask_entities(normalized, question)
    if has_cjk(normalized):
        # "腾迅2022年裁员多少人", "阿里巴吧裁员了吗": a Chinese company name written with a character that sounds the
        # same (腾讯, 阿里巴巴), the commonest slip of Chinese input methods, is read as the name it sounds like
        heard = _homophones_corrected(index, normalized, masked, entity_ids)
        if heard != normalized:
            normalized = heard
            masked, entity_ids, hints = index.mask_entities(normalized, question)
    if any(index.entities[e].kind == "company" for e in entity_ids):
        masked, entity_ids = _city_beside_a_company(index, normalized, masked, entity_ids)
    return normalized, masked, entity_ids, hints


def _city_beside_a_company(index: FactIndex, normalized: str, masked: str,
                           entity_ids: list[str]) -> tuple[str, list[str]]:
    """A city named beside a company says where its staff are ("tiktok london layoffs", "京东北京裁员人数"), not that
    its law is asked: the city's words stay words of the question (the company's facts that speak of it answer),
    and its jurisdiction is no entity of it, unless named otherwise ("tiktok london uk layoffs")."""
    cities = index.city_names(normalized)
    if not cities:
        return masked, entity_ids
    others = {e for alias in index.names_in(normalized) if alias not in cities for e in index.aliases[alias]}
    dropped = {e for name in cities for e in index.aliases[name]} - others
    return f"{masked} {' '.join(cities)}", [e for e in entity_ids if e not in dropped]


def _name_with_a_slip(index: FactIndex, masked: str, *, short: bool = False) -> tuple[str, str] | None:
    """(word as typed, alias) for the first word of `masked` (a question with its names masked) that is no word the
    base or English uses, of 5 to 7 letters (`SHORT_WORD_EDITS`, as spelling correction bounds a short word), one
    OSA edit from a one-word alias; with `short` (the question names no entity), a four-letter alias too ("metta":
    Meta); None when there is none."""
    longest, edits = SHORT_WORD_EDITS
    for word in masked.split():
        if (5 <= len(word) <= longest and word.isascii() and word.isalpha() and word not in index.known_words
                and word not in lexicon.STOPWORDS and not english_word(word)):
            hit = index.alias_choices.within_edits(word, edits) or (
                _four_letter_aliases(index).within_edits(word, edits) if short and len(word) == 5 else None)
            if hit and " " not in hit[0] and hit[0] not in STRICT_WORD_ALIASES:
                return word, hit[0]
    return None


def _four_letter_aliases(index: FactIndex) -> FuzzyLookup:
    """The index's four-letter aliases of letters alone, looked up by `FuzzyLookup` (the alias lookup's own holds
    five letters or more); made on first use and kept with the index."""
    found = index.__dict__.get("_four_letter_aliases")
    if found is None:
        found = index.__dict__["_four_letter_aliases"] = FuzzyLookup(
            [a for a in index.aliases if len(a) == 4 and a.isascii() and a.isalpha()])
    return found


def _homophones_corrected(index: FactIndex, normalized: str, masked: str, entity_ids: list[str]) -> str:
    """`normalized` with a Chinese company name written with homophones replaced by the alias it sounds like:
    the unknown name a question opens with (`unknown_chinese_company`, two characters or more: 腾迅 -> 腾讯), or,
    when words of the question are unknown ("阿里巴吧": 阿里 is an alias, 巴吧 no word), any stretch of three
    characters or more that sounds like one alias of one entity; an unknown two-character word that sounds like one
    word of the lexicon (补尝 -> 补偿) likewise. Unchanged when nothing is unknown."""
    if not entity_ids:
        for name in unknown_chinese_company(index, normalized):
            meant = homophone_alias(index, name)
            if meant:
                return normalized.replace(name, meant, 1)
    unknown = [w for w in index.content_words(masked) if has_cjk(w) and w not in index.idf]
    if not unknown:
        return normalized
    words = _lexicon_words_by_sound()
    # (a pair read out of a longer unknown stretch, "时之" of "几时之前向老细", is no word typed: it overlaps the next)
    pieces = {w for w in unknown if len(w) == 2 and any(u != w and len(u) == 2 and (u[0] == w[1] or u[1] == w[0])
                                                        for u in unknown)}
    for word in unknown:
        # ... and a two-character word of the lexicon ("补尝给了多少": 补偿, compensation), written as an unknown word
        found = words.get(" ".join(_syllables(word)), ()) if len(word) == 2 and word not in pieces else ()
        if len(found) == 1:
            return normalized.replace(word, found[0], 1)
    # ... or a longer word of the lexicon, within a stretch no known word covers ("经济补尝金有没有上限": 补尝 lies
    # among unknown pairs, 济补 尝金; "经济性裁元": 经济性裁员)
    # (the characters it differs in are of the unknown words: a known word is no slip)
    longer, strange = _lexicon_words_by_sound(3), set("".join(unknown))
    for written, sound in _stretches(normalized, _LONGEST_CJK_WORD):
        found = longer.get(sound, ())
        if len(found) == 1 and found[0] != written and all(
                a == b or a in strange for a, b in zip(written, found[0], strict=True)):
            return normalized.replace(written, found[0], 1)
    by_sound = _pinyin_aliases(tuple(index.cjk_aliases))
    for written, sound in _stretches(normalized, max((len(a) for a in index.cjk_aliases), default=0)):
        found = by_sound.get(sound, ())
        if written not in index.aliases and len({e for a in found for e in index.aliases[a]}) == 1:
            return normalized.replace(written, found[0], 1)
    return normalized


def _stretches(normalized: str, longest: int):
    """(stretch, its toneless pinyin) for each stretch of three Chinese characters or more, up to `longest`, of each
    run of Chinese in `normalized`: the longest first, then left to right."""
    for run in _CJK_RUN.findall(normalized):
        sounds = _syllables(run)
        for length in range(min(longest, len(run)), 2, -1):
            for start in range(len(run) - length + 1):
                yield run[start:start + length], " ".join(sounds[start:start + length])


def homophone_alias(index: FactIndex, name: str) -> str | None:
    """The base's Chinese alias that `name` sounds exactly like, toneless (pypinyin: 腾迅 -> teng xun -> 腾讯), when
    exactly one entity has such an alias; else None. pypinyin (its dictionaries load in about 0.1 s) is imported
    only for a question with a name or word the base does not know."""
    found = _pinyin_aliases(tuple(index.cjk_aliases)).get(" ".join(_syllables(name)), ())
    return found[0] if len({e for alias in found for e in index.aliases[alias]}) == 1 else None


_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")


def _syllables(text: str) -> list[str]:
    """Each character's toneless pinyin, read alone (its commonest reading), so that a stretch of a question
    and an alias read the same wherever they stand. Characters alone need none of pypinyin's phrase readings:
    without them (PYPINYIN_NO_PHRASES, PYPINYIN_NO_DICT_COPY, as its FAQ says to save memory) it takes about
    12 MB instead of 57."""
    os.environ.setdefault("PYPINYIN_NO_PHRASES", "1")
    os.environ.setdefault("PYPINYIN_NO_DICT_COPY", "1")
    from pypinyin import lazy_pinyin

    return [lazy_pinyin(c)[0] for c in text]


@lru_cache(maxsize=2)
def _lexicon_words_by_sound(length: int = 2) -> dict[str, tuple[str, ...]]:
    """`_pinyin_aliases` of the lexicon's Chinese words (bot.lexicon.CJK_WORDS) of two characters, or of
    `length` characters and more, made once."""
    return _pinyin_aliases(tuple(sorted(w for w in lexicon.CJK_WORDS if (len(w) == 2 if length == 2
                                                                          else len(w) >= length))))


_LONGEST_CJK_WORD = max(map(len, lexicon.CJK_WORDS), default=0)


@lru_cache(maxsize=4)
def _pinyin_aliases(aliases: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Toneless pinyin (`_syllables`, space-separated) -> the Chinese aliases (two characters or more, all
    Chinese) that read so."""
    by_sound: dict[str, tuple[str, ...]] = {}
    for alias in aliases:
        if len(alias) >= 2 and _CJK_RUN.fullmatch(alias):
            key = " ".join(_syllables(alias))
            by_sound[key] = (*by_sound.get(key, ()), alias)
    return by_sound


# "Not Meta but Microsoft", "other than Amazon", "除了亚马逊": the entity after these is not the subject.
_NEGATION = re.compile(
    r"(?:\b(?:not|except|excluding|rather than|instead of|other than|apart from|besides)\b|不是|除了)"
    r"\s*((?:\S+\s*){1,3})")


@lru_cache(maxsize=1)
def _chinese_place_names() -> tuple[str, ...]:
    """Every country and territory's name in simplified Chinese (Unicode CLDR, through Babel), longest
    first. Read on first use: only a Chinese question that names no known place needs it."""
    from babel import Locale

    names = set(Locale.parse("zh_Hans").territories.values()) | set(_CHINESE_SHORT_PLACE_NAMES)
    return tuple(sorted(names, key=len, reverse=True))


# Countries' short names in everyday Chinese (简称), which CLDR does not list: 印尼 for 印度尼西亚 (Indonesia), 大马 for
# 马来西亚 (Malaysia), 沙特 for 沙特阿拉伯 (Saudi Arabia), 阿联酋 for 阿拉伯联合酋长国 (the United Arab Emirates).
_CHINESE_SHORT_PLACE_NAMES = ("印尼", "大马", "沙特", "阿联酋")


@lru_cache(maxsize=1)
def _english_place_names() -> tuple[dict[str, str], re.Pattern]:
    """Every country and territory's English name (Unicode CLDR, through Babel), normalised -> as
    written, and one pattern finding them as whole words (longest first). Read on first use: only a
    rule question that names no known place needs it."""
    from babel import Locale

    names = {normalize(name): name for name in Locale.parse("en").territories.values()}
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return names, re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def unknown_place(index: FactIndex, normalized: str) -> str | None:
    """A country or territory a question names that the base has no rules or aliases for ("mexico
    severance law", "philippines retrenchment pay"), as CLDR writes it; None when there is none."""
    names, pattern = _english_place_names()
    found = next((names[m.group(0)] for m in pattern.finditer(normalized) if m.group(0) not in index.aliases), None)
    return found or _country_of_a_city_abroad(index, normalized, chinese=False)


@lru_cache(maxsize=1)
def _cities_abroad() -> tuple[dict[str, str], re.Pattern, tuple[str, ...]]:
    """`retrieval.cities_abroad`, its English names in one pattern of whole words (longest first), and its Chinese
    names, longest first."""
    cities = cities_abroad()
    english = sorted((n for n in cities if not has_cjk(n)), key=len, reverse=True)
    pattern = re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, english))})(?!\w)")
    return cities, pattern, tuple(sorted((n for n in cities if has_cjk(n)), key=len, reverse=True))


def _country_of_a_city_abroad(index: FactIndex, normalized: str, chinese: bool) -> str | None:
    """The country (as CLDR writes it, in English or Chinese) of a large city abroad the question names ("kuala
    lumpur", 吉隆坡: Malaysia, 马来西亚), unless the name is an alias the base knows; else None."""
    cities, pattern, chinese_names = _cities_abroad()
    if chinese:
        city = next((n for n in chinese_names if n in normalized and n not in index.aliases), None)
    else:
        city = next((m.group(0) for m in pattern.finditer(normalized) if m.group(0) not in index.aliases), None)
    if city is None:
        return None
    from babel import Locale

    return Locale.parse("zh_Hans" if chinese else "en").territories.get(cities[city])


# "does Texas have its own version?", "any state law in Ohio": the region's own law is asked, not its country's
_OWN_LAW = re.compile(r"\b(?:own|state|provincial|province)\b")


def region_named(index: FactIndex, normalized: str) -> tuple[str, str, bool, set[str]] | None:
    """(name as written, its country's jurisdiction, whether the base lacks the law that applies there, the
    entities the rest of the question names) of a state or province without rules of its own in the base that a
    question names; None when there is none (`retrieval.regions_without_rules`). The law that applies is the
    region's own where its country's does not govern it ("group termination notice in British Columbia": BC's
    Employment Standards Act, not the Canada Labour Code; "british" and "columbia" name no other place there), or
    where its own law is asked ("does Texas have its own WARN law?"); else its country's ("WARN notice in Ohio")."""
    names, pattern = regions_without_rules()
    found = next((m for m in pattern.finditer(normalized) if m.group(0) not in index.aliases), None)
    if found is None:
        return None
    rest = f"{normalized[:found.start()]} {normalized[found.end():]}"
    written, country, unheld = names[found.group(0)]
    return (written, country, unheld or bool(_OWN_LAW.search(normalized)),
            {e for alias in index.names_in(rest) for e in index.aliases[alias]})


def unknown_chinese_place(index: FactIndex, normalized: str) -> str | None:
    """A country or territory a Chinese question names that the base has no rules or aliases for
    ("台湾资遣费怎么算" names Taiwan): Chinese has no capitals to tell a name by."""
    for name in _chinese_place_names():
        if name in normalized and name not in index.aliases:
            return name
    return _country_of_a_city_abroad(index, normalized, chinese=True)


# "coinbase jan 2023 layoffs severance for us staff": a place naming which of the company's staff, not
# its law; unless the question asks what the law requires ("must amazon pay its us staff severance").
_STAFF_OF = re.compile(r"\b([a-z][a-z.]*) (?:staff|workers|employees|employee|team|teams|offices?)\b")
# Where a company's cuts are: "job cuts in germany", "layoffs in the uk", "jobs in india" (and the place after it).
_CUTS_IN = r"\b(?:layoffs?|lay offs|job cuts|cuts|redundancies|jobs|roles|rounds?|plants?|sites?) in (?:the )?"
_ASKS_THE_LAW = re.compile(r"\b(?:law|laws|legal|legally|required|require|requires|entitled|obliged|must|"
                           r"have to|has to|allowed)\b")


def governed_there(index: FactIndex, normalized: str, entity_ids: list[str]) -> list[str]:
    """`entity_ids` with each jurisdiction replaced by the one whose law governs a sector the (normalised) question
    names there: "a bank in Toronto" is under the Canada Labour Code, not Ontario's Act (the place's
    `governed_elsewhere`, curated from its coverage rules)."""
    def names(sector: str) -> bool:
        """Whether the question puts the workplace in `sector`; not when it denies it ("not a bank", 不是银行)."""
        word = re.escape(sector)
        if has_cjk(sector):
            return bool(re.search(rf"(?<!不是)(?<!并非){word}", normalized))
        return bool(re.search(rf"(?<![\w-]){word}(?![\w-])", normalized)) and not re.search(
            rf"\b(?:not|isn t|isnt|aren t|never|no) (?:an? |the )?(?:\w+ )?{word}(?![\w-])", normalized)

    replaced = [next((other for other, sectors in index.entities[e].governed_elsewhere if any(map(names, sectors))), e)
                for e in entity_ids]
    return list(dict.fromkeys(replaced))


def _drop_staff_places(index: FactIndex, normalized: str, entity_ids: list[str], topic: str | None = None) -> list[str]:
    """Entities without a jurisdiction named only as where a named company's staff are ("its german staff"), or,
    when no rule's topic is asked, where its cuts are ("Volkswagen job cuts in Germany: what's the plan?")."""
    if not any(index.entities[e].kind == "company" for e in entity_ids) or _ASKS_THE_LAW.search(normalized):
        return entity_ids
    places = {e for found in _STAFF_OF.finditer(normalized) for e in index.aliases.get(found.group(1), ())
              if index.entities[e].kind == "jurisdiction"}
    if topic not in _RULE_TOPICS:
        places |= {e for a in index.names_in(normalized) if re.search(rf"{_CUTS_IN}{re.escape(a)}\b", normalized)
                   for e in index.aliases[a] if index.entities[e].kind == "jurisdiction"}
    if has_cjk(normalized) and not _ASKS_THE_LAW_ZH.search(normalized):
        # "微软中国裁员给了N+几": a company's name and a place written as one (Microsoft China, 亚马逊印度) name its
        # business there, not the place's law
        companies = [a for a in index.cjk_aliases if a in normalized
                     and any(index.entities[e].kind == "company" for e in index.aliases[a])]
        places |= {e for a in index.cjk_aliases for c in companies if c + a in normalized
                   for e in index.aliases[a] if index.entities[e].kind == "jurisdiction"}
    return [e for e in entity_ids if e not in places]


_ASKS_THE_LAW_ZH = re.compile(r"法律|法规|规定|合法|违法|劳动法|劳动合同法|依法")


# "Agoda's severance deal in Singapore": a name with a possessive, its words up to three before it.
_POSSESSIVE = re.compile(r"((?:[\w.&-]+ ){0,2}[\w.&-]+)['’]s\b")


def _drop_places_beside_possessive(index: FactIndex, question: str, normalized: str,
                                   entity_ids: list[str]) -> list[str]:
    """Without the jurisdictions, when a named company is written with a possessive ("Agoda's severance
    deal in Singapore", "SAP's cuts in Germany"): the question is about the company's own doing, the
    place only where; unless it asks what the law requires ("must Agoda's Singapore staff be paid ...")."""
    kinds = {index.entities[e].kind for e in entity_ids}
    if kinds != {"company", "jurisdiction"} or _ASKS_THE_LAW.search(normalized):
        return entity_ids
    for match in _POSSESSIVE.finditer(question):
        _, found, _ = index.mask_entities(normalize(match.group(1)), match.group(1))
        if any(index.entities[e].kind == "company" for e in found):
            return [e for e in entity_ids if index.entities[e].kind == "company"]
    return entity_ids


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


def _topic_for(index: FactIndex, topic: str | None, entity_ids: tuple[str, ...]) -> str | None:
    if topic is None or not entity_ids:
        return topic
    kind = index.entities[entity_ids[0]].kind
    if kind == "company":
        return lexicon.COMPANY_TOPIC_FOR.get(topic, topic)
    return lexicon.RULE_TOPIC_FOR.get(topic, topic)


# A meaning offered for a term in Chinese ("X就是Y的意思吗", "X是不是Y的意思", "X算是Y的意思"): its meaning asked
# (the question type here; bot.matching reads the term before it)
SAID_TO_MEAN_ZH = r"(?:是不是|就是|等于|算是)\S{0,8}的意思"

QUESTION_TYPE_TOPICS = {
    "how_many": frozenset({"layoff-size", "mass-layoff"}),
    "when": frozenset({"layoff-date", "layoff-size", "timeline"}),
    "why": frozenset({"layoff-reason", "context", "timeline"}),
    "meaning": frozenset({"definition"}),
    "where": frozenset({"profile"}),
}
_QUESTION_TYPES = (
    # (a word said to be another's, its adjective or not: "a fancy word for fired", "a polite way of saying";
    # 是不是就是裁员的意思: "is it just the meaning of laying off")
    ("meaning", re.compile(r"\b(?:mean|meaning|define|definition|stands? for|short for|(?:slang|euphemism|code) for"
                           r"|(?:an?|another)(?: [a-z]+)? (?:term|word|name|euphemism) for"
                           r"|(?:an?|another)(?: [a-z]+)? way (?:of saying|to say))\b"
                           r"|什么意思|啥意思|是什么意思|含义|指什么|指的是什么|指啥|" + SAID_TO_MEAN_ZH)),
    ("why", re.compile(r"\bwhy\b|\bwhat (?:was |were |is |are )?(?:the )?(?:reasons?|causes?)\b"
                       r"|\bwhat (?:caused|led to)\b|为什么|为何|为啥|原因|点解")),
    # (几时 is "when", 几耐 "how long", 几点 "what time": no count)
    ("how_many", re.compile(r"\bhow (?:many|much|big|large|deep)\b|\bwhat (?:percent|share|proportion)\b|多少"
                            r"|几(?!时|耐|点)")),
    ("when", re.compile(r"\bwhen\b|\b(?:what|which) (?:date|day|month|year)\b|什么时候|啥时候|何时|几时"
                        r"|哪一?(?:天|年|个月)|几号")),
    # (which country or site: "bosch's 13k job cuts - which country are they in", "pulled out of which countries")
    ("where", re.compile(r"\bwhere\b|\bwhich (?:countr(?:y|ies)|cit(?:y|ies)|sites?|locations?|offices?|regions?|"
                         r"markets?|states?|provinces?)\b|哪里|在哪|哪个国家|哪些国家|哪国")),
)
CHINA = "cn"
_RULE_TOPICS = frozenset({"mass-layoff", "notice", "severance", "consultation", "protected", "notification",
                          "penalties", "coverage"})
_ASKS_WHAT_IS = re.compile(r"(?:what is|what s|what are|whats|define|explain)\b|什么是")


def question_types(normalized: str) -> set[str]:
    """Every kind of answer the question wants ("how many ... and why": how_many and why)."""
    return {name for name, pattern in _QUESTION_TYPES if pattern.search(normalized)}


def question_type(normalized: str) -> str | None:
    """What kind of answer the question wants: how_many, when, why, meaning, where, or None."""
    for name, pattern in _QUESTION_TYPES:
        if pattern.search(normalized):
            return name
    return None


# A question about what will happen: "will Apple lay off", "is Google going to cut jobs" ("was Alibaba
# going to" is about the past); a period after today: "next year", "upcoming", a later year.
_FORECAST = re.compile(r"\b(?:will|going to|gonna|predict\w*|forecast\w*)\b|会不会|将会|将要")
_PAST = re.compile(r"\b(?:was|were|did|had)\b")
_FUTURE_PERIOD = re.compile(r"\b(?:next|upcoming|coming) (?:year|month|quarter|week)s?\b|\bin the (?:near )?future\b|"
                            r"明年|下个月|下季度")


def asks_forecast(normalized: str, today: dt.date | None = None) -> bool:
    """Whether the question asks what will happen (`_FORECAST`); `normalized` from text.normalize. Not when
    every year it names is before `today`'s ("will Amazon lay off more in 2025?" asked in 2026 asks what
    happened)."""
    years = [int(y) for y in _YEAR.findall(normalized)]
    if years and max(years) < (today or dt.date.today()).year:
        return False
    return bool(_FORECAST.search(normalized)) and not _PAST.search(normalized)


def future_period(normalized: str, today: dt.date) -> bool:
    """Whether the question names a period after today: "next year", "in the future", or a later
    year ("layoffs in 2027" asked in 2026). A later year after "by" or "until" is the deadline of a plan
    already announced ("how many by 2030": Volkswagen's 35,000), not a period asked about."""
    asked = _DEADLINE.sub(" ", normalized)
    return bool(_FUTURE_PERIOD.search(asked)) or any(int(y) > today.year for y in _YEAR.findall(asked))


# Under whom ("under the new ceo", "under new management"): when, by who led the company
_UNDER_LEADER = re.compile(r"\bunder (?:the |its |their )?(?:new |former |old |previous |then |current |last )?"
                           r"(?:ceo|chief executive|boss|bosses|management|leadership|owner|owners|ownership|"
                           r"founder)\b")
# A clause that says when ("after musk bought it", "following the merger", "since the acquisition")
_TIME_CLAUSE = re.compile(r"\b(?:after|following|since|once|when) (?!that\b)(?:\w+ ){0,2}\w+")
# A period asked ("how many days?", "how long?", "多久", Cantonese 几耐): after a rule that sets one, that rule's
# (bot.conversation); no count of layoffs (bot.views).
# A number of days' or months' pay ("how many weeks' pay per year", "赔几个月工资"): an amount, not a notice period
_PERIOD_OF_PAY = re.compile(r"\b(?:days?|weeks?|months?)'?s? (?:of )?(?:pay|wages?|salary|salaries|severance)\b"
                            r"|(?:天|周|个月|月)的?\w{0,3}?(?:工资|薪|补偿|赔偿)"
                            # ... the payment named first ("经济补偿金能拿多少个月": how many months' worth of it)
                            r"|(?:补偿|赔偿|遣散费|资遣费)金?\w{0,3}?(?:多少|几)个?(?:月|周|天)"
                            # ... nor a time limit to act within ("要在多少天内投诉", "how many days to file a claim")
                            r"|\b(?:within|deadline|to file|to claim|to complain|to apply|to appeal)\b"
                            r"|内|投诉|申请|起诉|仲裁")
ASKS_PERIOD = re.compile(r"\bhow (?:long|many (?:days|weeks|months|years))\b"
                         r"|多久|几耐|多长时间|几天|多少天|几周|几个月|多少个月")
# The year just talked about ("later that year", "earlier the same year", 那年).
THAT_YEAR = re.compile(r"\b(?:that|the same|same) year\b|那年|同年|当年|那一年")
# A year said not to be the one asked, beside another that is ("not the 2023 round, the one in 2024", "不是2023年的")
_NEGATED_YEAR = re.compile(r"(?:\b(?:not|except|excluding|besides|other than|apart from|rather than) "
                           r"(?:the |in |from |for |of )?|(?:不是|除了)\s*)(20[0-9]{2})(?![0-9])")


def _deadline_ahead(deadline: re.Match) -> str:
    """`_DEADLINE`'s match blanked when its year is this year or later (a plan's deadline), kept when past."""
    return " " if any(int(y) >= dt.date.today().year for y in _YEAR.findall(deadline.group(0))) else deadline.group(0)


_DEADLINE = re.compile(r"\b(?:by|until|till|through) (?:the end of )?"
                       r"(?:(?:its |their )?(?:fiscal|financial) (?:year )?|fy ?)?(?:20[0-9]{2})\b"
                       r"|到 ?20[0-9]{2} ?(?:财)?年|20[0-9]{2} ?(?:财)?年前")  # (normalised: "到 2029 年")
