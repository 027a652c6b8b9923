"""The environment over plain HTTP, for OpenAI-style tool loops: GET /v1/tools
gives the function schemas, POST /v1/tools/call executes a call:

    {"session": "run-1", "name": "search", "arguments": {"query": "..."}}
    -> {"content": "...", "data": ..., "traps": [...]}   (400 {"error": ...} for a bad call)

`arguments` may also be the JSON string a chat completion's tool call carries. The
server binds 127.0.0.1 unless told otherwise, and then needs a token (`Authorization:
Bearer TOKEN`); a request body is at most MAX_BODY bytes.
"""

from __future__ import annotations

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from worldspec.serve.world import Environment, RateLimited, ToolError, openai_tools

MAX_BODY = 64 * 1024


class ToolServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, environment: Environment, host: str, port: int, token: str | None) -> None:
        self.environment = environment
        self.token = token
        self.lock = threading.Lock()  # one call at a time: the log and the counts
        super().__init__((host, port), _Handler)


class _Handler(BaseHTTPRequestHandler):
    server: ToolServer
    protocol_version = "HTTP/1.1"

    def setup(self) -> None:
        super().setup()
        # an answer goes out as headers then body: without NODELAY, Nagle's algorithm
        # holds the body for the client's delayed ACK (tens of ms a call)
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: Any) -> None:
        return  # the call log is the record; no access log on stderr

    def _send(self, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _authorised(self) -> bool:
        token = self.server.token
        if token is None or self.headers.get("Authorization") == f"Bearer {token}":
            return True
        self._send(401, {"error": "a token is needed: Authorization: Bearer TOKEN"})
        return False

    def do_GET(self) -> None:
        if not self._authorised():
            return
        if self.path.rstrip("/") == "/v1/tools":
            self._send(200, {"tools": openai_tools(self.server.environment.tools)})
        else:
            self._send(404, {"error": f"no such path: {self.path}"})

    def do_POST(self) -> None:
        if not self._authorised():
            return
        if self.path.rstrip("/") != "/v1/tools/call":
            self._send(404, {"error": f"no such path: {self.path}"})
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self.close_connection = True
            self._send(413, {"error": f"a request is at most {MAX_BODY} bytes"})
            return
        try:
            body = json.loads(self.rfile.read(length) or b"{}")
            name = str(body["name"])
            arguments = body.get("arguments", {})
            if isinstance(arguments, str):
                arguments = json.loads(arguments or "{}")
            session = str(body.get("session") or self.client_address[0])
        except (ValueError, KeyError, TypeError) as err:
            self._send(400, {"error": f"not a tool call: {err}"})
            return
        try:
            with self.server.lock:
                answer = self.server.environment.call(session, name, arguments)
        except RateLimited as err:
            self._send(429, {"error": str(err)})
            return
        except ToolError as err:
            self._send(400, {"error": str(err), "traps": [f.to_json() for f in err.fired]})
            return
        traps = [f.to_json() for f in answer.fired]
        self._send(200, {"content": answer.text, "data": answer.data, "traps": traps})
