"""`layoffbot kb calibrate` on a base of imported FAQ entries (bot.calibration): the threshold of the
shipped general ranker chosen on the base's own phrasings held out in folds. Each base is a real
SQLite file filled by the real FAQ importer; the command is the real CLI."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing

import pytest
from click.testing import CliRunner
from test_faq_general import FAQ, import_faq

from bot.calibration import MIN_QUESTIONS, calibrate_faq_base, calibration_sets, held_out_folds
from bot.fitting import CalibrationError
from bot.ranking import general_params

SECOND = {"parking": "Does my car park pass still work once I have left?",
          "laptop": "When do I hand back my company notebook?",
          "payslip": "How do I download an old salary statement?",
          "pension": "Is my retirement savings plan kept?",
          "holiday": "Do I get money for vacation days I did not use?",
          "bonus": "Will the yearly bonus still be paid?"}


def with_second_phrasings():
    return [(i, q + ([SECOND[i]] if i in SECOND else []), a) for i, q, a in FAQ]


def test_every_phrasing_is_held_out_at_one_rate_and_never_kept_while_asked():
    phrasings = {f"e{n}": [f"e{n} phrasing {k}" for k in range(n % 7 + 1)] for n in range(20)}
    asked_in_scope = 0
    for kept, questions in held_out_folds(phrasings):
        for text, label in questions:
            if label is not None:
                asked_in_scope += 1
                assert text not in kept[label]  # a held-out phrasing is never in the base it is asked of
            else:
                assert not any(text.startswith(f"{entry} ") for entry in kept)  # its entry is left out
        assert all(kept.values())  # every kept entry keeps a phrasing
    assert asked_in_scope >= sum(len(p) > 1 for p in phrasings.values())


def test_an_entry_of_one_phrasing_is_never_asked_in_scope():
    for _, questions in held_out_folds({"a": ["only one"], "b": ["x", "y"]}):
        assert ("only one", "a") not in questions


def test_the_sets_ask_about_a_fifth_out_of_scope():
    sets = calibration_sets(import_faq([(i, [*q, q[0].rstrip("?") + " please?"], a) for i, q, a in FAQ]))
    items = [item for _, questions in sets for item in questions]
    outside = sum(not item.expected for item in items)
    assert 0.1 <= outside / len(items) <= 0.3, (outside, len(items))


def test_calibrate_refuses_a_base_of_one_phrasing_per_entry():
    with pytest.raises(CalibrationError, match="second phrasing"):
        calibrate_faq_base(import_faq(FAQ))


def test_calibrate_keeps_the_shipped_weights_and_chooses_the_threshold():
    params = calibrate_faq_base(import_faq(with_second_phrasings()))
    shipped = general_params()
    assert params.weights == shipped.weights and params.decision_weights == shipped.decision_weights
    assert "threshold only" in params.fitted_by
    assert params.scores["second_phrasings"] == len(SECOND) and params.scores["held_out_in_scope"] >= MIN_QUESTIONS


def test_kb_calibrate_stores_the_threshold_in_the_database(tmp_path):
    from faq_common import Faq, import_into
    from test_faq_general import SOURCE

    from bot.cli import cli

    db = import_into(tmp_path / "faq.db", [Faq(i, tuple(q), a) for i, q, a in with_second_phrasings()], **SOURCE)
    result = CliRunner().invoke(cli, ["kb", "calibrate", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "threshold" in result.output
    with closing(sqlite3.connect(db)) as conn:
        stored = json.loads(conn.execute("select value from meta where key = 'ranker_general'").fetchone()[0])
    assert stored["weights"] == general_params().weights and "threshold only" in stored["fitted_by"]


def test_kb_calibrate_refuses_a_base_of_one_phrasing_per_entry_and_writes_nothing(tmp_path):
    from faq_common import Faq, import_into
    from test_faq_general import SOURCE

    from bot.cli import cli

    db = import_into(tmp_path / "faq.db", [Faq(i, tuple(q), a) for i, q, a in FAQ], **SOURCE)
    result = CliRunner().invoke(cli, ["kb", "calibrate", "--db", str(db)])
    assert result.exit_code != 0 and "second phrasing" in result.output
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("select value from meta where key = 'ranker_general'").fetchone() is None
