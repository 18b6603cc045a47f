"""CovidFAQ (68 COVID-19 FAQs, 1,387 user queries): P@1 and MRR.

    python benchmarks/covidfaq.py
    python benchmarks/covidfaq.py --shipped   # the shipped general ranker (in-sample here)

Each FAQ (question and answer) is loaded with the generic FAQ import; a query is right when the
top FAQ is one of those labelled relevant (qrels.tsv). Questions that name no company, country or layoff topic
are ranked and decided by a general ranker fitted on none of this set's queries:
benchmarks/fitted/ranker-general-without-covidfaq.json (HINT3's training sentences and StackFAQ's queries,
leave-one-dataset-out: benchmarks/general_rankers.py; refit by `python benchmarks/hint3.py --fit-general`).
`--shipped` uses bot/data/ranker-general.json instead, fitted on this set's queries too (in-sample).
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict

from faq_common import (
    DATA,
    Faq,
    Timer,
    answered_and_right,
    compare_retrieval,
    engine_index_via_import,
    read_csv,
    require,
)

SOURCE_URL = "https://github.com/ML-Recipes/BERT-FAQ"  # where the data was taken from (SOURCE.txt)
SOURCE_TITLE = "CovidFAQ, BERT-FAQ repository"
PUBLISHED = "2021-10-17"  # the repository's commit date (SOURCE.txt)


def load() -> tuple[list[Faq], list[tuple[str, set[str]]]]:
    folder = DATA / "covidfaq" / "flat"
    faqs = [Faq(row["faq_id"].lower(), (row["question"],), row["answer"]) for row in read_csv(folder / "faqs.csv")]
    relevant: dict[str, set[str]] = defaultdict(set)
    with open(require(folder / "qrels.tsv"), encoding="utf-8") as f:
        for query_id, faq_id, *_ in csv.reader(f, delimiter="\t"):
            relevant[query_id].add(faq_id.lower())
    queries = [(row["query"], relevant[row["query_id"]]) for row in read_csv(folder / "queries.csv")
               if relevant[row["query_id"]]]
    return faqs, queries


def main() -> None:
    faqs, queries = load()
    with Timer() as build:
        index = engine_index_via_import(faqs, source_url=SOURCE_URL, source_title=SOURCE_TITLE, published=PUBLISHED)
    if "--shipped" not in sys.argv[1:]:  # the shipped ranker is fitted on this set's queries: in-sample
        from general_rankers import held_out

        index.general_params, path = held_out("covidfaq")
        print(f"general ranker: {path} ({index.general_params.fitted_by})\n")
    else:
        print("general ranker: bot/data/ranker-general.json (shipped; fitted on this set's queries too: in-sample)\n")
    compare_retrieval("CovidFAQ", faqs, queries, index, build.seconds)
    answered_and_right(index, queries)
    print("Reference (issue 4): BM25 .37, rapidfuzz token_set_ratio .39, all-MiniLM-L6-v2 .52; target P@1 >= .45")


if __name__ == "__main__":
    main()
