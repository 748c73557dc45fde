"""The floor: the smallest PTB bot (echo), polling like ours, with the same concurrency and the
same connection pool for sending (a busy machine makes PTB's default 1 s pool timeout fail
sends, and a reply lost ends the benchmark). It sends through PTB's own `HTTPXRequest`, or,
with `ECHO_CLIENT=botapi`, through the bot's client (`bot/botapi.py`), to compare like with
like."""

from __future__ import annotations

import os

from telegram import Update
from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters

from bot.botapi import BotApiRequest
from bot.frontends.telegram import SEND_CONNECTIONS, SEND_POOL_TIMEOUT


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_text(update.effective_message.text or "")


def main() -> None:
    api = os.environ["TELEGRAM_API_URL"]
    builder = (ApplicationBuilder().token(os.environ["TELEGRAM_BOT_TOKEN"])
               .base_url(f"{api}/bot").concurrent_updates(256))
    if os.environ.get("ECHO_CLIENT") == "botapi":
        builder = builder.request(BotApiRequest(SEND_CONNECTIONS, pool_timeout=SEND_POOL_TIMEOUT)
                                  ).get_updates_request(BotApiRequest())
    else:
        builder = builder.connection_pool_size(SEND_CONNECTIONS).pool_timeout(SEND_POOL_TIMEOUT)
    app = builder.build()
    app.add_handler(MessageHandler(filters.TEXT, echo))
    app.run_polling(allowed_updates=Update.ALL_TYPES)


if __name__ == "__main__":
    main()
