"""`layoffbot serve` as a real process: polling and webhook modes, the webhook's secret, SIGTERM."""

from __future__ import annotations

import asyncio

from click.testing import CliRunner
from fake_bot_api import TEST_TOKEN as TOKEN
from fake_bot_api import post_webhook, start_serve, start_webhook_serve, stop_with_sigterm, wait_for

from bot.cli import cli

SECRET = "right-secret_123"


async def test_polling_serve_answers_and_stops_cleanly_on_sigterm(bot_api, db_copy, tmp_path):
    process = await asyncio.to_thread(start_serve, bot_api, db_copy, tmp_path)
    try:
        update_id = bot_api.push_text("What does N+1 mean?")
        [reply] = await wait_for(bot_api, 1)
        await asyncio.to_thread(bot_api.wait_fetched, update_id)
    finally:
        log = await asyncio.to_thread(stop_with_sigterm, process)
    assert "N+1" in reply["text"]
    assert "Traceback" not in log and TOKEN not in log and TOKEN.split(":")[1] not in log
    assert bot_api.sent("setMyCommands") and bot_api.sent("deleteWebhook")  # polling clears any webhook


async def test_webhook_serve_checks_the_secret_and_stops_cleanly(bot_api, db_copy, tmp_path):
    process, url = await asyncio.to_thread(start_webhook_serve, bot_api, db_copy, tmp_path, SECRET)
    try:
        [registered] = bot_api.sent("setWebhook")
        assert registered["url"] == url and registered["secret_token"] == SECRET
        forged = {"update_id": 1, "message": bot_api.user_message("How many employees did Xiaohongshu lay off?")}
        assert await asyncio.to_thread(post_webhook, url, forged, "wrong-secret") == 403
        assert await asyncio.to_thread(post_webhook, url, forged, None) == 403
        genuine = {"update_id": 2, "message": bot_api.user_message("What does N+1 mean?", chat_id=8, user_id=8)}
        assert await asyncio.to_thread(post_webhook, url, genuine, SECRET) == 200
        [reply] = await wait_for(bot_api, 1)
    finally:
        log = await asyncio.to_thread(stop_with_sigterm, process)
    assert int(reply["chat_id"]) == 8 and "N+1" in reply["text"]
    assert len(bot_api.sent()) == 1  # the forged update was never handled
    assert "Traceback" not in log and SECRET not in log and TOKEN not in log


def test_serve_refuses_bad_webhook_settings(db_copy, monkeypatch):
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("LAYOFFBOT_DB", str(db_copy))
    runner = CliRunner()
    result = runner.invoke(cli, ["serve", "--webhook", "not a url"])
    assert result.exit_code == 1 and "needs a full URL" in result.output
    monkeypatch.setenv("LAYOFFBOT_WEBHOOK_SECRET", "has spaces!")
    result = runner.invoke(cli, ["serve", "--webhook", "https://bot.example.org/hook"])
    assert result.exit_code == 1 and "LAYOFFBOT_WEBHOOK_SECRET may only hold" in result.output
    assert "has spaces" not in result.output
    monkeypatch.setenv("LAYOFFBOT_FLOOD_LIMIT", "many")
    result = runner.invoke(cli, ["serve"])
    assert result.exit_code == 1 and "LAYOFFBOT_FLOOD_LIMIT must be a whole number" in result.output
