"""Why the general ranker ranks and decides as it does on the FAQ benchmarks (diagnosis only: nothing
here is fitted or chosen; it reads the benchmarks' test queries, so it must never feed a fit).

    python benchmarks/faq_diagnose.py

Each set is ranked by the general ranker its benchmark reports with, fitted on none of its queries
(benchmarks/general_rankers.py `held_out`).

1. P@1 of ranking every candidate by one feature alone (ties broken by candidate order; a feature
   constant over the candidates counts as a miss) beside the held-out general ranker's: where the
   fitted combination loses to a feature of its own, that feature's weight did not transfer.
2. The decision's calibration: the answer probability it gives the best candidate, in bins, against
   how often that candidate is right (P@1 within the bin). Below the diagonal: it answers too
   rarely for the answers it would give.
"""

from __future__ import annotations

import covidfaq
import numpy as np
import stackfaq
from faq_common import engine_index_via_import, print_table
from general_rankers import held_out

from bot.matching import Conversation, match_rank_features
from bot.ranking import FEATURES

FEATURES_SHOWN = ("bm25_questions_all_relative", "bm25_questions_relative", "coverage_questions", "fuzzy_token_sort",
                  "fuzzy_ratio", "bm25_claim_relative", "coverage_claim")
BINS = (0.0, 0.1, 0.2, 0.4, 0.6, 1.01)


def main() -> None:
    ranking_rows, calibration_rows, thresholds = [], [], []
    for title, module in (("CovidFAQ", covidfaq), ("StackFAQ", stackfaq)):
        faqs, queries = module.load()
        index = engine_index_via_import(faqs, source_url=module.SOURCE_URL, source_title=module.SOURCE_TITLE,
                                        published=module.PUBLISHED)
        index.general_params, path = held_out(module.__name__)  # fitted on none of this set's queries
        weights = index.general_params.vector()
        thresholds.append(f"{title}: {path}, answers at {index.general_params.threshold}")
        top_by = {name: 0 for name in ("general ranker", *FEATURES_SHOWN)}
        confidence, right = [], []
        for query, relevant in queries:
            match, _, (candidates, rows, _) = match_rank_features(index, query, Conversation())
            matrix = np.asarray(rows)  # (candidates × features): the engine's rows are lists of floats
            if not len(candidates):
                confidence.append(match.confidence)
                right.append(False)
                continue
            best = candidates[int(np.argmax(matrix @ weights))]
            top_by["general ranker"] += best in relevant
            for name in FEATURES_SHOWN:
                column = matrix[:, FEATURES.index(name)]
                top_by[name] += column.max() > column.min() and candidates[int(np.argmax(column))] in relevant
            confidence.append(match.confidence)
            right.append(best in relevant)
        ranking_rows += [[title, name, hits / len(queries)] for name, hits in top_by.items()]
        confidence_array, right_array = np.array(confidence), np.array(right)
        for low, high in zip(BINS, BINS[1:], strict=False):
            inside = (confidence_array >= low) & (confidence_array < high)
            if inside.any():
                calibration_rows.append([title, f"{low:.1f}-{min(high, 1.0):.1f}", int(inside.sum()),
                                         float(confidence_array[inside].mean()), float(right_array[inside].mean())])
    print_table("P@1 ranking by the held-out general ranker and by single features", ["set", "ranked by", "P@1"],
                ranking_rows)
    print_table(f"The decision's answer probability against how often the best candidate is right "
                f"({'; '.join(thresholds)})",
                ["set", "probability", "queries", "mean probability", "best candidate right"], calibration_rows)


if __name__ == "__main__":
    main()
