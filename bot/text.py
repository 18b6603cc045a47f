"""Normalisation, the first stage of the answer engine, shared by the fact base and the matcher.

Everything that compares strings goes through `normalize` first, so a question typed in
full-width forms, traditional characters, accented or dotted capitals ("Société", "İBM"), with
markup or control characters, or with figures written "6.650", "6,650", "6 650" or "6k", meets
the same text the fact base was indexed with.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata
from functools import lru_cache

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u202a\u202b\u202c\u202d\u202e"))
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})
_POSSESSIVE = re.compile(r"(\w)'s\b")
# "22年11月", "22年底" is how Chinese writes 2022 in short; "10年" alone is a duration (ten years).
_SHORT_CJK_YEAR = re.compile(r"(?<![0-9])([0-9]{2})年(?=(?:1[0-2]|[1-9])月|底|初|年初|年底|上半年|下半年|第)")
# So is "23年" alone ("那23年还有裁吗", "小红书23年裁员了吗") for a recent year, 2015-2030, unless a duration's
# words are around it: a verb or service before ("干了23年", "工作23年", "满20年", "工龄20年"), an amount after
# ("20年以上", "20年多", "20年工龄").
_SHORT_CJK_YEAR_ALONE = re.compile(r"(?<![0-9了满干做过近快共约超有达作务龄职])(1[5-9]|2[0-9]|30)年"
                                   r"(?![0-9]|以|多|半|内|了|间|左右|工龄|的工龄|经验|服务|工作)")
# Negative contractions, with or without the apostrophe ("don't", "dont", "can't", "won't"): read as
# "do not", so that the stem left of the apostrophe ("don") never counts as a word of the question.
_IRREGULAR_NEGATIONS = {"wo": "will", "ca": "can", "sha": "shall", "ai": "is"}
_NEGATION = re.compile(r"\b(wo|ca|sha|ai|do|does|did|is|are|was|were|has|have|had|should|would|could|"
                       r"must|need)n'?t\b|\b(can)not\b")
# Control (Cc), format (Cf), surrogate (Cs) and private-use (Co) characters.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u180e\u200b-\u200f"
                      "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\ud800-\uf8ff"
                      "\U000110bd\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001-\U000e007f"
                      "\U000f0000-\U0010ffff]")
_DIGIT = re.compile(r"\d")
_CHAT_WHAT = re.compile(r"\b(?:wat|wut|wot|wats|wuts|wots)\b|^(?:wtf|wth|tf)\b")
# Interjections a chat message opens with ("omg what is n+1", "bruh why did meta cut"): no part of the question
_OPENING_INTERJECTION = re.compile(r"^(?:(?:omg|omfg|lol|lmao|bruh|ugh|um+|uh+|hmm+|yo|jeez|gosh|smh|ffs)\b\W*)+(?=\w)")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]{0,200})?/?>")
# Letters with no Unicode decomposition that people type for plain ones.
_FOLD = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d"})
# 6.650 / 6,650 / 6 650 (thousands groups of exactly three digits); 6k / 6.5k / 6 thousand; 1.2万
_GROUPED = re.compile(r"(?<![\d.,])(\d{1,3})((?:[.,]\d{3})+|(?: \d{3})+)(?![\d]|[.,]\d)")
_SCALED = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?) ?(k|thousand|m|million|万|千)(?![a-z])")
# A figure of ten-thousands and then thousands ("1万2千", colloquially "1万2": 12,000; "1万2000", "3万500")
_WAN_AND = re.compile(r"(?<![\d.])(\d+) ?万 ?(\d{1,4})(?: ?(千))?(?![\d.])")


def _wan_and(m: re.Match) -> str:
    rest = m.group(2)
    thousands = m.group(3) or len(rest) == 1  # "1万2" says its thousands; "1万200" its units
    return str(int(m.group(1)) * 10_000 + int(rest) * (1_000 if thousands else 1))


_SCALE = {"k": 1_000, "thousand": 1_000, "m": 1_000_000, "million": 1_000_000, "万": 10_000, "千": 1_000}


def to_simplified(text: str) -> str:
    """Traditional Chinese as simplified (OpenCC's t2s conversion, phrases and characters)."""
    if not _CJK.search(text):
        return text
    from .language import _t2s

    return _t2s().convert(text)


def clean(text: str) -> str:
    """A user's message as plain text: markup tags and entities, control and format characters
    removed (each becomes a space), NFKC applied. Keeps case and punctuation."""
    if "<" in text:
        text = _TAG.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
    if text.isascii():
        return _CONTROL.sub(" ", text)
    text = unicodedata.normalize("NFKC", text).translate(_ZERO_WIDTH)
    return _CONTROL.sub(" ", text)


def fold_accents(text: str) -> str:
    """Latin letters without their diacritics ("société" -> "societe", "i̇" -> "i"); CJK untouched."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", stripped).translate(_FOLD)


# A Chinese numeral of two characters or more, starting with a digit word ("一万两千", "两千五百", "十二"): not
# "万一" (in case), "千万" (by all means) or a lone "十" (of 十分, "very"); one with no power of ten in it ("一二",
# "九九六") stays as written (bot.text._arabic).
_NUMERAL_CHARS = "零〇一二两三四五六七八九十百千万亿"
_CJK_NUMERAL = re.compile(f"(?<![{_NUMERAL_CHARS}])[一二两三四五六七八九十][{_NUMERAL_CHARS}]+")


def _arabic(match: re.Match) -> str:
    """One Chinese numeral as digits (cn2an, imported only when a question writes one), or as written
    when cn2an cannot read it ("三四千", about three or four thousand)."""
    if not re.search("[十百千万亿]", match.group(0)):
        return match.group(0)
    import cn2an

    try:
        return str(cn2an.cn2an(match.group(0), "normal"))
    except ValueError:
        return match.group(0)


def plain_numbers(text: str) -> str:
    """Figures as plain digits: "6.650", "6,650", "6 650" -> "6650"; "6k", "6.5 thousand" -> "6000",
    "6500"; "1.2万" -> "12000"; "一万两千" -> "12000". A decimal point that is not a thousands group
    stays ("1.5")."""
    if _CJK.search(text) and _CJK_NUMERAL.search(text):
        text = _CJK_NUMERAL.sub(_arabic, text)
    if not _DIGIT.search(text):
        return text
    text = _GROUPED.sub(lambda m: m.group(1) + re.sub(r"[., ]", "", m.group(2)), text)
    text = _WAN_AND.sub(_wan_and, text)  # "1万2千", "1万2" (12000), "1万2000"

    def scaled(m: re.Match) -> str:
        value = float(m.group(1)) * _SCALE[m.group(2)]
        return str(int(value)) if value.is_integer() else m.group(0)

    return _SCALED.sub(scaled, text)


# A month written in Chinese numerals ("一月份", "十二月"), not "一个月" (a month's time) nor a word ending in 一 that
# runs into 月 ("统一月薪": a uniform monthly pay).
_CJK_MONTH_NUMBERS = {"一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9",
                      "十": "10", "十一": "11", "十二": "12"}
_CJK_NUMERAL_MONTH = re.compile(r"(?<![一二三四五六七八九十百千万两几第统唯单同之专划归合])"
                                r"(十[一二]?|[一二三四五六七八九])(?=月)")


@lru_cache(maxsize=1 << 12)
def normalize(text: str) -> str:
    """Clean, lowercase, fold accents and full-width forms, simplify Chinese, write figures as plain
    digits, drop punctuation and extra spaces. Cached: every stage normalises the same question again
    (analysis, views, the WARN registers), about fifteen times an answer."""
    text = clean(text).translate(_APOSTROPHES)
    text = fold_accents(to_simplified(text).casefold())
    # 甚么 (Hong Kong's and older writing's 甚麼) is 什么 ("what"), which OpenCC's conversions leave as written
    text = text.replace("甚么", "什么")
    # Cantonese 嗰 ("that": 嗰次, 嗰輪), which OpenCC writes as 𠮶, a character outside the basic plane no stage reads
    # as Chinese, is Mandarin's 那 ("五月嗰次呢" asks as "五月那次呢")
    text = text.replace("𠮶", "那")
    text = plain_numbers(text)
    text = _CJK_NUMERAL_MONTH.sub(lambda m: _CJK_MONTH_NUMBERS[m.group(1)], text)  # "一月份" -> "1月份"
    text = _SHORT_CJK_YEAR.sub(lambda m: f"{'20' if int(m.group(1)) < 50 else '19'}{m.group(1)}年", text)
    text = _SHORT_CJK_YEAR_ALONE.sub(r"20\1年", text)
    text = _POSSESSIVE.sub(r"\1", text)
    text = _NEGATION.sub(lambda m: f"{_IRREGULAR_NEGATIONS.get(m.group(1), m.group(1)) if m.group(1) else 'can'} not",
                         text)  # "cannot" too: "can not", as "can't" is
    # Chat's spellings of "what" ("wats the warn act", "wat about australia", "wtf is n+1" opening it): the question
    # word, not a name; and the interjections it opens with, none
    text = _OPENING_INTERJECTION.sub("", text.lstrip())
    text = _CHAT_WHAT.sub(lambda m: "whats" if m.group(0).endswith("s") else "what", text)
    # A percent sign is the word ("what % of staff", "cut 10%"): punctuation would drop it.
    text = text.replace("%", " percent ")
    # Keep dots and ampersands inside names ("jd.com", "at&t"); everything else is a separator.
    text = re.sub(r"[^\w\s.&]|_", " ", text)
    text = re.sub(r"(?<![a-z0-9])[.&]|[.&](?![a-z0-9])", " ", text)
    # Separate Chinese from Latin so "裁员xhs" reads as two tokens.
    text = _CJK_RUN.sub(lambda m: f" {m.group(0)} ", text)
    return " ".join(text.split())


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


def word_count(normalized: str) -> int:
    """How many words a normalised question has: its space-separated words, a run of Chinese characters counted
    as one word per two characters (Chinese is written unspaced: "现在学什么专业好就业" is no one-word question)."""
    return sum(-(-len(token) // 2) if has_cjk(token) else 1 for token in normalized.split())


_RELATIVE_YEAR = re.compile(r"\b(this year|last year|this yr|last yr)\b|今年|去年")  # ("yr": chat's "year")


def relative_year(normalized: str, today: dt.date) -> int | None:
    """The year "this year" / "last year" (今年 / 去年) names, asked on `today`; None when there is none."""
    relative = _RELATIVE_YEAR.search(normalized)
    if relative is None:
        return None
    return today.year - (1 if relative.group(0) in {"last year", "last yr", "去年"} else 0)
