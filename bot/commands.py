"""Chat commands shared by the terminal chat and Telegram: /help, /about, /sources, /reset, /quit.

Each text is written once here and rendered for its surface: plain text for the terminal,
Telegram HTML for the bot (every piece of data escaped). `ChatSession` is the terminal's
conversation: a line in, the replies out; Telegram's handlers call the same text builders.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path

from .answer import Answer, Citation, human_date, number_text
from .matching import Conversation
from .text import normalize

EXAMPLES = (
    "How many employees did Xiaohongshu lay off?",
    "Why? (follow-ups keep the context)",
    "And JD.com?",
    "How much notice must a US employer give before a mass layoff?",
    "What does N+1 mean?",
)
INTRO = ("I answer questions about company layoffs (who cut how many, when, why) and the rules "
         "around them (notice, severance, consultation), always with my sources.")
TELEGRAM_TIPS = ("In groups, mention me, reply to me, or use /ask QUESTION. In any chat, type my username "
                 "and a question to share an answer.")
_ABOUT = ("/about", "what I cover and how recent it is")
_RESET = ("/reset", "start a fresh conversation (follow-ups forget the last topic)")
COMMANDS = {  # surface -> (command, what it does)
    "telegram": (_ABOUT, ("/sources", "what I cite"), _RESET),
    "terminal": (_ABOUT, ("/sources", "the sources of my last answer, in full"), _RESET,
                 ("/quit", "leave (Ctrl-D works too)")),
}
HONESTY = "When I have no sourced answer, I say so."
RESET_TEXT = "New conversation: follow-up questions start fresh."
NO_SOURCES_YET = "No answer yet, so no sources to show. Ask a question first."
GREETING = "Ask about company layoffs or layoff rules. /help shows examples and commands; /quit leaves."
# Messages that ask what the bot is for: answered with the help text, never a decline.
HELP_REQUESTS = frozenset(normalize(q) for q in (
    "help", "help me", "what can you do", "what can i ask", "what can i ask you", "what do you do",
    "what do you know", "how does this work", "how do i use this", "what are you", "who are you",
    "commands", "menu",
))
NAMED_COMPANIES = 8  # /about names the companies with the most layoff events, then "and N more"


def help_text(surface: str, *, as_html: bool = False) -> str:
    """How to ask, with examples and the commands of `surface` ("telegram" or "terminal")."""
    esc = html.escape if as_html else str
    lines = [esc(INTRO), "", "<b>Try</b>" if as_html else "Try:"]
    lines += [f"• {esc(example)}" for example in EXAMPLES]
    lines.append("")
    if surface == "telegram":
        lines += [esc(TELEGRAM_TIPS), ""]
    lines += [f"{command} — {esc(what)}" for command, what in COMMANDS[surface]]
    lines += ["", esc(HONESTY)]
    return "\n".join(lines)


def is_help_request(text: str) -> bool:
    """"help", "what can you do?" and the like (in any case and punctuation)."""
    return normalize(text) in HELP_REQUESTS or text.strip() == "?"


# -- /about ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Coverage:
    """What the fact base covers: counts (as `kb stats`), names, and dates (ISO strings or None)."""

    counts: dict[str, int]
    companies: tuple[str, ...]  # most layoff events first
    jurisdictions: tuple[str, ...]  # top-level ones, each with its parts: "United States (California, New York)"
    first_event: str | None
    last_event: str | None
    latest: str | None  # the newest as-of date of a fact or rule, or publication date of a source


def describe_base(db_path: Path) -> Coverage:
    """Read what the fact base at `db_path` covers, read-only (blocking: run it in a thread).

    Raises DatabaseError when there is no database there, sqlite3.Error when it cannot be read.
    """
    import sqlite_utils

    from .db import connect_readonly, table_counts

    live = "coalesce(retired, 0) = 0"
    conn = connect_readonly(db_path)
    try:
        counts = table_counts(sqlite_utils.Database(conn))
        # The state WARN registers (companies of origin warn, events of origin warn-<state>) are
        # counted apart: 12k employers known from one notice each are not what "companies" promises.
        companies = tuple(r[0] for r in conn.execute(
            f"select c.name from companies c left join events e on e.company_id = c.id and {live} "
            "and coalesce(e.origin, '') not like 'warn-%' where coalesce(c.origin, '') != 'warn' "
            "group by c.id order by count(e.id) desc, c.name collate nocase"))
        counts["companies"] = len(companies)
        counts["events"], counts["warn_notices"] = conn.execute(
            f"select sum(coalesce(origin, '') not like 'warn-%'), sum(coalesce(origin, '') like 'warn-%') "
            f"from events where {live}").fetchone()
        counts["warn_employers"] = conn.execute("select count(*) from companies where origin = 'warn'").fetchone()[0]
        counts["warn_states"] = [r[0] for r in conn.execute(
            "select distinct substr(origin, 6) from events where origin like 'warn-%' order by 1")]
        rows = conn.execute("select id, name, parent from jurisdictions order by name collate nocase").fetchall()
        first_event, last_event = conn.execute(  # notices can announce future dates: up to today only
            f"select min(date), max(date) from events where {live} and date <= date('now') "
            "and coalesce(origin, '') not like 'warn-%'").fetchone()
        latest = conn.execute(
            f"select max(d) from (select max(as_of) as d from facts where {live} "
            f"union all select max(as_of) from rules where {live} "
            "union all select max(published) from sources) where d <= date('now')"
        ).fetchone()[0]
    finally:
        conn.close()
    ids = {r["id"] for r in rows}
    parts = {r["id"]: [p["name"] for p in rows if p["parent"] == r["id"]] for r in rows}
    jurisdictions = tuple(r["name"] + (f" ({', '.join(parts[r['id']])})" if parts[r["id"]] else "")
                          for r in rows if r["parent"] not in ids)
    return Coverage(counts, companies, jurisdictions, first_event, last_event, latest)


def _listed(names: tuple[str, ...], limit: int) -> str:
    shown = list(names[:limit])
    if len(names) > limit:
        return ", ".join(shown) + f" and {len(names) - limit} more"
    if len(shown) > 1:
        return ", ".join(shown[:-1]) + " and " + shown[-1]
    return "".join(shown)


def about_text(coverage: Coverage, *, as_html: bool = False) -> str:
    """What the base covers — companies, jurisdictions, date range, counts — and how recent it is."""
    esc = html.escape if as_html else str
    c = coverage.counts
    span = ""
    if coverage.first_event and coverage.last_event:
        span = f" from {human_date(coverage.first_event)} to {human_date(coverage.last_event)}"
    n = number_text
    registers = ""
    if c.get("warn_notices"):
        from .warn_view import STATES

        states = [STATES[s][0] if s in STATES else s.upper() for s in c["warn_states"]]
        registers = (f" I also hold the WARN registers of {_listed(tuple(states), len(states))} "
                     f"({n(c['warn_notices'])} notices, {n(c['warn_employers'])} more employers).")
    lines = [
        f"I cover {n(c['companies'])} companies ({n(c['events'])} layoff events, {n(c['facts'])} facts) "
        f"and {n(c['rules'])} rules in {n(c['jurisdictions'])} jurisdictions, citing {n(c['sources'])} sources."
        + registers,
        "",
        f"Companies, most layoff events first: {esc(_listed(coverage.companies, NAMED_COMPANIES))}.",
        f"Layoff events{esc(span)}.",
        f"Rules for: {esc(_listed(coverage.jurisdictions, len(coverage.jurisdictions)))}.",
        "",
        f"My most recent source or fact is dated {esc(human_date(coverage.latest))}; "
        "anything later is not in my base yet.",
        "",
        "Ask away, or see /help for examples.",
    ]
    return "\n".join(lines)


# -- /sources ------------------------------------------------------------------------------
def citations_text(citations: tuple[Citation, ...]) -> str:
    """The full citations of one answer, one numbered block each (plain text)."""
    blocks = [f"[{c.number}] {c.title or c.publisher}\n    {c.publisher}, {human_date(c.published)}\n    {c.url}"
              for c in citations]
    return "Sources of my last answer:\n" + "\n".join(blocks)


# -- the terminal's conversation -------------------------------------------------------------
@dataclass
class Reply:
    """What one input line produced: an answer, or a command's text."""

    text: str
    answer: Answer | None = None
    command: str | None = None  # "help", "about", "sources", "reset" or "quit"

    def to_json(self) -> dict:
        if self.answer is not None:
            return self.answer.to_json()
        data = {"command": self.command, "text": self.text}
        if self.command == "reset":
            data["reset"] = True
        return data


@dataclass
class ChatSession:
    """One terminal conversation over a FactBase: commands, follow-up context, the last answer.

    `interactive` is the human mode, where /quit and /exit leave; in the line-per-line JSON mode
    they are questions like any other.
    """

    factbase: object  # bot.service.FactBase (not imported: it is heavy)
    interactive: bool = True
    conversation: Conversation = field(default_factory=Conversation)
    last_answer: Answer | None = None

    def handle(self, line: str) -> Reply:
        text = line.strip()
        command = text.split()[0].lower() if text.startswith("/") else ""
        command = command.partition("@")[0]
        if command == "/help" or is_help_request(text):
            return Reply(help_text("terminal"), command="help")
        if command == "/about":
            return Reply(about_text(describe_base(self.factbase.path)), command="about")
        if command == "/sources":
            if self.last_answer is None or not self.last_answer.citations:
                return Reply(NO_SOURCES_YET, command="sources")
            return Reply(citations_text(self.last_answer.citations), command="sources")
        if command == "/reset":
            self.conversation, self.last_answer = Conversation(), None
            return Reply(RESET_TEXT, command="reset")
        if self.interactive and command in {"/quit", "/exit"}:
            return Reply("", command="quit")
        if not text:  # nothing asked: a no-answer that leaves the conversation as it was
            answer, _ = self.factbase.ask("", Conversation())
            return Reply(answer.text, answer=answer)
        answer, self.conversation = self.factbase.ask(text, self.conversation)
        if answer.answered:
            self.last_answer = answer
        return Reply(answer.text, answer=answer)
