"""Updates per second end to end: fake Bot API server on loopback -> python-telegram-bot -> fact base -> reply.

    .venv/bin/python benchmarks/telegram_throughput.py [--updates 1000] [--same-process] [--telegram-cap]

Pushes N questions (one per private chat, a mix of answered and unanswered ones) into the fake
server's getUpdates queue and times until N replies have arrived; every update must be answered
exactly once. The bot runs in its own process, as in production where Telegram is another machine
(--same-process shares one interpreter, and so one GIL, with the fake server). By default
Telegram's own 30 messages/second cap in AIORateLimiter is lifted (the limiter stays in the path),
so the number measures the bot; --telegram-cap keeps it.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO))

from fake_bot_api import FakeBotApi, polling  # noqa: E402

TOKEN = "4242:benchmark-token-for-loopback-only"
QUESTIONS = [
    "How many employees did Xiaohongshu lay off?",
    "What does N+1 mean?",
    "How much notice must a US employer give before a mass layoff?",
    "And JD.com?",
    "qwertyuiop zxcvbnm",
]


def build_bot(base_url: str, db_path: Path, telegram_cap: bool):
    from telegram.ext import AIORateLimiter

    from bot.config import Settings
    from bot.service import FactBase
    from bot.telegram_bot import build_application

    settings = Settings(db_path=db_path, telegram_token=TOKEN, telegram_api_base_url=base_url,
                        feedback_db=db_path.with_name("feedback.db"), flood_limit=0)
    limiter = AIORateLimiter(max_retries=3) if telegram_cap else AIORateLimiter(overall_max_rate=0, max_retries=3)
    return build_application(settings, FactBase.open(db_path, build_if_needed=False), rate_limiter=limiter)


def bot_process(base_url: str, db_path: Path, telegram_cap: bool, stop) -> None:
    async def run() -> None:
        async with polling(build_bot(base_url, db_path, telegram_cap)):
            await asyncio.to_thread(stop.wait)

    asyncio.run(run())


def wait_until_polling(api: FakeBotApi) -> None:
    api.wait_until(lambda: any(r.method == "getUpdates" for r in api.requests), 60, "the bot to poll")


async def measure(updates: int, telegram_cap: bool, same_process: bool) -> float:
    from bot.db import build_database

    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "layoffbot.db"
        build_database(db_path)
        api = FakeBotApi(TOKEN).start()
        try:
            if same_process:
                async with polling(build_bot(api.base_url, db_path, telegram_cap)):
                    elapsed = await asyncio.to_thread(push_and_time, api, updates)
            else:
                stop = multiprocessing.Event()
                child = multiprocessing.Process(target=bot_process, args=(api.base_url, db_path, telegram_cap, stop))
                child.start()
                try:
                    wait_until_polling(api)
                    elapsed = push_and_time(api, updates)
                finally:
                    stop.set()
                    child.join(60)
        finally:
            api.stop()
        replies = {int(r["chat_id"]) for r in api.sent()}
        assert len(replies) == updates == len(api.sent()) and not api.rejected, "lost or doubled replies"
        return updates / elapsed


def push_and_time(api: FakeBotApi, updates: int) -> float:
    started = time.perf_counter()
    for chat in range(1, updates + 1):
        api.push_text(QUESTIONS[chat % len(QUESTIONS)], chat_id=chat, user_id=chat)
    api.wait_for(updates, "sendMessage", 600.0)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=1000)
    parser.add_argument("--same-process", action="store_true", help="run the bot beside the fake server")
    parser.add_argument("--telegram-cap", action="store_true", help="keep AIORateLimiter's 30 messages/s cap")
    args = parser.parse_args()
    rate = asyncio.run(measure(args.updates, args.telegram_cap, args.same_process))
    where = "one process" if args.same_process else "bot in its own process"
    cap = "with" if args.telegram_cap else "without"
    print(f"{args.updates} updates answered at {rate:.0f} updates/s end to end ({where}, {cap} Telegram's 30/s cap)")


if __name__ == "__main__":
    main()
