"""A small fake Telegram Bot API server on loopback, for driving python-telegram-bot for real.

It speaks HTTP like api.telegram.org does (`POST /bot<token>/<method>`, form or JSON bodies,
`{"ok": ..., "result": ...}` replies), queues updates for `getUpdates` long polling, and
records what the bot sent. Tests wait on its condition variable, never on sleeps.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

BOT_USER = {
    "id": 4242, "is_bot": True, "first_name": "LayoffBot", "username": "layoff_test_bot",
    "can_join_groups": True, "can_read_all_group_messages": False, "supports_inline_queries": True,
}


@dataclass
class Fault:
    """Make the next call of `method` fail: an HTTP status with a body, a delay, or a dropped connection."""

    method: str
    status: int = 500
    body: dict | None = None
    delay: float = 0.0
    drop: bool = False


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

    def __post_init__(self) -> None:
        self.cond = threading.Condition()
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1)
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

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

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        with self.cond:
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
                  first_name: str = "Ann") -> int:
        message = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": chat_type, "first_name": first_name}
            if chat_type == "private" else {"id": chat_id, "type": chat_type, "title": "Group"},
            "from": {"id": user_id, "is_bot": False, "first_name": first_name},
            "text": text,
        }
        if text.startswith("/"):
            command = text.split()[0]
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        return self.push_update({"message": message})

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
                got = [c.params for c in self.calls if c.method == method]
                if len(got) >= count:
                    return got
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"waited {timeout}s for {count} {method} call(s), got {len(got)}")
                self.cond.wait(remaining)

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
        fault = self._take_fault(method)
        if fault:
            if fault.delay:
                with self.cond:
                    self.cond.wait(fault.delay)  # a slow server, interruptible by stop()
            if fault.drop:
                request.close_connection = True
                request.connection.shutdown(2)
                return None
            if fault.status != 200:
                body = fault.body or {"ok": False, "error_code": fault.status, "description": "Fault"}
                return self._reply(request, fault.status, body)
        handler = getattr(self, f"_api_{method}", None)
        result = handler(params) if handler else True
        with self.cond:
            self.calls.append(Recorded(method, params))
            self.cond.notify_all()
        return self._reply(request, 200, {"ok": True, "result": result})

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
    def _reply(request: BaseHTTPRequestHandler, status: int, body: dict) -> None:
        data = json.dumps(body).encode()
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

    def _api_sendMessage(self, params: dict) -> dict:  # noqa: N802
        return {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": int(params["chat_id"]), "type": "private"},
            "from": BOT_USER,
            "text": params.get("text", ""),
        }

    def _api_deleteWebhook(self, params: dict) -> bool:  # noqa: N802
        return True
