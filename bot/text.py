"""Text normalisation shared by the fact base and the matcher.

Everything that compares strings goes through `normalize` first, so a question typed in
full-width forms, traditional characters or odd punctuation meets the same text the
fact base was indexed with.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u202a\u202b\u202c\u202d\u202e"))
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})
_POSSESSIVE = re.compile(r"(\w)'s\b")


@lru_cache(maxsize=1)
def _t2s_table() -> dict[int, str]:
    lines = resources.files("bot").joinpath("data/t2s.txt").read_text(encoding="utf-8").splitlines()
    traditional, simplified = lines[2], lines[3]
    return str.maketrans(traditional, simplified)


def to_simplified(text: str) -> str:
    """Map traditional Chinese characters to simplified ones (character by character)."""
    if not _CJK.search(text):
        return text
    return text.translate(_t2s_table())


def normalize(text: str) -> str:
    """Lowercase, fold full-width forms, simplify Chinese, drop punctuation and extra spaces."""
    text = unicodedata.normalize("NFKC", text).translate(_ZERO_WIDTH).translate(_APOSTROPHES)
    text = to_simplified(text).casefold()
    text = _POSSESSIVE.sub(r"\1", text)
    # Keep dots and ampersands inside names ("jd.com", "at&t"); everything else is a separator.
    text = re.sub(r"[^\w\s.&]|_", " ", text)
    text = re.sub(r"(?<![a-z0-9])[.&]|[.&](?![a-z0-9])", " ", text)
    # Separate Chinese from Latin so "裁员xhs" reads as two tokens.
    text = _CJK_RUN.sub(lambda m: f" {m.group(0)} ", text)
    return " ".join(text.split())


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))
