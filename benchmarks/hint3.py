"""HINT3 v2 (SOFMattress, Curekart, Powerplay11): intent accuracy counting out-of-scope queries.

    python benchmarks/hint3.py
    python benchmarks/hint3.py --calibrate      # cross-validation on the training sentences only
    python benchmarks/hint3.py --fit-general    # refit every general ranker (benchmarks/general_rankers.py)
    python benchmarks/hint3.py --calibrated     # also: each bot's base after `kb calibrate` (its own sentences)

Each intent is one fact of topic `faq` whose alternate questions are its training sentences (built
directly as entity-less documents, as `kb import --format faq` would from one row per sentence, but
with no answer text: the intent label must not leak into matching). A test query is right when the
predicted intent equals its label; out-of-scope queries (NO_NODES_DETECTED) are right when the
method abstains. Our engine answers with its shipped general ranker (bot/data/ranker-general.json,
fitted on HINT3's training sentences and the CovidFAQ and StackFAQ queries, never on a HINT3 test
file) at that file's threshold on all three bots; BM25 and rapidfuzz get the one threshold that maximises
their mean accuracy over the three bots (chosen on the test sets, so flattering to them).

`--calibrate` and `--fit-general` never read the test files: per bot, five folds each hold out every
fifth intent (all its sentences become out-of-scope queries) and a fifth of every other intent's
sentences (in-scope queries), and the engine is built from what is left. `--fit-general` asks each
fold's in-scope queries and a fifth of its out-of-scope ones (every sentence at one rate, so about a
fifth of the questions are out of scope, as a fifth of the intents are; all of them made 56%, and
the decision learned that prior) of the kept intents with all their sentences and again with one
sentence each (the shape of an imported FAQ), fits the weights on folds 0-2 of every bot and chooses
the L2 strength and threshold on folds 3-4 (`bot.fitting.fit_sets`); the test-file numbers are only
reported.
The general ranker is fitted on these same folds, so `--calibrate`'s numbers are in-sample for it.
"""

from __future__ import annotations

import sys
from collections import defaultdict

from faq_common import (
    BM25,
    DATA,
    Faq,
    FuzzyBaseline,
    Timer,
    engine_index_direct,
    engine_rank,
    print_table,
    read_csv,
)

from bot.ranking import general_params

ANSWER_THRESHOLD = general_params().threshold  # the shipped general decision threshold (bot/data/ranker-general.json)

BOTS = ("sofmattress", "curekart", "powerplay11")
OUT_OF_SCOPE = "NO_NODES_DETECTED"
DIALOGFLOW = {"sofmattress": 0.713, "curekart": 0.732, "powerplay11": 0.728}  # authors' best threshold per bot


def read_train(bot: str) -> dict[str, list[str]]:
    sentences: dict[str, list[str]] = defaultdict(list)
    for row in read_csv(DATA / "hint3" / "v2" / "train" / f"{bot}_train.csv"):
        sentences[row["label"]].append(row["sentence"])
    return sentences


def slug(label: str, position: int) -> str:
    text = "".join(c if c.isalnum() else "-" for c in label.lower()).strip("-")
    return f"i{position}-{'-'.join(filter(None, text.split('-')))}"


def load(bot: str) -> tuple[list[Faq], dict[str, str], list[tuple[str, str]]]:
    sentences = read_train(bot)
    ids = {label: slug(label, n) for n, label in enumerate(sorted(sentences))}
    # The answer text stays empty: the intent label must not leak into matching.
    faqs = [Faq(ids[label], tuple(texts), "") for label, texts in sorted(sentences.items())]
    labels = {fact_id: label for label, fact_id in ids.items()}
    tests = [(row["sentence"], row["label"]) for row in read_csv(DATA / "hint3" / "v2" / "test" / f"{bot}_test.csv")]
    return faqs, labels, tests


def accuracy(predictions: list[tuple[str | None, float]], tests: list[tuple[str, str]], threshold: float,
             labels: dict[str, str]) -> tuple[float, float, float]:
    """Overall accuracy, in-scope accuracy, out-of-scope recall."""
    right = in_right = in_total = out_right = out_total = 0
    for (top, score), (_, label) in zip(predictions, tests, strict=True):
        predicted = labels[top] if top is not None and score >= threshold else OUT_OF_SCOPE
        ok = predicted == label
        right += ok
        if label == OUT_OF_SCOPE:
            out_total += 1
            out_right += ok
        else:
            in_total += 1
            in_right += ok
    return right / len(tests), in_right / max(1, in_total), out_right / max(1, out_total)


FOLDS = 5


def training_folds(bot: str, folds: int = FOLDS):
    """(FAQs, labels, queries) per fold, from the training sentences alone (`bot.calibration.held_out_folds`:
    an intent of fewer than `folds` sentences holds none out)."""
    from bot.calibration import held_out_folds

    for kept, questions in held_out_folds(read_train(bot), folds=folds, minimum=0):
        ids = {label: slug(label, n) for n, label in enumerate(sorted(kept))}
        faqs = [Faq(ids[label], tuple(texts), "") for label, texts in sorted(kept.items())]
        queries = [(text, OUT_OF_SCOPE if label is None else label) for text, label in questions]
        yield faqs, {fact_id: label for label, fact_id in ids.items()}, queries


def calibrate() -> None:
    grid = [x / 100 for x in range(30, 91, 2)]
    rows = []
    for bot in BOTS:
        predictions: list[tuple[str | None, float]] = []
        queries: list[tuple[str, str]] = []
        for faqs, fold_labels, fold_queries in training_folds(bot):
            index = engine_index_direct(faqs)
            for query, _ in fold_queries:
                ranked, confidence = engine_rank(index, query)
                # fact ids are unique per fold only: keep the label itself
                predictions.append((fold_labels[ranked[0]] if ranked else None, confidence))
            queries += fold_queries
        labels = {label: label for label, _ in predictions if label is not None}
        at_threshold = accuracy(predictions, queries, ANSWER_THRESHOLD, labels)
        best = max(grid, key=lambda t: accuracy(predictions, queries, t, labels)[0])
        rows.append([bot, len(queries), sum(label == OUT_OF_SCOPE for _, label in queries), *at_threshold,
                     best, accuracy(predictions, queries, best, labels)[0]])
    print_table(f"HINT3 v2, 5-fold cross-validation on the training sentences (threshold {ANSWER_THRESHOLD})",
                ["bot", "queries", "out of scope", "acc", "in-scope", "OOS recall", "best threshold", "acc at best"],
                rows)


FIT_COMMAND = "python benchmarks/hint3.py --fit-general"
TRAIN_FOLDS = 3  # folds 0-2 of every bot fit the weights; folds 3-4 choose the L2 strength and threshold


def general_sets() -> tuple[list, list]:
    """(train, dev) question sets for `bot.fitting.fit_sets`, from the training sentences alone: every
    fold of every bot, asked of the fold's intents with all their kept sentences, and again of the same
    intents with one sentence each (the shape of an imported FAQ: one phrasing per entry)."""
    from bot.evaluation import EvalQuestion
    from bot.fitting import GENERAL_TOPIC

    train, dev = [], []
    for bot in BOTS:
        for fold, (faqs, labels, queries) in enumerate(training_folds(bot)):
            ids = {label: fact_id for fact_id, label in labels.items()}
            # Every sentence asked at one rate: all of a left-out intent's sentences against a fifth of a kept
            # intent's made 56% of the questions out of scope, and the decision learned that prior.
            outside = [query for query, label in queries if label == OUT_OF_SCOPE][::FOLDS]
            items = [EvalQuestion(query, (ids[label],), category=GENERAL_TOPIC)
                     for query, label in queries if label != OUT_OF_SCOPE]
            items += [EvalQuestion(query, (), category=GENERAL_TOPIC) for query in outside]
            single = [Faq(faq.id, faq.questions[:1], faq.answer) for faq in faqs]
            for kept in (faqs, single):
                (train if fold < TRAIN_FOLDS else dev).append((engine_index_direct(kept), items))
    return train, dev


def fit_general() -> None:
    """Refit every general ranker, leave-one-dataset-out (benchmarks/general_rankers.py): the shipped
    bot/data/ranker-general.json on `general_sets` and the FAQ benchmarks' queries, and one per FAQ
    benchmark fitted without its queries."""
    from general_rankers import fit_all

    fit_all()


def main() -> None:
    if "--calibrate" in sys.argv[1:]:
        calibrate()
        return
    if "--fit-general" in sys.argv[1:]:
        fit_general()
        return
    calibrated = "--calibrated" in sys.argv[1:]
    calibrated_thresholds: dict[str, float] = {}
    runs: dict[str, dict[str, list[tuple[str | None, float]]]] = {}
    data = {}
    for bot in BOTS:
        faqs, labels, tests = load(bot)
        data[bot] = (faqs, labels, tests)
        texts = [(faq.id, q) for faq in faqs for q in faq.questions]
        with Timer() as build:
            index = engine_index_direct(faqs)
        bm25, fuzzy = BM25(texts), FuzzyBaseline(texts)
        runs[bot] = {"engine": [], "bm25": [], "fuzzy": []}
        with Timer() as timer:
            for query, _ in tests:
                ranked, confidence = engine_rank(index, query)
                runs[bot]["engine"].append((ranked[0] if ranked else None, confidence))
        if calibrated:  # what `layoffbot kb calibrate` fits on this base's own training sentences
            from bot.calibration import calibrate_faq_base

            index.general_params = calibrate_faq_base(index)
            calibrated_thresholds[bot] = index.general_params.threshold
            runs[bot]["calibrated"] = []
            for query, _ in tests:
                ranked, confidence = engine_rank(index, query)
                runs[bot]["calibrated"].append((ranked[0] if ranked else None, confidence))
        print(f"{bot}: {len(faqs)} intents, {len(texts)} training sentences, {len(tests)} test queries "
              f"({sum(label == OUT_OF_SCOPE for _, label in tests)} out of scope); engine build "
              f"{build.seconds:.2f} s, {1000 * timer.seconds / len(tests):.2f} ms/query")
        for name, method in (("bm25", bm25), ("fuzzy", fuzzy)):
            for query, _ in tests:
                ranked = method.rank(query)
                runs[bot][name].append((ranked[0][1], ranked[0][0]) if ranked else (None, 0.0))
    print()

    def best_threshold(name: str, grid: list[float]) -> float:
        return max(grid, key=lambda t: sum(accuracy(runs[b][name], data[b][2], t, data[b][1])[0] for b in BOTS))

    bm25_threshold = best_threshold("bm25", [x / 2 for x in range(0, 41)])
    fuzzy_threshold = best_threshold("fuzzy", [x / 100 for x in range(0, 101, 2)])
    engine_best = best_threshold("engine", [x / 100 for x in range(0, 101, 2)])
    methods = [
        (f"layoffbot engine (fixed threshold {ANSWER_THRESHOLD})", "engine", ANSWER_THRESHOLD),
        (f"layoffbot engine (best single threshold {engine_best}, for reference)", "engine", engine_best),
        (f"BM25 (best single threshold {bm25_threshold})", "bm25", bm25_threshold),
        (f"rapidfuzz token_set_ratio (best single threshold {fuzzy_threshold})", "fuzzy", fuzzy_threshold),
    ]
    if calibrated:
        methods.insert(1, ("layoffbot engine after kb calibrate (its own threshold per bot: "
                           + ", ".join(f"{calibrated_thresholds[b]}" for b in BOTS) + ")", "calibrated", None))
    rows = []
    for title, name, threshold in methods:
        row: list[object] = [title]
        for bot in BOTS:
            at = calibrated_thresholds[bot] if threshold is None else threshold
            overall, in_scope, oos = accuracy(runs[bot][name], data[bot][2], at, data[bot][1])
            row += [overall, in_scope, oos]
        rows.append(row)
    rows.append(["Dialogflow (authors, v1 sets, best threshold per bot)"]
                + [x for bot in BOTS for x in (DIALOGFLOW[bot], "", "")])
    header = ["method"] + [f"{bot} {metric}" for bot in BOTS for metric in ("acc", "in-scope", "OOS recall")]
    print_table("HINT3 v2 accuracy (out-of-scope counted)", header, rows)


if __name__ == "__main__":
    main()
