"""`layoffbot kb calibrate`: the answer threshold of the general ranker chosen on a base's own imported
FAQ entries, their phrasings held out in folds.

Why folds: holding out one phrasing per entry (`bot.fitting.held_out_sets`) gives a base of 20-60
entries 10-25 questions per half, and refitting the weights and threshold on so few swung the
threshold from 0.05 to 0.95 between HINT3's three bots (`python benchmarks/hint3.py --calibrated`).
Here each of `FOLDS` folds leaves every FOLDS-th entry out of the base (a fifth of its phrasings are
asked: the bot must decline) and holds out a fifth of every other entry's phrasings, at least one of
an entry that has two or more (asked: that entry is the answer); the base is rebuilt from what is
left. Every phrasing is asked at one rate, so about a fifth of the questions are out of scope, as
in the shipped general ranker's own fit (benchmarks/hint3.py `general_sets`). The shipped weights
and decision are kept: one base's few hundred questions choose a threshold well, weights not.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import replace

from . import ranking
from .evaluation import EvalQuestion
from .fitting import GENERAL_TOPIC, MIN_GENERAL_FACTS, CalibrationError, QuestionSet, fit_threshold
from .retrieval import FactIndex

FOLDS = 5
MIN_QUESTIONS = 10  # in-scope held-out questions, at least, to choose a threshold on


def held_out_folds(phrasings: dict[str, list[str]], *, folds: int = FOLDS, minimum: int = 1) -> Iterator[
        tuple[dict[str, list[str]], list[tuple[str, str | None]]]]:
    """Per fold: the phrasings kept per entry (entries left out are absent) and the questions asked,
    each (text, the entry that answers it, or None when it is out of scope).

    An entry left out has all its phrasings listed as out-of-scope questions (callers asking at one
    rate take every `folds`-th). A kept entry with two phrasings or more holds out len // folds of
    them, and at least `minimum` (0: an entry of fewer than `folds` phrasings holds none out).
    Deterministic: fold k shuffles with seed k."""
    labels = sorted(phrasings)
    for fold in range(folds):
        shuffler = random.Random(fold)
        kept: dict[str, list[str]] = {}
        questions: list[tuple[str, str | None]] = []
        for position, label in enumerate(labels):
            texts = list(phrasings[label])
            if position % folds == fold:
                questions += [(text, None) for text in texts]
                continue
            shuffler.shuffle(texts)
            held = max(minimum, len(texts) // folds) if len(texts) > 1 else 0
            kept[label] = texts[held:]
            questions += [(text, label) for text in texts[:held]]
        yield kept, questions


def calibration_sets(index: FactIndex, *, folds: int = FOLDS) -> list[QuestionSet]:
    """One (rebuilt base, questions) set per fold of `held_out_folds` over the base's imported FAQ
    entries (topic `faq`, no entity); the out-of-scope questions thinned to every `folds`-th."""
    entries = {d.id: d for d in index.documents.values() if d.topic == GENERAL_TOPIC and d.entity_id is None}
    others = [d for d in index.documents.values() if d.id not in entries]
    aliases = index.alias_rows()
    sets: list[QuestionSet] = []
    for kept, questions in held_out_folds({i: list(d.questions) for i, d in entries.items()}, folds=folds):
        documents = others + [replace(entries[i], questions=tuple(texts)) for i, texts in kept.items()]
        outside = [text for text, label in questions if label is None][::folds]
        items = [EvalQuestion(text, (label,), category=GENERAL_TOPIC) for text, label in questions if label]
        items += [EvalQuestion(text, (), category=GENERAL_TOPIC) for text in outside]
        sets.append((FactIndex.build(documents, list(index.entities.values()), aliases), items))
    return sets


def calibrate_faq_base(index: FactIndex, *, command: str = "layoffbot kb calibrate") -> ranking.RankerParams:
    """The shipped general ranker (`ranking.general_params`) with its threshold chosen on the base's own
    phrasings held out (`calibration_sets`), as `bot.fitting.fit_threshold` chooses it.

    Raises CalibrationError with fewer than MIN_GENERAL_FACTS imported FAQ entries, fewer than
    MIN_QUESTIONS held-out phrasings (entries of one phrasing have none to hold out: import another
    phrasing as a row with the same id and answer), or no shipped general ranker."""
    entries = [d for d in index.documents.values() if d.topic == GENERAL_TOPIC and d.entity_id is None]
    if len(entries) < MIN_GENERAL_FACTS:
        raise CalibrationError(f"{len(entries)} imported FAQ entries; calibrating needs at least {MIN_GENERAL_FACTS}")
    shipped = ranking.general_params()
    if shipped is None:
        raise CalibrationError("no shipped general ranker (bot/data/ranker-general.json) to calibrate")
    sets = calibration_sets(index)
    in_scope = sum(bool(item.expected) for _, items in sets for item in items)
    phrased = sum(len(d.questions) > 1 for d in entries)
    if in_scope < MIN_QUESTIONS:
        raise CalibrationError(
            f"{phrased} of {len(entries)} imported FAQ entries have a second phrasing to hold out ({in_scope} "
            f"questions); calibrating needs at least {MIN_QUESTIONS}. Until then the shipped general ranker answers; "
            "import another phrasing as a row with the same id and answer")
    params = fit_threshold(shipped, sets, command=f"{command} (threshold only, on {shipped.fitted_by})")
    return replace(params, scores={**params.scores, "faq_entries": len(entries), "second_phrasings": phrased,
                                   "held_out_in_scope": in_scope})
