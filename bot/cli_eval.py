"""`layoffbot eval`: added to the top-level group by `register`."""

from __future__ import annotations

import json
from pathlib import Path

import click


def register(cli: click.Group) -> None:
    """Add this module's commands to the top-level group."""
    from .cli import db_option

    @cli.command("eval")
    @click.argument("question_file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
    @click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
    @db_option
    def eval_command(question_file: Path, as_json: bool, db_path: Path | None) -> None:
        """Run a question set (CSV: question,expected,thread,category) and report how the matcher did.

        EXPECTED is fact ids separated by | (any counts as right) or `none` where the bot must
        abstain; rows sharing a THREAD are asked in order as one conversation.
        """
        from .cli import _open_factbase
        from .evaluation import EvalSetError, evaluate, format_report, load_questions, unknown_ids

        try:
            items = load_questions(question_file)
        except EvalSetError as exc:
            raise click.ClickException(f"cannot use {question_file}:\n{exc}") from None
        factbase = _open_factbase(db_path)
        stale = unknown_ids(factbase.index, items)
        if stale:
            raise click.ClickException(
                f"{question_file} expects fact ids this fact base does not hold:\n" + "\n".join(stale))
        report = evaluate(factbase.index, items)
        if as_json:
            click.echo(json.dumps(report.to_json(), ensure_ascii=False))
        else:
            click.echo(format_report(report))
