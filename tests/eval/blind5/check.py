#!/usr/bin/env python3
"""Check followups.csv in this folder against the fact base in knowledge/ with blind4's checker
(../blind4/check.py, whose docstring says what it refuses), relaxed for this set: a decline row may be
a later turn of a thread."""
import importlib.util
from pathlib import Path

HERE = Path(__file__).resolve().parent
_SPEC = importlib.util.spec_from_file_location("blind4_check", HERE.parent / "blind4" / "check.py")
checker = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(checker)

if __name__ == "__main__":
    checker.main(HERE / "followups.csv", later_turns=("followup", "decline"))
