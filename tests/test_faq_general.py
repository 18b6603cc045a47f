"""Imported FAQ bases: general questions are ranked and decided by the shipped general ranker
(bot/data/ranker-general.json), `kb calibrate` refuses what it cannot fit, and the built-in layoff
base is unchanged. Each base is a real SQLite file filled by the real FAQ importer."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from bot.fitting import CalibrationError, calibrate_general
from bot.matching import match_question
from bot.ranking import default_params, general_params

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))  # faq_common: the import as deployed

SOURCE = {"source_url": "https://intranet.example.com/hr-faq", "source_title": "Acme HR FAQ",
          "published": "2026-11-01"}
# (id, phrasings, answer): an HR help desk's FAQ, one row per phrasing.
FAQ = [
    ("parking", ["Can I keep my parking badge after I leave?"], "Parking badges stay active for 30 days."),
    ("laptop", ["Do I have to return my laptop?"], "Laptops go back to IT on your last day."),
    ("payslip", ["Where can I find my last payslip?"], "Payslips stay on the payroll portal for a year."),
    ("symptoms", ["What are the symptoms of burnout?"], "Exhaustion, distance from work and reduced efficacy."),
    ("pension", ["What happens to my pension?"], "Your pension pot stays yours and can be transferred."),
    ("reference", ["Will the company give me a reference letter?"], "HR writes a reference letter on request."),
    ("holiday", ["Is unused holiday paid out?"], "Unused holiday is paid with your final salary."),
    ("email", ["How long does my email account stay open?"], "Email accounts close on your last day."),
    ("health", ["Does my health insurance continue?"], "Health cover continues to the end of the month."),
    ("shares", ["What happens to my unvested shares?"], "Unvested shares lapse when employment ends."),
    ("training", ["Can I get paid training for a new job?"], "A training budget of 1,000 euros is offered."),
    ("counselling", ["Is there free counselling?"], "Six free counselling sessions are offered."),
    ("bonus", ["Do I still get my annual bonus?"], "The bonus is paid pro rata to your leaving date."),
    ("desk", ["When must I clear my desk?"], "Desks must be cleared by your last working day."),
]


def import_faq(faq: list[tuple[str, list[str], str]]):
    """A base holding nothing but `faq` (id, phrasings, answer), imported as `kb import --format faq`
    does (one row per phrasing); its index."""
    from faq_common import Faq, engine_index_via_import

    return engine_index_via_import([Faq(fact_id, tuple(questions), answer) for fact_id, questions, answer in faq],
                                   **SOURCE)


@pytest.fixture(scope="module")
def faq_index():
    return import_faq(FAQ)


def test_a_shipped_general_ranker_is_fitted_data():
    params = general_params()
    assert params is not None and "hint3.py --fit-general" in params.fitted_by
    assert params.weights != default_params().weights


@pytest.mark.parametrize("question, fact_id", [
    ("symptoms?", "symptoms"),  # one content word: the general decision takes it
    ("pension", "pension"),
    ("must I return my laptop?", "laptop"),
    ("unused holiday", "holiday"),
    ("when do I clear my desk", "desk"),
    # Paraphrases the general ranker declined when 56% of its fitting questions were out of scope
    # (benchmarks/hint3.py general_sets): it had learned that a question is probably unanswerable.
    ("Will I be paid for holiday I did not take?", "holiday"),
    ("what about my pension pot", "pension"),
])
def test_general_questions_on_an_faq_base_are_answered(faq_index, question, fact_id):
    match = match_question(faq_index, question)
    assert match.answered, (question, match.confidence)
    assert [d.id for d in match.documents] == [fact_id]


@pytest.mark.parametrize("question", ["What is the capital of France?", "weather in paris tomorrow", "why?",
                                      "how do I reset my password", "Can I bring my dog to work?"])
def test_a_question_no_entry_answers_is_declined(faq_index, question):
    match = match_question(faq_index, question)
    assert not match.answered, (question, [d.id for d in match.documents], match.confidence)


def test_the_general_fit_asks_out_of_scope_questions_at_the_in_scope_rate(monkeypatch):
    """A fifth of the intents are left out per fold, so about a fifth of the fitting questions are out of
    scope: every sentence is asked at one rate, whether its intent is kept or left out."""
    import hint3

    sentences = {f"intent {n}": [f"how do I order thing {n} in colour {k}" for k in range(10)] for n in range(10)}
    monkeypatch.setattr(hint3, "read_train", lambda bot: sentences)
    monkeypatch.setattr(hint3, "BOTS", ("synthetic",))
    train, dev = hint3.general_sets()
    items = [item for _, questions in train + dev for item in questions]
    outside = sum(not item.expected for item in items)
    assert 0.15 <= outside / len(items) <= 0.25, (outside, len(items))


def test_calibrate_refuses_a_base_of_one_phrasing_per_entry(faq_index):
    with pytest.raises(CalibrationError, match="second phrasing"):
        calibrate_general(faq_index)


def test_calibrate_chooses_only_the_threshold_with_few_second_phrasings():
    second = {"parking": "Does my car park pass still work once I have left?",
              "laptop": "When do I hand back my company notebook?",
              "payslip": "How do I download an old salary statement?",
              "pension": "Is my retirement savings plan kept?",
              "holiday": "Do I get money for vacation days I did not use?",
              "bonus": "Will the yearly bonus still be paid?"}
    index = import_faq([(i, q + ([second[i]] if i in second else []), a) for i, q, a in FAQ])
    params = calibrate_general(index)
    shipped = general_params()
    assert params.weights == shipped.weights and params.decision_weights == shipped.decision_weights
    assert "threshold only" in params.fitted_by and params.scores["second_phrasings"] == len(second)


@pytest.mark.parametrize("question", ["how long?", "available", "What is a WARN notice?",
                                      "How many did Meta lay off?"])
def test_the_layoff_base_keeps_its_own_ranker(factbase, question):
    index = factbase.index
    assert "faq" not in index.by_topic
    shipped = match_question(index, question)
    explicit = match_question(index, question, params=default_params())
    assert (shipped.answered, shipped.confidence, shipped.documents) == \
        (explicit.answered, explicit.confidence, explicit.documents)
    if question in ("how long?", "available"):
        assert not shipped.answered


def test_each_faq_benchmark_reports_with_a_ranker_fitted_without_its_queries():
    """Leave-one-dataset-out (benchmarks/general_rankers.py): the file a FAQ benchmark reports with names
    the command that refits it and is fitted on no query of that benchmark; the shipped one on all."""
    import general_rankers

    for name in general_rankers.FAQ_SETS:
        params, path = general_rankers.held_out(name)
        sources = general_rankers.RANKERS[general_rankers.FITTED / Path(path).name]
        assert name not in sources and "hint3" in sources
        assert "hint3.py --fit-general" in params.fitted_by
        assert general_rankers.TITLES[name] not in params.fitted_by
        assert all(general_rankers.TITLES[source] in params.fitted_by for source in sources)
    assert all(general_rankers.TITLES[source] in general_params().fitted_by
               for source in ("hint3", "covidfaq", "stackfaq"))


def test_fit_sets_ranks_on_rank_train_alone_and_decides_on_every_set():
    """`rank_train`: the ranker's weights are those fitted on its sets alone; the decision also learns
    from the other train sets' questions."""
    from bot.evaluation import EvalQuestion
    from bot.fitting import GENERAL_TOPIC, fit_sets

    first = import_faq(FAQ[:7])
    second = import_faq(FAQ[7:])
    ask = [("must I return my laptop?", "laptop"), ("where is my payslip", "payslip"),
           ("what about my pension pot", "pension"), ("burnout symptoms", "symptoms"),
           ("can I keep my parking badge", "parking"), ("reference letter please", "reference"),
           ("what is the capital of France", None)]
    other = [("is holiday paid out", "holiday"), ("email account after I leave", "email"),
             ("health insurance after leaving", "health"), ("my unvested shares", "shares"),
             ("paid training for a new job", "training"), ("free counselling", "counselling"),
             ("weather in paris tomorrow", None)]

    def items(pairs):
        return [EvalQuestion(q, (a,) if a else (), category=GENERAL_TOPIC) for q, a in pairs]

    one = (first, items(ask))
    two = (second, items(other))
    alone = fit_sets([one], [one, two], l2_grid=(1.0,))
    both = fit_sets([one, two], [one, two], l2_grid=(1.0,), rank_train=[one])
    assert both.weights == alone.weights
    assert both.decision_weights != alone.decision_weights
    assert both.scores["decision_train_questions"] == len(ask) + len(other)
