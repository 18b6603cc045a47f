"""The `layoffbot` command line: parse options, make one library call, print.

Library code raises specific exceptions; they become one-line messages here, never tracebacks.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from contextlib import closing
from pathlib import Path

import click

from . import cli_calibrate, cli_curate, cli_eval, cli_gaps, cli_import
from .config import Settings
from .db import DatabaseError, connect_readonly, describe_error

EXIT_ERROR = 1


def _settings() -> Settings:
    return Settings.from_env()


def db_option(func):
    return click.option(
        "--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
        help="Database file (default: $LAYOFFBOT_DB, else the per-user data directory).",
    )(func)


def _db_path(db_path: Path | None) -> Path:
    return db_path or _settings().db_path


def _open_factbase(db_path: Path | None):
    from .knowledge import KnowledgeError
    from .service import FactBase

    path = _db_path(db_path)
    if db_path is not None and not path.parent.is_dir():
        # a mistyped --db is not a place to build a new fact base in (its folders made silently; trial 45)
        raise click.ClickException(f"no directory {path.parent} for --db {path}: create it first, or check the path")
    existed = path.exists() and path.stat().st_size > 0
    try:
        factbase = FactBase.open(path)
        if not existed:
            click.echo(f"Built the fact base at {path} (set LAYOFFBOT_DB or --db to use another file).", err=True)
        return factbase
    except KnowledgeError as exc:
        raise click.ClickException(f"the built-in fact base has problems:\n{exc}") from None
    except DatabaseError as exc:
        raise click.ClickException(str(exc)) from None
    except (sqlite3.Error, OSError) as exc:
        raise click.ClickException(describe_error(exc, _db_path(db_path))) from None


def _emit(answer, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(answer.to_json(), ensure_ascii=False))
    else:
        click.echo(answer.text)


def _db_defaults(group: click.Group, value: str) -> dict:
    """A click `default_map` giving `value` as the `--db` of every command under `group` that has one."""
    defaults: dict = {}
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            defaults[name] = _db_defaults(command, value)
        elif any(param.name == "db_path" for param in command.params):
            defaults[name] = {"db_path": value}
    return defaults


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="layoffbot")
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Database file for the command that follows (its own --db wins).")
@click.pass_context
def cli(ctx: click.Context, db_path: Path | None) -> None:
    """layoffbot: sourced answers about company layoffs and the rules around them."""
    if db_path is not None:  # `layoffbot --db x ask ...` as well as `layoffbot ask --db x ...`
        ctx.default_map = _db_defaults(cli, str(db_path))


@cli.command()
@click.argument("question", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option("--chart", "chart_path", type=click.Path(dir_okay=False, writable=True, path_type=Path), default=None,
              metavar="FILE.png", help="Also draw a structured answer (ranking, total, timeline...) as a PNG chart "
                                       "(needs layoffbot[charts]).")
@db_option
def ask(question: tuple[str, ...], as_json: bool, chart_path: Path | None, db_path: Path | None) -> None:
    """Answer one QUESTION, with its sources."""
    text = " ".join(question)
    if not text.strip():
        raise click.UsageError("QUESTION is empty")
    if chart_path is not None:
        from .charts import available

        if not available():  # (said before answering: an answer printed and then a failure is thrown away)
            raise click.ClickException("--chart needs matplotlib: pip install 'layoffbot[charts]'")
    factbase = _open_factbase(db_path)
    answer, after = factbase.ask(text)
    _emit(answer, as_json)
    if chart_path is not None:
        if after.view is None:
            raise click.ClickException("no chart: this is not a question about many layoffs "
                                       "(a ranking, total, list, comparison, timeline or the latest)")
        with closing(connect_readonly(factbase.path)) as conn:
            _write_chart(conn, after.view, chart_path, text)


def _write_chart(conn, query, path: Path, question: str) -> None:
    from .charts import ChartsUnavailable, NothingToChart, write_chart

    try:
        write_chart(conn, query, path, question=question)
    except (ChartsUnavailable, NothingToChart) as exc:
        raise click.ClickException(str(exc)) from None
    except OSError as exc:
        raise click.ClickException(f"cannot write {path}: {exc.strerror or exc}") from None
    click.echo(f"Chart written to {path}", err=True)


@cli.command()
@click.option("--json", "as_json", is_flag=True,
              help="Read one question a line on stdin, write one JSON object a line (one for every line).")
@db_option
def chat(as_json: bool, db_path: Path | None) -> None:
    """Talk to the bot; follow-up questions ("why?", "and JD.com?") keep their context.

    Commands: /help, /about (what the base covers), /sources (the last answer's sources in full),
    /reset (a fresh conversation), /quit or Ctrl-D to leave. Input piped in (not a terminal) prints a
    transcript: each line as "you> ..." above its answer. With --json, every input line gets
    one JSON object: an answer as `ask --json` prints it, or for a command {"command", "text"};
    /quit is then a question like any other, and the chat ends at the end of the input.
    Input is read as UTF-8; bytes that are not UTF-8 become U+FFFD.
    """
    from .commands import GREETING, ChatSession

    session = ChatSession(_open_factbase(db_path), interactive=not as_json)
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    prompt = not as_json and stdin.isatty()
    if not as_json and hasattr(sys.stdout, "reconfigure"):  # what the terminal cannot show is replaced
        sys.stdout.reconfigure(errors="replace")
    if prompt:
        click.echo(GREETING)
    while True:
        if prompt:
            click.echo("you> ", nl=False)
        try:
            raw = stdin.readline()
        except KeyboardInterrupt:  # Ctrl-C at the prompt leaves like Ctrl-D
            raw = b""
        if not raw:  # end of input (Ctrl-D)
            if prompt:
                click.echo()
            break
        line = raw.decode("utf-8", errors="replace").rstrip("\r\n")
        reply = session.handle(line)
        if as_json:  # JSON is UTF-8, whatever the locale says
            stdout.write(json.dumps(reply.to_json(), ensure_ascii=False).encode() + b"\n")
            stdout.flush()
            continue
        if reply.command == "quit":
            break
        if not prompt:  # piped: a transcript, each question above its answer (a terminal shows what was typed)
            click.echo(f"you> {line}")
        click.echo(reply.text + "\n")


@cli.command()
@click.option("--api-base-url", default=None,
              help="Bot API server, as http://host:port/bot (default: $TELEGRAM_API_BASE_URL or Telegram's).")
@click.option("--webhook", "webhook_url", default=None, metavar="URL",
              help="Receive updates at this public URL on a local webhook server instead of long polling "
                   "(default: $LAYOFFBOT_WEBHOOK_URL).")
@click.option("--listen", default=None,
              help="Address the webhook server binds (default: $LAYOFFBOT_WEBHOOK_LISTEN, else 0.0.0.0).")
@click.option("--port", type=click.IntRange(1, 65535), default=None,
              help="Port of the webhook server (default: $LAYOFFBOT_WEBHOOK_PORT, else 8080).")
@db_option
def serve(api_base_url: str | None, webhook_url: str | None, listen: str | None, port: int | None,
          db_path: Path | None) -> None:
    """Run the Telegram bot: long polling, or a webhook with --webhook URL.

    The token comes from $TELEGRAM_BOT_TOKEN, the webhook's secret from $LAYOFFBOT_WEBHOOK_SECRET
    (random for each run when unset). Stops cleanly on SIGTERM or Ctrl-C.
    """
    from dataclasses import replace

    from .config import ConfigError
    from .telegram_bot import ServeError, webhook_settings
    from .telegram_bot import serve as serve_telegram

    try:
        settings = _settings()
        if not settings.telegram_token:
            raise click.ClickException("TELEGRAM_BOT_TOKEN is not set: get a token from @BotFather and export it.")
        settings = replace(settings, db_path=_db_path(db_path),
                           telegram_api_base_url=api_base_url or settings.telegram_api_base_url,
                           webhook_url=webhook_url or settings.webhook_url,
                           webhook_listen=listen or settings.webhook_listen,
                           webhook_port=port or settings.webhook_port)
        if settings.webhook_url:
            settings = webhook_settings(settings)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None
    _open_factbase(settings.db_path)  # build or check the database before going online
    try:
        serve_telegram(settings)
    except ServeError as exc:  # its message never holds the token
        raise click.ClickException(str(exc)) from None


@cli.group()
def kb() -> None:
    """Curate the fact base."""


@kb.command()
@click.option("--knowledge", "knowledge_dir", type=click.Path(file_okay=False, exists=True, path_type=Path),
              default=None, help="Curated YAML directory (default: the built-in one).")
@click.option("--replace", is_flag=True,
              help="Replace a database that holds curator changes or imports, or was built from other files "
                   "(never another program's file).")
@db_option
def build(knowledge_dir: Path | None, replace: bool, db_path: Path | None) -> None:
    """Compile the curated YAML files into the database.

    Creates the database, or rebuilds one built from the same files and unchanged since; any other
    layoffbot database needs --replace (export it first to keep its content).
    """
    from .db import build_database
    from .knowledge import KnowledgeError

    try:
        report = build_database(_db_path(db_path), knowledge_dir, replace=replace)
    except KnowledgeError as exc:
        raise click.ClickException(f"nothing was written; fix these first:\n{exc}") from None
    except DatabaseError as exc:
        raise click.ClickException(str(exc)) from None
    counts = ", ".join(f"{v} {k}" for k, v in report.counts.items())
    click.echo(f"Built {report.path}: {counts}.")


@kb.command()
@click.argument("knowledge_dir", required=False,
                type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--db", "db_path", type=click.Path(dir_okay=False, exists=True, path_type=Path), default=None,
              help="Also check this database (after curator edits or imports); near-duplicates are warnings.")
def validate(knowledge_dir: Path | None, db_path: Path | None) -> None:
    """Check the curated YAML files (default: the built-in ones), and with --db a database too."""
    from .knowledge import KnowledgeError, bundled_knowledge_dir, load_knowledge

    directory = knowledge_dir or bundled_knowledge_dir()
    yaml_problems = 0
    try:
        kb_ = load_knowledge(directory)
    except KnowledgeError as exc:
        click.echo(str(exc), err=True)
        if db_path is None:
            raise click.ClickException(f"{len(exc.problems)} problem(s) in {directory}") from None
        yaml_problems = len(exc.problems)
    else:
        for line in kb_.warnings:  # bookkeeping (a page under two ids, a slug-like title): not errors
            click.echo(f"warning: {line}", err=True)
        click.echo(f"OK: {len(kb_.facts)} facts, {len(kb_.rules)} rules, {len(kb_.events)} events, "
                   f"{len(kb_.sources)} sources in {directory}; {len(kb_.warnings)} warning(s).")
    if db_path is None:
        return
    from .curation import CurationError, validate_database

    try:
        report = validate_database(db_path)
    except (CurationError, DatabaseError) as exc:
        raise click.ClickException(str(exc)) from None
    for line in report.errors:
        click.echo(f"error: {line}", err=True)
    for line in report.warnings:
        click.echo(f"warning: {line}", err=True)
    counts = report.counts
    click.echo(f"Database {db_path}: {counts.get('facts', 0)} facts, {counts.get('rules', 0)} rules, "
               f"{counts.get('events', 0)} events, {counts.get('sources', 0)} sources; "
               f"{len(report.errors)} error(s), {len(report.warnings)} warning(s) "
               f"({report.near_duplicates} near-duplicate pair(s)).")
    if yaml_problems or report.errors:
        raise click.ClickException(f"{yaml_problems} problem(s) in {directory}, "
                                   f"{len(report.errors)} error(s) in {db_path}")


@kb.command()
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@db_option
def stats(as_json: bool, db_path: Path | None) -> None:
    """Count what the fact base holds."""
    from contextlib import closing

    import sqlite_utils

    from .db import connect_readonly, ensure_database, table_counts

    path = _db_path(db_path)
    try:
        ensure_database(path)
        with closing(connect_readonly(path)) as conn:
            conn.row_factory = None
            counts = table_counts(sqlite_utils.Database(conn))
    except DatabaseError as exc:
        raise click.ClickException(str(exc)) from None
    except sqlite3.Error as exc:
        raise click.ClickException(describe_error(exc, path)) from None
    if as_json:
        click.echo(json.dumps(counts))
    else:
        for key, value in counts.items():
            click.echo(f"{key:14} {value}")


@kb.command()
@db_option
def sources(db_path: Path | None) -> None:
    """List every source the fact base cites."""
    for source in _open_factbase(db_path).source_list():
        click.echo(f"{source.publisher} | {source.published or ''} | {source.title or ''} | {source.url}")


# Commands that live in their own modules (imports stay lazy inside each command).
cli_import.register(kb)
cli_gaps.register(kb)
cli_curate.register(kb)
cli_calibrate.register(kb)
cli_eval.register(cli)


def main() -> None:
    """Console entry point: expected problems are one line on stderr, never a traceback."""
    try:
        cli(standalone_mode=True, prog_name="layoffbot")  # ("python -m bot" too: its help names the command)
    except Exception as exc:  # the last guard; click handles its own errors before this
        if os.environ.get("LAYOFFBOT_DEBUG"):
            raise
        click.echo(f"Error: unexpected {type(exc).__name__}: {exc} (set LAYOFFBOT_DEBUG=1 for details)",
                   err=True)
        sys.exit(EXIT_ERROR)
