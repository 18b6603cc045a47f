"""Ranking: a fixed set of features per (question, candidate fact), combined by logistic regression.

The estimator (`LogisticRanker`) is separate from its fitted state (`RankerParams`, stored as JSON in
`bot/data/ranker.json` beside the command that produced it). The model's output is the probability
that a candidate answers the question; the decision stage compares the best candidate's probability
with one threshold chosen on the dev split.

Method: L2-regularised logistic regression fitted by Newton's method (iteratively reweighted least
squares), as in Hastie, Tibshirani & Friedman, *The Elements of Statistical Learning*, §4.4.1.
Field scores follow Okapi BM25 (Robertson & Zaragoza, 2009) over two fields: a fact's own
questions and its claim.
"""

from __future__ import annotations

import json
import math
import operator
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numpy only for fitting (LogisticRanker): answering runs on plain floats
    import numpy as np

Row = list[float]  # one candidate's features, in `FEATURES` order
Matrix = list[Row]  # (candidates × features): one row per candidate

FEATURES = (
    "bias",
    "coverage_questions",  # idf-weighted share of the question's content words found in the fact's questions
    "coverage_claim",  # ... found only in its claim
    "coverage_missing_short",  # 1 - coverage, for questions of little content (they say less)
    "bm25_questions_relative",  # BM25 over the fact's phrasings, relative to the best candidate
    "bm25_questions",  # saturated: s / (s + 5)
    "bm25_claim_relative",
    "fuzzy_token_sort",  # rapidfuzz token_sort_ratio, best phrasing, 0..1
    "fuzzy_ratio",  # rapidfuzz ratio, best phrasing, 0..1
    "topic_same",
    "topic_related",
    "topic_mismatch",
    "year_match",
    "year_mismatch",
    "year_mentioned_only",
    "month_match",
    "month_mismatch",
    "entity_named",  # the fact belongs to an entity the question names
    "entity_from_context",  # ... to an entity carried over from the conversation
    "general_fact_entity_named",  # a fact of no entity, while the question names one
    "unknown_name",  # the question names something the base does not know
    "unknown_share",  # share of the content weight in words the base never uses
    "generated_event",  # an event without a curated fact's wording
    "figures_match",  # share of the question's figures the fact states or covers
    "figures_unmatched",  # the question has figures and the fact states none of them
    "in_previous_answer",  # the conversation's last answer cited this fact
    "hint_match",  # words of a sub-brand alias ("AWS", "Alibaba Cloud") the fact uses
    "question_type_agrees",  # how many / when / why / ... agrees with the fact's topic
    "rule_fact",  # the fact is a rule of a jurisdiction
    "imported",  # the fact came from an import (FAQ, public records), not curation
    "semantic_similarity",  # cosine of sentence embeddings (bot.semantic); 0 without a backend
    "bm25_questions_all_relative",  # BM25 with function words over the fact's phrasings, relative to the best
    # candidate: how an FAQ's wording ("how long", "can I") ranks it among the others
    "question_word_same",  # the question's first question word is one of the fact's phrasings' ("where", "how long")
    "question_word_differs",  # ... is none of them, though they have some ("where" asked, "what" written)
    "figures_outside_ranges",  # the fact states ranges ("20 to 99") and the question's figures fall in none
    "hint_missing",  # the question names a sub-brand ("Alibaba Cloud") and the fact uses none of its words
)


@dataclass
class RankerParams:
    """A fitted ranker: weights per feature, the answer threshold, and how they were obtained."""

    features: list[str]
    weights: list[float]
    threshold: float
    l2: float
    fitted_by: str = ""
    fitted_on: str = ""
    scores: dict = field(default_factory=dict)
    decision_features: list[str] = field(default_factory=list)
    decision_weights: list[float] = field(default_factory=list)  # bot.decision; empty: not fitted

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=1, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> RankerParams:
        data = json.loads(text)
        params = cls(**data)
        if len(params.weights) != len(params.features):
            raise ValueError("ranker weights and features differ in length")
        if len(params.decision_weights) != len(params.decision_features):
            raise ValueError("decision weights and features differ in length")
        if params.decision_weights:  # in DECISION_FEATURES order; a decision feature the file lacks weighs 0
            from .decision import DECISION_FEATURES

            by_name = dict(zip(params.decision_features, params.decision_weights, strict=True))
            params.decision_weights = [by_name.get(name, 0.0) for name in DECISION_FEATURES]
            params.decision_features = list(DECISION_FEATURES)
        return params

    def vector(self) -> list[float]:
        """Weights in `FEATURES` order (a feature the file lacks weighs 0), (features,)."""
        by_name = dict(zip(self.features, self.weights, strict=True))
        return [float(by_name.get(name, 0.0)) for name in FEATURES]


PRIOR = RankerParams(
    # Before fitting: a plain prior (word coverage, fuzzy score and topic agreement; mismatches
    # penalised), used only to bootstrap the conversation states that the first fit sees.
    features=list(FEATURES),
    weights=[-4.0, 4.0, 2.0, 0.0, 1.0, 1.0, 0.5, 1.5, 0.5, 1.5, 0.7, -1.0, 0.5, -2.0, -0.3, 0.3, -1.0, 0.5,
             0.3, -0.5, -1.5, -2.0, -0.1, 0.5, 0.0, 0.5, 0.3, 0.3, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, -1.0, -0.5],
    threshold=0.5,
    l2=0.0,
    fitted_by="hand-set prior (not fitted)",
)


@lru_cache(maxsize=1)
def default_params() -> RankerParams:
    """The shipped, fitted parameters (bot/data/ranker.json; with a semantic backend configured,
    bot/data/ranker-NAME.json where one is shipped: see bot.semantic); the prior when none are shipped."""
    from .semantic import configured

    backend = configured()
    for name in ([f"data/ranker-{backend.name}.json"] if backend else []) + ["data/ranker.json"]:
        try:
            return RankerParams.from_json(resources.files("bot").joinpath(name).read_text(encoding="utf-8"))
        except FileNotFoundError:
            continue
    return PRIOR


GENERAL_FILE = "data/ranker-general.json"  # fitted on FAQ-style bots' training sentences (its `fitted_by`)


def general_file(backend: str | None = None) -> str:
    """The general ranker's file inside the package: GENERAL_FILE, or with a semantic backend
    data/ranker-general-NAME.json (fitted with that backend's similarity as a feature)."""
    return GENERAL_FILE if not backend else f"data/ranker-general-{backend}.json"


@lru_cache(maxsize=1)
def general_params() -> RankerParams | None:
    """The shipped parameters for questions that name no entity and no layoff topic, asked of a base
    that holds imported FAQ entries and has no calibration of its own (bot/data/ranker-general.json; with a
    semantic backend configured, `general_file(NAME)` where one is shipped); None when none are shipped."""
    from .semantic import configured

    backend = configured()
    for name in ([general_file(backend.name)] if backend else []) + [GENERAL_FILE]:
        try:
            return RankerParams.from_json(resources.files("bot").joinpath(name).read_text(encoding="utf-8"))
        except FileNotFoundError:
            continue
    return None


def load_params(path: Path | None) -> RankerParams:
    return default_params() if path is None else RankerParams.from_json(Path(path).read_text(encoding="utf-8"))


def logits(params: RankerParams, matrix: Matrix) -> list[float]:
    """The ranker's score (log-odds that the candidate answers) for each row of a (candidates × features)
    matrix (rows of floats in `FEATURES` order); (candidates,)."""
    weights = params.vector()
    return [sum(map(operator.mul, row, weights)) for row in matrix]


def probabilities(params: RankerParams, matrix: Matrix) -> list[float]:
    """P(candidate answers the question) for each row of a (candidates × features) matrix; (candidates,)."""
    return [sigmoid(z) for z in logits(params, matrix)]


def sigmoid(z: float) -> float:
    """The logistic function of `z`, clipped to ±30 (0..1)."""
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _sigmoid(z: np.ndarray) -> np.ndarray:
    import numpy as np

    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


class LogisticRanker:
    """The estimator: `fit(X, y)` returns fitted weights; it holds no fitted state itself."""

    def __init__(self, l2: float = 1.0, iterations: int = 50, tolerance: float = 1e-8):
        self.l2 = l2
        self.iterations = iterations
        self.tolerance = tolerance

    def fit(self, matrix: np.ndarray, labels: np.ndarray) -> np.ndarray:
        """Weights (features,) maximising the L2-penalised log-likelihood; the bias is not penalised.

        matrix: (n, features) float; labels: (n,) of 0/1 (numpy arrays, or sequences of floats).
        Raises ValueError on empty input."""
        import numpy as np

        matrix, labels = np.asarray(matrix, dtype=float), np.asarray(labels, dtype=float)
        if len(matrix) == 0:
            raise ValueError("no training rows")
        n, k = matrix.shape
        weights = np.zeros(k)
        penalty = np.full(k, self.l2)
        penalty[0] = 0.0
        for _ in range(self.iterations):
            p = _sigmoid(matrix @ weights)
            gradient = matrix.T @ (p - labels) + penalty * weights
            hessian = (matrix * (p * (1 - p))[:, None]).T @ matrix + np.diag(penalty) + 1e-9 * np.eye(k)
            step = np.linalg.solve(hessian, gradient)
            weights -= step
            if float(np.max(np.abs(step))) < self.tolerance:
                break
        return weights


def log_loss(params: RankerParams, matrix: Matrix, labels: np.ndarray) -> float:
    import numpy as np

    p = np.clip(probabilities(params, matrix), 1e-12, 1 - 1e-12)
    return float(-np.mean(labels * np.log(p) + (1 - labels) * np.log(1 - p)))


def saturate(value: float, half: float = 5.0) -> float:
    """Map a non-negative score to 0..1, reaching 0.5 at `half`."""
    return value / (value + half) if value > 0 else 0.0


def bm25(term_weights: dict[str, float], words: frozenset[str] | set[str], length: int, average: float,
         k1: float = 1.2, b: float = 0.75) -> float:
    """Okapi BM25 of a set of query terms (with their idf) against one field (term frequency 1)."""
    norm = k1 * (1 - b + b * length / max(average, 1e-9))
    return sum(idf * (k1 + 1) / (1 + norm) for term, idf in term_weights.items() if term in words)


def finite(value: float) -> float:
    return value if math.isfinite(value) else 0.0
