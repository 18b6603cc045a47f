"""One test per kind of failure the engine rebuild fixed (issue: the answer engine, rebuilt to generalise).

Each example stands for its kind; none was tuned for: the ranker's weights are fitted on the train
split (`layoffbot eval --fit-train ...`), and these questions are in no split.
"""

import math
import re

import pytest

from bot import matching
from bot.matching import Conversation


def ask_thread(factbase, *questions):
    conversation, answers = Conversation(), []
    for question in questions:
        answer, conversation = factbase.ask(question, conversation)
        answers.append(answer)
    return answers


def entities(factbase, answer):
    return {factbase.index.documents[f].entity_id for f in answer.fact_ids}


@pytest.mark.parametrize("question, entity, topic", [
    ("Xiaohongshu workforce reduction", "xiaohongshu", "layoff-size"),  # a noun phrase for a layoff
    ("Where is Xiaohongshu based?", "xiaohongshu", "profile"),  # a location question asks for the profile
    ("How many employees does Google have?", "alphabet", "profile"),  # headcount is not a layoff
    ("What happens if an employer gives no WARN notice?", "us", "penalties"),  # a duty not met: consequences
    ("we got zero notice before the plant closed in the US, what are we owed", "us", "penalties"),  # ... "zero"
    # ... the place named between "what happens" and "if" ("what happens in germany if the employer never files")
    ("what happens in ireland if a company never tells the minister about the redundancies", "ie", "penalties"),
    ("Not Meta but Microsoft: how many were laid off in 2023?", "microsoft", "layoff-size"),  # negation
    ("经济补偿金怎么算", "cn", "severance"),  # a rule question in Chinese naming no country is China's
    ("在新加坡裁员，要不要通知人力部？", "sg", "notification"),  # ... also when the authority is the place's alias
    ("法国裁员需要通知政府吗", "fr", "notification"),  # 通知 an authority (政府, 部门, 机构): notification
    ("德国集体裁员要通知谁", "de", "notification"),  # 通知谁: whom to tell, an authority
    ("澳大利亚裁员要赔多少", "au", "severance"),  # 赔 (pay out), alone
    ("加州WARN法违规有什么处罚？", "us-ca", "penalties"),  # 处罚, 罚款, 违规, 违法: a penalty, in Chinese
    ("裁多少人算集体裁员", "cn", "mass-layoff"),  # 经济性裁员, 集体裁员: the law's term for a mass layoff
    ("小紅書裁員人數", "xiaohongshu", "layoff-size"),  # 人数 ("number of people") asks how many
    ("What is the WARN Act?", None, "definition"),  # "what is <a law's name>" asks what it is
    ("what's garden leave", None, "definition"),  # "what's X", normalised to "what X"
    ("什么是毕业", None, "definition"),  # 什么是 X, X 是什么
    ("long service payment hk", "hk", "severance"),  # a term of art that also names its law is what is asked
    ("快手2021年12月", "kuaishou", "layoff-size"),  # a company and a period: its layoff then, not its profile
    ("whats a furlough", None, "definition"),  # "what is <a term>", one word: asks what it means, not vague
    # "what is a/an <term>" or "<term> - what's that?": a meaning asked, even when the term names a law
    ("what is a WARN Act notice", None, "definition"),
    ("collective redundancy - what is that?", None, "definition"),
    # a company named in passing does not make a term's meaning a question about the company
    ("what does graduation mean? saw it on xiaohongshu", None, "definition"),
    ("Xiaohongshu meaning?", "xiaohongshu", "profile"),  # ... but a name alone is what is asked about
    ("twitter 3700 layoffs nov 2022", "twitter", "layoff-size"),  # a keyword query's figure picks the round
    ("How many jobs went at Spotify in 2023?", "spotify", "layoff-size"),  # jobs that went: a loss, not a headcount
    ("how many jobs will go at intel", "intel", "layoff-size"),  # ... or will go
    ("Spotify 1,500 job cuts: what was the cause?", "spotify", "layoff-reason"),  # "what ... cause" asks why
    ("microsoft lay-offs 2025 how many", "microsoft", "layoff-size"),  # "lay offs", "lay-offs": a layoff
    ("has shopify ever made people redundant", "shopify", "layoff-size"),  # "made X redundant", as "lay X off"
    ("腾讯有没有裁员", "tencent", "layoff-size"),  # 有没有, 是否: whether, asked; no subject
    ("字节是否裁员", "bytedance", "layoff-size"),
    # picked, chosen, selected: who is chosen to go; a collective layoff is a mass layoff (dev: "holland: who gets
    # picked first in a collective layoff?" was declined)
    ("in a dutch collective layoff who is picked", "nl", "mass-layoff"),
    # two terms set against each other: what each means (blind11: "Furloughed vs laid off — are those actually
    # different things?" was declined)
    ("rif vs layoff - any difference?", None, "definition"),
    # what a law counts as a term is its rule on the term's topic (blind11: "What's the EU's definition of collective
    # redundancies?" got the glossary's meaning; "... mean in the uk" got the protective award)
    ("what does collective redundancy mean in the uk", "uk", "mass-layoff"),
    ("how does the eu define a collective redundancy", "eu", "mass-layoff"),
    ("is being retrenched the same thing as being laid off", None, "definition"),
    ("What did Twitter offer the staff it let go in 2022?", "twitter", "layoff-process"),  # what they were given
    ("what did benioff say about the 2023 layoffs", "salesforce", "layoff-reason"),  # the company's own word
    ("did spotify say the 2023 cuts were about efficiency", "spotify", "layoff-reason"),  # ... whether it said so
    ("who runs tesla", "tesla", "profile"),  # who runs or owns it, what it is part of: the profile (which names
    # its leader: Coinbase's names none, and is no answer to who runs it)
    ("is instagram owned by meta", "meta", "profile"),
    ("what did the ppl who got cut at grab get", "grab", "layoff-process"),  # ... "what did they get"
    ("阿里云被裁的员工能拿到什么", "alibaba", "layoff-process"),  # ... 拿到什么
    ("how many ppl got sacked at spotify in 2023", "spotify", "layoff-size"),  # "got sacked" is no getting
    # a question in Chinese: its words overlap the (mostly English) phrasings less, and the decision knows it
    ("欧盟集体裁员指令适用于哪些人？", "eu", "coverage"),
    ("韩国经营性解雇需要满足什么条件？", "kr", "mass-layoff"),
])
def test_kinds_of_question_reach_the_right_kind_of_fact(factbase, question, entity, topic):
    answer, _ = factbase.ask(question)
    assert answer.answered, question
    top = factbase.index.documents[answer.fact_ids[0]]
    assert (top.entity_id, top.topic) == (entity, topic), (question, answer.fact_ids)


def test_a_chinese_rule_question_without_a_topic_word_is_ranked_among_chinas_rules(factbase):
    """Whether it is answered is the fitted decision's call (it sat at 0.44 against a threshold of
    0.475 after the refit of 883a0d4); which law it is read against is not."""
    from bot.matching import match_and_rank

    _, scored = match_and_rank(factbase.index, "员工严重违纪，公司可以直接开除吗")
    top = factbase.index.documents[scored[0][1]]
    assert (top.entity_id, top.topic) == ("cn", "notice"), scored[:3]


@pytest.mark.parametrize("question", [
    "<b>how many did amazon lay off</b>",  # markup
    "how many did amazon lay off\x07\x1b",  # control characters
    "ＨＯＷ ＭＡＮＹ did ａｍａｚｏｎ lay off",  # full-width forms
])
def test_surface_noise_does_not_change_the_answer(factbase, question):
    plain, _ = factbase.ask("how many did amazon lay off")
    noisy, _ = factbase.ask(question)
    assert noisy.answered and noisy.fact_ids == plain.fact_ids


@pytest.mark.parametrize("question", [
    "how long?",  # one vague word, nothing to lean on
    "How many people did Zoom lay off in 2021?",  # a year the base has no round of
    "How much notice must an employer give before a mass layoff in Brazil?",  # an unknown country
    "Did Pinduoduo lay off staff?",  # an unknown company
    "越南裁员需要提前多久通知员工？",  # a place the base lacks, named in Chinese: not mainland China's law
])
def test_guards_decline_rather_than_answer_about_something_else(factbase, question):
    answer, _ = factbase.ask(question)
    assert not answer.answered, (question, answer.fact_ids)


def test_a_continuation_survives_a_declined_turn(factbase):
    _, declined, amazon = ask_thread(factbase, "How many did Meta lay off?", "and Apple?", "and Amazon?")
    assert not declined.answered
    assert amazon.answered and entities(factbase, amazon) == {"amazon"}
    assert factbase.index.documents[amazon.fact_ids[0]].topic == "layoff-size"


def test_a_term_question_after_a_company_question_is_self_contained(factbase):
    _, term = ask_thread(factbase, "How many did Meta lay off?", "What does N+1 mean?")
    assert term.answered and term.fact_ids[0] == "glossary-n-plus-1"


def test_when_after_a_layoff_answer_stays_with_that_company(factbase):
    first, when = ask_thread(factbase, "How many people did Meta lay off in 2022?", "when?")
    assert when.answered and entities(factbase, when) == {"meta"}


# -- a question about the future: nothing reported answers it -------------------------------------

def test_layoffs_in_a_period_after_today_are_declined_with_the_reason(factbase):
    import datetime as dt

    later = dt.date.today().year + 1
    for question in ("will Apple lay off next year?", f"Is Google going to have layoffs in {later}?",
                     "明年亚马逊会裁员吗", "which companies will lay off next year"):
        answer, _ = factbase.ask(question)
        assert not answer.answered, question
        assert "can't say what will happen" in answer.note or "无法预测" in answer.note, question


def test_future_tense_about_rules_or_the_past_is_answered_as_asked(factbase):
    rule, _ = factbase.ask("How much redundancy pay will I get in the UK?")
    assert rule.answered and not rule.note
    past, _ = factbase.ask("was alibaba going to cut 39,000 people in 2022?")
    assert past.answered and not past.note
    will, _ = factbase.ask("will Apple lay off people?")  # what is on record, said not to be a forecast
    assert will.answered and will.note.startswith("I can't predict layoffs")


# -- a company's layoffs in a year it has no round in ----------------------------------------------

def test_a_year_without_a_round_is_said_not_answered_with_another_fact(factbase):
    first, follow_up = ask_thread(factbase, "how many did salesforce lay off", "and in 2022?")
    assert first.answered and not follow_up.answered  # not the company's profile
    assert "no layoff round of Salesforce in 2022" in follow_up.note and "2023" in follow_up.note
    chinese, = ask_thread(factbase, "小红书2023年有裁员吗")
    assert not chinese.answered and "2023年裁员的记录" in chinese.note


def test_a_year_without_a_round_but_with_warn_notices_is_answered_from_them(factbase):
    answer, = ask_thread(factbase, "did amazon have layoffs in 2024")
    assert answer.answered and "WARN notice" in answer.claims[0] and "2024" in answer.claims[0]
    rounds, = ask_thread(factbase, "how many did amazon lay off in 2023")
    assert rounds.answered and rounds.claims[0].startswith("On January 4, 2023")  # its own round stands


def test_a_year_asked_after_several_rounds_is_answered_with_that_years_round(factbase):
    _, follow_up = ask_thread(factbase, "how many did amazon lay off", "and in 2022?")
    # not March 2023's round, whose claim only mentions the year before
    assert follow_up.answered and follow_up.claims[0].startswith("In mid-November 2022"), follow_up.claims[0]


@pytest.mark.parametrize("questions, entity, topic", [
    # an elliptical negative conditional asks for the consequences, its duty left to the conversation
    (("how much notice must a UK employer give before 20 redundancies", "what if they don't?"), "uk", "penalties"),
    (("how much notice does New York's WARN law require", "what if the employer doesn't send it?"), "us-ny",
     "penalties"),
    # a figure in a follow-up is a hypothetical, not a new subject
    (("what is the WARN act threshold", "what if it's 300 workers?"), "us", None),
    # "the founder", "the ceo": a definite description of the company talked about, like a pronoun
    (("shopify layoffs 2022", "did the founder say why"), "shopify", "layoff-reason"),
    # a declined question that brings no subject of its own leaves the thread as it was
    (("Meta layoffs November 2022", "what was the share price then", "what about 2023?"), "meta", "layoff-size"),
    # a new year after "why?" asks what happened that year
    (("Did Shopify lay off staff in 2022?", "why?", "and 2023?"), "shopify", "layoff-size"),
])
def test_follow_ups_keep_the_thread(factbase, questions, entity, topic):
    answer = ask_thread(factbase, *questions)[-1]
    assert answer.answered, questions
    top = factbase.index.documents[answer.fact_ids[0]]
    assert top.entity_id == entity and (topic is None or top.topic == topic), (questions, answer.fact_ids)


@pytest.mark.parametrize("questions", [
    ("hong kong severance pay rules", "有上限吗？"),  # "is there a cap?" after Hong Kong's severance
    ("德国大规模裁员要通知谁？", "如果公司没有通知呢？"),  # "and if the company doesn't?" after Germany
])
def test_a_chinese_follow_up_stays_with_the_place_talked_about(factbase, questions):
    # Never answered with mainland China's law (a new user found China's Article 40 given there).
    answer = ask_thread(factbase, *questions)[-1]
    assert "cn" not in entities(factbase, answer), answer.fact_ids


def test_a_generic_phrase_is_no_misspelt_statute_name(factbase):
    from bot.text import normalize

    # "unfair dismissal" is 86% alike "Unfair Dismissals Act" (Ireland's statute, an alias) but a typo
    # changes letters, not words: the fuzzy alias match must not make the question Irish.
    question = "how long do I have to bring an unfair dismissal claim"
    assert "ie" not in factbase.index.mask_entities(normalize(question), question)[1]
    assert "amazon" in factbase.index.mask_entities(normalize("amazn layoffs"), "amazn layoffs")[1]  # typos still


def test_last_year_is_the_year_before_today(factbase):
    import datetime as dt

    from bot.matching import analyse

    parsed, _ = analyse(factbase.index, "how many ppl did amazon fire last year", Conversation())
    assert parsed.year == dt.date.today().year - 1  # it had been no year at all: the matcher's pick led


def test_a_round_is_dated_by_its_own_month_not_the_months_its_text_mentions(factbase):
    # March 2023's round mentions January's in its first sentence; asked about January, January's leads.
    answer, _ = factbase.ask("How many people did Amazon lay off in January 2023?")
    assert answer.answered and answer.fact_ids[0] == "amazon-layoff-2023-01-size", answer.fact_ids


@pytest.mark.parametrize("text, months", [
    ("q3 2023", {7, 8, 9}), ("the 2nd quarter", {4, 5, 6}), ("the december 2022 quarter", {10, 11, 12}),
    ("april june 2022 quarter", {4, 5, 6}), ("2022 年第四季度", {10, 11, 12}), ("下半年", set(range(7, 13))),
    ("last quarter of 2021", {10, 11, 12}),
    ("layoffs last quarter", set()), ("january to june", set()),  # relative, or not one quarter
])
def test_a_quarter_or_half_is_read_as_its_months(text, months):
    from bot.retrieval import period_months

    assert period_months(text) == months


@pytest.mark.parametrize("question, fact", [
    # a quarter picks the round of that quarter, not the year's biggest (and a fall in headcount is a layoff)
    ("Alibaba staff reduction Q4 2022", "alibaba-layoff-2022-q4-size"),
    ("阿里巴巴2022年一季度减员多少", "alibaba-layoff-2022-q1-size"),
    ("By how much did Alibaba's headcount shrink in the second quarter of 2022?", "alibaba-layoff-2022-q2-size"),
])
def test_a_named_quarter_picks_its_round(factbase, question, fact):
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == fact, (question, answer.fact_ids)


@pytest.mark.parametrize("question, fact", [
    # a sub-brand named: the fact about it, not the company's whole year
    ("How many staff did Alibaba Cloud let go in 2023?", "alibaba-layoff-2023-cloud-size"),
])
def test_a_named_sub_brand_picks_its_own_fact(factbase, question, fact):
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == fact, (question, answer.fact_ids)


def test_a_chinese_asker_is_declined_in_chinese_names_and_phrasings(factbase):
    """Declined, a Chinese asker reads the entity's Chinese name and suggestions phrased in Chinese
    where the facts have them (the new-user trial: English names and suggestions in a Chinese reply)."""
    from bot.text import has_cjk

    answer, _ = factbase.ask("小红书的收入是多少？")
    assert not answer.answered
    assert "小红书" in answer.note and "Xiaohongshu" not in answer.note
    assert answer.suggestions and all(has_cjk(s) for s in answer.suggestions)
    english, _ = factbase.ask("What is Xiaohongshu's revenue?")
    assert not any(has_cjk(s) for s in english.suggestions)


def test_a_follow_up_that_only_gives_a_figure_asks_the_last_topic_again(factbase):
    answers = ask_thread(factbase, "How long must a UK employer consult before making redundancies?",
                         "and for 250 staff?")
    assert answers[1].answered and answers[1].fact_ids[0] == "uk-consultation-100-plus", answers[1].fact_ids


def test_bare_why_and_when_follow_the_round_the_answer_led_with(factbase):
    """"why?" asks the reason of the round the last answer led with, and "when?" after it that round's
    date (the new-user trial: "why?" after Amazon's rounds got the 2026 reason, then "when?" declined)."""
    first, why, when = ask_thread(factbase, "how many did amazon lay off", "why?", "when?")
    lead = factbase.index.documents[first.fact_ids[0]]
    assert why.answered and factbase.index.documents[why.fact_ids[0]].topic == "layoff-reason"
    assert set(lead.source_ids) & set(factbase.index.documents[why.fact_ids[0]].source_ids)
    assert when.answered and lead.id in when.fact_ids
    answers = ask_thread(factbase, "字节跳动裁员多少人", "原因呢", "什么时候")
    assert all(a.answered for a in answers), [a.fact_ids for a in answers]
    assert factbase.index.documents[answers[1].fact_ids[0]].entity_id == "bytedance"


@pytest.mark.parametrize("question", ["蘋果公司裁員", "华为集团裁员补偿怎么算", "拼多多裁员了吗",
                                      # asked whether it did (blind11: "华为2023年有没有裁员？" got China's severance)
                                      "拼多多去年有没有裁员", "米哈游是否裁员", "华为也裁员了吗"])
def test_a_company_the_base_does_not_know_named_in_chinese_is_declined(factbase, question):
    """"<name>公司": a company the base does not know is no question about China's law (the decision,
    surer of Chinese questions after the refit, had answered "蘋果公司裁員" with China's protected employees).
    Nor is "<name>有没有裁员", "<name>是否裁员": whether it laid off, asked of a name the base does not know."""
    answer, _ = factbase.ask(question)
    assert not answer.answered, answer.fact_ids
    assert question[:2] in answer.note or question[:3] in answer.note, answer.note  # named, as in English


@pytest.mark.parametrize("question", ["华为2024年裁员多少人", "拼多多 2023年 裁了多少人", "米哈游去年裁员多少人"])
def test_a_count_of_a_company_the_base_does_not_know_is_no_total_of_the_base(factbase, question):
    """A Chinese count with a time between the unknown name and the verb (a new user's "华为2024年裁员多少人")
    had been read as the base's total for the year: an answer about every company to a question about one."""
    answer, _ = factbase.ask(question)
    assert not answer.answered and not answer.view, (answer.fact_ids, answer.claims[:1])
    assert question.split()[0][:2] in answer.note, answer.note


@pytest.mark.parametrize("question", ["2024年裁员多少人", "中国2023年裁员多少人", "今年裁员多少人", "最新裁员",
                                      "去年一共裁了多少人"])
def test_a_count_of_a_period_or_a_country_in_chinese_is_still_a_view(factbase, question):
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.view, (question, answer.fact_ids)


@pytest.mark.parametrize("question", [
    "外资公司裁员补偿怎么算", "我们公司裁员要提前通知吗", "要是公司裁员不给补偿怎么办", "经济性裁员要通知工会吗"])
def test_a_generic_employer_in_chinese_is_asked_about_under_chinas_law(factbase, question):
    answer, _ = factbase.ask(question)
    assert answer.answered and factbase.index.documents[answer.fact_ids[0]].entity_id == "cn", answer.fact_ids


def test_a_place_assumed_is_not_named_in_a_decline(factbase):
    """A Chinese question naming no place is read against China's law, but its decline does not say
    "I know about China" when the asker named something else ("蘋果公司裁員": Apple, not in the base)."""
    answer, _ = factbase.ask("蘋果公司裁員")
    assert not answer.answered
    assert "中國" not in answer.note and "中国" not in answer.note and "China" not in answer.note


@pytest.mark.parametrize("question, place", [
    ("mexico severance law", "Mexico"),  # a country the base has no rules of (CLDR's English names)
    ("brazil notice period rules", "Brazil"),
])
def test_a_rule_question_about_a_country_the_base_lacks_is_declined_naming_it(factbase, question, place):
    answer, _ = factbase.ask(question)
    assert not answer.answered and place in answer.note, (answer.fact_ids, answer.note)


@pytest.mark.parametrize("size", ["how many was that", "how big was that one", "and how large was it?",
                                  "how deep did it go"])
def test_a_bare_how_many_after_why_asks_the_size_of_that_round(factbase, size):
    """The question word of a bare follow-up says what it asks ("how many was that?" after "why?" had
    repeated the reason: the new-user trial). "How big", "how large" ask the size as "how many" does (blind11:
    "how big was that one" after Spotify's January reason repeated the reason)."""
    *_, last = ask_thread(factbase, "dell layoffs feb 2023", "why", size)
    assert last.answered and last.fact_ids[0] == "dell-layoff-2023-02-size", last.fact_ids


def test_a_question_asking_why_and_how_many_gets_both(factbase):
    """"how many ... and why" asks two things: the round's reason and its size (the new-user trial
    got the reason alone)."""
    answer, _ = factbase.ask("why did dell cut jobs in 2023 and how many")
    topics = [factbase.index.documents[f].topic for f in answer.fact_ids]
    assert answer.answered and topics[:2] == ["layoff-reason", "layoff-size"], answer.fact_ids


def test_any_other_rounds_lists_the_company_the_talk_is_about(factbase):
    """"any other rounds?" after one company's round is that company's timeline (the new-user trial
    got the WARN-notice glossary entry)."""
    _, other = ask_thread(factbase, "layoffs at shopify", "any other rounds?")
    assert other.view_kind == "timeline" and other.view.company_ids == ("shopify",), (other.view_kind, other.view)


def test_what_about_another_company_after_a_decline_asks_the_declined_question_again(factbase):
    """"ok so what about Meta in 2023?" after a question about a company the base does not know: the
    opener ("ok so") and the year do not hide the "what about X?" shape, and the declined question's
    words, without its unknown name, are what is asked of Meta (it had got Meta's profile)."""
    _, then = ask_thread(factbase, "Did Nvidia cut jobs in 2023?", "ok so what about Meta in 2023?")
    top = factbase.index.documents[then.fact_ids[0]]
    assert then.answered and (top.entity_id, top.topic) == ("meta", "layoff-size") and "2023" in top.id, then.fact_ids


def test_a_hedge_adds_nothing_to_a_bare_follow_up(factbase):
    """"how many exactly?", "how many roughly?": the adverb is no new subject (it was an unknown word, so
    the follow-up did not lean on the conversation and was declined)."""
    _, exactly = ask_thread(factbase, "google layoffs 2024", "how many exactly?")
    assert exactly.answered and factbase.index.documents[exactly.fact_ids[0]].entity_id == "alphabet"


def test_exceptions_exemptions_and_exclusions_are_one_word(factbase):
    """"are there exemptions?" after a rule answer: a rule that "excludes" some workers answers it (the
    word was unknown to the jurisdiction's facts, so the follow-up did not lean on it and was declined)."""
    _, exempt = ask_thread(factbase, "australia redundancy pay", "are there exemptions?")
    assert exempt.answered and exempt.fact_ids[0] == "au-redundancy-exclusions-small-business", exempt.fact_ids


@pytest.mark.parametrize("question", [
    "what do meta engineers earn",  # earnings
    "whats the minimum wage in germany",  # ... a minimum wage
    "how much does a meta engineer make",  # ... pay, asked with "make"
    "日本加班费怎么算",  # working time: overtime pay
    "is pay in lieu of notice taxable",  # tax, though it names a topic (notice)
    "裁员补偿要交税吗",  # ... in Chinese
    "tencent share price after the layoffs",  # a share price
    "美国失业率是多少",  # the unemployment rate
    "What is Xiaohongshu's revenue?",  # a company's money (the issue's own near-domain decline)
    "小红书营收多少",
    "what were alibaba's profits in 2023",
])
def test_an_aspect_no_fact_speaks_of_is_declined(factbase, question):
    """What staff earn, a share price, the unemployment rate: no topic of the base; the company's or the
    country's layoff facts do not answer them (they had, at 0.6-0.9)."""
    answer, _ = factbase.ask(question)
    assert not answer.answered, answer.fact_ids


def test_an_aspect_is_answered_by_a_fact_that_speaks_of_it(factbase):
    answer, _ = factbase.ask("did JD reduce managers' salaries in 2022?")
    assert answer.answered and answer.fact_ids[0] == "jd-com-executives-2022-context", answer.fact_ids
    profit, _ = factbase.ask("has bilibili ever made a profit")  # its profile says it had not
    assert profit.answered and profit.fact_ids[0] == "bilibili-profile", profit.fact_ids


def test_chat_fillers_add_nothing_to_a_follow_up(factbase):
    """"why tho", "lol ok why did they cut": chat fillers are no subject of their own (as unknown words
    they stopped the follow-up leaning on the conversation)."""
    for follow_up in ("why tho", "lol ok why did they cut"):
        _, why = ask_thread(factbase, "spotify layoffs 2023", follow_up)
        top = factbase.index.documents[why.fact_ids[0]] if why.answered else None
        assert top is not None and (top.entity_id, top.topic) == ("spotify", "layoff-reason"), follow_up


@pytest.mark.parametrize("question", ["is it better to take severance or not", "is there a max?"])
def test_an_everyday_word_is_no_company_name_unless_written_as_one(factbase, question):
    """"better" (Better.com) and "max" (Warner Bros. Discovery's Max), lowercase, are the words, also
    when a typo-tolerant match would take them for the name."""
    answer, _ = factbase.ask(question)
    assert not {factbase.index.documents[f].entity_id for f in answer.fact_ids} & {"better-com",
                                                                                   "warner-bros-discovery"}
    assert "Better.com" not in answer.note and "Warner" not in answer.note, answer.note


def test_a_ceiling_is_a_cap(factbase):
    _, cap = ask_thread(factbase, "china severance pay formula", "is there a ceiling?")
    assert cap.answered and cap.fact_ids[0] == "cn-severance-amount", cap.fact_ids


def test_a_comma_inside_a_company_name_does_not_make_a_second_alias(factbase):
    """"Nike, Inc." unquoted in a YAML list was two aliases, "Nike" and "Inc."; "inc" named Nike."""
    answer, _ = factbase.ask("what is inc")
    assert "Nike" not in answer.note and not answer.answered


def test_a_declined_turn_that_points_back_keeps_the_subject(factbase):
    """"was my uncle in seattle one of them" is declined (the base knows no uncle), but "them" points at
    the company just talked about, so the next "why did they cut?" is still about it."""
    *_, why = ask_thread(factbase, "how many did boeing cut in 2024", "was my uncle in seattle one of them",
                         "why did they cut")
    assert why.answered and factbase.index.documents[why.fact_ids[0]].entity_id == "boeing", why.fact_ids


def test_of_those_in_a_place_narrows_the_company_talked_about(factbase):
    """"how many of those in germany?" after SAP's cuts asks about SAP's, not Germany's law (it got
    Germany's mass-dismissal thresholds: a wrong-entity answer)."""
    _, those = ask_thread(factbase, "sap 2024 restructuring how many jobs", "how many of those in germany")
    assert those.answered and factbase.index.documents[those.fact_ids[0]].entity_id == "sap", those.fact_ids


def test_a_follow_up_with_one_word_the_company_never_uses_still_leans_on_it(factbase):
    """"how did ppl find out" after Twitter's layoff: "find" is no word of Twitter's facts, but half the
    question's words are, so it asks about Twitter (it got the glossary's WARN notice, a wrong answer)."""
    _, how = ask_thread(factbase, "did twitter fire half its staff in 2022", "how did ppl find out")
    assert {factbase.index.documents[f].entity_id for f in how.fact_ids} <= {"twitter"}, how.fact_ids


def test_cantonese_why_and_particles(factbase):
    """點解 is Cantonese "why"; 咗, 咁, 㗎, 唔… are particles, no words of the question's subject."""
    _, why = ask_thread(factbase, "日產裁咗幾多人", "點解要裁")
    assert why.answered and factbase.index.documents[why.fact_ids[0]].topic == "layoff-reason", why.fact_ids


def test_colloquial_chinese_function_words_add_nothing_to_a_follow_up(factbase):
    """"赔偿咋样" ("how's the compensation"), "那边" ("over there"): 咋, 啥, 那边, 咋样, 是不是 are no subject;
    as unknown words they stopped the follow-up leaning on the company talked about."""
    _, pay, why = ask_thread(factbase, "字节跳动裁员多少人", "赔偿咋样", "为啥裁")
    assert pay.answered and factbase.index.documents[pay.fact_ids[0]].entity_id == "bytedance", pay.fact_ids
    assert why.answered and factbase.index.documents[why.fact_ids[0]].topic == "layoff-reason", why.fact_ids


@pytest.mark.parametrize("questions", [
    ("amazon layoffs jan 2023 how many", "reason?", "and the oct 2025 one"),  # "the X one": a round
    ("intel 2024 layoffs", "why", "2025 too?"),  # "too"
    ("byjus 2022 job cuts", "what did byju say about it", "did they cut again in 2023?"),  # only a cut, again
])
def test_another_round_asked_after_a_reason_asks_its_size(factbase, questions):
    *_, last = ask_thread(factbase, *questions)
    top = factbase.index.documents[last.fact_ids[0]] if last.answered else None
    assert top is not None and top.topic == "layoff-size", (questions, last.fact_ids)


def test_a_chinese_what_about_x_asks_the_last_question_of_x(factbase):
    """"美团呢" after a question about JD's layoffs: Meituan's layoffs (it got Meituan's profile)."""
    _, meituan = ask_thread(factbase, "京东2022年裁员咋回事", "美团呢")
    top = factbase.index.documents[meituan.fact_ids[0]] if meituan.answered else None
    assert top is not None and (top.entity_id, top.topic) == ("meituan", "layoff-size"), meituan.fact_ids


def test_a_when_clause_is_no_question_of_when(factbase):
    """"what did Spotify give staff when they cut jobs": what they got, not when."""
    from bot.analysis import parse_question

    parsed = parse_question(factbase.index, "what did spotify give staff when they cut jobs", Conversation())
    assert parsed.question_type is None and parsed.topic == "severance"


def test_a_forecast_declined_still_says_what_the_talk_is_about(factbase):
    """"will amazon have more layoffs next year" is declined (nothing reported answers it), but the next
    "what about the jan 2026 cuts, how many was that" is about Amazon: its round, not every company's."""
    forecast, then, why = ask_thread(factbase, "will amazon have more layoffs next year",
                                     "what about the jan 2026 cuts, how many was that", "why")
    assert not forecast.answered
    assert then.answered and then.view_kind is None and then.fact_ids[0].startswith("amazon-"), then.fact_ids
    assert why.answered and factbase.index.documents[why.fact_ids[0]].topic == "layoff-reason"


def test_what_about_x_after_a_declined_unknown_company_asks_the_same_of_x(factbase):
    """"and xiaomi?" after "huawei layoffs" (Huawei unknown, lowercase): the words the base does not know
    are not remembered, so Xiaomi's layoffs are asked (it was declined)."""
    _, xiaomi = ask_thread(factbase, "huawei layoffs", "and xiaomi?")
    top = factbase.index.documents[xiaomi.fact_ids[0]] if xiaomi.answered else None
    assert top is not None and (top.entity_id, top.topic) == ("xiaomi", "layoff-size"), xiaomi.fact_ids


def test_a_round_picked_by_a_superlative_is_no_new_subject(factbase):
    """"when was the biggest one" after Amazon's 2023 rounds leans on Amazon (it looked for "biggest"
    everywhere). Whether it is sure enough to answer is the decision's call; what it ranks first is not."""
    from bot.matching import match_and_rank

    _, conversation = factbase.ask("how many did amazon lay off in 2023")
    _, scored = match_and_rank(factbase.index, "when was the biggest one", conversation)
    assert factbase.index.documents[scored[0][1]].entity_id == "amazon", scored[:3]


def test_cantonese_words_read_as_their_mandarin_ones(factbase):
    """幾耐 (how long), 幾多 (how many), 點計 (how is it worked out) are 多久, 多少, 怎么算 (which reads as
    "calculate", as 计算 does; 多久 as "how long", as English asks it)."""
    assert factbase.index.content_words("几耐 几多 点计") == factbase.index.content_words("多久 多少 怎么算") == [
        "howlong", "多少", "calculat"]


def test_is_that_the_same_in_another_place_asks_the_last_question_there(factbase):
    """"is that the same in korea?" after Japan's dismissal notice: Korea's notice rule (it got Korea's
    priority re-employment rule: the question's only word was "same")."""
    _, same = ask_thread(factbase, "how much notice before dismissal in japan", "is that the same in korea?")
    top = factbase.index.documents[same.fact_ids[0]] if same.answered else None
    assert top is not None and (top.entity_id, top.topic) == ("kr", "notice"), same.fact_ids


@pytest.mark.parametrize("question", ["what are the layoff rules in brazil", "spain legal requirements for layoffs"])
def test_a_law_question_about_a_country_without_rules_is_declined_naming_it(factbase, question):
    """"rules", "legal": a question about a country's law, though no rule topic's word is in it; a
    country the base has no rules of is declined and named (Brazil got the glossary's furlough)."""
    answer, _ = factbase.ask(question)
    assert not answer.answered and answer.missing in question.title(), (answer.fact_ids, answer.missing)


def test_numbers_or_stats_ask_about_the_rounds_in_general(factbase):
    """"salesforce layoff numbers": no word of its own beside the layoffs, so the rounds summary, the
    biggest first (it got the 2025 support-team round alone)."""
    answer, _ = factbase.ask("salesforce layoff numbers")
    assert answer.answered and answer.fact_ids[0] == "salesforce-layoff-2023-01-size", answer.fact_ids
    assert "In all, Salesforce's rounds" in answer.text


def test_bc_is_no_subject_of_a_follow_up(factbase):
    """"bc", "cuz" (because) are no words of the subject: "and that support team cut bc of AI?" after
    Salesforce's layoffs leans on Salesforce (as an unknown word, "bc" stopped it)."""
    _, team = ask_thread(factbase, "salesforce layoffs", "and that support team cut bc of AI?")
    assert team.answered and factbase.index.documents[team.fact_ids[0]].entity_id == "salesforce", team.fact_ids


@pytest.mark.parametrize("question", ["twiter layoffs after musk bought it", "did xiaomi have layoffs in 2024"])
def test_a_layoff_question_is_not_answered_with_the_company_profile(factbase, question):
    """Who the company is answers no question about its layoffs (Twitter's profile tells the takeover;
    Xiaomi's, asked about a year it cut no one, should be declined instead)."""
    answer, _ = factbase.ask(question)
    assert not any(factbase.index.documents[f].topic == "profile" for f in answer.fact_ids
                   if f in factbase.index.documents), answer.fact_ids


def test_a_later_year_after_by_is_a_plans_deadline_not_a_forecast(factbase):
    """"how many by 2030" after Volkswagen's cuts asks about the plan already announced (35,000 by 2030), not
    what will happen: answered (it was declined as a forecast); "in 2027" still is one."""
    _, by = ask_thread(factbase, "volkswagen job cuts germany", "how many by 2030")
    assert by.answered and by.fact_ids[0].startswith("volkswagen-"), by.fact_ids
    later, _ = factbase.ask("will volkswagen cut more jobs in 2027")
    assert not later.answered
    # blind11: a plan's deadline by a fiscal year ("by fiscal 2028", "by FY2028") was declined as a forecast
    fiscal, _ = factbase.ask("hp is cutting jobs by the end of fiscal year 2028 - how many?")
    assert fiscal.answered and fiscal.fact_ids[0].startswith("hp-"), fiscal.fact_ids


@pytest.mark.parametrize("question, company", [
    ("阿里巴巴毕业了多少人", "alibaba"),  # 毕业 ("graduated"): laid off
    ("美团被优化了多少员工", "meituan"),  # 优化 ("optimised"): laid off
])
def test_a_layoff_euphemism_said_of_a_company_is_its_layoff(factbase, question, company):
    """What Chinese tech workers call being laid off, said of a named company, asks about its layoffs,
    not who the company is (its profile) nor what the word means."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids, answer.fact_ids
    top = factbase.index.documents[answer.fact_ids[0]]
    assert top.entity_id == company and top.topic != "profile", answer.fact_ids


def test_a_layoff_euphemism_asked_about_is_still_its_meaning(factbase):
    answer, _ = factbase.ask("毕业是什么意思")
    assert answer.answered and factbase.index.documents[answer.fact_ids[0]].entity_id is None, answer.fact_ids


@pytest.mark.parametrize("question", ["whats the maternity leave in denmark", "what's garden leave in sweden"])
def test_a_term_asked_of_a_country_without_rules_is_declined(factbase, question):
    """A question with no topic, or one asking what a term is, about a country the base has no rules
    of: declined (a new user's "paternity leave in sweden" got the glossary's garden leave)."""
    answer, _ = factbase.ask(question)
    assert not answer.answered, answer.fact_ids


def test_a_term_asked_without_a_country_is_still_defined(factbase):
    answer, _ = factbase.ask("what's garden leave")
    assert answer.answered and answer.fact_ids[0] == "glossary-garden-leave", answer.fact_ids


@pytest.mark.parametrize("company, year", [("swiggy", 2023), ("zillow", 2021), ("unacademy", 2022)])
def test_a_follow_up_naming_only_a_year_gets_that_years_round(factbase, company, year):
    """"what about 2025" after a company's layoffs and "why": a year alone, with a round of that year on
    record, gets that round (a new user's Intel thread, and a third of such threads, were declined:
    no words left to rank facts by)."""
    *_, answer = ask_thread(factbase, f"{company} layoffs", "why", f"what about {year}")
    assert answer.answered and answer.fact_ids, answer
    top = factbase.index.documents[answer.fact_ids[0]]
    assert top.entity_id == company and str(year) in f"{top.as_of} {top.claim}", answer.fact_ids


@pytest.mark.parametrize("question, company", [
    ("ubers layoffs in 2020", "uber"),
    ("how many did metas first round cut", "meta"),
])
def test_a_possessive_without_its_apostrophe_names_the_company(factbase, question, company):
    """"metas second round": Meta's, typed without the apostrophe (a new user was told "I have no
    sourced facts about Metas"); a short name has no typo tolerance to catch it."""
    answer, _ = factbase.ask(question)
    assert answer.answered and entities(factbase, answer) == {company}, answer.fact_ids


@pytest.mark.parametrize("question, company", [
    ("salesforce tech layoffs 2023", "salesforce"),
    ("amazon tech layoffs 2023", "amazon"),
    ("intel tech layoffs", "intel"),
])
def test_a_sector_word_beside_a_company_is_no_word_to_match(factbase, question, company):
    """"meta tech layoffs 2023" was declined: "tech" is what the company is, and its facts need not say
    it; beside a named company it is dropped from the words to match."""
    answer, _ = factbase.ask(question)
    assert answer.answered and entities(factbase, answer) == {company}, answer.fact_ids


@pytest.mark.parametrize("question, country", [
    ("unfair dismissal in australia", "au"),
    ("Who can claim unfair dismissal in Britain?", "uk"),
])
def test_a_phrase_beside_a_word_is_no_misspelt_statute(factbase, question, country):
    """"unfair dismissal in" is 88% like "unfair dismissals act" (Ireland's statute) letter by letter, but
    "in" is no misspelt "act": a typo changes letters within words, so each word of a name caught by
    typo tolerance must be close to the name's word in its place (Irish law answered these)."""
    from bot.analysis import parse_question

    parsed = parse_question(factbase.index, question, Conversation())
    assert parsed.entity_ids == (country,), parsed.entity_ids


def test_a_misspelt_word_of_a_name_is_still_the_name(factbase):
    from bot.analysis import parse_question

    assert parse_question(factbase.index, "mata platforms layoffs", Conversation()).entity_ids == ("meta",)


@pytest.mark.parametrize("question, company", [
    ("meta 2022 layoffs severance for us employees", "meta"),
    ("twitter layoffs uk staff notice", "twitter"),
    ("shopify severance for canada employees 2023", "shopify"),
])
def test_a_place_naming_which_staff_of_a_company_is_not_its_law(factbase, question, company):
    """"coinbase jan 2023 layoffs severance for us staff" got the US rule that federal law requires no
    severance: "us staff" says which of Coinbase's staff, not which law (unless the law is asked of)."""
    answer, _ = factbase.ask(question)
    assert answer.answered and entities(factbase, answer) == {company}, answer.fact_ids


def test_a_companys_staff_with_the_law_asked_of_keeps_the_place(factbase):
    from bot.analysis import parse_question

    parsed = parse_question(factbase.index, "is meta legally required to pay its uk staff redundancy pay",
                            Conversation())
    assert "uk" in parsed.entity_ids, parsed.entity_ids


@pytest.mark.parametrize("question, fact", [
    ("what is the hr1", "uk-hr1-notification"),
    ("what is the Insolvency Service", "uk-hr1-notification"),
    ("What is retrenchment compensation under the Industrial Disputes Act?", "in-retrenchment-compensation"),
    ("what is MPF offsetting under the Employment Ordinance", "hk-mpf-offsetting-abolished"),
])
def test_what_is_a_term_of_a_law_gets_the_rule_about_it(factbase, question, fact):
    """"what is the HR1 form" was declined: the term is the UK's alias, so the question read as "what is
    <the law>", of the definition topic no rule has. A term that is no law's name ("act", "code", "law"...)
    is what its own rule is about, whatever that rule's topic; so is a term asked beside the law's name
    ("what is retrenchment compensation under the Industrial Disputes Act" was declined as "what is the
    Act")."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == fact, answer.fact_ids


@pytest.mark.parametrize("question, fact", [
    ("how does the waiting time penalty work", "us-ca-final-pay-waiting-time-penalty"),
    ("does unforeseeable business circumstances excuse warn notice", "us-warn-exceptions"),
    ("Massenentlassungsanzeige deadline", "de-mass-dismissal-notification"),
    ("how long is the Probezeit in Germany", "de-notice-periods-bgb-622"),
    ("who counts as a salarié protégé", "fr-protected-employees"),
])
def test_a_term_of_a_law_is_what_is_asked_not_only_where(factbase, question, fact):
    """A law's term kept as a place's alias ("waiting time penalty" of California, "Probezeit" of Germany)
    named the place and was masked out of what was asked: "how does the waiting time penalty work" got
    California's WARN penalties, "Massenentlassungsanzeige deadline" the deadline to sue. Such names are the
    jurisdiction's `terms` (knowledge/rules/*.yaml): they name the place and say what is asked about."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == fact, answer.fact_ids


def test_what_is_a_laws_name_is_still_what_the_law_is(factbase):
    answer, _ = factbase.ask("What is the WARN Act?")
    assert answer.answered and answer.fact_ids[0] == "glossary-warn-notice", answer.fact_ids


@pytest.mark.parametrize("question, country", [("日本裁员法规", "jp"), ("法国裁员法律", "fr"), ("香港裁员法例", "hk")])
def test_a_chinese_law_word_asks_nothing_of_its_own(factbase, question, country):
    """"德国裁员规定" (Germany's layoff rules) was declined while "germany layoff rules" was answered: 规定,
    法规, 法律 are the law words English questions drop as stopwords ("rules", "law", "legal")."""
    answer, _ = factbase.ask(question)
    assert answer.answered and entities(factbase, answer) == {country}, answer.fact_ids


@pytest.mark.parametrize("question", ["刚被裁了能拿多少补偿", "被裁员了公司要赔多少"])
def test_a_chinese_verb_phrase_before_company_is_no_company_name(factbase, question):
    """"被裁了公司给多少补偿" ("laid off: how much does the company pay") read 被裁了 as an unknown company's
    name and declined; a passive (被), an aspect particle (了) or a time adverb (刚, 又, 已) makes a verb
    phrase, and the question is China's severance rule (a Chinese question naming no country)."""
    answer, _ = factbase.ask(question)
    assert answer.answered and entities(factbase, answer) == {"cn"}, (answer.fact_ids, answer.missing)


@pytest.mark.parametrize("question", ["what is sick pay like in norway", "whats gardening leave like in spain"])
def test_everyday_words_are_no_misspelt_name(factbase, question):
    """"like in" is 88% like "Linked In" (LinkedIn's alias): a decline said "I know about LinkedIn". A typo
    makes a word nobody writes; a gram of words the base or the lexicon knows is no misspelt name."""
    from bot.analysis import parse_question

    assert parse_question(factbase.index, question, Conversation()).entity_ids == ()


@pytest.mark.parametrize("thread, company", [
    (("spotify layoffs 2023", "who announced it", "and shopify"), "shopify"),
    (("salesforce layoffs 2023", "who announced it", "and meta"), "meta"),
])
def test_a_declined_follow_up_about_the_same_company_leaves_the_talk_as_it_was(factbase, thread, company):
    """"who announced it" after Tesla's 2024 layoffs was declined; its words ("announc") became what the talk
    was about, so "and salesforce" was declined too. A follow-up whose subject came from the conversation
    names none of its own: declined, it leaves the topic and words as they were; answered (since "announce"
    is a stopword, with the round just told), it keeps the talk's words."""
    *_, answer = ask_thread(factbase, *thread)
    assert answer.answered and entities(factbase, answer) == {company}, answer.fact_ids


@pytest.mark.parametrize("thread", [("spotify layoffs 2023", "link?"), ("亚马逊2023年裁员多少人", "出处呢"),
                                    ("uk redundancy pay", "where is that from")])
def test_asking_for_the_source_gives_the_last_answers_sources(factbase, thread):
    """"source?" after an answer was declined (a new user, trial 7): it asks where the last answer came from. Trial
    25: the answer reprinted above its sources read as the bot repeating itself; one line and the sources do."""
    first, again = ask_thread(factbase, *thread)
    assert again.answered and again.fact_ids == first.fact_ids and again.citations, again.fact_ids
    assert len(again.claims) == 1 and len(again.claims[0]) < 80 and "[1]" in again.claims[0], again.claims


def test_asking_for_a_source_with_nothing_said_is_declined(factbase):
    answer, _ = factbase.ask("source?")
    assert not answer.answered


@pytest.mark.parametrize("question, fact", [
    ("is a firm of 40 people covered by the federal WARN Act", "us-warn-coverage"),
    ("who is eligible for statutory redundancy pay in Ireland", "ie-statutory-redundancy-eligibility"),
    ("does Cal-WARN apply to a 60 person company", "us-ca-warn-coverage"),
])
def test_whom_a_law_covers_is_its_coverage_rule(factbase, question, fact):
    # "apply", "cover", "eligible" ask whom a law covers; a figure on either side of the rule's bound
    # (40 against "100 or more") is answered by that rule, not by one that states the figure.
    answer, _ = factbase.ask(question)
    assert answer.fact_ids[:1] == (fact,)


@pytest.mark.parametrize("question", ["how long do I have to apply to the tribunal after an unfair dismissal in korea",
                                      "can we apply for unemployment benefits in new york"])
def test_applying_for_something_is_no_question_of_coverage(factbase, question):
    from bot.matching import analyse
    _, topic = analyse(factbase.index, question, Conversation())
    assert topic != "coverage"


@pytest.mark.parametrize("question, country", [
    ("In an EU collective redundancy, what must be discussed with the staff reps?", "eu"),
    ("what do employee representatives get told in an EU mass layoff", "eu"),
    ("法国裁员要和员工代表谈吗", "fr"),
])
def test_the_staffs_representatives_are_asked_about_consultation(factbase, question, country):
    from bot.matching import analyse
    parsed, topic = analyse(factbase.index, question, Conversation())
    assert (parsed.entity_ids[:1], topic) == ((country,), "consultation")


@pytest.mark.parametrize("thread, fact", [
    (("How much notice do employers need to give for a mass layoff in the US?", "and in California?"),
     "us-ca-warn-notice"),
    (("how much warning must US employers give before a mass layoff", "what about California?"), "us-ca-warn-notice"),
])
def test_and_in_another_place_asks_with_the_last_question_word(factbase, thread, fact):
    # "and in California?" asks "how much notice" again: the rule on how long, not on what the notice says
    answers = ask_thread(factbase, *thread)
    assert answers[-1].fact_ids[:1] == (fact,)


def test_a_glossary_answer_leaves_the_talk_on_the_topic_asked(factbase):
    answer, conversation = factbase.ask("how much notice before a mass layoff?")
    assert factbase.index.documents[answer.fact_ids[0]].topic == "definition"
    assert conversation.topic == "notice"  # the next "and in California?" asks about notice


@pytest.mark.parametrize("question, fact", [("do us companies have to pay severance", "us-no-federal-severance"),
                                            ("Which law covers us workers in a mass layoff?", "us-warn-mass-layoff")])
def test_lowercase_us_before_a_noun_is_the_country(factbase, question, fact):
    answer, _ = factbase.ask(question)
    assert answer.fact_ids[:1] == (fact,)


@pytest.mark.parametrize("question", ["ontario mass termination rules", "collective dismissals in germany",
                                      "group terminations under the canada labour code"])
def test_each_laws_own_name_for_a_mass_layoff_is_one(factbase, question):
    from bot.matching import analyse
    parsed, topic = analyse(factbase.index, question, Conversation())
    assert "masslayoff" in parsed.content and topic == "mass-layoff"


@pytest.mark.parametrize("question, fact", [
    ("how much notise is needed for a mass layoff in new york", "us-ny-warn-notice"),
    ("whats the notcie peroid in germany", "de-notice-periods-bgb-622"),
])
def test_one_slip_in_a_short_word_is_corrected(factbase, question, fact):
    # one letter changed or two swapped in a word of up to 7 letters: `ratio` is under its cutoff there
    answer, _ = factbase.ask(question)
    assert answer.fact_ids[:1] == (fact,)


def test_an_english_word_the_base_does_not_use_is_no_misspelling(factbase):
    from bot.analysis import _correct_spelling
    assert _correct_spelling(factbase.index, "bread coding pride", "bread coding pride") == "bread coding pride"
    # ... however alike a word the base uses it looks ("beaches" 93% of "breaches": blind16's "best ramen spots in
    # tokyo" read "sports"), though another form of a word the base uses is that word ("federally")
    assert _correct_spelling(factbase.index, "nice beaches spots", "nice beaches spots") == "nice beaches spots"
    assert _correct_spelling(factbase.index, "and federally", "and federally") == "and federal"
    answer, _ = factbase.ask("nice beaches in australia")
    assert not answer.answered, answer.fact_ids


@pytest.mark.parametrize("question, fact", [("quiet cutting vs layoffs", "glossary-quiet-cutting"),
                                            ("furlough versus layoff: what's the difference", "glossary-furlough")])
def test_vs_is_no_unknown_name(factbase, question, fact):
    answer, _ = factbase.ask(question)
    assert answer.fact_ids[:1] == (fact,)


@pytest.mark.parametrize("question, fact", [("when must a UK employer send form HR1", "uk-hr1-notification"),
                                            ("where do french employers file their redundancy plan",
                                             "fr-dreets-notification")])
def test_when_or_where_asked_of_a_law_is_no_company_topic(factbase, question, fact):
    # "when" is a layoff's date and "where" a company's seat; asked of a law, they name no topic of a rule
    answer, _ = factbase.ask(question)
    assert answer.fact_ids[:1] == (fact,)


def test_a_period_after_a_notification_is_not_the_notification(factbase):
    # the event after "after" says when the period asked about starts, not what is asked about
    answer, _ = factbase.ask("EU rules: how many days after notifying the authorities before the layoffs can happen")
    assert answer.fact_ids[:1] == ("eu-30-day-waiting-period",)


def test_a_rules_qualifier_asked_alone_is_of_the_rule_talked_about(factbase):
    # "is there a max?" after a law's severance: that severance's cap, not another UK rule with a maximum
    answers = ask_thread(factbase, "how do they calculate redundancy pay in britain", "is there a max?")
    assert answers[-1].fact_ids[:1] == ("uk-redundancy-weekly-pay-cap",)


def test_a_companys_possessive_makes_the_place_beside_it_only_where(factbase):
    # "Agoda's severance offer in Singapore" is Agoda's offer, not Singapore's law (a wrong-entity answer)
    answer, _ = factbase.ask("what was in Agoda's severance offer in Singapore")
    assert entities(factbase, answer) == {"agoda"}


@pytest.mark.parametrize("question, fact", [("毕业指啥", "glossary-graduation-biye"),
                                            ("“996”到底指的是什么？", "glossary-996")])
def test_what_a_chinese_term_refers_to_is_its_meaning(factbase, question, fact):
    # 指什么, 指的是什么, 指啥 ("what does it refer to") ask a meaning, as 什么意思 does
    answer, _ = factbase.ask(question)
    assert answer.fact_ids[:1] == (fact,)


def test_for_some_reasons_says_what_kind_of_dismissal_not_why(factbase):
    # "dismissals for managerial reasons" names the kind of dismissal; the question is about reporting them
    answer, _ = factbase.ask("In Korea, must an employer report dismissals for managerial reasons to the labor "
                             "ministry?")
    assert answer.fact_ids[:1] == ("kr-managerial-dismissal-report",)


@pytest.mark.parametrize("question, fact", [
    ("is it true that spotify cut 1500 jobs in december 2023", "spotify-layoff-2023-12-size"),
    ("Meta 2023年3月裁员1万人是真的吗", "meta-layoff-2023-03-size"),
    ("salesforce 10% layoff 2023 legit?", "salesforce-layoff-2023-01-size"),
])
def test_asking_to_confirm_a_claim_asks_for_the_fact(factbase, question, fact):
    # "is it true", "legit", 是真的吗 add no subject: the claim they ask about is the question
    answer, _ = factbase.ask(question)
    assert answer.fact_ids[:1] == (fact,)



@pytest.mark.parametrize("thread, fact", [
    (("how much notice for a mass layoff in california", "ny?"), "us-ny-warn-notice"),
    (("meta layoffs 2023", "amazon"), "amazon-layoff-2023-01-size"),
])
def test_a_bare_name_like_the_last_subject_asks_the_last_question_again(factbase, thread, fact):
    answers = ask_thread(factbase, *thread)
    assert answers[-1].fact_ids[:1] == (fact,)


@pytest.mark.parametrize("question", ["what did atlassian give the staff when they laid off 500 in 2023",
                                      "what did atlassian give employees when it cut 500 jobs"])
def test_a_when_clause_says_which_round_not_what_is_asked(factbase, question):
    # "when they laid off 500" picks the round; what is asked is what the staff were given
    answer, _ = factbase.ask(question)
    assert answer.fact_ids[:1] == ("atlassian-layoff-2023-process",)


@pytest.mark.parametrize("question, fact", [
    ("how many weeks notice is required in ontario for a mass termination", "ca-on-mass-termination-notice"),
    ("how much notice for a group termination under the canada labour code", "ca-fed-group-termination-notice"),
])
def test_the_notice_owed_for_a_mass_termination_is_a_notice_rule(factbase, question, fact):
    # Ontario's and Canada's group notice rules are filed under notice: their claims are the notice owed
    answer, _ = factbase.ask(question)
    assert answer.fact_ids[:1] == (fact,)


@pytest.mark.parametrize("question, facts", [
    ("Can my boss in France make people redundant without consulting the CSE?", {"fr-cse-consultation-deadlines"}),
    # (the duty for 20 to 99 redundancies, which 30 falls in, says as well as the trigger that it applies)
    ("can a UK employer make 30 people redundant without consulting anyone",
     {"uk-collective-consultation-trigger", "uk-consultation-20-to-99"}),
])
def test_can_they_skip_a_duty_asks_whether_the_duty_applies(factbase, question, facts):
    # "can ... without consulting" asks whether consultation is required; "what happens if ... without" asks
    # what follows (penalties)
    answer, _ = factbase.ask(question)
    assert answer.fact_ids[:1] and answer.fact_ids[0] in facts, answer.fact_ids


@pytest.mark.parametrize("question, company", [
    ("When did Salesforce announce its layoffs and how many jobs were cut?", "salesforce"),
    ("When did Amazon announce its big layoffs and how many jobs?", "amazon"),
])
def test_when_and_how_many_together_ask_for_the_rounds_size(factbase, question, company):
    # a round's size fact states its date; the date topic alone has almost no facts of its own
    answer, _ = factbase.ask(question)
    lead = factbase.index.documents[answer.fact_ids[0]]
    assert (lead.entity_id, lead.topic) == (company, "layoff-size")


@pytest.mark.parametrize("question", ["推特是不是裁掉了半数员工", "推特裁员一半是真的吗"])
def test_half_in_chinese_is_the_half_the_facts_state(factbase, question):
    answer, _ = factbase.ask(question)
    assert answer.fact_ids[:1] == ("twitter-layoff-2022-11-size",)


@pytest.mark.parametrize("question", ["Are Microsoft's profits up this year?", "is microsoft making a profit"])
def test_a_general_fact_that_never_names_the_company_asked_about_is_no_answer(factbase, question):
    # the best candidate left was China's tutoring rules (they mention a non-profit): decline instead
    answer, _ = factbase.ask(question)
    assert not answer.answered


def test_a_laws_own_term_beside_other_words_is_still_asked_about(factbase):
    # "HR1 form" is an alias of the UK; with "deadline" beside it, the form is still what is asked about
    answer, _ = factbase.ask("HR1 form deadline in the uk")
    assert answer.fact_ids[:1] == ("uk-hr1-notification",)


def test_a_continuation_keeps_the_topic_asked_not_the_neighbour_that_answered(factbase):
    # Japan has no statutory severance; its nearest rule (notice pay) answers "那日本呢", but the talk is
    # still about severance: the next "韩国呢" asks for Korea's severance, not its notice
    answers = ask_thread(factbase, "中国经济补偿金怎么算", "那日本呢", "韩国呢")
    assert answers[-1].fact_ids[:1] == ("kr-statutory-severance-pay",)


@pytest.mark.parametrize("thread, fact", [
    (("sap layoffs 2024", "how many of those in germany"), "sap-layoff-2024-germany"),
    (("meta layoffs november 2022", "how many of them in India?"), None),  # no fact speaks of India
])
def test_of_those_in_a_place_is_answered_only_by_a_fact_of_that_place(factbase, thread, fact):
    answers = ask_thread(factbase, *thread)
    assert answers[-1].fact_ids[:1] == ((fact,) if fact else ())


@pytest.mark.parametrize("question, company", [
    ("what severance did shopify give and how many people were cut?", "shopify"),
    ("what did salesforce offer laid-off staff in 2023, and how many went?", "salesforce"),
])
def test_what_they_were_given_and_how_many_gets_the_rounds_size_too(factbase, question, company):
    answer, _ = factbase.ask(question)
    topics = [factbase.index.documents[f].topic for f in answer.fact_ids[:2]]
    assert topics == ["layoff-process", "layoff-size"] and entities(factbase, answer) == {company}


@pytest.mark.parametrize("question, fact", [
    ("can a pregnant employee be made redundant in the UK?", None),  # no UK fact speaks of pregnancy
    ("can you be fired while pregnant in germany", "de-maternity-dismissal-ban"),
])
def test_a_protected_condition_is_answered_only_by_a_fact_that_names_it(factbase, question, fact):
    answer, _ = factbase.ask(question)
    assert answer.fact_ids[:1] == ((fact,) if fact else ())


def test_will_with_a_past_year_asks_what_happened_not_a_forecast(factbase):
    # "will ... in 2025" asked after 2025 (the base's today is the machine's): no "I can't predict" note
    answer, _ = factbase.ask("Will Amazon lay off more people in 2025?")
    assert answer.answered and "predict" not in answer.note


def test_an_everyday_word_the_base_lacks_is_named_as_no_missing_company(factbase):
    # the decline must not say "I have no sourced facts about Resume" (or tell a curator to add it)
    answer, _ = factbase.ask("How do I write a resume after being laid off?")
    assert not answer.answered and "Resume" not in answer.note
    answer, _ = factbase.ask("Pinduoduo layoffs 2023")  # a name the base lacks is still named
    assert "Pinduoduo" in answer.note


def test_a_deadline_year_is_no_period_asked(factbase):
    # "by 2030" is when BT's plan ends, not the year of a round
    answer, _ = factbase.ask("BT to cut 55000 jobs by 2030")
    assert answer.answered and entities(factbase, answer) == {"bt-group"}


@pytest.mark.parametrize("thread, fact", [
    (("how many did meta cut in nov 2022", "and the second round, when was that?"), "meta-layoff-2023-03-size"),
    (("google layoffs january 2023", "when was their second round"), "alphabet-layoff-2024-01-size"),
])
def test_the_second_round_after_a_round_counts_all_rounds_when_that_year_has_one(factbase, thread, fact):
    # the year talked about (2022, 2023) holds one round: "the second round" is the company's second on record
    answers = ask_thread(factbase, *thread)
    assert answers[-1].fact_ids[:1] == (fact,)


def test_a_time_limit_is_no_cap(factbase):
    # "time limit" is when to claim by; "limit" alone is an upper limit. "上限呢" after Hong Kong's severance
    # asks for its cap, not for the claim deadlines (whose phrasings say "time limit")
    answers = ask_thread(factbase, "香港遣散费", "上限呢")
    assert answers[-1].fact_ids[:1] == ("hk-sp-lsp-formula-and-cap",)


@pytest.mark.parametrize("thread, fact", [
    (("how many did meta lay off in 2023?", "how many that time?"), "meta-layoff-2023-03-size"),
    (("谷歌2023年裁了多少人", "那次为什么裁"), "alphabet-layoff-2023-01-reason"),
    (("How many did Amazon cut in 2023?", "why at the time?"), "amazon-layoff-2023-01-reason"),
])
def test_a_time_pointed_at_is_the_round_just_told(factbase, thread, fact):
    # "that time", "at the time", 那次: the round just told, as a date would name it, no new subject
    answers = ask_thread(factbase, *thread)
    assert answers[-1].fact_ids[:1] == (fact,)


@pytest.mark.parametrize("thread, entity", [
    (("amazon layoffs march 2023", "which divisions?"), "amazon"),
    (("microsoft layoffs 2023", "which departments were hit?"), "microsoft"),
])
def test_a_part_of_the_company_asked_after_a_round_keeps_the_company(factbase, thread, entity):
    # "which divisions?" asks which part of the round just told was hit: a follow-up, whether or not the
    # company's own facts use the word (Amazon's say "AWS, Twitch, advertising")
    conversation = Conversation()
    for question in thread[:-1]:
        _, conversation = factbase.ask(question, conversation)
    parsed, _ = matching.analyse(factbase.index, thread[-1], conversation)
    assert parsed.entity_ids == (entity,)


@pytest.mark.parametrize("question, fact", [
    ("谷歌裁员一万两千人是什么时候", "alphabet-layoff-2023-01-size"),  # a figure in Chinese numerals; 是 + when
    ("谷歌2023年裁员是什么原因", "alphabet-layoff-2023-01-reason"),  # 是 + reason
])
def test_shi_before_a_chinese_question_word_asks_that_not_a_meaning(factbase, question, fact):
    # 是什么时候 / 是什么原因 ask when and why; the definition cue 是什么 must not take their front
    answer, _ = factbase.ask(question)
    assert answer.fact_ids[:1] == (fact,)


@pytest.mark.parametrize("question, fact", [
    ("aws layoffs", "amazon-layoff-2023-03-size"),  # a unit: March 2023's round names AWS; the biggest does not
    ("amazon web services job cuts", "amazon-layoff-2023-03-size"),  # ... by its other name
    ("alibaba cloud layoffs", "alibaba-layoff-2023-cloud-size"),
    ("阿里云裁员", "alibaba-layoff-2023-cloud-size"),  # a unit's Chinese name gives its English words
    ("google cloud layoffs", "alphabet-layoff-2025-size"),
])
def test_a_unit_named_is_answered_by_the_facts_that_speak_of_it(factbase, question, fact):
    answer, _ = factbase.ask(question)
    assert answer.fact_ids[:1] == (fact,)


def test_a_former_name_is_no_unit(factbase):
    # Facebook is Meta's old name, not a part of it: Meta's 2025 rounds answer though they say "Meta"
    answer, _ = factbase.ask("Facebook layoffs 2025")
    assert answer.answered and entities(factbase, answer) == {"meta"}


@pytest.mark.parametrize("thread, lead", [
    (("spotify's largest round",), "spotify-2023-12"),
    (("spotify layoffs", "which round was the biggest"), "spotify-2023-12"),
    (("meta layoffs", "which one was the largest?"), "meta-2022-11"),
    # ... or "of those", "of them" (trial 36: "which of those was the biggest?" after Spotify's layoffs was declined)
    (("meta layoffs", "which of them was the largest"), "meta-2022-11"),
    (("spotify layoffs", "out of those, which was biggest?"), "spotify-2023-12"),
])
def test_the_biggest_round_of_a_company_ranks_its_rounds(factbase, thread, lead):
    # "round", "one" with a superlative, of a company named or talked about, is its layoff rounds ranked
    answers = ask_thread(factbase, *thread)
    assert answers[-1].fact_ids[:1] == (lead,)


def test_a_units_parent_is_the_company_itself(factbase):
    # "WhatsApp's parent" names Meta, not its WhatsApp unit: Meta's round answers though it never names WhatsApp
    answer, _ = factbase.ask("How many jobs did WhatsApp's parent company cut in 2022?")
    assert answer.fact_ids[:1] == ("meta-layoff-2022-11-size",)


@pytest.mark.parametrize("question", [
    "who can't be laid off in china",
    "which employees cannot be dismissed in China",
])
def test_who_may_not_be_dismissed_asks_the_protection(factbase, question):
    # "cannot be dismissed" is a protection (art. 42), not who is kept first in a mass layoff (art. 41)
    answer, _ = factbase.ask(question)
    assert answer.fact_ids[:1] == ("cn-protected-employees",)


@pytest.mark.parametrize("question", ["capital of france", "What is the capital of the Netherlands?"])
def test_a_places_own_name_is_no_term_of_its_law(factbase, question):
    # "france" stems to "franc": compared unstemmed with the place's name, it passed for a term of French law
    # ("Code du travail"), matched every French rule and answered with one
    answer, _ = factbase.ask(question)
    assert not answer.answered


def test_a_term_of_a_law_beside_other_words_carries_its_topic(factbase):
    # "retrenchment compensation" is India's name for severance: with "formula" beside it, still severance
    answer, _ = factbase.ask("india retrenchment compensation formula")
    assert answer.fact_ids[:1] == ("in-retrenchment-compensation",)


def test_contract_workers_are_told_apart_never_counted(factbase):
    # Twitter's 4,400 contract workers were no Twitter employees: its layoffs lead with half its staff, and
    # its total (3,700 + 200) leaves them out, which the answer says
    answer, _ = factbase.ask("how many people did twitter lay off")
    assert answer.fact_ids[:1] == ("twitter-layoff-2022-11-size",)
    assert "3,900 jobs" in answer.text and "4,400 contract workers" in answer.text
    answer, _ = factbase.ask("how many contractors did twitter cut")  # asked about, they still answer
    assert answer.fact_ids[:1] == ("twitter-layoff-2022-11-contractors-size",)


@pytest.mark.parametrize("thread, lead, left_out", [
    (("When did Twitter lay off half its staff?", "were there more cuts after that?"), "twitter-2023-02",
     "twitter-2022-11"),
    (("谷歌2023年1月裁员", "之后还有裁员吗"), "alphabet-2024-01", "alphabet-2023-01"),
    (("Coinbase layoffs 2022", "did they cut again after that"), "coinbase-2022-11", "coinbase-2022-06"),
    # ... and before it: "earlier that year", 之前
    (("spotify dec 2023 layoffs how many", "were there cuts earlier that year too?"), "spotify-2023-01",
     "spotify-2023-12"),
    (("腾讯2022年11月裁员", "之前还有裁员吗"), "tencent-2022-q2", "tencent-2022-11"),
])
def test_more_rounds_after_that_are_the_rounds_after_the_one_told(factbase, thread, lead, left_out):
    answers = ask_thread(factbase, *thread)
    assert answers[-1].fact_ids[:1] == (lead,) and left_out not in answers[-1].fact_ids


@pytest.mark.parametrize("thread, fact", [
    (("alibaba cloud layoffs", "how many people"), "alibaba-layoff-2023-cloud-size"),
    (("阿里云裁员", "原因呢"), "alibaba-layoff-2023-cloud-reason"),
])
def test_a_follow_up_stays_on_the_unit_the_talk_is_about(factbase, thread, fact):
    # "how many people" after Alibaba Cloud's cuts asks about the cloud unit's, not the group's 20,000
    answers = ask_thread(factbase, *thread)
    assert answers[-1].fact_ids[:1] == (fact,)


def test_a_round_given_as_a_share_is_sized_by_a_reported_headcount(factbase):
    # Tesla's April 2024 cut was "more than 10%" (Electrek: up to 14,000): bigger than May's 500-person
    # Supercharger team, so it leads Tesla's 2024 though no round of Tesla's states both figures
    answer, _ = factbase.ask("how many did tesla cut in 2024")
    assert answer.fact_ids[:1] == ("tesla-layoff-2024-04-size",)


@pytest.mark.parametrize("question, entity", [
    ("wayfair germany layoffs", "wayfair"),  # the round in Germany leads, not Wayfair's biggest
    ("amazon layoffs in the us", "amazon"),  # a company's layoffs in a place: not the place's mass-layoff rule
])
def test_a_companys_layoffs_in_a_place_are_the_companys(factbase, question, entity):
    answer, _ = factbase.ask(question)
    assert answer.answered and entities(factbase, answer) <= {entity}
    if question.startswith("wayfair"):
        assert answer.fact_ids[:1] == ("wayfair-2025-01-germany",)


@pytest.mark.parametrize("thread", [
    ("澳洲裁员补偿", "notice period in brazil"),
    ("uk notice period", "severance law in mexico"),
])
def test_a_place_the_base_lacks_is_never_answered_with_the_talks_place(factbase, thread):
    # a follow-up naming Brazil took Australia from the talk and got its notice rule: a wrong-country answer
    answers = ask_thread(factbase, *thread)
    assert not answers[-1].answered and ("Brazil" in answers[-1].note or "Mexico" in answers[-1].note)


@pytest.mark.parametrize("thread, unit, company", [
    (("youtube layoffs",), "youtube", "Alphabet"),
    (("did salesforce cut jobs", "slack?"), "slack", "Salesforce"),
])
def test_a_unit_no_fact_speaks_of_is_answered_with_the_companys_saying_so(factbase, thread, unit, company):
    # nothing is YouTube's own: Alphabet's layoffs answer, but the answer must not pass them off as YouTube's
    answer = ask_thread(factbase, *thread)[-1]
    assert answer.answered and entities(factbase, answer) == {company.lower()}
    assert answer.text.startswith(f"I have nothing sourced on {unit} itself; what I have is {company}'s:")


@pytest.mark.parametrize("thread, lead", [
    (("spotify layoffs", "when was the biggest one", "what percent was that"), "spotify-layoff-2023-12-size"),
    (("did meta lay people off?", "why", "any more after that?"), "meta-2023-03"),
])
def test_a_follow_up_after_a_view_leans_on_the_round_it_led_with(factbase, thread, lead):
    # a share asked is of the staff cut, not who the company is; "any more after that?" asks for later rounds
    answers = ask_thread(factbase, *thread)
    assert answers[-1].fact_ids[:1] == (lead,)


@pytest.mark.parametrize("question, fact", [
    ("what's a PSE in france", "fr-pse-threshold"),
    ("what's an HR1 in the uk?", "uk-hr1-notification"),
])
def test_a_term_of_one_law_is_defined_by_that_laws_rule_on_it(factbase, question, fact):
    # "what's a PSE" asks a meaning, but of a French term: the French rule about it, not the general glossary
    answer, _ = factbase.ask(question)
    assert answer.fact_ids[:1] == (fact,)


@pytest.mark.parametrize("thread, place", [
    (("德国裁员要通知谁", "要跟员工代表机构商量吗", "不通知会怎样"), "de"),
    (("韩国的离职金怎么算", "什么时候必须付清", "被解雇不合理怎么办"), "kr"),
])
def test_a_chinese_follow_up_about_a_law_abroad_stays_abroad(factbase, thread, place):
    # The facts of a law abroad have few Chinese words of their own, so Chinese follow-ups were no follow-ups,
    # reset the talk, and the next one was taken for China's law: a wrong-country answer
    answers = ask_thread(factbase, *thread)
    assert all(entities(factbase, a) <= {place} for a in answers)
    if place == "de":  # 不通知会怎样, "what if they don't notify": the consequences
        assert answers[-1].fact_ids[:1] == ("de-mass-dismissal-invalidity",)


def test_sha_yisi_asks_a_meaning(factbase):
    # 啥意思 is 什么意思, colloquially: a meaning, not a follow-up about the company just talked about
    answers = ask_thread(factbase, "小红书裁了多少人", "N+1到底啥意思")
    assert answers[-1].fact_ids[:1] in (("glossary-n-plus-1",), ("cn-n-plus-1",))


@pytest.mark.parametrize("thread, fact", [
    (("intel 2024 layoff numbers", "how come?"), "intel-layoff-2024-08-reason"),  # colloquial why
    (("boeing layoffs 2024", "y tho"), "boeing-layoff-2024-10-reason"),
    (("Tesla layoffs April 2024", "did they cut in 2022 as well?"), "tesla-layoff-2022-06-size"),  # adds nothing
])
def test_colloquial_why_and_as_well_are_read_as_meant(factbase, thread, fact):
    answers = ask_thread(factbase, *thread)
    assert answers[-1].fact_ids[:1] == (fact,)


def test_jian_is_a_cut(factbase):
    # 减 (cut) of staff, as 裁 is: "减了多少人" asks a layoff's size, not the company's headcount
    parsed, topic = matching.analyse(factbase.index, "京东2022年减了多少人", Conversation())
    assert topic == "layoff-size" and "layoff" in parsed.content


@pytest.mark.parametrize("thread, fact", [
    (("Dell job cuts 2023", "what was the reason given"), "dell-layoff-2023-02-reason"),  # an English word, no subject
    (("SAP job cuts in 2024?", "no sorry, I meant 2023"), "sap-layoff-2023-size"),  # a correction
    # a unit named: its own round, not the talk's year
    (("字节跳动2021年为啥裁员", "TikTok在马来西亚那次呢"), "bytedance-layoff-2024-malaysia-size"),
])
def test_a_follow_up_of_everyday_words_keeps_the_talk(factbase, thread, fact):
    answers = ask_thread(factbase, *thread)
    assert answers[-1].fact_ids[:1] == (fact,)


def test_the_talks_company_named_again_keeps_its_period(factbase):
    # "what reason did Jassy give" after Amazon's 2023 cuts: Jassy names Amazon, and 2023 is still the period
    _, conversation = factbase.ask("amazon layoffs 2023")
    parsed, _ = matching.analyse(factbase.index, "what reason did Jassy give", conversation)
    assert parsed.entity_ids == ("amazon",) and parsed.year == 2023


def test_a_persons_wealth_is_an_aspect_the_base_lacks(factbase):
    answers = ask_thread(factbase, "twitter layoffs after musk took over - how many?", "whats musk's net worth rn")
    assert not answers[-1].answered


def test_another_company_after_a_later_rounds_view_drops_the_date_it_was_later_than(factbase):
    # "和谷歌比呢" after "any more after that?" about Microsoft's January 2023 round got "Alphabet: about 0 people
    # after 22 January 2023": the date belonged to Microsoft's round
    answers = ask_thread(factbase, "microsoft layoffs 2023", "why did they do it", "any more after that?", "和谷歌比呢")
    assert answers[-1].answered and "alphabet-2023-01" in answers[-1].fact_ids


def test_a_period_asked_after_a_rule_is_that_rules_period(factbase):
    # "how many days" after California's WARN notice got the penalties (back pay for up to 60 days)
    answers = ask_thread(factbase, "california WARN notice", "how many days")
    assert answers[-1].fact_ids[:1] == ("us-ca-warn-notice",)


def test_a_service_period_asked_after_severance_is_severances(factbase):
    # "how long do i need to have worked there" after UK redundancy pay got the unfair-dismissal qualifying period
    answers = ask_thread(factbase, "uk redundancy pay how much", "how long do i need to have worked there")
    assert answers[-1].fact_ids[:1] == ("uk-statutory-redundancy-pay",)


@pytest.mark.parametrize("place", ["Washington state", "dublin", "ireland"])
def test_a_declined_narrowing_keeps_the_talk(factbase, place):
    # "how many of those were in Washington state?" is declined (no fact says), but the talk is still Microsoft's
    # May 2025; so after a place of a jurisdiction the base holds ("dublin", a city; "ireland"), which had started
    # a new talk: the next "later that year" was 2023's
    answers = ask_thread(factbase, "How many jobs did Microsoft cut in May 2025?",
                         f"how many of those were in {place}?", "were there more cuts later that year?")
    assert not answers[1].answered and answers[-1].fact_ids[:1] == ("microsoft-2025-07",)


def test_another_month_after_a_reason_asks_that_months_round(factbase):
    # "and then in march?" after January 2023's reasons: March's round, not January's again, nor March's reasons
    answers = ask_thread(factbase, "how big were amazon's layoffs in jan 2023", "why?", "and then in march?")
    assert answers[-1].fact_ids[:1] == ("amazon-layoff-2023-03-size",)


def test_contractions_written_without_an_apostrophe_are_no_subject(factbase):
    # "im" (I'm) was an unknown word, so "what if im over 45" after Australia's notice was no follow-up
    answers = ask_thread(factbase, "How much redundancy pay is owed in Australia?", "notice?", "what if im over 45")
    assert answers[-1].fact_ids[:1] == ("au-notice-period",)


@pytest.mark.parametrize("question, fact", [
    ("when did boeing announce it?", "boeing-layoff-2024-10-size"),  # "announce": the round's own verb, no subject
    ("why did peloton announce it", "peloton-layoff-2022-reason"),
    ("波音是什么时候宣布的", "boeing-layoff-2024-10-size"),  # 宣布, 公布: the same in Chinese
])
def test_a_company_asked_only_when_is_asked_about_its_layoffs(factbase, question, fact):
    # "when did audi announce it" declined at 0.14: with no word but the company, nothing matched its round
    answers = ask_thread(factbase, question)
    assert answers[-1].fact_ids[:1] == (fact,)


@pytest.mark.parametrize("thread, fact", [
    # a term of the law named alone, after another of its rules: the term is asked, not the last question again
    (("hong kong notice period", "what about MPF offsetting?"), "hk-mpf-offsetting-abolished"),
    (("中国裁员补偿", "离职证明呢"), "cn-termination-certificate-and-payment-timing"),
    (("netherlands notice period", "what about the transitievergoeding?"), "nl-transition-payment"),
    # ... and a Chinese name of a term is no longer masked away as the place ("离职证明" named China only)
    (("离职证明公司必须给吗",), "cn-termination-certificate-and-payment-timing"),
])
def test_a_term_of_the_law_is_what_is_asked(factbase, thread, fact):
    answers = ask_thread(factbase, *thread)
    assert answers[-1].fact_ids[:1] == (fact,)


@pytest.mark.parametrize("question, fact", [
    ("香港长期服务金怎么算", "hk-sp-lsp-formula-and-cap"),  # 怎么算 against a fact asked "怎么计算": one word now
    ("荷兰过渡补偿金如何计算", "nl-transition-payment"),
])
def test_how_an_amount_is_calculated_is_one_word_in_chinese(factbase, question, fact):
    # 算 and 计算 were different words, so "香港遣散费怎么算" got the MPF offsetting rule, whose question says 怎么算
    answers = ask_thread(factbase, question)
    assert answers[-1].fact_ids[:1] == (fact,)


@pytest.mark.parametrize("thread, fact", [
    # "under 100" writes 100, as "100 or more" does: a figure asked with a bound agrees with a rule's range
    (("uk consultation 100 or more redundancies", "and under 100?"), "uk-consultation-20-to-99"),
    (("uk consultation 100 or more redundancies", "what about fewer than 100?"), "uk-consultation-20-to-99"),
    (("how long must a british employer consult about 20 to 99 redundancies", "and 100+?"), "uk-consultation-100-plus"),
])
def test_a_figure_asked_with_a_bound_agrees_with_the_rules_range(factbase, thread, fact):
    answers = ask_thread(factbase, *thread)
    assert answers[-1].fact_ids[:1] == (fact,)


@pytest.mark.parametrize("question, fact", [
    ("Retrenched in Singapore after 4 yrs of service, is the employer legally required to pay a retrenchment benefit?",
     "sg-retrenchment-benefit-norm"),
    ("I'm in Singapore with 5 years at my company - do I have a legal right to retrenchment benefit?",
     "sg-retrenchment-benefit-norm"),
    ("in Ontario, 300 employees are being terminated at one plant - how many weeks notice do they get",
     "ca-on-mass-termination-notice"),
])
def test_a_length_of_service_is_no_headcount(factbase, question, fact):
    """Blind13: "I'm in Singapore and being retrenched after 3 yrs. Is the company legally required to pay me a
    retrenchment benefit?" got the Employment Assistance Payment: its "3" agreed, while the benefit's "2 years' service
    or more" was read as no range and "fewer than 2" (a phrasing's) left 3 outside. A length of time is held by a
    range of time ("2 years or more"), a headcount by one of people (Ontario's "8 weeks for 8 years or more" holds
    no 300 employees); the asker's own service counts for the facts that state it, against none."""
    answer, _ = factbase.ask(question)
    assert answer.fact_ids[:1] == (fact,), answer.fact_ids


@pytest.mark.parametrize("normalized, figures", [
    ("retrenched after 3 yrs", {"3"}), ("worked 6 months there", {"6"}), ("喺香港做咗 6 年", {"6"}),
    ("工龄 8 年 被裁", {"8"}), ("2022 年那次裁员 裁了 300 人", set()), ("300 people in 2 weeks", {"2"}),
])
def test_figures_of_time(normalized, figures):
    from bot.analysis import figures_of_time

    assert figures_of_time(normalized) == figures


def test_ranges_say_whether_they_are_of_time():
    from bot.retrieval import _ranges_in

    assert _ranges_in("employees with 2 years service or more are eligible") == [(2.0, math.inf, 1.0)]
    assert _ranges_in("8 weeks for 50 to 199 and 16 weeks for 500 or more") == [(50.0, 199.0, 0.0),
                                                                               (500.0, math.inf, 0.0)]
    assert _ranges_in("1 week for under 1 year") == [(0.0, 0.0, 1.0)]
    # A headcount's unit before "or more" is read as before, no range: so read, it let another jurisdiction's rule
    # agree with a question's figure (a wrong-entity answer on a held-out set, found by its summary line alone).
    assert _ranges_in("employers of 50 employees or more") == []


@pytest.mark.parametrize("question, bounded", [
    ("UK: with 100+ redundancies", (("100", 100.0, math.inf),)),
    ("fewer than 20 employees", (("20", 0.0, 19.0),)),
    ("more than 50 people", (("50", 51.0, math.inf),)),
    ("at least 1,000 workers", (("1000", 1000.0, math.inf),)),
    ("30 days' notice", ()),  # no bound: judged as before, by the figure itself
])
def test_bounded_figures(question, bounded):
    from bot.analysis import bounded_figures

    assert bounded_figures(question) == bounded


@pytest.mark.parametrize("question, fact", [
    ("996是啥意思", "glossary-996"),  # 啥, colloquial 什么: a meaning asked, as 是什么意思 is
    ("毕业是啥意思", "glossary-graduation-biye"),
])
def test_a_meaning_asked_with_colloquial_sha(factbase, question, fact):
    # the question type read 啥意思 as a meaning asked, but the topic cues did not: 996是啥意思 declined
    answers = ask_thread(factbase, question)
    assert answers[-1].fact_ids[:1] == (fact,)


@pytest.mark.parametrize("question, fact", [
    ("china mass layoff notice period", "cn-mass-layoff-consultation"),  # not article 40's individual notice
    ("what notice is needed for a mass layoff in china", "cn-mass-layoff-consultation"),
    ("notice for collective redundancies in ireland", "ie-collective-consultation"),  # nor time off to job-hunt
])
def test_a_mass_layoffs_notice_is_where_the_law_sets_it(factbase, question, fact):
    # the topic "notice" gave the individual notice rule the topic's weight over the rule the words name
    answers = ask_thread(factbase, question)
    assert answers[-1].fact_ids[:1] == (fact,)


def test_what_they_got_after_a_round_is_what_its_staff_were_given(factbase):
    # "what did they get" after Twitter's 2022 round got the round's size again: "get" is a stopword
    answers = ask_thread(factbase, "twitter layoffs 2022", "what did they get?")
    assert answers[-1].fact_ids[:1] == ("twitter-layoff-2022-11-process",)


def test_another_company_with_nothing_on_that_aspect_gets_its_rounds_saying_so(factbase):
    # "what about boeing?" after Spotify's severance declined: Boeing has no fact on what its staff got at all
    answers = ask_thread(factbase, "what did spotify give laid-off staff", "what about boeing?")
    assert answers[-1].fact_ids[:1] == ("boeing-layoff-2024-10-size",)
    assert answers[-1].claims[0].startswith("I have nothing sourced on that for Boeing")


def test_another_company_with_no_round_that_year_is_still_declined(factbase):
    # ... but not with a round of another year: Dell has none in 2022
    answers = ask_thread(factbase, "how much severance did meta staff get in 2022", "and dell?")
    assert not answers[-1].answered


@pytest.mark.parametrize("question, fact", [
    ("When did Amazon announce its first big round of job cuts?", "amazon-layoff-2022-11-size"),
    ("what was google's first ever round of layoffs", "alphabet-layoff-2023-01-size"),
])
def test_a_round_named_by_its_order_with_an_adjective_between(factbase, question, fact):
    # "its first big round" was no ordinal: the ranker picked Meta's March 2023 round
    answers = ask_thread(factbase, question)
    assert answers[-1].fact_ids[:1] == (fact,)


@pytest.mark.parametrize("thread, fact", [
    (("中国裁员补偿多少", "那印度呢？"), "in-retrenchment-compensation"),  # not the re-skilling fund
    (("What's the notice for mass layoffs in Canada?", "and in Ontario?"), "ca-on-mass-termination-notice"),
])
def test_an_elliptical_follow_up_is_compared_by_the_words_it_carries(factbase, thread, fact):
    # "那印度呢" and "and in Ontario?" were string-compared as "那 呢", "and in ?": the shortest phrasing won
    answers = ask_thread(factbase, *thread)
    assert answers[-1].fact_ids[:1] == (fact,)


@pytest.mark.parametrize("thread", [
    ("What severance did Google offer its laid-off US employees in 2023?",),  # how staff were told, no pay
    ("谷歌2023年裁了多少人？", "遣散费怎么给的？"),
])
def test_a_severance_question_is_not_answered_by_a_fact_that_says_nothing_of_pay(factbase, thread):
    # Trial 15: Google's severance got "Affected US workers were informed on the day of the announcement"
    answers = ask_thread(factbase, *thread)
    assert not answers[-1].answered, answers[-1].fact_ids


def test_a_glossary_entry_does_not_answer_a_company_question_that_asks_no_meaning(factbase):
    # Trial 15: "What happened to jobs at Northvolt?" got the UK meaning of redundancy at 0.49
    answers = ask_thread(factbase, "What happened to jobs at Northvolt?")
    assert not answers[-1].fact_ids or factbase.index.documents[answers[-1].fact_ids[0]].entity_id == "northvolt"


@pytest.mark.parametrize("thread", [
    ("cisco layoffs 2024", "how does it compare with intel?"),
    ("salesforce layoffs 2023", "compare them to meta"),
])
def test_how_does_that_compare_to_another_company_is_a_comparison(factbase, thread):
    # Trial 15: "how does that compare to Cisco?" after Intel's 2024 layoffs declined; "vs cisco" compared
    from bot.views import ViewQuery

    conversation = Conversation()
    for question in thread:
        answer, conversation = factbase.ask(question, conversation)
    assert isinstance(conversation.view, ViewQuery) and conversation.view.kind == "comparison"
    assert len(conversation.view.company_ids) == 2


@pytest.mark.parametrize("thread", [
    ("Sony layoffs 2024", "what division was that?"),
    ("Sony layoffs 2024", "which teams were impacted?"),
])
def test_which_part_was_hit_is_the_round_just_told_when_it_names_one(factbase, thread):
    # Trial 15: "which division?" after Sony's PlayStation round was declined, though the round names it
    answers = ask_thread(factbase, *thread)
    assert answers[-1].fact_ids[:1] == ("sony-layoff-2024-size",)


def test_a_law_with_no_rule_on_the_topic_asked_is_not_answered_with_another_of_its_rules(factbase):
    # "what if the employer skips it" after Northern Ireland's consultation got that consultation rule again
    # (0.61): Northern Ireland has no rule of its own on penalties in the base
    answers = ask_thread(factbase, "uk collective consultation for 120 redundancies", "what about in northern ireland?",
                         "what happens if they ignore it?")
    assert not {factbase.index.documents[f].entity_id for f in answers[-1].fact_ids} & {"uk-ni"}


@pytest.mark.parametrize("question", ["What are the overtime pay rules in the US?", "how is overtime paid in america"])
def test_an_aspect_named_in_passing_by_a_rule_does_not_make_it_an_answer(factbase, question):
    # Trial 15: US overtime got "US federal law does not require severance pay", whose claim names the FLSA's
    # overtime rules in passing
    answers = ask_thread(factbase, question)
    assert not answers[-1].answered, answers[-1].fact_ids


@pytest.mark.parametrize("question, fact", [
    ("wales redundancy pay how much", "uk-statutory-redundancy-pay"),  # not the weekly cap, which names Wales
    ("must employers in scotland notify the government of redundancies", "uk-hr1-notification"),
])
def test_a_place_in_a_jurisdiction_says_where_not_what_is_asked(factbase, question, fact):
    # "scotland redundancy pay" got the weekly pay cap (0.98): its claim says "England, Scotland and Wales"
    answers = ask_thread(factbase, question)
    assert answers[-1].fact_ids[:1] == (fact,)


@pytest.mark.parametrize("question", ["How many days of notice does the federal WARN Act require?",
                                      "how many days of notice does federal WARN require"])
def test_a_period_asked_of_a_law_is_answered_by_its_rule_that_states_one(factbase, question):
    # Trial 16: this got "A layoff of six months or less is not an employment loss under WARN" (filed under
    # notice: whether a temporary layoff needs notice at all), over the 60 days' notice rule
    answers = ask_thread(factbase, question)
    assert answers[-1].fact_ids[:1] == ("us-warn-notice",)


@pytest.mark.parametrize("question, fact", [
    ("美团2022年裁员状况", "meituan-layoff-2022-size"),  # 情况, 详情, 状况: the layoffs' situation, no subject
    ("阿里巴巴裁员详情", "alibaba-layoff-2023-size"),
])
def test_a_companys_layoff_situation_in_chinese_is_its_layoffs(factbase, question, fact):
    # Trial 16: "腾讯2022年裁员情况" declined at 0.46: 情况 was an unknown word beside the layoff
    answers = ask_thread(factbase, question)
    assert answers[-1].fact_ids[:1] == (fact,)


def test_why_after_a_view_asks_about_the_period_of_the_round_it_led_with(factbase):
    # Trial 16: "原因呢？" after the latest of Alibaba's rounds (December 2023) got 2022's reasons, dated 2022
    answers = ask_thread(factbase, "latest alibaba layoffs", "why?")
    assert not any(factbase.index.doc_years[f][0] == {2022} for f in answers[-1].fact_ids), answers[-1].fact_ids


@pytest.mark.parametrize("thread", [
    ("美团2022年裁员多少", "跟阿里比呢？"),  # 跟, 与, 同 X 比, as 和 X 比: set against X
    ("美团2022年裁员多少", "和阿里巴巴比呢"),  # 比 before 呢 (no word boundary between Chinese characters)
])
def test_a_chinese_comparison_follow_up_compares_the_two(factbase, thread):
    # Trial 16: "跟腾讯比呢？" after Alibaba's layoffs declined (0.08)
    from bot.views import ViewQuery

    conversation = Conversation()
    for question in thread:
        answer, conversation = factbase.ask(question, conversation)
    assert isinstance(conversation.view, ViewQuery) and conversation.view.kind == "comparison"


@pytest.mark.parametrize("thread, fact", [
    (("what severance did twitter give", "how much?"), "twitter-layoff-2022-11-process"),
    (("what did spotify give laid-off staff", "how much was it?"), "spotify-layoff-2023-12-process"),
])
def test_how_much_after_what_staff_were_given_asks_its_amount(factbase, thread, fact):
    # "how much?" after Twitter's severance got the round's size, as "how many was that?" after "why?" does
    answers = ask_thread(factbase, *thread)
    assert answers[-1].fact_ids[:1] == (fact,)


@pytest.mark.parametrize("thread", [
    ("美团2022年裁员", "被裁的人拿到了多少补偿？"),  # "in the first week" is a date
    ("nio layoffs 2023", "what severance did they pay?"),  # "completed that month" is a date (nor does the
    # glossary's severance pay answer for NIO: "they" asks about the company, as its name would)
])
def test_a_week_or_month_that_dates_a_round_is_no_pay(factbase, thread):
    # Trial 17: '员工拿到什么补偿？' after Meituan's round got its size again, whose claim says "the first week"
    answers = ask_thread(factbase, *thread)
    assert not answers[-1].answered, answers[-1].fact_ids


@pytest.mark.parametrize("thread, fact", [
    (("how many did twitter let go in 2022", "how much did they receive?"), "twitter-layoff-2022-11-process"),
    (("meta's november 2022 layoffs", "how much did the laid off people get?"), "meta-layoff-2022-11-process"),
])
def test_how_much_did_they_get_after_a_round_is_what_its_staff_were_given(factbase, thread, fact):
    # Trial 17: "how much did they get?" after Twitter's 2022 round got the round's size again
    answers = ask_thread(factbase, *thread)
    assert answers[-1].fact_ids[:1] == (fact,)


def test_what_staff_got_after_a_round_is_not_told_by_another_years_round(factbase):
    # Amazon's 2023 rounds say nothing of pay: its 2025 round's must not answer for them
    answers = ask_thread(factbase, "amazon job cuts in 2023", "what did the laid off staff get?")
    assert not answers[-1].answered, answers[-1].fact_ids


@pytest.mark.parametrize("thread", [
    ("How many did PayPal cut in 2024?", "and eBay?", "which was bigger?"),
    ("how many people did intel lay off in 2024", "what about cisco?", "who cut more?"),
    ("百度2023年裁了多少人", "那京东呢", "哪家裁得多？"),
])
def test_which_was_bigger_sets_the_two_just_talked_about_against_each_other(factbase, thread):
    # Trial 17: "which was bigger?" after PayPal's cuts and then eBay's was declined
    answers = ask_thread(factbase, *thread)
    assert answers[-1].view is not None and answers[-1].view.kind == "comparison", answers[-1].fact_ids
    assert len(set(answers[-1].view.company_ids)) == 2


def test_which_was_bigger_after_one_company_only_is_no_comparison_of_companies(factbase):
    # ... but after one company's rounds there is no second company to set against it
    answers = ask_thread(factbase, "How many did Amazon cut in 2023?", "which was bigger?")
    assert answers[-1].view is None or len(set(answers[-1].view.company_ids)) < 2


def test_investment_is_no_vesting(factbase):
    # Trial 17: Stripe's severance got its 2022 reasons, whose "tighter investment budgets" read as vesting pay
    answers = ask_thread(factbase, "What did Stripe give employees it laid off?")
    assert not answers[-1].answered or any(
        "severance" in factbase.index.documents[f].claim.lower() for f in answers[-1].fact_ids), answers[-1].fact_ids


@pytest.mark.parametrize("thread, fact", [
    (("when does collective consultation kick in for british employers",), "uk-collective-consultation-trigger"),
    (("collective consultation in the uk - when does it apply?", "and in germany?"), "de-mass-dismissal-thresholds"),
    (("英国什么情况下要和员工代表协商",), "uk-collective-consultation-trigger"),
    # trial 18: "the collective consultation threshold in Germany" got the works council's consultation
    (("german collective consultation threshold?",), "de-mass-dismissal-thresholds"),
    (("ireland consultation trigger for redundancies",), "ie-collective-redundancy-threshold"),
])
def test_when_a_duty_applies_is_its_threshold(factbase, thread, fact):
    # blind6 and trial 17: "when does collective consultation kick in" got how long before the layoff it runs
    answers = ask_thread(factbase, *thread)
    assert answers[-1].fact_ids[:1] == (fact,)


def test_when_a_period_starts_is_still_a_time(factbase):
    answers = ask_thread(factbase, "when does the notice period start in the uk")
    assert answers[-1].fact_ids[:1] != ("uk-collective-consultation-trigger",)


@pytest.mark.parametrize("question, fact", [
    ("阿里巴巴2023年底员工比一年前少了多少", "alibaba-layoff-2023-size"),
    ("腾讯2022年第二季度员工少了多少", "tencent-layoff-2022-q2-size"),
    ("阿里巴巴2023年少咗幾多員工", "alibaba-layoff-2023-size"),  # in Cantonese (咗, 了)
])
def test_by_how_much_a_staff_shrank_is_a_cut(factbase, question, fact):
    # blind6: "百度2024年底员工比前一年少了多少" got Baidu's profile: staff counted, so read as its headcount
    # (blind10: "騰訊2022年4至6月少咗幾多員工", in Cantonese, got Tencent's profile too)
    answers = ask_thread(factbase, question)
    assert answers[-1].fact_ids[:1] == (fact,)


@pytest.mark.parametrize("question, fact", [
    ("how much notice do i get in singapore if my contract does not specify it", "sg-notice-periods-employment-act"),
    ("合同里没写通知期，新加坡法律怎么规定", "sg-notice-periods-employment-act"),
])
def test_a_contract_that_says_nothing_is_no_duty_unmet(factbase, question, fact):
    # blind6: "singapore notice period if contract doesnt say" read "doesn't" as a duty skipped (penalties), and
    # Singapore, with no penalties rule, lost to the glossary's pay in lieu of notice
    answers = ask_thread(factbase, question)
    assert answers[-1].fact_ids[:1] == (fact,)


@pytest.mark.parametrize("thread", [
    ("tencent headcount drop q2 2022", "what about alibaba in that same quarter?"),
    ("腾讯2022年第二季度员工少了多少", "那阿里巴巴同一季度呢？"),
])
def test_the_same_quarter_is_the_quarter_talked_about(factbase, thread):
    # blind6: '那阿里巴巴同一季度呢？' read 同一季度 as "the first quarter" (一季度) and 同 as a subject of its own
    answers = ask_thread(factbase, *thread)
    assert answers[-1].fact_ids[:1] == ("alibaba-layoff-2022-q2-size",)


def test_a_month_of_another_year_is_no_match(factbase):
    # ... and after "why?", May 2023's cloud reasons matched 2022's second quarter by month alone
    answers = ask_thread(factbase, "腾讯2022年第二季度员工少了多少", "为什么", "那阿里巴巴同一季度呢？")
    assert answers[-1].answered and all(
        factbase.index.documents[f].as_of.startswith("2022") for f in answers[-1].fact_ids[:1]), answers[-1].fact_ids


@pytest.mark.parametrize("thread, fact", [
    (("spotify job cuts jan 2023", "and the podcast layoffs later that year?"), "spotify-layoff-2023-06-size"),
    (("tiktok layoffs in malaysia october 2024", "what about the berlin team later on?"),
     "bytedance-layoff-2025-berlin-size"),
])
def test_later_asks_another_month_than_the_one_talked_about(factbase, thread, fact):
    # blind6: "what about the podcast cuts later that year" kept January from the talk, and June's round lost
    answers = ask_thread(factbase, *thread)
    assert answers[-1].fact_ids[:1] == (fact,)


@pytest.mark.parametrize("question, kind", [
    ("meta layofs over the years", "timeline"),
    ("total layofs in 2023", "total"),
    ("amazn layof timeline", "timeline"),
])
def test_a_view_reads_misspelt_words_as_the_analysis_corrects_them(factbase, question, kind):
    # blind6: "list of spotify layofs" declined: the views looked for "layoffs" in the question as typed
    answers = ask_thread(factbase, question)
    assert answers[-1].view is not None and answers[-1].view.kind == kind, answers[-1].fact_ids


@pytest.mark.parametrize("thread", [
    ("Microsoft layoffs 2023", "how were people told?"),  # its profile (where it is based) answered
    ("阿里巴巴裁员的时候员工是怎么被通知的？",),  # the cloud unit's choice of severance or transfer answered
    # trial 19: Amazon's 18,000, whose claim says "the Daily Beast called it the largest round"
    ("how did amazon inform the staff it laid off in 2023",),
])
def test_how_staff_were_told_is_answered_only_by_a_fact_that_says_how(factbase, thread):
    # Trial 18: "how were people told?" got a company's profile, its size or its severance terms. (Microsoft's 2023
    # round is told by a fact that quotes Nadella's email, once the other years' facts no longer compete with it.)
    from bot.lexicon import TOLD_WORDS
    from bot.matching import _strip_markers

    answers = ask_thread(factbase, *thread)
    assert not answers[-1].answered or all(
        TOLD_WORDS.search(_strip_markers(factbase.index.documents[f].claim)) for f in answers[-1].fact_ids), \
        answers[-1].fact_ids


def test_how_staff_were_told_by_a_fact_that_says_so(factbase):
    answers = ask_thread(factbase, "how were google employees informed in 2023")
    assert answers[-1].fact_ids[:1] == ("alphabet-layoff-2023-01-process",)


def test_a_law_asked_by_its_name_alone_is_asked_what_it_is(factbase):
    # Trial 18: "What's the WARN Act?" got only the exceptions to its 60 days' notice
    answers = ask_thread(factbase, "what's the warn act")
    assert answers[-1].fact_ids[:1] in {("glossary-warn-notice",), ("us-warn-notice",), ("us-warn-coverage",)}


@pytest.mark.parametrize("question", ["how much notice do you have to give for mass layoffs in britain",
                                      "notice period for a mass layoff in the uk?"])
def test_a_mass_layoffs_notice_is_not_an_individuals(factbase, question):
    # Trial 18: "What is the notice period for mass layoffs in the UK?" got the individual's statutory notice
    answers = ask_thread(factbase, question)
    assert answers[-1].fact_ids[:1] in {("uk-consultation-20-to-99",), ("uk-consultation-100-plus",),
                                        ("uk-hr1-notification",)}, answers[-1].fact_ids


@pytest.mark.parametrize("question, entity", [
    ("how mnay staff did intel cut in 2024", "intel"),
    ("hwat was the reason for the tesla layoffs in 2024", "tesla"),
])
def test_a_slip_in_a_four_letter_question_word_is_read_as_meant(factbase, question, entity):
    # Trial 18: "how mnay ppl did dell lay off" declined: "mnay" read as a word nobody uses, as a name might be
    answers = ask_thread(factbase, question)
    assert answers[-1].answered and entities(factbase, answers[-1]) == {entity}, answers[-1].fact_ids


@pytest.mark.parametrize("question", ["which IT firms in india cut jobs in 2024",
                                      "HR layoffs at german companies 2023"])
def test_a_capitalised_trade_or_department_is_no_unknown_company(factbase, question):
    # Trial 19: "Indian IT companies layoffs 2023" got India's rule on government permission: "IT", written as a
    # name, was taken for a company the base lacks, so no list of companies was made
    answers = ask_thread(factbase, question)
    assert answers[-1].view is not None and answers[-1].view.kind == "list", answers[-1].fact_ids


@pytest.mark.parametrize("thread", [
    ("Microsoft job cuts in 2023", "which was larger, that or Amazon's?"),
    ("meta layoffs 2023", "was that bigger than google's?"),
    ("腾讯2022年裁了多少人", "比阿里多吗？"),
])
def test_the_round_talked_about_set_against_one_named_is_a_comparison(factbase, thread):
    # Trial 19: "which was bigger, that or Google's?" after Microsoft's 2023 rounds was declined
    answers = ask_thread(factbase, *thread)
    assert answers[-1].view is not None and answers[-1].view.kind == "comparison", answers[-1].fact_ids
    assert len(set(answers[-1].view.company_ids)) == 2


@pytest.mark.parametrize("question", [
    "when do we have to begin consulting if 150 staff are being made redundant in the uk?",
    "when must consultation start in the uk if 40 staff are being let go?",
])
def test_when_a_duty_starts_for_a_headcount_given_is_its_timing_not_its_threshold(factbase, question):
    # Trial 20: "In the UK, when do I have to start collective consultation if I'm making 100 people redundant?"
    # got the 20-or-more trigger (62ddc51 read every "when do I have to" as the threshold)
    answers = ask_thread(factbase, question)
    assert answers[-1].fact_ids[:1] in {("uk-consultation-20-to-99",), ("uk-consultation-100-plus",)}, \
        answers[-1].fact_ids


def test_another_company_after_a_declined_aspect_is_asked_that_aspect(factbase):
    # Trial 20: "and Shopify?" after Stripe's "how much did they get?" (declined: nothing on Stripe's pay) got
    # Shopify's size; what its staff got is in the base
    answers = ask_thread(factbase, "stripe job cuts 2022", "what did the laid off people get?", "what about shopify?")
    assert answers[-1].fact_ids[:1] == ("shopify-layoff-2022-process",)


def test_who_announced_it_declined_still_leaves_the_talk_on_layoffs(factbase):
    answers = ask_thread(factbase, "Tesla layoffs 2024", "who announced it?", "and salesforce")
    assert answers[-1].answered and answers[-1].fact_ids[0].startswith("salesforce-layoff-2024")


def test_who_runs_a_company_is_told_only_by_a_fact_that_names_a_leader(factbase):
    # Trial 20: "Who is the CEO of Meta?" got Meta's profile (where it is based, how many it employs), which names
    # no one
    assert not ask_thread(factbase, "who is the boss of meta")[-1].answered
    assert ask_thread(factbase, "who founded xiaohongshu")[-1].fact_ids[:1] == ("xiaohongshu-profile",)


def test_which_part_was_hit_after_a_years_rounds_is_the_round_of_that_year_that_names_one(factbase):
    # Trial 20: "which divisions were hit?" after Amazon's 2023 rounds, told by January's (which names no part),
    # was declined; March's names AWS and Twitch
    answers = ask_thread(factbase, "amazon job cuts in 2023", "which teams got hit?")
    assert answers[-1].fact_ids[:1] == ("amazon-layoff-2023-03-size",)


@pytest.mark.parametrize("question, fact", [("何谓优化", "glossary-optimisation-youhua"), ("啥叫996", "glossary-996")])
def test_what_is_called_in_chinese_asks_a_meaning(factbase, question, fact):
    # Trial 20: "什么叫'毕业'？" was declined: 什么叫 (what is called) was read as the word 叫, not as asking a meaning
    answers = ask_thread(factbase, question)
    assert answers[-1].fact_ids[:1] == (fact,)


@pytest.mark.parametrize("thread, topic", [
    (("severance rules in ireland", "how long do you have to work there to be entitled?"), "severance"),
    (("how is redundancy pay worked out in ireland", "how long do i need to work there first"), "severance"),
])
def test_the_talk_keeps_the_topic_asked_not_the_topic_of_the_fact_that_answered(factbase, thread, topic):
    # blind6 and dev: "and in the UK?" after Ireland's eligibility for redundancy pay (a coverage fact answered a
    # severance question) asked about the UK's coverage and got its lay-off rule; "what about japan?" after China's
    # "no notice given" (a penalties question answered by N+1, a severance fact) asked about Japan's severance
    conversation = Conversation()
    for question in thread:
        answer, conversation = factbase.ask(question, conversation)
    assert answer.answered and factbase.index.documents[answer.fact_ids[0]].topic != topic
    assert conversation.topic == topic


@pytest.mark.parametrize("question", ["what does the WARN Act mean", "美国的WARN法案是什么意思？"])
def test_what_a_named_law_means_is_told_by_the_entry_that_names_it(factbase, question):
    # Trial 20: "美国WARN法案是什么意思" was declined (法案, "act", read as a subject of its own); "what does the
    # WARN Act mean" got what a RIF is, whose text mentions the Act in passing
    answers = ask_thread(factbase, question)
    assert answers[-1].fact_ids[:1] == ("glossary-warn-notice",)


@pytest.mark.parametrize("thread, entity", [
    (("how much notice before a plant closing in new york", "what about federally?"), "us"),
    (("ontario notice of termination rules", "and at the federal level?"), "ca-fed"),
    (("can a california employer pay my final wages late", "is there a federal severance law"), "us"),
])
def test_federal_after_a_state_or_province_is_its_countrys_federal_law(factbase, thread, entity):
    # blind7: "and federal" after New York's notice got New York's coverage, "and federally?" after Ontario's got
    # Ontario's, "does federal law force them to pay severance" after California got California's final-pay rule
    answers = ask_thread(factbase, *thread)
    assert answers[-1].answered and entities(factbase, answers[-1]) == {entity}


def test_a_term_of_a_countrys_law_asks_about_the_law_not_for_a_view_of_its_layoffs(factbase):
    # blind7: "德国大规模裁员之前 要先跟企业职工委员会商量吗" (must the works council be consulted first?) got a list of
    # German companies' layoffs, and the next question, naming no country, was read as China's
    answers = ask_thread(factbase, "德国公司大规模裁员前必须和企业职工委员会谈吗")
    assert answers[-1].view_kind is None and entities(factbase, answers[-1]) == {"de"}


@pytest.mark.parametrize("question", ["德国只有5个员工的公司，解雇保护法能保护我吗",
                                      "安省雇佣标准法对只有10个人的公司也适用吗"])
def test_a_law_named_by_its_name_is_asked_about_not_a_view_of_its_countrys_layoffs(factbase, question):
    """Blind16: "德国小公司只有8个人，解雇保护法能保护我吗" got a list of German companies' layoffs: 解雇保护法 (the
    KSchG, an alias of Germany's) named the country and the 8 people read as a count. A law named by its name (an
    Act, a Code, 法, 条例) is a question about that law: answered from its rules or declined, never a view."""
    answer, _ = factbase.ask(question)
    assert answer.view_kind is None, answer.text


@pytest.mark.parametrize("question", ["what does rif mean, my manager at salesforce keeps saying it",
                                      "腾讯内部邮件里说的“毕业”是啥意思"])
def test_what_a_word_means_is_never_told_by_the_profile_of_the_company_named_beside_it(factbase, question):
    # blind7: "毕业 是啥意思 b站通知里就这么写的" got Bilibili's profile, which says nothing of graduation; dev:
    # "quiet cutting meaning?? saw it on tiktok" was declined, ByteDance's profile ranked above what quiet cutting is
    answer = ask_thread(factbase, question)[-1]
    assert not any(factbase.index.documents[f].topic == "profile" for f in answer.fact_ids)
    assert not answer.answered or entities(factbase, answer) == {None}


@pytest.mark.parametrize("thread, fact", [
    (("uk redundancy consultation rules", "can i take paid time off to go to job interviews during my notice"),
     "uk-time-off-to-look-for-work"),
    (("notice for dismissal in japan", "can i get a written certificate from my employer saying why i was dismissed"),
     "jp-certificate-of-dismissal-reasons"),
])
def test_a_long_question_in_a_talk_about_one_law_in_that_laws_words_is_asked_of_it(factbase, thread, fact):
    # blind7: "time off to look for a job while under redundancy notice, is that a right?" after the UK's
    # consultation got the glossary (declined), being too long to be read as a follow-up
    answers = ask_thread(factbase, *thread)
    assert answers[-1].fact_ids[:1] == (fact,)


def test_an_ordinal_written_with_digits_is_no_unknown_name(factbase):
    # blind7: "ok and the 2nd round in march 23?" after Meta's November 2022 round was declined: "2nd", a word
    # no dictionary lists, was read as the name of a subject the base does not know
    answers = ask_thread(factbase, "how many did meta lay off in november 2022", "and their 2nd round, in 2023?")
    assert answers[-1].fact_ids[:1] == ("meta-layoff-2023-03-size",)


def test_y_for_why_opening_a_question_asks_why(factbase):
    # blind7: "y did it shrink" after Tencent's Q2 2022 headcount drop got the drop again, "y" read as nothing
    answers = ask_thread(factbase, "amazon layoffs jan 2023", "y were they cut")
    assert answers[-1].fact_ids[:1] == ("amazon-layoff-2023-01-reason",)


def test_a_round_in_chinese_is_a_round(factbase):
    # blind7: "那11月那一轮呢" (and that November round?) after Tencent's Q2 2022 drop was declined: 一轮, "a round",
    # was a word the base never uses, and so the turn's only subject
    answers = ask_thread(factbase, "meta 2022年11月裁了多少人", "2023年3月那一轮呢？")
    assert answers[-1].fact_ids[:1] == ("meta-layoff-2023-03-size",)


@pytest.mark.parametrize("question, entity", [("what did Sea give the staff it let go in 2022", "sea-group"),
                                              ("activision job losses", "microsoft")])
def test_a_companys_short_name_is_known(factbase, question, entity):
    # dev: "Why did Sea cut 7000 jobs?" and "Activision layoffs" were declined: "Sea" (Sea Limited's name as the
    # press writes it, an everyday word taken only when written as a name) and "Activision" (of Microsoft's
    # Activision Blizzard) were no aliases
    assert entities(factbase, ask_thread(factbase, question)[-1]) == {entity}


@pytest.mark.parametrize("question, fact", [
    ("Sea laid off 7,000 people - what was the reason?", "sea-group-layoff-2022-reason"),
    ("what was behind Sea's 7000 job cuts", "sea-group-layoff-2022-reason"),
])
def test_a_figure_picks_the_round_and_the_question_its_aspect(factbase, question, fact):
    # dev: "Why did Sea cut 7000 jobs?" got Sea's 2022 total: the figure picked the round, then the round's fact
    # that states the figure was preferred to its fact on the aspect asked (its reasons)
    assert ask_thread(factbase, question)[-1].fact_ids[:1] == (fact,)


def test_going_to_court_is_told_only_by_a_fact_or_rule_that_speaks_of_it(factbase):
    # blind7: "did any of them end up suing" after Twitter's layoffs got the layoffs' size. Suing is an aspect no
    # company fact here is about; rules that say when and how to sue still answer.
    assert not ask_thread(factbase, "how many did amazon lay off in 2023", "any lawsuits over it?")[-1].answered
    assert ask_thread(factbase, "how long do i have in germany to sue over a dismissal")[-1].fact_ids[:1] == (
        "de-dismissal-claim-three-weeks",)


def test_a_question_naming_a_year_is_never_answered_by_what_a_word_means(factbase):
    # blind6: "block cutting nearly half its staff in 2026??" (Block written in lowercase, an everyday word the
    # engine takes as a name only when written as one) got what quiet cutting is
    answer = ask_thread(factbase, "square cutting half its staff in 2025??")[-1]
    assert not any(factbase.index.documents[f].topic == "definition" for f in answer.fact_ids)


@pytest.mark.parametrize("question, term", [("what is N+1", "n+1"), ("which company paid N+2", "n+2"),
                                            ("and N+3.5?", "n+3.5")])
def test_a_severance_formula_like_n_plus_k_is_one_term(factbase, question, term):
    # dev: "and N+3.5?" after "what is N+1" got what N+1 is: "N+3.5" was read as "n" and "3.5", only N+1 being
    # one term; Bilibili's "N+2" and Baidu's "N+3.5" are written as such in their facts
    from bot.text import normalize
    assert term in factbase.index.content_words(normalize(question))
    if term != "n+1":
        assert "glossary-n-plus-1" not in ask_thread(factbase, "what is N+1", question)[-1].fact_ids


@pytest.mark.parametrize("question, entity", [("whats the notice period down under", "au"),
                                              ("got laid off stateside, do i get severance by law?", "us")])
def test_a_countrys_everyday_other_names_say_where(factbase, question, entity):
    # dev: "... unfair dismissal claim in oz" and "laid off in the states - is my company legally obliged to give me
    # a severance package?" were declined: Oz and the States name Australia and the US as people write them
    assert entities(factbase, ask_thread(factbase, question)[-1]) == {entity}


@pytest.mark.parametrize("question, fact", [("how many workers does lazada employ", None),
                                            ("how many staff does NIO have", None),
                                            ("小米有多少员工", "xiaomi-profile"),
                                            ("how many employees does tcs have", "tcs-profile")])
def test_a_companys_headcount_is_told_only_by_a_fact_that_states_it(factbase, question, fact):
    # dev: "how many staff does grab have" got Grab's 2023 round (about 1,000 jobs, 11% of staff), which states no
    # headcount; Lazada's and NIO's facts state none either, Xiaomi's and TCS's profiles do
    answer = ask_thread(factbase, question)[-1]
    assert (answer.fact_ids[:1] if answer.answered else ()) == ((fact,) if fact else ())


def test_a_new_time_asks_again_a_question_that_named_its_own_time(factbase):
    # blind7: "and in 2020?" after "What did grab give the people it laid off in 2023" got 2020's size: a new time
    # was always taken to ask what happened then. That holds after a question that leaned on the talk's round
    # ("why?", "what did staff get?"); one that named its own time is asked again of the new one.
    assert ask_thread(factbase, "what severance did grab pay in 2020", "what about 2023?")[-1].fact_ids[:1] == (
        "grab-layoff-2023-process",)
    assert not ask_thread(factbase, "what severance did meta give in 2022", "and in 2023?")[-1].answered
    assert ask_thread(factbase, "grab layoffs 2020", "what did staff get?", "and in 2023?")[-1].fact_ids[:1] == (
        "grab-layoff-2023-size",)


def test_a_term_of_a_law_counts_in_the_lexical_scores(factbase):
    # blind3 and trial 21: "咁長期服務金呢" after Hong Kong's severance got severance eligibility again: a term of a
    # law (长期服务金, long service payment) is masked as a name of its jurisdiction, and its words were left out
    # of BM25 on both sides, so every fact of the place tied on it
    assert ask_thread(factbase, "香港裁员补偿", "那长期服务金呢")[-1].fact_ids[:1] == ("hk-long-service-payment",)


def test_which_year_asks_when(factbase):
    # trial 21: "百度裁员是哪一年？" was declined: 哪年 / 哪一年 (which year) was neither a question of when nor a
    # cue of a round's date, as 什么时候 is, nor was English "which year" a question of when as "what year" was
    answer = ask_thread(factbase, "滴滴哪年裁员的")[-1]
    assert answer.answered and answer.fact_ids[0].startswith("didi-layoff-")
    from bot.analysis import question_type
    assert question_type("which year did twitter cut half its staff") == "when"


@pytest.mark.parametrize("question, company", [
    ("京东裁员的消息是真的吗？", "jd-com"),
    ("听说腾讯要裁员，真的假的", "tencent"),
    ("网传阿里裁员是真的吗", "alibaba"),
    ("is the jd.com layoff news true?", "jd-com"),
    ("tencent layoff rumours, real or fake?", "tencent"),
])
def test_asking_whether_a_report_is_true_asks_about_the_layoffs(factbase, question, company):
    """A new user's "京东裁员的消息是真的吗" (is the news of JD's layoffs true?) was declined while "京东裁员了吗"
    was answered: news, hearsay and truth words (消息, 听说, 真的假的, "news", "rumours", "real") frame the
    question; the layoffs are what it asks about."""
    answer, _ = factbase.ask(question)
    assert answer.answered and entities(factbase, answer) == {company}, answer.fact_ids


def test_a_short_chinese_year_alone_is_a_year(factbase):
    """"那23年还有裁吗" (and in '23, any cuts?) after Xiaohongshu's 2022 layoffs got the 2022 round again: "23年"
    was read as a figure, not as 2023 (only "22年11月", a short year before a month, was). The base has no
    Xiaohongshu round in 2023, so the answer is an honest decline that says so."""
    _, again = ask_thread(factbase, "小红书2022年裁了多少人", "那23年还有裁吗")
    assert not again.answered and "2023" in again.text, again.fact_ids
    assert "小红书在2023年" in again.text  # the company as a Chinese asker names it, not "Xiaohongshu"


def test_a_chinese_answers_total_and_warn_summary_name_the_company_in_chinese(factbase):
    """Trial 24: "Meta裁了多少人？" was answered "合计：本库记录的Meta Platforms裁员…" and "此外，Meta Platforms在
    美国州政府 WARN 通知登记中…": the rounds' total and the WARN summary wrote the English name in a Chinese answer."""
    answer, _ = factbase.ask("亚马逊2023年裁了多少人？")
    total = [c for c in answer.claims if c.startswith("2023年合计")]
    warn = [c for c in answer.claims if "WARN" in c]
    assert total and "亚马逊" in total[0] and "Amazon" not in total[0], answer.claims
    assert warn and "亚马逊" in warn[0] and "Amazon" not in warn[0], answer.claims
    english, _ = factbase.ask("How many did Amazon lay off in 2023?")
    assert any(c.startswith("In 2023, Amazon's rounds") for c in english.claims), english.claims


@pytest.mark.parametrize("question, name, english", [("亚马逊最近裁员", "亚马逊", "Amazon"),
                                                     ("百度现在还在裁员吗", "百度", "Baidu"),
                                                     ("亚马逊裁员时间线", "亚马逊", "Amazon")])
def test_a_chinese_view_names_companies_in_chinese(factbase, question, name, english):
    """"亚马逊最近裁员" was answered "Amazon最近的一次裁员是Amazon": the views wrote the base's English names,
    where fact answers and declines write the company's Chinese name for a Chinese asker."""
    answer, _ = factbase.ask(question)
    assert answer.view_kind and name in answer.claims[0] and english not in answer.claims[0], answer.claims


@pytest.mark.parametrize("question, reason", [
    ("what reason did amazon give for the 14,000 corporate cuts in oct 2025", "amazon-layoff-2025-10-reason"),
    ("what was the reason for meta's 11,000 layoffs", "meta-layoff-2022-11-reason"),
])
def test_a_rounds_reason_asked_with_its_figure_leads_with_the_reason(factbase, question, reason):
    """The figure a question states matched the round's size fact best, so "what reason did amazon give for the
    14,000 ... cuts" was answered with how many were cut: a question asking a round's reasons is led by the fact of
    that round that tells them (its size may follow)."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == reason, answer.fact_ids


@pytest.mark.parametrize("question, facts", [
    ("how much notice and severance do I get in the UK", {"uk-statutory-redundancy-pay", "uk-statutory-notice"}),
    ("what is the WARN notice period and what are the penalties", {"us-warn-penalties", "us-warn-notice"}),
    ("英国裁员要提前多久通知，补偿怎么算", {"uk-statutory-redundancy-pay", "uk-statutory-notice"}),
    ("德国裁员通知期和补偿", {"de-severance-1a-kschg", "de-notice-periods-bgb-622"}),
    # a topic named in more than one word beside the joiner ("redundancy pay", "notice period", "employee threshold")
    ("uk redundancy pay and notice period", {"uk-statutory-redundancy-pay", "uk-statutory-notice"}),
    ("what's the notice period and severance in germany", {"de-severance-1a-kschg", "de-notice-periods-bgb-622"}),
    ("WARN notice period and employee threshold", {"us-warn-mass-layoff", "us-warn-notice"}),
])
def test_two_topics_of_a_law_asked_together_are_both_answered(factbase, question, facts):
    """"how much notice and severance do I get in the UK" was answered with the severance rule alone: a question
    that asks two topics of one law (joined as one thing asked, or each in a clause of its own) gets the law's best
    rule on each. (A topic named in words either side of the joiner, "notice period and severance", is read from
    up to three words, not the one word next to it: "period" alone names no topic.)"""
    answer, _ = factbase.ask(question)
    assert answer.answered and set(answer.fact_ids[:2]) == facts, answer.fact_ids


@pytest.mark.parametrize("question", [
    "我怀孕了，公司能用经济性裁员的理由把我裁掉吗",  # pregnant: the circumstance; asked: can they lay me off
    "An Irish company ignored the 30-day redundancy consultation - could it be fined, and how much?",
])
def test_a_topic_that_only_sets_the_scene_is_not_a_second_question(factbase, question):
    answer, _ = factbase.ask(question)
    assert answer.answered and len({factbase.index.documents[f].topic for f in answer.fact_ids
                                    if f in factbase.index.documents}) == 1, answer.fact_ids


@pytest.mark.parametrize("question, company", [
    ("doordash ceo said 'thats on me' about layoffs, what was his explanation", "doordash"),
    ("what was the rationale behind the twitter layoffs", "twitter"),
    ("how did shopify justify its 2022 layoffs", "shopify"),
    ("what was the motivation for dropbox's layoffs", "dropbox"),
    ("小红书裁员的缘由是什么", "xiaohongshu"),
])
def test_the_reasons_other_names_ask_the_reason(factbase, question, company):
    """"what was his explanation", "the rationale", "how did they justify it" were declined (four) or answered with
    the company's profile (缘由): the reason topic knew why, reason, cause and behind, not the reason's other names."""
    answer, _ = factbase.ask(question)
    lead = factbase.index.documents[answer.fact_ids[0]] if answer.answered else None
    assert lead is not None and lead.topic == "layoff-reason" and lead.entity_id == company, answer.fact_ids


@pytest.mark.parametrize("question", ["redundancy pay australia 10 yrs servce how many weeks",
                                      "closing down a factory in india, how many days notice to the govt",
                                      "workday 2025 layoffs severance pkg", "is amazon hiring rn"])
def test_chat_abbreviations_are_the_words_they_shorten(factbase, question):
    """"10 yrs", "the govt", "severance pkg", "rn" were unknown words, counted as what the base does not know
    (they lowered the answer's confidence, "do i have to tell the govt ..." from 0.77 to 0.55)."""
    from bot.analysis import parse_question

    assert parse_question(factbase.index, question, Conversation()).unknown == ()


@pytest.mark.parametrize("question, fact", [
    ("uk statutory redundancy pay eligibility how many years", "uk-statutory-redundancy-pay"),
    ("redundancy pay eligibility ireland", "ie-statutory-redundancy-eligibility"),
    ("irish redundancy payment eligibility", "ie-statutory-redundancy-eligibility"),
    ("who qualifies for esa severance pay in ontario", "ca-on-severance-pay"),
    # (Ontario's termination pay is its notice, paid: ca-on-severance-pay "is separate from termination pay")
    ("who qualifies for termination pay in ontario", "ca-on-notice-of-termination"),
])
def test_eligibility_for_a_payment_is_asked_of_either_rule(factbase, question, fact):
    """"uk statutory redundancy pay eligibility" got the UK's rule on lay-off and short-time working: "redundancy
    pay", the law's own name for severance, was no severance cue, so "eligibility" made it a coverage question and
    any coverage rule agreed. Eligibility for a payment asks both: the payment's rule (the UK files who qualifies
    inside it) or a coverage rule (Ireland files it apart), whichever answers better."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == fact, answer.fact_ids


@pytest.mark.parametrize("question, word", [("irish redundancy payment eligibility", "irish"),
                                            ("german notice period", "german"), ("dutch transition payment", "dutch")])
def test_a_places_people_say_where_not_what(factbase, question, word):
    """"Irish" (an alias of Ireland) was read as a term of its law, a word to match, so the rules that happen to say
    "Irish" outranked the one on eligibility: a place's demonym and official name say where and nothing more."""
    from bot.matching import analyse

    parsed, _ = analyse(factbase.index, question, Conversation())
    assert parsed.entity_ids and word not in parsed.content and word not in parsed.hints, parsed


@pytest.mark.parametrize("question, fact", [("裁员的补尝怎么算", "cn-severance-amount"),
                                            ("英国裁员要提前多久统治", "uk-statutory-notice")])
def test_a_chinese_word_typed_with_a_homophone_is_the_word(factbase, question, fact):
    """blind7: "补尝给了多少" (补偿, compensation, typed with 尝, which sounds the same) was declined: an unknown
    two-character word that sounds like exactly one word of the lexicon is read as it."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == fact, answer.fact_ids


@pytest.mark.parametrize("question, company", [
    ("amazno layoffs 2023", "amazon"), ("tesal layoffs 2024", "tesla"),
    ("how many did amazno lay off in 2023", "amazon"),
    ("metta 11k layoffs nov 2022 true?", "meta"),  # trial 25: a letter doubled in a four-letter name
    ("腾迅2022年裁员多少人", "tencent"), ("小红树裁员多少人", "xiaohongshu"), ("阿里巴吧裁员了吗", "alibaba"),
    ("字节挑动裁员", "bytedance"),
])
def test_a_name_typed_with_a_slip_is_the_name(factbase, question, company):
    """Two slips of typing missed a company: two letters swapped in a short name ("amazno", "tesal": the alias
    lookup's ratio counts a swap as two edits, 83 to "amazon") and a Chinese character that sounds the same (腾迅
    for 腾讯, the commonest slip of Chinese input methods). "how many did amazno lay off in 2023" was even answered
    with every company's total for 2023."""
    answer, _ = factbase.ask(question)
    assert answer.answered and entities(factbase, answer) == {company}, answer.fact_ids


@pytest.mark.parametrize("question", ["how many did foocorp lay off in 2023", "华为2024年裁员多少人"])
def test_a_name_the_base_does_not_know_is_no_slip_nor_everyone(factbase, question):
    answer, _ = factbase.ask(question)
    assert not answer.answered and answer.view_kind is None, answer.claims


@pytest.mark.parametrize("question, company", [("lazada炒咗幾多人", "lazada"),
                                               ("新东方2021年一共裁了多少人", "new-oriental")])
def test_cantonese_fired_and_in_total_ask_about_the_layoffs(factbase, question, company):
    """"總共炒咗幾多人" (how many were fired in all) after Lazada's layoffs was declined: 炒 (炒魷魚, fired) was no
    layoff word, and 总共 / 一共 ("in total") were read as unknown words of the question."""
    answer, _ = factbase.ask(question)
    assert answer.answered and entities(factbase, answer) == {company}, answer.fact_ids
    lead = factbase.index.documents[answer.fact_ids[0]]
    assert lead.topic.startswith("layoff-size") or lead.kind == "event", lead.id


@pytest.mark.parametrize("thread, fact", [
    (("twitter layoffs nov 2022 how many", "how did ppl find out"), "twitter-layoff-2022-11-process"),
    (("how did google employees find out about the 2023 layoffs",), "alphabet-layoff-2023-01-process"),
    (("google layoffs january 2023", "员工是怎么知道自己被裁的"), "alphabet-layoff-2023-01-process"),
])
def test_how_people_found_out_is_how_they_were_told(factbase, thread, fact):
    """"how did ppl find out" after Twitter's November 2022 layoffs was declined (its words said nothing the base
    reads): how the people laid off learnt of it (found out, heard, 怎么知道) is how they were told."""
    *_, answer = ask_thread(factbase, *thread)
    assert answer.answered and answer.fact_ids[0] == fact, answer.fact_ids


def test_another_place_after_a_terms_meaning_asks_its_law_on_the_terms_subject(factbase):
    """Trial 24: "香港呢？" after "中国的N+1赔偿是什么意思？" repeated the glossary's N+1 (China's severance) for Hong
    Kong: the definition topic was carried to the new place. What the term is about (severance) is what is asked of
    the other place's law."""
    _, hong_kong = ask_thread(factbase, "中国的N+1赔偿是什么意思？", "香港呢？")
    assert hong_kong.answered and entities(factbase, hong_kong) == {"hk"}, hong_kong.fact_ids
    assert factbase.index.documents[hong_kong.fact_ids[0]].topic == "severance"


def test_companies_of_a_chinese_city_are_any_employer_there(factbase):
    """Trial 24: "深圳的公司裁员需要提前多久通知员工？" was declined as a question about a company called "深圳的":
    "X的公司" (companies in Shenzhen) asks about any employer, and a Chinese question naming no country about China's
    law."""
    answer, _ = factbase.ask("深圳的公司裁员需要提前多久通知员工？")
    assert answer.answered and entities(factbase, answer) == {"cn"}, (answer.fact_ids, answer.missing)


@pytest.mark.parametrize("follow_up", ["what about shanghai", "上海那边呢"])
def test_a_city_after_a_companys_layoffs_is_no_question_about_the_countrys_law(factbase, follow_up):
    """Cities made places of China's jurisdiction (ec3fddf) turned "what about shanghai" after Xiaohongshu's layoffs
    into China's mass-layoff threshold: after a company, a city is where its staff are. (Taken back.)"""
    _, after = ask_thread(factbase, "小红书2022年裁了多少人", follow_up)
    assert not after.answered or entities(factbase, after) == {"xiaohongshu"}, after.fact_ids


@pytest.mark.parametrize("question", ["Is a Sozialplan mandatory in Germany?", "what is kurzarbeit in germany"])
def test_a_term_of_a_law_the_base_lacks_is_declined_not_answered_with_another_rule(factbase, question):
    """Trial 24: "Is a Sozialplan mandatory in Germany?" got Germany's statutory severance rule (0.76): the term
    asked about is a word the base never uses, so no rule of the base answers it."""
    answer, _ = factbase.ask(question)
    assert not answer.answered, answer.fact_ids


def test_a_foreign_gloss_beside_words_the_base_has_is_no_term_it_lacks(factbase):
    """Trial 25: "Japan's four requirements for economic dismissal (seiri kaiko)?" was declined: the Japanese gloss
    is two words the base never uses, but what is asked is said in words it has."""
    answer, _ = factbase.ask("Japan's four requirements for economic dismissal (seiri kaiko)?")
    assert answer.answered and answer.fact_ids[0] == "jp-redundancy-four-factors", answer.fact_ids


@pytest.mark.parametrize("question", ["加拿大集体解雇需要提前多长时间通知？", "德国大规模解雇要通知谁",
                                      "集体辞退要给补偿吗"])
def test_chinese_names_of_a_collective_dismissal_are_a_mass_layoff(factbase, question):
    """Trial 24: 集体解雇 (collective dismissal) was read as 集体 (an unknown word) and 解雇 (a dismissal), so a
    question about Canada's group termination notice looked like one about an individual's notice."""
    from bot.matching import analyse

    parsed, _ = analyse(factbase.index, question, Conversation())
    assert "masslayoff" in parsed.content, parsed.content


def test_chat_n_for_and_opens_a_follow_up(factbase):
    """Trial 24: "n hong kong?" after Singapore's retrenchment benefit was declined: "n" (chat's "and") was read as a
    word of the question (the N of N+1), so the follow-up asked nothing of the talk's topic."""
    _, hong_kong = ask_thread(factbase, "singapore retrenchment benefit how much", "n hong kong?")
    assert hong_kong.answered and entities(factbase, hong_kong) == {"hk"}, hong_kong.fact_ids
    answer, _ = factbase.ask("n plus 1 meaning")  # ... but "n plus 1" is N+1
    assert answer.answered and answer.fact_ids[0] == "glossary-n-plus-1", answer.fact_ids


@pytest.mark.parametrize("question, fact", [
    ("What's the employee threshold for the California WARN Act to apply?", "us-ca-warn-coverage"),
    ("warn act coverage threshold", "us-warn-coverage"),
    ("warn act mass layoff threshold", "us-warn-mass-layoff"),  # how many must go: still the mass layoff's
])
def test_a_threshold_for_a_law_to_apply_is_whom_it_covers(factbase, question, fact):
    """Trial 24 and dev: "the employee threshold for the California WARN Act to apply" got the state's triggers (a
    layoff of 50): "threshold" set the mass-layoff topic ahead of coverage, though the threshold asked is how big an
    employer must be (an employee count, or a coverage word beside it), not how many must go."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == fact, answer.fact_ids


@pytest.mark.parametrize("thread, reason", [
    (("why did google lay off staff",), "alphabet-layoff-2023-01-reason"),
    (("Meta裁了多少人？", "为什么？", "那谷歌呢？"), "alphabet-layoff-2023-01-reason"),
    (("What was behind Meta's 'year of efficiency' job cuts?",), "meta-layoff-2023-03-reason"),  # its words pick it
])
def test_a_companys_reasons_asked_of_no_round_are_its_biggest_rounds(factbase, thread, reason):
    """Trial 24: "那谷歌呢？" after Meta's reasons got Google's reasons for a cut of a few hundred in January 2024, not
    for the 12,000 of January 2023: the ranker picks among a company's reason facts by their wording. Asked of no
    round in particular, they are those of the round a question about its layoffs leads with, its biggest."""
    *_, answer = ask_thread(factbase, *thread)
    assert answer.answered and answer.fact_ids[0] == reason, answer.fact_ids


@pytest.mark.parametrize("question, fact", [
    ("一次裁员20人以上，公司要向劳动行政部门报告吗？", "cn-mass-layoff-report-to-labour-bureau"),
    # ... also with a measure word (trial 28: "公司裁员20个人以上，要提前多少天跟工会说？" got the threshold)
    ("裁掉20个人以上的话，要提前多少天和工会商量", "cn-mass-layoff-consultation"),
    # 40 is an article's number, no headcount: a word still
    ("劳动合同法第40条：公司是要提前30天书面通知，还是可以多付一个月工资代替？", "cn-notice-article-40"),
])
def test_a_chinese_questions_headcount_is_no_word_to_match_alone(factbase, question, fact):
    """Trial 24: "一次裁员20人以上，公司要向劳动行政部门报告吗？" got China's mass-layoff threshold, not the duty to
    report: in a Chinese question the figure 20 was the only word BM25 read, so the fact stating 20 outranked the
    one about reporting. A headcount (20人) is matched as a figure; an article's number stays a word."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == fact, answer.fact_ids


@pytest.mark.parametrize("question, fact", [("印度大规模裁员需要政府批准吗？", "in-prior-permission-threshold"),
                                            ("does india need government permission for mass layoffs",
                                             "in-prior-permission-threshold")])
def test_leave_to_dismiss_asked_of_the_government_is_no_notification(factbase, question, fact):
    """Trial 24: "印度大规模裁员需要政府批准吗？" got India's closure notice: 批准 (approval) was no word the base
    reads, and 政府 (the government) cued the notification topic, though it is whom permission is asked of."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == fact, answer.fact_ids


@pytest.mark.parametrize("question", ["用人单位裁员要给多少补偿", "雇主裁员要提前多久通知"])
def test_the_employer_in_chinese_is_no_company_name(factbase, question):
    """"用人单位裁员要给多少补偿" (how much must the employer pay) was declined as a question about a company
    called 用人单位: the law's word for the employer (用人单位), and 雇主, 资方, ask about any employer, as 公司 and
    企业 do."""
    answer, _ = factbase.ask(question)
    assert answer.answered and entities(factbase, answer) == {"cn"}, (answer.fact_ids, answer.missing)


@pytest.mark.parametrize("thread", [("twitter layoffs 2022", "what about san francisco"),
                                    ("how many did google lay off in 2023", "what about the bay area")])
def test_a_place_after_a_companys_layoffs_asks_about_the_company_there(factbase, thread):
    """"what about san francisco" after Twitter's layoffs got California's WARN triggers: a jurisdiction's place
    (`places:`) named it, and the follow-up took it for a question about California's law. After a company, a place
    says where its staff were: the company's facts that speak of it answer, else an honest decline."""
    *_, after = ask_thread(factbase, *thread)
    assert not after.answered or entities(factbase, after) <= {"twitter", "alphabet"}, after.fact_ids
    law, _ = factbase.ask("bay area layoff rules")  # the place asked alone names its law
    assert law.answered and entities(factbase, law) == {"us-ca"}, law.fact_ids


@pytest.mark.parametrize("question, place", [("公司冇俾代通知金就叫我走，我可以點做？", "hk"), ("遣散費點計？", "hk"),
                                             ("经济补偿金怎么算", "cn")])
def test_a_question_in_cantonese_naming_no_place_asks_hong_kongs_law(factbase, question, place):
    """Trial 24: "公司冇俾代通知金就叫我走，我可以點做？" (written Cantonese) was answered with mainland China's article
    40: a Chinese question naming no place is about China's law, but one in Cantonese is about Hong Kong's."""
    answer, _ = factbase.ask(question)
    assert answer.answered and entities(factbase, answer) == {place}, answer.fact_ids


@pytest.mark.parametrize("question", ["Paid holiday days in France?", "annual leave in France",
                                      "how do i get a work visa for canada",
                                      "How does Universal Credit work if you lose your job in the UK?"])
def test_time_off_and_visas_are_aspects_no_layoff_rule_is_about(factbase, question):
    """Trial 24: "Paid holiday days in France?" got France's PSE threshold; dev's "how do i get a work visa for
    canada" got Canada's federal coverage: time off and the right to work are aspects (lexicon.ASPECT_TOPICS) a rule
    answers only when it speaks of them ("Do I get my unused vacation paid out…" still gets New York's final pay)."""
    answer, _ = factbase.ask(question)
    assert not answer.answered, answer.fact_ids
    kept, _ = factbase.ask("Do I get my unused vacation paid out in my final check in New York?")
    assert kept.answered and kept.fact_ids[0] == "us-ny-final-paycheck", kept.fact_ids


def test_when_after_one_round_is_its_dated_first_sentence_alone(factbase):
    """Trials 23 and 24: "when?" after an answer about one round repeated the whole answer (its WARN summary too):
    the round's first sentence dates it, and is all that is asked. (After several rounds, their list dates each.)"""
    first, conversation = factbase.ask("how many people did meta lay off in 2022")
    when, _ = factbase.ask("when?", conversation)
    assert when.answered and when.fact_ids[:1] == first.fact_ids[:1] and len(when.claims) == 1, when.claims
    assert when.claims[0].startswith("On November 9, 2022") and len(when.claims[0]) < len(first.claims[0])
    assert when.citations and all(f"[{c.number}]" in when.claims[0] for c in when.citations)
    # a question that names its subject again is asked afresh: answered in full (the terminal walkthrough asked
    # "小红书裁员多少人？" right after the English question about the same round)
    again, _ = factbase.ask("Meta在2022年裁了多少人？", conversation)
    assert len(again.claims) > 1 and "截至" in again.text, again.claims


def test_how_many_right_after_one_round_is_that_rounds(factbase):
    """Trial 24: "how many people were affected?" after "When did Meta announce its second round of layoffs?" got the
    first round (November 2022), and so did a bare "how many?": the company's size facts were the ranker's to pick, and
    the rounds' answer led with the biggest. Right after an answer about one round, "how many?" asks about it."""
    _, how_many = ask_thread(factbase, "When did Meta announce its second round of layoffs?", "how many?")
    assert how_many.answered and how_many.fact_ids[0] == "meta-layoff-2023-03-size", how_many.fact_ids
    # trial 25: and not the whole answer reprinted: its first sentence gives the figure
    assert len(how_many.claims) == 1 and "10,000" in how_many.claims[0] and "[" in how_many.claims[0]
    several, conversation = factbase.ask("How many people did Amazon lay off?")  # after several: still all of them
    again, _ = factbase.ask("how many?", conversation)
    assert again.fact_ids[:1] == several.fact_ids[:1]


def test_anything_asked_of_a_companys_future_is_declined_as_a_forecast(factbase):
    """blind6: "whats intels revenue forecast for next year" got Intel's 2024 reasons (0.476): only a layoff question
    about a later period was declined as a forecast; anything asked of a company's future is no more answerable."""
    answer, _ = factbase.ask("whats intels revenue forecast for next year")
    assert not answer.answered and "what will happen" in answer.text, answer.text


@pytest.mark.parametrize("question, fact", [("How many SAP jobs will go in Germany?", "sap-layoff-2024-germany"),
                                            ("tiktok uk layoffs", "bytedance-layoff-2025-london-size")])
def test_a_company_and_a_country_asked_together_get_its_facts_of_that_country(factbase, question, fact):
    """dev: "How many SAP jobs will go in Germany?" got SAP's global 2023 round, "tiktok uk layoffs" Indonesia's: a
    country named beside a company says where its staff are; the company's facts that speak of it answer, where any
    does (as "how many of those in germany?" after its layoffs already did)."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == fact, answer.fact_ids


def test_a_follow_up_written_alike_in_both_scripts_is_answered_in_the_talks(factbase):
    """Trial 25: in a talk in traditional characters, "那谷歌呢？" (the same in both scripts) came back in simplified:
    the answer's script is the question's, and this one says none."""
    *_, google = ask_thread(factbase, "Meta裁員多少人？", "為什麼？", "那谷歌呢？")
    from bot.language import in_script

    assert google.answered and google.lang == "zh-Hant", google.lang
    assert in_script(google.claims[0], "zh-Hant") == google.claims[0], google.claims[0]
    _, simplified = ask_thread(factbase, "Meta裁员多少人？", "那谷歌呢？")
    assert simplified.lang == "zh-Hans"


@pytest.mark.parametrize("question, fact", [
    ("paypal layoffs - not the 2023 round, the one in 2024. how many?", "paypal-layoff-2024-01-size"),
    ("google layoffs 2023 not 2022", "alphabet-layoff-2023-01-size"),
    ("PayPal不是2023年那次，是2024年那次，裁了多少人", "paypal-layoff-2024-01-size"),
])
def test_a_year_said_not_to_be_the_one_asked_is_not_asked(factbase, question, fact):
    """blind10: "paypal layoffs - not the 2023 round, the one in 2024. how many?" got the 2023 round: the first year
    written was the one asked. A year negated beside another (not, except, other than, 不是, 除了) is set aside, as a
    negated company is ("Not Meta but Microsoft")."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == fact, answer.fact_ids


@pytest.mark.parametrize("question, place", [
    ("we're cutting 120 roles at our manchester office, how long must collective consultation last?", "uk"),
    ("belfast factory making 30 people redundant - how long is the consultation?", "uk-ni"),
    ("our HR in munich plans to dismiss 40 of 450 staff, do we have to notify the employment agency?", "de"),
    ("how much notice for a mass layoff in austin", "us"),
])
def test_a_city_names_the_law_that_applies_there(factbase, question, place):
    """blind10: "we're proposing around 120 redundancies at our manchester site - how long does the collective
    consultation have to run" was declined (Manchester was an unknown name), and its thread with it: a worker names
    their city, not their country. GeoNames' cities (bot/data/places/cities.csv, tools/make_cities.py) name their
    jurisdiction, as the curated places do."""
    answer, _ = factbase.ask(question)
    assert answer.answered and entities(factbase, answer) == {place}, answer.fact_ids


@pytest.mark.parametrize("question", ["layoff notice rules in cambridge",  # Cambridge, England, or Massachusetts
                                      "reading the WARN act, how many days of notice?"])  # an everyday word
def test_a_city_name_shared_or_everyday_names_no_law(factbase, question):
    answer, _ = factbase.ask(question)
    assert not answer.answered or entities(factbase, answer) <= {"us"}, answer.fact_ids


@pytest.mark.parametrize("thread, fact", [
    (("tiktok malaysia layoffs 2024 how many", "why", "and berlin?"), "bytedance-layoff-2025-berlin-size"),
    (("what happened with tiktok layoffs in malaysia", "berlin那边也裁了吗"), "bytedance-layoff-2025-berlin-size"),
    (("tiktok malaysia layoffs 2024 how many", "what are the layoff rules in berlin?"), None),
])
def test_a_city_after_a_companys_layoffs_asks_about_the_company_there(factbase, thread, fact):
    """A city is a place: after a company's layoffs, "and berlin?" or "berlin那边也裁了吗" (did it cut there too?) asks
    which of its facts speaks of Berlin (a fact's own "in Berlin" keeps its word: cities join the index after the facts
    are read); its law asked in words ("layoff rules") is the place's law."""
    *_, after = ask_thread(factbase, *thread)
    if fact:
        assert after.answered and after.fact_ids[:1] == (fact,), after.fact_ids
    else:
        assert after.answered and entities(factbase, after) == {"de"}, after.fact_ids


@pytest.mark.parametrize("thread, fact", [
    (("how many did airbnb lay off in 2020", "and later on, more cuts?"), "airbnb-layoff-2023-size"),
    (("tiktok layoffs in malaysia october 2024", "what about the berlin team later on?"),
     "bytedance-layoff-2025-berlin-size"),
])
def test_later_alone_keeps_neither_the_month_nor_the_year_talked_about(factbase, thread, fact):
    """blind3: "did they cut again later?" after Airbnb's 2020 round got its 2020 process: "later" kept the talk's year,
    as "later that year" rightly does. Said alone, a later moment may be any later year."""
    *_, after = ask_thread(factbase, *thread)
    assert after.answered and after.fact_ids[:1] == (fact,), after.fact_ids


@pytest.mark.parametrize("question, fact, company", [
    ("tiktok london layoffs", "bytedance-layoff-2025-london-size", "bytedance"),
    ("tesla layoffs austin", "tesla-layoff-2024-05-supercharger-size", "tesla"),
    ("shopify layoffs ottawa", None, "shopify"),
    ("京东北京裁员人数", None, "jd-com"),
    ("atlassian sydney layoffs", None, "atlassian"),
])
def test_a_city_beside_a_company_says_where_its_staff_are(factbase, question, fact, company):
    """With cities as places, "tiktok london layoffs" got TikTok's Berlin round, "shopify layoffs ottawa" Ontario's rule
    on temporary layoffs, "京东北京裁员人数" China's mass-layoff threshold: beside a company, a city says where its
    staff are; its words stay the question's, and its law is not asked."""
    answer, _ = factbase.ask(question)
    assert answer.answered and entities(factbase, answer) == {company}, answer.fact_ids
    if fact:
        assert answer.fact_ids[0] == fact, answer.fact_ids


def test_a_company_and_a_country_asked_together_are_not_answered_by_the_countrys_law(factbase):
    """blind10: "did agoda really tell the people it let go in singapore they'd lose their severance if they went to
    MOM or a union??" got Singapore's retrenchment-benefit norm (wrong entity): when one of the company's facts speaks
    of the country, it answers, not the company's other facts nor the country's law."""
    answer, _ = factbase.ask("agoda let people go in singapore, was there a catch about the severance?")
    assert answer.answered and answer.fact_ids[0] == "agoda-layoff-2025-singapore", answer.fact_ids


def test_a_fact_speaks_of_a_country_with_all_the_words_of_a_name_of_it(factbase):
    """"what severance did tiktok give staff in the uk" got TikTok's Berlin round: "unit", of "United Kingdom", was
    enough, and the Berlin fact speaks of TikTok's "Live unit"."""
    answer, _ = factbase.ask("what severance did tiktok give staff in the uk")
    assert "bytedance-layoff-2025-berlin-size" not in answer.fact_ids, answer.fact_ids


@pytest.mark.parametrize("question, fact", [
    ("how did the better.com ceo break the news", "better-com-layoff-2021-12-process"),
    ("how did twitter communicate the layoffs", "twitter-layoff-2022-11-process"),
])
def test_how_a_company_told_its_staff_is_how_they_were_told(factbase, question, fact):
    """blind10: "how did ebay tell people they were laid off in jan 2024" got the round's size: how staff found out was
    read as how they were told (9576589), but not how the company told them (tell, inform, notify, break the news,
    communicate)."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == fact, answer.fact_ids


def test_how_many_of_those_asks_the_rounds_size_again(factbase):
    """blind10: "how many of those were at redmond" after Microsoft's May 2025 round got Microsoft's profile (which
    names its headquarters): a part of what was just told is asked as it was told, the round's size."""
    *_, after = ask_thread(factbase, "how big was microsoft's may 2025 layoff", "how many of them were at redmond")
    assert after.answered and after.fact_ids[0] == "microsoft-layoff-2025-05-size", after.fact_ids


@pytest.mark.parametrize("question, fact", [
    ("what were google's 2023 layoffs linked to", "alphabet-layoff-2023-01-reason"),
    ("what drove the salesforce layoffs in 2023", "salesforce-layoff-2023-01-reason"),
    ("what were the meta cuts blamed on", "meta-layoff-2022-11-reason"),
    # blind11: "Bosch is shedding 13k jobs in Germany — what's driving it?" got the size
    ("salesforce cut 10% in 2023, what was driving that?", "salesforce-layoff-2023-01-reason"),
    ("what drives the google layoffs of 2023", "alphabet-layoff-2023-01-reason"),
])
def test_a_cause_asked_with_a_verb_is_the_reason(factbase, question, fact):
    """blind10: "ibm jan 2023 3,900 job cuts - what were they tied to" got the round's size: a cause asked with a
    verb (tied to, linked to, driven by, attributed to, blamed on, what drove, what is driving) is the reason, as "what
    caused" is."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == fact, answer.fact_ids


@pytest.mark.parametrize("thread, fact", [
    (("How much notice does the WARN Act require?", "is california different?"), "us-ca-warn-notice"),
    (("How much notice does the WARN Act require?", "does new york differ?"), "us-ny-warn-notice"),
    (("does my company need to give 60 days notice under WARN if 80 ppl go at our austin office",
      "wat about california, is cal warn different?"), "us-ca-warn-notice"),
])
def test_whether_another_place_differs_asks_the_last_question_of_it(factbase, thread, fact):
    """Trial 26: "wat about california, is cal warn different?" after the WARN Act's notice was declined, and the
    thread with it: whether another place differs (different, differ, 不同, 不一样) asks the last question of it, as
    "is that the same in korea?" does."""
    *_, after = ask_thread(factbase, *thread)
    assert after.answered and after.fact_ids[0] == fact, after.fact_ids


@pytest.mark.parametrize("question, fact", [
    ("what's the notification threshold in germany for a company with 300 employees?", "de-mass-dismissal-thresholds"),
    ("ireland notification threshold for collective redundancies", "ie-collective-redundancy-threshold"),
])
def test_a_duty_s_threshold_is_the_laws_mass_layoff(factbase, question, fact):
    """Trial 26: "and what's the notification threshold for a company with 300 employees?" (Germany) got what the
    notification must say: the threshold of a duty to notify or consult is how many must go for it to arise, the
    law's mass layoff."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == fact, answer.fact_ids


def test_a_rule_that_speaks_of_the_topic_answers_though_filed_under_another(factbase):
    """Trial 26: "Korea: how many days' notice must an employer give the union before redundancy dismissals?" got the
    30-day report to the Ministry: Korea has no rule filed under consultation, so its rules on unrelated topics were
    set aside, though the managerial-dismissal requirements (mass layoff) state the 50 days' consultation with the
    union. A rule whose claim speaks of the topic asked stays."""
    answer, _ = factbase.ask("in south korea how far ahead must the union be consulted before layoffs for business"
                             " reasons?")
    assert answer.answered and answer.fact_ids[0] == "kr-managerial-dismissal-requirements", answer.fact_ids


def test_a_terms_meaning_is_no_reason(factbase):
    """Trial 26: "why were they cutting?" after a list of German companies' cuts got the meaning of "quiet cutting": a
    glossary entry answers a why-question only when the question names its term ("why do companies do quiet
    cutting?"), not for sharing the word of a layoff."""
    *_, after = ask_thread(factbase, "Which companies announced job cuts in France in 2023?", "why were they cutting?")
    assert not after.fact_ids or factbase.index.documents[after.fact_ids[0]].topic != "definition", after.fact_ids
    named, _ = factbase.ask("why do companies do quiet cutting?")
    assert named.answered and named.fact_ids[0] == "glossary-quiet-cutting", named.fact_ids


def test_how_much_of_a_layoff_one_gets_is_its_payment(factbase):
    """Trial 27: "I was laid off in Dublin after 5 years, how much statutory redundancy do I get?" read no topic
    ("redundancy" is a layoff): "how much redundancy do we get in ireland" got the collective-redundancy threshold.
    How much of it one gets asks its payment, as "what did they get" does."""
    answer, _ = factbase.ask("how much redundancy do we get in ireland")
    assert answer.answered and answer.fact_ids[0] == "ie-statutory-redundancy-formula", answer.fact_ids


@pytest.mark.parametrize("question", ["corporate tax rate in Ireland?", "avg salary of a google swe",
                                      "what's the average salary for a warehouse operative in Manchester?"])
def test_an_aspect_asked_of_something_else_is_not_answered_by_a_fact_on_it(factbase, question):
    """Trial 27: "corporate tax rate in Ireland?" got Ireland's redundancy formula (which speaks of tax on redundancy
    pay), "avg salary of a google swe" Google's 2025 layoffs: a fact that speaks of the aspect (tax, pay) answers only
    when it also speaks of what the aspect is asked of (corporate tax, a swe's salary)."""
    answer, _ = factbase.ask(question)
    assert not answer.answered, answer.fact_ids


@pytest.mark.parametrize("thread, fact", [
    (("what's the california warn threshold?", "does it apply to remote employees?"), None),
    (("does the uk redundancy pay apply to contractors",), None),
    (("does ny warn count remote workers?",), "us-ny-warn-2023-regulations"),
    (("how many contractors did twitter let go",), "twitter-layoff-2022-11-contractors-size"),
])
def test_a_kind_of_worker_is_answered_only_by_a_fact_that_speaks_of_it(factbase, thread, fact):
    """Trial 27: "does it apply to remote employees?" after California's WARN coverage repeated the coverage rule,
    which says nothing of remote work: a kind of worker asked about (remote, contractors, freelancers, interns, gig
    workers) is answered only by a fact that speaks of it, as a protected condition (pregnancy) is."""
    *_, answer = ask_thread(factbase, *thread)
    if fact:
        assert answer.answered and answer.fact_ids[0] == fact, answer.fact_ids
    else:
        assert not answer.answered, answer.fact_ids


def test_a_clause_that_says_when_leaves_the_layoffs_what_is_asked(factbase):
    """Trial 27: "twitter layoffs after musk bought it" led with the reason: the clause's words (musk, bought) were
    read as what is asked, leaving no topic. A clause that says when (after, following, since, once, when) leaves
    the company's layoffs what is asked."""
    answer, _ = factbase.ask("twitter layoffs after musk bought it")
    assert answer.answered and answer.fact_ids[0] == "twitter-layoff-2022-11-size", answer.fact_ids


def test_a_laws_own_name_for_a_mass_layoff_asks_the_mass_layoff_notice(factbase):
    """Blind7 and blind5: "federal canada group termination notice how many weeks" got the notice owed to one
    employee, whose claim says in passing that group termination notice was not changed. A law's own name for a
    mass layoff (masked as a term of its law) asks the mass layoff's notice as "mass layoff" does, and a notice rule
    that names the mass layoff only in its claim, not in what it answers, is an individual's notice."""
    from bot.features import F

    _, _, (candidates, matrix, _) = matching.match_rank_features(
        factbase.index, "federal canada: weeks of notice for a group termination?", Conversation())
    rows = dict(zip(candidates, matrix, strict=True))
    assert rows["ca-fed-group-termination-notice"][F["topic_same"]] == 1.0
    assert rows["ca-fed-individual-notice"][F["topic_same"]] == 0.0
    assert rows["ca-fed-individual-notice"][F["topic_related"]] == 1.0


def test_a_provisions_number_is_no_range_a_figure_agrees_with(factbase):
    """Blind7: "does kschg even apply at a 6 person startup" got Germany's three-week deadline to sue, whose claim
    cites "§§ 4 to 7" of the Act: the section numbers read as a range of 4 to 7 that holds the 6. A provision's
    number ("§ 17", "Article 23(2)", "sections 201 to 227", "Articles 40 and 41") states no range."""
    ranges = factbase.index.ranges
    assert "de-dismissal-claim-three-weeks" not in ranges  # "§§ 4 to 7", "under § 23"
    assert "de-maternity-dismissal-ban" not in ranges  # "under § 17 (1)": not "under 17"
    assert (40.0, 41.0, 0.0) not in ranges.get("cn-protected-employees", ())  # "Articles 40 and 41"
    assert (0.0, 4.0, 1.0) in ranges["cn-protected-employees"]  # ... its own range stays ("fewer than 5 years")
    answer, _ = factbase.ask("does the kschg apply at a startup with 6 people?")
    assert answer.fact_ids[:1] != ("de-dismissal-claim-three-weeks",), answer.fact_ids


@pytest.mark.parametrize("question, company", [
    ("how many people did block lay off", "block"),  # the verb right after the name
    ("did sea really lay off staff in 2022", "sea-group"),  # ... after an adverb
    ("block layoffs 2026", "block"),  # the noun
    ("block feb 2025 job cuts?", "block"),  # ... with the round's time between
    ("sea (shopee's parent) 2022 layoffs", "sea-group"),  # ... or an aside
])
def test_an_everyday_word_name_in_lowercase_is_the_company_a_layoff_follows(factbase, question, company):
    """Blind10 and blind6: "is block really cutting almost half its staff in 2026" was declined (top: what quiet cutting
    means): "block", an everyday word, counts as Block's name only capitalised. Followed by a layoff as its verb or noun
    it is the company's name however written, as an everyday word lays nobody off."""
    answer, _ = factbase.ask(question)
    assert answer.answered and entities(factbase, answer) == {company}, answer.fact_ids


def test_an_everyday_word_without_a_layoff_after_it_is_no_name(factbase):
    answer, _ = factbase.ask("a block of layoffs hit the city")
    assert "block" not in entities(factbase, answer)


@pytest.mark.parametrize("question, fact", [
    ("layoff vs furlough - what's the actual difference", "glossary-furlough"),
    ("RIF in layoffs: what does that acronym stand for", "glossary-reduction-in-force"),
    ("furlough or layoff - any diff?", "glossary-furlough"),  # chat's "diff", as "difference" (blind15)
])
def test_an_everyday_word_the_base_never_uses_is_no_unknown_name(factbase, question, fact):
    """Blind10 and blind11: "furloughed vs laid off, whats the actual difference" and "whats a RIF in layoffs, what
    does it stand fro" were declined outright: a word the base never uses beside a layoff read as a company it does
    not know ("actual", "difference", "fro"). An English word is no name (pyspellchecker's list, as for follow-ups)."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == fact, answer.fact_ids


def test_an_unknown_name_beside_a_layoff_is_still_declined(factbase):
    answer, _ = factbase.ask("did zorblax corp have layoffs")
    assert not answer.answered, answer.fact_ids


def test_a_glossary_entry_of_a_chinese_term_can_be_asked_in_chinese(factbase):
    """Blind7, blind10, blind11: "大厂说员工“毕业”了是什么意思？", "HR说我被优化了，这算裁员吗" were declined or got
    China's law: the entries on 毕业, 优化 and 代通知金 had no phrasing in Chinese, so a Chinese question met only their
    canonical words. An entry whose claim names a Chinese term has a phrasing in Chinese."""
    from bot.retrieval import chinese_phrasing
    from bot.text import has_cjk

    lacking = [d.id for d in factbase.index.documents.values()
               if d.entity_id is None and d.topic == "definition" and has_cjk(d.claim)
               and not chinese_phrasing(d.questions)]
    assert not lacking


@pytest.mark.parametrize("question, fact", [
    ("“毕业”到底是什么意思", "glossary-graduation-biye"),
    ("被公司优化是啥意思", "glossary-optimisation-youhua"),
])
def test_a_chinese_term_asked_in_chinese_gets_its_entry(factbase, question, fact):
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == fact, answer.fact_ids


@pytest.mark.parametrize("question", ["优化跟裁员有什么区别", "优化是裁员吗", "毕业和裁员一样吗"])
def test_a_term_joined_to_another_opening_a_chinese_question_is_no_company(factbase, question):
    """"优化跟裁员有什么区别" (optimisation and layoffs, what's the difference) was guarded as naming a company the base
    does not know, "优化跟": a name opening a Chinese question before 裁员 is none when it joins or equates (跟, 和, 与,
    及, 是) what follows."""
    from bot.analysis import unknown_chinese_company
    from bot.text import normalize

    assert unknown_chinese_company(factbase.index, normalize(question)) == ()


def test_a_follow_up_whose_words_all_come_from_the_last_question_puts_it_to_the_new_place(factbase):
    """Blind11: after a long question about consultation for 150 redundancies at a site in Leeds, "what about if the
    site was in Northern Ireland instead?" got the glossary (its words "site", "instead" read as a new question), and
    "and in the Republic of Ireland?" then had nothing to carry. A follow-up naming a new place whose every word
    comes from the last question (or says "instead") asks the last question of that place."""
    answers = ask_thread(factbase, "our office in manchester is proposing 120 redundancies, how long must the "
                         "consultation run before the first dismissal?",
                         "and if the office were in northern ireland instead?", "what about ireland?")
    assert [a.fact_ids[:1] for a in answers] == [
        ("uk-consultation-100-plus",), ("uk-ni-consultation-100-plus",), ("ie-collective-consultation",)], \
        [a.fact_ids for a in answers]


@pytest.mark.parametrize("whole_year", ["那2023年全年呢？", "and for the whole of 2023?",
                                        "what about the entire year 2023"])
def test_a_whole_year_asked_after_a_round_is_that_years_layoffs(factbase, whole_year):
    """Blind11: "那2023年全年呢？" (and the whole of 2023?) after Alibaba's 2022 reason was declined: 全年 ("whole
    year") read as a word of what is asked. The whole year says only the period, in Chinese and English."""
    *_, last = ask_thread(factbase, "alibaba layoffs q2 2022", "why?", whole_year)
    assert last.answered and last.fact_ids[0] == "alibaba-layoff-2023-size", last.fact_ids


def test_pay_cut_is_what_people_earn_not_a_layoff(factbase):
    """A probe: "Can my employer cut my pay in the UK?" got the UK's weekly pay cap on redundancy pay ("cut" read as a
    layoff, "pay" as severance). Pay cut, wage cut, 降薪 are what people earn, an aspect answered only by a fact that
    speaks of it: the UK's rule on lay-off and short-time working says when pay may be cut; the CEO's pay cut too."""
    answer, _ = factbase.ask("can my employer cut my pay in the uk?")
    assert answer.fact_ids[:1] in {(), ("uk-lay-off-short-time-working",)}, answer.fact_ids
    ceo, _ = factbase.ask("did the zoom ceo take a pay cut when he laid people off")
    assert ceo.answered and ceo.fact_ids[0] == "zoom-layoff-2023-process", ceo.fact_ids


@pytest.mark.parametrize("question", ["What's the parental leave in Germany?", "how many sick days do i get in ny",
                                      "how long is maternity leave in the uk"])
def test_leave_for_a_child_or_an_illness_is_an_aspect_the_base_lacks(factbase, question):
    """Probes: "What's the parental leave in Germany?" got Germany's rule on invalid mass dismissals (which names
    parental leave among protections), "how many sick days do i get in ny" New York's WARN notice ("days"). Parental,
    maternity and sick leave are time off, an aspect answered only by a fact that speaks of it."""
    answer, _ = factbase.ask(question)
    assert not answer.answered, answer.fact_ids


@pytest.mark.parametrize("question, fact", [
    ("can i be fired on maternity leave in germany", "de-maternity-dismissal-ban"),  # maternity: pregnancy's rule
    ("我在休产假，公司能裁我吗", "cn-protected-employees"),
])
def test_a_dismissal_during_leave_asks_whom_the_law_shields(factbase, question, fact):
    """A dismissal asked about during leave is a protection asked about (the leave its circumstance), answered only by
    a rule that speaks of that leave or, for maternity leave, of maternity or pregnancy."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == fact, answer.fact_ids


def test_a_dismissal_during_a_leave_no_rule_speaks_of_is_declined(factbase):
    # (Germany's maternity ban is no answer on parental leave, Elternzeit, which the base has no rule on)
    answer, _ = factbase.ask("can i be fired while on parental leave in germany")
    assert not answer.answered, answer.fact_ids


@pytest.mark.parametrize("follow_up, fact", [("咁英國呢？", "uk-statutory-redundancy-pay"),
                                             ("咁內地呢？", "cn-severance-amount")])
def test_a_cantonese_follow_up_puts_the_last_question_to_the_new_place(factbase, follow_up, fact):
    """Trial 28: after "香港遣散費點計？", "咁中國呢？", "咁英國呢？" were declined five times in seven: 咁
    ("then"), the Cantonese of Mandarin's 那, did not open a follow-up that asks the last question of another place."""
    *_, after = ask_thread(factbase, "香港遣散費點計？", follow_up)
    assert after.answered and after.fact_ids[0] == fact, after.fact_ids


@pytest.mark.parametrize("question, fact", [
    ("怀孕期间公司能裁我吗", "cn-protected-employees"),  # 怀孕 (pregnant) opens it: no company "怀孕期间"
    ("我怀孕了，公司能把我列入裁员名单吗", "cn-protected-employees"),  # no list of layoffs: something done to me
])
def test_a_chinese_question_about_the_asker_is_no_company_nor_a_list(factbase, question, fact):
    """Trial 28: "怀孕期间公司能裁我吗" was declined as naming a company the base lacks ("怀孕期间"), and
    "我怀孕了，公司能把我列入裁员名单吗" got a 100-row ranking of the world's layoffs at 1.0. A name opening a
    Chinese question is none when it opens with a word of the lexicon (a topic's, a synonym's); "把我", "能把" (can
    they put me ...) make no view, as "can they" does."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.view_kind is None and answer.fact_ids[0] == fact, answer.fact_ids


def test_a_request_to_the_bot_opening_a_chinese_question_is_no_company(factbase):
    """"列出2023年裁员最多的公司" (list the companies that cut the most in 2023) was declined: 列出 (list) read as a
    company's name before 2023年裁员. A request to the bot (列出, 告诉, 帮我, 统计 ...) is no name."""
    answer, _ = factbase.ask("列出2023年裁员最多的公司")
    assert answer.view_kind == "ranking", (answer.view_kind, answer.fact_ids)


def test_a_laws_own_term_is_not_carried_to_another_laws_follow_up(factbase):
    """Trial 28: "新加坡呢" after "经济补偿金怎么算" and "那香港呢" got Singapore's re-employment payment for retirees
    (which says it is no retrenchment benefit): China's term for its severance, carried as a word of what is asked,
    matched nothing of Singapore's, and the tie fell to the wrong rule. A follow-up to another place carries the topic,
    not the last law's own terms."""
    *_, hk, sg = ask_thread(factbase, "经济补偿金怎么算", "那香港呢", "新加坡呢")
    assert hk.answered and hk.fact_ids[0] == "hk-sp-lsp-formula-and-cap", hk.fact_ids
    assert sg.fact_ids[:1] != ("sg-employment-assistance-payment",), sg.fact_ids


@pytest.mark.parametrize("thread", [
    ("uk collective consultation for 150 redundancies", "what's the risk if we get consultation wrong"),
    ("what happens in the uk if we mess up the collective consultation",),
    # blind12: "and if we cut corners on the consultation, what's the exposure?" (done badly; liability, exposure)
    ("uk collective consultation for 150 redundancies", "what's our liability if we cut corners on consultation"),
])
def test_a_duty_done_wrong_asks_what_follows(factbase, thread):
    """Trial 28: "what's the risk if we get consultation wrong" after the UK's consultation periods repeated them: a
    duty done wrong ("get it wrong", "mess it up"), as one skipped, asks what follows (the protective award)."""
    *_, answer = ask_thread(factbase, *thread)
    assert answer.answered and answer.fact_ids[0] in {"uk-protective-award", "glossary-protective-award"}, \
        answer.fact_ids


@pytest.mark.parametrize("thread, fact", [
    # trial 28: a duty named by its own term and never done ("never files the Massenentlassungsanzeige")
    (("what if a german employer never files the Massenentlassungsanzeige",), "de-mass-dismissal-invalidity"),
])
def test_what_follows_from_a_duty_unmet(factbase, thread, fact):
    *_, answer = ask_thread(factbase, *thread)
    assert answer.answered and answer.fact_ids[0] in fact.split("|"), answer.fact_ids


def test_a_general_fact_that_names_the_country_a_chinese_question_leans_on_is_not_set_aside(factbase):
    """Blind11: "“双减”政策是哪天出台的？" and "老板天天说996，这到底是个啥说法？" were declined, blind10's
    "HR说我被优化了，这算裁员吗" got China's threshold. A Chinese question naming no country is China's, and every
    fact of no entity beside it was marked as beside an entity named (general_fact_entity_named), though the
    question named none, and China's tutoring policy, 996 and 优化 are China's. A general fact that names the
    entity the question leans on unnamed is not set aside, as one that names the place a question names is not."""
    from bot.features import F

    _, _, (candidates, matrix, _) = matching.match_rank_features(
        factbase.index, "“双减”政策是怎么回事？", Conversation())  # (哪天 asks a date now, a company's topic)
    rows = dict(zip(candidates, matrix, strict=True))
    assert rows["china-tech-crackdown-2021-07-double-reduction"][F["general_fact_entity_named"]] == 0.0
    assert rows["glossary-warn-notice"][F["general_fact_entity_named"]] == 1.0  # (the US's, not China's)
    answer, _ = factbase.ask("“双减”政策是哪天推出的？")
    assert answer.fact_ids[:1] == ("china-tech-crackdown-2021-07-double-reduction",), answer.fact_ids


@pytest.mark.parametrize("thread", [("为什么他们把裁员叫做毕业",), ("why do they call layoffs graduation",),
                                    ("京东裁员", "为什么他们把裁员叫做毕业")])
def test_why_a_name_is_used_asks_what_it_means(factbase, thread):
    """Blind10: "點解佢哋叫呢啲做「畢業」？" after JD's layoffs was declined, and "为什么他们把裁员叫做毕业" after JD's
    layoffs got JD's 2022 reason at 0.93: why a name is used (why ... called, 为什么 ... 叫做, 点解 ... 叫) asks what it
    means, and a company only talked about is not what is defined (its profile answers "JD meaning?", which names
    it). Answered with what the name means, or declined; never the company's reason or profile."""
    *_, answer = ask_thread(factbase, *thread)
    assert not answer.answered or answer.fact_ids[0] in {
        "glossary-graduation-biye", "china-tech-crackdown-graduation-notices"}, answer.fact_ids


def test_another_terms_entry_sharing_no_word_is_not_the_meaning_asked(factbase):
    """Dev and blind2: "什么是双减政策？" got no answer (top: what severance pay means): every glossary entry agreed
    with the topic asked (a meaning), and that outweighed the policy's own fact, which covers the question's words.
    An entry that shares none of a definition question's words is only of the kind asked (related), not the
    meaning asked."""
    from bot.features import F

    _, _, (candidates, matrix, _) = matching.match_rank_features(factbase.index, "什么是双减？", Conversation())
    rows = dict(zip(candidates, matrix, strict=True))
    assert rows["glossary-severance-pay"][F["topic_same"]] == 0.0
    assert rows["glossary-severance-pay"][F["topic_related"]] == 1.0
    answer, _ = factbase.ask("what is a furlough, exactly?")  # its own entry still agrees
    assert answer.answered and answer.fact_ids[0] == "glossary-furlough", answer.fact_ids


def test_an_employers_size_given_with_a_payment_asks_whether_the_law_covers_it(factbase):
    """Dev and blind2: "Does a cafe with 12 staff have to pay NES redundancy pay?" got Australia's pay scale, not its
    small-business exclusion: the employer's size given with a payment duty ("a business with 10 employees", "a 6
    person startup") asks whether the law covers it, as "eligible" does; the law's coverage rules agree too."""
    answer, _ = factbase.ask("does a business with 10 employees have to pay redundancy pay in australia")
    assert answer.answered and answer.fact_ids[0] == "au-redundancy-exclusions-small-business", answer.fact_ids


def test_a_rule_that_names_the_duty_asked_in_what_it_answers_is_related_to_it(factbase):
    """Blind11: "Korea dismissal for managerial reasons – how far in advance does the union have to be told?" got the
    report to the ministry, not the requirements that include 50 days' consultation with the union: the requirements
    rule, filed under the mass layoff, counted as foreign to the consultation asked. A rule whose phrasings name the
    consultation asked is related to it (Korea has no rule filed under consultation)."""
    answer, _ = factbase.ask("korea: how far ahead must the union hear about managerial dismissals")
    assert answer.answered and answer.fact_ids[0] == "kr-managerial-dismissal-requirements", answer.fact_ids


def test_why_and_how_deep_gets_the_reason_and_the_size(factbase):
    # blind11: "Samsung's 2024 overseas cuts — which kinds of staff and how deep?": "how deep" asks the size
    answer, _ = factbase.ask("intel 2024 layoffs, why and how deep")
    assert answer.fact_ids[:2] == ("intel-layoff-2024-08-reason", "intel-layoff-2024-08-size"), answer.fact_ids


def test_a_fact_about_a_years_layoffs_can_be_found_by_that_year(factbase):
    """Blind11: "How many staff did New Oriental dismiss in 2021 after the tutoring ban?" got one September 2021 unit's
    event over the year's 60,000: the year's fact was reported in January 2022 and its phrasings named no year, so its
    own year was 2022 and 2021 only a year its claim mentions. A fact whose id names the year of the layoff it tells
    has that year among its own (the curated phrasings say it)."""
    import re

    index = factbase.index
    lacking = [d.id for d in index.documents.values() if d.kind == "fact" and d.topic.startswith("layoff")
               and (m := re.search(r"-(20\d\d)(?:-|$)", d.id)) and index.doc_years[d.id][0]
               and int(m.group(1)) not in index.doc_years[d.id][0]]
    assert not lacking


def test_when_as_a_chinese_clause_says_is_no_word_of_what_is_asked(factbase):
    """Blind11: "京东2022年3月裁员的时候给员工什么补偿？" (what did JD give staff when it cut in March 2022) was
    declined: 时候 ("the time when"), a clause's word, counted as an unknown word of what is asked (half its weight)."""
    from bot.analysis import parse_question

    parsed = parse_question(factbase.index, "阿里巴巴2023年裁员的时候给了员工什么补偿", Conversation())
    assert "时候" not in parsed.content and not parsed.unknown, (parsed.content, parsed.unknown)


@pytest.mark.parametrize("thread, fact", [
    (("what counts as a mass layoff in china", "and how much notice is needed?"), "cn-mass-layoff-consultation"),
    (("ontario: how many terminations make it a mass termination", "how many weeks of notice then"),
     "ca-on-mass-termination-notice"),
])
def test_notice_asked_after_a_mass_layoff_is_the_mass_layoffs(factbase, thread, fact):
    """Blind3: "那要提前多久说" (how long ahead must it be said) after what counts as a mass layoff in China got the
    notice owed to one employee: the talk's mass layoff makes the notice asked the mass layoff's, as naming it does."""
    *_, answer = ask_thread(factbase, *thread)
    assert answer.answered and answer.fact_ids[0] == fact, answer.fact_ids


def test_koreas_dismissal_for_managerial_reasons_is_its_mass_layoff(factbase):
    """Blind5: "那韩国呢" after Japan's rules for mass layoffs was declined: Korea's rules say "dismissal for managerial
    reasons", its law's own name for a layoff for business reasons, which no word of "mass layoff" matched (as
    Canada's "group termination" and Ontario's "mass termination" are read)."""
    *_, answer = ask_thread(factbase, "what are japan's rules for mass layoffs", "and in korea?")
    assert answer.answered and answer.fact_ids[0] in {
        "kr-managerial-dismissal-requirements", "kr-managerial-dismissal-report"}, answer.fact_ids


@pytest.mark.parametrize("question", ["can my employer in germany make me sign a non-compete when i'm laid off",
                                      "被裁员以后竞业协议还有效吗", "裁员后每个月能领多少失业金"])
def test_a_non_compete_or_jobless_benefits_are_no_layoff_rule(factbase, question):
    """Blind12: "Can a Korean company make me sign a non-compete clause when I leave?" got Korea's protected periods,
    "我在上海被裁员了，每个月能领多少失业金？" a total of China's layoffs: a non-compete (竞业限制) is an aspect no
    layoff rule is about, and a law's reach or jobless benefits (适用, 失业金, 领多少) make no view of layoffs."""
    answer, _ = factbase.ask(question)
    assert not answer.answered and answer.view_kind is None, (answer.fact_ids, answer.view_kind)


def test_telling_the_government_is_an_authority_notified(factbase):
    """Blind12: "Do we need to tell the government as well?" after the UK's consultation got the unfair-dismissal
    qualifying period: "tell the government" named no topic (an authority, 政府 in Chinese, did)."""
    *_, answer = ask_thread(factbase, "uk: 150 redundancies at one site, how long is collective consultation?",
                            "do we have to notify the government too?")
    assert answer.answered and answer.fact_ids[0] == "uk-hr1-notification", answer.fact_ids


@pytest.mark.parametrize("question", ["Is there a limit on the compensation a tribunal can order for unfair dismissal?",
                                      "what compensation do i get for unlawful dismissal in china",
                                      "被违法解除劳动合同能拿多少赔偿"])
def test_compensation_for_an_unlawful_dismissal_is_what_the_law_makes_the_employer_pay(factbase, question):
    """Blind12: "Is there a limit on the compensation the Fair Work Commission can order for an unfair dismissal?" got
    Australia's redundancy pay scale: compensation for an unfair, unlawful or wrongful dismissal is what the law
    makes the employer pay for it (the rules file it under penalties), not severance."""
    from bot.matching import analyse

    _, topic = analyse(factbase.index, question, Conversation())
    assert topic == "penalties", topic


def test_a_workers_breach_of_company_rules_is_no_duty_unmet(factbase):
    """Blind7: "那如果我严重违反公司规章制度呢" (and if I seriously break the company's rules?) got the 2N for an
    unlawful dismissal: 违反 (breach) read as an employer's duty unmet. A worker's breach of the company's rules
    (规章, 纪律, 制度) is the ground of a dismissal for fault; an employer's breach of the law asks what follows,
    and is no list of layoffs ("公司违反劳动合同法裁员会怎样" had listed the base's layoffs)."""
    *_, answer = ask_thread(factbase, "中国劳动合同法的经济补偿怎么算", "要是员工严重违反公司规章制度呢")
    assert answer.answered and answer.fact_ids[0] == "cn-dismissal-for-fault-article-39", answer.fact_ids
    employer, _ = factbase.ask("公司违反劳动合同法裁员会怎样")
    assert employer.view_kind is None and employer.fact_ids[:1] == ("cn-unlawful-dismissal-2n",), employer.fact_ids


@pytest.mark.parametrize("question, place", [
    ("what notice is owed for a mass layoff in Manitoba?", "Manitoba"),
    ("severance pay rules quebec", "Quebec"),
    ("does Ohio have its own WARN law?", "Ohio"),  # a state's own law asked, where federal WARN applies
    ("印度尼西亚的裁员补偿怎么算", "印度尼西亚"),  # Indonesia's Chinese name holds India's (印度)
    ("沙特裁员需要提前通知吗", "沙特"),  # a country's everyday short name (沙特阿拉伯, Saudi Arabia)
])
def test_a_region_or_country_whose_law_the_base_lacks_is_named_in_the_decline(factbase, question, place):
    """Blind12: "How much group termination notice is required in British Columbia?" got the Canada Labour Code's
    rule at 0.95, "印尼公司裁员的遣散费怎么算" China's: a province whose own law applies (the Code governs federally
    regulated employers only), a state's own law asked, or a country the base has no rules of, named in a way CLDR's
    names missed (a short name, a name holding a known one), is declined naming it, never another law's answer."""
    answer, _ = factbase.ask(question)
    assert not answer.answered and place in answer.text, answer.text


@pytest.mark.parametrize("question, jurisdiction", [
    ("do I get WARN notice if my plant in Ohio closes?", "us"),  # federal WARN applies in a state of no rules here
    ("redundancy pay in queensland", "au"),  # Australia's Fair Work Act, national
])
def test_a_region_under_its_countrys_law_asks_that_law(factbase, question, jurisdiction):
    """Blind12 (kind beside the declined provinces): "WARN notice in texas" was declined; a state or province where
    its country's law applies names that law, as its cities do."""
    answer, _ = factbase.ask(question)
    assert answer.answered and entities(factbase, answer) == {jurisdiction}, answer.fact_ids


def test_a_place_declined_in_a_rule_talk_leaves_the_talk_as_it_was(factbase):
    """Blind7: "texas has its own version?" after WARN's notice, declined (no rules of Texas's own), made the next
    "calfornia?" lose what was asked; as after any name the base knows nothing of, the talk stays as it was."""
    *_, declined, answer = ask_thread(factbase, "how much notice does the WARN act require",
                                      "does ohio have a state version?", "and california?")
    assert not declined.answered
    assert answer.answered and answer.fact_ids[0] == "us-ca-warn-notice", answer.fact_ids


def test_a_place_after_a_companys_talk_is_where_its_staff_were(factbase):
    """Blind3: "印尼那边呢" (and over in Indonesia?) after Sea Group's layoffs asks about its staff there, not
    Indonesia's law, which the base does not hold."""
    *_, answer = ask_thread(factbase, "sea group 2022 layoffs", "那印尼呢")
    assert answer.answered and answer.fact_ids[0] == "sea-group-layoff-2022-indonesia", answer.fact_ids


@pytest.mark.parametrize("question, fact", [
    ("特斯拉2024年裁员给了什么理由", "tesla-layoff-2024-04-reason"),  # 什么理由, 理由是: the reason asked
    ("what did spotify blame its december 2023 layoffs on", "spotify-layoff-2023-12-reason"),
])
def test_the_reason_asked_as_what_it_was_blamed_on(factbase, question, fact):
    """Blind13: "蔚来23年11月裁10%，李斌给的理由是啥" and "Chegg letting go of almost half its staff — what did they
    blame?" got the size (the figure matched it): 理由 asked for (理由是, 什么理由; not "用裁员的理由辞退我", the
    grounds a thing is done on) and what a layoff was blamed on are its reason."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == fact, answer.fact_ids


def test_us_beside_we_is_the_askers_group_not_the_country(factbase):
    """Blind13: "what's the risk for us if we don't consult properly" read "for us" as the United States: the pronoun
    "us", where the asker says "we" or "our", is the asker's own group."""
    from bot.analysis import parse_question

    parsed = parse_question(factbase.index, "what happens to us if we get the consultation wrong", Conversation())
    assert "us" not in parsed.entity_ids, parsed.entity_ids
    country = parse_question(factbase.index, "what are the layoff rules for us workers", Conversation())
    assert "us" in country.entity_ids, country.entity_ids


def test_an_everyday_word_company_in_the_possessive_before_its_layoffs_is_the_company(factbase):
    """Blind13: "when was block's last round of cuts" was declined: an everyday-word name in lowercase, in the
    possessive before its layoffs ("block's layoffs", "block's last round of cuts"), is the company, as "block
    layoffs" is."""
    from bot.analysis import parse_question

    parsed = parse_question(factbase.index, "how many people did block's 2026 job cuts hit", Conversation())
    assert parsed.entity_ids == ("block",), parsed.entity_ids


@pytest.mark.parametrize("question", [
    "write a poem about singapore", "can you write a resignation letter for a company in singapore",
    "please translate 'good morning' into german", "帮我写一首关于英国的诗",
    "could you plan a weekend in berlin for me", "book me a flight to singapore"])
def test_a_request_to_make_something_is_no_question_of_layoffs(factbase, question):
    """Blind13: "translate 'thank you for your help' into japanese" got Japan's re-employment assistance plan at 0.78
    ("help"), "write a poem about singapore" its notice periods at 0.91 ("written notice"): a request to make
    something (write, translate, compose) asking nothing of layoffs is declined."""
    answer, _ = factbase.ask(question)
    assert not answer.answered, answer.fact_ids


def test_a_place_beside_a_companys_possessive_stays_a_word_of_the_question(factbase):
    """Blind13: "SAP's 2024 restructuring — how many of the 8,000 roles were in Germany?": Germany, where the staff
    were (no law asked), stays a word the company's facts are matched on, as a city beside a company does."""
    from bot.analysis import parse_question

    parsed = parse_question(factbase.index, "SAP's 2024 cuts: how many were in Germany?", Conversation())
    assert parsed.entity_ids == ("sap",) and "germany" in parsed.content, (parsed.entity_ids, parsed.content)


@pytest.mark.parametrize("question, topic", [
    ("Intel said it would cut 15,000 jobs in 2024, what share of its staff was that?", "layoff-size"),
    ("meta said 11,000 people would go in november 2022. why did they do it?", "layoff-reason"),
    ("what did xiaohongshu staff say about the layoffs", "layoff-accounts"),  # asked: what was said
    ("which byju's boss said the layoffs were just time off", "layoff-accounts"),
])
def test_what_was_said_as_a_premise_is_not_what_is_asked(factbase, question, topic):
    """Blind13 and blind10: "Accenture said ~19k jobs back in March 2023, what % of the whole workforce was that?" and
    "accenture said it'd cut 19k jobs in 2023 - over what time frame?" were asked what people said (the accounts):
    "said" in a clause that says it is the premise; only a question word before it in its clause asks what was said."""
    from bot.analysis import parse_question

    assert parse_question(factbase.index, question, Conversation()).topic == topic


def test_what_a_layoff_was_about_asks_why(factbase):
    """Blind13: "atlassian said the 500 cuts in 2023 weren't about money... so what were they about then" was
    declined: what the cuts (they, it, that) were about is why they were made."""
    *_, answer = ask_thread(factbase, "how many did spotify cut in december 2023", "what was that about?")
    assert answer.answered and answer.fact_ids[0] == "spotify-layoff-2023-12-reason", answer.fact_ids


def test_a_one_letter_alias_counts_only_in_capitals(factbase):
    """Trial 29: "can u help w my math hw" was declined saying "I know about Wayfair" (its alias W): chat writes
    letters as words (w for with, u for you), so a one-letter alias counts only written as a capital."""
    from bot.analysis import parse_question

    assert parse_question(factbase.index, "thx, can u check w ur sources", Conversation()).entity_ids == ()
    assert parse_question(factbase.index, "W layoffs in 2023", Conversation()).entity_ids == ("wayfair",)


@pytest.mark.parametrize("question, fact", [
    ("wat is a protective award in 1 sentence", "glossary-protective-award"),  # chat's what, the answer's form
    ("tldr: whats garden leave", "glossary-garden-leave"),
    ("谷歌裁员是因为什么", "alphabet-layoff-2023-01-reason"),  # 因为什么 (because of what): why
])
def test_chat_spellings_and_the_answers_form_ask_nothing_else(factbase, question, fact):
    """Trial 29: "wats the waRN act in like 1 sentence" read "Wats" as a company and "1 sentence" as what was asked;
    "亚马逊裁员是因为什么？" was declined: chat's spellings of "what" (wat, wats, wut) are the question word, how short
    the answer should be (in one sentence, briefly, tldr) asks nothing, and 因为什么 asks why."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == fact, answer.fact_ids


def test_a_request_to_recommend_someone_is_declined(factbase):
    """Trial 29: "Recommend an employment lawyer in Munich?" got Germany's works-council consultation: the base
    holds facts, no recommendations."""
    answer, _ = factbase.ask("can you recommend a good employment lawyer in Dublin")
    assert not answer.answered, answer.fact_ids


@pytest.mark.parametrize("question, first, second", [
    ("what notice do you get in ireland and in australia?", "ie", "au"),
    ("severance in France vs Germany", "fr", "de"),
])
def test_two_places_asked_each_get_their_rule(factbase, question, first, second):
    """Trial 29: "Statutory minimum severance in France and in Germany?" got Germany's alone: each place the question
    names (by a name of the place or its law, not a term of its law) gets its best rule of the kind answered, in the
    order named."""
    answer, _ = factbase.ask(question)
    places = [factbase.index.documents[f].entity_id for f in answer.fact_ids]
    assert answer.answered and places[:2] == [first, second], answer.fact_ids


def test_comparing_the_last_answer_to_another_place_asks_the_same_there(factbase):
    """Trial 29: "how does this compare to France?" after Germany's severance was declined: setting it against a
    place asks the same question there, as "and France?" does."""
    *_, answer = ask_thread(factbase, "what notice period applies in the netherlands",
                            "how does that compare with germany?")
    assert answer.answered and factbase.index.documents[answer.fact_ids[0]].entity_id == "de", answer.fact_ids
    assert factbase.index.documents[answer.fact_ids[0]].topic == "notice", answer.fact_ids


def test_which_n_plus_was_paid_is_the_severance_asked_and_a_companys_country_unit_no_law(factbase):
    """Trial 29: "微软中国裁员给了N+几？" (what N+ did Microsoft China pay?) got Microsoft's global July 2025 round:
    N+几 (N+多少, n+x) asks which N+ was paid, the severance formula's term (几 alone asks how many), and a
    company's name written with a place (微软中国) names its business there, not the place's law."""
    answered, _ = factbase.ask("b站2022年裁员赔了n+几")
    assert answered.answered and answered.fact_ids[0] == "bilibili-layoff-2022-process", answered.fact_ids
    declined, _ = factbase.ask("微软中国被裁的人拿了N+多少")
    assert not declined.answered, declined.fact_ids


def test_a_decline_suggests_the_company_a_word_is_one_slip_from(factbase):
    """Trial 29: "how many did goggle lay off in 2026" was declined (an English word is not read as a misspelt name)
    with suggestions about Ericsson and Block: a layoff question's word one slip from a company's name makes the
    suggestions that company's."""
    answer, _ = factbase.ask("goggle job cuts last month?")
    assert not answer.answered and answer.suggestions and all("Google" in s for s in answer.suggestions), \
        answer.suggestions


def test_each_or_both_lean_on_the_companies_just_talked_about(factbase):
    """Trial 29: "what reasons did each give?" after a comparison of Amazon, Meta, Google and Microsoft was declined
    ("each" read as a word asked about): each and both take the companies just talked about, as "they" does."""
    *_, answer = ask_thread(factbase, "amazon vs meta layoffs in 2023", "what reason did each give for it?")
    assert answer.answered and {factbase.index.documents[f].entity_id for f in answer.fact_ids} >= {"amazon", "meta"}, \
        answer.fact_ids


def test_during_an_event_says_when_not_why(factbase):
    """Trial 29: "whats uber layoffs during covid" got Uber's reasons (the pandemic is in them): what follows "during"
    or "amid" says when; the layoffs then are asked, unless a why is."""
    answer, _ = factbase.ask("uber job cuts amid covid")
    assert answer.answered and answer.fact_ids[0].startswith("uber-layoff-2020-05"), answer.fact_ids
    assert factbase.index.documents[answer.fact_ids[0]].topic == "layoff-size", answer.fact_ids
    why, _ = factbase.ask("why did uber cut jobs during covid")
    assert why.answered and why.fact_ids[0] == "uber-layoff-2020-reason", why.fact_ids


def test_a_figure_given_is_no_payment(factbase):
    """Blind13: "BT is supposedly shrinking massively by 2030 — what range of job cuts did they give?" was read as what
    staff were given (severance) and declined: a figure, range or estimate given is what was said of the cuts."""
    from bot.analysis import parse_question

    parsed = parse_question(factbase.index, "what estimate of job losses did intel give in 2024?", Conversation())
    assert parsed.topic != "severance", parsed.topic
    paid = parse_question(factbase.index, "what did intel give the staff it laid off?", Conversation())
    assert paid.topic == "severance", paid.topic


def test_a_share_asked_after_a_round_is_answered_with_the_share(factbase):
    """Trial 30: "what % of workforce was that" after Google's January 2023 round got the fact's first sentence alone
    ("Alphabet said it would cut about 12,000 jobs"), the share cut away: a share asked is answered in full unless the
    first sentence states one."""
    *_, answer = ask_thread(factbase, "google layoffs january 2023", "what percentage of staff was that?")
    assert answer.answered and "%" in answer.claims[0], answer.claims


def test_telling_an_authority_by_its_initials_in_chinese_is_a_notification(factbase):
    """Trial 30: "新加坡裁員要唔要通知MOM" (must Singapore employers tell MOM of layoffs?) got Singapore's notice
    periods: 通知 (tell) an authority, named by a word the law's notification rules are asked with (MOM), is a
    notification."""
    answer, _ = factbase.ask("在新加坡裁员，公司需要通知MOM吗？")
    assert answer.answered and answer.fact_ids[0] == "sg-mandatory-retrenchment-notification", answer.fact_ids


@pytest.mark.parametrize("question", ["how many staff did intel cut at its leixlip site",
                                      "meta job cuts in dublin: how many?"])
def test_a_companys_layoffs_in_a_place_none_of_its_facts_speaks_of_are_declined(factbase, question):
    """Trial 30: "How many people did Intel let go in Leixlip?" got Intel's global 24,000: a company's layoffs in a
    place abroad (a city, a country the base has no rules of, a word after "in" the base never uses) that none of its
    facts speaks of are declined, not answered with its global round; a place a fact speaks of still answers."""
    answer, _ = factbase.ask(question)
    assert not answer.answered, answer.fact_ids
    there, _ = factbase.ask("tiktok's layoffs in london, how many?")
    assert there.answered and there.fact_ids[0] == "bytedance-layoff-2025-london-size", there.fact_ids


def test_a_total_of_all_rounds_puts_no_year_in_the_talk(factbase):
    """Trial 30: after "amazon layoffs total" (every round, November 2022 first) and a declined follow-up, "what about
    microsoft" was declined as "no round of Microsoft in 2022": a total or a timeline of all a company's rounds is led
    by none of them, so its first row's year is no year the talk is about (a latest or a ranking's lead still is)."""
    _, after = factbase.ask("total amazon layoffs")
    assert after.year is None, after.year
    _, latest = factbase.ask("amazon's latest layoffs")
    assert latest.year is not None


@pytest.mark.parametrize("question, fact", [
    ("亚马逊2023年1月砍掉了多少人", "amazon-layoff-2023-01-size"),  # 砍 ("chop"): cutting jobs
    ("谷歌2023年裁员是哪一天宣布的", "alphabet-layoff-2023-01-size"),  # 哪一天: when, as 什么时候 is
    ("本地企业搞经济性裁员要提前多少天向工会说明情况", "cn-mass-layoff-consultation"),  # 本地 (here): no company's name
])
def test_chinese_everyday_words_for_cuts_days_and_here(factbase, question, fact):
    """Blind14: "微软25年5月又砍人了，这回砍了几千个？" got Microsoft's profile (砍, the slang of cuts, was no layoff
    word); "小红书22年裁员是哪天确认的" was declined (哪天, "which day", asked no date); "国内公司要搞经济性裁员的话…"
    was declined (国内, "in the country", was read as the name of a company the base does not know)."""
    answer, _ = factbase.ask(question)
    assert answer.fact_ids[:1] == (fact,), answer.fact_ids


@pytest.mark.parametrize("question", [
    "my manager says a RIF is planned for next year - what does RIF stand for?",
    "HR mentioned layoffs coming next quarter; what does 'garden leave' mean?",
])
def test_a_meaning_is_asked_whatever_future_it_is_told_beside(factbase, question):
    """Blind14: "someone at work said a RIF is coming next month, what does RIF stand for" was declined as a forecast
    (a layoff next month): a word's meaning is asked ("stand for" as "mean"), which no future changes."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0].startswith("glossary-"), answer.fact_ids


def test_a_round_of_the_year_asked_answers_though_no_fact_is_of_that_year(factbase):
    """Trial 31: "Nissan job cuts 2024 how many?" was declined, though the base holds Nissan's November 2024 round
    (9,000, folded into May 2025's 20,000, whose fact tells it): a question asking no more than a company's rounds
    in a year it has one in is answered with that year's round, as a bare "and 2024?" is."""
    answer, _ = factbase.ask("how many jobs did nissan cut in 2024")
    assert answer.answered and "9,000" in answer.text, answer.text
    # ... but not a part of it the base does not tell
    _, conversation = factbase.ask("how many jobs did nissan cut in 2024")
    answer, _ = factbase.ask("how many of them were in the us", conversation)
    assert not answer.answered, answer.fact_ids


@pytest.mark.parametrize("question, fact", [
    ("volkswagen job cuts in germany, what is the plan exactly?", "volkswagen-layoff-2024-12-size"),
    ("SAP layoffs in germany 2024 how many", "sap-layoff-2024-germany"),
])
def test_a_place_where_a_companys_cuts_are_is_no_law_asked(factbase, question, fact):
    """Trial 31: "Volkswagen job cuts in Germany — what's the plan?" got Germany's works-council rule ("planned
    dismissals"): the country named where the company's cuts are, with no rule's topic or word of the law asked, is
    where, not whose law; the company's facts answer."""
    answer, _ = factbase.ask(question)
    assert answer.fact_ids[:1] == (fact,), answer.fact_ids


def test_a_total_of_one_years_rounds_says_its_year(factbase):
    """Trial 31: "how many did microsoft lay off in 2023" added "In all, Microsoft's rounds on record come to about
    10,276 jobs over 2 rounds", while the base holds its 2024 and 2025 rounds too: a total read of one year's
    rounds names that year; one of every year's says "In all"."""
    answer, _ = factbase.ask("how many jobs did microsoft cut in 2023")
    assert any(c.startswith("In 2023, Microsoft's rounds on record") for c in answer.claims), answer.claims
    answer, _ = factbase.ask("how many people has amazon laid off")
    assert any(c.startswith("In all, Amazon's rounds on record") for c in answer.claims), answer.claims


@pytest.mark.parametrize("thread, fact", [
    (("上海被裁员经济补偿怎么算", "如果工资非常高的话，有上限吗"), "cn-severance-amount"),
    (("香港遣散费怎么计", "最高可以拿多少？"), "hk-sp-lsp-formula-and-cap"),
])
def test_a_chinese_follow_up_asking_the_most_of_the_rule_talked_about(factbase, thread, fact):
    """Blind14: "那工资特别高的话有封顶吗" after China's severance was declined (特别, "very", and 的话, "if", became
    bigrams the base never uses), "最多可以攞幾多？" after Hong Kong's formula too (最多, "at most", was no cap; 攞,
    Cantonese "get", no word). If- and degree words say how it is asked; 最多/最高 asks a rule's cap."""
    *_, answer = ask_thread(factbase, *thread)
    assert answer.fact_ids[:1] == (fact,), answer.fact_ids


@pytest.mark.parametrize("thread, fact", [
    (("how many jobs did spotify cut in december 2023", "why", "那年六月那轮呢"), "spotify-layoff-2023-06-size"),
    (("spotify 2023年12月裁了多少人", "and the january one?"), "spotify-layoff-2023-01-size"),
])
def test_a_round_asked_by_its_month_in_chinese_numerals(factbase, thread, fact):
    """Blind14: "那年一月份那轮呢" (and that year's January round?) after Spotify's December 2023 round got its reason:
    a month in Chinese numerals (一月, 十二月) was read as no month, and a round asked by month alone had no topic."""
    *_, answer = ask_thread(factbase, *thread)
    assert answer.fact_ids[:1] == (fact,), answer.fact_ids


def test_chinese_numeral_months_are_written_as_figures():
    from bot.text import normalize

    assert normalize("2023年十二月") == "2023 年 12 月" and normalize("一月份") == "1 月份"
    assert normalize("三个月") == "三个月" and normalize("统一月薪") == "统一月薪"  # a month's time; a word's 一


@pytest.mark.parametrize("question", [
    "my cousin in beijing says she got 'optimised' - is that a euphemism for being laid off?",
    "is 'graduation' just slang for getting fired in china?",
])
def test_slang_for_asks_a_meaning(factbase, question):
    """Blind14: "my friend at a chinese tech co said she 'graduated' lol - is that slang for getting laid off?" got
    China's mass-layoff threshold: "slang for" asks a word's meaning, whatever layoff words explain it."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0].startswith("glossary-"), answer.fact_ids


def test_a_sentence_final_particle_is_no_subject(factbase):
    """Trial 32: "小米有冇裁員呀？" (did Xiaomi lay anyone off?) was declined, then "小米裁員多少人？" suggested: 呀, a
    sentence-final particle as 吗 and 呢 are, was read as a word the base never uses."""
    answer, _ = factbase.ask("阿里巴巴有冇裁員啦？")
    assert answer.answered and answer.fact_ids[0].startswith("alibaba-"), answer.fact_ids


def test_a_pronouns_contraction_is_named_as_no_employer(factbase):
    """Trial 32: "I'm on an H-1B in California and got laid off. How long do I have to find a new job?" was declined
    saying the WARN registers "list no notice from I M in California"."""
    answer, _ = factbase.ask("I'm on a work visa in California and got laid off, how long can I stay?")
    assert "I M" not in answer.text and "from I " not in answer.text, answer.text


@pytest.mark.parametrize("question, name", [
    ("How many people did Vindelpay in Germany lay off?", "Vindelpay"),
    ("when did Quorvex Logistics cut jobs in Manchester?", "Quorvex"),
])
def test_a_company_the_base_does_not_know_in_a_place_it_does_is_declined(factbase, question, name):
    """Trial 32: "How many people did Joe's Pizza in Dayton lay off last week?" got the WARN Act's "mass layoff": a
    company's layoffs asked of a name the base does not know, in a place it knows, ask nothing of the place's law."""
    answer, _ = factbase.ask(question)
    assert not answer.answered and answer.missing and name in answer.missing, (answer.fact_ids, answer.missing)


@pytest.mark.parametrize("question", ["is netflix hiring software engineers right now?", "腾讯现在还在招聘吗"])
def test_hiring_is_answered_only_by_a_fact_about_hiring(factbase, question):
    """Blind14: "is spotify hiring engineers in 2026" got Spotify's profile: hiring, which no layoff fact is about, is
    answered only by a fact that speaks of it or is filed under it (Xiaohongshu's moderators), never a profile."""
    answer, _ = factbase.ask(question)
    assert not answer.answered, answer.fact_ids
    answer, _ = factbase.ask("rednote hiring english speaking moderators for tiktok users")
    assert answer.fact_ids[:1] == ("xiaohongshu-hiring-2025-01",), answer.fact_ids


@pytest.mark.parametrize("thread, fact", [
    (("does the federal WARN act apply to a company with 80 employees?", "what if it was in california instead?"),
     "us-ca-warn-coverage"),
    (("how much notice do I get in germany", "如果是在法国呢"), "fr-notice-period"),
])
def test_a_supposed_other_place_asks_the_same_there(factbase, thread, fact):
    """Blind14: "what if we were based in california instead" after whether the WARN Act applies was declined: a
    supposition of another place ("what if ... instead", 如果是在) asks the last question there."""
    *_, answer = ask_thread(factbase, *thread)
    assert answer.fact_ids[:1] == (fact,), answer.fact_ids


@pytest.mark.parametrize("thread, fact", [
    (("how many did nissan say it would cut in may 2025", "does that number include the 9,000 from before?"),
     "nissan-layoff-2025-size"),
    (("亚马逊2023年1月裁了多少人", "这个数字包括11月那批吗？"), "amazon-layoff-2023-01-size"),
])
def test_whether_the_figure_just_told_includes_something(factbase, thread, fact):
    """Blind14: "does that include the november ones?" after Amazon's January 2023 figure was declined: the talk's
    company was not carried ("include" was no word its facts use, a stem no dictionary knows), nor its topic."""
    *_, answer = ask_thread(factbase, *thread)
    assert answer.fact_ids[:1] == (fact,), answer.fact_ids


def test_social_insurance_in_chinese_is_a_word_the_rules_use(factbase):
    """Blind14: "離職證明公司一定要開嗎？社保關係多久內要轉走？" was declined: 社保 (social insurance) and 转走
    (moved on) were bigrams the base never uses, though China's rule on the termination certificate says how soon
    it is transferred."""
    answer, _ = factbase.ask("公司开离职证明以后，社保关系多久要转移？")
    assert answer.fact_ids[:1] == ("cn-termination-certificate-and-payment-timing",), answer.fact_ids


@pytest.mark.parametrize("question, fact", [
    ("how large was salesforce's january 2023 wave", "salesforce-layoff-2023-01-size"),
    ("were there any big rounds at Google in 2024?", "alphabet-layoff-2024-01-size"),
])
def test_a_companys_round_asked_by_its_size_is_its_layoff(factbase, question, fact):
    """Known kind (trial notes): "how big was spotify's december 2023 round" answered with the round's reason, whose
    questions say "round": a company's round or wave, called big or major, is no more than its layoff, whose size
    is asked."""
    answer, _ = factbase.ask(question)
    assert answer.fact_ids[:1] == (fact,), answer.fact_ids


@pytest.mark.parametrize("question, fact", [
    ("laid off from an IT firm in Madras, how much notice should I have got?", "in-retrenchment-notice"),
    ("how much severance will i get if i'm laid off in peking?", "cn-severance-amount"),
])
def test_a_city_named_by_its_older_english_name_names_its_law(factbase, question, fact):
    """Known kind (trials): "i work in bangalore" named no law: a large city's older or English name (GeoNames'
    alternate names used in English: Bangalore, Bombay, Peking) names the law that applies there, as its
    GeoNames name does."""
    answer, _ = factbase.ask(question)
    assert answer.fact_ids[:1] == (fact,), answer.fact_ids


@pytest.mark.parametrize("thread, fact", [
    (("spotify layoffs", "and the first round?", "how many jobs was that"), "spotify-layoff-2023-01-size"),
    (("meta layoffs", "第二轮呢", "那次裁了多少人"), "meta-layoff-2023-03-size"),
])
def test_a_question_pointing_back_at_the_round_told_asks_of_that_round(factbase, thread, fact):
    """Trial 33: "how many people was that" after Meta's second round was told answered with its first (the
    biggest, which a question about its layoffs leads with): a question that points back at the round just told
    and asks only of it is about that round."""
    *_, answer = ask_thread(factbase, *thread)
    assert answer.fact_ids[:1] == (fact,), answer.fact_ids


def test_a_pronoun_asking_of_warn_notices_in_a_state_means_the_company_talked_about(factbase):
    """Trial 33: "did they file WARN notices in California?" after Meta's layoffs listed the whole California
    register: "they" is the company talked about, whose notices in that state are asked."""
    *_, answer = ask_thread(factbase, "tell me about amazon's layoffs", "have they filed any WARN notices in New York?")
    assert answer.answered and answer.claims[0].startswith("Amazon filed") and "in New York" in answer.claims[0]


@pytest.mark.parametrize("question, fact", [
    ("tcs laying of 12k ppl?", "tcs-layoff-2025-size"),  # "off" misspelt "of"
    ("is chegg really cutting almost half its staff", "chegg-layoff-2025-10-size"),  # a fraction is a share
])
def test_a_layoff_said_loosely_is_still_its_size_asked(factbase, question, fact):
    """Blind15: "tcs laying of 12k ppl?" ("laying of": "lay" a word the base never uses) and "is chegg cutting almost
    half its staff" (no share word, no topic) were declined: a misspelt "laying off" is one, and a fraction of the
    staff is a share of it, as "45%" is."""
    answer, _ = factbase.ask(question)
    assert answer.fact_ids[:1] == (fact,), answer.fact_ids


@pytest.mark.parametrize("question, fact", [
    ("in south korea how long before a redundancy do employers have to inform the union?",
     "kr-managerial-dismissal-requirements"),
    ("中国经济性裁员要提前多少天向工会说明情况", "cn-mass-layoff-consultation"),
])
def test_the_union_told_of_a_layoff_is_consulted_not_an_authority_notified(factbase, question, fact):
    """Blind15, trial 33: "how many days ahead does the employer have to notify the union" got Korea's report to the
    labour ministry: telling the workers' representatives of a layoff is consulting them (the 50 days), not
    notifying an authority."""
    answer, _ = factbase.ask(question)
    assert answer.fact_ids[:1] == (fact,), answer.fact_ids


def test_a_provisions_number_is_no_headcount(factbase):
    """Blind15: "...说要一次裁40个，按劳动合同法得提前多少天跟工会或者全体员工说明情况？" got China's article 40
    rule: the 40 people to go agreed with "第40条", a provision's number, no quantity. A question naming the
    provision still finds it."""
    from bot.retrieval import provision_only_numbers

    assert provision_only_numbers(["Under article 40 an employer gives 30 days' notice", "根据第40条"]) == {"40"}
    assert provision_only_numbers(["Article 41 applies to 20 or more employees", "cut 41 jobs"]) == frozenset()
    matched, _ = matching.match_and_rank(factbase.index, "我们要一次裁40个人，工会那边要提前多少天说明情况？",
                                         Conversation())
    assert "cn-notice-article-40" not in [d.id for d in matched.documents[:1]]
    answer, _ = factbase.ask("what does article 40 of china's labor contract law say")
    assert answer.fact_ids[:1] == ("cn-notice-article-40",), answer.fact_ids


@pytest.mark.parametrize("question, fact", [
    ("新加坡公司裁员要给员工留几周？", "sg-notice-periods-employment-act"),  # how many weeks, of a law: its notice
    ("德国被裁员一般能赔几个月的工资", "de-severance-1a-kschg"),  # months' pay: an amount, no notice period
])
def test_how_many_days_of_a_law_is_its_notice_unless_pay_or_a_time_limit(factbase, question, fact):
    """Blind15: "纽约州那个WARN法，公司裁员前到底要给员工留几天？" got New York's triggers ("几" asks a size): how many
    days, weeks or months, asked of a law, is its notice period; not when they are of pay, or a time limit to act
    within ("要在多少天内投诉")."""
    answer, _ = factbase.ask(question)
    assert answer.fact_ids[:1] == (fact,), answer.fact_ids


@pytest.mark.parametrize("thread, fact", [
    (("how many jobs are going at spotify in december 2023",), "spotify-layoff-2023-12-size"),
    (("singapore company letting people go, how many weeks heads up do they owe",), "sg-notice-periods-employment-act"),
])
def test_chat_words_for_cuts_and_notice(factbase, thread, fact):
    """Blind15: "nissan re:nissan plan - how many jobs are going" got Nissan's profile (its headcount), and "how many
    days heads up then" California's WARN penalties: jobs said to be going are cut, and a heads up is notice."""
    *_, answer = ask_thread(factbase, *thread)
    assert answer.fact_ids[:1] == (fact,), answer.fact_ids


@pytest.mark.parametrize("question, fact", [
    ("our california plant has 120 staff and 55 are being laid off, does cal-warn apply?", "us-ca-warn-triggers"),
    ("does the new york warn law kick in if a 60-person office lays off 25?", "us-ny-warn-triggers"),
])
def test_how_many_go_asks_whether_it_is_a_mass_layoff_not_whom_the_law_covers(factbase, question, fact):
    """Blind15: "albany warehouse has 90 full-timers and 28 of us are being cut. does new york's warn law kick in"
    got New York's notice rule ("kick in": a word the base never uses), then whom it covers: a law said to kick in
    applies, and whether it does when so many go (not "a company with 80 employees") is its mass-layoff trigger."""
    answer, _ = factbase.ask(question)
    assert answer.fact_ids[:1] == (fact,), answer.fact_ids


def test_the_event_a_period_is_counted_from_may_come_first(factbase):
    """Blind15: "eu rules: once the authority is notified, how soon can the projected redundancies actually take
    effect" got the EU's notification rule: the notification is when the period asked starts ("how soon after
    notifying..." was read so already), written first or after."""
    answer, _ = factbase.ask("under eu law, once the public authority is notified, how soon can the layoffs happen?")
    assert answer.fact_ids[:1] == ("eu-30-day-waiting-period",), answer.fact_ids


@pytest.mark.parametrize("thread, fact", [
    (("what's the collective redundancy threshold in ireland?", "who must we notify about it, and how?"),
     "ie-minister-notification"),
    (("how long is the consultation for 40 redundancies in the netherlands?",
      "who do we have to notify about it, and how?"), "nl-collective-notification"),
])
def test_a_duty_asked_in_words_of_no_subject_is_of_the_law_talked_about(factbase, thread, fact):
    """Trial 34: "who do we have to notify, and how?" after the UK's consultation periods was declined: a question
    naming no place whose only words ask a duty of the law (to notify) is asked of the law talked about, however
    long (a short one already was)."""
    *_, answer = ask_thread(factbase, *thread)
    assert answer.fact_ids[:1] == (fact,), answer.fact_ids


def test_how_many_employees_for_a_law_to_apply_is_whom_it_covers(factbase):
    """Trial 34: "how many employees does a company need for it to apply?" was read as a mass layoff's size (how
    many), so "and California?" next got California's WARN triggers: how many staff an employer needs for a law to
    apply, with no layoff said, is whom the law covers."""
    *_, answer = ask_thread(factbase, "how many workers must an employer have before the new york warn act applies?",
                            "and in california?")
    assert answer.fact_ids[:1] == ("us-ca-warn-coverage",), answer.fact_ids


def test_how_long_one_must_work_in_chinese_is_asked_as_english_asks_it(factbase):
    """Trial 34, blind3, blind11, dev: "要做幾耐先有得拎？" (how long must I work to get it?) after Hong Kong's
    severance formula got the formula again: 多久/几耐 and 做/工作 were words of their own, while the rules ask it
    in English ("How long must I work to get severance pay in Hong Kong?"). They are the English words now, as
    遣散费 is severance."""
    answer, _ = factbase.ask("在香港打工多久先可以攞遣散費")
    assert answer.fact_ids[:1] == ("hk-severance-payment-eligibility",), answer.fact_ids


@pytest.mark.parametrize("question", ["should i accept the package or take them to court? im in london",
                                      "公司给了N+1，我应该签还是去仲裁？"])
def test_a_choice_of_what_to_do_is_advice_declined(factbase, question):
    """Trial 34: "Should I sign the severance agreement or sue my employer? I'm in Texas." was answered that US law
    requires no severance, at 0.94: a choice of what to do, put to the bot, is advice no fact gives."""
    answer, _ = factbase.ask(question)
    assert not answer.answered, answer.fact_ids


def test_a_law_said_to_reach_an_employer_in_chinese_asks_whom_it_covers(factbase):
    """Blind13, blind15: "美国WARN法案管多大规模的公司？", "Cal-WARN管得到我们吗" were declined: 管得到, 管多大 (does
    it reach, how big a company does it govern) say whom a law covers, as 适用 does."""
    answer, _ = factbase.ask("联邦WARN法管得着我们这种80人的公司吗")
    assert answer.fact_ids[:1] == ("us-warn-coverage",), answer.fact_ids


def test_n_plus_what_with_a_particle_after_it_asks_the_severance(factbase):
    """Blind15: "b站2022年底那轮裁员给的是N+几啊" got the round's size: "N+几" (N plus how many, the severance
    asked) was read only without a particle after it (啊, 呀, 呢)."""
    assert "n+1" in factbase.index.content_words("裁员给的是 n 几呀")
    assert "n+1" in factbase.index.content_words("裁员给的是 n 几")


def test_under_whom_says_when_not_what_is_asked(factbase):
    """Blind13: "and in 2025 under the new ceo?" after Intel's August 2024 cuts got the 2025 round's reasons, which
    name the new chief: under whom (the new CEO, a chief the base names) says when, as the year does."""
    *_, answer = ask_thread(factbase, "how many did amazon cut in 2023", "and in 2025 under the current ceo?")
    assert answer.fact_ids[:1] == ("amazon-layoff-2025-10-size",), answer.fact_ids


@pytest.mark.parametrize("thread, fact", [
    (("how much notice am i owed in ireland after 3 years", "and in the uk?"), "uk-statutory-notice"),
    (("in singapore how much notice after 3 years at my job", "what about hong kong?"), "hk-notice-period"),
])
def test_a_figure_carried_from_the_talk_counts_only_for_the_facts_stating_it(factbase, thread, fact):
    """Blind7, blind10: "and federally?" after "mininum notice in ontario if ive worked 4 years", "那香港呢？" after a
    length of service: the carried "4" counted against every rule of the next place that does not write it, as a
    headcount asked would (the earlier question's length of service counts for the facts stating it only)."""
    *_, answer = ask_thread(factbase, *thread)
    assert answer.answered and answer.fact_ids[:1] == (fact,), answer.fact_ids


def test_a_headcount_does_not_agree_with_a_length_of_time(factbase):
    """Trial 35, blind12, blind14: "I run a cafe in Melbourne with 12 staff - do I have to pay redundancy if I
    close?" got Australia's redundancy pay scale, whose "12 weeks" agreed with the 12 staff, not the small-business
    exemption: a number a fact writes only as a length of time agrees with no headcount (a length of service asked,
    "after 10 years", still does)."""
    from bot.retrieval import time_only_numbers

    assert time_only_numbers(["12 weeks' pay for 10 years of service", "fewer than 15 employees"]) == {"12", "10"}
    answer, _ = factbase.ask("my employer in adelaide has 10 staff, do i get redundancy pay?")
    assert answer.fact_ids[:1] == ("au-redundancy-exclusions-small-business",), answer.fact_ids


def test_a_round_picked_by_its_order_is_what_the_talk_is_about_next(factbase):
    """Trial 35: "what about microsoft?" after "why?" of Meta's November 2022 round, then "and the second round?",
    was declined: the talk kept the reasons' topic and November from before the second round was told. A round
    picked by its order is what the talk is about next: its topic, and no month but its own."""
    *_, answer = ask_thread(factbase, "how many did spotify cut in june 2023", "why?", "and the first round?",
                            "and microsoft?")
    assert answer.fact_ids[:1] == ("microsoft-layoff-2023-01-size",), answer.fact_ids


@pytest.mark.parametrize("question, fact", [
    ("中国什么时候出台的双减政策", "china-tech-crackdown-2021-07-double-reduction"),
    ("中国的双减政策是什么", "china-tech-crackdown-2021-07-double-reduction"),
])
def test_a_country_named_in_chinese_keeps_its_facts_that_are_no_law(factbase, question, fact):
    """Blind14, blind5 and blind7: "中国的“双减”政策是哪天出台的" got China's N+1 or was declined, while "What is
    China's double reduction policy?" answered. An English country name stays a word of the question, so the facts
    about the country that are none of its laws (its crackdown's timeline) stay candidates; named in Chinese it did
    not. It does now, as its English name."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == fact, answer.fact_ids


@pytest.mark.parametrize("question", ["hong kong long service payment who qualifies",
                                      "hk long service payment - am i eligible?"])
def test_who_is_entitled_to_a_term_of_the_law_asks_the_terms_facts(factbase, question):
    """Blind7 and trial 36: "hk long service payment who's eligible" got Hong Kong's continuous-contract rule (whom
    the Ordinance covers at all): "eligible" is a coverage cue, and the term, masked as Hong Kong's name, said
    nothing. Entitlement to a term of the law asks what the facts that name the term are about (severance)."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == "hk-long-service-payment", answer.fact_ids


def test_whom_a_law_covers_is_still_coverage(factbase):
    answer, _ = factbase.ask("who qualifies for a continuous contract in hong kong")
    assert answer.answered and answer.fact_ids[0] == "hk-continuous-contract-coverage", answer.fact_ids


@pytest.mark.parametrize("question, fact", [("美国的WARN法是什么", "glossary-warn-notice"),
                                            ("加州WARN法要提前几天通知", "us-ca-warn-notice")])
def test_fa_after_a_laws_name_is_its_act_and_no_subject(factbase, question, fact):
    """"美国的WARN法是什么" got the WARN Act's penalties: 法 (Act) after the law's name was left the question's only
    word, which the penalties' phrasings (违法) share. Alone, 法 is a law word, as 法律 and 法规 are: no subject."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == fact, answer.fact_ids


def test_how_many_in_a_period_make_it_collective_asks_the_threshold_not_a_count(factbase):
    """Trial 38: "Ireland: site with 150 staff, how many redundancies within 30 days makes it a collective
    redundancy?" got a count of Ireland's layoffs: the period between "how many redundancies" and "makes it" hid the
    threshold asked."""
    answer, _ = factbase.ask("ireland with 80 employees - how many redundancies in 30 days makes it collective")
    assert answer.view_kind is None and answer.fact_ids[:1] == ("ie-collective-redundancy-threshold",), answer.text


@pytest.mark.parametrize("thread, fact", [
    (("at what point is it a mass dismissal in germany, we have ~300 staff", "which authority needs to be notified"),
     "de-mass-dismissal-notification"),  # blind16
    (("how many redundancies make it collective in ireland", "which authority has to be told"),
     "ie-minister-notification"),
])
def test_a_duty_asked_after_a_law_is_that_laws_even_in_words_its_facts_do_not_use(factbase, thread, fact):
    """Blind16: "which authority needs to be notified" after Germany's mass-dismissal threshold was declined: Germany's
    facts name the agency, never an "authority", so the question read as a new one of no law. A word that names a
    duty of a law (notify, authority, consult) is any law's. (And "how many redundancies make it collective in
    ireland" asks the law's threshold, not a count of Ireland's layoffs.)"""
    answers = ask_thread(factbase, *thread)
    assert answers[0].view_kind is None
    assert answers[-1].answered and answers[-1].fact_ids[0] == fact, answers[-1].fact_ids


@pytest.mark.parametrize("thread, fact", [
    (("at what point is it a mass dismissal in germany, we have ~300 staff", "what if the notification is botched"),
     "de-mass-dismissal-invalidity"),  # blind16
    (("how much notice does the warn act require", "what if the notice was incomplete"), "us-warn-penalties"),
    (("how much notice for a mass layoff in new york", "and if the notice is defective?"), "us-ny-warn-penalties"),
])
def test_a_duty_done_badly_asks_what_follows(factbase, thread, fact):
    """Blind16: "what if the notification is botched" got Germany's notification rule again. A duty done badly
    (botched, flawed, incomplete, defective), as one skipped, asks the consequence."""
    answers = ask_thread(factbase, *thread)
    assert answers[-1].answered and answers[-1].fact_ids[0] == fact, answers[-1].fact_ids


def test_a_pair_read_out_of_a_longer_unknown_stretch_is_no_homophone_of_a_word(factbase):
    """Blind16: "要幾時之前向老細追討" (by when must I claim it from the boss?) read 时之 (a pair out of the unknown
    stretch 几时之前向老细) as 市值 (market value), which sounds alike, and asked about share prices. A homophone is
    corrected only in a word typed as one (补尝 for 补偿), not in a pair that overlaps the next."""
    from bot.matching import analyse

    parsed, topic = analyse(factbase.index, "要幾時之前向老細追討", Conversation())
    assert "市值" not in parsed.normalized and topic != "market", (parsed.normalized, topic)
    answer, _ = factbase.ask("补尝给了多少")
    assert answer.answered and answer.fact_ids[0] == "cn-severance-amount", answer.fact_ids


def test_may_or_march_before_a_year_is_a_month_on_both_sides(factbase):
    """"block march 2025 job cuts?" was declined: the year was stripped before the months, so "march" (a month only
    next to a year or after "in") stayed a word of the question that no fact of Block's uses; blind16's "the march
    2024 round" too. Months are stripped first, in questions and in facts' phrasings alike; a short follow-up that
    ends in one ("and march?") names it too; and a company, a figure and a time alone ("unity 600 may 2023", once
    matched through its "may") ask the round's size, as a headline does."""
    from bot.retrieval import _strip_dates

    assert _strip_dates("block march 2025 job cuts") == "block job cuts"
    assert _strip_dates("and march") == "and"
    assert _strip_dates("they may cut more") == "they may cut more"
    assert _strip_dates("and the may round") == "and the round"  # ... or before the round it dates (blind7)
    answer, _ = factbase.ask("block march 2025 job cuts?")
    assert answer.answered and entities(factbase, answer) == {"block"}, answer.fact_ids
    answer, _ = factbase.ask("meta 11000 2022")
    assert answer.answered and answer.fact_ids[0] == "meta-layoff-2022-11-size", answer.fact_ids


@pytest.mark.parametrize("question, fact", [
    ("is shutting down our small california warehouse covered by cal-warn?", "us-ca-warn-triggers"),
    ("we're relocating our fresno site to nevada - does california's warn law apply?", "us-ca-warn-triggers"),
    ("does ny warn apply if we close a plant with 30 workers", "us-ny-warn-triggers"),
])
def test_whether_a_closure_or_a_move_triggers_a_law_asks_its_trigger_rule(factbase, question, fact):
    """Trial 36, blind15, blind16 and train: "does cal warn cover closing a site where only 30 ppl work",
    "加州工厂关闭，几个人就要按WARN提前通知" got Cal-WARN's coverage or notice rule (one had been right
    only because "30 ppl" agreed with the trigger rule's "30 days"). Whether an event (a closure, a
    relocation) brings the duty is the law's trigger rule; how much notice a closure needs, or a
    worker's own notice, stays the notice asked."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == fact, answer.fact_ids


@pytest.mark.parametrize("question, fact", [
    ("how much notice when closing a plant in california", "us-ca-warn-notice"),
    ("do i get notice if my employer closes the shop in germany", "de-notice-periods-bgb-622"),
])
def test_the_notice_a_closure_needs_is_still_the_notice(factbase, question, fact):
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == fact, answer.fact_ids


def test_a_claim_that_opens_with_its_time_is_of_that_time(factbase):
    """Blind14 and blind16: "ninja van july 2024 retrenchment package" got Ninja Van's profile, its "did people get
    garden leave" the glossary: the fact on what staff got opens "In July 2024 affected staff got garden leave ...",
    but counted only as of August 2025, when a later round's news was added to it. A claim that opens with its time
    is of that time too (beside its `as_of`)."""
    years, _ = factbase.index.doc_years["ninja-van-layoff-process"]
    assert {2024, 2025} <= set(years)
    assert 7 in factbase.index.doc_months["ninja-van-layoff-process"]
    answer, _ = factbase.ask("what did ninja van give the staff it let go in july 2024")
    assert answer.answered and answer.fact_ids[0] == "ninja-van-layoff-process", answer.fact_ids


def test_chinese_pronouns_and_company_are_no_subject(factbase):
    """Blind12 and blind14: "我喺香港呢間公司做咗三年，而家話要裁員，我有冇遣散費㗎？" (I've worked three years at this
    Hong Kong company, now they're laying off: do I get severance?) got the deadline to claim it: 我 (I) and 公司
    (company), no subjects, matched the deadline rule's Chinese phrasings. They are stopwords, as "I" and "company"
    are in English."""
    from bot.matching import analyse

    parsed, _ = analyse(factbase.index, "我喺香港做咗兩年嘢，公司話要裁我，我有冇得拎遣散費？", Conversation())
    assert "我" not in parsed.content and "公司" not in parsed.content, parsed.content
    answer, _ = factbase.ask("我喺香港做咗兩年嘢，公司話要裁我，我有冇得拎遣散費？")
    assert answer.answered and answer.fact_ids[0] == "hk-severance-payment-eligibility", answer.fact_ids


@pytest.mark.parametrize("question, fact", [
    ("which employees were hit by microsoft's january 2023 layoffs", "microsoft-layoff-2023-01-size"),
    ("快手2021年12月裁的是哪些人", "kuaishou-layoff-2021-12-size"),
])
def test_whom_a_round_hit_is_told_by_the_rounds_own_account(factbase, question, fact):
    """Blind13, blind15, blind16, blind11: "toshiba 4000 job cuts who was targeted", "Toshiba's 4,000 job cuts – who
    exactly were they targeting?" were declined, "东芝…主要裁哪些人" got how the cuts were carried out: whom a round hit
    ("mainly back-office workers aged 50 or over") is what the round's own account says, a question of its layoffs."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == fact, answer.fact_ids


def test_a_union_notified_in_the_passive_is_consulted_not_an_authority(factbase):
    """Blind16: "korea managerial dismissal - how many days ahead must the union be notified" got the report to the
    Ministry: "the union be notified" named no representative told, as "notify the union" does."""
    answer, _ = factbase.ask("uk redundancies: by when must the union be notified")
    assert answer.answered and factbase.index.documents[answer.fact_ids[0]].topic == "consultation", answer.fact_ids


@pytest.mark.parametrize("question, fact", [
    ("spotify december 2023 layoffs - did staff get any severance", "spotify-layoff-2023-12-process"),
    ("amazon jan 2023 cuts - did workers get any help", None),  # nothing said of it: declined, not its reasons
])
def test_whether_those_let_go_got_anything_asks_what_they_got(factbase, question, fact):
    """Blind16: "the infosys trainees who got let go - did they get any support or money" got the round's size:
    whether they got any support, money or severance asks what they got, as "what did they get" does."""
    answer, _ = factbase.ask(question)
    if fact is None:
        assert not answer.answered, answer.fact_ids
    else:
        assert answer.answered and answer.fact_ids[0] == fact, answer.fact_ids


@pytest.mark.parametrize("question", ["德国公司没通知就业局就裁员，还有效吗", "在德国没通知劳动局，裁员算不算数"])
def test_whether_a_layoff_without_the_notice_still_stands_asks_what_follows(factbase, question):
    """Blind7: "要是没通知就业局，裁员还算数吗" (if the employment agency was not notified, does the layoff still
    count?) got Germany's works-council rule: a duty not met, asked whether what was done still stands (还算数, 还有效,
    算不算数), asks what follows from it, as 会怎样 does."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == "de-mass-dismissal-invalidity", answer.fact_ids


@pytest.mark.parametrize("question, fact", [
    ("flight attendant at an airline out of mississauga, they're cutting 70 of us at once - how much notice?",
     "ca-fed-group-termination-notice"),
    ("多伦多一家银行一次裁60个人，要提前多久通知", "ca-fed-group-termination-notice"),
    ("toronto warehouse closing, 70 of us cut at once - how much notice?", "ca-on-mass-termination-notice"),
    ("new york bank cutting 70 jobs at once, how much notice", "us-ny-warn-notice"),
])
def test_a_sector_another_law_governs_in_a_place_is_asked_of_that_law(factbase, question, fact):
    """Blind15: "i work at a bank in toronto and they're letting 60 emplyees go at the same time. how much notice"
    got Ontario's group notice: a bank, an airline or a telecom in Ontario is under the Canada Labour Code (the
    place's `governed_elsewhere`, from both coverage rules), while other Ontario workplaces, and banks elsewhere,
    keep their place's law."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == fact, answer.fact_ids


@pytest.mark.parametrize("question, fact", [
    ("best karaoke bars in tokyo", None),
    ("tokyo best ramen", None),
    ("tokyo dismissal notice", "jp-dismissal-notice-30-days"),
])
def test_a_place_asked_about_in_words_the_base_never_uses_is_declined(factbase, question, fact):
    """Blind16: "best ramen spots in tokyo" got Japan's four factors for a redundancy, whose claim says "best
    efforts": no word of a question about a place being one the base's phrasings use, it asks about something
    else."""
    answer, _ = factbase.ask(question)
    if fact is None:
        assert not answer.answered, answer.fact_ids
    else:
        assert answer.answered and answer.fact_ids[0] == fact, answer.fact_ids


@pytest.mark.parametrize("question, fact", [
    ("“毕业”就是被裁的意思吗", "glossary-graduation-biye"),
    ("优化算是裁员的意思吗", "glossary-optimisation-youhua"),
])
def test_a_term_offered_a_meaning_asks_what_the_term_means(factbase, question, fact):
    """Blind17: "大厂说的“优化”是不是就是裁员的意思" (is 优化 just laying off?) was declined: a meaning offered for a
    term (X就是Y的意思吗, "a fancy word for", "a polite way of saying") asks what the term means, and the term is the
    one before the offer, not another entry that shares the offered meaning's words."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == fact, answer.fact_ids


@pytest.mark.parametrize("question", ["is furlough just a nicer word for being laid off",
                                      "isn't 'rightsizing' a polite way of saying firing people"])
def test_a_word_said_to_be_another_words_is_a_meaning_question(question):
    from bot.analysis import question_type
    from bot.text import normalize

    assert question_type(normalize(question)) == "meaning"


@pytest.mark.parametrize("question, fact", [
    ("what abt the klarna layoffs in may 2022", "klarna-layoff-2022-05-size"),
    ("what happened w google's layoffs in jan 2023", "alphabet-layoff-2023-01-size"),
    ("how many ppl got layed off at meta in nov 2022", "meta-layoff-2022-11-size"),
])
def test_chat_shorthand_and_a_misspelt_layoff_phrase_ask_as_written_out(factbase, question, fact):
    """Blind17: "what happened w twitter's layoffs in feb 2023" got Twitter's profile ("w" weighed as the question's
    subject) and "got layed off in LA today…" was declined ("layed" unknown): chat's shorthand for a function word
    (w, abt, b4) is one, and a misspelt "laid off" is a layoff."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == fact, answer.fact_ids


def test_la_is_los_angeles(factbase):
    answer, _ = factbase.ask("our warehouse in LA is closing with 90 of us, how much notice do we get")
    assert answer.answered and factbase.index.documents[answer.fact_ids[0]].entity_id == "us-ca", answer.fact_ids


@pytest.mark.parametrize("thread, fact", [
    (("spotify dec 2023 layoffs how many", "and what did the ones let go get? severance etc"),
     "spotify-layoff-2023-12-process"),
    (("ireland: 40 redundancies at a 200 person site, how long must we consult", "do we have to tell the govt too?"),
     "ie-minister-notification"),
])
def test_chat_fillers_and_abbreviations_inside_phrases_are_read(factbase, thread, fact):
    """Blind17: "and the payout for the ones let go? severence etc" after Salesforce's round was declined ("etc" read
    as a subject the base lacks), and "do they have to tell the govt as well?" after a UK consultation got the
    qualifying period: "etc" is a filler, and an abbreviation is written out before the phrases are read ("tell the
    govt" is "tell the government", notifying an authority)."""
    answers = ask_thread(factbase, *thread)
    assert answers[-1].answered and answers[-1].fact_ids[0] == fact, answers[-1].fact_ids


def test_cantonese_that_reads_as_mandarins(factbase):
    """Blind17: "五月嗰次呢" (and the May one?) after Microsoft's July 2025 round was declined: OpenCC writes Cantonese
    嗰 ("that") as 𠮶, which no stage read as Chinese; it is Mandarin's 那 (五月那次呢)."""
    answers = ask_thread(factbase, "亞馬遜2023年1月嗰輪裁咗幾多人", "三月嗰次呢")
    assert answers[-1].answered and answers[-1].fact_ids[0] == "amazon-layoff-2023-03-size", answers[-1].fact_ids


def test_a_term_written_in_hangul_asks_its_english_names_words(factbase):
    """Blind17: "how is 퇴직금 worked out in korea" got Korea's priority re-employment: a term written in Hangul alone
    gave the question no words of what it asks; the term now has its English name first (knowledge/rules/kr.yaml),
    and an amount "worked out" is calculated."""
    answer, _ = factbase.ask("korea 퇴직금 how much")
    assert answer.answered and answer.fact_ids[0] == "kr-statutory-severance-pay", answer.fact_ids


@pytest.mark.parametrize("question, fact", [
    ("which country were meta's nov 2022 layoffs in", "meta-layoff-2022-11-size"),
    ("which countries did sap's 2024 job cuts hit", "sap-layoff-2024-size"),
    ("who was ibm targeting in the 2023 cuts", "ibm-layoff-2023-01-size"),
])
def test_where_a_round_was_and_whom_a_company_targeted_are_asked_of_the_round(factbase, question, fact):
    """Blind17: "bosch's 13k job cuts - which country are they in" was declined (asked as a profile: "which country"
    was no "where") and "who was toshiba targeting with its 4000 job cuts" got how it was carried out ("who was
    targeted" asked in the active with the company named): where a round was and whom it hit are the round's."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == fact, answer.fact_ids


@pytest.mark.parametrize("thread, fact", [
    (("德国裁员要通知就业局吗", "雇主要是不按规定来呢"), "de-mass-dismissal-invalidity"),
    (("英国裁员100人要协商多久", "如果公司不遵守呢"), "uk-protective-award"),
])
def test_a_duty_not_kept_by_the_rules_asks_what_follows_in_chinese(factbase, thread, fact):
    """Blind17: "公司要是不按规矩来呢" (and if the company doesn't follow the rules?) after China's consultation and
    severance was declined: not keeping to the rules (不按规矩来, 不按规定, 不遵守, 不照做), with the subject before
    要是 or after it, is a duty unmet, as "如果公司不通知呢" is."""
    answers = ask_thread(factbase, *thread)
    assert answers[-1].answered and answers[-1].fact_ids[0] == fact, answers[-1].fact_ids


@pytest.mark.parametrize("question", ["0:1𐹠", "how many 1𐹠 layoffs at meta"])
def test_a_digit_int_cannot_read_is_no_figure(factbase, question):
    """Found by the Telegram fuzz test: "𐹠" (RUMI DIGIT ONE) is a digit to str.isdigit but not to int(), and "0:1𐹠"
    crashed the answer; only decimal digits (str.isdecimal, what int() reads) are figures."""
    factbase.ask(question)  # no exception


@pytest.mark.parametrize("question, fact", [
    ("could a company that's about to get new funding skip giving warn notice", "us-warn-exceptions"),
    ("what happens if they skip the warn notice", "us-warn-penalties"),  # what follows from skipping it
])
def test_whether_a_duty_may_be_skipped_asks_its_exceptions(factbase, question, fact):
    """Blind17: "can a struggling co thats trying to raise money skip the 60 day warn notice?" got the penalties
    ("skip" cues what follows from a duty unmet): whether it may be skipped (can, may, is it legal to, are they allowed
    to) asks the duty's exceptions."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == fact, answer.fact_ids


@pytest.mark.parametrize("question, fact", [
    ("Wtf is N+1", "glossary-n-plus-1"),
    ("omg what is quiet cutting", "glossary-quiet-cutting"),
    ("bruh how many did klarna cut in may 2022", "klarna-layoff-2022-05-size"),
])
def test_chat_interjections_are_no_part_of_the_question(factbase, question, fact):
    """Trial 39: `wtf is "quiet cutting"` was declined, "Wtf" read as an unknown company: an interjection a message
    opens with (omg, bruh, lol) is none of the question, "wtf" opening it is its "what", and elsewhere both are
    fillers."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == fact, answer.fact_ids


def test_an_interjection_alone_is_still_a_message():
    from bot.text import normalize

    assert normalize("lol") == "lol" and normalize("omg what is quiet cutting") == "what is quiet cutting"


@pytest.mark.parametrize("thread", [("阿里巴巴2022年裁员多少人", "补偿给了多少"), ("阿里2022年裁了多少人", "那赔偿呢")])
def test_a_span_of_months_or_a_payroll_is_no_pay_told(factbase, thread):
    """Trial 40: "那赔偿呢" (and the compensation?) after Alibaba's 2022 cuts got a headcount fact: what staff were
    paid is told only by a fact that speaks of pay, and "the first three months of 2022" (a span that dates a figure)
    and "its payroll" (its headcount) are no pay. The base says nothing of 2022's: declined."""
    answers = ask_thread(factbase, *thread)
    assert not answers[-1].answered, answers[-1].fact_ids


@pytest.mark.parametrize("thread, fact", [
    (("香港追讨遣散费有没有时限",), "hk-severance-claim-deadlines"),
    (("在德国想告公司有期限吗",), "de-dismissal-claim-three-weeks"),
    (("在德国工作了5年被解雇，通知期多长", "要是告雇主，有时间限制吗"), "de-dismissal-claim-three-weeks"),
])
def test_a_time_limit_in_chinese_is_the_deadline_english_asks(factbase, thread, fact):
    """Blind17: "要告公司的话有时间限制吗" (is there a time limit if I sue the company?) after Germany's notice got
    China's gaming limits for minors: 期限, 时限 and 时间限制 are the "deadline" or "time limit" the phrasings ask,
    and 告 with whom it sues (告公司, 告雇主, 告老板) is suing, 起诉."""
    answers = ask_thread(factbase, *thread)
    assert answers[-1].answered and answers[-1].fact_ids[0] == fact, answers[-1].fact_ids


@pytest.mark.parametrize("question, name", [
    ("要告公司的话有时间限制吗", None), ("怎样起诉公司", None), ("能让公司给N+1吗", None), ("想离职公司给补偿吗", None),
    ("广告公司裁员多吗", None),  # a kind of company, no name
    ("可口可乐公司裁员", "可口可乐"), ("华为公司裁员", "华为"), ("拼多多裁员", "拼多多"),
])
def test_a_verb_on_the_company_is_no_company_name(factbase, question, name):
    """Blind17: in "要告公司…" (if I sue the company) the words before 公司 were read as an unknown company's name,
    "要告", and the question was declined as about a company the base lacks: a verb or coverb whose object is the
    company (告, 起诉, 让, 跟, 离职…) ends no name."""
    from bot.analysis import unknown_chinese_company
    from bot.text import normalize

    assert unknown_chinese_company(factbase.index, normalize(question)) == ((name,) if name else ())


@pytest.mark.parametrize("question, fact", [
    ("how long do i need to work in the uk before i can sue for unfair dismissal",
     "uk-unfair-dismissal-qualifying-period"),
    ("can i sue my employer in canada for unjust dismissal", "ca-fed-unjust-dismissal"),
    ("在英国上班，要做满多长时间才有权告公司不公平解雇？", "uk-unfair-dismissal-qualifying-period"),
])
def test_suing_over_a_dismissal_is_the_claim_a_rule_speaks_of(factbase, question, fact):
    """Blind12 (after 告公司 became 起诉): suing is an aspect a layoff base answers only where a fact speaks of it, and
    "sue for unfair dismissal" was declined though the rule's phrasings speak of claiming it: a law's rule speaks of
    suing in its claims, complaints, tribunals and courts. Suing over a company's layoffs is still declined."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == fact, answer.fact_ids
    assert not factbase.ask("did any google employees sue over the layoffs")[0].answered


@pytest.mark.parametrize("question, fact", [
    ("好未来2021年末裁员了吗", "tal-education-layoff-2021-12-size"),
    ("快手21年底有没有裁员", "kuaishou-layoff-2021-12-size"),
])
def test_a_part_of_the_year_in_chinese_is_a_time_no_subject(factbase, question, fact):
    """Trial 41: "快手2021年底裁员了吗" (did Kuaishou cut at the end of 2021?) was declined, though "2021年12月" was
    answered: 年底, 年末, 年初 and 年中 say when, as "end of" and "early" do in English; read as a word (底, "bottom")
    they were a subject no fact speaks of."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == fact, answer.fact_ids


@pytest.mark.parametrize("question, place", [
    ("retrenchment pay in malaysia", "Malaysia"),
    ("is retrenchment compensation one month per year of service in indonesia?", "Indonesia"),
])
def test_a_laws_term_beside_a_country_without_rules_is_no_answer_of_that_law(factbase, question, place):
    """Blind18: "Philippines retrenchment pay - is it one month per year of service?" got India's retrenchment
    compensation, a wrong-country answer: a law's term (an alias with words of its own) names its jurisdiction only as
    the law's, so a country named beside it that the base has no rules for is what is asked, and it is declined
    saying so. Named by the place, the law's term is still answered."""
    answer, _ = factbase.ask(question)
    assert not answer.answered and place in answer.text, answer.fact_ids
    answer, _ = factbase.ask("retrenchment pay in india")
    assert answer.answered and answer.fact_ids[0] == "in-retrenchment-compensation", answer.fact_ids


def test_taiwans_word_for_severance_is_severance(factbase):
    """Trial 41: "台湾资遣费怎么算？" was declined without naming Taiwan, as the README says a place the base lacks
    is named: 资遣费 (Taiwan's severance pay) was no word the bot read, so nothing said the question was about
    severance rules there."""
    answer, _ = factbase.ask("台灣的資遣費有上限嗎")
    assert not answer.answered and ("台湾" in answer.text or "臺灣" in answer.text), answer.text


@pytest.mark.parametrize("question, fact", [
    ("how far ahead does my employer in germany have to tell me I'm fired", "de-notice-periods-bgb-622"),
    ("how far in advance does a singapore company have to tell staff they're retrenched",
     "sg-notice-periods-employment-act"),
])
def test_how_far_in_advance_asks_how_long_before(factbase, question, fact):
    """Blind18: "how far in advance do US employers have to warn people…" kept "far" as a word no fact uses and asked
    with "how far", which no notice rule's phrasings do: "how far in advance" and "how far ahead" ask how long before,
    as "how long in advance" does."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == fact, answer.fact_ids


@pytest.mark.parametrize("thread, prefix", [
    (("how many did intel cut in 2024", "why did intel make those cuts"), "intel-layoff-2024-08-reason"),
    (("amazon layoffs 2023", "why did amazon cut those jobs"), "amazon-layoff-2023-"),
])
def test_the_talks_company_named_again_with_the_round_pointed_at_keeps_its_period(factbase, thread, prefix):
    """Blind18: "why did zuck do that one" after Meta's second round got its 2025 reasons: the talk's company named
    again (by name or a leader's) with the round pointed at ("that one", "those cuts", 那次) keeps the talk's period,
    as a name with nothing new does ("what reason did Jassy give")."""
    answers = ask_thread(factbase, *thread)
    assert answers[-1].answered and answers[-1].fact_ids[0].startswith(prefix), answers[-1].fact_ids


@pytest.mark.parametrize("question, fact", [
    ("大众到2030年要在德国裁多少人", "volkswagen-layoff-2024-12-size"),
    ("大众2030年前要裁多少人", "volkswagen-layoff-2024-12-size"),
])
def test_a_chinese_deadline_year_is_the_plans_not_when_it_was_cut(factbase, question, fact):
    """Blind18: "…德国裁员计划，到2029年要减多少岗位？" (how many jobs by 2029) was read as a question about 2029's
    layoffs and declined: the deadline pattern (到2029年, 2029年前, as English "by 2030") missed the spaces that
    normalising puts around a figure."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == fact, answer.fact_ids


@pytest.mark.parametrize("question, fact", [
    ("how did twitter do the layoffs", "twitter-layoff-2022-11-process"),
    ("how did google handle the layoffs", "alphabet-layoff-2023-01-process"),
])
def test_how_a_company_made_its_cuts_asks_the_process(factbase, question, fact):
    """Blind18: "better.com how did they do the layofs" got the round's size: how a company did, carried out or
    handled its layoffs (or how they were done) asks how they were made, the round's process."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == fact, answer.fact_ids


@pytest.mark.parametrize("question, prefix", [
    ("were german staff affected by bosch's cuts", "bosch-layoff-2025-09-size"),
    ("did the 2023 amazon layoffs affect india", "amazon-layoff-2023-"),
])
def test_whether_a_place_was_affected_by_a_companys_cuts_asks_the_round(factbase, question, prefix):
    """Blind18: "Samsung's 2024 overseas job cuts - was South Korea affected?" got the round's reasons: where a
    company's round hit (was X affected, did it affect, impact) is told by the round's own fact, its size."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0].startswith(prefix), answer.fact_ids


def test_a_companys_departments_and_a_share_cut_ask_the_rounds_size(factbase):
    """Blind18: "百度…那轮裁员，各部门砍了多大比例？" (what share did each department cut?) got the round's process:
    各部门 (each department) was read as 部门, the labour department a layoff is reported to, and 比例 (share) as no
    word. A company's departments are no authority, and 比例, 百分比 ask a percentage, the round's size."""
    answer, _ = factbase.ask("滴滴2022年裁员，各部门砍了多大比例")
    assert answer.answered and answer.fact_ids[0] == "didi-layoff-2022-size", answer.fact_ids
    answer, _ = factbase.ask("公司裁员需要向哪个部门报告")  # 部门 asked as whom to report to: still an authority
    assert answer.answered and answer.fact_ids[0] == "cn-mass-layoff-report-to-labour-bureau", answer.fact_ids


def test_a_month_named_after_a_years_rounds_is_the_questions_own():
    """Blind3 (after 部门 stopped being an authority): "11月那次是哪些部门" after Tencent's 2022 rounds and their
    reasons got the second quarter's round just told: a month the question names counts as its own when the talk
    named none, not only when the talk named another; nor is "11" of "11月" a headcount that picks a round."""
    from bot.service import _stated_figures

    assert _stated_figures("11 月那次呢") == set() and _stated_figures("the 12000 job cuts") == {12000}
    assert _stated_figures("") == set()  # (found by the Telegram fuzz test: an empty message)


def test_a_month_follow_up_leads_with_that_months_round(factbase):
    answers = ask_thread(factbase, "腾讯2022年裁了多少人", "原因呢", "11月那次是哪些部门")
    assert answers[-1].answered and answers[-1].fact_ids[0] == "tencent-layoff-2022-11-size", answers[-1].fact_ids


@pytest.mark.parametrize("question", ["微软从2023年到现在一共裁了多少人",
                                      "how many did meta lay off in total since 2022 till now"])
def test_until_now_closes_a_period_and_asks_no_latest_round(factbase, question):
    """Blind19: "亚马逊从2022年到现在一共裁了多少人？" (how many in all from 2022 until now) got the latest round:
    "until now" (到现在, 至今, "till now") closes a period from a year, it does not ask what is newest."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.view_kind == "total", (answer.view_kind, answer.fact_ids)


def test_a_chinese_yes_no_question_about_being_dismissed_is_no_list_of_a_countrys_layoffs(factbase):
    """Blind19: "在荷兰生病期间会被公司解雇吗？" (can the company dismiss me while I'm ill in the Netherlands?) got
    a list of the Netherlands' layoffs: a country, a layoff word and 公司 make a list only when no question is
    asked of them (吗, 会被, 能不能, 是否), as English "is", "can", "will" already kept it."""
    answer, _ = factbase.ask("在荷兰期间会被公司解雇吗")
    assert answer.view_kind is None, answer.view_kind
    answer, _ = factbase.ask("2023年德国公司裁员")
    assert answer.view_kind == "list", answer.view_kind


@pytest.mark.parametrize("question", ["can i be fired for being sick in germany", "在德国生病期间会被公司解雇吗"])
def test_being_ill_is_a_protected_condition_answered_only_where_a_fact_speaks_of_it(factbase, question):
    """Blind19 (after the list above): "在德国生病期间会被公司解雇吗" got Germany's maternity protection: being
    sick (生病, ill, sickness) is a condition a law may protect, answered only by a fact that speaks of illness or
    sick leave. Germany's rules here do not: declined. The Netherlands' do."""
    answer, _ = factbase.ask(question)
    assert not answer.answered, answer.fact_ids
    answer, _ = factbase.ask("is a sick employee protected from dismissal in the netherlands")
    assert answer.answered and answer.fact_ids[0] == "nl-dismissal-ban-sickness", answer.fact_ids


def test_again_in_chinese_adds_no_subject(factbase):
    """Blind19: "那2023年有没有再裁一轮？" (did they cut again in 2023?) after Xiaohongshu's 2022 round got its 2021
    funding: 再 ("again") was read as a word of what is asked, so the question was no longer only about a round. It is a
    stop character, as 又 and English "again" are, and a year without a round is declined."""
    from bot.text import normalize

    assert "再" not in factbase.index.content_words(normalize("有没有再裁一轮"))
    answers = ask_thread(factbase, "小红书2022年裁了多少人", "2024年有没有再裁一轮？")
    assert not answers[-1].answered, answers[-1].fact_ids


def test_on_the_way_out_is_being_let_go(factbase):
    """Blind19: "what did they get on the way out?" after Meta's November 2022 round was declined: "on the (their) way
    out" is when staff were let go, so what they got then is the round's severance terms."""
    answers = ask_thread(factbase, "twitter layoffs nov 2022", "why?", "what did they get on the way out")
    assert answers[-1].answered and answers[-1].fact_ids[0] == "twitter-layoff-2022-11-process", answers[-1].fact_ids


@pytest.mark.parametrize("thread, fact", [
    (("How did Twitter inform staff about the Nov 2022 cuts?", "how many lost their jobs?"),
     "twitter-layoff-2022-11-size"),
    (("马斯克收购推特后外包被裁了多少",), "twitter-layoff-2022-11-contractors-size"),
    (("how many contract staff did twitter let go in 2022",), "twitter-layoff-2022-11-contractors-size"),
])
def test_a_rounds_fact_about_one_kind_of_worker_answers_only_that_kind(factbase, thread, fact):
    """Blind19: "how many lost their jobs?" after Twitter's November 2022 round got its contractors' figure; trial
    42: "…是不是还砍了一大堆外包？" (did they also cut a heap of contractors?) was declined. A round's fact about one
    kind of its workers answers questions about that kind, asked in its words (contract workers, contract staff, 外包,
    合同工), and the round's own fact answers the rest."""
    answers = ask_thread(factbase, *thread)
    assert answers[-1].answered and answers[-1].fact_ids[0] == fact, answers[-1].fact_ids


def test_without_cause_says_how_one_was_dismissed_not_why(factbase):
    """Trial 42 (a wrong answer): "I work in IT at a big bank in Toronto, 7 years, let go without cause — what
    severance?" got the federal notice rule: "cause" cued a reason asked, which outranks severance. Dismissed "without
    cause" is how one was let go (on no ground of one's own), no reason asked."""
    answer, _ = factbase.ask("I work at a bank in Toronto, let go without cause, what severance do I get?")
    assert answer.answered and answer.fact_ids[0] == "ca-fed-severance-pay", answer.fact_ids


def test_which_was_the_biggest_after_a_companys_layoffs_ranks_its_rounds(factbase):
    """Trial 42: "which was the biggest?" after "Did Lyft have layoffs?" was declined ("which round was the biggest?"
    was answered): asked in a few words after one company's layoffs, which was biggest ranks its rounds."""
    answers = ask_thread(factbase, "spotify layoffs", "which was the largest?")
    assert answers[-1].answered and answers[-1].view_kind == "ranking", (answers[-1].view_kind, answers[-1].fact_ids)
    assert answers[-1].fact_ids[0] == "spotify-2023-12", answers[-1].fact_ids


@pytest.mark.parametrize("thread, fact", [
    (("how much notice does germany require for dismissals", "same thing for france?"), "fr-notice-period"),
    (("what is the penalty for skipping warn notice in california", "same question for new york"),
     "us-ny-warn-penalties"),
])
def test_the_same_question_for_another_place_asks_the_last_question_there(factbase, thread, fact):
    """Blind19: "same question for NY" after California's WARN penalties was declined: "same question/thing for X"
    asks the last question of X, as "same for X" and "is it the same in X" do."""
    answers = ask_thread(factbase, *thread)
    assert answers[-1].answered and answers[-1].fact_ids[0] == fact, answers[-1].fact_ids


@pytest.mark.parametrize("thread, fact", [
    (("how much notice must a company give before closing a plant in the US under WARN",
      "what if the plant were in california instead"), "us-ca-warn-notice"),
    (("how much notice do german employers have to give", "what if the warehouse is in france instead"),
     "fr-notice-period"),
])
def test_the_talks_workplace_moved_asks_the_last_question_there(factbase, thread, fact):
    """Blind19: "what if the site is in belfast instead" after the UK's consultation periods was declined: the site,
    plant or office of the talk, put somewhere else, adds no subject; the last question is asked of the new place."""
    answers = ask_thread(factbase, *thread)
    assert answers[-1].answered and answers[-1].fact_ids[0] == fact, answers[-1].fact_ids


def test_how_soon_staff_found_out_asks_how_they_were_told(factbase):
    """Blind19: "Indeed laid off 2,200 in March 2023 - how quickly did staff find out if they were affected?" got the
    round's size: how quickly or how soon staff found out asks how they were told, as "how did staff find out" does."""
    answer, _ = factbase.ask("how soon did twitter employees find out they were laid off")
    assert answer.answered and answer.fact_ids[0] == "twitter-layoff-2022-11-process", answer.fact_ids


def test_no_phrase_is_written_in_chinese():
    """Blind19: "Zoom 2023年裁员时，袁征给自己降薪多少？" got the round's size: 降薪 (pay cut) was a phrase, which is
    matched between spaces, and Chinese is unspaced; a Chinese word is a synonym (segmented as a known word)."""
    from bot import lexicon
    from bot.text import has_cjk

    assert [phrase for phrase in lexicon.PHRASES if has_cjk(phrase)] == []
    assert lexicon.SYNONYMS["降薪"] == lexicon.PHRASES["pay cut"]


def test_a_pay_cut_asked_in_chinese_is_pay(factbase):
    answer, _ = factbase.ask("zoom 2023年裁员的时候CEO降薪多少")
    assert answer.answered and answer.fact_ids[0] == "zoom-layoff-2023-process", answer.fact_ids


@pytest.mark.parametrize("question, fact", [
    ("not a bank but a software firm in toronto, 4 years, how much notice", "ca-on-notice-of-termination"),
    ("i work at a bank in toronto, how much notice do i get", "ca-fed-individual-notice"),
])
def test_a_sector_denied_does_not_move_the_law(factbase, question, fact):
    """Trial 43 (a wrong-country answer): "My employer in Toronto — an ordinary software company, not a bank — …how
    much notice under the ESA?" got the Canada Labour Code: a sector governed elsewhere counts only when the workplace
    is in it, not when it is denied ("not a bank", 不是银行)."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == fact, answer.fact_ids


@pytest.mark.parametrize("question", ["公司无故辞退我，能赔多少", "公司没有理由就开除我，怎么赔"])
def test_dismissed_for_no_reason_in_chinese_is_an_unlawful_dismissal(factbase, question):
    """Trial 43 (a wrong answer): "…公司没有任何理由就把我辞退了，我能要求赔多少？" (dismissed for no reason at all)
    got the ordinary severance N: Chinese law allows dismissal only on its grounds, so one on no ground (无故辞退,
    没有理由就开除) is unlawful, and what is owed is the 2N."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == "cn-unlawful-dismissal-2n", answer.fact_ids


@pytest.mark.parametrize("thread, fact", [
    (("how long must a uk employer consult about 25 redundancies", "and if it's 130?"), "uk-consultation-100-plus"),
    (("We're proposing 30 redundancies at our site in Leeds. How long do we have to consult?", "and if it's 120?"),
     "uk-consultation-100-plus"),
])
def test_a_lone_figure_after_the_talk_is_what_the_talk_counts(factbase, thread, fact):
    """Trial 43: "and if it's 120?" after 30 redundancies in Leeds was declined, though "and if it's 150?" was
    answered: 120 is a figure no fact writes, and a lone figure the base does not use had counted as an unknown name
    (no follow-up) and as words unknown to it. After a question about a law, a figure is what the talk counts."""
    answers = ask_thread(factbase, *thread)
    assert answers[-1].answered and answers[-1].fact_ids[0] == fact, answers[-1].fact_ids


@pytest.mark.parametrize("question", ["经济性裁员的人数标准是什么？", "集体裁员的条件是什么"])
def test_an_attribute_asked_with_shi_shenme_is_no_definition(factbase, question):
    """Trial 43: "经济性裁员的人数标准是什么？" (what is the headcount threshold of a mass layoff?) was declined as the
    meaning of a term: X的 + an attribute (标准, 门槛, 条件, 期限…) + 是什么 asks that attribute of X, here China's
    threshold (a Chinese question naming no country is China's)."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == "cn-mass-layoff-threshold", answer.fact_ids


@pytest.mark.parametrize("question", ["how were spotify staff told in june 2023",
                                      "how did klarna's ceo tell staff about the may 2022 layoffs?"])
def test_how_staff_were_told_of_one_round_is_not_told_by_another(factbase, question):
    """blind19 (a wrong answer): "how did klarna's ceo tell staff about the may 2022 layoffs?" got September's round,
    whose fact says its CEO "told Bloomberg" the cuts were done. How staff learnt of a round is told only by a fact of
    that round (its year and month); when none of it says how, no answer beats another round's."""
    answer, _ = factbase.ask(question)
    assert not answer.answered or all(not f.startswith(("spotify-layoff-2023-12", "klarna-layoff-2022-09"))
                                      for f in answer.fact_ids), answer.fact_ids


@pytest.mark.parametrize("question", ["工作了4年半被公司裁了，经济补偿能拿多少个月",
                                      "入职5年被裁员，经济补偿金给几个月"])
def test_a_payment_named_by_the_law_s_term_is_what_is_asked(factbase, question):
    """Trial 45 (a wrong answer): "我在公司干了3年半被裁了，经济补偿金能拿多少个月？" got dismissal for the
    worker's fault (no compensation): 经济补偿金 is a term of China's law, masked as a hint, so the topic fell to
    the layoff's size that 被裁 gives, and "how many months" then read as a notice period. A law's term for a
    payment names what is asked: its amount, here one month's wages per year worked."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == "cn-severance-amount", answer.fact_ids


@pytest.mark.parametrize("question", ["现在哪个行业最好", "目前哪个城市房价最高", "如今考研还有用吗"])
def test_an_unspaced_chinese_question_is_no_one_word_question(factbase, question):
    """Found probing trial 45's Chinese declines (a wrong answer at confidence 1.0): "现在学什么专业好就业" (what to
    study to find work now) got the base's latest WARN notices. 现在 (now) asks for the latest layoffs only with a
    layoff word or in a question of a few words ("现在呢？"), and Chinese, written unspaced, was counted as one word."""
    answer, _ = factbase.ask(question)
    assert not answer.answered, answer.fact_ids


@pytest.mark.parametrize("question, fact", [
    ("中国的经济性裁元要满足什么条件", "cn-mass-layoff-threshold"),
    ("裁多少人算大规模裁元", "cn-mass-layoff-threshold"),
    ("在中国，大规模裁元要提前多久通知", "cn-mass-layoff-consultation"),
])
def test_a_longer_chinese_word_typed_with_a_homophone_is_read_as_that_word(factbase, question, fact):
    """blind20: "公司一次裁多少人才算经济性裁元？" (裁元 typed for 裁员, a pinyin input slip) got the glossary: only a
    company's alias or a two-character word of the lexicon was read by its sound. A longer word of the lexicon
    (经济性裁员, 大规模裁员, 补偿金) that a stretch of the question sounds exactly like is read as that word, where the
    characters it differs in are of words the base does not know."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == fact, answer.fact_ids


@pytest.mark.parametrize("question", ["我们部门要裁员，能拿多少经济补偿", "我的部门整个被优化了，经济补偿能拿多少"])
def test_the_asker_s_own_department_is_no_authority(factbase, question):
    """blind12: "公司说要“优化”我们部门，…按法律能拿多少经济补偿？" was read as a notification (部门 alone stands for an
    authority, "通知有关部门"); the asker's own department (我们部门, 整个部门) is a part of the company."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == "cn-severance-amount", answer.fact_ids


@pytest.mark.parametrize("question, fact", [
    ("在香港做了3年被裁，有遣散费吗", "hk-severance-payment-eligibility"),
    ("喺香港返工做咗5年俾人炒，有冇遣散費", "hk-severance-payment-eligibility"),
])
def test_a_length_of_service_is_no_word_to_match_in_chinese(factbase, question, fact):
    """blind14/18/20 (wrong answers): "香港打工做咗3年俾人裁，有冇遣散費㗎？" got the claim deadlines, whose phrasing
    says "within 3 months": a Chinese question's only lexical words are its figures, and its 3 years of service
    scored BM25 on another unit's 3. A length of time is matched as a figure, as a headcount already was."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == fact, answer.fact_ids


@pytest.mark.parametrize("thread, fact", [
    (("how much redundancy pay in the uk?", "is there a cap if I earn a lot?"), "uk-redundancy-weekly-pay-cap"),
    (("德国被裁有补偿吗", "要是工资很高，有上限吗"), "de-severance-1a-kschg"),
])
def test_the_asker_s_case_said_beside_a_qualifier_keeps_the_talk_s_rule(factbase, thread, fact):
    """blind20: "工资特别高的话有封顶吗" (is there a cap if my pay is very high?) after China's N+1 was declined, though
    "有封顶吗" alone is the severance's cap: the case said as a condition (…的话, 要是…, "if I earn a lot") is not what
    is asked (in English, "earn" had made it a question about earnings, which no fact of the law answers)."""
    answers = ask_thread(factbase, *thread)
    assert answers[-1].answered and answers[-1].fact_ids[0] == fact, answers[-1].fact_ids


@pytest.mark.parametrize("question", ["英国裁员没进行协商，员工能要多少赔偿",
                                      "在英国公司裁了30个人却没协商，要赔什么"])
def test_what_is_owed_for_a_consultation_not_held_is_its_penalty(factbase, question):
    """blind20 (a wrong answer): "英国公司裁员没有做集体协商，员工最多能拿多少保护性赔偿？" got the cap on a week's pay
    for redundancy pay: what is owed because consultation was not held (没有做/没进行…协商 … 赔) is the law's penalty
    for it, the protective award, as "what happens if they skip consultation" asks in English."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == "uk-protective-award", answer.fact_ids


@pytest.mark.parametrize("question, fact", [
    ("how long have i got to sue in germany if i reckon the firing was unfair", "de-dismissal-claim-three-weeks"),
    ("how long do I have to sue in ireland if I think I was unfairly dismissed", "ie-unfair-dismissal"),
])
def test_the_asker_s_case_is_not_what_an_aspect_is_asked_of(factbase, question, fact):
    """blind20: "how long have i got to sue if i think it's unfair" (German law) was declined: suing is an aspect
    answered only by a rule that speaks of it and of what it is asked of, and "think" (of the asker's case, "if i think
    it's unfair") was counted as what the suit is about. Words of a condition clause are the case, not the subject."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == fact, answer.fact_ids


def test_a_law_s_term_beside_a_layoff_word_is_what_the_talk_is_about(factbase):
    """blind20: "Kündigungsfrist in Germany if my employer lets me go after 10 years?" was answered with the notice
    rule, but the talk took the layoff's size ("lets me go", "after 10 years" read as a time clause) for its topic,
    so "what about in france?" asked France's mass-layoff threshold. A law's term for a notice period or a payment
    beside a mere layoff word names the topic."""
    answers = ask_thread(factbase, "Kündigungsfrist if I'm let go in Germany after 3 years", "and in the uk?")
    assert answers[-1].answered and answers[-1].fact_ids[0] == "uk-statutory-notice", answers[-1].fact_ids


@pytest.mark.parametrize("question", [
    "I'm 58 and worked 6 years in Bristol, they're making me redundant, what redundancy pay am I owed?",
    "aged 19, 3 years at a shop in cardiff, made redundant - how much redundancy money do I get?",
])
def test_an_age_within_a_rule_s_bands_agrees_with_it(factbase, question):
    """blind20: "I worked 4 years for a firm in Leeds and I'm 52 … what's the legal minimum redundancy pay I'm owed?"
    declined: the UK's rule gives its age bands as "under age 22", "22 to 40" and "41 or over", and only "or more"
    and "under 22" were read as bounds, so 52 (and 19) fell outside every range the rule states."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == "uk-statutory-redundancy-pay", answer.fact_ids


@pytest.mark.parametrize("question, fact", [
    ("what redundancy pay does uk law give", "uk-statutory-redundancy-pay"),
    ("what's the most statutory redundancy pay you can get in the uk", "uk-redundancy-weekly-pay-cap"),
])
def test_a_rule_about_a_cap_answers_only_a_question_that_asks_the_cap(factbase, question, fact):
    """Trial 46 (a wrong answer): "How much redundancy pay is required in the UK?" got the cap on a week's pay, whose
    phrasings share every word of it but "cap". A rule most of whose phrasings ask a qualifier of another (its cap)
    answers only a question that asks one (cap, maximum, the most, 上限), where the law has another rule of the
    topic."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == fact, answer.fact_ids


@pytest.mark.parametrize("question", ["how much termination pay do i get in ontario after 3 years",
                                      "what is termination pay in ontario"])
def test_ontario_s_termination_pay_is_its_notice_paid(factbase, question):
    """Trial 46 (a wrong answer): "Ontario termination pay 5 years service how many weeks" got the ESA's severance
    pay, whose own claim says it "is separate from termination pay": the lexicon read "termination pay" as
    severance, though in Ontario it is pay instead of notice (ca-on-notice-of-termination: "written notice of
    termination, termination pay in lieu, or a combination")."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == "ca-on-notice-of-termination", answer.fact_ids


def test_a_period_asked_of_a_duty_whose_rule_states_none_is_told_by_the_rule_that_does(factbase):
    """Trial 46 (a wrong answer): "EU collective redundancies — how many days before must the authority be notified?"
    got the notification rule, which states no period; the directive's 30 days run from that notification, in another
    rule. A period asked where no rule of the topic states one is answered by the law's rule that states a period and
    speaks of all that is asked."""
    answer, _ = factbase.ask("eu mass layoffs: how many days before the cuts must the authority get notified")
    assert answer.answered and answer.fact_ids[0] == "eu-30-day-waiting-period", answer.fact_ids


@pytest.mark.parametrize("thread", [
    ("notice period in the uk after 3 years?", "and if i worked in manila instead?"),
    ("notice period in the uk after 3 years?", "what if i was working in bangkok instead?"),
    ("德国被裁有补偿吗", "那在雅加达工作呢？"),
])
def test_a_city_abroad_is_not_the_talk_s_country(factbase, thread):
    """blind20 (a wrong-country answer): "and if i worked in kuala lumpur instead?" after Singapore's notice periods
    got Singapore's rule again (Manila got the UK's rule on lay-offs): a city abroad was no place the base knew, so the
    talk's country stayed. The largest cities of countries without rules (bot/data/places/abroad.csv, from GeoNames)
    name their country, whose law the base lacks."""
    answers = ask_thread(factbase, *thread)
    assert not answers[-1].answered and answers[-1].confidence == 0.0, answers[-1].fact_ids


def test_a_city_abroad_is_named_as_its_country_in_a_decline(factbase):
    answer, _ = factbase.ask("in kuala lumpur, how much notice must an employer give?")
    assert not answer.answered and "Malaysia" in answer.text


def test_cities_abroad_are_of_countries_without_rules_only():
    # (a city of a country some of whose law the base holds is its jurisdiction's, or its region's: cities.csv)
    from bot.retrieval import _cities, cities_abroad

    abroad = cities_abroad()
    assert abroad["kuala lumpur"] == "MY" and abroad["吉隆坡"] == "MY"
    assert not set(abroad) & set(_cities()) and not {"US", "CA", "GB"} & set(abroad.values())


def test_how_those_cut_took_it_is_told_by_their_accounts(factbase):
    """blind20: "zoom 2023 layoffs - how did the people affected take it?" got how the cuts were made: how those cut
    took it (took the news, coped with it) is their reaction, which the layoff's accounts tell (not "how did the
    company handle the layoffs", its process)."""
    answer, _ = factbase.ask("how did byjus staff take the news")
    assert answer.answered and answer.fact_ids[0] == "byjus-layoff-2022-accounts", answer.fact_ids
    answer, _ = factbase.ask("how did the company handle the layoffs at meta")
    assert not answer.answered or factbase.index.documents[answer.fact_ids[0]].topic != "layoff-accounts"


@pytest.mark.parametrize("thread, companies", [
    (("Grab 2023年裁了多少人", "跟2020年那次比，哪次裁得多？"), ("grab",)),
    (("meta 2023年裁了多少人", "和2022年那次比，哪次多？"), ("meta",)),
])
def test_another_year_set_against_the_talk_s_round_in_chinese_compares_them(factbase, thread, companies):
    """blind20: "同2020年嗰次比，邊次裁得多啲？" after Grab's 2023 round declined, and "跟2020年那次比，哪次裁得多？"
    got a ranking of 2020's WARN notices (a wrong answer): only 比较/对比/相比 said a comparison in Chinese, not
    "跟/同/和 X 比" or "哪次…多". The company talked about's two years are set side by side, as "was that more
    than 2020?" sets them."""
    answers = ask_thread(factbase, *thread)
    view = answers[-1].view
    assert view is not None and view.kind == "comparison", answers[-1].fact_ids
    assert tuple(view.company_ids) == companies


@pytest.mark.parametrize("question, fact", [
    ("what exactly did twitter tell the staff it cut in november 2022", "twitter-layoff-2022-11-process"),
    ("salesforce cut 10% in jan 2023, what did benioff tell employees", "salesforce-layoff-2023-01-process"),
])
def test_what_staff_were_told_is_told_by_the_round_s_process(factbase, question, fact):
    """dev, blind2, blind7, blind10 (wrong answers): "the better.com CEO who fired 900 people over zoom - what exactly
    did he tell them?" got the round's size, whose words name the round (and say "on a Zoom call"). What those cut were
    told ("what did he tell them", "say to them", "say on the call") is how they learnt of it, which the round's
    process tells where a fact of it says how."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == fact, answer.fact_ids


def test_shi_shenme_before_a_noun_asks_which_one_not_a_meaning(factbase):
    """blind13 (a wrong answer): "京东22年3月被裁的人拿的是什么补偿？" (what compensation did those cut get?) got JD's
    profile: 是什么 made it a definition question. 是什么 before a noun (是什么补偿, 是什么原因) asks which one; a
    meaning is asked by "X是什么" or "是什么意思"."""
    answer, _ = factbase.ask("滴滴2022年被裁的员工拿的是什么补偿")
    assert answer.answered and answer.fact_ids[0] == "didi-layoff-2022-process", answer.fact_ids
    answer, _ = factbase.ask("996是什么")
    assert answer.answered and answer.fact_ids[0] == "glossary-996", answer.fact_ids


@pytest.mark.parametrize("thread, company", [
    (("how many did microsoft cut in january 2023", "how many were in india?"), "microsoft"),
    (("zoom 2023 layoffs", "how many people in the uk?"), "zoom"),
])
def test_a_headcount_asked_of_a_country_after_a_round_is_the_company_s_there(factbase, thread, company):
    """blind21 (a wrong-entity answer): "how many were in australia?" after Atlassian's 2025 round got Australia's
    redundancy pay scale, and the next turn ("what did they give people in the 2023 round?") got it again. A headcount
    asked of a place after a company's round is asked of the company's staff there, as "how many of those in
    germany?" is: the company stays a candidate beside the place, and the ranker picks by topic."""
    answers = ask_thread(factbase, *thread)
    assert answers[-1].answered and entities(factbase, answers[-1]) == {company}, answers[-1].fact_ids


@pytest.mark.parametrize("question, fact", [
    ("裁员时哪些人公司必须留下", "cn-mass-layoff-priority-retention"),
    ("经济性裁员哪些人公司不能裁", "cn-protected-employees"),
])
def test_which_people_is_no_list_of_companies(factbase, question, fact):
    """blind21 (a wrong answer at confidence 1.0): "裁员的时候哪些人公司应该优先留下？" (whom must a company keep?) got
    a list of layoffs: 哪些 within six characters of 公司 read as "which companies", though 哪些人 asks which people
    and 公司 is the subject that follows."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == fact, answer.fact_ids


def test_the_word_quoted_in_a_meaning_question_is_the_one_asked(factbase):
    """blind21 (a wrong answer): '公司HR说我"毕业"了，这是什么意思？' got what "optimisation" means: BM25 reads only a
    Chinese question's Latin words ("hr", which the optimisation entry's phrasings use). A word the asker quotes
    ("…", “…”, 「…」) in a question of meaning is the one asked about."""
    answer, _ = factbase.ask('HR发邮件说我"毕业"了，这是什么意思')
    assert answer.answered and answer.fact_ids[0] == "glossary-graduation-biye", answer.fact_ids


def test_a_pay_word_inside_a_name_is_no_pay_word():
    """blind21: "大众裁员每人补偿多少钱？" (what did each Volkswagen worker get?) was answered with the round's size,
    whose claim says nothing of pay: "wage" was found inside "Volkswagen", so the fact passed for one that speaks
    of pay."""
    from bot.lexicon import PAY_WORDS

    assert not PAY_WORDS.search("Volkswagen will cut 35,000 jobs in Germany")
    assert PAY_WORDS.search("four weeks' wages") and PAY_WORDS.search("a wage top-up")


@pytest.mark.parametrize("question, rounds", [
    ("total meta layoffs from nov 2022 through mar 2023", 2),
    ("add up google's job cuts between january 2023 and january 2024", 2),
])
def test_a_span_of_months_is_summed_over_its_rounds(factbase, question, rounds):
    """blind21: "Add up all the Amazon job cuts announced from Nov 2022 through Jan 2026" got one round's fact:
    a span of years was read ("from 2022 to 2024"), not one of months, and its month names counted as words only a
    company's facts could answer. The months from the first to the last are the period, whole."""
    answers = ask_thread(factbase, question)
    view = answers[-1].view
    assert view is not None and view.kind == "total" and len(answers[-1].fact_ids) == rounds, answers[-1].fact_ids


def test_an_age_agrees_only_with_a_range_of_ages():
    """Trial 47: "I'm 52, worked for a company in Toronto for 12 years … What am I owed?" got Ontario's rule for 50 or
    more employees terminated at once: once "41 or over" became a range (the UK's age bands), an age agreed with any
    range of people that held it. An age ("i'm 52", "aged 45", "35岁") agrees only with a range of ages."""
    from bot.analysis import figures_of_age
    from bot.features import _figure_agrees
    from bot.retrieval import _ranges_in
    from bot.text import normalize

    assert figures_of_age(normalize("I'm 52, worked 12 years")) == {"52"}
    assert figures_of_age(normalize("我今年35岁")) == {"35"} and not figures_of_age(normalize("im 50 employees"))
    people = _ranges_in("terminates 50 or more employees at an establishment")
    ages = _ranges_in("one and a half weeks' pay for years aged 41 or over, half a week under age 22")
    assert not _figure_agrees("52", {}, people, set(), set(), 2.0)
    assert _figure_agrees("52", {}, ages, set(), set(), 2.0) and not _figure_agrees("52", {}, ages, set(), set(), 0.0)


@pytest.mark.parametrize("thread, years", [
    (("salesforce layoffs 2023 how many", "and in 2024?", "which was bigger?"), (2023, 2024)),
    (("how many did meta lay off in 2022", "what about 2023?", "which one was larger?"), (2022, 2023)),
])
def test_which_was_bigger_after_two_years_of_one_company_compares_them(factbase, thread, years):
    """blind21: "which was bigger?" after Salesforce's 2025 support cuts, then its January 2023 round, declined:
    "which was bigger?" set two companies against each other ("and eBay?" after PayPal), never two years of one.
    The year the talk was about before it moved to another year of the same company is kept, as the company was."""
    answers = ask_thread(factbase, *thread)
    view = answers[-1].view
    assert view is not None and view.kind == "comparison" and tuple(view.years) == years, answers[-1].fact_ids


@pytest.mark.parametrize("question", ["what's the weather like in berlin currently",
                                      "how is the weather in tokyo at the moment"])
def test_now_and_a_place_of_something_the_base_never_speaks_of_is_no_latest_layoffs(factbase, question):
    """Found probing blind21's declines (wrong answers at confidence 1.0): "what's the weather like in paris currently"
    got "no layoffs are recorded in France", Berlin's and Tokyo's the latest layoffs there: a word of now and a place
    made a view of the latest layoffs, with no layoff word. Without one, a word the base never uses (weather) says
    the question is about something else."""
    answer, _ = factbase.ask(question)
    assert not answer.answered, answer.fact_ids
    answer, _ = factbase.ask("latest in germany?")
    assert answer.answered and answer.view is not None and answer.view.kind == "latest"


def test_the_same_case_elsewhere_asks_the_talk_s_question_there(factbase):
    """blind21: "what about our belfast site, same numbers?" after a UK consultation question was declined: "same
    numbers" (same situation, same case) sets the talk's question in the other place, as "same question for NY"
    does; its words ask nothing of their own."""
    answers = ask_thread(factbase, "how much notice must a german employer give after 5 years?",
                         "and in the netherlands, same situation?")
    assert answers[-1].answered and answers[-1].fact_ids[0] == "nl-notice-period", answers[-1].fact_ids


def test_a_pay_cut_is_no_pay_on_the_way_out():
    """blind21 (a wrong answer): "大众裁员每人补偿多少钱？" (what did each Volkswagen worker get?) got the fact that
    Volkswagen had threatened to "cut pay": a pay cut, or a pay freeze, says nothing of what those cut were paid."""
    from bot.lexicon import PAY_WORDS

    assert not PAY_WORDS.search("Volkswagen threatened to cut pay")
    assert not PAY_WORDS.search("pay cuts and a pay freeze")
    assert PAY_WORDS.search("they were paid two weeks' pay per year")


@pytest.mark.parametrize("question", ["can my japanese employer simply pay me off to end my job?",
                                      "can a company in japan fire someone just by paying them?"])
def test_a_dismissal_bought_asks_the_law_s_protection_from_dismissal(factbase, question):
    """blind12, blind21: "In Japan, can a company end someone's employment just by handing them a payout?" and
    "日本公司可以直接给钱就把我解雇吗？" were declined, read as severance questions: whether money buys a dismissal asks
    the law's protection from dismissal (Japan: no dismissal without objectively reasonable grounds), not the
    payment."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == "jp-abusive-dismissal-rule", answer.fact_ids


@pytest.mark.parametrize("question", ["why were google's european staff told after the americans in 2023?",
                                      "谷歌2023年裁员，为什么美国以外的员工更晚知道？"])
def test_why_some_learnt_later_asks_how_they_were_told(factbase, question):
    """blind17, blind19, blind21: "Why did Google employees outside the US find out about the Jan 2023 layoffs later
    than the Americans?" got the round's reasons: a "why" (or "who") about learning of a layoff ("why did X find out
    later", "who found out first") asks how people were told, the round's process, not why it was made."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == "alphabet-layoff-2023-01-process", answer.fact_ids


def test_how_a_company_s_staff_in_a_place_learnt_of_it_keeps_the_company(factbase):
    """blind7: "why did ppl outside the us hear later than americans" after Google's January 2023 round was answered
    (once the "why" was read as how they were told) with a US WARN rule, a wrong-entity answer; "how did staff in the
    uk find out" after it declined. How the company's staff in a place learnt of its round is asked of the company:
    it stays a candidate beside the place, as for "how many of those in germany?"."""
    answers = ask_thread(factbase, "google laid off 12,000 in january 2023", "how did the workers in the uk find out?")
    assert answers[-1].answered and answers[-1].fact_ids[0] == "alphabet-layoff-2023-01-process", answers[-1].fact_ids


@pytest.mark.parametrize("thread, fact", [
    (("京东2022年裁了多少人", "N+1的那个1是法律上哪一条规定的？"), "cn-n-plus-1"),
    (("阿里巴巴2023年裁了多少人", "法律上补偿怎么算？"), "cn-severance-amount"),
])
def test_the_law_asked_after_a_company_s_round_is_the_law_s(factbase, thread, fact):
    """blind22 (two wrong-entity answers): "N+1里的那个+1在法律上是怎么来的？" (where does the +1 come from in law?)
    after Xiaohongshu's 2022 round got Xiaohongshu's package, and "如果公司违法辞退呢，能拿多少？" next got its peers'
    layoffs. What the law says is asked of the law, which no company's facts state (in Chinese, naming no place:
    China's, as asked alone); "was it legal?", pointing back at the round, still asks of the round."""
    answers = ask_thread(factbase, *thread)
    assert answers[-1].answered and answers[-1].fact_ids[0] == fact, answers[-1].fact_ids


@pytest.mark.parametrize("thread, company", [
    (("how many did meta lay off in 2023", "what is the warn act notice period", "why did they cut?"), "meta"),
    (("阿里巴巴2023年裁了多少人", "法律上补偿怎么算？", "他们为什么裁员？"), "alibaba"),
])
def test_they_after_a_law_s_turn_are_the_company_talked_of_before(factbase, thread, company):
    """blind22: "他们当时为什么要裁员？" (why did they cut?) after two turns about China's law that followed
    Xiaohongshu's round got a penalty rule of the law. "They" who cut are the company's people the talk was about
    before it turned to a law (`Conversation.company_ids`); no law's facts give a layoff's reasons."""
    answers = ask_thread(factbase, *thread)
    assert answers[-1].answered and entities(factbase, answers[-1]) == {company}, answers[-1].fact_ids


@pytest.mark.parametrize("question, fact", [
    ("what notice must an ontario employer give in a mass termination?", "ca-on-mass-termination-notice"),
    ("which public body has to be told in writing about planned mass redundancies under eu law?",
     "eu-notification-public-authority"),
])
def test_a_mass_layoff_s_notice_is_its_own_notice_rule_where_the_law_has_one(factbase, question, fact):
    """Trial 48 (a wrong answer): "What notice is required for a mass termination in Ontario?" got the Form 1 filing
    with the Director, not the 8 to 16 weeks owed. A mass layoff's notice counts notifying the authority or consulting
    as the notice only where the law has no notice rule of its own for a mass layoff (the UK, Germany); whom it must
    be told to ("which public body?") is still the authority notified."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == fact, answer.fact_ids


@pytest.mark.parametrize("question, fact", [
    ("My hours were cut to ten a week for eight months. Does WARN count that as an employment loss?",
     "us-warn-employment-loss"),
    ("I've worked 3 years at a plant in California and we were let go with no notice in a 200-person layoff. What "
     "am I owed?", "us-ca-warn-penalties"),
])
def test_an_everyday_word_opening_a_later_sentence_is_no_name(factbase, question, fact):
    """Trial 48, blind12: "I've worked 3 years at a company in California and was laid off with no notice as part of a
    200-person layoff. What am I entitled to?" was declined as a question about an employer's WARN notices: "What",
    capitalised as it opens the second sentence, counted as a name the base lacks, as it does not at the question's
    start."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == fact, answer.fact_ids


@pytest.mark.parametrize("question", [
    "Our employer in Houston is laying off 200 people at one site next month. Is that a mass layoff under the WARN "
    "Act?",
    "Our office in Denver is cutting 120 of its 400 staff. Does that count as a mass layoff under WARN?",
])
def test_a_city_the_base_knows_is_no_employer(factbase, question):
    """blind22: "Our company in Austin, Texas is laying off 150 of the 500 people at our site. Is that a mass layoff
    under federal WARN?" was declined as a question about the WARN notices of an employer called Austin: a city the
    base knows as a place of a law (bot/data/places/cities.csv) is where the asker works, not an employer."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == "us-warn-mass-layoff", answer.fact_ids


@pytest.mark.parametrize("question", [
    "在日本还在试用期就被辞退了，公司需要提前30天通知我吗",
    "I'm still on probation at a company in Japan and got fired. Am I owed 30 days' notice?",
])
def test_whether_a_kind_of_worker_is_owed_a_duty_asks_the_law_s_exceptions_too(factbase, question):
    """blind22 (a wrong answer): "日本试用期的员工被解雇，公司也要提前30天通知吗？" (must a worker on probation get
    30 days' notice?) got the 30 days' rule, not its exceptions (probation, day labourers, seasonal and short
    fixed-term work). Whether a kind of worker some laws leave out is owed a payment or a duty asks the law's coverage
    as well as the duty, as "am I eligible" does."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == "jp-notice-exclusions", answer.fact_ids


@pytest.mark.parametrize("question", ["亚马逊的老板是谁", "who runs amazon?"])
def test_a_company_running_a_business_names_no_leader(factbase, question):
    """Trial 49 (a wrong answer): "谁是亚马逊的CEO？" got Amazon's profile, which names no one: it says Amazon "also
    runs Amazon Web Services", and "runs" counted as naming who leads it. Who leads a company is told only by a fact
    that names a leader (CEO, founder, chairman, run by, led by); else the bot declines."""
    answer, _ = factbase.ask(question)
    assert "amazon-profile" not in answer.fact_ids, answer.fact_ids


@pytest.mark.parametrize("thread, company", [
    (("how many did microsoft cut in january 2023", "印度有多少人受影响？"), "microsoft"),
    (("atlassian layoffs 2025", "澳洲有多少人受影响？"), "atlassian"),
])
def test_a_headcount_of_a_place_asked_in_chinese_after_a_round_is_the_company_s(factbase, thread, company):
    """Trial 49 (a wrong answer): "德国有多少人受影响？" (how many were affected in Germany?) after SAP's 2024 round got
    Germany's mass-dismissal thresholds. A headcount asked of a place after a company's round, with what happened to
    them (受影响, 被裁), is asked of the company's round there, as "德国有多少" and "how many in germany?" are."""
    answers = ask_thread(factbase, *thread)
    assert answers[-1].answered and entities(factbase, answers[-1]) == {company}, answers[-1].fact_ids


@pytest.mark.parametrize("question", [
    "can a company in china fire someone for a serious violation of its rules without paying any severance?",
    "因严重违反公司规章制度被解除劳动合同，公司还要给补偿吗？",
])
def test_a_dismissal_for_the_worker_s_fault_asks_the_law_s_rule_on_it(factbase, question):
    """blind12, blind22 (wrong answers): "If a Chinese employer fires someone for seriously breaching its rules, does it
    still owe severance?" got the termination certificate's timing, and "公司说我严重违反规章制度…一分补偿都不给，
    这样合法吗" when severance is owed. A dismissal for the worker's own fault asks the law's rule on such dismissals
    (China's article 39, filed under notice), which says what is not owed then, as well as the payment's own rules."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == "cn-dismissal-for-fault-article-39", answer.fact_ids


def test_a_duty_a_law_files_under_no_rule_of_its_own_is_asked_of_the_rule_that_says_it(factbase):
    """Trial 49 (a wrong answer), blind12: "韩国经营上解雇需要提前多久通知工会？" (how far ahead must the union be told
    of dismissals for business reasons in Korea?) got the 30 days' notice owed to a worker. Korea's law files no
    consultation rule of its own: the 50 days' consultation with the union is stated by its rule on managerial
    dismissals, which then answers a consultation question as one of its topic would."""
    answers = ask_thread(factbase, "what notice does a korean employer give for a dismissal?",
                         "and how many days ahead must the union be informed for business-reason dismissals?")
    assert answers[-1].answered and answers[-1].fact_ids[0] == "kr-managerial-dismissal-requirements", \
        answers[-1].fact_ids


def test_a_law_s_term_asked_alone_asks_what_the_term_is_about(factbase):
    """Trial 48 (a wrong answer): "经济补偿呢？" (and severance?) got China's article 39, the one dismissal for which no
    severance is owed. A law's own term asked alone (masked as its law's name, so no word of the question was left)
    asks what its words are about, here severance; with nothing else said the bot declines rather than give the
    provision whose claim merely mentions the term."""
    answer, _ = factbase.ask("经济补偿金呢")
    assert not answer.answered or answer.fact_ids[0] in {"cn-severance-when-owed", "cn-severance-amount",
                                                         "cn-n-plus-1"}, answer.fact_ids


@pytest.mark.parametrize("thread, expected", [
    (("how many days notice does california require before a layoff?", "what happens if the employer doesn't?"),
     "us-ca-warn-penalties"),
    (("new york: how much notice before a mass layoff?", "what happens if they don't?"), "us-ny-warn-penalties"),
])
def test_what_happens_if_a_duty_is_left_undone_asks_its_penalties_not_when_something_happens(
        factbase, thread, expected):
    """blind22 (a wrong answer): "what happens if they don't?" after San Francisco's WARN notice got the notice rule
    again, whose claim says when the layoff "happens". With nothing named after the negation, the frame "what happens
    if" only asks what follows; its words are not matched against the facts."""
    answers = ask_thread(factbase, *thread)
    assert answers[-1].answered and answers[-1].fact_ids[0] == expected, answers[-1].fact_ids


@pytest.mark.parametrize("thread, expected", [
    (("must an employer in england tell the government about 30 redundancies?", "and if they fail to?"),
     "uk-hr1-notification"),
    (("does a singapore employer have to inform the ministry of manpower about retrenchments?",
      "what would happen if it didn't?"), "sg-mandatory-retrenchment-notification"),
    (("do korean employers report dismissals for business reasons to the ministry?",
      "what happens if they never do?"), "kr-managerial-dismissal-report"),
])
def test_a_duty_left_undone_is_answered_by_its_own_rule_where_that_rule_states_what_follows(
        factbase, thread, expected):
    """blind19, blind7 (a wrong answer, a decline): "what happens if they dont?" after Singapore's notification to MOM
    got the Employment Assistance Payment, and "what if they dont report" after Korea's report to the ministry was
    declined; each duty's own rule states what follows from leaving it undone (a fine; no invalidity), and England's
    HR1 notice had got the protective award, which is owed for a consultation left undone. What follows from the
    duty just answered is asked of that duty's rule when it says so, and an unnamed duty is the one talked of."""
    answers = ask_thread(factbase, *thread)
    assert answers[-1].answered and answers[-1].fact_ids[0] == expected, answers[-1].fact_ids


@pytest.mark.parametrize("question, expected", [
    ("what is severance in germany nowadays?", {"de-severance-1a-kschg"}),
    ("who can't be made redundant in the uk these days?", None),
    ("what's the protective award in the uk right now?", {"uk-protective-award", "glossary-protective-award"}),
])
def test_a_rule_asked_of_the_present_is_no_view_of_the_latest_layoffs(factbase, question, expected):
    """blind24 (wrong answers): "新加坡现在的最低工资是多少？" (Singapore's minimum wage now) and "the qualifying
    service for unfair dismissal claims in england these days?" got the latest layoffs' view. A word of the present
    ("nowadays", 现在) with a law's rule, a wage or a term asked is no question about the latest rounds; the facts
    answer or the bot declines."""
    answer, _ = factbase.ask(question)
    assert not answer.view, answer.fact_ids
    assert expected is None or (answer.answered and answer.fact_ids[0] in expected), answer.fact_ids



def test_a_phrase_of_the_present_is_no_word_to_match(factbase):
    """blind24: "these days" in "the qualifying service for unfair dismissal claims in england these days?" matched a
    rule about days laid off, and "nowadays", a word the base never uses, made "what is severance in germany
    nowadays?" decline. A phrase that says the time of asking asks nothing of its own: the answer is the one the
    question gets without it."""
    plain, _ = factbase.ask("how much severance do you get in germany?")
    for said in ("how much severance do you get in germany nowadays?", "how much severance do you get in germany "
                 "right now?", "how much severance do you get in germany at the moment?"):
        answer, _ = factbase.ask(said)
        assert answer.answered and answer.fact_ids[:1] == plain.fact_ids[:1], (said, answer.fact_ids, plain.fact_ids)


def test_more_rounds_after_one_are_asked_with_their_size_or_kind_said_between(factbase):
    """blind24 (a wrong answer): "was there another big round after that? when?" after Amazon's October 2025 round got
    its 2023 round. A word saying the size or kind of the rounds asked for ("another major round", "any more big
    cuts") still asks for the company's rounds after the one told, as "another round after that?" does."""
    answers = ask_thread(factbase, "google layoffs january 2023", "was there another major round after that?")
    assert answers[-1].view_kind == "timeline" and answers[-1].fact_ids, answers[-1].fact_ids
    assert all(f.startswith("alphabet-") for f in answers[-1].fact_ids), answers[-1].fact_ids


@pytest.mark.parametrize("question, expected", [
    ("快手2021年底那次走了多少人？", "kuaishou-layoff-2021-12-size"),
    ("2022年腾讯有多少员工离开？", "tencent-layoff-2022-q2-size"),
])
def test_staff_who_left_counted_in_chinese_ask_a_round_s_size(factbase, question, expected):
    """blind24, blind22 (a wrong answer, a miss): "新东方呢，那一年走了多少人" (how many left that year) got New
    Oriental's profile, and "有多少老师被告知要离开？" a low score. Departures counted (走了, 离开, 走人) are a
    round's layoffs, as 裁 and 砍 are."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == expected and answer.confidence > 0.8, \
        (answer.fact_ids, answer.confidence)


@pytest.mark.parametrize("question, plain", [
    ("has stripe had layoffs? i believe they never had any", "has stripe had layoffs?"),
    ("did grab ever cut jobs? i assumed they were always hiring", "did grab ever cut jobs?"),
])
def test_what_the_asker_believed_said_after_the_question_asks_nothing(factbase, question, plain):
    """blind24, blind13 (misses): "has canva ever laid anyone off? i thought they never did" and "did the big chinese
    internet firms actually shrink in 2021-22? i remember the regulator saying they were net hiring" were declined. A
    belief or hearsay said after the question ("i believe...", "i assumed...") asks nothing: the question is answered as
    it is without it, as surely."""
    answer, _ = factbase.ask(question)
    alone, _ = factbase.ask(plain)
    assert answer.answered and answer.fact_ids[:1] == alone.fact_ids[:1], (answer.fact_ids, alone.fact_ids)
    assert answer.confidence >= alone.confidence - 0.1, (answer.confidence, alone.confidence)


@pytest.mark.parametrize("question, expected", [
    ("B站裁员的补偿方案是什么？", "bilibili-layoff-2022-process"),
    ("Shopify裁员的赔偿是什么", "shopify-layoff-2022-process"),
])
def test_what_a_company_s_aspect_is_in_chinese_asks_the_aspect_not_a_word_s_meaning(factbase, question, expected):
    """Trial 50 (a wrong answer): "京东裁员补偿方案是什么？" (what is JD's layoff compensation package?) got JD's
    profile: 是什么 ("what is") was read as asking what a word means. Of a company, with another topic word, it asks
    that aspect of the company's layoffs; what a word means is asked with 意思, 指什么 or "mean"."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == expected, answer.fact_ids


def test_hiring_asked_in_everyday_chinese_is_declined_not_answered_with_a_profile(factbase):
    """Trial 50 (a wrong answer): "美团今年校招招多少人？" (how many graduates is Meituan hiring this year?) got
    Meituan's profile. Campus and experienced hiring (校招, 社招) and taking people on (招人) ask about hiring, as
    招聘 does, which the base holds nothing of for these companies."""
    answer, _ = factbase.ask("快手今年社招多少人？")
    assert not answer.answered, answer.fact_ids


@pytest.mark.parametrize("thread, company, place_word", [
    (("sap layoffs 2024", "and in germany?"), "sap", "germany"),
    (("字节2024年裁员", "德国呢？"), "bytedance", "germany"),
])
def test_a_country_alone_after_a_company_s_round_asks_of_its_staff_there(factbase, thread, company, place_word):
    """Trial 50 (a wrong answer, a miss): "what about in Germany?" after Tesla's 2024 layoffs got Germany's
    mass-dismissal thresholds, and "and in 2022?" next lost Tesla. A country named alone after a company's round asks
    about the company's staff there: a fact of the company's that speaks of the place answers (of any year: ByteDance's
    Berlin round is of 2025), never the country's law."""
    answers = ask_thread(factbase, *thread)
    last = answers[-1]
    assert last.answered and entities(factbase, last) == {company}, last.fact_ids
    fact = factbase.index.documents[last.fact_ids[0]]
    assert place_word in factbase.index.doc_tokens[fact.id] | factbase.index.claim_tokens[fact.id], last.fact_ids


def test_a_country_alone_after_a_round_is_declined_when_no_fact_speaks_of_it_and_the_company_stays(factbase):
    """Trial 50: after "what about in Germany?" (Tesla has no fact about Germany) was declined, "and in 2022?" was
    asked of Germany. With no fact of the company's about the place the bot declines rather than give the place's law,
    and the company stays the subject of the talk."""
    answers = ask_thread(factbase, "meta layoffs 2023", "what about in ireland?", "and in 2022?")
    assert not answers[1].answered, answers[1].fact_ids
    assert answers[2].answered and answers[2].fact_ids[0] == "meta-layoff-2022-11-size", answers[2].fact_ids


def test_an_employer_s_size_said_with_has_or_employs_asks_whether_the_law_covers_it(factbase):
    """blind24 (a wrong answer): "our aussie cafe has 12 staff and needs to let 2 go — do we owe redundancy pay?" got
    Australia's redundancy pay scale, not its small-business exclusion. An employer's size said with "has", "have" or
    "employs" asks whom the payment's rule covers, as "a cafe with 12 staff" does."""
    answer, _ = factbase.ask("my boss runs a bakery in sydney that employs 9 people - if she lets me go does she owe "
                             "redundancy pay?")
    assert answer.answered and answer.fact_ids[0] == "au-redundancy-exclusions-small-business", answer.fact_ids


def test_a_period_after_a_step_told_first_in_the_active_voice_is_the_wait_not_the_step(factbase):
    """blind24 (a wrong answer): "Once an employer has notified the authority of collective redundancies under EU
    rules, how soon can the dismissals take effect?" got the notification rule, not the 30 days' wait that follows
    it. A step told first in the active voice ("once a company has informed the authority, how long must it wait?")
    is when the period asked starts, as "once the authority is notified" is."""
    answer, _ = factbase.ask("once a company has informed the authority of collective redundancies in the eu, how "
                             "long must it wait?")
    assert answer.answered and answer.fact_ids[0] == "eu-30-day-waiting-period", answer.fact_ids


@pytest.mark.parametrize("question, expected", [
    ("how many had meta cut by the end of 2023?", "meta-layoff-2023-03-size"),
    ("how many staff did intel shed by the end of 2024?", "intel-layoff-2024-08-size"),
])
def test_a_past_year_after_by_is_the_time_asked_not_a_plan_s_deadline(factbase, question, expected):
    """blind24 (a wrong answer): "阿里巴巴到2022年底，员工人数比年初缩水了多少？" (by the end of 2022, how much had
    Alibaba's staff shrunk?) lost its year, read as a plan's deadline ("how many by 2030"), and "为什么？" next got
    2023's reason. A year already past after "by" or 到 is the time asked; one to come stays a plan's deadline."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == expected, answer.fact_ids


@pytest.mark.parametrize("question", [
    "list layoffs blamed on AI",
    "which job cuts were due to the pandemic?",
    "show me the layoffs where companies pointed to covid as the reason",
])
def test_rounds_asked_by_their_reason_are_listed_by_it(factbase, question):
    """blind24 (a miss): "list the layoffs where the company pointed to AI as a reason" was declined, and "list layoffs
    blamed on AI" listed the AI industry's rounds (Baidu's only). Rounds asked for by their reason ("blamed on",
    "pointed to", "due to"), as layoffs rather than companies, are the rounds of that reason, as "which companies
    blamed AI?" already got."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.view_kind == "list" and answer.view.reason, (answer.view, answer.fact_ids)
    assert len({f.split("-20")[0] for f in answer.fact_ids}) >= 3, answer.fact_ids


@pytest.mark.parametrize("thread, expected", [
    (("how much notice does a chinese employer have to give before dismissing someone?",
      "and what if they don't give that notice?", "and in hong kong?"), "hk-notice-period"),
    (("how many days notice for a layoff in china?", "what if my employer skips the notice?", "what about japan?"),
     "jp-dismissal-notice-30-days"),
])
def test_a_place_whose_law_has_no_rule_of_the_topic_carried_is_asked_what_the_words_are_about(
        factbase, thread, expected):
    """Trial 50, blind6 (a wrong answer, a miss): "what about Singapore?" after "what if the company doesn't give 30
    days notice?" (China) got Singapore's MOM notification, and "what about japan?" after China's notice left undone
    was declined: neither law files a rule on what follows. A place whose law has no rule of the topic carried is
    asked what the carried words are about (the notice), where it has a rule on that."""
    answers = ask_thread(factbase, *thread)
    assert answers[-1].answered and answers[-1].fact_ids[0] == expected, answers[-1].fact_ids


def test_a_total_asked_month_by_month_in_chinese_with_a_measure_word_is_drawn_by_month(factbase):
    """Trial 51 (a miss): "2024年每个月裁员人数" (layoffs each month of 2024) was declined, while "2024年裁员按月统计"
    got the by-month view. 每个月 and 每一个月 (each month, with the measure word) ask the same as 每月; a wage said
    by the month ("每个月工资2万") is no period asked."""
    answer, _ = factbase.ask("2022年每个月的裁员人数是多少")
    assert answer.answered and answer.view is not None and answer.view.per == "month", answer.view
    wage, _ = factbase.ask("我在这家公司干了每个月工资2万，被裁了能拿多少")
    assert wage.view is None, wage.view


@pytest.mark.parametrize("question, expected", [
    ("no notice period in my contract in japan, how much notice?", "jp-dismissal-notice-30-days"),
    ("there is no notice clause in our employment agreement - how much notice does an irish employer owe?",
     "ie-minimum-notice"),
])
def test_a_contract_with_none_of_it_asks_what_the_law_gives_not_what_follows_a_duty_unmet(
        factbase, question, expected):
    """blind24 (a miss): "no notice period in my singapore contract, 3 yrs in — how much notise do they owe me" was read
    as notice left undone (its penalties) and declined. A contract that has none of it ("no notice period in my
    contract") says nothing, as one that "doesn't say" does: what the law gives then is asked."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == expected, answer.fact_ids


def test_the_same_question_of_another_place_pointing_back_at_those_asked_of_is_asked_again_there(factbase):
    """blind24 (a miss): "and if those 120 were at our Belfast site instead?" after the UK's consultation period for
    120 redundancies was declined: at ten words it was read as a question of its own. Supposing the ones just asked
    of ("those") elsewhere ("instead") asks the same question of that place, however many words it takes."""
    answers = ask_thread(factbase, "how long must consultation run in the uk for 150 redundancies?",
                         "and if those 150 jobs were all in northern ireland instead?")
    assert answers[-1].answered and answers[-1].fact_ids[0] == "uk-ni-consultation-100-plus", answers[-1].fact_ids


def test_when_after_several_rounds_told_gives_their_dates_not_the_whole_answer_again(factbase):
    """Trials 50 and 51: "when was that announced?" and "什么时候？" after a company's rounds of a year repeated the
    whole answer, its total and every WARN notice line. "when?" after several rounds told gets the lead round's
    dated first sentence and the list that dates the others."""
    for thread in (("how many people did amazon lay off in 2023", "when was it announced?"),
                   ("阿里巴巴裁员了多少人？", "啥时候的事？")):
        _told_with_their_dates(factbase, thread)


def _told_with_their_dates(factbase, thread):
    answers = ask_thread(factbase, *thread)
    last = answers[-1]
    assert last.answered and last.fact_ids[0] == answers[0].fact_ids[0], (last.fact_ids, answers[0].fact_ids)
    assert len(last.claims) < len(answers[0].claims), (last.claims, answers[0].claims)
    assert not any("WARN" in claim for claim in last.claims), last.claims
    assert any(re.search(r"20\d\d", claim) for claim in last.claims), last.claims


@pytest.mark.parametrize("question, expected", [
    ("how many staff did grab say they were cutting in 2020?", "grab-layoff-2020-size"),
    ("How many jobs did Accenture say they'd cut back in 2023", "accenture-layoff-2023-03-size"),
])
def test_how_many_a_company_said_it_would_cut_asks_the_figure_not_what_was_said(factbase, question, expected):
    """blind24 (a miss): "…How many jobs did they say they'd cut back in 2023" (Accenture) was read as asking what the
    company said (its accounts) and declined. A count asked of what a company said asks the figure it announced."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == expected, answer.fact_ids


def test_an_ordinal_round_in_chinese_is_no_unknown_company(factbase):
    """blind24 (a miss): "第二轮又裁了多少人？" (how many in the second round?) after ByteDance's 2021 edtech cuts was
    declined: 第二轮 was read as the name of a company the base does not know. An ordinal round (第二次, 第一轮,
    上一轮) is a round of the company talked about, as "the second round" is."""
    answers = ask_thread(factbase, "meta 2022 and 2023 layoffs", "第二次裁了多少？")
    assert answers[-1].answered and answers[-1].fact_ids[0] == "meta-layoff-2023-03-size", answers[-1].fact_ids


def test_a_headcount_of_a_year_is_not_answered_by_a_profile_of_another_year(factbase):
    """blind22 (a wrong answer): "How many employees did Xiaomi have at the end of 2025?" got Xiaomi's profile, whose
    headcount is of September 2022. A headcount asked of a year is answered only by a fact of that year (or one with
    no date); the profile's figure of another year would pass for it."""
    answer, _ = factbase.ask("how many people worked at meituan in 2019?")
    assert not answer.answered or "meituan-profile" not in answer.fact_ids[:1], answer.fact_ids
    plain, _ = factbase.ask("How many employees did Xiaomi have in 2022?")
    assert plain.answered and plain.fact_ids[0] == "xiaomi-profile", plain.fact_ids


def test_a_time_to_come_supposed_in_a_rule_question_is_no_forecast(factbase):
    """blind21 (a miss): "got let go for economic reasons in France — if they rehire next year, do I get priority?" was
    declined as a forecast ("I can't say what will happen"). A time to come inside the asker's supposition ("if ...
    next month") asks the law about their case; a forecast of a company's or a country's layoffs is still declined."""
    answer, _ = factbase.ask("laid off for economic reasons in france. if my old company starts hiring again next "
                             "month, must it offer me the job first?")
    assert answer.answered and answer.fact_ids[0] == "fr-reemployment-priority", answer.fact_ids
    forecast, _ = factbase.ask("will there be layoffs in germany next year?")
    assert not forecast.answered, forecast.fact_ids


@pytest.mark.parametrize("question", ["which China-based companies cut jobs in 2023?",
                                      "list layoffs at Germany-headquartered firms in 2024"])
def test_a_place_joined_to_a_word_is_the_place_not_an_unknown_name(factbase, question):
    """blind21 (a miss): "list the layoffs at Singapore-headquartered companies in 2024" was declined: the capitalised
    "Singapore-headquartered" was read as the name of something the base does not know. A place's name joined to a
    word ("China-based", "Germany-headquartered") is the place, whose rounds the views list."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.view is not None and answer.view.country, (answer.view, answer.fact_ids)


@pytest.mark.parametrize("question, expected", [
    ("why do people in china say graduated instead of laid off?", "glossary-graduation-biye"),
    ("why do chinese firms say optimization instead of layoffs?", "glossary-optimisation-youhua"),
])
def test_why_a_word_is_said_asks_the_word_s_entry_not_a_reason_for_layoffs(factbase, question, expected):
    """blind21 (a miss): "为什么中国大厂都说"优化"不说"裁员"？" (why do big Chinese firms say "optimise", not
    "lay off"?) was declined, and "why do chinese firms say optimization instead of layoffs?" got N+1. Why a word
    is said or what something is called asks the word's entry, not why anyone laid people off ("why did they say
    they were cutting jobs?" still asks a reason)."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == expected, answer.fact_ids


def test_a_word_of_a_capitalised_place_name_is_no_misspelt_company(factbase):
    """blind22 (a wrong answer): "Qualcomm's October 2023 cuts: how many in San Diego vs Santa Clara?" took "Clara" for
    a misspelt Klarna and compared Qualcomm with Klarna; "Any layoffs in Santa Clara County last year?" got a Klarna
    fact, a wrong-entity answer. A word that is a word of its own, capitalised beside another in a name ("Santa
    Clara"), is no company's typo; a slip that is no word ("Amazno Layoffs 2023") still is."""
    answer, _ = factbase.ask("Any layoffs in Santa Clara County last year?")
    assert not entities(factbase, answer) & {"klarna"}, answer.fact_ids
    slip, _ = factbase.ask("Amazno Layoffs 2023")
    assert slip.answered and entities(factbase, slip) == {"amazon"}, slip.fact_ids


def test_a_product_named_as_the_medium_of_a_message_is_not_its_company(factbase):
    """blind24 (a wrong answer): "what exactly did the better.com ceo say on that zoom call where 900 ppl got fired"
    took Zoom, the company, for a subject; "did anyone record the zoom meeting where better.com fired people?" got
    Zoom's own layoffs, a wrong-entity answer (two more over the choice sets). A product named as the medium of a
    message ("a zoom call", "the zoom meeting") says how people were told, not which company is asked about."""
    answer, _ = factbase.ask("did anyone record the zoom meeting where better.com fired people?")
    assert "zoom" not in entities(factbase, answer), answer.fact_ids
    own, _ = factbase.ask("how did zoom tell staff about its layoffs?")
    assert own.answered and entities(factbase, own) == {"zoom"}, own.fact_ids


@pytest.mark.parametrize("question, expected", [
    ("Agoda在新加坡裁掉的客服拿到补偿了吗？", "agoda-layoff-2025-singapore"),
    ("Shopee 2022年在印度裁员，员工拿到遣散费了吗？", "sea-group-layoff-2022-india"),
])
def test_what_a_company_paid_its_staff_in_a_place_is_its_fact_there_not_the_place_s_law(factbase, question, expected):
    """blind22 (a wrong-entity answer, a miss): "Shopee印度2022年3月关站…公司给遣散费了吗？" got India's retrenchment
    compensation, and Agoda's Singapore severance terms were declined. What a company paid the staff it let go in a
    place is told by its fact that speaks of the place, as its headcount there is, not by the place's law."""
    answer, _ = factbase.ask(question)
    assert answer.answered and answer.fact_ids[0] == expected, answer.fact_ids
