"""Which strings may be ids: the one check every way into the database uses.

An id names a row and, on export, can become part of a file name (`companies/<id>.yaml`), so it
must be short, printable and free of path syntax. Curated YAML ids are stricter still (lowercase
kebab-case, checked by the loader); imported ids such as `F044` or `42` pass this check as written.
"""

from __future__ import annotations

import unicodedata

MAX_ID_LENGTH = 120  # characters
MAX_ID_BYTES = 240  # UTF-8 bytes: `<id>.yaml` must fit a 255-byte file name


def id_problem(value: object) -> str | None:
    """Why `value` cannot be an id, as a phrase (None when it can).

    Refused: non-strings, empty or blank strings, more than `MAX_ID_LENGTH` characters or
    `MAX_ID_BYTES` UTF-8 bytes, leading or trailing spaces, control characters (newlines, tabs),
    path separators (`/`, `\\`), and `.`/`..` or a leading dot.
    """
    if not isinstance(value, str):
        return f"must be text, not {type(value).__name__}"
    if not value.strip():
        return "is empty"
    if len(value) > MAX_ID_LENGTH or len(value.encode("utf-8", "surrogatepass")) > MAX_ID_BYTES:
        return f"is longer than {MAX_ID_LENGTH} characters"
    if value != value.strip():
        return "starts or ends with a space"
    if any(unicodedata.category(ch) in {"Cc", "Cf", "Cs", "Zl", "Zp"} for ch in value):
        return "contains a control character (such as a newline)"
    if "/" in value or "\\" in value:
        return "contains a path separator (/ or \\)"
    if value.startswith("."):
        return "starts with a dot"
    return None


def check_id(value: object, what: str = "id") -> str:
    """`value` when it is a usable id; raises `ValueError("<what> <value!r> <problem>")` otherwise."""
    problem = id_problem(value)
    if problem:
        shown = repr(value) if not isinstance(value, str) or len(value) <= 60 else repr(value[:57] + "...")
        raise ValueError(f"{what} {shown} {problem}")
    return value  # type: ignore[return-value]
