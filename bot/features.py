"""Ranking features: one row of `ranking.FEATURES` per (question, candidate fact).

The matrix is a list of rows (lists of floats), candidates × features: answering a question runs on
plain floats, and numpy stays off a cold `ask` (bot.fitting converts the rows with `np.asarray`)."""

from __future__ import annotations

import math
import re

from rapidfuzz import fuzz, process

from . import lexicon, ranking, semantic
from .analysis import _COMPANY_TOPICS, QUESTION_TYPE_TOPICS, Parsed, english_word, question_word, term_words_named
from .conversation import Conversation
from .ranking import FEATURES
from .retrieval import _WORD, Document, FactIndex, _stem, _surface_words, provision_references
from .text import has_cjk, normalize

F = {name: position for position, name in enumerate(FEATURES)}
_TYPE_WORDS = frozenset({"why", "when", "where"})  # question types that are their own question word
# Where a law sets the notice of a mass layoff, beside "notice" itself (the US WARN notice): the staff's
# representatives told and consulted (China's 30 days, the UK's, Ireland's), the authority notified (Germany's
# Massenentlassungsanzeige, Singapore's). "mass layoff notice period" is the same topic in each.
_MASS_LAYOFF_NOTICE = frozenset({"consultation", "notification"})


def _has_a_mass_layoff_notice(index: FactIndex, entity_id: str | None) -> bool:
    """Whether a law has a notice rule of its own for a mass layoff (one whose phrasings ask it: Ontario's 8 to 16
    weeks for 50 or more, the WARN Act's 60 days): the notice a mass layoff is owed there, where a law without one
    gives it by notifying the authority or consulting; cached on the index, per law."""
    cache = index.__dict__.setdefault("_has_a_mass_layoff_notice", {})
    if entity_id not in cache:
        cache[entity_id] = any(doc.kind == "rule" and doc.topic == "notice" and "masslayoff" in index.doc_tokens[doc.id]
                               for doc in (index.documents[d] for d in index.by_entity.get(entity_id, ())))
    return cache[entity_id]


def _rule_topics(index: FactIndex, entity_id: str | None) -> frozenset[str]:
    """The topics a law's rules are filed under; cached on the index, per law."""
    cache = index.__dict__.setdefault("_rule_topics", {})
    if entity_id not in cache:
        cache[entity_id] = frozenset(index.documents[d].topic for d in index.by_entity.get(entity_id, ())
                                     if index.documents[d].kind == "rule")
    return cache[entity_id]


def _content_weights(index: FactIndex, parsed: Parsed) -> tuple[dict[str, float], set[str], float]:
    """The question's content words with their idf, its figures, and the share of the weight in
    words the base never uses."""
    numbers = {w for w in parsed.content if w.isdigit()}
    content = set(parsed.content) - numbers
    if not content:  # "What's 2+2?": figures alone are the words to match (and a bound's, "under 100?", agree)
        # ... unless the talk says what they count ("and if it's 120?" after a consultation period: 120 people)
        content, numbers = numbers, numbers if parsed.context_entity_ids else {
            n for n, _, _ in parsed.bounded if n in numbers}
    weights = {w: index.idf.get(w, 3.0) for w in content}
    total = sum(weights.values())
    # (a figure counts as unknown unless the talk says what it counts: "and if it's 120?" asks of people)
    unknown = sum(weights[w] for w in content if w not in index.idf and w not in lexicon.TOPIC_CUES
                  and not (w.isdecimal() and parsed.context_entity_ids))
    return weights, numbers, (unknown / total if total else 0.0)


_HEADCOUNT = re.compile(r"(\d+)\s*(?:多|余)?\s*(?:个|位)?\s*(?:人|名)")  # a number of people, in Chinese ("20个人")
_PAYMENT_TOPICS = frozenset({"severance", "notice"})
_SPOKEN_TOPICS = frozenset({"consultation"})  # a duty a rule on another topic may name in what it answers
# The employer's size given with a duty ("does a cafe with 12 staff have to pay redundancy pay", "a 6 person startup"):
# whether the law covers it is asked, as with "eligible".
_EMPLOYER_SIZE = re.compile(r"\b(?:with|has|have|employs|employing|team of) (?:only |just |about |around |under |"
                            r"fewer than |less than )?\d+ (?:staff|employees|workers|people|employee)\b"
                            r"|\b\d+ ?(?:person|people|employee|man|staff) "
                            r"(?:company|business|firm|startup|shop|employer)\b")
# A kind of worker some laws leave out of a duty or a payment (on probation, fixed-term, seasonal, casual, by the day)
_KIND_OF_WORKER = re.compile(r"\b(?:probation\w*|trial period|fixed[- ]term|seasonal|"
                             r"casual (?:worker|staff|employee)s?|day (?:worker|labou?rer)s?|temps?|"
                             r"temporary (?:worker|staff|employee)s?)\b"
                             r"|试用期|试工期|临时工|季节工|季节性|日雇|短期合同|固定期限")
# The worker's own fault given as the ground of a dismissal (misconduct, a serious breach of the employer's rules)
_WORKER_AT_FAULT = re.compile(r"\b(?:misconduct|for cause|gross negligence|serious(?:ly)? (?:breach\w*|break\w*|"
                              r"violat\w*)|(?:breach\w*|broke|break\w*|violat\w*) (?:of )?(?:its|the|their|company|"
                              r"employer'?s?|work) (?:own )?(?:rules|policies|policy|code))\b"
                              r"|严重违反|违反规章|违反公司规章|违纪|过失性|严重失职|营私舞弊")
_ELIGIBILITY = re.compile(r"\b(?:eligib\w*|qualif\w*|entitled|entitlement)\b|资格|有权")


def _unknown_unlisted(parsed: Parsed) -> bool:
    """Whether a word of the question the base never uses is no English word either: perhaps a name the base does
    not know. An everyday word ("actual", "difference") is none, nor a stretch of Chinese read as character pairs
    (a Chinese name the base lacks is found apart: `analysis.unknown_chinese_company`)."""
    unknown = set(parsed.unknown)
    return bool(unknown) and any(_stem(w) in unknown and not english_word(w) for w in _WORD.findall(parsed.masked))


def _features(index: FactIndex, parsed: Parsed, topic: str | None, candidates: list[str],
              conversation: Conversation) -> ranking.Matrix:
    """One row of `ranking.FEATURES` per candidate (see that module for what each column means):
    (candidates × features), a list of rows of floats in `candidates` order."""
    weights, numbers, unknown_share = _content_weights(index, parsed)
    bounded = {figure: (low, high) for figure, low, high in parsed.bounded}
    # A figure the question gives as a provision's ("what does article 40 say") may agree with a fact's provision;
    # any other ("裁40个": forty people) with no number the fact writes only as a provision's ("第40条")
    provisions_asked = provision_references(parsed.normalized)
    own_words = set(parsed.normalized.split())  # (the question's own figures, not the talk's)
    # (A law's own name for it, masked as a term of the law, asks it too: Canada's "group termination".)
    mass_layoff = "masslayoff" in parsed.content or "masslayoff" in parsed.hints or (
        # ... or the talk was about it ("那要提前多久说" after what counts as a mass layoff in China)
        bool(parsed.context_entity_ids) and "masslayoff" in conversation.content)
    content = set(weights)
    total_weight = sum(weights.values())
    hint_weights = {w: index.idf.get(w, 0.0) for w in parsed.hints}
    hint_total = sum(hint_weights.values())
    # BM25 with every word (function words too: "how long", "can I" tell FAQ entries apart) gives
    # the absolute score; relative scores count content words only, so that a fact never leads the
    # candidates on "what is" alone.
    # (A term of a law the question names, masked as its jurisdiction's name, is what it asks about: its words
    # count, as they do in the index's phrasings: "长期服务金是什么" asks what long service payment is.)
    terms = term_words_named(index, parsed)
    surface = set(_surface_words(parsed.masked)) | terms
    if all(w.isdigit() for w in surface - terms):
        # A Chinese question's only lexical words would be its figures ("一次裁员20人以上…要报告吗": 20): scored on a
        # headcount alone, a fact stating it outranks the one about what is asked. Its headcounts are matched as
        # figures (figures_match), as a Chinese question's words are by coverage; an article's number ("第40条") or
        # a term's ("996") stays a word.
        # ... or a length of time ("香港打工做咗3年…有冇遣散費": 3, matched by a fact's "within 3 months")
        surface -= (set(_HEADCOUNT.findall(parsed.normalized)) | parsed.of_time) - terms
    question_terms = {w: index.question_idf.get(w, 0.0) for w in surface}
    meaningful = {_stem(w) for w in _WORD.findall(parsed.masked) if w not in lexicon.STOPWORDS} | terms
    question_content_terms = {w: idf for w, idf in question_terms.items() if w in meaningful}
    claim_terms = {w: index.claim_idf.get(w, 0.0) for w in surface if w in meaningful}
    qtype_topics = QUESTION_TYPE_TOPICS.get(parsed.question_type or "", frozenset())
    short = max(0.0, 1.0 - total_weight / 6.0)
    unknown_name = float(not parsed.entity_ids and bool(
        parsed.names or (_unknown_unlisted(parsed) and ("layoff" in content or topic in _COMPANY_TOPICS))))
    previous = set(conversation.doc_ids)
    named = set(parsed.entity_ids) - set(parsed.context_entity_ids)
    company_named = any(index.entities[e].kind == "company" for e in parsed.entity_ids)
    company_asked = any(index.entities[e].kind == "company" for e in named)
    # the names' words of the entities the question leans on without naming them (from the talk, or China's for a
    # Chinese question naming no country)
    unnamed_words = [frozenset(_stem(w) for w in _WORD.findall(normalize(index.entities[e].name)))
                     for e in parsed.context_entity_ids] if not named else []
    fuzzy_sort, fuzzy_plain = _fuzzy_best(index, parsed, candidates)
    asks_with = parsed.asks_with
    if asks_with in {"what", "which"} and parsed.question_type in _TYPE_WORDS:
        asks_with = parsed.question_type  # "what was the reason" asks why; "what date", when
    # Whom a payment's or a duty's rule covers ("redundancy pay eligibility", "who qualifies for notice pay"): the
    # payment's topic and coverage are both asked, so a law's rule of either agrees (the base files the eligibility
    # inside the payment's rule for one law, as a rule of its own for another).
    also: set[str | None] = set()
    # So is whether a kind of worker is covered ("日本试用期的员工被解雇，公司也要提前30天通知吗？", "do
    # probationers get notice?"): the payment's or the duty's rule, or the law's exceptions to it.
    sized = bool(_EMPLOYER_SIZE.search(parsed.normalized) or _KIND_OF_WORKER.search(parsed.normalized))
    if topic in _PAYMENT_TOPICS | {"coverage"} and (sized or _ELIGIBILITY.search(parsed.normalized)):
        cued = {lexicon.TOPIC_CUES.get(w) for w in index.content_words(parsed.masked)}
        if cued & _PAYMENT_TOPICS and ("coverage" in cued or sized):
            also = {"coverage", topic}
    if topic in _PAYMENT_TOPICS | {"coverage"} and _WORKER_AT_FAULT.search(parsed.normalized):
        # A dismissal for the worker's own fault ("fired for seriously breaching its rules, does it still owe
        # severance?", "严重违反规章制度…一分补偿都不给"): the law's rule on such dismissals, which says what is not
        # owed then, answers as well as the payment's or the notice's own rule, under whichever topic it is filed.
        also = {"coverage", "notice", "severance"}
    # (whom a mass layoff must be told to, "which public body has to be told?", is the authority notified)
    whom_asked = parsed.asks_with in ("which", "who", "whom")
    rows = [[0.0] * len(FEATURES) for _ in candidates]
    bm25_questions = [0.0] * len(candidates)
    bm25_claims = [0.0] * len(candidates)
    bm25_all = [0.0] * len(candidates)
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
        bm25_all[position] = max(
            (ranking.bm25(question_terms, words, len(words), index.average_question_length) for words in phrasings),
            default=0.0)
        row[F["bm25_questions"]] = ranking.saturate(bm25_all[position])
        bm25_questions[position] = max(
            (ranking.bm25(question_content_terms, words, len(words), index.average_question_length)
             for words in phrasings), default=0.0)
        claim_words = index.claim_surface.get(doc_id, frozenset())
        bm25_claims[position] = ranking.bm25(claim_terms, claim_words, len(claim_words), index.average_claim_length)
        if asks_with:
            opening = {question_word(choice) for choice in index.doc_choices[doc_id]} - {None}
            row[F["question_word_same"]] = float(asks_with in opening)
            row[F["question_word_differs"]] = float(bool(opening) and asks_with not in opening)
        row[F["fuzzy_token_sort"]] = fuzzy_sort[position]
        row[F["fuzzy_ratio"]] = fuzzy_plain[position]
        target = _doc_topic(index, doc, parsed.topic, topic, bool(content), company_named,
                            company_asked=company_asked)
        if target is not None:
            if (target == "notice" and mass_layoff and doc.topic == "notice" and doc.kind == "rule"
                    and "masslayoff" not in asked):
                # a mass layoff's notice: an individual's notice only partly answers (one that names the mass layoff
                # only in its claim, "group termination notice was not changed", is an individual's)
                row[F["topic_related"]] = 1.0
            elif target == "definition" and doc.topic == target and content and not content & (asked | told):
                # what a term means is asked: another term's entry, sharing none of its words, is only of the kind
                # asked ("什么是双减政策？" had got what severance pay means over the policy's own fact)
                row[F["topic_related"]] = 1.0
            elif doc.topic == target or (target == "notice" and mass_layoff and doc.topic in _MASS_LAYOFF_NOTICE
                                         and (whom_asked or not _has_a_mass_layoff_notice(index, doc.entity_id))) or (
                    doc.kind == "rule" and target in also and doc.topic in also) or (
                    # a duty the law files under no rule of its own, asked of the rule that says it in what it answers
                    # ("韩国经营上解雇需要提前多久通知工会？": Korea's managerial dismissal requirements, the 50 days'
                    # consultation with the union among them)
                    doc.kind == "rule" and target in _SPOKEN_TOPICS and target not in _rule_topics(index, doc.entity_id)
                    and any(lexicon.TOPIC_CUES.get(w) == target for w in asked)) or (
                    # what follows from leaving undone the duty just answered, where its own rule says so ("what
                    # happens if they don't?" after Singapore's notification to MOM, whose rule states the fine)
                    target == "penalties" and doc_id in previous and doc.kind == "rule"
                    and any(lexicon.TOPIC_CUES.get(w) == "penalties" for w in told)):
                row[F["topic_same"]] = 1.0
            elif frozenset((doc.topic, target)) in lexicon.RELATED_TOPICS or (
                    target == "notice" and mass_layoff and doc.topic in _MASS_LAYOFF_NOTICE) or (
                    doc.topic == "definition" and not parsed.entity_ids) or (
                    # a law's rule that says it in what it answers, though filed under another topic ("how far in
                    # advance does the union have to be told?": Korea's managerial dismissal requirements, the 50
                    # days' consultation with the union among them)
                    doc.kind == "rule" and target in _SPOKEN_TOPICS
                    and any(lexicon.TOPIC_CUES.get(w) == target for w in asked)):
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
            asked = {parsed.month} if parsed.month else parsed.period
            if asked and months:
                # (a month of another year is no match: May 2023 is not in 2022's second quarter)
                same_year = not (parsed.year and own_years and parsed.year not in own_years)
                row[F["month_match" if asked & months and same_year else "month_mismatch"]] = 1.0
        if doc.entity_id is not None:
            if doc.entity_id in named:
                row[F["entity_named"]] = 1.0
            elif doc.entity_id in parsed.entity_ids:
                row[F["entity_from_context"]] = 1.0
        elif parsed.entity_ids and not (hint_total and all(w in asked or w in told for w in hint_weights)) and not (
                unnamed_words and any(words <= asked | told for words in unnamed_words)):
            # a general fact beside a named entity, unless it names the place itself ("China's tech
            # crackdown" is general, and about China), or the question did not name it and the fact does (a
            # Chinese question naming no country is China's: "“双减”政策是哪天出台的？" is asked of China's policy)
            row[F["general_fact_entity_named"]] = 1.0
        row[F["unknown_name"]] = unknown_name
        row[F["generated_event"]] = float(doc.kind == "event")
        if numbers:
            ranges = index.ranges.get(doc_id, ())
            # A rule saying whom a law covers ("100 or more employees") answers a figure on either side of
            # its bound: "Does the WARN Act apply to a company with 80 employees?" is answered "no" by it.
            bound = doc.kind == "rule" and doc.topic == "coverage" and bool(ranges)
            provisions = index.provision_numbers.get(doc_id, frozenset()) - provisions_asked
            times = index.time_numbers.get(doc_id, frozenset())  # ("12 weeks' pay" agrees with no "12 staff")
            agrees = {n: bound or (n not in provisions and (n in parsed.of_time or n not in times) and _figure_agrees(
                n, bounded, ranges, asked, told, 2.0 if n in parsed.of_age else float(n in parsed.of_time)))
                for n in numbers}
            # The asker's length of service ("after 4 months at a big company") is their case, which a rule
            # answers whether or not it writes that figure: it counts for the facts that state it, against none.
            # A figure carried from the talk ("那日本呢？" after "minimum notice in ontario if ive worked 4 years") is
            # that earlier question's, perhaps a length of service: it too counts for the facts that state it only.
            # (So is their age, "i'm 52": answered by the rule whose bands hold it, whatever rule does not.)
            counted = [n for n in numbers if agrees[n] or (n not in parsed.of_time | parsed.of_age and n in own_words)]
            if counted:
                found = sum(agrees[n] for n in counted)
                row[F["figures_match"]] = found / len(counted)
                row[F["figures_unmatched"]] = float(found == 0)
                row[F["figures_outside_ranges"]] = float(found == 0 and bool(ranges))
        row[F["in_previous_answer"]] = float(doc_id in previous)
        if hint_total:
            row[F["hint_match"]] = sum(weight for w, weight in hint_weights.items()
                                       if w in asked or w in told) / hint_total
            row[F["hint_missing"]] = float(not row[F["hint_match"]])
        row[F["question_type_agrees"]] = float(doc.topic in qtype_topics)
        row[F["rule_fact"]] = float(doc.kind == "rule")
        row[F["imported"]] = float(doc.topic == "faq")
    for column, scores in ((F["bm25_questions_relative"], bm25_questions), (F["bm25_claim_relative"], bm25_claims),
                           (F["bm25_questions_all_relative"], bm25_all)):
        best = max(scores, default=0.0)
        if best > 0:
            for row, score in zip(rows, scores, strict=True):
                row[column] = score / best
    # Optional semantic backend (bot.semantic): zeros when none is configured.
    for row, similarity in zip(rows, semantic.similarities(index, parsed.normalized, candidates), strict=True):
        row[F["semantic_similarity"]] = float(similarity)
    return rows


def _doc_topic(index: FactIndex, doc: Document, raw_topic: str | None, topic: str | None,
               has_content: bool, company_named: bool = False, company_asked: bool = True) -> str | None:
    """The topic asked, as it applies to this fact's kind of entity (a rule topic asked of a company
    is about how that company did it). A company's topic asked beside a place ("sap layoffs germany",
    "amazon layoffs in the us") is the company's: the place's rules are not asked it."""
    entity = index.entities.get(doc.entity_id) if doc.entity_id else None
    if raw_topic is None:
        return topic
    if entity is None:
        # A glossary entry is asked the topic as worded when the question has words of its own beyond
        # the name ("quiet cutting meaning?? saw it on tiktok"); "Xiaohongshu meaning?" asks about the name.
        return raw_topic if has_content else topic
    if entity.kind == "company":
        if raw_topic == "definition" and has_content and not company_asked:
            # a term's meaning asked while the talk is about a company ("点解佢哋叫呢啲做「畢業」" after JD's layoffs):
            # the term's, not what the company is (its profile answers "JD meaning?", which names it)
            return raw_topic
        return lexicon.COMPANY_TOPIC_FOR.get(raw_topic, raw_topic)
    if company_named and raw_topic in lexicon.RULE_TOPIC_FOR:
        return raw_topic
    return lexicon.RULE_TOPIC_FOR.get(raw_topic, raw_topic)


def _whole_percent(score: float) -> int:
    """A 0..100 score rounded to a whole percent, halves up (as rapidfuzz's integer `cdist` rounds:
    `std::llround`), so that 62.5 is 63 where Python's `round` gives 62."""
    whole = math.floor(score)
    return whole + (score - whole >= 0.5)


def _figure_agrees(figure: str, bounded: dict[str, tuple[float, float]], ranges, asked, told, kind: float) -> bool:
    """Whether a fact agrees with a figure of the question: a figure asked with a bound ("100+", "under 100")
    by overlapping a range the fact states, when it states any ("fewer than 100" writes 100 but does not
    agree with "100+"); else by writing it or stating a range that holds it. `kind` is the figure's unit, as
    `retrieval._ranges_in` writes a range's: a length of time (1.0, "after 3 yrs") is held only by a range of time
    ("2 years or more"), an age (2.0, "i'm 52") only by one of ages ("aged 41 or over"), a headcount (0.0) only by
    one of people ("8 weeks for 8 years or more" holds no 250 people; "50 or more employees", no 52-year-old)."""
    ranges = [(start, end) for start, end, unit in ranges if unit == kind]
    if figure in bounded and ranges:
        low, high = bounded[figure]
        return any(start <= high and low <= end for start, end in ranges)
    return figure in asked or figure in told or any(start <= int(figure) <= end for start, end in ranges)


def _fuzzy_best(index: FactIndex, parsed: Parsed, candidates: list[str]) -> tuple[list[float], list[float]]:
    """Best rapidfuzz token_sort_ratio and ratio (0..1, in whole percents) of the question against each
    candidate's phrasings, two lists aligned with `candidates`: one `process.extract` call per scorer
    over all phrasings (plain floats; `cdist` would return numpy arrays)."""
    choices: list[str] = []
    owners: list[int] = []
    for position, doc_id in enumerate(candidates):
        for choice in index.doc_choices[doc_id]:
            choices.append(choice)
            owners.append(position)
    sort_best = [0.0] * len(candidates)
    plain_best = [0.0] * len(candidates)
    # An elliptical follow-up ("and in california?", "那印度呢") says its question through the last one's words:
    # its masked stub ("and in ?") would favour whichever phrasing is shortest.
    query = (" ".join(parsed.content) if parsed.topic_from_context else parsed.masked) or " ".join(parsed.content)
    if not choices or not query:
        return sort_best, plain_best
    for scorer, best in ((fuzz.token_sort_ratio, sort_best), (fuzz.ratio, plain_best)):
        percents = [0] * len(candidates)
        for _, score, position in process.extract(query, choices, scorer=scorer, limit=None):
            owner = owners[position]
            percents[owner] = max(percents[owner], _whole_percent(score))
        best[:] = [percent / 100 for percent in percents]
    return sort_best, plain_best


def _score(index: FactIndex, parsed: Parsed, topic: str | None, candidates: list[str],
           conversation: Conversation, params: ranking.RankerParams) -> tuple[list[tuple[float, str]], ranking.Matrix]:
    """Candidates with their probability of answering the question, best first; and the feature matrix
    (candidates × features, rows in `candidates` order)."""
    matrix = _features(index, parsed, topic, candidates, conversation)
    probabilities = ranking.probabilities(params, matrix)
    scored = sorted(((round(p, 4), doc_id) for p, doc_id in zip(probabilities, candidates, strict=True)),
                    key=lambda pair: (-pair[0], pair[1]))
    return scored, matrix


def _question_facts(index: FactIndex, parsed: Parsed, topic: str | None) -> dict:
    """What the decision needs to know about the question itself (`decision.decision_row`'s keywords)."""
    weights, _, unknown_share = _content_weights(index, parsed)
    return {"entity_named": bool(set(parsed.entity_ids) - set(parsed.context_entity_ids)),
            "entity_from_context": bool(parsed.context_entity_ids), "unknown_share": unknown_share,
            "content_weight": sum(weights.values()), "has_topic": topic is not None,
            "chinese": has_cjk(parsed.normalized)}
