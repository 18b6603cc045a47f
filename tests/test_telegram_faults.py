"""A misbehaving Bot API server (429s, 500s, slow answers, dropped connections) and flooding users.

The bot must recover, answer once the server is healthy, and neither lose an update nor answer
one twice. Tests wait on the fake server's condition variable, never on sleeps.
"""

from __future__ import annotations

import asyncio
from collections import Counter

import pytest
from fake_bot_api import TEST_TOKEN as TOKEN
from fake_bot_api import FakeBotApi, Fault, polling, running_bot, wait_for

from bot.config import ConfigError, Settings
from bot.telegram_bot import build_application
from bot.telegram_views import FloodGate

QUESTIONS = [
    "How many employees did Xiaohongshu lay off?",
    "What does N+1 mean?",
    "How much notice must a US employer give before a mass layoff?",
    "qwertyuiop zxcvbnm",
]
TOO_MANY = {"ok": False, "error_code": 429, "description": "Too Many Requests: retry after 1",
            "parameters": {"retry_after": 1}}




def assert_each_chat_answered_once(bot_api: FakeBotApi, chats: list[int]) -> None:
    replies = Counter(int(r["chat_id"]) for r in bot_api.sent())
    assert replies == Counter(chats), replies
    assert not any("something went wrong" in r["text"] for r in bot_api.sent())
    assert not bot_api.rejected


async def test_polling_survives_a_flaky_get_updates(bot_api, factbase, built_db, tmp_path):
    bot_api.faults += [
        Fault("getUpdates", drop=True),
        Fault("getUpdates", status=500),
        Fault("getUpdates", status=429, body=TOO_MANY),
        Fault("getUpdates", status=200, delay=0.3),  # slow, but it does answer
        Fault("getUpdates", status=502, body={"ok": False, "error_code": 502, "description": "Bad Gateway"}),
    ]
    chats = list(range(1, len(QUESTIONS) + 1))
    for chat, question in zip(chats, QUESTIONS, strict=True):
        bot_api.push_text(question, chat_id=chat, user_id=chat)
    async with running_bot(bot_api, factbase, built_db, tmp_path):
        await wait_for(bot_api, len(chats), timeout=30)
        late = bot_api.push_text(QUESTIONS[0], chat_id=99, user_id=99)  # and it keeps polling afterwards
        await wait_for(bot_api, len(chats) + 1)
        await asyncio.to_thread(bot_api.wait_fetched, late)
    assert not bot_api.faults, "every fault was served"
    assert_each_chat_answered_once(bot_api, [*chats, 99])


async def test_sending_survives_429_500_slow_and_dropped_connections(bot_api, factbase, built_db, tmp_path):
    bot_api.faults += [
        Fault("sendMessage", status=500),
        Fault("sendMessage", drop=True),
        Fault("sendMessage", status=429, body=TOO_MANY),
        Fault("sendMessage", status=200, delay=0.3),
        Fault("sendMessage", status=503, body={"ok": False, "error_code": 503, "description": "Unavailable"}),
    ]
    chats = list(range(1, len(QUESTIONS) + 1))
    async with running_bot(bot_api, factbase, built_db, tmp_path):
        for chat, question in zip(chats, QUESTIONS, strict=True):
            bot_api.push_text(question, chat_id=chat, user_id=chat)
        await wait_for(bot_api, len(chats), timeout=30)
    assert not bot_api.faults
    assert_each_chat_answered_once(bot_api, chats)


async def test_buttons_survive_server_errors(bot_api, factbase, built_db, tmp_path):
    async with running_bot(bot_api, factbase, built_db, tmp_path):
        bot_api.push_text(QUESTIONS[0])
        [reply] = await wait_for(bot_api, 1)
        message = bot_api.sent_message(reply)
        bot_api.faults += [Fault("answerCallbackQuery", status=500), Fault("editMessageText", drop=True)]
        sources = next(b["callback_data"] for row in message["reply_markup"]["inline_keyboard"] for b in row
                       if b["callback_data"].startswith("s|"))
        bot_api.push_callback(message, sources)
        [edit] = await wait_for(bot_api, 1, "editMessageText")
        await wait_for(bot_api, 1, "answerCallbackQuery")
    assert "</a>, 20" in edit["text"]
    assert len(bot_api.sent("editMessageText")) == 1 and len(bot_api.sent("answerCallbackQuery")) == 1


async def test_a_server_down_for_a_while_loses_nothing(bot_api, factbase, built_db, tmp_path):
    """Failed sends beyond one reply's retries: the user gets an apology, and later questions get through."""
    async with running_bot(bot_api, factbase, built_db, tmp_path):
        bot_api.faults += [Fault("sendMessage", status=500) for _ in range(4)]
        bot_api.push_text(QUESTIONS[1], chat_id=1, user_id=1)
        # The first reply used up all its attempts; the error handler's apology is what gets through.
        [apology] = await wait_for(bot_api, 1)
        bot_api.push_text(QUESTIONS[1], chat_id=2, user_id=2)
        replies = await wait_for(bot_api, 2)
    assert "something went wrong" in apology["text"] and int(apology["chat_id"]) == 1
    assert "N+1" in replies[1]["text"] and int(replies[1]["chat_id"]) == 2 and len(replies) == 2


async def test_flood_limit_is_per_user_and_polite(bot_api, factbase, built_db, tmp_path):
    async with running_bot(bot_api, factbase, built_db, tmp_path, flood_limit=3):
        for _ in range(6):
            last = bot_api.push_text(QUESTIONS[1], chat_id=1, user_id=1)
        bot_api.push_text(QUESTIONS[1], chat_id=2, user_id=2)
        await wait_for(bot_api, 5)
        await asyncio.to_thread(bot_api.wait_fetched, last)
    replies = bot_api.sent()
    to_flooder = [r["text"] for r in replies if int(r["chat_id"]) == 1]
    assert len(replies) == 5 and len(to_flooder) == 4
    assert sum("faster than I can keep up" in t for t in to_flooder) == 1
    assert sum("N+1" in t for t in to_flooder) == 3
    assert any("N+1" in r["text"] for r in replies if int(r["chat_id"]) == 2)


def test_flood_gate_window_slides():
    now = [0.0]
    gate = FloodGate(2, window=60, clock=lambda: now[0])
    assert [gate.check(1) for _ in range(4)] == ["ok", "ok", "warn", "drop"]
    assert gate.check(2) == "ok"
    now[0] = 59.0
    assert gate.check(1) == "drop"
    now[0] = 60.5
    assert gate.check(1) == "ok"
    assert FloodGate(0).check(1) == "ok"  # 0 turns it off


def test_settings_from_env():
    settings = Settings.from_env({
        "LAYOFFBOT_DB": "/d/x.db", "LAYOFFBOT_FLOOD_LIMIT": "5", "TELEGRAM_ADMIN_IDS": "1, 2 x",
        "LAYOFFBOT_WEBHOOK_URL": "https://example.org/hook", "LAYOFFBOT_WEBHOOK_SECRET": "s3",
        "LAYOFFBOT_WEBHOOK_PORT": "8443",
    })
    assert settings.flood_limit == 5 and settings.admin_ids == frozenset({1, 2})
    assert str(settings.feedback_path) == "/d/x-feedback.db"
    assert settings.webhook_url == "https://example.org/hook" and settings.webhook_port == 8443
    assert "s3" not in repr(settings)
    assert Settings.from_env({"LAYOFFBOT_FEEDBACK_DB": "/f.db"}).feedback_path.as_posix() == "/f.db"
    with pytest.raises(ConfigError, match="LAYOFFBOT_FLOOD_LIMIT"):
        Settings.from_env({"LAYOFFBOT_FLOOD_LIMIT": "lots"})


async def test_a_reply_slower_than_the_timeout_is_not_sent_twice(bot_api, factbase, built_db, tmp_path):
    """The bot gives up waiting, but Telegram did deliver it: no retry, and no apology on top."""
    settings = Settings(db_path=built_db, telegram_token=TOKEN, telegram_api_base_url=bot_api.base_url,
                        feedback_db=tmp_path / "feedback.db")
    bot_api.faults.append(Fault("sendMessage", status=200, delay=1.0))
    async with polling(build_application(settings, factbase, read_timeout=0.3)):
        update_id = bot_api.push_text(QUESTIONS[1], chat_id=1, user_id=1)
        [reply] = await wait_for(bot_api, 1)
        bot_api.push_text(QUESTIONS[1], chat_id=2, user_id=2)  # and the next one is answered normally
        await wait_for(bot_api, 2)
        await asyncio.to_thread(bot_api.wait_fetched, update_id)
    assert "N+1" in reply["text"]
    assert_each_chat_answered_once(bot_api, [1, 2])
    assert sum(r.method == "sendMessage" for r in bot_api.requests) == 2  # never re-sent
