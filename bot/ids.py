"""The one rule every id meets, on every way in (YAML, imports, CLI, ids already in a database)."""

from __future__ import annotations

import re

MAX_ID_LENGTH = 120
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def check_id(value) -> str | None:
    """None when `value` is usable as an id, else what is wrong with it (one short sentence).

    Usable: non-empty text of at most MAX_ID_LENGTH characters, with no control character
    (newlines included), no path separator (`/`, `\\`) and no `..`: ids become file names on export.
    """
    if not isinstance(value, str):
        return f"id {value!r} must be text"
    if not value.strip():
        return "id is empty"
    if len(value) > MAX_ID_LENGTH:
        return f"id {value[:40]!r}... is {len(value)} characters long (at most {MAX_ID_LENGTH})"
    if _CONTROL.search(value):
        return f"id {value!r} contains a control character (a newline, tab or the like)"
    if "/" in value or "\\" in value or ".." in value:
        return f"id {value!r} contains a path separator or '..'"
    if value != value.strip():
        return f"id {value!r} starts or ends with a space"
    return None
