"""Telegram edge (python-telegram-bot 22, async): small handlers around the one `FactBase`.

The fact base is opened in a lifecycle hook and kept in `bot_data`; every call that touches
SQLite runs in a worker thread so the event loop keeps serving other chats. What the bot shows —
answer cards, HTML cut at 4,096 characters, buttons — and the flood gate live in `telegram_views`,
pure and tested without Telegram.
"""

from __future__ import annotations

import asyncio
import collections
import hashlib
import html
import logging
import os
import re
import secrets
import sqlite3
import urllib.parse
from contextlib import closing

from telegram import (
    BotCommand,
    BotCommandScopeChat,
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    LinkPreviewOptions,
    ReplyParameters,
    Update,
)
from telegram.constants import ChatType, MessageEntityType, ParseMode
from telegram.error import BadRequest, InvalidToken, NetworkError, TelegramError, TimedOut
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    BaseRateLimiter,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    InlineQueryHandler,
    MessageHandler,
    filters,
)
from telegram.request import HTTPXRequest

from .commands import RESET_TEXT, about_text, describe_base, help_text, is_help_request
from .config import Settings
from .db import connect_readonly
from .matching import Conversation
from .service import FactBase
from .telegram_views import (
    MAX_MESSAGE,
    AnswerCard,
    CardStore,
    FloodGate,
    button_label,
    card_keyboard,
    card_text,
    chart_caption,
    compose_card,
    inline_text,
    split_html,
    strip_mentions,
    tg_len,
)

# Durations such as RetryAfter.retry_after as datetime.timedelta, the type PTB 22 announces for its
# next major version. PTB reads this when it builds one, so setting it here is early enough; without
# it every 429 warns. Nothing here reads those durations as ints.
os.environ.setdefault("PTB_TIMEDELTA", "1")

log = logging.getLogger("layoffbot.telegram")
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
SEND_ATTEMPTS = 4
# Updates handled at once, and connections to the Bot API. httpcore scans its whole pool for every
# request, so PTB's defaults (256 of each) spend more CPU than they save: these measured fastest
# with benchmarks/telegram_throughput.py. A request that finds every connection busy waits its turn.
CONCURRENT_UPDATES = 32
CONNECTIONS = 16
POOL_TIMEOUT = 30.0
INLINE_CACHE_SECONDS = 300

HELP_TEXT = help_text("telegram", as_html=True)
TEXT_ONLY = ("I read text only: type your question, or send it as the caption of your photo or file. "
             "See /help for examples.")
FLOOD_TEXT = ("You're asking faster than I can keep up with — please wait a minute and ask again. "
              "(At most {limit} questions a minute.)")
NOT_ALLOWED = "Sorry, /{command} is only for the bot's curators."
EXPIRED = "This button has expired. Please ask the question again."

COMMANDS = [
    BotCommand("ask", "Ask a question (in groups: /ask QUESTION)"),
    BotCommand("about", "What I cover and how recent it is"),
    BotCommand("sources", "What I cite"),
    BotCommand("reset", "Start a fresh conversation"),
    BotCommand("help", "How to ask, with examples"),
]
ADMIN_COMMANDS = [
    BotCommand("stats", "Curators: usage and fact base counts"),
    BotCommand("gaps", "Curators: most frequent unanswered questions"),
    BotCommand("reload", "Curators: re-open the database after an update"),
]


# -- logging and secrets --------------------------------------------------------------------
class ServeError(Exception):
    """The bot cannot run (or stopped) for a reason the operator must fix; the message never holds a secret."""


class TokenRejected(ServeError):
    """The Bot API refused the token (HTTP 401 or 404): retrying cannot help."""


def secret_forms(*secrets_: str | None) -> list[str]:
    """What to blank out for each secret: itself and, for a bot token, its part after the colon
    (which is what a URL, quoted or not, still carries)."""
    forms = []
    for secret in secrets_:
        if secret:
            forms.append(secret)
            tail = secret.partition(":")[2]
            if len(tail) >= 8:
                forms.append(tail)
    return sorted(set(forms), key=len, reverse=True)


def redact(text: str, *secrets_: str | None, forms: list[str] | None = None) -> str:
    """`text` with every secret (or the precomputed `forms` of them) replaced by "[secret]"."""
    for form in secret_forms(*secrets_) if forms is None else forms:
        text = text.replace(form, "[secret]")
    return text


class RedactTokenFilter(logging.Filter):
    """Second guard: a log record that carries the token or another secret — in its message, its
    traceback (PTB puts the token in InvalidToken's text) or its stack — gets it blanked out."""

    def __init__(self, *secrets_: str | None):
        super().__init__()
        self.secrets = secret_forms(*secrets_)

    def _clean(self, text: str) -> str:
        return redact(text, forms=self.secrets)

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secrets:
            return True
        message = record.getMessage()
        cleaned = self._clean(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self._clean(record.exc_text)
        if record.stack_info:
            record.stack_info = self._clean(record.stack_info)
        return True


def configure_logging(settings: Settings) -> None:
    logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s",
                        level=settings.log_level)
    # httpx and httpcore log every request URL (at INFO and DEBUG), and the URL carries the bot token:
    # they stay at WARNING whatever LAYOFFBOT_LOG_LEVEL says.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    redact_filter = RedactTokenFilter(settings.telegram_token, settings.webhook_secret)
    for handler in logging.getLogger().handlers:
        handler.addFilter(redact_filter)


class TokenWatch(HTTPXRequest):
    """The request that long-polls getUpdates, noticing when Telegram stops accepting the token.

    PTB's polling loop gives up silently on a 401/404 (the token was revoked or is wrong) while
    the process stays up, answering nothing; `on_rejected` lets `run_polling` stop instead. The
    error handler reports a refused send here too, which is how a webhook bot learns of it.
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.rejected: str | None = None  # what refused the token, once it happened
        self.on_rejected = None

    def reject(self, what: str) -> None:
        if self.rejected is None:
            self.rejected = what
            if self.on_rejected is not None:
                self.on_rejected()

    async def do_request(self, *args, **kwargs) -> tuple[int, bytes]:
        code, payload = await super().do_request(*args, **kwargs)
        if code in (401, 404):
            self.reject(f"getUpdates answered HTTP {code}")
        return code, payload


# -- application state ---------------------------------------------------------------------
def _factbase(context: ContextTypes.DEFAULT_TYPE) -> FactBase:
    return context.application.bot_data["factbase"]


def _settings(context: ContextTypes.DEFAULT_TYPE) -> Settings:
    return context.application.bot_data["settings"]


def _cards(context: ContextTypes.DEFAULT_TYPE) -> CardStore:
    return context.application.bot_data["cards"]


def _count(context: ContextTypes.DEFAULT_TYPE, key: str) -> None:
    context.application.bot_data["counters"][key] += 1


async def _record(context: ContextTypes.DEFAULT_TYPE, outcome: str, question: str,
                  fact_ids: tuple[str, ...] = ()) -> None:
    store = context.application.bot_data.get("feedback")
    if store is None:
        return
    try:
        await asyncio.to_thread(store.record, outcome, question, fact_ids)
    except Exception as exc:  # noqa: BLE001 - learning data must never cost the user an answer
        log.warning("could not record %s: %s", outcome, exc)


async def with_retries(call, *args, **kwargs):
    """A Bot API call retried on 5xx answers and dropped connections.

    Telegram's own 429s are retried by AIORateLimiter. A timeout is not retried (unless no
    connection was free, so nothing was sent): the request may have been delivered, and a user
    should never see an answer twice.
    """
    for attempt in range(SEND_ATTEMPTS):
        try:
            return await call(*args, **kwargs)
        except BadRequest:
            raise
        except TimedOut as exc:
            if "pool timeout" not in str(exc).lower() or attempt == SEND_ATTEMPTS - 1:
                raise
            log.warning("no free connection to the Bot API (%s); retrying", exc)  # nothing was sent
        except NetworkError as exc:
            if attempt == SEND_ATTEMPTS - 1:
                raise
            log.warning("Bot API call failed (%s); retrying", exc)
            await asyncio.sleep(0.2 * 2 ** attempt)
    return None


async def reply_html(update: Update, text: str, reply_markup=None) -> None:
    for chunk in split_html(text):
        await with_retries(update.effective_message.reply_text, chunk, parse_mode=ParseMode.HTML,
                           link_preview_options=NO_PREVIEW, reply_markup=reply_markup)


# -- questions -------------------------------------------------------------------------------
async def answer_question(context: ContextTypes.DEFAULT_TYPE, text: str, *, chat_id: int, user_id: int,
                          reply_to: int | None = None) -> None:
    """Ask the fact base (in a thread), remember the conversation, send the card with its buttons."""
    verdict = context.application.bot_data["flood"].check(user_id)
    if verdict != "ok":
        _count(context, "flood_limited")
        if verdict == "warn":
            limit = _settings(context).flood_limit
            await _send(context, chat_id, html.escape(FLOOD_TEXT.format(limit=limit)), reply_to=reply_to)
        return
    conversations = context.chat_data.setdefault("conversations", {})
    answer, conversations[user_id] = await asyncio.to_thread(
        _factbase(context).ask, text, conversations.get(user_id, Conversation())
    )
    _count(context, "answered" if answer.answered else "unanswered")
    if not answer.answered:
        await _record(context, "unanswered", answer.question)
    card = _cards(context).add(compose_card(answer))
    for chunk in card.chunks[:-1]:
        await _send(context, chat_id, chunk, reply_to=reply_to)
    await _send(context, chat_id, card.chunks[-1], reply_to=reply_to, reply_markup=card_keyboard(card))


async def _send(context: ContextTypes.DEFAULT_TYPE, chat_id: int, text: str, *, reply_to: int | None = None,
                reply_markup=None) -> None:
    reply = ReplyParameters(reply_to, allow_sending_without_reply=True) if reply_to else None
    await with_retries(context.bot.send_message, chat_id, text, parse_mode=ParseMode.HTML,
                       link_preview_options=NO_PREVIEW, reply_markup=reply_markup, reply_parameters=reply)


def _ids(update: Update) -> tuple[int, int]:
    user_id = update.effective_user.id if update.effective_user else 0
    return update.effective_chat.id, user_id


def _in_group(update: Update) -> bool:
    return update.effective_chat is not None and update.effective_chat.type in {ChatType.GROUP, ChatType.SUPERGROUP}


def message_text(message) -> str:
    """What a message says: its text, or the caption of its photo, document or other media."""
    return message.text or message.caption or ""


async def private_question(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    chat_id, user_id = _ids(update)
    text = message_text(update.effective_message)
    if is_help_request(text):
        await help_command(update, context)
        return
    await answer_question(context, text, chat_id=chat_id, user_id=user_id)


async def wordless_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A sticker, voice note, or photo without a caption: say what the bot can read."""
    await reply_html(update, html.escape(TEXT_ONLY))


def addressed_to_bot(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """In a group: the message mentions the bot or replies to one of its messages."""
    message = update.effective_message
    me = context.bot
    replied = message.reply_to_message
    if replied is not None and replied.from_user is not None and replied.from_user.id == me.id:
        return True
    wanted = f"@{me.username}".lower()
    kinds = [MessageEntityType.MENTION, MessageEntityType.TEXT_MENTION]
    entities = message.parse_entities(kinds) if message.text else message.parse_caption_entities(kinds)
    for entity, value in entities.items():
        if entity.type == MessageEntityType.TEXT_MENTION and entity.user and entity.user.id == me.id:
            return True
        if entity.type == MessageEntityType.MENTION and value.lower() == wanted:
            return True
    return False


async def group_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if not addressed_to_bot(update, context):
        return
    message = update.effective_message
    text = strip_mentions(message_text(message), context.bot.username)
    chat_id, user_id = _ids(update)
    if not text and message.effective_attachment:
        await wordless_message(update, context)
        return
    if not text:
        await reply_html(update, "Ask me a question after my name, or use /ask QUESTION.")
        return
    if is_help_request(text):
        await help_command(update, context)
        return
    await answer_question(context, text, chat_id=chat_id, user_id=user_id, reply_to=message.message_id)


async def ask_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    text = " ".join(context.args or []).strip()
    if not text:
        await reply_html(update, "Put the question after the command, e.g. "
                                 "<code>/ask How many employees did Xiaohongshu lay off?</code>")
        return
    chat_id, user_id = _ids(update)
    reply_to = update.effective_message.message_id if _in_group(update) else None
    await answer_question(context, text, chat_id=chat_id, user_id=user_id, reply_to=reply_to)


# -- buttons -------------------------------------------------------------------------------
async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    action, _, rest = (query.data or "").partition("|")
    key, _, argument = rest.partition("|")
    card = _cards(context).get(key)
    if card is None:
        await with_retries(query.answer, EXPIRED)
        return
    if action == "s":
        card.sources_shown = not card.sources_shown
        await with_retries(query.answer)
        await _edit(query, card)
    elif action == "r":
        card.related_shown = True
        await with_retries(query.answer)
        await _edit(query, card, markup_only=True)
    elif action == "q" and argument.isdecimal() and int(argument) < len(card.related):
        await with_retries(query.answer)
        message = query.message
        chat_id = message.chat.id if message else query.from_user.id
        await answer_question(context, card.related[int(argument)], chat_id=chat_id, user_id=query.from_user.id)
    elif action == "c" and card.answer.view is not None:
        await with_retries(query.answer)
        message = query.message
        await _send_chart(context, card, message.chat.id if message else query.from_user.id)
    elif action == "f" and argument in {"+", "-"}:
        if query.from_user.id in card.voters:
            await with_retries(query.answer, "You already rated this answer.")
            return
        card.voters.add(query.from_user.id)
        outcome = "helpful" if argument == "+" else "unhelpful"
        _count(context, outcome)
        await _record(context, outcome, card.question, card.answer.fact_ids)
        await with_retries(query.answer, "Thanks — that helps the curators.")
    else:
        await with_retries(query.answer)


async def _send_chart(context: ContextTypes.DEFAULT_TYPE, card: AnswerCard, chat_id: int) -> None:
    """The chart of a structured answer, drawn off the event loop and sent as a photo with a caption."""
    from .charts import ChartsUnavailable, NothingToChart

    try:
        png = await asyncio.to_thread(_draw_chart, _factbase(context).path, card.answer)
    except (ChartsUnavailable, NothingToChart) as exc:
        await with_retries(context.bot.send_message, chat_id, str(exc))
        return
    await with_retries(context.bot.send_photo, chat_id, photo=png, caption=chart_caption(card.answer))


def _draw_chart(db_path, answer) -> bytes:
    from .charts import chart_for

    with closing(connect_readonly(db_path)) as conn:
        return chart_for(conn, answer.view, question=answer.question)


async def _edit(query, card: AnswerCard, *, markup_only: bool = False) -> None:
    try:
        if markup_only:
            await with_retries(query.edit_message_reply_markup, reply_markup=card_keyboard(card))
        else:
            await with_retries(query.edit_message_text, card_text(card), parse_mode=ParseMode.HTML,
                               link_preview_options=NO_PREVIEW, reply_markup=card_keyboard(card))
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():  # a double tap
            raise


# -- inline mode ---------------------------------------------------------------------------
async def on_inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.inline_query
    text = (query.query or "").strip()
    if not text:
        await with_retries(query.answer, [], cache_time=INLINE_CACHE_SECONDS)
        return
    answer, _ = await asyncio.to_thread(_factbase(context).ask, text, Conversation())
    _count(context, "inline")
    if not answer.answered:
        button = InlineQueryResultsButton(text="No sourced answer — ask me directly", start_parameter="inline")
        await with_retries(query.answer, [], cache_time=INLINE_CACHE_SECONDS, button=button)
        return
    shared = inline_text(answer)
    result_id = hashlib.sha256(text.encode()).hexdigest()[:32]
    first_claim = re.sub(r"\s*\[\d+\]", "", answer.claims[0])
    article = InlineQueryResultArticle(
        id=result_id,
        title=button_label(answer.question) or "Answer",
        description=first_claim[:200],
        input_message_content=InputTextMessageContent(shared, parse_mode=ParseMode.HTML,
                                                      link_preview_options=NO_PREVIEW),
    )
    await with_retries(query.answer, [article], cache_time=INLINE_CACHE_SECONDS)


# -- commands --------------------------------------------------------------------------------
async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    name = html.escape(update.effective_user.first_name if update.effective_user else "there")
    await reply_html(update, f"Hello {name}! {HELP_TEXT}")


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await reply_html(update, HELP_TEXT)


async def sources(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    listed = _factbase(context).source_list()
    publishers: dict[str, int] = {}
    for source in listed:
        publishers[source.publisher] = publishers.get(source.publisher, 0) + 1
    ranked = sorted(publishers.items(), key=lambda pair: (-pair[1], pair[0].lower()))
    lines = [f"I cite {len(listed)} sources from {len(publishers)} publishers:"]
    lines += [f"• {html.escape(name)} ({count})" for name, count in ranked]
    text = ""
    for line in lines:
        if tg_len(text) + tg_len(line) + 1 > MAX_MESSAGE - 40:
            text += "\n…and more."
            break
        text += ("\n" if text else "") + line
    await reply_html(update, text)


async def about(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    coverage = await asyncio.to_thread(describe_base, _factbase(context).path)
    await reply_html(update, about_text(coverage, as_html=True))


async def reset(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    _, user_id = _ids(update)
    context.chat_data.setdefault("conversations", {}).pop(user_id, None)
    await reply_html(update, html.escape(RESET_TEXT))


def _admin_only(handler):
    async def guarded(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        user = update.effective_user
        if user is None or user.id not in _settings(context).admin_ids:
            await reply_html(update, html.escape(NOT_ALLOWED.format(command=handler.__name__)))
            return
        await handler(update, context)

    guarded.__name__ = handler.__name__
    return guarded


@_admin_only
async def stats(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    coverage = await asyncio.to_thread(describe_base, _factbase(context).path)
    counters = context.application.bot_data["counters"]
    lines = ["<b>Fact base</b> " + html.escape(str(_factbase(context).path.name))]
    lines += [f"{key}: {value}" for key, value in coverage.counts.items()]
    lines.append(f"latest date: {html.escape(coverage.latest or 'unknown')}")
    lines.append("\n<b>Since start</b>")
    for key in ("answered", "unanswered", "inline", "flood_limited", "helpful", "unhelpful"):
        lines.append(f"{key.replace('_', ' ')}: {counters[key]}")
    store = context.application.bot_data.get("feedback")
    if store is not None:
        stored = await asyncio.to_thread(store.counts)
        lines.append("\n<b>Stored for curators</b>")
        lines += [f"{key}: {value}" for key, value in stored.items()]
    await reply_html(update, "\n".join(lines))


@_admin_only
async def gaps(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    store = context.application.bot_data.get("feedback")
    if store is None:
        await reply_html(update, "Nothing is being stored: the feedback file could not be opened.")
        return
    unanswered = await asyncio.to_thread(store.gaps, 10)
    disliked = await asyncio.to_thread(store.gaps, 5, "unhelpful")
    if not unanswered and not disliked:
        await reply_html(update, "No unanswered questions stored yet.")
        return
    lines = ["<b>Most asked without an answer</b>"] if unanswered else []
    lines += [f"{n}. {html.escape(g.question)} (×{g.count}, last {html.escape(g.last_asked[:10])})"
              for n, g in enumerate(unanswered, 1)]
    if disliked:
        lines.append("\n<b>Answers marked 👎</b>")
        lines += [f"{n}. {html.escape(g.question)} (×{g.count})" for n, g in enumerate(disliked, 1)]
    await reply_html(update, "\n".join(lines))


@_admin_only
async def reload(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    from .db import DatabaseError

    path = _factbase(context).path
    try:
        fresh = await asyncio.to_thread(FactBase.open, path, build_if_needed=False)
    except (DatabaseError, sqlite3.Error, OSError, ValueError, KeyError) as exc:
        log.warning("reload of %s failed: %s", path, exc)
        await reply_html(update, f"Reload failed, still answering from the previous copy: {html.escape(str(exc))}")
        return
    context.application.bot_data["factbase"] = fresh
    log.info("fact base re-opened from %s", path)
    await reply_html(update, f"Re-opened {html.escape(path.name)}: {len(fresh.index.documents)} answerable "
                             f"items, {len(fresh.sources)} sources.")


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    log.error("error while handling an update: %s", context.error, exc_info=context.error)
    if isinstance(context.error, InvalidToken):  # revoked: nothing can be sent any more
        context.application.bot_data["token_watch"].reject(f"a reply was refused: {context.error.message}")
        return
    if isinstance(context.error, TimedOut):
        return  # the reply may well have arrived: an apology could make a second answer
    if isinstance(update, Update) and update.effective_message and not update.callback_query:
        try:
            await update.effective_message.reply_text(
                "Sorry, something went wrong on my side. Please try again in a moment."
            )
        except Exception:  # noqa: BLE001 - the error handler must never raise
            log.warning("could not tell the user about the error")


# -- lifecycle -------------------------------------------------------------------------------
async def on_startup(application: Application) -> None:
    """Open the fact base (and load what its first questions would), the feedback file, then publish the
    command menu."""
    from .feedback import FeedbackError, FeedbackStore

    settings: Settings = application.bot_data["settings"]
    if "factbase" not in application.bot_data:
        factbase = await asyncio.to_thread(FactBase.open, settings.db_path)
        await asyncio.to_thread(factbase.warm)  # the tables some first questions would load (about 1 s)
        application.bot_data["factbase"] = factbase
    if "feedback" not in application.bot_data:
        try:
            application.bot_data["feedback"] = await asyncio.to_thread(FeedbackStore, settings.feedback_path)
        except FeedbackError as exc:
            log.warning("unanswered questions and feedback will not be stored: %s", exc)
            application.bot_data["feedback"] = None
    try:
        await application.bot.set_my_commands(COMMANDS)
        for admin_id in sorted(settings.admin_ids):
            await application.bot.set_my_commands(COMMANDS + ADMIN_COMMANDS, scope=BotCommandScopeChat(admin_id))
    except TelegramError as exc:  # the menu is a nicety; answering is what matters
        log.warning("could not set the command menu: %s", exc)


async def on_shutdown(application: Application) -> None:
    store = application.bot_data.get("feedback")
    if store is not None:
        store.close()
        application.bot_data["feedback"] = None


def build_application(settings: Settings, factbase: FactBase | None = None, *,
                      rate_limiter: BaseRateLimiter | None = None, read_timeout: float | None = None) -> Application:
    """The one place the Application is wired: builder, handlers, error handler, rate limiter.

    `rate_limiter` replaces AIORateLimiter's Telegram defaults (benchmarks); `read_timeout` PTB's
    5 seconds for Bot API calls other than getUpdates (tests).
    """
    token_watch = TokenWatch(connection_pool_size=1)  # PTB's pool size for getUpdates
    builder = (
        ApplicationBuilder()
        .token(settings.telegram_token)
        .rate_limiter(rate_limiter or AIORateLimiter(max_retries=3))
        .concurrent_updates(CONCURRENT_UPDATES)
        .connection_pool_size(CONNECTIONS)
        .pool_timeout(POOL_TIMEOUT)
        .get_updates_request(token_watch)
        # A reply to a message deleted in the meantime goes out as a plain message instead of failing.
        .defaults(Defaults(allow_sending_without_reply=True))
        .post_init(on_startup)
        .post_shutdown(on_shutdown)
    )
    if read_timeout is not None:
        builder = builder.read_timeout(read_timeout)
    if settings.telegram_api_base_url:
        base = settings.telegram_api_base_url
        builder = builder.base_url(base).base_file_url(base.rstrip("/").rsplit("/", 1)[0] + "/file/bot")
    application = builder.build()
    application.bot_data["settings"] = settings
    application.bot_data["token_watch"] = token_watch
    application.bot_data["cards"] = CardStore()
    application.bot_data["flood"] = FloodGate(settings.flood_limit)
    application.bot_data["counters"] = collections.Counter()
    if factbase is not None:
        application.bot_data["factbase"] = factbase
    application.add_handler(CommandHandler("start", start))
    application.add_handler(CommandHandler("help", help_command))
    application.add_handler(CommandHandler("sources", sources))
    application.add_handler(CommandHandler("about", about))
    application.add_handler(CommandHandler("reset", reset))
    application.add_handler(CommandHandler("ask", ask_command))
    application.add_handler(CommandHandler("stats", stats))
    application.add_handler(CommandHandler("gaps", gaps))
    application.add_handler(CommandHandler("reload", reload))
    # New messages (not edits) with something to read: text, or the caption of a photo or file.
    readable = ((filters.TEXT & ~filters.COMMAND) | filters.CAPTION) & filters.UpdateType.MESSAGE
    wordless = filters.ATTACHMENT & ~filters.CAPTION & filters.UpdateType.MESSAGE
    application.add_handler(MessageHandler(readable & filters.ChatType.PRIVATE, private_question))
    application.add_handler(MessageHandler(wordless & filters.ChatType.PRIVATE, wordless_message))
    application.add_handler(MessageHandler((readable | wordless) & filters.ChatType.GROUPS, group_message))
    application.add_handler(CallbackQueryHandler(on_button))
    application.add_handler(InlineQueryHandler(on_inline_query))
    application.add_error_handler(on_error)
    return application


WEBHOOK_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")  # what Telegram accepts as secret_token


def webhook_settings(settings: Settings) -> Settings:
    """Check the webhook URL and secret; without a secret, make up a random one for this run."""
    from dataclasses import replace

    from .config import ConfigError

    parts = urllib.parse.urlsplit(settings.webhook_url or "")
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ConfigError(f"the webhook needs a full URL such as https://bot.example.org/telegram, "
                          f"not {settings.webhook_url!r}")
    if settings.webhook_secret is None:
        return replace(settings, webhook_secret=secrets.token_urlsafe(32))
    if not WEBHOOK_SECRET.fullmatch(settings.webhook_secret):
        raise ConfigError("LAYOFFBOT_WEBHOOK_SECRET may only hold 1 to 256 letters, digits, '_' and '-'")
    return settings


def run_until_refused(application: Application, run) -> None:
    """`run()` PTB's run_polling or run_webhook, stopping early when Telegram refuses the token.

    Raises TokenRejected when it did: a supervisor restarting the process is the way back.
    """
    watch: TokenWatch = application.bot_data["token_watch"]
    watch.on_rejected = application.stop_running
    try:
        run()
    except InvalidToken:
        if watch.rejected is None:
            raise
    if watch.rejected is not None:
        raise TokenRejected(f"Telegram stopped accepting the bot token ({watch.rejected}), so the bot "
                            "stopped. Check TELEGRAM_BOT_TOKEN (was it revoked with @BotFather?) and start again.")


def run_polling(settings: Settings) -> None:
    configure_logging(settings)
    application = build_application(settings)
    log.info("layoffbot is polling for updates (database %s)", settings.db_path)
    run_until_refused(application, lambda: application.run_polling(allowed_updates=Update.ALL_TYPES,
                                                                   bootstrap_retries=3))


def run_webhook(settings: Settings) -> None:
    """PTB's webhook server; an update without the right `secret_token` header is refused (403)."""
    settings = webhook_settings(settings)
    configure_logging(settings)
    application = build_application(settings)
    path = urllib.parse.urlsplit(settings.webhook_url).path.strip("/")
    log.info("layoffbot is receiving updates on %s:%s/%s (database %s)",
             settings.webhook_listen, settings.webhook_port, path, settings.db_path)
    run_until_refused(application, lambda: application.run_webhook(
        listen=settings.webhook_listen, port=settings.webhook_port, url_path=path,
        webhook_url=settings.webhook_url, secret_token=settings.webhook_secret,
        allowed_updates=Update.ALL_TYPES, bootstrap_retries=3))


def serve(settings: Settings) -> None:
    """Run until SIGINT/SIGTERM (PTB stops cleanly on both): a webhook when one is configured, else polling.

    Raises ServeError (TokenRejected when Telegram refuses the token, at start-up or later) with a
    message that never holds the token or the webhook secret.
    """
    secrets_ = (settings.telegram_token, settings.webhook_secret)
    api = urllib.parse.urlsplit(settings.telegram_api_base_url or "https://api.telegram.org/bot")
    where = f"{api.scheme}://{api.hostname}" + (f":{api.port}" if api.port else "")
    try:
        if settings.webhook_url:
            run_webhook(settings)
        else:
            run_polling(settings)
    except ServeError:
        raise
    except InvalidToken as exc:
        status = redact(str(exc.__cause__ or "refused"), *secrets_)
        raise TokenRejected(f"the Bot API at {where} refused the bot token ({status}). Check "
                            "TELEGRAM_BOT_TOKEN: it must be the token @BotFather gave, whole.") from None
    except TelegramError as exc:
        raise ServeError(f"the Bot API at {where} failed ({redact(str(exc), *secrets_)}), even after "
                         "retrying. Is it reachable from here? Check TELEGRAM_API_BASE_URL if you set it, "
                         "then start again.") from None
