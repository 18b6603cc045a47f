"""A small fake Telegram Bot API server on loopback, for driving python-telegram-bot for real.

It speaks HTTP like api.telegram.org does (`POST /bot<token>/<method>`, form or JSON bodies,
`{"ok": ..., "result": ...}` replies), queues updates for `getUpdates` long polling, and
records what the bot sent. Like Telegram, it refuses (400) messages that are not valid HTML of at
most 4,096 characters and buttons whose callback data exceeds 64 bytes; refusals are kept in
`rejected`. Tests wait on its condition variable, never on sleeps.
"""

from __future__ import annotations

import asyncio
import email.parser
import email.policy
import html
import itertools
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

BOT_USER = {
    "id": 4242, "is_bot": True, "first_name": "LayoffBot", "username": "layoff_test_bot",
    "can_join_groups": True, "can_read_all_group_messages": False, "supports_inline_queries": True,
}


MAX_MESSAGE = 4096
MAX_CALLBACK_DATA = 64
_ALLOWED_TAG = re.compile(r'<(/?)(b|i|a|code|pre)((?: href="[^"<>]*")?)>')
_ENTITY = re.compile(r"&(?:lt|gt|amp|quot|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});")
_MARKUP = re.compile(r"<[^>]*>?|&[^;\s<>&]*;?|>")


def tg_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def telegram_html_problem(text: str) -> str | None:
    """Why Telegram would refuse `text` as an HTML message, or None when it is fine.

    Stricter than Telegram: only the tags this bot may send (b, i, a with href, code, pre),
    balanced and properly nested, and only the entities Telegram knows.
    """
    if not isinstance(text, str) or not text:
        return "message text is empty"
    if tg_len(text) > MAX_MESSAGE:
        return f"message is too long ({tg_len(text)} UTF-16 units)"
    stack: list[str] = []
    for match in _MARKUP.finditer(text):
        token = match.group()
        if token.startswith("<"):
            tag = _ALLOWED_TAG.fullmatch(token)
            if not tag:
                return f"unsupported tag {token[:40]!r} at {match.start()}"
            closing, name, attributes = tag.groups()
            if closing:
                if attributes or not stack or stack[-1] != name:
                    return f"unbalanced {token!r} at {match.start()}"
                stack.pop()
            else:
                if (name == "a") != bool(attributes):
                    return f"bad attributes in {token!r}"
                stack.append(name)
        elif token == ">":
            return f"unescaped '>' at {match.start()}"
        elif not _ENTITY.fullmatch(token):
            return f"bad entity {token[:20]!r} at {match.start()}"
    if stack:
        return f"unclosed tags {stack}"
    if not html.unescape(re.sub(r"<[^>]*>", "", text)).strip():
        return "message text is empty"
    return None


def _entities(text: str) -> list[dict]:
    """Commands and @mentions, as Telegram marks them."""
    entities = []
    if text.startswith("/"):
        command = text.split()[0]
        entities.append({"type": "bot_command", "offset": 0, "length": tg_len(command)})
    for mention in re.finditer(r"(?<![\w@])@[A-Za-z][A-Za-z0-9_]{3,31}", text):
        entities.append({"type": "mention", "offset": tg_len(text[:mention.start()]),
                         "length": tg_len(mention.group())})
    return entities


def callback_data_problem(markup) -> str | None:
    if not isinstance(markup, dict):
        return None
    for row in markup.get("inline_keyboard", []):
        for button in row:
            data = button.get("callback_data")
            if data is not None and not 1 <= len(data.encode()) <= MAX_CALLBACK_DATA:
                return f"BUTTON_DATA_INVALID: {data!r}"
    return None


@dataclass
class Fault:
    """Make the next call of `method` fail: an HTTP status with a body (or `raw` bytes that are not
    JSON), a delay, or a dropped connection."""

    method: str
    status: int = 500
    body: dict | None = None
    delay: float = 0.0
    drop: bool = False
    raw: bytes | None = None


@dataclass
class Recorded:
    method: str
    params: dict


@dataclass
class FakeBotApi:
    token: str
    updates: list[dict] = field(default_factory=list)
    calls: list[Recorded] = field(default_factory=list)
    faults: list[Fault] = field(default_factory=list)
    rejected: list[Recorded] = field(default_factory=list)
    requests: list[Recorded] = field(default_factory=list)  # every call as it arrives, faulty or not
    messages: dict[tuple[int, int], dict] = field(default_factory=dict)  # what the bot sent, as edited

    def __post_init__(self) -> None:
        self.cond = threading.Condition()
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1)
        self._query_ids = itertools.count(1)
        self._server: ThreadingHTTPServer | None = None
        self.webhook: dict | None = None
        self._stopping = False
        self.counts: dict[str, int] = {}  # successful calls per method
        self._thread: threading.Thread | None = None
        self.deleted: set[tuple[int, int]] = set()  # (chat id, message id) of messages a user deleted

    # -- lifecycle -------------------------------------------------------------------
    def start(self) -> FakeBotApi:
        api = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # keep test output quiet
                pass

            def do_POST(self) -> None:  # noqa: N802 (http.server naming)
                api._handle(self)

            do_GET = do_POST  # noqa: N815

        class Server(ThreadingHTTPServer):
            request_queue_size = 1024  # the bot opens up to 256 connections at once

        self._server = Server(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        with self.cond:
            self._stopping = True
            self.cond.notify_all()
        if self._server:
            self._server.shutdown()
            self._server.server_close()

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/bot"

    # -- test side ---------------------------------------------------------------------
    def push_text(self, text: str, *, chat_id: int = 100, user_id: int = 100, chat_type: str = "private",
                  first_name: str = "Ann", reply_to: dict | None = None) -> int:
        """A user's message; entities (commands, @mentions) are computed like Telegram does."""
        return self.push_update({"message": self.user_message(text, chat_id=chat_id, user_id=user_id,
                                                              chat_type=chat_type, first_name=first_name,
                                                              reply_to=reply_to)})

    def user_message(self, text: str, *, chat_id: int = 100, user_id: int = 100, chat_type: str = "private",
                     first_name: str = "Ann", reply_to: dict | None = None) -> dict:
        message = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": chat_type, "first_name": first_name}
            if chat_type == "private" else {"id": chat_id, "type": chat_type, "title": "Group"},
            "from": {"id": user_id, "is_bot": False, "first_name": first_name},
            "text": text,
        }
        entities = _entities(text)
        if entities:
            message["entities"] = entities
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        return message

    def push_media(self, kind: str, caption: str | None = None, **where) -> int:
        """A photo, document, sticker or voice note, with an optional caption (entities computed)."""
        message = self.user_message("", **where)
        del message["text"]
        file = {"file_id": f"{kind}-1", "file_unique_id": f"{kind}-u1"}
        message[kind] = {
            "photo": [{**file, "width": 90, "height": 90}],
            "document": {**file, "file_name": "notes.pdf", "mime_type": "application/pdf"},
            "sticker": {**file, "type": "regular", "width": 512, "height": 512, "is_animated": False,
                        "is_video": False, "emoji": "👍"},
            "voice": {**file, "duration": 3},
        }[kind]
        if caption is not None:
            message["caption"] = caption
            if _entities(caption):
                message["caption_entities"] = _entities(caption)
        return self.push_update({"message": message})

    def push_callback(self, message: dict, data: str, *, user_id: int = 100, first_name: str = "Ann") -> int:
        """A tap on an inline button of `message` (a message the bot sent, as returned by `sent_message`)."""
        query = {
            "id": f"cb{next(self._query_ids)}", "chat_instance": "1", "data": data,
            "from": {"id": user_id, "is_bot": False, "first_name": first_name}, "message": message,
        }
        return self.push_update({"callback_query": query})

    def push_inline(self, text: str, *, user_id: int = 100) -> int:
        query = {"id": f"iq{next(self._query_ids)}", "query": text, "offset": "",
                 "from": {"id": user_id, "is_bot": False, "first_name": "Ann"}}
        return self.push_update({"inline_query": query})

    def delete(self, message: dict) -> None:
        """The user deletes `message` (as pushed or sent): replies to it now need allow_sending_without_reply."""
        with self.cond:
            self.deleted.add((int(message["chat"]["id"]), int(message["message_id"])))

    def sent_message(self, params: dict) -> dict:
        """The message (as Telegram would return it, with edits applied) for a recorded sendMessage."""
        with self.cond:
            for message in self.messages.values():
                if message["_params"] is params:
                    return {k: v for k, v in message.items() if k != "_params"}
        raise KeyError("not a recorded sendMessage")

    def push_update(self, payload: dict) -> int:
        with self.cond:
            update_id = next(self._update_ids)
            self.updates.append({"update_id": update_id, **payload})
            self.cond.notify_all()
            return update_id

    def sent(self, method: str = "sendMessage") -> list[dict]:
        with self.cond:
            return [c.params for c in self.calls if c.method == method]

    def wait_for(self, count: int, method: str = "sendMessage", timeout: float = 15.0) -> list[dict]:
        """Block until the bot has called `method` at least `count` times (or fail)."""
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                if self.counts.get(method, 0) >= count:
                    return [c.params for c in self.calls if c.method == method]
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"waited {timeout}s for {count} {method} call(s), "
                                         f"got {self.counts.get(method, 0)}")
                self.cond.wait(remaining)

    def wait_until(self, predicate, timeout: float = 15.0, what: str = "a condition") -> None:
        """Block until `predicate()` (called with the lock held) is true (or fail)."""
        deadline = time.monotonic() + timeout
        with self.cond:
            while not predicate():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"waited {timeout}s for {what}")
                self.cond.wait(remaining)

    def wait_fetched(self, update_id: int, timeout: float = 15.0) -> None:
        """Block until the bot has confirmed `update_id` (a later getUpdates offset passed it)."""
        self.wait_until(lambda: any(c.method == "getUpdates" and int(c.params.get("offset") or 0) > update_id
                                    for c in self.requests), timeout, f"update {update_id} to be fetched")

    # -- server side -------------------------------------------------------------------
    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        path = urllib.parse.urlparse(request.path).path
        parts = path.strip("/").split("/")
        length = int(request.headers.get("Content-Length") or 0)
        raw = request.rfile.read(length) if length else b""
        if len(parts) != 2 or parts[0] != f"bot{self.token}":
            return self._reply(request, 401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
        method = parts[1]
        params = self._parse(raw, request.headers.get("Content-Type", ""))
        with self.cond:
            self.requests.append(Recorded(method, params))
            self.cond.notify_all()
        fault = self._take_fault(method)
        if fault:
            if fault.delay:  # a slow server, interrupted only by stop()
                deadline = time.monotonic() + fault.delay
                with self.cond:
                    while not self._stopping and deadline > time.monotonic():
                        self.cond.wait(deadline - time.monotonic())
            if fault.drop:
                request.close_connection = True
                request.connection.shutdown(2)
                return None
            if fault.raw is not None:
                return self._reply(request, fault.status, fault.raw)
            if fault.status != 200:
                body = fault.body or {"ok": False, "error_code": fault.status, "description": "Fault"}
                return self._reply(request, fault.status, body)
        problem = self._check(method, params) or self._reply_problem(params)
        if problem:
            with self.cond:
                self.rejected.append(Recorded(method, params))
                self.cond.notify_all()
            return self._reply(request, 400, {"ok": False, "error_code": 400, "description": f"Bad Request: {problem}"})
        handler = getattr(self, f"_api_{method}", None)
        if method == "getUpdates":
            result = handler(params)  # waits on self.cond itself
        else:
            with self.cond:
                result = handler(params) if handler else True
        with self.cond:
            self.calls.append(Recorded(method, params))
            self.counts[method] = self.counts.get(method, 0) + 1
            self.cond.notify_all()
        return self._reply(request, 200, {"ok": True, "result": result})

    @staticmethod
    def _check(method: str, params: dict) -> str | None:
        """What Telegram would refuse with 400."""
        if method in {"sendMessage", "editMessageText"}:
            if params.get("parse_mode") == "HTML":
                problem = telegram_html_problem(params.get("text"))
            else:
                text = params.get("text") or ""
                problem = None if 0 < tg_len(text) <= MAX_MESSAGE else "bad message length"
            if problem:
                return f"can't parse entities: {problem}"
        if method == "sendPhoto":
            photo = params.get("photo")
            if not isinstance(photo, bytes) or not photo:
                return "there is no photo in the request"
            if len(params.get("caption") or "") > 1024:
                return "message caption is too long"
        if method == "answerInlineQuery":
            results = params.get("results") or []
            if len(results) > 50:
                return "RESULTS_TOO_MUCH"
            for result in results:
                content = result.get("input_message_content") or {}
                if content.get("parse_mode") == "HTML":
                    problem = telegram_html_problem(content.get("message_text"))
                    if problem:
                        return f"can't parse entities: {problem}"
                if len(str(result.get("id", "")).encode()) > 64:
                    return "RESULT_ID_INVALID"
        return callback_data_problem(params.get("reply_markup"))

    def _reply_problem(self, params: dict) -> str | None:
        """Telegram refuses a reply to a deleted message unless allow_sending_without_reply is set."""
        reply = params.get("reply_parameters")
        if isinstance(reply, dict):
            target, allowed = reply.get("message_id"), reply.get("allow_sending_without_reply")
        else:
            target, allowed = params.get("reply_to_message_id"), params.get("allow_sending_without_reply")
        if target is None or allowed in (True, "true", "True"):
            return None
        chat_id = int(params.get("chat_id") or (reply or {}).get("chat_id") or 0)
        with self.cond:
            return "message to be replied not found" if (chat_id, int(target)) in self.deleted else None

    def _take_fault(self, method: str) -> Fault | None:
        with self.cond:
            for i, fault in enumerate(self.faults):
                if fault.method == method:
                    return self.faults.pop(i)
        return None

    @staticmethod
    def _parse(raw: bytes, content_type: str) -> dict:
        if not raw:
            return {}
        if "json" in content_type:
            return json.loads(raw)
        if "multipart/form-data" in content_type:  # a file upload (sendPhoto): files stay bytes
            message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
                b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + raw)
            params = {}
            for part in message.iter_parts():
                name, data = part.get_param("name", header="content-disposition"), part.get_payload(decode=True)
                if part.get_filename() is not None:
                    params[name] = data
                    continue
                value = data.decode()
                try:
                    params[name] = json.loads(value) if value[:1] in "[{" else value
                except json.JSONDecodeError:
                    params[name] = value
            return params
        fields = urllib.parse.parse_qs(raw.decode(), keep_blank_values=True)
        params = {}
        for key, values in fields.items():
            value = values[-1]
            try:
                params[key] = json.loads(value) if value[:1] in "[{" else value
            except json.JSONDecodeError:
                params[key] = value
        return params

    @staticmethod
    def _reply(request: BaseHTTPRequestHandler, status: int, body: dict | bytes) -> None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        request.send_response(status)
        request.send_header("Content-Type", "application/json")
        request.send_header("Content-Length", str(len(data)))
        request.end_headers()
        try:
            request.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (e.g. a long poll cancelled at shutdown)

    # -- Bot API methods -----------------------------------------------------------------
    def _api_getMe(self, params: dict) -> dict:  # noqa: N802
        return BOT_USER

    def _api_getUpdates(self, params: dict) -> list[dict]:  # noqa: N802
        offset = int(params.get("offset") or 0)
        timeout = float(params.get("timeout") or 0)
        deadline = time.monotonic() + timeout
        with self.cond:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]
            while not self.updates and time.monotonic() < deadline:
                self.cond.wait(deadline - time.monotonic())
            limit = int(params.get("limit") or 100)
            return list(self.updates[:limit])

    # Called with self.cond held (except getUpdates, which waits on it).
    def _api_sendMessage(self, params: dict) -> dict:  # noqa: N802
        chat_id = int(params["chat_id"])
        message = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private"} if chat_id > 0
            else {"id": chat_id, "type": "supergroup", "title": "Group"},
            "from": BOT_USER,
            "text": params.get("text", ""),
        }
        if isinstance(params.get("reply_markup"), dict):
            message["reply_markup"] = params["reply_markup"]
        self.messages[(chat_id, message["message_id"])] = {**message, "_params": params}
        return message

    def _api_sendPhoto(self, params: dict) -> dict:  # noqa: N802
        message = self._api_sendMessage({k: v for k, v in params.items() if k != "photo"})
        del message["text"]
        message["photo"] = [{"file_id": f"photo-{message['message_id']}", "file_unique_id": "p1", "width": 1200,
                             "height": 900, "file_size": len(params.get("photo") or b"")}]
        if params.get("caption"):
            message["caption"] = params["caption"]
        return message

    def _edited(self, params: dict, **changes) -> dict | bool:
        key = (int(params.get("chat_id") or 0), int(params.get("message_id") or 0))
        if key not in self.messages:
            return True  # an inline message: Telegram answers True
        self.messages[key].update(changes, edit_date=int(time.time()))
        return {k: v for k, v in self.messages[key].items() if k != "_params"}

    def _api_editMessageText(self, params: dict) -> dict | bool:  # noqa: N802
        changes = {"text": params.get("text", "")}
        changes["reply_markup"] = params.get("reply_markup") if isinstance(params.get("reply_markup"), dict) else None
        return self._edited(params, **changes)

    def _api_editMessageReplyMarkup(self, params: dict) -> dict | bool:  # noqa: N802
        markup = params.get("reply_markup")
        return self._edited(params, reply_markup=markup if isinstance(markup, dict) else None)

    def _api_setWebhook(self, params: dict) -> bool:  # noqa: N802
        self.webhook = dict(params)
        return True

    def _api_deleteWebhook(self, params: dict) -> bool:  # noqa: N802
        self.webhook = None
        return True


TEST_TOKEN = "4242:fake-test-token-for-loopback-only"
STARTED = "Application started"  # PTB logs it at INFO once updates flow


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve_command(base_url: str, db_path, tmp_path, *args: str, **env: str) -> tuple[list[str], dict]:
    """`layoffbot serve` (the installed command's module) and its environment, against `base_url`."""
    environment = {
        **os.environ, "TELEGRAM_BOT_TOKEN": TEST_TOKEN, "TELEGRAM_API_BASE_URL": base_url,
        "LAYOFFBOT_DB": str(db_path), "LAYOFFBOT_FEEDBACK_DB": str(tmp_path / "feedback.db"),
        "LAYOFFBOT_LOG_LEVEL": "INFO", **env,
    }
    return [sys.executable, "-m", "bot", "serve", *args], environment


def start_serve(bot_api: FakeBotApi, db_path, tmp_path, *args: str, **env: str) -> subprocess.Popen:
    """A `layoffbot serve` process, returned once PTB says it has started (its log so far in `.log`)."""
    command, environment = serve_command(bot_api.base_url, db_path, tmp_path, *args, **env)
    process = subprocess.Popen(command, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True)
    seen = []
    for line in process.stdout:  # blocks on the child's log, line by line
        seen.append(line)
        if STARTED in line:
            process.log = seen
            return process
    raise AssertionError("serve exited before starting:\n" + "".join(seen))


def start_webhook_serve(bot_api: FakeBotApi, db_path, tmp_path, secret: str,
                        **env: str) -> tuple[subprocess.Popen, str]:
    """A `layoffbot serve --webhook` process listening on a free loopback port, and its webhook URL."""
    import pytest

    pytest.importorskip("tornado", reason="webhooks need python-telegram-bot[webhooks]")
    port = free_port()
    url = f"http://127.0.0.1:{port}/hook/path"
    process = start_serve(bot_api, db_path, tmp_path, "--webhook", url, "--listen", "127.0.0.1", "--port", str(port),
                          LAYOFFBOT_WEBHOOK_SECRET=secret, **env)
    return process, url


def stop_with_sigterm(process: subprocess.Popen) -> str:
    process.send_signal(signal.SIGTERM)
    rest, _ = process.communicate(timeout=30)
    assert process.returncode == 0, rest
    return "".join(process.log) + rest


def post_webhook(url: str, update: dict, secret: str | None) -> int:
    """POST one update to a webhook as Telegram does (with its secret header); the HTTP status."""
    request = urllib.request.Request(url, data=json.dumps(update).encode(),
                                     headers={"Content-Type": "application/json"})
    if secret is not None:
        request.add_header("X-Telegram-Bot-Api-Secret-Token", secret)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def running_bot(api: FakeBotApi, factbase, db_path, tmp_path, **changes):
    """The real Application, wired as `layoffbot serve` wires it, polling this fake server."""
    from bot.config import Settings
    from bot.telegram_bot import build_application

    settings = Settings(db_path=db_path, telegram_token=TEST_TOKEN, telegram_api_base_url=api.base_url,
                        feedback_db=tmp_path / "feedback.db", **changes)
    return polling(build_application(settings, factbase))


@asynccontextmanager
async def polling(application):
    """Run a python-telegram-bot Application against the fake server the way `run_polling` does."""
    async with application:
        if application.post_init:
            await application.post_init(application)
        await application.start()
        await application.updater.start_polling(poll_interval=0.0, timeout=1)
        try:
            yield application
        finally:
            await application.updater.stop()
            await application.stop()
            if application.post_shutdown:
                await application.post_shutdown(application)


async def wait_for(api: FakeBotApi, count: int, method: str = "sendMessage", timeout: float = 15.0) -> list[dict]:
    return await asyncio.to_thread(api.wait_for, count, method, timeout)
