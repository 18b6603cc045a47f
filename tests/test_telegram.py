"""python-telegram-bot driven for real: HTTP on loopback against the fake Bot API server."""

from __future__ import annotations

import asyncio
import html
import logging
import re
import sqlite3
import sys

from fake_bot_api import BOT_USER, Fault, running_bot, telegram_html_problem, wait_for
from fake_bot_api import TEST_TOKEN as TOKEN

from bot.answer import Answer, Citation
from bot.config import Settings
from bot.telegram_bot import ADMIN_COMMANDS, COMMANDS, RedactTokenFilter, configure_logging
from bot.telegram_views import card_keyboard, card_text, compose_card, inline_text, split_html, tg_len

XHS = "How many employees did Xiaohongshu lay off?"




def visible_text(message: dict) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", message["text"]))


def buttons(message: dict) -> list[dict]:
    markup = message.get("reply_markup") or {}
    return [button for row in markup.get("inline_keyboard", []) for button in row]


def button(message: dict, prefix: str) -> str:
    [data] = [b["callback_data"] for b in buttons(message) if b["callback_data"].startswith(prefix)][:1] or [None]
    assert data, f"no {prefix!r} button in {buttons(message)}"
    return data


def stored_rows(path) -> list[sqlite3.Row]:
    with sqlite3.connect(path) as conn:
        conn.row_factory = sqlite3.Row
        return conn.execute("select * from outcomes order by id").fetchall()


# -- answers and buttons ------------------------------------------------------------------
async def test_question_gets_a_cited_html_answer_with_buttons(bot_api, factbase, built_db, tmp_path):
    async with running_bot(bot_api, factbase, built_db, tmp_path):
        bot_api.push_text(XHS, chat_id=7, user_id=7)
        [reply] = await wait_for(bot_api, 1)
    assert int(reply["chat_id"]) == 7
    assert reply["parse_mode"] == "HTML"
    assert "<b>Sources</b>" in reply["text"] and '<a href="http' in reply["text"]
    assert "10%" in visible_text(reply)
    assert len(reply["text"]) <= 4096 and telegram_html_problem(reply["text"]) is None
    labels = [b["text"] for b in buttons(reply)]
    assert labels[0] == "📚 Sources" and "🔎 Related" in labels and {"👍", "👎"} <= set(labels)
    assert all(len(b["callback_data"].encode()) <= 64 for b in buttons(reply))
    assert not bot_api.rejected


async def test_sources_button_expands_and_collapses_citations_in_place(bot_api, factbase, built_db, tmp_path):
    async with running_bot(bot_api, factbase, built_db, tmp_path):
        bot_api.push_text(XHS)
        [reply] = await wait_for(bot_api, 1)
        message = bot_api.sent_message(reply)
        bot_api.push_callback(message, button(message, "s|"))
        [expanded] = await wait_for(bot_api, 1, "editMessageText")
        bot_api.push_callback(message, button(message, "s|"))
        edits = await wait_for(bot_api, 2, "editMessageText")
        await wait_for(bot_api, 2, "answerCallbackQuery")
    assert int(expanded["message_id"]) == message["message_id"]  # in place, not a new message
    assert "<b>Sources</b>\n[1] " in expanded["text"] and "</a>, 20" in expanded["text"]
    assert "Hide sources" in [b["text"] for b in buttons(expanded)]
    assert visible_text(edits[1]) == visible_text(reply)  # collapsed again
    assert len(bot_api.sent()) == 1 and not bot_api.rejected


async def test_related_button_offers_answerable_questions(bot_api, factbase, built_db, tmp_path):
    async with running_bot(bot_api, factbase, built_db, tmp_path):
        bot_api.push_text(XHS)
        [reply] = await wait_for(bot_api, 1)
        message = bot_api.sent_message(reply)
        bot_api.push_callback(message, button(message, "r|"))
        [edit] = await wait_for(bot_api, 1, "editMessageReplyMarkup")
        related = [b for b in buttons(edit) if b["callback_data"].startswith("q|")]
        assert 2 <= len(related) <= 3
        bot_api.push_callback(bot_api.sent_message(reply), related[0]["callback_data"])
        replies = await wait_for(bot_api, 2)
    assert "🔎 Related" not in [b["text"] for b in buttons(edit)]
    follow_up = replies[1]
    assert "<b>Sources</b>" in follow_up["text"], f"{related[0]['text']!r} was not answerable"
    assert not bot_api.rejected


async def test_suggestions_after_no_answer_are_tappable(bot_api, factbase, built_db, tmp_path):
    async with running_bot(bot_api, factbase, built_db, tmp_path):
        bot_api.push_text("qwertyuiop zxcvbnm")
        [reply] = await wait_for(bot_api, 1)
        assert visible_text(reply).startswith("I don't have a sourced answer")
        suggestions = buttons(reply)
        assert suggestions and all(b["callback_data"].startswith("q|") for b in suggestions)
        bot_api.push_callback(bot_api.sent_message(reply), suggestions[0]["callback_data"])
        replies = await wait_for(bot_api, 2)
    assert "<b>Sources</b>" in replies[1]["text"]
    [row] = stored_rows(tmp_path / "feedback.db")
    assert row["outcome"] == "unanswered" and row["question"] == "qwertyuiop zxcvbnm"


async def test_feedback_is_stored_once_without_who_gave_it(bot_api, factbase, built_db, tmp_path):
    async with running_bot(bot_api, factbase, built_db, tmp_path):
        bot_api.push_text(XHS, user_id=555, first_name="Zed")
        [reply] = await wait_for(bot_api, 1)
        message = bot_api.sent_message(reply)
        bot_api.push_callback(message, button(message, "f|"), user_id=555)
        [thanks] = await wait_for(bot_api, 1, "answerCallbackQuery")
        bot_api.push_callback(message, button(message, "f|"), user_id=555)
        answers = await wait_for(bot_api, 2, "answerCallbackQuery")
    assert "Thanks" in thanks["text"] and "already" in answers[1]["text"]
    [row] = stored_rows(tmp_path / "feedback.db")
    assert row["outcome"] == "helpful" and row["question"] == XHS and "xiaohongshu" in row["facts"]
    assert set(row.keys()) == {"id", "at", "outcome", "question", "normalized", "facts"}
    assert "555" not in str(tuple(row)) and "Zed" not in str(tuple(row))


async def test_a_button_from_before_a_restart_has_expired(bot_api, factbase, built_db, tmp_path):
    stale = {"message_id": 99, "date": 0, "chat": {"id": 100, "type": "private"}, "from": BOT_USER, "text": "x"}
    async with running_bot(bot_api, factbase, built_db, tmp_path):
        bot_api.push_callback(stale, "s|zzzz1")
        [answered] = await wait_for(bot_api, 1, "answerCallbackQuery")
    assert "expired" in answered["text"] and not bot_api.sent() and not bot_api.sent("editMessageText")


# -- groups, commands, inline mode -------------------------------------------------------------
async def test_groups_answer_only_when_addressed(bot_api, factbase, built_db, tmp_path):
    group = {"chat_id": -500, "chat_type": "supergroup"}
    async with running_bot(bot_api, factbase, built_db, tmp_path):
        ignored = bot_api.push_text(XHS, user_id=1, **group)
        bot_api.push_text(f"@{BOT_USER['username']} {XHS}", user_id=1, **group)
        bot_api.push_text("/ask What does N+1 mean?", user_id=2, **group)
        bot_api.push_text(f"/ask@{BOT_USER['username']} How much notice must a US employer give?", user_id=2, **group)
        replies = await wait_for(bot_api, 3)
        bot_api.push_text("why?", user_id=1, reply_to=bot_api.sent_message(replies[0]), **group)
        bot_api.push_text(f"why? @{BOT_USER['username']}", user_id=3, **group)  # no context of their own
        last = bot_api.push_text("@someone_else what do you think?", user_id=1, **group)
        await wait_for(bot_api, 5)
        await asyncio.to_thread(bot_api.wait_fetched, max(ignored, last))
    replies = bot_api.sent()
    assert len(replies) == 5  # the plain message and the one mentioning someone else got nothing
    texts = sorted(visible_text(r) for r in replies)
    assert sum("10%" in t for t in texts) == 1 and any("N+1" in t for t in texts)
    assert any("performance review" in t.lower() or "optimi" in t.lower() for t in texts)  # user 1's follow-up
    assert sum(t.startswith("I don't have a sourced answer") for t in texts) == 1  # user 3's "why?"
    assert all(r.get("reply_parameters") for r in replies)  # threaded under the question


async def test_command_menu_is_set_at_start(bot_api, factbase, built_db, tmp_path):
    async with running_bot(bot_api, factbase, built_db, tmp_path, admin_ids=frozenset({77})):
        calls = await wait_for(bot_api, 2, "setMyCommands")
    public = [c["command"] for c in calls[0]["commands"]]
    assert public == [c.command for c in COMMANDS]
    assert calls[1]["scope"] == {"type": "chat", "chat_id": 77}
    assert [c["command"] for c in calls[1]["commands"]] == public + [c.command for c in ADMIN_COMMANDS]


async def test_about_says_what_the_base_covers_and_how_recent(bot_api, factbase, built_db, tmp_path):
    async with running_bot(bot_api, factbase, built_db, tmp_path):
        bot_api.push_text("/about")
        bot_api.push_text("/ask")
        replies = await wait_for(bot_api, 2)
    about = next(visible_text(r) for r in replies if "I cover" in r["text"])
    assert re.search(r"I cover [\d,]+ companies \([\d,]+ layoff events, [\d,]+ facts\) "
                     r"and \d+ rules in \d+ jurisdictions", about)
    assert re.search(r"most recent source or fact is dated \d{1,2} \w+ 20\d\d", about)
    assert any("/ask How many" in visible_text(r) for r in replies)


async def test_inline_mode_offers_the_cited_answer(bot_api, factbase, built_db, tmp_path):
    async with running_bot(bot_api, factbase, built_db, tmp_path):
        bot_api.push_inline(XHS)
        bot_api.push_inline("qwertyuiop zxcvbnm")
        bot_api.push_inline("")
        calls = await wait_for(bot_api, 3, "answerInlineQuery")
    by_id = {c["inline_query_id"]: c for c in calls}
    [article] = by_id["iq1"]["results"]
    content = article["input_message_content"]
    assert content["parse_mode"] == "HTML" and "10%" in content["message_text"]
    assert "<b>Sources</b>" in content["message_text"]
    assert by_id["iq2"]["results"] == [] and by_id["iq2"]["button"]["start_parameter"] == "inline"
    assert by_id["iq3"]["results"] == [] and not bot_api.rejected


async def test_commands_start_help_sources(bot_api, factbase, built_db, tmp_path):
    async with running_bot(bot_api, factbase, built_db, tmp_path):
        bot_api.push_text("/start")
        bot_api.push_text("/help")
        bot_api.push_text("/sources")
        replies = await wait_for(bot_api, 3)
    texts = [visible_text(r) for r in replies]
    assert any(t.startswith("Hello Ann!") for t in texts)
    assert any("How many employees did Xiaohongshu lay off?" in t for t in texts)
    assert any(re.search(r"I cite \d+ sources from \d+ publishers", t) for t in texts)


async def test_follow_up_context_is_per_user(bot_api, factbase, built_db, tmp_path):
    async with running_bot(bot_api, factbase, built_db, tmp_path):
        bot_api.push_text(XHS, chat_id=1, user_id=1)
        await wait_for(bot_api, 1)
        bot_api.push_text("why?", chat_id=1, user_id=1)
        bot_api.push_text("why?", chat_id=2, user_id=2)  # a stranger has no context
        replies = await wait_for(bot_api, 3)
    by_chat = {int(r["chat_id"]): visible_text(r) for r in replies[1:]}
    assert "performance review" in by_chat[1].lower() or "optimi" in by_chat[1].lower()
    assert by_chat[2].startswith("I don't have a sourced answer")


async def test_hostile_input_is_escaped_and_answered(bot_api, factbase, built_db, tmp_path):
    hostile = "<b>bold</b> <a href='javascript:x'>x</a> &amp; '; DROP TABLE facts; -- \u202e\u200b 🙂"
    async with running_bot(bot_api, factbase, built_db, tmp_path):
        bot_api.push_text(hostile)
        bot_api.push_text("x" * 4096)
        replies = await wait_for(bot_api, 2)
    for reply in replies:
        assert reply["parse_mode"] == "HTML" and len(reply["text"]) <= 4096
        assert "<b>bold</b>" not in reply["text"] and "javascript:" not in reply["text"]
    assert not bot_api.rejected


# -- long answers ----------------------------------------------------------------------------
def long_answer(claims: int = 12, words: int = 60) -> Answer:
    citations = tuple(Citation(n, f"Title <{n}> & more", "Pub & Co", "2024-05-01", f"https://example.org/{n}?a=1&b=2")
                      for n in range(1, 31))
    text = " ".join(["layoffs <b>&amp;</b> 🙂 ‮"] * words)
    return Answer("q", True, tuple(f"Claim {i}: {text} [{i % 30 + 1}]" for i in range(claims)), citations, 0.9,
                  ("fact-a",), ("Related one?", "Related two?"))


def test_long_answers_are_split_into_valid_messages_on_claim_boundaries():
    answer = long_answer()
    card = compose_card(answer)
    assert len(card.chunks) > 1
    for chunk in card.chunks:
        assert telegram_html_problem(chunk) is None, chunk[:200]
    # Nothing lost: the claims come back in order, each whole (cuts fall between claims).
    joined = "\n\n".join(card.chunks)
    for claim in answer.claims:
        assert html.escape(claim) in joined
    card.key = "k1"
    card.sources_shown = True
    expanded = card_text(card)
    assert telegram_html_problem(expanded) is None and expanded.count("<a href=") == 30
    assert all(len(b.callback_data.encode()) <= 64 for row in card_keyboard(card).inline_keyboard for b in row)
    # Inline mode shares one message: whole claims while they fit, then the sources.
    for shared_answer in (answer, long_answer(claims=12, words=10)):
        shared = inline_text(shared_answer)
        assert telegram_html_problem(shared) is None and shared.count("</a>") == 30
        assert shared.startswith(html.escape(shared_answer.claims[0])[:500])
    assert html.escape(shared_answer.claims[1]) in shared


def test_split_html_reopens_tags_cut_in_the_middle():
    text = '<b>' + "word " * 2000 + '</b>\n<a href="https://example.org/x">' + "link " * 1500 + "</a>"
    chunks = split_html(text)
    assert len(chunks) >= 3
    for chunk in chunks:
        assert telegram_html_problem(chunk) is None and tg_len(chunk) <= 4096
    assert re.sub(r"<[^>]+>|\s", "", "".join(chunks)) == re.sub(r"<[^>]+>|\s", "", text)


def test_split_html_counts_utf16_units_and_never_cuts_entities():
    text = "😀&amp;" * 3000
    chunks = split_html(text)
    assert all(tg_len(c) <= 4096 and telegram_html_problem(c) is None for c in chunks)
    assert "".join(chunks) == text


async def test_a_long_answer_arrives_as_several_messages_with_buttons_on_the_last(bot_api, built_db, tmp_path):
    class Verbose:
        path = built_db

        def ask(self, question, conversation):
            return long_answer(), conversation

    async with running_bot(bot_api, Verbose(), built_db, tmp_path):
        bot_api.push_text("tell me everything")
        card = compose_card(long_answer())
        replies = await wait_for(bot_api, len(card.chunks))
    assert [r["text"] for r in replies] == card.chunks
    assert all("reply_markup" not in r for r in replies[:-1]) and buttons(replies[-1])
    assert not bot_api.rejected


# -- errors and secrets ------------------------------------------------------------------------
async def test_errors_are_reported_to_the_user_and_logged(bot_api, built_db, tmp_path, caplog):
    class Broken:
        path = built_db

        def ask(self, *args):
            raise RuntimeError("database went away")

        def source_list(self):
            return []

    async with running_bot(bot_api, Broken(), built_db, tmp_path):
        bot_api.push_text(XHS)
        [reply] = await wait_for(bot_api, 1)
    assert "something went wrong" in reply["text"]
    assert "database went away" in caplog.text


async def test_server_error_on_send_is_retried_and_nothing_is_lost(bot_api, factbase, built_db, tmp_path):
    bot_api.faults.append(Fault("sendMessage", status=429,
                                body={"ok": False, "error_code": 429, "description": "Too Many Requests",
                                      "parameters": {"retry_after": 1}}))
    async with running_bot(bot_api, factbase, built_db, tmp_path):
        bot_api.push_text("What does N+1 mean?")
        replies = await wait_for(bot_api, 1)
    assert len(replies) == 1 and "N+1" in visible_text(replies[0])


async def test_token_never_reaches_the_log(bot_api, factbase, built_db, tmp_path, caplog):
    configure_logging(Settings(telegram_token=TOKEN, log_level="DEBUG"))
    caplog.set_level(logging.DEBUG)
    async with running_bot(bot_api, factbase, built_db, tmp_path):
        bot_api.push_text(XHS)
        await wait_for(bot_api, 1)
    assert caplog.records, "expected some log output at DEBUG"
    assert TOKEN not in caplog.text
    assert TOKEN.split(":")[1] not in caplog.text


def test_log_filter_blanks_the_token_and_the_webhook_secret():
    record = logging.LogRecord("x", logging.DEBUG, __file__, 1, "POST %s with secret_token=%s", (TOKEN, "s3cr3t-value"),
                               None)
    RedactTokenFilter(TOKEN, "s3cr3t-value", None).filter(record)
    assert record.getMessage() == "POST [secret] with secret_token=[secret]"
    try:  # PTB puts the token in InvalidToken's message, which a logged traceback then shows
        raise ValueError(f"The token `{TOKEN}` was rejected; URL /bot{TOKEN.split(':')[1]}/getMe")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", (), sys.exc_info())
    RedactTokenFilter(TOKEN).filter(record)
    shown = logging.Formatter().format(record)
    assert "was rejected" in shown and TOKEN.split(":")[1] not in shown


async def test_captions_are_read_and_media_without_text_gets_a_pointer(bot_api, factbase, built_db, tmp_path):
    group = {"chat_id": -500, "chat_type": "supergroup", "user_id": 5}
    async with running_bot(bot_api, factbase, built_db, tmp_path):
        bot_api.push_media("photo", caption="What does N+1 mean?", chat_id=1, user_id=1)
        bot_api.push_media("document", caption=XHS, chat_id=2, user_id=2)
        for chat, kind in enumerate(("sticker", "voice", "photo"), start=3):
            bot_api.push_media(kind, chat_id=chat, user_id=chat)
        bot_api.push_media("photo", caption=f"@{BOT_USER['username']} What does N+1 mean?", **group)
        ignored = bot_api.push_media("sticker", **group)  # not addressed to the bot: silence
        replies = await wait_for(bot_api, 6)
        await asyncio.to_thread(bot_api.wait_fetched, ignored)
    by_chat = {int(r["chat_id"]): visible_text(r) for r in bot_api.sent()}
    assert len(bot_api.sent()) == 6 and not bot_api.rejected
    assert "N+1" in by_chat[1] and "10%" in by_chat[2] and "N+1" in by_chat[-500]
    for chat in (3, 4, 5):
        assert by_chat[chat].startswith("I read text only"), by_chat[chat]
    assert any(r.get("reply_parameters") for r in replies if int(r["chat_id"]) == -500)


async def test_replies_to_a_deleted_message_still_arrive(bot_api, factbase, built_db, tmp_path):
    group = {"chat_id": -500, "chat_type": "supergroup", "user_id": 5}
    async with running_bot(bot_api, factbase, built_db, tmp_path):
        # The fake refuses a reply to a deleted message unless allow_sending_without_reply is set.
        probe = {"chat_id": -500, "text": "x", "reply_parameters": {"message_id": 999}}
        bot_api.deleted.add((-500, 999))
        assert "message to be replied not found" in bot_api._reply_problem(probe)
        assert bot_api._reply_problem({**probe, "reply_parameters": {"message_id": 999,
                                                                      "allow_sending_without_reply": True}}) is None
        for text in (f"@{BOT_USER['username']} {XHS}", f"@{BOT_USER['username']}"):  # an answer; a nudge
            message = bot_api.user_message(text, **group)
            bot_api.delete(message)
            bot_api.push_update({"message": message})
        replies = await wait_for(bot_api, 2)
    assert not bot_api.rejected
    assert all(r["reply_parameters"]["allow_sending_without_reply"] for r in replies)
    assert any("10%" in visible_text(r) for r in replies)


async def test_reset_and_help_requests(bot_api, factbase, built_db, tmp_path):
    async with running_bot(bot_api, factbase, built_db, tmp_path):
        bot_api.push_text(XHS)
        await wait_for(bot_api, 1)
        bot_api.push_text("/reset")
        await wait_for(bot_api, 2)
        bot_api.push_text("why?")
        await wait_for(bot_api, 3)
        bot_api.push_text("What can you do?")
        replies = await wait_for(bot_api, 4)
    texts = [visible_text(r) for r in replies]
    assert texts[1].startswith("New conversation")
    assert texts[2].startswith("I don't have a sourced answer")  # the context was forgotten
    assert "/about" in texts[3] and "How many employees did Xiaohongshu lay off?" in texts[3]
