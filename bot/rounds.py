"""Several layoff rounds of one company in one answer: the round asked about (or the biggest) first,
then a one-line total, then the other rounds in a short list, each cited to its own sources.

The total counts each round's headcount once: a round that is `part_of` another (Amazon's November
2022 cuts inside its 18,000 of January 2023) is listed but not added, and rounds without a figure are
counted apart. Only announced rounds (curated or imported) are totalled here; a company's state WARN
notices are summarised on their own line (bot.warn_view).
"""

from __future__ import annotations

import dataclasses
import sqlite3
from dataclasses import dataclass

from .answer import number_text, possessive
from .language import ZH_HANS, date_text
from .retrieval import Document
from .views import Row, company_rounds, contract_rounds

MAX_LISTED = 6  # presentation: other rounds named in the list; the rest are counted ("and 2 more")
ANNOUNCED = 2  # views' tier of WARN notices: below it, announced rounds (curated 0, imported 1)


@dataclass(frozen=True)
class Rounds:
    """A company's announced rounds in a period, largest first (ties: latest first)."""

    company_id: str
    name: str
    rows: tuple[Row, ...]
    sizes: tuple[float | None, ...] = ()  # per row: its headcount, or its share of staff as people
    contract: tuple[Row, ...] = ()  # rounds of contract workers in the period: told, never counted
    name_zh: str = ""  # the company's name as a Chinese answer writes it (its first Chinese alias), else `name`

    @property
    def biggest(self) -> Row:
        return self.rows[0]

    @property
    def comparable(self) -> bool:
        """Whether the biggest round is known: not when a round given only as a share of staff ("10%")
        cannot be set against a headcount (no round of the company gives both, to tell its staff). A round
        counted inside another (`part_of`: Alibaba Cloud's 7% inside the group's 20,000) is no bigger than it."""
        return all(size is not None or row.percent is None or row.part_of is not None
                   for row, size in zip(self.rows, self.sizes, strict=True))


def within(rounds: Rounds, months: frozenset[int]) -> Rounds:
    """`rounds` of the given months only (1..12; a round dated to its year alone is kept), in the same order."""
    kept = [i for i, row in enumerate(rounds.rows) if len(row.date) < 7 or int(row.date[5:7]) in months]
    return dataclasses.replace(rounds, rows=tuple(rounds.rows[i] for i in kept),
                               sizes=tuple(rounds.sizes[i] for i in kept))


def announced_rounds(conn: sqlite3.Connection, company_id: str, name: str, year: int | None = None,
                     month: int | None = None, *, name_zh: str = "") -> Rounds:
    """The company's announced rounds (not its WARN notices) in the period, largest first; rounds of
    unknown size last, latest first among equals. A round given only as a share of staff is sized by a
    headcount one of its sources reported (`event_reports`), else by the staff that the company's
    nearest round stating both figures implies (Meta's 5% of January 2025 by its 11,000 = 13% of
    November 2022); the size only orders rounds and is never shown."""
    every = [r for r in company_rounds(conn, company_id) if r.tier < ANNOUNCED]
    staff = [(_day(r.date), r.headcount * 100 / r.percent) for r in every if r.headcount and r.percent]
    reported = _reported_headcounts(conn, [r.event_id for r in every if r.headcount is None])

    def size(row: Row) -> float | None:
        if row.headcount is not None:
            return float(row.headcount)
        if row.event_id in reported:  # Tesla's "more than 10%", which Electrek put at up to 14,000
            return float(reported[row.event_id])
        if row.percent is None or not staff:
            return None
        return row.percent / 100 * min(staff, key=lambda s: abs(s[0] - _day(row.date)))[1]

    sizes = {r.event_id: size(r) for r in every}

    def bounded(row: Row) -> float | None:
        # A round counted inside another (`part_of`) is no bigger than it: Garena's "up to 15%" of its Shanghai
        # staff, sized as 15% of Sea's, is part of Sea's 7,000 (a share of a site's staff, not the company's)
        own, whole = sizes[row.event_id], sizes.get(row.part_of)
        return min(own, whole) if own is not None and whole is not None else own

    prefix = "" if year is None else f"{year:04d}" + ("" if month is None else f"-{month:02d}")
    sized = sorted(((r, bounded(r)) for r in every if r.date.startswith(prefix)),
                   key=lambda pair: (pair[1] is None, -(pair[1] or 0), pair[0].part_of is not None,
                                     _negated(pair[0].date)))
    contract = tuple(r for r in contract_rounds(conn, company_id) if r.date.startswith(prefix))
    return Rounds(company_id, name, tuple(r for r, _ in sized), tuple(s for _, s in sized), contract, name_zh)


def _reported_headcounts(conn: sqlite3.Connection, event_ids: list[str]) -> dict[str, int]:
    """Event id -> the largest headcount a source reported for it, for rounds whose own figure is a share."""
    if not event_ids:
        return {}
    return dict(conn.execute(
        f"select event_id, max(headcount) from event_reports where headcount is not null "
        f"and event_id in ({', '.join('?' * len(event_ids))}) group by event_id", event_ids).fetchall())


def _day(iso: str) -> int:
    """Days since year 0, roughly: enough to find the nearest round."""
    parts = [int(p) for p in iso.split("-")] + [1, 1]
    return parts[0] * 372 + parts[1] * 31 + parts[2]


def _negated(iso: str) -> tuple[int, ...]:
    return tuple(-int(part) for part in iso.split("-"))


def summary_documents(rounds: Rounds, lead_event_id: str, topic: str, year: int | None = None, *,
                      part_of_year: bool = False) -> tuple[Document, ...]:
    """Up to two documents to follow the lead round's fact: the total of all `rounds` (when two or more
    give a figure), and the list of the rounds other than `lead_event_id` (latest first), each with
    its first source as the citation. `year`: the year `rounds` were read of, which the total names
    ("In 2023, Microsoft's rounds on record come to ...": not all it has on record); None: all years.
    `part_of_year`: `rounds` are some months of the year only (`within`), which the total names by their span."""
    counted = [r for r in rounds.rows if r.headcount is not None and r.part_of is None]
    included = [r for r in rounds.rows if r.part_of is not None]
    without = [r for r in rounds.rows if r.headcount is None and r.part_of is None]
    people = sum(r.headcount for r in counted)
    dates = sorted(r.date for r in rounds.rows)
    first, last = dates[0], dates[-1]
    cites = [f"[{r.source_ids[0]}]" for r in counted if r.source_ids]
    name = rounds.name
    span_en = f"from {date_text(first[:7])} to {date_text(last[:7])}" if first[:7] != last[:7] else \
        f"in {date_text(first[:7])}"
    span_zh = (f"{date_text(first[:7], ZH_HANS)}至{date_text(last[:7], ZH_HANS)}" if first[:7] != last[:7]
               else date_text(first[:7], ZH_HANS))
    rounds_en = f"{len(counted)} round{'s' if len(counted) != 1 else ''}"
    # "on record", not "announced": some rounds are falls in headcount a company reported.
    claim = (f"{f'In {year}' if year else 'In all'}, {possessive(name)} rounds on record come to about "
             f"{number_text(people)} jobs over {rounds_en} {span_en}")
    if part_of_year:  # ("from January 2023 to June 2023, ...": not the year's all)
        claim = (f"{span_en[0].upper()}{span_en[1:]}, {possessive(name)} rounds on record come to about "
                 f"{number_text(people)} jobs over {rounds_en}")
    claim_zh = (f"{f'{year}年' if year and not part_of_year else ''}合计：本库记录的{rounds.name_zh or name}裁员"
                f"{span_zh}共{len(counted)}轮，约{number_text(people)}人")
    notes_en, notes_zh = [], []
    if included:
        notes_en.append(f"{len(included)} more counted within a larger round")
        notes_zh.append(f"另有{len(included)}轮已含在其他轮次的数字中")
    if without:
        notes_en.append(f"{len(without)} more without a figure")
        notes_zh.append(f"另有{len(without)}轮未披露人数")
    if notes_en:
        claim += f" ({'; '.join(notes_en)})"
        claim_zh += f"（{'；'.join(notes_zh)}）"
    # A total of one figure would only repeat it: then the list alone follows the lead.
    total = (Document(f"rounds-total:{rounds.company_id}", "rounds", rounds.company_id, topic, None,
                      f"{claim} {''.join(cites)}.", (), tuple(s[1:-1] for s in cites),
                      f"{claim_zh} {''.join(cites)}。"),) if len(counted) > 1 else ()
    total += _contract_document(rounds, topic)
    others = sorted((r for r in rounds.rows if r.event_id != lead_event_id), key=lambda r: _negated(r.date))
    if not others:
        return total
    shown, rest = others[:MAX_LISTED], len(others) - MAX_LISTED
    items_en = [f"{date_text(r.date)}: {_figure(r, rounds, False)}{_mark(r)}" for r in shown]
    items_zh = [f"{date_text(r.date, ZH_HANS)}：{_figure(r, rounds, True)}{_mark(r)}" for r in shown]
    more_en = f"; and {rest} more" if rest > 0 else ""
    more_zh = f"；另有{rest}轮" if rest > 0 else ""
    listing = Document(f"rounds-list:{rounds.company_id}", "rounds", rounds.company_id, topic, None,
                       "Other rounds: " + "; ".join(items_en) + more_en + ".", (),
                       tuple(r.source_ids[0] for r in shown if r.source_ids),
                       "其他轮次：" + "；".join(items_zh) + more_zh + "。")
    return (*total, listing)


def _contract_document(rounds: Rounds, topic: str) -> tuple[Document, ...]:
    """The company's cuts of contract workers in the period, said apart: they are not its staff, so
    the total above leaves them out."""
    if not rounds.contract:
        return ()
    items_en = [f"{_figure(r, rounds, False)} contract workers cut on {date_text(r.date)}{_mark(r)}"
                for r in rounds.contract]
    items_zh = [f"{date_text(r.date, ZH_HANS)}裁减合同工{_figure(r, rounds, True)}{_mark(r)}" for r in rounds.contract]
    return (Document(f"rounds-contract:{rounds.company_id}", "rounds", rounds.company_id, topic, None,
                     f"Not counted above, as they were not {possessive(rounds.name)} employees: "
                     + "; ".join(items_en) + ".", (), tuple(r.source_ids[0] for r in rounds.contract if r.source_ids),
                     f"以上未计入（非{rounds.name_zh or rounds.name}雇员）：" + "；".join(items_zh) + "。"),)


def _mark(row: Row) -> str:
    return f" [{row.source_ids[0]}]" if row.source_ids else ""


def _figure(row: Row, rounds: Rounds, zh: bool) -> str:
    if row.headcount is not None:
        text = number_text(row.headcount) + ("人" if zh else "")
        if row.percent is not None:
            text += f" ({number_text(row.percent)}%)"
    elif row.percent is not None:
        text = f"{number_text(row.percent)}%"
    else:
        text = "人数未披露" if zh else "no figure given"
    if row.part_of:
        into = next((r for r in rounds.rows if r.event_id == row.part_of), None)
        when = date_text(into.date[:7], ZH_HANS if zh else "en") if into else ""
        if zh:
            text += f"（已含在{when}的数字中）" if when else "（已含在另一轮的数字中）"
        else:
            text += f", counted in {when}'s figure" if when else ", counted in another round's figure"
    return text
