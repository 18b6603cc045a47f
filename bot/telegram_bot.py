"""Telegram edge (python-telegram-bot 22, async): small handlers around the one `FactBase`.

The fact base is opened in a lifecycle hook and kept in `bot_data`; every call that touches
SQLite runs in a worker thread so the event loop keeps serving other chats.
"""

from __future__ import annotations

import asyncio
import html
import logging

from telegram import LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from .answer import render_html
from .config import Settings
from .matching import Conversation
from .service import FactBase

log = logging.getLogger("layoffbot.telegram")
MAX_MESSAGE = 4096
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)

HELP_TEXT = (
    "I answer questions about company layoffs (who cut how many, when, why) and the rules "
    "around them (notice, severance, consultation), always with my sources.\n\n"
    "<b>Try</b>\n"
    "• How many employees did Xiaohongshu lay off?\n"
    "• Why? (follow-ups keep the context)\n"
    "• And JD.com?\n"
    "• How much notice must a US employer give before a mass layoff?\n"
    "• What does N+1 mean?\n\n"
    "/sources lists what I cite. When I have no sourced answer, I say so."
)


class RedactTokenFilter(logging.Filter):
    """Defence in depth: a log line that somehow carries the token gets it blanked out."""

    def __init__(self, token: str | None):
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        if self.token:
            message = record.getMessage()
            if self.token in message:
                record.msg = message.replace(self.token, "[token]")
                record.args = ()
        return True


def configure_logging(settings: Settings) -> None:
    logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s",
                        level=settings.log_level)
    # httpx logs every request URL at INFO, and the URL carries the bot token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    redact = RedactTokenFilter(settings.telegram_token)
    for handler in logging.getLogger().handlers:
        handler.addFilter(redact)


def _factbase(context: ContextTypes.DEFAULT_TYPE) -> FactBase:
    return context.application.bot_data["factbase"]


async def reply_html(update: Update, text: str) -> None:
    await update.effective_message.reply_text(
        text[:MAX_MESSAGE], parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW
    )


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
        if len(text) + len(line) + 1 > MAX_MESSAGE - 40:
            text += "\n…and more."
            break
        text += ("\n" if text else "") + line
    await reply_html(update, text)


async def question(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    user_id = update.effective_user.id if update.effective_user else 0
    conversations = context.chat_data.setdefault("conversations", {})
    answer, conversations[user_id] = await asyncio.to_thread(
        _factbase(context).ask, message.text or "", conversations.get(user_id, Conversation())
    )
    await reply_html(update, render_html(answer, limit=MAX_MESSAGE))


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    log.error("error while handling an update: %s", context.error, exc_info=context.error)
    if isinstance(update, Update) and update.effective_message:
        try:
            await update.effective_message.reply_text(
                "Sorry, something went wrong on my side. Please try again in a moment."
            )
        except Exception:  # noqa: BLE001 - the error handler must never raise
            log.warning("could not tell the user about the error")


async def open_factbase(application: Application) -> None:
    settings: Settings = application.bot_data["settings"]
    if "factbase" not in application.bot_data:
        application.bot_data["factbase"] = await asyncio.to_thread(FactBase.open, settings.db_path)


def build_application(settings: Settings, factbase: FactBase | None = None) -> Application:
    """The one place the Application is wired: builder, handlers, error handler, rate limiter."""
    builder = (
        ApplicationBuilder()
        .token(settings.telegram_token)
        .rate_limiter(AIORateLimiter(max_retries=3))
        .concurrent_updates(True)
        .post_init(open_factbase)
    )
    if settings.telegram_api_base_url:
        base = settings.telegram_api_base_url
        builder = builder.base_url(base).base_file_url(base.rstrip("/").rsplit("/", 1)[0] + "/file/bot")
    application = builder.build()
    application.bot_data["settings"] = settings
    if factbase is not None:
        application.bot_data["factbase"] = factbase
    application.add_handler(CommandHandler("start", start))
    application.add_handler(CommandHandler("help", help_command))
    application.add_handler(CommandHandler("sources", sources))
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, question))
    application.add_error_handler(on_error)
    return application


def run_polling(settings: Settings) -> None:
    configure_logging(settings)
    application = build_application(settings)
    log.info("layoffbot is polling for updates (database %s)", settings.db_path)
    application.run_polling(allowed_updates=Update.ALL_TYPES)
