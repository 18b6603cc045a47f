"""StackFAQ (125 StackExchange web-apps threads, 1,250 paraphrased queries): P@1 and MRR.

    python benchmarks/stackfaq.py
    python benchmarks/stackfaq.py --shipped   # the shipped general ranker (in-sample here)

Each thread's original question (with its first answer) is one FAQ, loaded with the generic FAQ
import; every query should retrieve its own thread. Questions that name no company, country or layoff topic
are ranked and decided by a general ranker fitted on none of this set's queries:
benchmarks/fitted/ranker-general-without-stackfaq.json (HINT3's training sentences and CovidFAQ's queries,
leave-one-dataset-out: benchmarks/general_rankers.py; refit by `python benchmarks/hint3.py --fit-general`).
`--shipped` uses bot/data/ranker-general.json instead, fitted on this set's queries too (in-sample).
"""

from __future__ import annotations

import sys

from faq_common import DATA, Faq, Timer, answered_and_right, compare_retrieval, engine_index_via_import, read_csv

SOURCE_URL = "https://github.com/ML-Recipes/BERT-FAQ"  # the mirror the data was taken from (SOURCE.txt)
SOURCE_TITLE = "StackFAQ (Karan & Snajder 2018), BERT-FAQ mirror"
PUBLISHED = "2021-10-17"  # the mirror's commit date (SOURCE.txt)


def load() -> tuple[list[Faq], list[tuple[str, set[str]]]]:
    folder = DATA / "stackfaq" / "flat"
    faqs = [Faq(row["thread_id"].lower(), (row["question"],), row["answer"] or row["question"])
            for row in read_csv(folder / "faq_threads_first_answer.csv")]
    queries = [(row["query"], {row["thread_id"].lower()}) for row in read_csv(folder / "queries.csv")]
    return faqs, queries


def main() -> None:
    faqs, queries = load()
    with Timer() as build:
        index = engine_index_via_import(faqs, source_url=SOURCE_URL, source_title=SOURCE_TITLE, published=PUBLISHED)
    if "--shipped" not in sys.argv[1:]:  # the shipped ranker is fitted on this set's queries: in-sample
        from general_rankers import held_out

        index.general_params, path = held_out("stackfaq")
        print(f"general ranker: {path} ({index.general_params.fitted_by})\n")
    else:
        print("general ranker: bot/data/ranker-general.json (shipped; fitted on this set's queries too: in-sample)\n")
    compare_retrieval("StackFAQ", faqs, queries, index, build.seconds)
    answered_and_right(index, queries)
    print("Reference (issue 4): BM25 .61, rapidfuzz token_set_ratio .55, all-MiniLM-L6-v2 .94; target P@1 >= .70")


if __name__ == "__main__":
    main()
