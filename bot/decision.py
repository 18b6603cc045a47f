"""The answer/abstain decision: a calibrated probability that the best-ranked fact answers the question.

A second logistic regression over question-level features (how strongly the ranker prefers its best
candidate, and by how much over the runner-up; whether the question names an entity; how much of it
the base has never seen) gives P(the best candidate is a right answer). The bot answers when that
probability reaches the threshold chosen on the dev split (`bot.fitting`). Its weights live in the
same fitted file as the ranker's (`RankerParams.decision_weights`).
"""

from __future__ import annotations

import math

import numpy as np

DECISION_FEATURES = (
    "bias",
    "best_logit",  # the ranker's score of its best candidate
    "margin",  # best minus runner-up score (capped at 10 when there is one candidate)
    "entity_named",  # the question names a company or jurisdiction (not from context)
    "entity_from_context",  # it leans on the conversation's entity
    "unknown_share",  # share of its content weight in words the base never uses
    "best_coverage",  # how much of the question the best candidate covers (questions + claim)
    "content_weight",  # the question's idf-weighted content words, saturated (w / (w + 5)): "how long?" says little
)
MARGIN_CAP = 10.0


def decision_row(logits: np.ndarray, matrix: np.ndarray, *, entity_named: bool, entity_from_context: bool,
                 unknown_share: float, content_weight: float, has_topic: bool) -> np.ndarray:
    """The decision features for one question, given its candidates' ranking features (candidates ×
    `ranking.FEATURES`) and the ranker's scores (logits) of them."""
    from .ranking import FEATURES

    order = np.argsort(-logits, kind="stable")
    best = float(logits[order[0]])
    margin = float(min(MARGIN_CAP, best - logits[order[1]])) if len(order) > 1 else MARGIN_CAP
    top = matrix[order[0]]
    coverage = top[FEATURES.index("coverage_questions")] + top[FEATURES.index("coverage_claim")]
    content = content_weight / (content_weight + 5.0) if content_weight > 0 else 0.0
    return np.array([1.0, best, margin, float(entity_named), float(entity_from_context), unknown_share, coverage,
                     content])


def answer_probability(weights: list[float] | None, row: np.ndarray) -> float:
    """P(best candidate is right). Without fitted decision weights, the best candidate's own probability."""
    if not weights:
        return float(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, row[1])))))
    z = float(np.dot(np.asarray(weights), row))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
