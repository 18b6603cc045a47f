"""The 📊 Chart button of a structured answer: the PNG arrives through the fake Bot API (sendPhoto)."""

from __future__ import annotations

from contextlib import closing

import pytest
from fake_bot_api import running_bot, wait_for

from bot.db import connect_readonly
from bot.matching import Conversation
from bot.service import FactBase
from bot.views import ask_view

pytest.importorskip("matplotlib")

QUESTION = "all of Meta's layoffs"


class ViewsFactBase(FactBase):
    """FactBase.ask with the structured path first, as the service will wire it."""

    def ask(self, question: str, conversation: Conversation = Conversation()):
        with closing(connect_readonly(self.path)) as conn:
            found = ask_view(self.index, conn, question, self.sources)
        return (found[0], conversation) if found else super().ask(question, conversation)


@pytest.fixture
def views_factbase(factbase):
    answer, _ = factbase.ask(QUESTION)
    if answer.view is not None:
        return factbase  # the service answers views itself
    return ViewsFactBase(**{name: getattr(factbase, name) for name in factbase.__dataclass_fields__})


def buttons(message: dict) -> list[dict]:
    return [b for row in (message.get("reply_markup") or {}).get("inline_keyboard", []) for b in row]


async def test_chart_button_sends_the_chart_as_a_photo(bot_api, views_factbase, built_db, tmp_path):
    async with running_bot(bot_api, views_factbase, built_db, tmp_path):
        bot_api.push_text(QUESTION, chat_id=7, user_id=7)
        [reply] = await wait_for(bot_api, 1)
        message = bot_api.sent_message(reply)
        [chart] = [b["callback_data"] for b in buttons(message) if b["text"] == "📊 Chart"]
        bot_api.push_callback(message, chart, user_id=7)
        [photo] = await wait_for(bot_api, 1, "sendPhoto")
    assert int(photo["chat_id"]) == 7
    assert photo["photo"].startswith(b"\x89PNG\r\n\x1a\n")
    assert photo["caption"].startswith("In this fact base (") and "[" not in photo["caption"]
    assert "<pre>" in reply["text"] and "Meta Platforms" in reply["text"]  # the rows as a monospace table
    assert not bot_api.rejected


async def test_single_fact_answers_have_no_chart_button(bot_api, views_factbase, built_db, tmp_path):
    async with running_bot(bot_api, views_factbase, built_db, tmp_path):
        bot_api.push_text("How many employees did Xiaohongshu lay off?")
        [reply] = await wait_for(bot_api, 1)
    assert "📊 Chart" not in [b["text"] for b in buttons(bot_api.sent_message(reply))]
