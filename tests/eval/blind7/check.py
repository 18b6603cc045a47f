#!/usr/bin/env python3
"""Check questions.csv in this folder against the fact base in knowledge/: blind6's checker (its docstring
says what it rejects), with the writer's one adaptation: a thread's later turn may also be a `decline`
(label none), as the brief allowed."""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "blind6"))
from check import main  # noqa: E402

if __name__ == "__main__":
    main(HERE / "questions.csv", later_turns=("followup", "decline"))
