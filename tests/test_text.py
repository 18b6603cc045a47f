import pytest

from bot.text import normalize, to_simplified, word_count


def test_case_and_punctuation_fold():
    assert normalize("  How MANY people did Xiaohongshu lay off?!  ") == "how many people did xiaohongshu lay off"


def test_full_width_forms_fold():
    assert normalize("ＸＨＳ　ｌａｙｏｆｆｓ？") == "xhs layoffs"


def test_traditional_chinese_becomes_simplified():
    assert to_simplified("小紅書裁員") == "小红书裁员"
    assert normalize("小紅書裁員多少人？") == "小红书裁员多少人"


def test_possessive_and_dotted_names():
    assert normalize("Xiaohongshu's cuts") == "xiaohongshu cuts"
    assert normalize("JD.com's layoffs.") == "jd.com layoffs"


def test_zero_width_and_rtl_marks_removed():
    assert normalize("x\u200bh\u200ds\u202e") == "xhs"


def test_chinese_separated_from_latin():
    assert normalize("xhs裁员") == "xhs 裁员"


def test_negative_contractions_are_read_as_not():
    assert normalize("And if they DON'T? can't, won't, doesnt") == "and if they do not can not will not does not"
    assert normalize("Who cannot be dismissed?") == "who can not be dismissed"  # as "can't" is


def test_chinese_dates_read_as_year_and_month():
    from bot.retrieval import _months_in

    assert normalize("腾讯22年11月裁员") == "腾讯 2022 年 11 月裁员"  # a short year before a month
    assert normalize("工作了10年") == "工作了 10 年"  # a duration stays a figure
    # "23年" alone is 2023 when nothing around it says duration
    assert normalize("那23年还有裁吗") == "那 2023 年还有裁吗"
    assert normalize("小红书23年裁员了吗") == "小红书 2023 年裁员了吗"
    for duration in ("干了23年", "工作20年了", "满20年", "工龄20年", "20年以上", "做了十几年, 共18年工龄"):
        assert "2020" not in normalize(duration) and "2023" not in normalize(duration) \
            and "2018" not in normalize(duration), duration
    assert _months_in(normalize("2022年11月")) == [11]  # normalising puts a space before 月


def test_chinese_no_known_word_covers_is_read_as_overlapping_bigrams():
    from bot.retrieval import _segment_cjk

    # Two wordings that share part of a stretch share words ("哪些人优先留用" / "优先留用的员工").
    assert _segment_cjk("优先留用", frozenset()) == ["优先", "先留", "留用"]
    assert _segment_cjk("裁员优先留用", frozenset({"裁员"})) == ["裁员", "优先", "先留", "留用"]
    assert _segment_cjk("留用", frozenset()) == ["留用"]


def test_question_words_written_without_the_apostrophe_are_no_content():
    from bot.lexicon import STOPWORDS

    assert {"whats", "hows", "wheres", "whos", "thats"} <= STOPWORDS  # "whats the WARN act threshold"


@pytest.mark.parametrize("text, word", [("whats the notice period", "what"), ("hows severance worked out", "how"),
                                        ("wheres xiaohongshu based", "where"), ("what's it", "what"),
                                        ("whatsapp layoffs", None), ("whose job", None)])
def test_a_question_word_run_into_its_is_is_that_question_word(text, word):
    """"whats the notice period under the WARN act" asked with no question word, while "what's ..." asks with
    "what" (the apostrophe's "s" is dropped): the words a phrasing asks with agree or not (`question_word_same`)."""
    from bot.analysis import question_word

    assert question_word(normalize(text)) == word


def test_relative_years_name_a_year():
    import datetime as dt

    from bot.text import relative_year

    today = dt.date(2026, 11, 30)
    assert relative_year(normalize("how many did facebook fire last year"), today) == 2025
    assert relative_year(normalize("今年小红书裁员了吗"), today) == 2026
    assert relative_year(normalize("how many did facebook fire"), today) is None


def test_chinese_numerals_with_a_power_of_ten_are_figures():
    assert normalize("裁员一万两千人") == "裁员 12000 人"
    assert normalize("两千五百人") == "2500 人"
    assert normalize("五十人以上") == "50 人以上"
    # no power of ten, a lone 十, or words that start with one, stay as written
    for text in ("一些员工", "九九六", "十分重要", "万一", "千万不要", "三四千人"):
        assert normalize(text) == text


def test_last_yr_is_last_year():
    import datetime as dt

    from bot.text import relative_year

    assert relative_year("is that more than last yr", dt.date(2026, 12, 2)) == 2025
    assert relative_year("layoffs this yr", dt.date(2026, 12, 2)) == 2026


def test_a_percent_sign_is_the_word():
    """Blind10: "zillow offers shutdwon - what % of staff went" was declined: normalisation dropped the sign as
    punctuation, so no share was asked."""
    assert normalize("what % of staff went") == "what percent of staff went"
    assert normalize("Spotify cut 17%") == "spotify cut 17 percent"


def test_shenme_written_with_shen_is_what():
    """Blind16: "雙減政策是甚麼時候推出的" was declined while "双减政策是什么时候推出的" answered: 甚麼 (Hong Kong's and
    older writing's "what") stays 甚么 in OpenCC's conversions, a word no question-word rule reads."""
    assert normalize("雙減政策是甚麼時候推出的") == normalize("双减政策是什么时候推出的")


@pytest.mark.parametrize("text, kind", [("要几时攞到", "when"), ("裁了几个人", "how_many"), ("要做几耐", None)])
def test_jishi_asks_when_not_how_many(text, kind):
    """Trial 38: "要幾時攞到？" (when do I get it?) read 几 of 几时 ("when") as "how many"."""
    from bot.analysis import question_type

    assert question_type(normalize(text)) == kind


@pytest.mark.parametrize("text, plain", [
    ("裁1万2千人", "裁 12000 人"), ("1万2", "12000"), ("3万5", "35000"), ("1万2000", "12000"), ("1万200", "10200"),
])
def test_ten_thousands_then_thousands_in_digits_are_one_figure(text, plain):
    """Blind19: "TCS说要裁1万2千人" read 1万 and 2千 apart, as 100002000: ten-thousands followed by thousands (千, or
    one digit alone, as "1万2" is said) or by units are one figure."""
    assert normalize(text) == plain


@pytest.mark.parametrize("text, words", [("how many were cut", 4), ("现在呢", 2), ("现在学什么专业好就业", 5),
                                          ("2022 年裁员了吗", 4)])
def test_word_count_counts_unspaced_chinese_by_pairs_of_characters(text, words):
    assert word_count(normalize(text)) == words
