"""Answer text: claims with numbered citations, as plain text or Telegram HTML. Pure functions."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import asdict, dataclass

from .knowledge import claim_markers
from .language import EN, date_text, in_script, language_of, say
from .matching import Document, Match

MARKER = re.compile(r"\[([a-z0-9][a-z0-9-]*)\]")
# A citation number while an answer is composed, kept apart from brackets a claim's own text may hold
# (an imported FAQ's "see Clause [3]"); written as "[n]" once the numbering is final.
_CITE = re.compile("\ue000(\\d+)\ue001")
TIME_BOUND_TOPICS = {"layoff-size", "profile", "funding", "hiring", "layoff-date"}
NO_ANSWER = say("no_answer")
INDEXED_KINDS = frozenset({"fact", "rule", "event"})  # documents the index holds (others are made per answer)
SHORT_ANSWER_CHARS = 700  # an answer's text beyond its first claim is kept to a short list past this


@dataclass(frozen=True)
class Source:
    id: str
    url: str
    title: str
    publisher: str
    published: str | None


@dataclass(frozen=True)
class Citation:
    number: int
    title: str
    publisher: str
    published: str | None
    url: str


@dataclass(frozen=True)
class Answer:
    question: str
    answered: bool
    claims: tuple[str, ...]  # each with [n] citation markers
    citations: tuple[Citation, ...]
    confidence: float
    fact_ids: tuple[str, ...]
    suggestions: tuple[str, ...]
    note: str = ""
    reply: str = ""  # small talk ("thanks", "hi"): said instead of the no-answer apology
    # A structured answer (bot.views): its rows, each {company, date, headcount, percent, country,
    # sources: [urls]} (+ headcount_range [low, high] when sources disagree), and the view's kind.
    table: tuple[dict, ...] = ()
    view_kind: str | None = None
    view: object = None  # the bot.views.ViewQuery it answers: what its chart draws
    lang: str = EN  # the asker's language (bot.language): what the bot says itself is in it
    # A decline's subject the base knows nothing of ("Pinduoduo"): the terminal (render_plain), where
    # curators work, says how to add it; Telegram's end users (render_html) are not shown commands.
    missing: str = ""

    @property
    def text(self) -> str:
        return render_plain(self)

    def to_json(self) -> dict:
        return {
            "question": self.question,
            "answered": self.answered,
            "answer": render_plain(self, with_citations=False),
            "confidence": round(self.confidence, 3),
            "facts": list(self.fact_ids),
            "citations": [
                {k: v for k, v in asdict(c).items() if k != "number"} for c in self.citations
            ],
            "suggestions": list(self.suggestions),
        } | ({"view": self.view_kind, "table": list(self.table)} if self.table else {})


def possessive(name: str) -> str:
    """English possessive of a name: "Intel's", "Siemens'", and "Byju's" unchanged (already one)."""
    if name.endswith(("'s", "’s")):
        return name
    return name + ("'" if name.endswith("s") else "'s")


def number_text(value: float | int | None) -> str:
    """A figure as people read it: 11000 -> "11,000", 4.70 -> "4.7", None -> ""."""
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}".rstrip("0").rstrip(".")


def small_talk_answer(question: str, reply: str, suggestions: tuple[str, ...]) -> Answer:
    return Answer(question, False, (), (), 0.0, (), suggestions, reply=reply, lang=language_of(question))


def human_date(iso: str | None, lang: str = EN) -> str:
    return date_text(iso, lang)


def compose_answer(question: str, match: Match, sources: dict[str, Source],
                   entity_names: Mapping[str, str]) -> Answer:
    """The answer to show: the best fact first, in full; further facts (other rounds) as their first
    sentence once the text passes `SHORT_ANSWER_CHARS`, and the first one too if it is still longer;
    citations numbered in order of first use, one
    number per page even when two source ids name the same URL."""
    lang = language_of(question)
    if not match.answered:
        notes = [say("no_forecast", lang)] if match.reason == "future" else []  # bot.service: a later period
        notes += [match.note] if match.note else []
        if match.missing:
            notes.append(say("missing_subject", lang, name=match.missing))
        names = [entity_names[e] for e in match.entity_ids if e in entity_names]
        if names and not match.missing and not notes:
            notes.append(say("known_but_not_that", lang, names=say("and", lang).join(names)))
        return Answer(question, False, (), (), match.confidence, (), match.suggestions, " ".join(notes), lang=lang,
                      missing=match.missing or "")
    numbers: dict[str, int] = {}
    by_url: dict[str, int] = {}
    claims: list[str] = []
    length = 0
    for position, doc in enumerate(match.documents):
        claim = _numbered_claim(doc, numbers, by_url, sources, lang)
        if position and length + len(claim) > SHORT_ANSWER_CHARS:
            claim = _first_sentence(claim)
        claims.append(claim)
        length += len(claim)
    if length > SHORT_ANSWER_CHARS and len(claims) > 1 or getattr(match, "brief", False):
        claims[0] = _first_sentence(claims[0])  # still long, or asked only what it says: its first sentence answers
    if lang != EN and any(not (d.claim_zh or _is_chinese(d.claim)) for d in match.documents):
        claims[0] = say("english_lead", lang) + claims[0]
    if match.note:  # said before an answer, when the facts are not quite what was named ("YouTube": Alphabet's)
        claims[0] = f"{match.note} {claims[0]}"
    # Shortened claims may no longer cite every page numbered: number those still cited 1, 2, 3...
    used = list(dict.fromkeys(int(n) for claim in claims for n in _CITE.findall(claim)))
    renumber = {old: new for new, old in enumerate(used, 1)}
    claims = [_CITE.sub(lambda m: f"[{renumber[int(m.group(1))]}]", claim) for claim in claims]
    seen: set[int] = set()
    citations = []
    for source_id, number in sorted(numbers.items(), key=lambda pair: renumber.get(pair[1], 0)):
        if number in seen or number not in renumber or source_id not in sources:
            continue
        seen.add(number)
        s = sources[source_id]
        citations.append(Citation(renumber[number], s.title, s.publisher, s.published, s.url))
    return Answer(question, True, tuple(claims), tuple(citations), match.confidence,
                  # summaries made at answer time (bot.warn_view, bot.rounds) are no fact of the index
                  tuple(d.id for d in match.documents if d.kind in INDEXED_KINDS),
                  match.suggestions, lang=lang)


def _is_chinese(text: str) -> bool:
    cjk = sum(1 for c in text if "\u3400" <= c <= "\u9fff")
    return cjk > len(text) * 0.2


def _first_sentence(claim: str) -> str:
    """A claim's first sentence with the citation marks that follow it; when the sentence itself carries none, the
    claim's marks if only its last sentence carries any (they cite it whole), else the sentences up to the first that
    does: its sources cite what they follow, never a sentence before them alone (India's
    "100 or more workers needed permission" shown with the marks of the next sentence, "the 2020 Code raises that
    threshold to 300 workers [1] [2]", and of every later one, had cited seven sources for what none of them said)."""
    ends = [m.end() for m in re.finditer("[.。](?:\\s*\ue000\\d+\ue001)*(?=\\s|$)", claim)]
    if not ends:
        return claim
    if len(ends) > 1 and not _CITE.search(claim[:ends[-2]]):
        # marks on the last sentence only: its sources cite the claim whole (an imported FAQ answer, a one-source
        # claim), the first sentence with them
        marks = "".join(dict.fromkeys(m.group(0) for m in _CITE.finditer(claim)))
        return f"{claim[:ends[0]]} {marks}".rstrip()
    return next((claim[:end] for end in ends if _CITE.search(claim[:end])), claim)


def _numbered_claim(doc: Document, numbers: dict[str, int], by_url: dict[str, int],
                    sources: dict[str, Source], lang: str) -> str:
    def number(source_id: str) -> str:
        if source_id not in numbers:
            url = sources[source_id].url if source_id in sources else source_id
            numbers[source_id] = by_url.setdefault(url, len(by_url) + 1)
        return f"\ue000{numbers[source_id]}\ue001"

    marked = claim_markers(doc.claim, doc.topic)  # an imported FAQ's "see Clause [3]" stays as written
    text = doc.claim_zh if lang != EN and doc.claim_zh else doc.claim  # same markers and figures (loader)
    claim = MARKER.sub(lambda m: number(m.group(1)) if m.group(1) in marked else m.group(0), text)
    claim = re.sub("(\ue000\\d+\ue001)(?:\\s*\\1)+", r"\1", claim)  # the same page cited twice in a row
    unmarked = [s for s in doc.source_ids if s not in marked]
    if unmarked and not marked:
        claim = claim.rstrip() + " " + "".join(dict.fromkeys(number(s) for s in unmarked))
    if doc.topic in TIME_BOUND_TOPICS and doc.as_of:
        claim += f" ({say('as_of', lang, date=date_text(doc.as_of, lang))})"
    return claim


def _citation_line(c: Citation, lang: str = EN) -> str:
    when = (c.published or say("undated", lang)).rstrip(".")
    title = f" \u201c{c.title}\u201d," if c.title else ""  # a headline nobody saw is left out
    return f"[{c.number}] {c.publisher},{title} {when}. {c.url}"


def render_plain(answer: Answer, *, with_citations: bool = True) -> str:
    lang = answer.lang
    if not answer.answered:
        lines = [answer.reply or say("no_answer", lang)]
        if answer.note:
            lines.append(answer.note + (" " + say("how_to_add", lang) if answer.missing else ""))
        if answer.suggestions:
            lines.append(say("you_could_ask", lang))
            lines.extend(f"- {s}" for s in answer.suggestions)
        return in_script("\n".join(lines), lang)
    text = "\n\n".join(([answer.note] if answer.note else []) + list(answer.claims))
    if with_citations and answer.table:
        text += "\n\n" + plain_table(answer.table, chinese=lang != EN)
    if with_citations and answer.citations:
        text += f"\n\n{say('sources', lang)}:\n" + "\n".join(_citation_line(c, lang) for c in answer.citations)
    return in_script(text, lang)


TABLE_HEADERS = {False: ("Company", "Date", "Headcount", "Percent", "Country"),
                 True: ("公司", "日期", "人数", "比例", "国家")}


def plain_table(rows: tuple[dict, ...], *, chinese: bool = False) -> str:
    """Rows of a structured answer as an aligned text table (figures right-aligned)."""
    def figure(row: dict) -> str:
        if row.get("headcount_range"):
            low, high = row["headcount_range"]
            return f"{low:,}–{high:,}"
        return f"{row['headcount']:,}" if row.get("headcount") is not None else "–"

    cells = [TABLE_HEADERS[chinese]] + [
        (row["company"], row["date"] or "", figure(row),
         f"{row['percent']:g}%" if row.get("percent") is not None else "–", row.get("country") or "")
        for row in rows
    ]
    widths = [max(_width(line[i]) for line in cells) for i in range(5)]

    def pad(text: str, i: int) -> str:
        space = " " * (widths[i] - _width(text))
        return space + text if i in (2, 3) else text + space

    return "\n".join("  ".join(pad(text, i) for i, text in enumerate(line)).rstrip() for line in cells)


def table_html(rows: tuple[dict, ...], *, chinese: bool = False, limit: int = 1500) -> str:
    """A compact monospace table for Telegram (company, month, headcount) in a <pre> block of at most
    `limit` characters: rows that do not fit are counted in a last line."""
    def line(company: str, date: str, figure: str) -> str:
        company = company if _width(company) <= 16 else company[:15] + "…"
        return f"{company}{' ' * (17 - _width(company))}{date[:7]:8}{figure:>13}"

    def figure(row: dict) -> str:
        if row.get("headcount_range"):
            return "{:,}–{:,}".format(*row["headcount_range"])
        if row.get("headcount") is not None:
            return f"{row['headcount']:,}"
        return f"{row['percent']:g}%" if row.get("percent") is not None else "–"

    header = TABLE_HEADERS[chinese]
    lines = [line(header[0], header[1], header[2])]
    for shown, row in enumerate(rows):
        candidate = line(row["company"], row["date"] or "", figure(row))
        more = len(rows) - shown
        if len(html.escape("\n".join([*lines, candidate]))) + 40 > limit:
            lines.append(f"… 另有{more}行" if chinese else f"… {more} more")
            break
        lines.append(candidate)
    return "<pre>" + html.escape("\n".join(lines)) + "</pre>"


def _width(text: str) -> int:
    """Columns a string takes in a monospace font (wide East Asian characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def citation_html(c: Citation, lang: str = EN) -> str:
    """One citation as Telegram HTML: "[n] Publisher, <a href=url>Title</a>, date" (the publisher is
    the link when the page's headline is not recorded)."""
    esc = html.escape
    link = f'<a href="{esc(c.url, quote=True)}">{esc(c.title or c.publisher)}</a>'
    lead = f"{esc(c.publisher)}, {link}" if c.title else link
    return f"[{c.number}] {lead}, {esc(c.published or say('undated', lang))}"


def render_html(answer: Answer, *, limit: int = 4096) -> str:
    """Telegram HTML: every piece of text escaped, sources as links, at most `limit` characters."""
    esc = html.escape
    lang = answer.lang
    if not answer.answered:
        parts = [esc(answer.reply or say("no_answer", lang))]
        if answer.note:
            parts.append(esc(answer.note))
        if answer.suggestions:
            parts.append(say("you_could_ask", lang) + "\n" + "\n".join(f"• {esc(s)}" for s in answer.suggestions))
        return in_script(_fit("\n".join(parts), limit), lang)
    body = "\n\n".join(esc(c) for c in ([answer.note] if answer.note else []) + list(answer.claims))
    cites = [citation_html(c, lang) for c in answer.citations]
    text = body + (f"\n\n<b>{say('sources', lang)}</b>\n" + "\n".join(cites) if cites else "")
    return in_script(_fit(text, limit, fallback=body), lang)


def _fit(text: str, limit: int, fallback: str | None = None) -> str:
    if len(text) <= limit:
        return text
    if fallback is not None and len(fallback) <= limit:
        return fallback
    # Cut at a line boundary of escaped plain text only (fallback has no tags).
    plain = fallback if fallback is not None else text
    cut = plain[: limit - 2].rsplit("\n", 1)[0]
    cut = re.sub(r"&[a-z#0-9]*$", "", cut)
    return cut + " …"
