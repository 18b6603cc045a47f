"""`layoffbot kb` subcommands defined in this module are added to the `kb` group by `register`.

Curator commands: add, edit, retire, history, undo, export. Each parses options, makes one call
into `bot.curation` and prints; `CurationError` becomes a one-line (or one-line-per-problem) error.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click


def _stdin_is_terminal() -> bool:
    return sys.stdin.isatty()


def _db_path(db_path: Path | None) -> Path:
    from .config import Settings

    return db_path or Settings.from_env().db_path


def _db_option(func):
    return click.option(
        "--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
        help="Database file (default: $LAYOFFBOT_DB, else the per-user data directory).",
    )(func)


def _item_options(func):
    """The fields of a fact, rule or event, shared by `kb add` and `kb edit`."""
    options = [
        click.option("--id", "item_id", help="New id: lowercase kebab-case, unique, never changed later."),
        click.option("--entity", help="Fact: the company or jurisdiction id it is about (none for general facts)."),
        click.option("--jurisdiction", help="Rule: its jurisdiction id (adding with this makes a rule)."),
        click.option("--company", help="Event: its company id."),
        click.option("--topic", help="Fact or rule topic (see knowledge/README.md)."),
        click.option("--claim", help="The claim, in your words, with [source-id] markers."),
        click.option("--claim-zh", "claim_zh",
                     help="Fact or rule: the claim in Chinese, with the same markers and figures."),
        click.option("--question", "questions", multiple=True, help="How people would ask (repeatable; replaces)."),
        click.option("--as-of", "as_of", help="When the claim was true or reported: YYYY-MM-DD or YYYY-MM."),
        click.option("--threshold", help="Rule: who or how many it applies to."),
        click.option("--period-days", type=int, help="Rule: notice or consultation period in days."),
        click.option("--date", help="Event: YYYY-MM-DD or YYYY-MM."),
        click.option("--headcount", type=int, help="Event: people laid off."),
        click.option("--percent", type=float, help="Event: share of staff, 0..100."),
        click.option("--place", help="Event: where."),
        click.option("--country", help="Event: country."),
        click.option("--summary", help="Event: one or two sentences."),
        click.option("--part-of", "part_of",
                     help="Event: the id of a round of the same company whose headcount already includes this one."),
        click.option("--workers", type=click.Choice(["employees", "contractors"]),
                     help="Event: whom the round let go (default employees; contract workers are never totalled)."),
        click.option("--source", "sources", multiple=True, help="An existing source id (repeatable; replaces)."),
        click.option("--url", help="A new source: its address (with --title, --publisher, --published)."),
        click.option("--title", help="A new source: the page title."),
        click.option("--publisher", help="A new source: who published it."),
        click.option("--published", help="A new source: YYYY-MM-DD or YYYY-MM."),
        click.option("--checked", help="A new source: when you read it and confirmed what is cited."),
        click.option("--source-id", help="A new source: its id (default: made from publisher, date, title)."),
        _db_option,
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _fields(opts: dict) -> dict:
    fields = {
        "id": opts["item_id"], "entity": opts["entity"], "jurisdiction": opts["jurisdiction"],
        "company": opts["company"], "topic": opts["topic"], "claim": opts["claim"], "claim_zh": opts["claim_zh"],
        "as_of": opts["as_of"],
        "threshold": opts["threshold"], "period_days": opts["period_days"], "date": opts["date"],
        "headcount": opts["headcount"], "percent": opts["percent"], "place": opts["place"],
        "country": opts["country"], "summary": opts["summary"], "part_of": opts["part_of"], "workers": opts["workers"],
        "questions": list(opts["questions"]) or None, "sources": list(opts["sources"]) or None,
    }
    return fields


def _new_source(opts: dict) -> dict | None:
    source = {"id": opts["source_id"], "url": opts["url"], "title": opts["title"],
              "publisher": opts["publisher"], "published": opts["published"], "checked": opts["checked"]}
    return source if any(source.values()) else None


def _prompt_missing(kind: str, fields: dict, new_source: dict | None) -> None:
    """On a terminal, ask for what `kb add` still needs (the loader's checks still apply afterwards)."""
    from .knowledge import COMPANY_TOPICS, GENERAL_TOPICS, RULE_TOPICS

    def ask(key: str, label: str, **kwargs) -> None:
        if fields.get(key) is None:
            value = click.prompt(label, **kwargs)
            fields[key] = value if value != "" else None

    if kind == "rule":
        ask("jurisdiction", "Jurisdiction id")
    if kind == "event":
        ask("company", "Company id")
    ask("id", "Id (lowercase kebab-case)")
    if kind == "fact":
        ask("entity", "Company or jurisdiction id (empty for none)", default="", show_default=False)
    if kind == "event":
        ask("date", "Date (YYYY-MM-DD or YYYY-MM)")
        ask("headcount", "Headcount (empty if not disclosed)", default="", show_default=False)
        ask("percent", "Percent of staff (empty if not disclosed)", default="", show_default=False)
    else:
        topics = sorted(RULE_TOPICS if kind == "rule" else COMPANY_TOPICS | GENERAL_TOPICS)
        ask("topic", "Topic", type=click.Choice(topics))
        ask("claim", "Claim (with [source-id] markers)")
        ask("as_of", "As of (YYYY-MM-DD or YYYY-MM)")
    if not fields.get("sources") and not new_source:
        value = click.prompt("Source ids, comma-separated", default="", show_default=False)
        fields["sources"] = [s.strip() for s in value.split(",") if s.strip()] or None


def _fail(exc) -> click.ClickException:
    problems = getattr(exc, "problems", None) or [str(exc)]
    return click.ClickException("; ".join(problems) if len(problems) <= 3 else
                                f"{len(problems)} problems:\n" + "\n".join(problems))


def _print_change(change) -> None:
    what = f"#{change.audit_id} {change.action} {change.item_table[:-1]} {change.item_id}"
    if change.reverts:
        what += f" (reverted change #{change.reverts})"
    click.echo(f"Recorded {what}.")


def _first_words(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def register(kb: click.Group) -> None:
    """Add this module's commands to the `kb` group."""

    @kb.command()
    @click.option("--kind", type=click.Choice(["fact", "rule", "event"]), default=None,
                  help="What to add (default: rule with --jurisdiction, event with --company, else fact).")
    @_item_options
    def add(kind: str | None, db_path: Path | None, **opts) -> None:
        """Add a fact, rule or event; on a terminal, asks for what is missing."""
        from .curation import CurationError, add_item
        from .db import DatabaseError

        if kind is None:
            kind = "rule" if opts["jurisdiction"] else "event" if opts["company"] else "fact"
        fields, new_source = _fields(opts), _new_source(opts)
        if _stdin_is_terminal():
            _prompt_missing(kind, fields, new_source)
        if not fields.get("id"):
            raise click.UsageError(f"a new {kind} needs --id (lowercase kebab-case, never changed later)")
        try:
            change = add_item(_db_path(db_path), kind, fields, new_source)
        except (CurationError, DatabaseError) as exc:
            raise _fail(exc) from None
        _print_change(change)

    @kb.command()
    @click.argument("item_id_arg", metavar="ID")
    @_item_options
    def edit(item_id_arg: str, db_path: Path | None, **opts) -> None:
        """Change the given fields of the fact, rule or event ID (others stay as they are)."""
        from .curation import CurationError, edit_item
        from .db import DatabaseError

        fields = _fields(opts)
        try:
            change = edit_item(_db_path(db_path), item_id_arg, fields, _new_source(opts))
        except (CurationError, DatabaseError) as exc:
            raise _fail(exc) from None
        _print_change(change)

    @kb.command()
    @click.argument("item_id")
    @click.option("--restore", is_flag=True, help="Bring a retired item back instead.")
    @_db_option
    def retire(item_id: str, restore: bool, db_path: Path | None) -> None:
        """Retire the fact, rule or event ID: it stops answering but stays in the database."""
        from .curation import CurationError, retire_item
        from .db import DatabaseError

        try:
            change = retire_item(_db_path(db_path), item_id, restore=restore)
        except (CurationError, DatabaseError) as exc:
            raise _fail(exc) from None
        _print_change(change)

    @kb.command()
    @click.argument("item_id", metavar="ID")
    @click.option("--json", "as_json", is_flag=True, help="One JSON object instead of YAML.")
    @_db_option
    def show(item_id: str, as_json: bool, db_path: Path | None) -> None:
        """Show the fact, rule or event ID with the sources it cites, or list what a company or jurisdiction
        ID holds (`layoffbot kb show nissan`)."""
        import yaml

        from .curation import CurationError, show_item
        from .db import DatabaseError

        try:
            shown = show_item(_db_path(db_path), item_id)
        except (CurationError, DatabaseError) as exc:
            raise _fail(exc) from None
        if as_json:
            click.echo(json.dumps(shown, ensure_ascii=False, indent=2))
        elif "items" in shown:
            record = shown["record"]
            click.echo(f"{shown['kind']} {record['id']}: " + ", ".join(
                f"{k} {', '.join(v) if isinstance(v, list) else v}" for k, v in record.items()
                if k not in ("id", "origin")))
            for item in shown["items"]:
                retired = " (retired)" if item.get("retired") else ""
                click.echo(f"  {item['id']}  [{item['kind']} {item.get('topic') or item.get('date')}]{retired}  "
                           f"{_first_words(item['text'])}")
        else:
            click.echo(yaml.safe_dump({shown["kind"]: shown["record"], "cited": shown["sources"]},
                                      allow_unicode=True, sort_keys=False, width=100).rstrip())

    @kb.command()
    @click.argument("words", nargs=-1, required=True)
    @click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="At most this many.")
    @click.option("--json", "as_json", is_flag=True, help="One JSON object a line.")
    @_db_option
    def search(words: tuple[str, ...], limit: int, as_json: bool, db_path: Path | None) -> None:
        """List the facts and rules whose claim or phrasings hold all of WORDS, best first (`kb show ID` shows
        one); a company's or jurisdiction's id lists all of its own (`kb show ID`)."""
        from .curation import CurationError, search_items
        from .db import DatabaseError

        try:
            found = search_items(_db_path(db_path), " ".join(words), limit=limit)
        except (CurationError, DatabaseError) as exc:
            raise _fail(exc) from None
        for item in found:
            if as_json:
                click.echo(json.dumps(item, ensure_ascii=False))
                continue
            retired = " (retired)" if item.get("retired") else ""
            where = " ".join(x for x in (item["kind"], item.get("entity"), item["topic"]) if x)
            click.echo(f"{item['id']}  [{where}]{retired}  {_first_words(item['text'])}")
        if not found and not as_json:
            click.echo(f"No fact or rule holds all of: {' '.join(words)}.")

    @kb.command()
    @click.argument("item_id")
    @click.option("--json", "as_json", is_flag=True, help="One JSON object a line, with before and after.")
    @_db_option
    def history(item_id: str, as_json: bool, db_path: Path | None) -> None:
        """The recorded changes to ID, newest first."""
        from .curation import CurationError, describe_change
        from .curation import history as item_history
        from .db import DatabaseError

        try:
            entries = item_history(_db_path(db_path), item_id)
        except (CurationError, DatabaseError) as exc:
            raise _fail(exc) from None
        for entry in entries:
            if as_json:
                click.echo(json.dumps(entry, ensure_ascii=False))
                continue
            reverts = f" (reverts #{entry['reverts']})" if entry["reverts"] else ""
            who = f" by {entry['who']}" if entry["who"] else ""
            click.echo(f"#{entry['id']} {entry['at']} {entry['action']}{reverts}{who}")
            for line in describe_change(entry):
                click.echo(f"    {line}")
        if not entries and not as_json:
            click.echo(f"No recorded changes to {item_id}.")

    @kb.command()
    @_db_option
    def undo(db_path: Path | None) -> None:
        """Revert the most recent change that is not undone yet (the undo is recorded too)."""
        from .curation import CurationError, undo_last
        from .db import DatabaseError

        try:
            change = undo_last(_db_path(db_path))
        except (CurationError, DatabaseError) as exc:
            raise _fail(exc) from None
        _print_change(change)

    @kb.command()
    @click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
    @_db_option
    def export(directory: Path, db_path: Path | None) -> None:
        """Write the database as knowledge/ YAML into DIRECTORY (`kb build --knowledge DIRECTORY` rebuilds it)."""
        from .curation import CurationError, export_knowledge
        from .db import DatabaseError

        try:
            report = export_knowledge(_db_path(db_path), directory)
        except (CurationError, DatabaseError) as exc:
            raise _fail(exc) from None
        counts = ", ".join(f"{v} {k}" for k, v in report.counts.items())
        click.echo(f"Wrote {report.files} files to {report.directory}: {counts}.")
