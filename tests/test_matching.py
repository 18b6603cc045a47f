"""Matching on the built-in fact base: aliases, abstention, the wrong-entity guard, follow-ups."""

import pytest

from bot.matching import Conversation

XHS_SIZE = "How many employees did Xiaohongshu lay off?"


def entities_of(factbase, answer):
    return {factbase.index.documents[f].entity_id for f in answer.fact_ids}


def test_xiaohongshu_layoff_size_is_answered_with_figures_and_links(factbase):
    answer, _ = factbase.ask(XHS_SIZE)
    assert answer.answered
    assert entities_of(factbase, answer) == {"xiaohongshu"}
    assert "10%" in answer.text and "9%" in answer.text
    assert answer.citations and all(c.url.startswith("http") for c in answer.citations)
    assert 0 < answer.confidence <= 1


@pytest.mark.parametrize("question", [
    "小红书裁员多少人？",
    "小紅書裁員多少人",
    "How many people did Little Red Book lay off?",
    "how many staff did XHS cut",
    "How many did RED lay off in 2022?",
    "how many employees did xiaohongsu lay off",  # typo
    "ＸＩＡＯＨＯＮＧＳＨＵ layoffs",  # full-width
])
def test_aliases_typos_and_scripts_reach_xiaohongshu(factbase, question):
    answer, _ = factbase.ask(question)
    assert answer.answered, question
    assert entities_of(factbase, answer) == {"xiaohongshu"}


@pytest.mark.parametrize("question", [
    "What's the weather in Paris?",
    "Who won the 2022 World Cup?",
    "",
    "asdkjh qwe zzz",
])
def test_out_of_scope_questions_abstain_with_suggestions(factbase, question):
    answer, _ = factbase.ask(question)
    assert not answer.answered
    assert answer.text.startswith("I don't have a sourced answer")
    assert 1 <= len(answer.suggestions) <= 3


def test_suggestions_are_answerable(factbase):
    answer, _ = factbase.ask("What's the weather in Paris?")
    for suggestion in answer.suggestions:
        assert factbase.ask(suggestion)[0].answered, suggestion


@pytest.mark.parametrize("question", ["华为裁员多少人", "苹果公司的收入是多少"])
def test_suggestions_for_a_chinese_asker_are_in_chinese_and_answerable(factbase, question):
    # Trial 15: "你可以问：- How many people did Accenture lay off?" under a Chinese question
    from bot.retrieval import chinese_phrasing

    answer, _ = factbase.ask(question)
    assert answer.suggestions and all(chinese_phrasing([s]) for s in answer.suggestions), answer.suggestions
    for suggestion in answer.suggestions:
        assert factbase.ask(suggestion)[0].answered, suggestion


def test_unknown_company_is_never_answered_with_another_company(factbase):
    for question in ["How many people did Foocorp lay off?", "How many employees did Zyxwv Ltd cut in 2022?"]:
        answer, _ = factbase.ask(question)
        assert not answer.answered, question


def test_known_company_unknown_aspect_abstains(factbase):
    answer, _ = factbase.ask("What is Xiaohongshu's revenue?")
    assert not answer.answered
    assert "Xiaohongshu" in answer.text  # says it knows the company, not the aspect


def test_follow_ups_keep_entity_and_topic(factbase):
    answer, conversation = factbase.ask(XHS_SIZE)
    assert answer.answered
    why, conversation = factbase.ask("why?", conversation)
    assert why.answered
    assert entities_of(factbase, why) == {"xiaohongshu"}
    assert {factbase.index.documents[f].topic for f in why.fact_ids} == {"layoff-reason"}
    jd, conversation = factbase.ask("and JD.com?", conversation)
    assert jd.answered
    assert entities_of(factbase, jd) == {"jd-com"}


def test_follow_up_does_not_leak_into_an_unknown_company(factbase):
    _, conversation = factbase.ask(XHS_SIZE)
    answer, _ = factbase.ask("How many did Foocorp lay off?", conversation)
    assert not answer.answered


def test_law_questions_stay_in_their_jurisdiction(factbase):
    us, _ = factbase.ask("How much notice must a US employer give before a mass layoff?")
    assert us.answered
    assert entities_of(factbase, us) <= {"us"}
    cn, _ = factbase.ask("How much severance does Chinese law require for layoffs?")
    assert cn.answered
    assert entities_of(factbase, cn) <= {"cn"}


def test_law_question_for_unknown_country_abstains(factbase):
    answer, _ = factbase.ask("How much notice must an employer give before a mass layoff in Brazil?")
    assert not answer.answered


def test_reset_conversation_forgets(factbase):
    _, conversation = factbase.ask(XHS_SIZE)
    answer, _ = factbase.ask("why?", Conversation())
    assert not answer.answered


@pytest.mark.parametrize("question, entity", [
    ("how many ppl did amazn lay off in 2023", "amazon"),  # typo; lowercase "in" is not India
    ("How many SAP jobs will go in Germany?", "sap"),  # a place in a company question is no second entity
    ("Is TikTok cutting UK moderators in London?", "bytedance"),
])
def test_everyday_words_and_places_do_not_pull_in_another_entity(factbase, question, entity):
    answer, _ = factbase.ask(question)
    assert answer.answered, question
    assert entities_of(factbase, answer) == {entity}


def test_follow_up_naming_a_new_company_keeps_the_year(factbase):
    _, conversation = factbase.ask("How many did Google lay off in 2023?")
    answer, _ = factbase.ask("what about Microsoft?", conversation)
    assert answer.answered
    assert entities_of(factbase, answer) == {"microsoft"}
    assert {factbase.index.documents[f].as_of[:4] for f in answer.fact_ids} == {"2023"}


@pytest.mark.parametrize("question", [
    "Did Pinduoduo lay off staff?",  # named only inside another fact's claim
    "What's 2+2?",
    "How many people did Ant Group lay off?",  # a known company with no layoff fact
    "How many people did Zoom lay off in 2021?",  # a known company, a year it had none
])
def test_questions_the_base_cannot_answer_abstain(factbase, question):
    answer, _ = factbase.ask(question)
    assert not answer.answered, (question, answer.fact_ids)


def test_fuzzy_lookup_scans_only_plausible_names():
    from bot.matching import FuzzyLookup

    lookup = FuzzyLookup(["coinbase", "coinbase global", "cisco", "peloton", "xiaohongshu"])
    assert lookup.best("coinbsae", 85)[0] == "coinbase"
    assert lookup.best("peleton", 85)[0] == "peloton"
    assert lookup.best("oinbase", 85) is None  # a typo in the first letter is not looked for
    assert lookup.best("zzzzzz", 85) is None
    assert len(lookup) == 5


# An entity-less FAQ, shaped like the HINT3 bots (benchmarks/hint3.py): every fact is an intent.
MATTRESS_FAQ = {
    "cod": ("Do you offer cash on delivery?", "Can I pay cash when the mattress is delivered?", "Is COD available?"),
    "emi": ("Can I buy the mattress on EMI?", "Do you have monthly instalment plans?",
            "Is EMI available on credit cards?"),
    "trial": ("What is the 100 night trial?", "Can I return the mattress after trying it?",
              "How does the free trial work?"),
    "warranty": ("What warranty do you give on the mattress?", "How many years of warranty?",
                 "Is the warranty available on pillows?"),
}


@pytest.fixture(scope="module")
def faq_index():
    from bot.matching import Document, FactIndex

    documents = [Document(fact_id, "fact", None, "definition", None, "", questions, ())
                 for fact_id, questions in MATTRESS_FAQ.items()]
    return FactIndex.build(documents, [], [])


@pytest.mark.parametrize("question, fact_id", [
    ("can i pay cash on delivery", "cod"),
    ("do you have emi on credit card", "emi"),
    ("how many years warranty on the mattress", "warranty"),
    ("return mattress after trying", "trial"),
])
def test_faq_questions_sharing_a_facts_words_are_answered(faq_index, question, fact_id):
    from bot.matching import match_question

    match = match_question(faq_index, question)
    assert match.answered, (question, match.confidence)
    assert [d.id for d in match.documents] == [fact_id]


@pytest.mark.parametrize("question", [
    "is it available",  # words several facts use, nothing that picks one
    "Is it available",
    "it is not working",
    "available",
    "mattress",  # the word every fact is about
    "do you sell sofas and chairs",  # words the FAQ never uses
    "weather in paris tomorrow",
])
def test_faq_questions_of_only_common_or_unknown_words_abstain(faq_index, question):
    """(Marked to fail until the general ranker decided FAQ questions: it declines them now.)"""
    from bot.matching import match_question

    match = match_question(faq_index, question)
    assert not match.answered, (question, [d.id for d in match.documents], match.confidence)


