"""CovidFAQ (68 COVID-19 FAQs, 1,387 user queries): P@1 and MRR.

    python benchmarks/covidfaq.py

Each FAQ (question and answer) is loaded with the generic FAQ import; a query is right when the
top FAQ is one of those labelled relevant (qrels.tsv). Questions that name no company, country or layoff topic
are ranked and decided by the shipped general ranker (bot/data/ranker-general.json, fitted on
HINT3's training sentences: `python benchmarks/hint3.py --fit-general`), none of this set's queries.
"""

from __future__ import annotations

import csv
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
    compare_retrieval("CovidFAQ", faqs, queries, index, build.seconds)
    answered_and_right(index, queries)
    print("Reference (issue 4): BM25 .37, rapidfuzz token_set_ratio .39, all-MiniLM-L6-v2 .52; target P@1 >= .45")


if __name__ == "__main__":
    main()
