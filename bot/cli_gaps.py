"""`layoffbot kb gaps`: what people asked that the fact base could not answer, most asked first."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import click


def register(kb: click.Group) -> None:
    """Add this module's commands to the `kb` group."""

    @kb.command()
    @click.option("--feedback-db", "feedback_db", type=click.Path(dir_okay=False, path_type=Path), default=None,
                  help="Feedback file (default: $LAYOFFBOT_FEEDBACK_DB, else beside the database).")
    @click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
                  help="Database file whose feedback file to read (default: $LAYOFFBOT_DB).")
    @click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
    @click.option("--disliked", is_flag=True, help="List answers marked 👎 instead of unanswered questions.")
    @click.option("--json", "as_json", is_flag=True, help="Print one JSON array.")
    def gaps(feedback_db: Path | None, db_path: Path | None, limit: int, disliked: bool, as_json: bool) -> None:
        """List the most frequent unanswered questions (or disliked answers) the Telegram bot stored."""
        from dataclasses import replace

        from .config import ConfigError, Settings
        from .feedback import UNANSWERED, UNHELPFUL, FeedbackError, read_gaps

        try:
            settings = Settings.from_env()
        except ConfigError as exc:
            raise click.ClickException(str(exc)) from None
        if db_path is not None:
            settings = replace(settings, db_path=db_path)
        path = feedback_db or settings.feedback_path
        if not path.is_file():
            if as_json:
                click.echo("[]")
            else:
                click.echo(f"Nothing stored yet: no feedback file at {path}.")
            return
        try:
            rows = read_gaps(path, limit, UNHELPFUL if disliked else UNANSWERED)
        except FeedbackError as exc:
            raise click.ClickException(str(exc)) from None
        if as_json:
            click.echo(json.dumps([asdict(row) for row in rows], ensure_ascii=False))
        elif not rows:
            click.echo("Nothing stored yet.")
        else:
            click.echo(f"{'times':>5}  {'last asked':10}  question")
            for row in rows:
                click.echo(f"{row.count:>5}  {row.last_asked[:10]:10}  {' '.join(row.question.split())}")
