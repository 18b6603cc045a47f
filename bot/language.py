"""The asker's language: what the bot says itself (declines, headings, dates, help) in English,
simplified or traditional Chinese, matching the question's script.

Script conversion uses OpenCC (https://github.com/BYVoid/OpenCC): `t2s` to read traditional
questions, `s2tw` to answer them in the script they were asked in.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from .text import has_cjk

EN, ZH_HANS, ZH_HANT = "en", "zh-Hans", "zh-Hant"

STRINGS = {
    "no_answer": {EN: "I don't have a sourced answer to that.", ZH_HANS: "我没有找到有来源的答案。"},
    "you_could_ask": {EN: "You could ask:", ZH_HANS: "你可以问："},
    "sources": {EN: "Sources", ZH_HANS: "来源"},
    "sources_of_last": {EN: "My last answer cites {marks}; its sources are below.",
                        ZH_HANS: "我上一个回答引用了{marks}，来源如下。"},
    "as_of": {EN: "as of {date}", ZH_HANS: "截至{date}"},
    "undated": {EN: "n.d.", ZH_HANS: "日期不详"},
    "unknown_date": {EN: "an unknown date", ZH_HANS: "日期不详"},
    "known_but_not_that": {EN: "I know about {names}, but I have nothing sourced on that.",
                           ZH_HANS: "我有关于{names}的资料，但没有关于这个问题的有来源信息。"},
    "unit_not_specific": {EN: "I have nothing sourced on {unit} itself; what I have is {company}'s:",
                          ZH_HANS: "我没有关于{unit}本身的有来源资料；以下是{company}的情况："},
    "nothing_on_that_but_rounds": {EN: "I have nothing sourced on that for {company}; what I have is its layoffs:",
                                   ZH_HANS: "关于{company}，我没有这方面的有来源资料；以下是其裁员情况："},
    "missing_subject": {EN: "I have no sourced facts about {name}.", ZH_HANS: "我没有关于{name}的有来源资料。"},
    "how_to_add": {EN: "A curator can add it: layoffbot kb add (or a file in knowledge/), then kb build.",
                   ZH_HANS: "维护者可以补充：layoffbot kb add（或在 knowledge/ 中添加文件），再运行 kb build。"},
    "english_lead": {EN: "", ZH_HANS: "（以下资料为英文原文）"},
    "and": {EN: " and ", ZH_HANS: "和"},
    "cut_notice": {EN: "(Your message was {length:,} characters; I read the first {limit:,}.)",
                   ZH_HANS: "（你的消息有 {length:,} 个字符，我只读取了前 {limit:,} 个。）"},
    "hello": {EN: "Hello! Ask me about a company's layoffs or the rules around them, and I'll give you my sources.",
              ZH_HANS: "你好！可以问我某家公司的裁员情况或相关规定，我会给出来源。"},
    "thanks": {EN: "You're welcome. Ask me anything else about layoffs.",
               ZH_HANS: "不客气。还可以问我其他裁员相关的问题。"},
    "ack": {EN: "Ask me another question whenever you like.", ZH_HANS: "随时可以继续提问。"},
    "no_warn_notice": {EN: "The state WARN registers I hold ({states}, {first} to {last}) list no notice "
                           "from {name}{where}.",
                       ZH_HANS: "我收录的美国州 WARN 通知登记（{states}，{first}至{last}）中没有{name}{where}的通知。"},
    "warn_names_near": {EN: "Employers with similar names in those registers: {names}.",
                        ZH_HANS: "这些登记中名称相近的雇主有：{names}。"},
    "warn_question": {EN: "Did {name} file WARN notices?", ZH_HANS: "{name}提交过 WARN 通知吗？"},
    "no_forecast": {EN: "I can't say what will happen: I only hold layoffs and rules that have been reported.",
                    ZH_HANS: "我无法预测未来：我只收录已经报道的裁员和已有的规定。"},
    "forecast_note": {EN: "I can't predict layoffs; this is what has been reported so far.",
                      ZH_HANS: "我无法预测裁员；以下是目前已有报道的情况。"},
    "no_round_that_year": {EN: "I have no layoff round of {name} in {year} on record; its rounds on record are "
                                "in {years}.",
                           ZH_HANS: "我没有{name}在{year}年裁员的记录；库中记录的裁员在{years}年。"},
    "sector_not_recorded": {EN: "I can't narrow layoffs to {sector}: the base does not record which companies are "
                                "in that sector, so every company's layoffs would pass for theirs. It records the "
                                "industry of some companies in these: {industries}.",
                            ZH_HANS: "我无法只统计{sector}的裁员：本库没有记录哪些公司属于这个行业，"
                                     "所有公司的裁员都会被当成这个行业的。本库记录了部分公司的这些行业：{industries}。"},
    "text_only": {EN: "I read text only: type your question about layoffs (try /help).",
                  ZH_HANS: "我只能读取文字：请输入你关于裁员的问题（可以试试 /help）。"},
}


def language_of(text: str) -> str:
    """EN, ZH_HANS or ZH_HANT: Chinese when the text has CJK characters; traditional when OpenCC's
    t2s conversion changes it."""
    if not has_cjk(text):
        return EN
    return ZH_HANT if _t2s().convert(text) != text else ZH_HANS


def say(key: str, lang: str = EN, **values) -> str:
    """A string the bot says itself, in `lang` (traditional Chinese converted from simplified)."""
    table = STRINGS[key]
    text = table.get(EN if lang == EN else ZH_HANS, table[EN]).format(**values)
    return in_script(text, lang)


def in_script(text: str, lang: str) -> str:
    """`text` converted to traditional characters when `lang` is ZH_HANT; unchanged otherwise."""
    return _s2t().convert(text).translate(_NOT_HAIR) if lang == ZH_HANT and has_cjk(text) else text


# OpenCC's phrase matching crosses word boundaries ("包括发出" -> 包括髮出, "通知须发给" -> 通知鬚髮給:
# "括发", "须发" read as words of hair and beard; OpenCC issue #1497 reports the kind): 发 and 须 of a layoff
# text are "issue" and "must", never hair or a beard, so 髮 and 鬚 are 發 and 須 (tests/test_language.py checks
# no claim speaks of either).
_NOT_HAIR = str.maketrans({"髮": "發", "鬚": "須"})


def date_text(iso: str | None, lang: str = EN) -> str:
    """"22 April 2022" / "2022年4月22日"; "April 2022" / "2022年4月"; the key "unknown_date" when empty."""
    if not iso:
        return say("unknown_date", lang)
    try:
        if len(iso) == 4:
            return iso if lang == EN else f"{iso}年"
        if len(iso) == 7:
            day = _plain_date(iso) or dt.datetime.strptime(iso, "%Y-%m")
            return day.strftime("%B %Y") if lang == EN else f"{day.year}年{day.month}月"
        day = _plain_date(iso) or dt.datetime.strptime(iso, "%Y-%m-%d")
        return day.strftime("%-d %B %Y") if lang == EN else f"{day.year}年{day.month}月{day.day}日"
    except ValueError:
        return iso


def _plain_date(iso: str) -> dt.date | None:
    """The date "YYYY-MM-DD" or "YYYY-MM" (its first day) names, read as `strptime` reads it but
    without loading `_strptime` (a cold `ask` spends 10 ms on that); None for any other shape of
    text, which `strptime` then reads. Raises ValueError for a month or day out of range, as it does."""
    if not (len(iso) in (7, 10) and iso.isascii() and iso[4] == "-" and (len(iso) == 7 or iso[7] == "-")):
        return None
    digits = iso[:4] + iso[5:7] + iso[8:]
    if not digits.isdigit():
        return None
    return dt.date(int(iso[:4]), int(iso[5:7]), int(iso[8:]) if len(iso) == 10 else 1)


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s.json")


@lru_cache(maxsize=1)
def _s2t():
    import opencc

    return opencc.OpenCC("s2tw.json")
