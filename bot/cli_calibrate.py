"""`layoffbot kb calibrate`: added to the `kb` group by `register`."""

from __future__ import annotations

import json
from pathlib import Path

import click


def register(kb: click.Group) -> None:
    """Add this module's commands to the `kb` group."""
    from .cli import db_option

    @kb.command()
    @db_option
    def calibrate(db_path: Path | None) -> None:
        """Fit how questions that name no company or country are ranked and answered, on the base's own
        imported FAQ entries (held-out phrasings), and store it in the database. Run after `kb import
        --format faq`; run again after more imports."""
        from .cli import _db_path, _open_factbase
        from .db import store_meta
        from .fitting import CalibrationError, calibrate_general

        path = _db_path(db_path)
        factbase = _open_factbase(path)
        try:
            params = calibrate_general(factbase.index)
        except CalibrationError as exc:
            raise click.ClickException(str(exc)) from None
        store_meta(path, "ranker_general", params.to_json())
        scores = params.scores
        click.echo(f"Calibrated {path} on {scores['faq_entries']} FAQ entries: threshold {params.threshold}, "
                   f"held-out right {scores['dev_right']}/{scores['dev_fact_questions']}. "
                   + json.dumps({"l2": params.l2}))
