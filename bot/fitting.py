"""Fitting the ranker: weights on the train split, the L2 strength and answer threshold on dev.

`layoffbot eval --fit-train tests/eval/train.csv --fit-dev tests/eval/dev.csv` runs `fit_ranker`
and writes `bot/data/ranker.json`; the test split plays no part.

Procedure:
1. Ask every train question through the whole pipeline (threads in order, so follow-ups see the
   conversation) and record each candidate's features, labelled 1 when it is an expected fact.
   Questions labelled `structured:` are views over events, not facts, and are left out.
2. For each L2 strength in `L2_GRID`, fit `LogisticRanker` on those rows, and the decision
   (bot.decision) on the train questions' best candidates (scored by rankers fitted without them
   when `DECISION_FOLDS` >= 2: cross-fitting; dev chose 1, in-sample); ask the dev questions
   with it and choose the threshold on the best candidate's probability that maximises
   `right - WRONG_ANSWER_COST * wrong answers` on dev (a decline costs less than a wrong answer).
3. Keep the best (L2, threshold); repeat steps 1–2 once with it, since conversation states depend
   on what was answered.

Fitting works on numpy arrays: each question's feature rows (plain lists on the answering path,
bot.features) become an array here (`Asked.matrix`).

`fit_sets` runs the same procedure over several bases at once (each question asked of its own
base): `python benchmarks/hint3.py --fit-general` fits the shipped general ranker
(`bot/data/ranker-general.json`) with it; `calibrate_general` fits a base's own (`kb calibrate`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import numpy as np

from . import ranking
from .decision import DECISION_FEATURES, decision_row
from .evaluation import STRUCTURED, EvalQuestion
from .matching import GUARDED, Conversation, FactIndex, match_rank_features, time_agrees

L2_GRID = (0.03, 0.3, 3.0)
THRESHOLD_GRID = tuple(round(0.05 + 0.025 * i, 3) for i in range(37))  # 0.05 .. 0.95
WRONG_ANSWER_COST = 0.5
ROUNDS = 2
DECISION_FOLDS = 1  # cross-fitting folds for the decision's training scores (`_fit_decision`); 1: none (chosen on dev)


QuestionSet = tuple[FactIndex, list[EvalQuestion]]  # questions and the base they are asked of


@dataclass
class Asked:
    item: EvalQuestion
    candidates: list[str]
    matrix: np.ndarray  # (candidates × ranking.FEATURES) float
    question_facts: dict | None  # decision_row's keyword arguments for this question
    best_id: str | None
    best_probability: float


def _fact_items(items: list[EvalQuestion]) -> list[EvalQuestion]:
    return [i for i in items if not any(e.startswith(STRUCTURED) for e in i.expected)]


def ask_all(index: FactIndex, items: list[EvalQuestion], params: ranking.RankerParams) -> list[Asked]:
    """Every question through the pipeline with `params`, threads in order."""
    conversations: dict[str, Conversation] = {}
    out = []
    for item in _fact_items(items):
        conversation = conversations.get(item.thread, Conversation()) if item.thread else Conversation()
        match, scored, (candidates, rows, facts) = match_rank_features(index, item.question, conversation, params)
        matrix = np.array(rows, dtype=float).reshape(len(candidates), len(ranking.FEATURES))
        if item.thread:
            conversations[item.thread] = match.conversation
        allowed = set() if match.reason == GUARDED else _allowed(candidates, matrix)
        best_id = next((doc_id for _, doc_id in scored if doc_id in allowed), None)
        out.append(Asked(item, candidates, matrix, facts, best_id, match.confidence if best_id else 0.0))
    return out


def ask_sets(sets: list[QuestionSet], params: ranking.RankerParams) -> list[Asked]:
    """`ask_all` over several (index, questions) sets, in order."""
    return [asked for index, items in sets for asked in ask_all(index, items, params)]


def _allowed(candidates: list[str], matrix: np.ndarray) -> set[str]:
    return {c for c, ok in zip(candidates, time_agrees(matrix), strict=True) if ok}


def training_rows(asked: list[Asked]) -> tuple[np.ndarray, np.ndarray]:
    matrices, labels = [], []
    for a in asked:
        if len(a.candidates):
            matrices.append(a.matrix)
            labels.append(np.array([float(c in a.item.expected) for c in a.candidates]))
    return np.vstack(matrices), np.concatenate(labels)


def _fold_weights(asked: list[Asked], l2: float, folds: int) -> list[np.ndarray]:
    """For each train question, ranker weights fitted without its fold (`folds` folds of whole threads,
    by order of first appearance): the scores a question gets from a ranker that never saw it."""
    units: dict[str, int] = {}
    fold_of = [units.setdefault(a.item.thread or f"row-{n}", len(units)) % folds for n, a in enumerate(asked)]
    weights = []
    for fold in range(folds):
        matrix, labels = training_rows([a for a, f in zip(asked, fold_of, strict=True) if f != fold])
        weights.append(ranking.LogisticRanker(l2=l2).fit(matrix, labels))
    return [weights[f] for f in fold_of]


def _fit_decision(asked: list[Asked], params: ranking.RankerParams, l2: float,
                  folds: int = DECISION_FOLDS) -> list[float]:
    """Decision weights: P(the ranker's best candidate is right), fitted on the train questions'
    candidates as scored by rankers fitted without them (cross-fitting, `folds` folds). Scored by the
    ranker fitted on them, train questions look surer than new ones do, and the decision learns to
    trust scores that new questions never reach. With `folds` < 2, scored with `params`."""
    rows, labels = [], []
    held_out = _fold_weights(asked, l2, folds) if folds >= 2 else [params.vector()] * len(asked)
    for a, weights in zip(asked, held_out, strict=True):
        if not len(a.candidates) or a.question_facts is None or a.best_id is None:
            continue
        mask = np.array(time_agrees(a.matrix), dtype=bool)  # as the pipeline does: other years cannot be answered
        if not mask.any():
            continue
        logits = a.matrix[mask] @ np.asarray(weights)
        best = [c for c, ok in zip(a.candidates, mask, strict=True) if ok][int(np.argmax(logits))]
        facts = a.question_facts
        if "groups" in facts:  # aligned with the candidates, like the matrix
            facts = {**facts, "groups": [g for g, ok in zip(facts["groups"], mask, strict=True) if ok]}
        row = decision_row(logits, a.matrix[mask], **facts)
        rows.append(row)
        labels.append(float(bool(a.item.expected) and best in a.item.expected))
    weights = ranking.LogisticRanker(l2=l2).fit(np.vstack(rows), np.array(labels))
    return [round(float(w), 5) for w in weights]


def utility(asked: list[Asked], threshold: float) -> tuple[float, int, int]:
    """(utility, right, wrong answers) of answering the best candidate at or above `threshold`."""
    right = wrong = 0
    for a in asked:
        answered = a.best_id is not None and a.best_probability >= threshold
        if a.item.expected:
            correct = answered and a.best_id in a.item.expected
        else:
            correct = not answered
        right += correct
        wrong += answered and not correct
    return right - WRONG_ANSWER_COST * wrong, right, wrong


def fit_ranker(index: FactIndex, train: list[EvalQuestion], dev: list[EvalQuestion], *,
               command: str = "") -> ranking.RankerParams:
    """Fitted parameters (see the module docstring for the procedure)."""
    return fit_sets([(index, train)], [(index, dev)], command=command)


def fit_sets(train: list[QuestionSet], dev: list[QuestionSet], *, command: str = "",
             l2_grid: tuple[float, ...] = L2_GRID,
             rank_train: list[QuestionSet] | None = None) -> ranking.RankerParams:
    """`fit_ranker` over several bases: weights fitted on every train set's questions (each asked of
    its own index), the L2 strength and threshold chosen on the dev sets' together.

    With `rank_train`, the ranker's weights are fitted on those sets' questions alone (`train_rows`
    counts their candidates); the decision on every train set's questions as that ranker scores them,
    and the L2 strength and threshold on dev, as otherwise."""
    params = ranking.PRIOR
    for _ in range(ROUNDS):
        train_asked = ask_sets(train, params)
        ranked = train_asked if rank_train is None else ask_sets(rank_train, params)
        matrix, labels = training_rows(ranked)
        best = None
        for l2 in l2_grid:
            weights = ranking.LogisticRanker(l2=l2).fit(matrix, labels)
            candidate = replace(params, features=list(ranking.FEATURES), weights=[round(float(w), 5) for w in weights],
                                l2=l2)
            candidate = replace(candidate, decision_features=list(DECISION_FEATURES),
                                decision_weights=_fit_decision(train_asked, candidate, l2))
            dev_asked = ask_sets(dev, candidate)
            for threshold in THRESHOLD_GRID:
                score, right, wrong = utility(dev_asked, threshold)
                key = (score, threshold)
                if best is None or key > best[0]:
                    best = (key, replace(candidate, threshold=threshold), right, wrong, len(dev_asked))
        (_, params, right, wrong, total) = best
        params = replace(params, scores={
            "dev_fact_questions": total, "dev_right": right, "dev_wrong_answers": wrong,
            "train_rows": int(len(labels)), "train_positives": int(labels.sum()),
            **({} if rank_train is None else {"decision_train_questions": len(train_asked)}),
        })
    return replace(params, fitted_by=command, fitted_on=dt.date.today().isoformat())


GENERAL_TOPIC = "faq"  # imported FAQ entries: the facts a base calibrates its general ranking on
MIN_GENERAL_FACTS = 12
MIN_HELD_OUT = 5  # entries with a second phrasing, at least, to choose a threshold on


class CalibrationError(Exception):
    """The base holds too few imported FAQ entries to calibrate on."""


def held_out_sets(index: FactIndex, *, seed: int = 13) -> tuple[QuestionSet, QuestionSet, int, int]:
    """Two question sets over one index built from `index` with its imported FAQ entries (documents of
    topic `faq`) held out, none of which is seen as it is asked:

    - each entry with two phrasings or more has its last phrasing held out of the index and asked; the
      entry is the right answer (an entry with one phrasing stays whole: holding out its only phrasing
      would fit matching on answer texts alone, which no asker meets);
    - a third of the entries are left out of the index altogether and their phrasing asked: the bot
      must decline;
    - entries are split in two halves by a seeded shuffle: one set per half.

    Returns (first half, second half, entries, entries left out)."""
    import random

    from .matching import Document

    faqs = sorted(d.id for d in index.documents.values() if d.topic == GENERAL_TOPIC and d.entity_id is None)
    random.Random(seed).shuffle(faqs)
    left_out = set(faqs[: len(faqs) // 3])
    halves = (set(faqs[0::2]), set(faqs[1::2]))
    documents: list[Document] = []
    asked: dict[str, str] = {}
    for doc in index.documents.values():
        if doc.id in left_out:
            asked[doc.id] = doc.questions[-1] if doc.questions else ""
            continue
        if doc.id in faqs and len(doc.questions) > 1:
            asked[doc.id] = doc.questions[-1]
            doc = replace(doc, questions=doc.questions[:-1])
        documents.append(doc)
    aliases = index.alias_rows()
    held_out = FactIndex.build(documents, list(index.entities.values()), aliases)
    items: dict[int, list[EvalQuestion]] = {0: [], 1: []}
    for doc_id, question in asked.items():
        if question:
            expected = () if doc_id in left_out else (doc_id,)
            items[0 if doc_id in halves[0] else 1].append(EvalQuestion(question, expected, category=GENERAL_TOPIC))
    return (held_out, items[0]), (held_out, items[1]), len(faqs), len(left_out)


def fit_threshold(params: ranking.RankerParams, sets: list[QuestionSet], *, command: str = "") -> ranking.RankerParams:
    """`params` with only the answer threshold chosen on `sets` (as `fit_sets` chooses it on dev)."""
    asked = ask_sets(sets, params)
    score, threshold = max((utility(asked, t)[0], t) for t in THRESHOLD_GRID)
    _, right, wrong = utility(asked, threshold)
    return replace(params, threshold=threshold, fitted_by=command, fitted_on=dt.date.today().isoformat(),
                   scores={"dev_fact_questions": len(asked), "dev_right": right, "dev_wrong_answers": wrong})


def calibrate_general(index: FactIndex, *, command: str = "layoffbot kb calibrate",
                      seed: int = 13) -> ranking.RankerParams:
    """Ranking and decision parameters for questions that name no entity, fitted on the base's own
    imported FAQ entries held out (`held_out_sets`):

    - with at least MIN_GENERAL_FACTS entries of two phrasings or more, weights are fitted on one
      half's questions and the L2 strength and threshold chosen on the other's (`fit_sets`);
    - with fewer (an FAQ of one phrasing per entry), the shipped general ranker
      (`ranking.general_params`) keeps its weights and only its threshold is chosen, on every held-out
      question, when at least MIN_HELD_OUT entries have a second phrasing to hold out.

    Raises CalibrationError with fewer than MIN_GENERAL_FACTS entries, or too few second phrasings
    (the shipped general ranker then answers as it is)."""
    entries = [d for d in index.documents.values() if d.topic == GENERAL_TOPIC and d.entity_id is None]
    if len(entries) < MIN_GENERAL_FACTS:
        raise CalibrationError(f"{len(entries)} imported FAQ entries; calibrating needs at least {MIN_GENERAL_FACTS}")
    phrased = sum(len(d.questions) > 1 for d in entries)
    first, second, faqs, left_out = held_out_sets(index, seed=seed)
    shipped = ranking.general_params()
    if phrased >= MIN_GENERAL_FACTS:
        params = fit_sets([first], [second], command=command)
    elif phrased >= MIN_HELD_OUT and shipped is not None:
        params = fit_threshold(shipped, [first, second], command=f"{command} (threshold only, on {shipped.fitted_by})")
    else:
        raise CalibrationError(
            f"{phrased} of {len(entries)} imported FAQ entries have a second phrasing to hold out; calibrating needs "
            f"at least {MIN_HELD_OUT} (the threshold alone) or {MIN_GENERAL_FACTS} (weights too). Until then the "
            "shipped general ranker answers; import another phrasing as a row with the same id and answer")
    return replace(params, scores={**params.scores, "faq_entries": faqs, "second_phrasings": phrased,
                                   "left_out": left_out})
