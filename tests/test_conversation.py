"""Conversations as people hold them: small talk, follow-ups, and names the base does not know."""

import pytest

META = "How many people did Meta lay off in 2023?"


def entities_of(factbase, answer):
    return {factbase.index.documents[f].entity_id for f in answer.fact_ids}


# (Walmart was one until its curated file was added; Costco stands for a company the base does not curate.)
@pytest.mark.parametrize("unknown", ["Apple layoffs", "what about Apple?", "and Nvidia?", "Did Costco cut jobs too?"])
def test_an_unknown_company_after_a_known_one_is_not_answered_with_the_known_ones_facts(factbase, unknown):
    answer, conversation = factbase.ask(META)
    assert answer.answered
    follow, _ = factbase.ask(unknown, conversation)
    # Declined, or answered from that employer's own WARN notices (Apple, Walmart): never with Meta's facts.
    assert not follow.answered or (not follow.fact_ids and "WARN notice" in follow.claims[0]
                                   and "Meta" not in follow.text), (unknown, follow.fact_ids)


@pytest.mark.parametrize("small_talk", ["thanks", "thank you!", "ok", "cool", "hi", "hello", "bye", "👍"])
def test_small_talk_never_repeats_facts(factbase, small_talk):
    _, conversation = factbase.ask(META)
    answer, _ = factbase.ask(small_talk, conversation)
    assert not answer.answered
    assert not answer.fact_ids
    assert "I don't have a sourced answer" not in answer.text


def test_greeting_gets_a_greeting_not_an_apology(factbase):
    answer, _ = factbase.ask("hi")
    assert "I don't have a sourced answer" not in answer.text
    assert answer.suggestions


def test_small_talk_keeps_the_conversation(factbase):
    _, conversation = factbase.ask(META)
    _, conversation = factbase.ask("thanks", conversation)
    why, _ = factbase.ask("why?", conversation)
    assert why.answered and entities_of(factbase, why) == {"meta"}


def test_two_companies_in_one_question_get_both(factbase):
    answer, _ = factbase.ask("How many jobs did Amazon and Meta cut?")
    assert answer.answered
    assert entities_of(factbase, answer) == {"amazon", "meta"}


def test_fact_ids_are_never_repeated(factbase):
    for question in [META, "How many jobs did Amazon and Meta cut?", "Why did Meta cut jobs?"]:
        answer, _ = factbase.ask(question)
        assert len(answer.fact_ids) == len(set(answer.fact_ids)), answer.fact_ids


def test_what_is_the_warn_act(factbase):
    answer, _ = factbase.ask("What is the WARN Act?")
    assert answer.answered
    assert entities_of(factbase, answer) <= {"us", None}


def test_a_bare_when_after_several_rounds_is_answered_with_those_rounds_and_the_next_subject_follows(factbase):
    answer, conversation = factbase.ask("How many people did Amazon lay off?")
    assert answer.answered and any(c.startswith("Other rounds:") for c in answer.claims)  # bot.rounds
    when, conversation = factbase.ask("when?", conversation)
    assert when.answered and when.claims == answer.claims  # the rounds just told say when
    other, _ = factbase.ask("and Microsoft?", conversation)
    assert other.answered and entities_of(factbase, other) == {"microsoft"}
    assert all(factbase.index.documents[f].topic.startswith("layoff") for f in other.fact_ids)
