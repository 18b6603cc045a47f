"""The answer/abstain decision: a calibrated probability that the best-ranked fact answers the question.

A second logistic regression over question-level features (how strongly the ranker prefers its best
candidate, and by how much over the runner-up; whether the question names an entity; how much of it
the base has never seen) gives P(the best candidate is a right answer). The bot answers when that
probability reaches the threshold chosen on the dev split (`bot.fitting`). Its weights live in the
same fitted file as the ranker's (`RankerParams.decision_weights`).
"""

from __future__ import annotations

import operator
from collections.abc import Sequence

DECISION_FEATURES = (
    "bias",
    "best_logit",  # the ranker's score of its best candidate
    "margin",  # best minus the best competing score (capped at 10 when none competes; `decision_row`)
    "entity_named",  # the question names a company or jurisdiction (not from context)
    "entity_from_context",  # it leans on the conversation's entity
    "unknown_share",  # share of its content weight in words the base never uses
    "best_coverage",  # how much of the question the best candidate covers (questions + claim)
    "content_weight",  # the question's idf-weighted content words, saturated (w / (w + 5)): "how long?" says little
    "chinese",  # the question is written in Chinese: its words and the fact's phrasings (mostly English) overlap
    # less, so the same scores mean more than in English
)
MARGIN_CAP = 10.0


ROUNDS_TOPICS = ("layoff-size", "layoff-date")


def answer_groups(documents) -> list[str]:
    """One key per candidate document (a list aligned with the feature matrix's rows, to be masked like
    it): a company's layoff rounds (size and date facts and events) share one, since an answer tells
    them together (bot.rounds); every other fact is its own."""
    return [f"{d.entity_id}:rounds" if d.entity_id and d.topic in ROUNDS_TOPICS else d.id for d in documents]


def decision_row(logits: Sequence[float], matrix: Sequence[Sequence[float]], *, entity_named: bool,
                 entity_from_context: bool, unknown_share: float, content_weight: float, has_topic: bool,
                 chinese: bool = False, groups: Sequence[str] | None = None) -> list[float]:
    """The decision features for one question (`DECISION_FEATURES` order, (9,)), given its candidates'
    ranking features (candidates × `ranking.FEATURES`), the ranker's scores (logits, (candidates,)) of
    them and their `answer_groups` (aligned with the rows; None: each its own). The margin is over the
    best candidate of another group: two rounds of one company both near the top ("how many did Amazon
    lay off?") are no doubt about what to answer."""
    from .ranking import FEATURES

    order = sorted(range(len(logits)), key=lambda i: -logits[i])  # stable: ties keep candidate order
    first = order[0]
    best = float(logits[first])
    keys = groups if groups is not None and len(groups) == len(logits) else range(len(logits))
    rivals = [logits[i] for i in order[1:] if keys[i] != keys[first]]
    margin = float(min(MARGIN_CAP, best - rivals[0])) if rivals else MARGIN_CAP
    top = matrix[first]
    coverage = float(top[FEATURES.index("coverage_questions")] + top[FEATURES.index("coverage_claim")])
    content = content_weight / (content_weight + 5.0) if content_weight > 0 else 0.0
    return [1.0, best, margin, float(entity_named), float(entity_from_context), float(unknown_share), coverage,
            float(content), float(chinese)]


def answer_probability(weights: Sequence[float] | None, row: Sequence[float]) -> float:
    """P(best candidate is right), 0..1. Without fitted decision weights, the best candidate's own probability."""
    from .ranking import sigmoid

    if not weights:
        return sigmoid(float(row[1]))
    return sigmoid(float(sum(map(operator.mul, weights, row))))
