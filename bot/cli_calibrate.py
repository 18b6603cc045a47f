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
        """Choose when questions that name no company or country are answered, on the base's own imported
        FAQ entries (their phrasings held out in folds), and store it in the database. Run after `kb import
        --format faq`; run again after more imports."""
        from .calibration import calibrate_faq_base
        from .cli import _db_path, _open_factbase
        from .db import store_meta
        from .fitting import CalibrationError

        path = _db_path(db_path)
        factbase = _open_factbase(path)
        try:
            params = calibrate_faq_base(factbase.index)
        except CalibrationError as exc:
            raise click.ClickException(str(exc)) from None
        store_meta(path, "ranker_general", params.to_json())
        scores = params.scores
        click.echo(f"Calibrated {path} on {scores['faq_entries']} FAQ entries: threshold {params.threshold}, "
                   f"held-out right {scores['dev_right']}/{scores['dev_fact_questions']}. "
                   + json.dumps({"l2": params.l2}))
