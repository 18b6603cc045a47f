"""StackFAQ (125 StackExchange web-apps threads, 1,250 paraphrased queries): P@1 and MRR.

    python benchmarks/stackfaq.py

Each thread's original question (with its first answer) is one FAQ, loaded with the generic FAQ
import; every query should retrieve its own thread. Questions that name no company, country or layoff topic
are ranked and decided by the shipped general ranker (bot/data/ranker-general.json, fitted on
HINT3's training sentences: `python benchmarks/hint3.py --fit-general`), none of this set's queries.
"""

from __future__ import annotations

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
    compare_retrieval("StackFAQ", faqs, queries, index, build.seconds)
    answered_and_right(index, queries)
    print("Reference (issue 4): BM25 .61, rapidfuzz token_set_ratio .55, all-MiniLM-L6-v2 .94; target P@1 >= .70")


if __name__ == "__main__":
    main()
