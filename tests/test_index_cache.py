"""Nothing beside the database is unpickled or executed (issue: a crafted `<db>.index-cache` ran code)."""

import pickle
import shutil
import subprocess
import sys


class _Payload:
    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


def test_a_crafted_cache_file_beside_the_database_is_never_loaded(built_db, tmp_path):
    db = tmp_path / "layoffbot.db"
    shutil.copy(built_db, db)
    marker = tmp_path / "pwned"
    for name in ("layoffbot.db.index-cache", "layoffbot.db.cache", "layoffbot.db.pickle"):
        (tmp_path / name).write_bytes(b"0" * 64 + pickle.dumps(_Payload(marker)))
    # A real process, as a user runs it.
    result = subprocess.run([sys.executable, "-m", "bot", "ask", "--db", str(db), "How many people did Meta lay off?"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert not marker.exists()


def test_answers_do_not_depend_on_any_side_file(built_db, tmp_path):
    from bot.service import FactBase

    db = tmp_path / "layoffbot.db"
    shutil.copy(built_db, db)
    before = sorted(p.name for p in tmp_path.iterdir())
    factbase = FactBase.open(db, build_if_needed=False)
    factbase.ask("How many people did Meta lay off?")
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing written beside it either
