"""Property-based tests: hostile and odd messages never break the bot, its HTML or its database.

The bulk (over 10,000 generated messages) goes through the same code the handlers run — ask the
fact base, render the card, expand its sources, build its buttons — and a few hundred more go
through the real HTTP path, where the fake server refuses anything Telegram would.
"""

from __future__ import annotations

import asyncio
import hashlib
import html
import random
import re
from collections import Counter

from fake_bot_api import BOT_USER, FakeBotApi, polling, telegram_html_problem, tg_len, wait_for
from fake_bot_api import TEST_TOKEN as TOKEN
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from telegram.ext import AIORateLimiter

from bot.config import Settings
from bot.matching import Conversation
from bot.telegram_bot import FLOOD_TEXT, HELP_TEXT, build_application
from bot.telegram_views import (
    MAX_CALLBACK_DATA,
    MAX_MESSAGE,
    card_keyboard,
    card_text,
    compose_card,
    split_html,
    strip_mentions,
)

BATCH = 6
BATCHES = 500  # 3,000 messages (more, as a stress run: benchmarks/telegram_throughput.py)
HTTP_MESSAGES = 300

FRAGMENTS = [
    # questions the base answers, and follow-ups that lean on the conversation
    "How many employees did Xiaohongshu lay off?", "小红书裁员多少人", "why?", "and JD.com?", "What does N+1 mean?",
    "How much notice must a US employer give before a mass layoff?", "Meta layoffs 2023", "severance",
    # right-to-left text and direction marks
    "כמה עובדים פוטרו?", "كم عدد الموظفين الذين تم تسريحهم؟", "\u202eevil\u202c", "\u200f", "\u061c", "\u2067x\u2069",
    # zero-width and invisible characters
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u180e", "\u034f",
    # emoji, including joined sequences, flags and skin tones
    "🙂", "👩‍💻", "👨‍👩‍👧‍👦", "🇨🇳", "🏳️‍🌈", "👍🏽", "🫠", "\U0001f9d1\u200d\U0001f91d\u200d\U0001f9d1",
    # HTML fragments
    "<b>", "</b>", "<i>x</i>", '<a href="javascript:alert(1)">x</a>', "<script>alert(1)</script>", "&amp;", "&",
    "&lt;", "&#0;", "&#x110000;", "<", ">", "<!--", "-->", "<![CDATA[", "]]>", '"', "'", "<pre><code>", "</a>",
    # Markdown fragments
    "*bold*", "_it_", "`code`", "```py\nx\n```", "[link](https://example.org)", "||spoiler||", "~~s~~", "\\", "#",
    # SQL fragments
    "'; DROP TABLE facts; --", '" OR 1=1 --', "UNION SELECT * FROM sources", "%", "_", "NULL", "); delete from",
    # mentions and commands written inside text
    "@layoff_test_bot", "@someone", "/ask", "/start@layoff_test_bot",
    # control characters and odd whitespace
    "\x00", "\x07", "\t", "\r\n", "\n\n\n", "\u2028", "\u3000", " ",
]
WALLS = [unit * (MAX_MESSAGE // len(unit)) for unit in ("x", "🙂", "<", "&", "ب", "\u200b", "a ", "<b>", "小")]

fragment = st.sampled_from(FRAGMENTS)
any_text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=60)
message = st.one_of(
    st.lists(st.one_of(fragment, any_text), min_size=1, max_size=8).map(" ".join),
    st.lists(st.one_of(fragment, any_text), min_size=1, max_size=4).map("".join),
    st.sampled_from(WALLS),
    st.tuples(st.sampled_from(WALLS), fragment).map(lambda pair: (pair[1] + pair[0])[:MAX_MESSAGE]),
)


def file_digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_valid_reply(text: str) -> None:
    problem = telegram_html_problem(text)
    assert problem is None, f"{problem}: {text[:300]!r}"
    assert tg_len(text) <= MAX_MESSAGE


def check_message(factbase, text: str, conversation: Conversation) -> Conversation:
    """What the handlers do with one message, minus the network."""
    asked = strip_mentions(text, BOT_USER["username"]) or text
    answer, conversation = factbase.ask(asked, conversation)
    card = compose_card(answer)
    card.key = "Abc1z"
    assert card.chunks
    for chunk in card.chunks:
        assert_valid_reply(chunk)
    for shown in (True, False):
        card.sources_shown = shown
        card.related_shown = shown
        assert_valid_reply(card_text(card))
        keyboard = card_keyboard(card)
        for row in keyboard.inline_keyboard if keyboard else ():
            for button in row:
                assert 1 <= len(button.callback_data.encode()) <= MAX_CALLBACK_DATA and button.text
    return conversation


def test_thousands_of_generated_messages_never_break_replies_or_the_database(factbase, built_db):
    before = file_digest(built_db)
    seen: list[int] = []

    @settings(max_examples=BATCHES, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(st.lists(message, min_size=BATCH, max_size=BATCH))
    def run(batch: list[str]) -> None:
        conversation = Conversation()
        for text in batch:
            conversation = check_message(factbase, text, conversation)
        seen.append(len(batch))

    run()
    assert sum(seen) >= 3_000, sum(seen)
    assert file_digest(built_db) == before
    wal = built_db.with_name(built_db.name + "-wal")  # readers of a WAL database may leave it, empty
    assert not wal.exists() or wal.stat().st_size == 0


plain = st.text(alphabet=st.characters(exclude_categories=("Cs",)), min_size=1, max_size=300).map(html.escape)
url = st.from_regex(r"https://example\.org/[a-z0-9]{0,40}", fullmatch=True)
segment = st.one_of(
    plain,
    plain.map(lambda text: f"<b>{text}</b>"),
    plain.map(lambda text: f"<i>{text}</i>"),
    st.tuples(url, plain).map(lambda pair: f'<a href="{pair[0]}">{pair[1]}</a>'),
    st.tuples(plain, plain).map(lambda pair: f"<b>{pair[0]} <i>{pair[1]}</i></b>"),
    st.sampled_from(WALLS).map(html.escape),
)


@settings(max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(segment, st.sampled_from(["", " ", "\n", "\n\n"])), min_size=1, max_size=30),
       st.integers(min_value=200, max_value=MAX_MESSAGE))
def test_split_html_always_gives_valid_messages_within_the_limit(parts, limit):
    text = "".join(segment + separator for segment, separator in parts)
    if not html.unescape(re.sub(r"<[^>]*>", "", text)).strip():
        return  # nothing visible to send
    chunks = split_html(text, limit)
    for chunk in chunks:
        assert telegram_html_problem(chunk) is None, chunk[:300]
        assert tg_len(chunk) <= limit
    visible = [html.unescape(re.sub(r"<[^>]*>", "", chunk)) for chunk in (text, "".join(chunks))]
    assert re.sub(r"\s", "", visible[0]) == re.sub(r"\s", "", visible[1])  # only whitespace at cuts is dropped


def test_fixed_texts_are_valid_telegram_html():
    for text in (HELP_TEXT, f"Hello Ann! {HELP_TEXT}", FLOOD_TEXT.format(limit=20)):
        assert_valid_reply(text)


def http_messages(count: int, seed: int = 5) -> list[str]:
    """The same kinds of messages, mixed by a seeded RNG (reproducible), as a user could send them."""
    rng = random.Random(seed)
    out = []
    while len(out) < count:
        kind = rng.random()
        if kind < 0.1:
            text = rng.choice(WALLS)
        else:
            parts = [rng.choice(FRAGMENTS) for _ in range(rng.randint(1, 6))]
            parts += ["".join(chr(rng.randint(0x20, 0x2FFFF)) for _ in range(rng.randint(0, 12)))]
            rng.shuffle(parts)
            text = rng.choice([" ", ""]).join(parts)[:MAX_MESSAGE]
        text = text.strip()
        # Telegram delivers no empty messages, surrogates are not text, and a leading "/" would be
        # some other (unknown) command.
        text = "".join(ch for ch in text if not 0xD800 <= ord(ch) <= 0xDFFF).lstrip("/")
        if text.strip():
            out.append(text)
    return out


async def test_hundreds_of_odd_messages_through_http_are_each_answered_once(factbase, built_db, tmp_path):
    before = file_digest(built_db)
    api = FakeBotApi(TOKEN).start()
    settings_ = Settings(db_path=built_db, telegram_token=TOKEN, telegram_api_base_url=api.base_url,
                         feedback_db=tmp_path / "feedback.db", flood_limit=0)
    texts = http_messages(HTTP_MESSAGES)
    # Telegram's 30 messages a second would make this test take ten seconds: lift that one cap,
    # the rate limiter itself stays in the path.
    unthrottled = AIORateLimiter(overall_max_rate=0, max_retries=3)
    try:
        async with polling(build_application(settings_, factbase, rate_limiter=unthrottled)):
            for chat, text in enumerate(texts, 1):
                if chat % 10 == 0:  # some in a group, addressed to the bot
                    last = api.push_text(f"/ask {text}"[:MAX_MESSAGE], chat_id=-chat, user_id=chat,
                                         chat_type="supergroup")
                else:
                    last = api.push_text(text, chat_id=chat, user_id=chat)
            await wait_for(api, len(texts), timeout=60)
            await asyncio.to_thread(api.wait_fetched, last)
    finally:
        api.stop()
    assert not api.rejected, api.rejected[:1]
    per_chat = Counter(abs(int(r["chat_id"])) for r in api.sent())
    assert per_chat == Counter(range(1, len(texts) + 1))
    assert not any("something went wrong" in r["text"] for r in api.sent())
    assert file_digest(built_db) == before
