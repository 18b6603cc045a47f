"""The bot token stays secret when Telegram refuses it, and a refused token stops the process.

Real `layoffbot serve` processes against the fake Bot API on loopback, logging at DEBUG (where
PTB and httpx would print request URLs, which carry the token).
"""

from __future__ import annotations

import asyncio
import subprocess
from concurrent.futures import ThreadPoolExecutor

import pytest
from fake_bot_api import (
    TEST_TOKEN,
    FakeBotApi,
    Fault,
    free_port,
    post_webhook,
    serve_command,
    start_serve,
    start_webhook_serve,
    wait_for,
)

SECRET_PART = TEST_TOKEN.split(":")[1]
NOT_FOUND = {"ok": False, "error_code": 404, "description": "Not Found"}
ATTEMPTS = 4  # bootstrap_retries=3: the first call and three retries


def assert_token_not_shown(output: str) -> None:
    assert TEST_TOKEN not in output and SECRET_PART not in output, output


def run_serve(base_url: str, db_path, tmp_path) -> tuple[int, str]:
    command, env = serve_command(base_url, db_path, tmp_path, LAYOFFBOT_LOG_LEVEL="DEBUG")
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL)
    return done.returncode, done.stdout + done.stderr


def test_no_start_up_failure_prints_the_token(db_copy, tmp_path):
    wrong_token = FakeBotApi("4242:another-token-the-server-knows").start()  # answers 401, as Telegram does
    not_found = FakeBotApi(TEST_TOKEN).start()  # Telegram's answer to a malformed token
    not_found.faults += [Fault("getMe", status=404, body=NOT_FOUND)]
    failing = FakeBotApi(TEST_TOKEN).start()
    failing.faults += [Fault("getMe", status=500)] * ATTEMPTS
    garbled = FakeBotApi(TEST_TOKEN).start()
    garbled.faults += [Fault("getMe", status=200, raw=b"<html>not JSON " + TEST_TOKEN.encode())] * ATTEMPTS
    servers = {"401": wrong_token, "404": not_found, "500": failing, "malformed JSON": garbled}
    urls = {name: api.base_url for name, api in servers.items()}
    urls["connection refused"] = f"http://127.0.0.1:{free_port()}/bot"
    try:
        with ThreadPoolExecutor(len(urls)) as pool:  # the retried cases back off for a few seconds each
            futures = {name: pool.submit(run_serve, url, db_copy, tmp_path / name.replace(" ", "-"))
                       for name, url in urls.items()}
            results = {name: future.result() for name, future in futures.items()}
    finally:
        for api in servers.values():
            api.stop()
    for name, (code, output) in results.items():
        assert code == 1, (name, output)
        assert_token_not_shown(output)
        last = output.strip().splitlines()[-1]
        assert last.startswith("Error: ") and "unexpected" not in last, (name, last)
        if name in {"401", "404"}:
            assert "refused the bot token" in last and "TELEGRAM_BOT_TOKEN" in last, last
        else:
            assert "the Bot API at http://127.0.0.1:" in last, last
    assert "DEBUG" in results["500"][1]  # the child really logged at DEBUG


async def refused_exit_line(process: subprocess.Popen, trigger) -> str:
    """Run `trigger()` (which makes Telegram refuse the token), wait for the process to exit on its
    own, check it exited 1 without showing the token; its last line."""
    try:
        await trigger()
        rest, _ = await asyncio.to_thread(process.communicate, timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    output = "".join(process.log) + rest
    assert process.returncode == 1, output
    assert_token_not_shown(output)
    return output.strip().splitlines()[-1]


@pytest.mark.parametrize("status", [401, 404])
async def test_a_refused_token_while_polling_stops_the_process(bot_api, db_copy, tmp_path, status):
    process = await asyncio.to_thread(start_serve, bot_api, db_copy, tmp_path, LAYOFFBOT_LOG_LEVEL="DEBUG")

    async def refuse() -> None:
        bot_api.push_text("What does N+1 mean?")
        await wait_for(bot_api, 1)  # polling works
        refusal = {"ok": False, "error_code": status, "description": "Unauthorized" if status == 401 else "Not Found"}
        bot_api.faults.append(Fault("getUpdates", status=status, body=refusal))
        bot_api.push_text("Why?")  # ends the pending long poll; the next one is refused

    last = await refused_exit_line(process, refuse)
    assert last.startswith(f"Error: Telegram stopped accepting the bot token (getUpdates answered HTTP {status})"), last


async def test_a_refused_reply_stops_a_webhook_bot(bot_api, db_copy, tmp_path):
    process, url = await asyncio.to_thread(start_webhook_serve, bot_api, db_copy, tmp_path, "s3cret",
                                           LAYOFFBOT_LOG_LEVEL="DEBUG")

    async def refuse() -> None:
        bot_api.faults.append(Fault("sendMessage", status=401, body={"ok": False, "error_code": 401,
                                                                      "description": "Unauthorized"}))
        update = {"update_id": 1, "message": bot_api.user_message("What does N+1 mean?")}
        assert await asyncio.to_thread(post_webhook, url, update, "s3cret") == 200

    last = await refused_exit_line(process, refuse)
    assert last.startswith("Error: Telegram stopped accepting the bot token (a reply was refused"), last
