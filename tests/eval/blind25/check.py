#!/usr/bin/env python3
"""Check questions.csv in this folder against the fact base in knowledge/: blind6's checker (its docstring
says what it rejects), which the writer ran unchanged."""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "blind6"))
from check import main  # noqa: E402

if __name__ == "__main__":
    main(HERE / "questions.csv")
