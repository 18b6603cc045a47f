"""Telegram presentation, pure: answers as HTML cards and buttons, cutting HTML at Telegram's limit,
the per-user flood gate. Nothing here talks to Telegram; `telegram_bot` sends what these build.
"""

from __future__ import annotations

import collections
import html
import importlib.util
import itertools
import re
import secrets
import time
from collections import OrderedDict
from dataclasses import dataclass, field

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from .answer import Answer, Citation, citation_html, render_html, table_html
from .language import EN, in_script

MAX_MESSAGE = 4096  # Telegram counts UTF-16 code units
MAX_CAPTION = 1024  # a photo's caption
MAX_CALLBACK_DATA = 64  # bytes; button data here stays far below it
FLOOD_WINDOW = 60.0  # seconds
MAX_CARDS = 5000  # answers whose buttons still work; older ones say "expired"


# -- Telegram HTML: length and cutting (pure) -------------------------------------------
def tg_len(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


_HTML_ATOM = re.compile(r"<[^>]*>|&#?[A-Za-z0-9]+;|\n\n|\n| |[^<&\n ]{1,64}|[<&]")
_TAG_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")


def split_html(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """Cut Telegram HTML into messages of at most `limit` UTF-16 units, each valid on its own.

    Cuts fall on a paragraph break if one is in the second half of the message, else a line
    break, else a space, else between words' pieces — never inside a tag or an entity. A tag still
    open at a cut is closed there and opened again at the start of the next message.
    """
    if tg_len(text) <= limit:
        return [text]
    chunks: list[str] = []
    # Each atom: (text, quality of a cut right after it, tags open after it).
    atoms: list[tuple[str, int, tuple[tuple[str, str], ...]]] = []
    stack: tuple[tuple[str, str], ...] = ()
    for match in _HTML_ATOM.finditer(text):
        atom = match.group()
        if atom.startswith("<") and len(atom) > 1 and atom.endswith(">"):
            name_match = _TAG_NAME.match(atom)
            name = name_match.group(1).lower() if name_match else ""
            if atom.startswith("</"):
                stack = stack[:-1] if stack and stack[-1][0] == name else stack
                quality = 0
            else:
                stack = (*stack, (name, atom))
                quality = -1  # never end a message just after an opening tag
        else:
            quality = {"\n\n": 3, "\n": 2, " ": 1}.get(atom, 0)
        atoms.append((atom, quality, stack))

    def closers(open_tags: tuple[tuple[str, str], ...]) -> str:
        return "".join(f"</{name}>" for name, _ in reversed(open_tags))

    def openers(open_tags: tuple[tuple[str, str], ...]) -> str:
        return "".join(tag for _, tag in open_tags)

    start = 0
    prefix = ""  # tags reopened at the start of the current message
    while start < len(atoms):
        length = tg_len(prefix)
        fits: list[tuple[int, int, int]] = []  # (index of the last atom kept, cut quality, length)
        end = start
        while end < len(atoms):
            atom, quality, open_after = atoms[end]
            if length + tg_len(atom) + tg_len(closers(open_after)) > limit:
                break
            length += tg_len(atom)
            fits.append((end, quality, length))
            end += 1
        if end == len(atoms):
            cut = end - 1
        elif not fits:
            cut = start  # one atom longer than a message: only a pathological tag gets here
        else:
            late = [f for f in fits if f[2] >= limit // 2] or fits
            best = max(quality for _, quality, _ in late)
            cut = max(index for index, quality, _ in late if quality == best)
        body = (prefix + "".join(atom for atom, _, _ in atoms[start:cut + 1])).rstrip(" \n")
        chunk = body + closers(atoms[cut][2])
        if _visible(chunk).strip():
            chunks.append(chunk)
        prefix = openers(atoms[cut][2])
        start = cut + 1
        while start < len(atoms) and atoms[start][0] in {"\n\n", "\n", " "}:
            start += 1
    return chunks or ["…"]


def _visible(html_text: str) -> str:
    return html.unescape(re.sub(r"<[^>]*>", "", html_text))


# -- answers as messages with buttons (pure) -----------------------------------------------
@dataclass
class AnswerCard:
    """One answer as sent: what its last message shows, and what its buttons need."""

    question: str
    answer: Answer
    chunks: list[str]
    last_body: str  # the last message without its source block
    key: str = ""
    sources_shown: bool = False
    related_shown: bool = False
    voters: set[int] = field(default_factory=set)

    @property
    def related(self) -> tuple[str, ...]:
        return self.answer.suggestions[:3]


def source_block(citations: tuple[Citation, ...], *, full: bool, limit: int = MAX_MESSAGE) -> str:
    """Compact ("[1] Reuters · [2] Caixin", linked) or full citations, cut to fit `limit`."""
    esc = html.escape
    if full:
        lines = [citation_html(c) for c in citations]
        head, joiner = "<b>Sources</b>\n", "\n"
    else:
        lines = [f'<a href="{esc(c.url, quote=True)}">[{c.number}] {esc(c.publisher)}</a>' for c in citations]
        head, joiner = "<b>Sources</b>: ", " · "
    text = head
    for index, line in enumerate(lines):
        more = f"{joiner}…and {len(lines) - index} more"
        candidate = text + (joiner if index else "") + line
        if tg_len(candidate) + tg_len(more) > limit:
            return text + more
        text = candidate
    return text


def compose_card(answer: Answer) -> AnswerCard:
    """The messages for one answer: claims with [n] markers and a compact, linked source line."""
    if not answer.answered:
        chunks = split_html(render_html(answer, limit=MAX_MESSAGE))
        return AnswerCard(answer.question, answer, chunks, chunks[-1])
    body = "\n\n".join(html.escape(claim) for claim in answer.claims)
    if answer.table:  # a structured answer: its rows as a compact monospace table, when it fits
        table = table_html(answer.table, chinese=answer.lang != EN)
        if tg_len(body) + 2 + tg_len(table) + tg_len(source_block(answer.citations, full=False)) + 2 <= MAX_MESSAGE:
            body += "\n\n" + table
    chunks = split_html(body)
    last_body = chunks[-1]
    compact = source_block(answer.citations, full=False)
    if answer.citations:
        if tg_len(last_body) + 2 + tg_len(compact) <= MAX_MESSAGE:
            chunks[-1] = last_body + "\n\n" + compact
        else:
            chunks.append(compact)
            last_body = ""
    return AnswerCard(answer.question, answer, chunks, last_body)


def card_text(card: AnswerCard) -> str:
    """The last message of a card in its current state (sources compact or expanded)."""
    if not card.answer.answered or not card.answer.citations:
        return card.chunks[-1]
    block = source_block(card.answer.citations, full=card.sources_shown)
    if card.last_body and tg_len(card.last_body) + 2 + tg_len(block) <= MAX_MESSAGE:
        return card.last_body + "\n\n" + block
    return block


def inline_text(answer: Answer) -> str:
    """One message to share from inline mode: as many whole claims as fit, then the linked sources."""
    block = source_block(answer.citations, full=False) if answer.citations else ""
    claims: list[str] = []
    for claim in answer.claims:
        candidate = "\n\n".join([*claims, html.escape(claim), block]).rstrip()
        if tg_len(candidate) > MAX_MESSAGE:
            break
        claims.append(html.escape(claim))
    if not claims:  # the first claim is too long to go whole: its beginning, then the sources
        room = MAX_MESSAGE - tg_len(block) - 4
        if room < 500:
            return compose_card(answer).chunks[0]
        claims = [split_html(html.escape(answer.claims[0]), room)[0] + " …"]
    return "\n\n".join([*claims, block]).rstrip()


def card_keyboard(card: AnswerCard) -> InlineKeyboardMarkup | None:
    rows: list[list[InlineKeyboardButton]] = []
    if not card.answer.answered:
        rows = [[InlineKeyboardButton(button_label(q), callback_data=f"q|{card.key}|{i}")]
                for i, q in enumerate(card.related)]
        return InlineKeyboardMarkup(rows) if rows else None
    first = []
    if card.answer.citations:
        label = "Hide sources" if card.sources_shown else "📚 Sources"
        first.append(InlineKeyboardButton(label, callback_data=f"s|{card.key}"))
    if card.related and not card.related_shown:
        first.append(InlineKeyboardButton("🔎 Related", callback_data=f"r|{card.key}"))
    if card.answer.view is not None and charts_installed():
        first.append(InlineKeyboardButton("📊 Chart", callback_data=f"c|{card.key}"))
    if first:
        rows.append(first)
    if card.related_shown:
        rows += [[InlineKeyboardButton(button_label(q), callback_data=f"q|{card.key}|{i}")]
                 for i, q in enumerate(card.related)]
    rows.append([InlineKeyboardButton("👍", callback_data=f"f|{card.key}|+"),
                 InlineKeyboardButton("👎", callback_data=f"f|{card.key}|-")])
    return InlineKeyboardMarkup(rows)


def charts_installed() -> bool:
    """Whether the `charts` extra (matplotlib) is installed, without importing it."""
    return importlib.util.find_spec("matplotlib") is not None


def chart_caption(answer: Answer) -> str:
    """A chart photo's caption: the answer's first sentence without its [n] markers (≤ 1,024 characters)."""
    first = re.sub(r"\s*\[\d+\]", "", answer.claims[0]) if answer.claims else answer.question
    first = in_script(first, answer.lang)
    return first if len(first) <= MAX_CAPTION else first[: MAX_CAPTION - 1] + "…"


def button_label(question: str) -> str:
    return question if len(question) <= 60 else question[:59] + "…"


class CardStore:
    """Answers whose buttons are live, keyed by a short id (callback data stays far below 64 bytes).

    Keys carry a random per-process prefix, so a button from before a restart is reported as
    expired instead of opening some other answer.
    """

    def __init__(self, capacity: int = MAX_CARDS):
        self.capacity = capacity
        self._cards: OrderedDict[str, AnswerCard] = OrderedDict()
        self._prefix = secrets.token_urlsafe(3)
        self._counter = itertools.count(1)

    def add(self, card: AnswerCard) -> AnswerCard:
        card.key = f"{self._prefix}{_base36(next(self._counter))}"
        self._cards[card.key] = card
        while len(self._cards) > self.capacity:
            self._cards.popitem(last=False)
        return card

    def get(self, key: str) -> AnswerCard | None:
        return self._cards.get(key)


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
        if not number:
            return out


class FloodGate:
    """At most `limit` questions per user in any `window` seconds; one polite warning per window."""

    def __init__(self, limit: int, window: float = FLOOD_WINDOW, clock=time.monotonic):
        self.limit = limit
        self.window = window
        self.clock = clock
        self._asked: dict[int, collections.deque[float]] = {}
        self._warned: dict[int, float] = {}

    def check(self, user_id: int) -> str:
        """"ok" (go ahead), "warn" (refuse politely) or "drop" (refuse silently, already warned)."""
        if self.limit <= 0:
            return "ok"
        now = self.clock()
        asked = self._asked.setdefault(user_id, collections.deque())
        while asked and asked[0] <= now - self.window:
            asked.popleft()
        if len(asked) < self.limit:
            asked.append(now)
            self._warned.pop(user_id, None)
            return "ok"
        warned = self._warned.get(user_id)
        if warned is not None and warned > now - self.window:
            return "drop"
        self._warned[user_id] = now
        if len(self._asked) > 10_000:
            self._forget_idle(now)
        return "warn"

    def _forget_idle(self, now: float) -> None:
        for user_id in [u for u, q in self._asked.items() if not q or q[-1] <= now - self.window]:
            del self._asked[user_id]
            self._warned.pop(user_id, None)


def strip_mentions(text: str, username: str) -> str:
    return re.sub(rf"@{re.escape(username)}\b", " ", text, flags=re.IGNORECASE).strip()
