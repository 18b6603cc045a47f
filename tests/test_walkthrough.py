"""A new user's first minutes: the real `layoffbot chat` in a pseudo-terminal, and the Telegram bot
(a real `layoffbot serve` process) through the fake Bot API.

The terminal is driven like a person would: read until the expected text shows, then type.
Waiting is on the program's output (select on the terminal), never on sleeps.
"""

from __future__ import annotations

import asyncio
import os
import pty
import re
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fake_bot_api import start_serve, stop_with_sigterm, wait_for

XHS = "How many employees did Xiaohongshu lay off?"
PROMPT = "you> "
COVERS = re.compile(r"I cover [\d,]+ companies \([\d,]+ layoff events, [\d,]+ facts\) "
                    r"and [\d,]+ rules in \d+ jurisdictions")


def layoffbot() -> str:
    candidate = Path(sys.executable).parent / "layoffbot"
    command = str(candidate) if candidate.exists() else shutil.which("layoffbot")
    if command is None:
        pytest.skip("the layoffbot command is not installed in this environment")
    return command


class Terminal:
    """A program on the slave side of a pseudo-terminal; `expect` reads its screen output."""

    def __init__(self, argv: list[str], env: dict[str, str]):
        master, slave = pty.openpty()
        self.process = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True)
        os.close(slave)
        self.master = master
        self.screen = ""  # everything shown so far (input is echoed by the terminal, as for a person)
        self._seen = 0  # where the next `expect` starts looking

    def expect(self, text: str, timeout: float = 60.0) -> str:
        """Read until `text` shows; return what was shown since the previous expect, up to and with it."""
        deadline = time.monotonic() + timeout
        while text not in self.screen[self._seen:]:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"waited {timeout}s for {text!r}; the screen shows:\n{self.screen[-2000:]}")
            ready, _, _ = select.select([self.master], [], [], remaining)
            if not ready:
                continue
            try:
                data = os.read(self.master, 65536)
            except OSError:  # EIO: the program has exited and closed the terminal
                data = b""
            if not data:
                raise AssertionError(f"the program ended before showing {text!r}:\n{self.screen[-2000:]}")
            self.screen += data.decode("utf-8", errors="replace").replace("\r\n", "\n")
        end = self.screen.index(text, self._seen) + len(text)
        shown, self._seen = self.screen[self._seen:end], end
        return shown

    def type(self, line: str) -> None:
        os.write(self.master, (line + "\n").encode())

    def close(self) -> int:
        try:
            return self.process.wait(timeout=30)
        finally:
            os.close(self.master)


@pytest.fixture
def chat_terminal(built_db, isolated_env):
    env = {**os.environ, "LAYOFFBOT_DB": str(built_db), "LANG": "C.UTF-8", "TERM": "dumb"}
    terminal = Terminal([layoffbot(), "chat"], env)
    yield terminal
    if terminal.process.poll() is None:
        terminal.process.kill()
        terminal.close()


def test_a_newcomer_in_the_terminal(chat_terminal):
    term = chat_terminal
    greeting = term.expect(PROMPT)
    assert "/help" in greeting  # the greeting says where to start

    term.type("/help")
    shown = term.expect(PROMPT)
    assert "How many employees did Xiaohongshu lay off?" in shown  # examples to copy
    for command in ("/about", "/sources", "/reset", "/quit"):
        assert f"{command} — " in shown

    term.type("/about")
    shown = term.expect(PROMPT)
    assert COVERS.search(shown)
    assert re.search(r"Layoff events from (\d{1,2} )?\w+ 20\d\d to (\d{1,2} )?\w+ 20\d\d", shown)
    assert "China" in shown and "United States" in shown

    term.type(XHS)
    shown = term.expect(PROMPT)
    assert "Xiaohongshu" in shown and "Sources:" in shown and "https://" in shown

    term.type("/sources")
    shown = term.expect(PROMPT)
    assert "Sources of my last answer:" in shown and "https://" in shown

    term.type("小红书裁员多少人？")  # a Chinese question gets a Chinese reply
    shown = term.expect(PROMPT)
    assert "来源" in shown and "截至" in shown and "https://" in shown

    term.type("vindelpay layoffs 2022")  # a company the base does not know: named, not a generic apology
    shown = term.expect(PROMPT)
    assert "I have no sourced facts about Vindelpay" in shown and "kb add" in shown

    term.type("How many people did Amazon lay off?")  # several rounds, kept short
    shown = term.expect(PROMPT)
    body = shown.split("Sources:")[0].split("\n", 1)[1]
    # the biggest round first, a one-line total, the other rounds in a short list (issue 12)
    assert body.strip().startswith("On January 4, 2023") and "In all, Amazon's rounds on record come to" in body, body
    assert "Other rounds:" in body and len(body.strip()) <= 700, body

    term.type("/quit")
    assert term.close() == 0
    assert "Traceback" not in term.screen


async def test_a_newcomer_in_telegram(bot_api, db_copy, tmp_path):
    process = await asyncio.to_thread(start_serve, bot_api, db_copy, tmp_path)
    try:
        for text in ("/start", "/help", "/about", XHS):
            bot_api.push_text(text)
            await wait_for(bot_api, len(bot_api.sent()) + 1)  # one at a time, as a person reads
    finally:
        log = await asyncio.to_thread(stop_with_sigterm, process)
    start, help_, about, answer = (r["text"] for r in bot_api.sent())
    assert start.startswith("Hello Ann!") and "/about" in start
    assert "How many employees did Xiaohongshu lay off?" in help_ and "/reset" in help_
    assert COVERS.search(about)
    assert "Layoff events from" in about and "most recent source or fact is dated" in about
    assert "Xiaohongshu" in answer and "<b>Sources</b>" in answer
    assert not bot_api.rejected and "Traceback" not in log
