"""Measuring the matcher on a question set: pure functions over a `FactIndex`.

A question set is a CSV file with the columns `question,expected,thread,category`:
`expected` is one or more fact ids separated by `|` (any of them is a right answer), `none`
when the bot must abstain, or `structured:<kind>` (ranking, total, list, comparison, timeline,
latest) when the answer is a view over many events; rows sharing a `thread` are asked in order within one conversation
(follow-ups); `category` groups the rows in the report.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .matching import Conversation, FactIndex, match_and_rank

NONE = "none"
STRUCTURED = "structured:"
WARN_SUMMARY = "warn-summary:"  # + a company id: answered from its WARN notices (bot.warn_view)
WARN_REGISTERS = "warn-registers:"  # + a year: every bundled register's count of notices (bot.warn_view)
REQUIRED_COLUMNS = ("question", "expected")


class EvalSetError(Exception):
    """The question set cannot be read; the message lists `FILE:LINE: problem` lines."""


@dataclass(frozen=True)
class EvalQuestion:
    question: str
    expected: tuple[str, ...]  # empty: the bot must abstain
    thread: str = ""
    category: str = ""
    line: int = 0


@dataclass(frozen=True)
class EvalResult:
    item: EvalQuestion
    answered: bool
    fact_ids: tuple[str, ...]  # what the answer cites, as the bot orders them (a view: "structured:<kind>")
    top_id: str | None  # the best-scored candidate, answered or not
    rank: int | None  # 1-based rank of the first expected id among the candidates
    confidence: float
    right: bool
    wrong_entity: bool


@dataclass
class CategoryStats:
    questions: int = 0
    right: int = 0
    answerable: int = 0
    top1: int = 0
    reciprocal_ranks: float = 0.0

    def to_json(self) -> dict:
        return {
            "questions": self.questions,
            "right": self.right,
            "accuracy": _ratio(self.right, self.questions),
            "p_at_1": _ratio(self.top1, self.answerable) if self.answerable else None,
            "mrr": _ratio(self.reciprocal_ranks, self.answerable) if self.answerable else None,
        }


@dataclass
class EvalReport:
    results: list[EvalResult]
    categories: dict[str, CategoryStats] = field(default_factory=dict)

    @property
    def answerable(self) -> list[EvalResult]:
        return [r for r in self.results if r.item.expected]

    @property
    def unanswerable(self) -> list[EvalResult]:
        return [r for r in self.results if not r.item.expected]

    def to_json(self) -> dict:
        answerable, unanswerable = self.answerable, self.unanswerable
        right = sum(r.right for r in self.results)
        return {
            "questions": len(self.results),
            "answerable": len(answerable),
            "unanswerable": len(unanswerable),
            "right": right,
            "accuracy": _ratio(right, len(self.results)),
            "p_at_1": _ratio(sum(r.rank == 1 for r in answerable), len(answerable)),
            "mrr": _ratio(sum(1 / r.rank for r in answerable if r.rank), len(answerable)),
            "answered_correct": sum(r.right for r in answerable),
            "answered_wrong": sum(r.answered and not r.right for r in answerable),
            # Wrong answers: answered with something that does not answer the question (answerable
            # or not); a decline is never a wrong answer.
            "wrong_answers": sum(r.answered and not r.right for r in self.results),
            "abstained_wrongly": sum(not r.answered for r in answerable),
            "abstained_correct": sum(r.right for r in unanswerable),
            "answered_unanswerable": sum(r.answered for r in unanswerable),
            "wrong_entity": sum(r.wrong_entity for r in self.results),
            "categories": {name: stats.to_json() for name, stats in sorted(self.categories.items())},
            "failures": [_failure_json(r) for r in self.results if not r.right],
        }


def _ratio(part: float, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def _failure_json(result: EvalResult) -> dict:
    return {
        "line": result.item.line,
        "question": result.item.question,
        "expected": list(result.item.expected) or [NONE],
        "thread": result.item.thread,
        "category": result.item.category,
        "answered": result.answered,
        "facts": list(result.fact_ids),
        "top": result.top_id,
        "rank": result.rank,
        "confidence": round(result.confidence, 3),
        "wrong_entity": result.wrong_entity,
    }


def load_questions(path: Path) -> list[EvalQuestion]:
    """Read a question set; every problem is reported at once."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise EvalSetError(f"{path}: cannot read: {exc}") from None
    reader = csv.DictReader(text.splitlines())
    missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise EvalSetError(f"{path}:1: missing column(s): {', '.join(missing)}")
    problems: list[str] = []
    items: list[EvalQuestion] = []
    for row in reader:
        line = reader.line_num
        question = (row.get("question") or "").strip()
        expected_text = (row.get("expected") or "").strip()
        if not question:
            problems.append(f"{path}:{line}: empty question")
            continue
        if not expected_text:
            problems.append(f"{path}:{line}: empty expected (use '{NONE}' for questions to abstain on)")
            continue
        expected = tuple(e.strip() for e in expected_text.split("|") if e.strip())
        if NONE in expected:
            if len(expected) > 1:
                problems.append(f"{path}:{line}: '{NONE}' cannot be combined with fact ids")
                continue
            expected = ()
        items.append(EvalQuestion(question, expected, (row.get("thread") or "").strip(),
                                  (row.get("category") or "").strip() or "uncategorised", line))
    if problems:
        raise EvalSetError("\n".join(problems))
    if not items:
        raise EvalSetError(f"{path}: no questions")
    return items


def unknown_ids(index: FactIndex, items: list[EvalQuestion], other_ids: frozenset[str] = frozenset()) -> list[str]:
    """`FILE LINE: id` for expected ids the fact base does not hold (a stale or mistyped label).

    `other_ids`: ids the base holds that are not answer documents themselves (events told by a
    curated fact), which a label may list as an alternative."""
    return [f"line {item.line}: {fact_id}" for item in items for fact_id in item.expected
            if fact_id not in index.documents and fact_id not in other_ids
            and not fact_id.startswith((STRUCTURED, WARN_SUMMARY, WARN_REGISTERS))]


def evaluate(index: FactIndex, items: list[EvalQuestion], matcher=match_and_rank) -> EvalReport:
    """Ask every question; rows of one thread share a conversation, in file order.

    `matcher` has `match_and_rank`'s signature (`FactBase.match_and_rank` takes other parameters)."""
    conversations: dict[str, Conversation] = {}
    results: list[EvalResult] = []
    for item in items:
        conversation = conversations.get(item.thread, Conversation()) if item.thread else Conversation()
        match, ranked = matcher(index, item.question, conversation)
        if item.thread:
            conversations[item.thread] = match.conversation
        view = getattr(match, "view", None)
        cited = _view_cited(item, view, match.conversation) if view is not None else tuple(
            d.id for d in match.documents)
        ranked_ids = [cited[0]] if view is not None else [doc_id for _, doc_id in ranked]
        results.append(judge(index, item, match.answered, cited, ranked_ids, match.confidence))
    report = EvalReport(results)
    categories: dict[str, CategoryStats] = defaultdict(CategoryStats)
    for result in results:
        stats = categories[result.item.category]
        stats.questions += 1
        stats.right += result.right
        if result.item.expected:
            stats.answerable += 1
            stats.top1 += result.rank == 1
            stats.reciprocal_ranks += 1 / result.rank if result.rank else 0.0
    report.categories = dict(categories)
    return report


# Views whose first row is the answer's lead (a total or a comparison sums rounds: none leads).
_VIEWS_LED_BY_A_ROUND = frozenset({"ranking", "timeline", "latest", "list"})


def _view_cited(item: EvalQuestion, view, after: Conversation) -> tuple[str, ...]:
    """What a view answer is judged by: its kind ("structured:timeline") where the label names a view or the
    view sums rounds (a total, a comparison), else the round it leads with (its event id, kept by the
    conversation after it): "any more after that?" answered by the timeline of the later rounds is judged
    as its first round, as a fact answer is by the fact it leads with."""
    kind = f"{STRUCTURED}{view.kind}"
    if view.kind == "timeline" and len(view.company_ids) == 1 and f"{STRUCTURED}list" in item.expected:
        # "list all of Google's layoffs", "every Byju's layoff round": a list of one company's rounds is its timeline,
        # every round in date order (the views list companies; one company's rounds are told as its timeline). The
        # question sets label the same question either way ("list all cisco layoffs": timeline, in train).
        return (f"{STRUCTURED}list",)
    if (any(e.startswith(STRUCTURED) for e in item.expected) or not after.doc_ids
            or view.kind not in _VIEWS_LED_BY_A_ROUND):
        return (kind,)
    return (after.doc_ids[0],)


def judge(index: FactIndex, item: EvalQuestion, answered: bool, fact_ids: tuple[str, ...],
          ranked_ids: list[str], confidence: float) -> EvalResult:
    """Score one answer.

    Right means: for an answerable question, answered with an expected fact leading the answer (the
    ranker's best candidate, unless a guard set it aside: a year or place the question names); otherwise,
    abstained. P@1 and MRR rank the ranker's own order (`ranked_ids`). A wrong-entity answer cites a fact
    of a company or jurisdiction that none of the expected facts belongs to (facts of no entity never count).
    """
    expected = set(item.expected)
    top_id = ranked_ids[0] if ranked_ids else None
    rank = next((position for position, doc_id in enumerate(ranked_ids, 1) if doc_id in expected), None)
    if expected:
        right = answered and (fact_ids[0] if fact_ids else top_id) in expected
        expected_entities = {index.documents[e].entity_id for e in expected if e in index.documents}
        wrong_entity = answered and bool(expected_entities) and any(
            f in index.documents and (entity := index.documents[f].entity_id) is not None
            and entity not in expected_entities for f in fact_ids
        )
    else:
        right = not answered
        wrong_entity = False
    return EvalResult(item, answered, fact_ids, top_id, rank, confidence, right, wrong_entity)


def format_report(report: EvalReport, *, max_failures: int | None = None) -> str:
    """The report as plain text: totals, a per-category table, then the failures."""
    data = report.to_json()
    lines = [
        f"questions          {data['questions']} ({data['answerable']} answerable, "
        f"{data['unanswerable']} to abstain on)",
        f"right              {data['right']} ({data['accuracy']:.1%})",
        f"P@1                {data['p_at_1']:.3f}",
        f"MRR                {data['mrr']:.3f}",
        f"answered correct   {data['answered_correct']} / {data['answerable']} "
        f"(answered wrong {data['answered_wrong']}, abstained {data['abstained_wrongly']})",
        f"abstained correct  {data['abstained_correct']} / {data['unanswerable']} "
        f"(answered anyway {data['answered_unanswerable']})",
        f"wrong answers      {data['wrong_answers']} ({_ratio(data['wrong_answers'], data['questions']):.1%})",
        f"wrong-entity       {data['wrong_entity']}",
        "",
        f"{'category':22} {'n':>4} {'right':>7} {'P@1':>6} {'MRR':>6}",
    ]
    for name, stats in data["categories"].items():
        ranking = "     -      -" if stats["p_at_1"] is None else f"{stats['p_at_1']:>6.3f} {stats['mrr']:>6.3f}"
        lines.append(f"{name:22} {stats['questions']:>4} {stats['accuracy']:>7.1%} {ranking}")
    failures = data["failures"]
    if failures:
        lines += ["", f"failures ({len(failures)}):"]
        for failure in failures[:max_failures]:
            got = ", ".join(failure["facts"]) if failure["answered"] else f"abstained (top {failure['top']})"
            flag = " WRONG ENTITY" if failure["wrong_entity"] else ""
            thread = f" [{failure['thread']}]" if failure["thread"] else ""
            lines.append(f"  line {failure['line']}{thread} {failure['category']}: {failure['question']!r}")
            lines.append(f"    expected {'|'.join(failure['expected'])}; got {got} "
                         f"(confidence {failure['confidence']}, rank {failure['rank']}){flag}")
    return "\n".join(lines)


def format_side_by_side(reports: dict[str, EvalReport]) -> str:
    """Several question sets (e.g. train, dev, test) in one table: the headline figures, then
    accuracy per category. Columns are the sets, in the order given."""
    data = {name: report.to_json() for name, report in reports.items()}
    names = list(data)
    width = max(12, *(len(n) for n in names))

    def row(label: str, cells: list[str]) -> str:
        return f"{label:24}" + "".join(f"{cell:>{width + 2}}" for cell in cells)

    lines = [row("", names)]
    lines.append(row("questions", [str(d["questions"]) for d in data.values()]))
    lines.append(row("right", [f"{d['accuracy']:.1%}" for d in data.values()]))
    lines.append(row("wrong answers", [f"{d['wrong_answers']} ({_ratio(d['wrong_answers'], d['questions']):.1%})"
                                       for d in data.values()]))
    lines.append(row("wrong-entity", [str(d["wrong_entity"]) for d in data.values()]))
    lines.append(row("answered correct", [f"{d['answered_correct']}/{d['answerable']}" for d in data.values()]))
    lines.append(row("abstained correct", [f"{d['abstained_correct']}/{d['unanswerable']}" for d in data.values()]))
    lines.append(row("P@1", [f"{d['p_at_1']:.3f}" for d in data.values()]))
    lines.append(row("MRR", [f"{d['mrr']:.3f}" for d in data.values()]))
    categories = sorted({c for d in data.values() for c in d["categories"]})
    lines += ["", row("right by category", [""] * len(names))]
    for category in categories:
        cells = []
        for d in data.values():
            stats = d["categories"].get(category)
            cells.append(f"{stats['accuracy']:.1%} ({stats['questions']})" if stats else "-")
        lines.append(row(f"  {category}", cells))
    return "\n".join(lines)
