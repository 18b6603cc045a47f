"""python-telegram-bot driven for real: HTTP on loopback against the fake Bot API server."""

from __future__ import annotations

import asyncio
import html
import logging
import re
from contextlib import asynccontextmanager

import pytest
from fake_bot_api import FakeBotApi, Fault

from bot.config import Settings
from bot.telegram_bot import build_application, configure_logging

TOKEN = "4242:fake-test-token-for-loopback-only"


@pytest.fixture
def bot_api():
    server = FakeBotApi(TOKEN).start()
    yield server
    server.stop()


@asynccontextmanager
async def running_bot(bot_api: FakeBotApi, factbase, built_db):
    settings = Settings(db_path=built_db, telegram_token=TOKEN, telegram_api_base_url=bot_api.base_url)
    application = build_application(settings, factbase)
    async with application:
        await application.start()
        await application.updater.start_polling(poll_interval=0.0, timeout=1)
        try:
            yield application
        finally:
            await application.updater.stop()
            await application.stop()


async def wait_for(bot_api: FakeBotApi, count: int, method: str = "sendMessage") -> list[dict]:
    return await asyncio.to_thread(bot_api.wait_for, count, method)


def visible_text(message: dict) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", message["text"]))


async def test_question_gets_a_cited_html_answer(bot_api, factbase, built_db):
    async with running_bot(bot_api, factbase, built_db):
        bot_api.push_text("How many employees did Xiaohongshu lay off?", chat_id=7, user_id=7)
        [reply] = await wait_for(bot_api, 1)
    assert int(reply["chat_id"]) == 7
    assert reply["parse_mode"] == "HTML"
    assert "<b>Sources</b>" in reply["text"] and '<a href="http' in reply["text"]
    assert "10%" in visible_text(reply)
    assert len(reply["text"]) <= 4096


async def test_commands_start_help_sources(bot_api, factbase, built_db):
    async with running_bot(bot_api, factbase, built_db):
        bot_api.push_text("/start")
        bot_api.push_text("/help")
        bot_api.push_text("/sources")
        replies = await wait_for(bot_api, 3)
    texts = [visible_text(r) for r in replies]
    assert any(t.startswith("Hello Ann!") for t in texts)
    assert any("How many employees did Xiaohongshu lay off?" in t for t in texts)
    assert any(re.search(r"I cite \d+ sources from \d+ publishers", t) for t in texts)


async def test_follow_up_context_is_per_user(bot_api, factbase, built_db):
    async with running_bot(bot_api, factbase, built_db):
        bot_api.push_text("How many employees did Xiaohongshu lay off?", chat_id=1, user_id=1)
        await wait_for(bot_api, 1)
        bot_api.push_text("why?", chat_id=1, user_id=1)
        bot_api.push_text("why?", chat_id=2, user_id=2)  # a stranger has no context
        replies = await wait_for(bot_api, 3)
    by_chat = {int(r["chat_id"]): visible_text(r) for r in replies[1:]}
    assert "performance review" in by_chat[1].lower() or "optimi" in by_chat[1].lower()
    assert by_chat[2].startswith("I don't have a sourced answer")


async def test_hostile_input_is_escaped_and_answered(bot_api, factbase, built_db):
    hostile = "<b>bold</b> <a href='javascript:x'>x</a> &amp; '; DROP TABLE facts; -- \u202e\u200b 🙂"
    async with running_bot(bot_api, factbase, built_db):
        bot_api.push_text(hostile)
        bot_api.push_text("x" * 4096)
        replies = await wait_for(bot_api, 2)
    for reply in replies:
        assert reply["parse_mode"] == "HTML" and len(reply["text"]) <= 4096
        assert "<b>bold</b>" not in reply["text"] and "javascript:" not in reply["text"]


async def test_errors_are_reported_to_the_user_and_logged(bot_api, factbase, built_db, caplog):
    class Broken:
        def ask(self, *args):
            raise RuntimeError("database went away")

        def source_list(self):
            return []

    async with running_bot(bot_api, Broken(), built_db):
        bot_api.push_text("How many employees did Xiaohongshu lay off?")
        [reply] = await wait_for(bot_api, 1)
    assert "something went wrong" in reply["text"]
    assert "database went away" in caplog.text


async def test_server_error_on_send_is_retried_and_nothing_is_lost(bot_api, factbase, built_db):
    bot_api.faults.append(Fault("sendMessage", status=429,
                                body={"ok": False, "error_code": 429, "description": "Too Many Requests",
                                      "parameters": {"retry_after": 1}}))
    async with running_bot(bot_api, factbase, built_db):
        bot_api.push_text("What does N+1 mean?")
        replies = await wait_for(bot_api, 1)
    assert len(replies) == 1 and "N+1" in visible_text(replies[0])


async def test_token_never_reaches_the_log(bot_api, factbase, built_db, caplog):
    configure_logging(Settings(telegram_token=TOKEN, log_level="DEBUG"))
    caplog.set_level(logging.DEBUG)
    async with running_bot(bot_api, factbase, built_db):
        bot_api.push_text("How many employees did Xiaohongshu lay off?")
        await wait_for(bot_api, 1)
    assert caplog.records, "expected some log output at DEBUG"
    assert TOKEN not in caplog.text
    assert TOKEN.split(":")[1] not in caplog.text
