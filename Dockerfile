# layoffbot: the Telegram bot with its built-in fact base.
#   docker build -t layoffbot .
#   docker run --rm -e TELEGRAM_BOT_TOKEN layoffbot
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    LAYOFFBOT_DB=/data/layoffbot.db \
    LAYOFFBOT_FEEDBACK_DB=/data/layoffbot-feedback.db

RUN useradd --create-home --uid 10001 layoffbot \
    && mkdir /data && chown layoffbot /data

WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY knowledge ./knowledge
RUN pip install . && rm -rf /src

USER layoffbot
WORKDIR /home/layoffbot
# Build the database into the image so the first question is answered at once.
RUN layoffbot kb build

# Webhook mode (LAYOFFBOT_WEBHOOK_URL set) listens here; polling needs no port.
EXPOSE 8080

# The token comes from the environment at run time, never from the image.
CMD ["layoffbot", "serve"]
