"""`layoffbot kb import`: load a layoffs.fyi, WARN-notice or FAQ CSV into the fact base."""

from __future__ import annotations

import sys
from pathlib import Path

import click


def register(kb: click.Group) -> None:
    """Add this module's commands to the `kb` group."""
    kb.add_command(import_command)


class _ProgressBar:
    """A click progress bar, opened once the total is known (only when stderr is a terminal)."""

    def __init__(self) -> None:
        self.bar = None
        self.shown = 0

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="Importing", file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.shown)
        self.shown = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


@click.command("import")
@click.argument("file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["layoffs", "warn", "faq"]), required=True,
              help="layoffs: the layoffs.fyi CSV; warn: a US state WARN notice CSV; "
                   "faq: id,question,answer[,source_url,source_title,published].")
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Database file (default: $LAYOFFBOT_DB, else the per-user data directory).")
@click.option("--skip-bad", is_flag=True, help="Write the good rows and list the malformed ones "
                                               "(default: a malformed row stops the import, nothing is written).")
@click.option("--source-url", default=None, help="faq: the source URL for rows without their own.")
@click.option("--source-title", default=None, help="faq: the source title for rows without their own.")
@click.option("--source-published", default=None, help="faq: the source's date (YYYY-MM-DD) for rows without one.")
def import_command(file: Path, fmt: str, db_path: Path | None, skip_bad: bool, source_url: str | None,
                   source_title: str | None, source_published: str | None) -> None:
    """Import FILE into the fact base, in one transaction.

    Every row becomes an event (layoffs, warn) or a general fact (faq) cited to its source.
    The database is then marked curated: the built-in content no longer rebuilds over it.
    """
    import sqlite3

    from .config import Settings
    from .db import DatabaseError, describe_error
    from .importers import ImportFailed, import_file
    from .knowledge import KnowledgeError

    path = db_path or Settings.from_env().db_path
    bar = _ProgressBar() if sys.stderr.isatty() else None
    try:
        report = import_file(path, file, fmt, skip_bad=skip_bad, source_url=source_url,
                             source_title=source_title, source_published=source_published, progress=bar)
    except ImportFailed as exc:
        raise click.ClickException(f"nothing was imported:\n{exc}") from None
    except sqlite3.Error as exc:
        raise click.ClickException(f"nothing was imported: {describe_error(exc, path)}") from None
    except (KnowledgeError, DatabaseError, OSError) as exc:
        raise click.ClickException(f"cannot import into {path}: {exc}") from None
    finally:
        if bar is not None:
            bar.close()
    for problem in report.bad_rows:
        click.echo(f"skipped {problem}", err=True)
    if report.companies_without_alias:
        names = ", ".join(report.companies_without_alias)
        click.echo(f"{len(report.companies_without_alias)} new company name(s) are everyday words and got no alias "
                   f"(so they cannot capture questions that use the word): {names}", err=True)
    click.echo(f"Imported {report.summary()}")
