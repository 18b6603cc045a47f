"""Curators: admin-only commands, and what the bot stores for them (in its own file, never the fact base)."""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3

import click
import pytest
from click.testing import CliRunner
from fake_bot_api import TEST_TOKEN as TOKEN
from fake_bot_api import FakeBotApi, polling, wait_for

from bot import cli_gaps
from bot.config import Settings
from bot.feedback import FeedbackStore, default_feedback_path, read_gaps
from bot.service import FactBase
from bot.telegram_bot import build_application

ADMIN = 77
GIBBERISH = "qwertyuiop zxcvbnm"




def make_app(bot_api, db_path, tmp_path, factbase=None):
    settings = Settings(db_path=db_path, telegram_token=TOKEN, telegram_api_base_url=bot_api.base_url,
                        feedback_db=tmp_path / "feedback.db", admin_ids=frozenset({ADMIN}))
    return build_application(settings, factbase)


def texts(bot_api: FakeBotApi) -> list[str]:
    return [r["text"] for r in bot_api.sent()]


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


async def test_only_admins_may_use_curator_commands(bot_api, db_copy, tmp_path):
    application = make_app(bot_api, db_copy, tmp_path)
    async with polling(application):
        before = application.bot_data["factbase"]
        for command in ("/stats", "/gaps", "/reload"):
            bot_api.push_text(command, chat_id=5, user_id=5)
        await wait_for(bot_api, 3)
        assert application.bot_data["factbase"] is before  # /reload did nothing
    assert sorted(texts(bot_api)) == [f"Sorry, /{c} is only for the bot&#x27;s curators." for c in
                                      ("gaps", "reload", "stats")]


async def test_unanswered_questions_feed_gaps_and_stats(bot_api, db_copy, tmp_path):
    fact_digest = digest(db_copy)
    async with polling(make_app(bot_api, db_copy, tmp_path)):
        for user, text in enumerate([GIBBERISH, GIBBERISH.upper(), f"  {GIBBERISH}?", "zzz yyy xxx wvu",
                                     "How many employees did Xiaohongshu lay off?"], 1):
            bot_api.push_text(text, chat_id=user, user_id=user)
        await wait_for(bot_api, 5)
        bot_api.push_text("/gaps", chat_id=ADMIN, user_id=ADMIN)
        bot_api.push_text("/stats", chat_id=ADMIN, user_id=ADMIN)
        replies = await wait_for(bot_api, 7)
    gaps_reply = next(r["text"] for r in replies[5:] if "Most asked" in r["text"])
    stats_reply = next(r["text"] for r in replies[5:] if "Since start" in r["text"])
    lines = gaps_reply.splitlines()
    assert re.match(r"1\. .*qwertyuiop zxcvbnm.* \(×3, last 20\d\d-\d\d-\d\d\)", lines[1], re.IGNORECASE)
    assert lines[2].startswith("2. zzz yyy xxx wvu (×1")
    assert "answered: 1" in stats_reply and "unanswered: 4" in stats_reply and re.search(r"companies: \d+", stats_reply)
    assert digest(db_copy) == fact_digest  # the fact base is only read
    # The curator's command line sees the same, read-only.
    rows = read_gaps(tmp_path / "feedback.db")
    assert rows[0].count == 3 and GIBBERISH in rows[0].question.lower()


async def test_reload_reopens_the_database_and_keeps_the_old_one_on_failure(bot_api, db_copy, tmp_path):
    application = make_app(bot_api, db_copy, tmp_path, FactBase.open(db_copy, build_if_needed=False))
    async with polling(application):
        first = application.bot_data["factbase"]
        bot_api.push_text("/reload", chat_id=ADMIN, user_id=ADMIN)
        [ok] = await wait_for(bot_api, 1)
        second = application.bot_data["factbase"]
        db_copy.unlink()  # a botched update: the file is gone
        bot_api.push_text("/reload", chat_id=ADMIN, user_id=ADMIN)
        replies = await wait_for(bot_api, 2)
        assert application.bot_data["factbase"] is second  # still answering from the previous copy
        bot_api.push_text("What does N+1 mean?", chat_id=ADMIN, user_id=ADMIN)
        answered = await wait_for(bot_api, 3)
    assert second is not first and ok["text"].startswith("Re-opened layoffbot.db:")
    assert replies[1]["text"].startswith("Reload failed, still answering from the previous copy")
    assert "N+1" in answered[2]["text"]


def test_feedback_store_groups_spellings_and_keeps_no_identities(tmp_path):
    store = FeedbackStore(tmp_path / "f.db")
    store.record("unanswered", "Who is hiring?")
    store.record("unanswered", "who is HIRING")
    store.record("unhelpful", "What does N+1 mean?", ("n-plus-one",))
    assert store.counts() == {"unanswered": 2, "helpful": 0, "unhelpful": 1}
    [gap] = store.gaps()
    assert gap.count == 2 and gap.question == "who is HIRING"
    [disliked] = store.gaps(outcome="unhelpful")
    assert disliked.question == "What does N+1 mean?"
    with pytest.raises(ValueError):
        store.record("angry", "x")
    store.close()
    columns = [r[1] for r in sqlite3.connect(tmp_path / "f.db").execute("pragma table_info(outcomes)")]
    assert columns == ["id", "at", "outcome", "question", "normalized", "facts"]
    assert default_feedback_path(tmp_path / "layoffbot.db").name == "layoffbot-feedback.db"


def gaps_cli() -> click.Group:
    @click.group()
    def kb() -> None:
        pass

    cli_gaps.register(kb)
    return kb


def test_kb_gaps_lists_what_curators_should_add(tmp_path, isolated_env, monkeypatch):
    feedback = tmp_path / "feedback.db"
    store = FeedbackStore(feedback)
    for question in ("Who is hiring?", "who is hiring", "Did Acme cut jobs?\nreally"):
        store.record("unanswered", question)
    store.record("unhelpful", "What does N+1 mean?")
    store.close()
    runner = CliRunner()
    result = runner.invoke(gaps_cli(), ["gaps", "--feedback-db", str(feedback)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["times", "last", "asked", "question"]
    assert re.match(r"\s+2  20\d\d-\d\d-\d\d  who is hiring$", lines[1])
    assert lines[2].endswith("Did Acme cut jobs? really")  # one line per question
    as_json = json.loads(runner.invoke(gaps_cli(), ["gaps", "--feedback-db", str(feedback), "--json",
                                                    "--disliked"]).output)
    assert as_json == [{"question": "What does N+1 mean?", "count": 1, "last_asked": as_json[0]["last_asked"]}]
    # The default file sits beside the database ($LAYOFFBOT_DB), or wherever $LAYOFFBOT_FEEDBACK_DB says.
    monkeypatch.setenv("LAYOFFBOT_FEEDBACK_DB", str(feedback))
    assert "who is hiring" in runner.invoke(gaps_cli(), ["gaps", "--limit", "1"]).output
    monkeypatch.delenv("LAYOFFBOT_FEEDBACK_DB")
    missing = runner.invoke(gaps_cli(), ["gaps", "--db", str(tmp_path / "none" / "x.db")])
    assert missing.exit_code == 0 and "Nothing stored yet: no feedback file at" in missing.output
    broken = tmp_path / "broken.db"
    broken.write_text("not sqlite")
    failed = runner.invoke(gaps_cli(), ["gaps", "--feedback-db", str(broken)])
    assert failed.exit_code == 1 and failed.output.startswith("Error: cannot read")


async def test_unwritable_feedback_file_costs_no_answers(bot_api, built_db, factbase, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    settings = Settings(db_path=built_db, telegram_token=TOKEN, telegram_api_base_url=bot_api.base_url,
                        feedback_db=blocker / "feedback.db")
    async with polling(build_application(settings, factbase)):
        bot_api.push_text(GIBBERISH)
        [reply] = await wait_for(bot_api, 1)
    assert reply["text"].startswith("I don&#x27;t have a sourced answer")
