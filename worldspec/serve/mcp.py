"""The environment as an MCP server (the official `mcp` SDK, the `serve` extra):
the same tools, over stdio or streamable HTTP. A stdio connection is a session of
the environment, with its own state; over HTTP, where MCP keeps no session, a
request names its session in the `Worldspec-Session` header (or a legacy
client's `Mcp-Session-Id`), and requests that name none share one. A tool error
reaches the model as an error result, as MCP intends, never as a broken
session."""

from __future__ import annotations

import hmac
import os
import socket
import sys
import uuid
import weakref
from typing import Any

from worldspec.serve.world import Environment, ToolError

SESSION_HEADER = "worldspec-session"


def mcp_server(environment: Environment, name: str) -> Any:
    """An MCPServer that lists the environment's tools (the world's declared ones
    too, with their own schemas) and answers calls from it."""
    import anyio
    from mcp.server.mcpserver import MCPServer
    from mcp.types import CallToolResult, TextContent
    from mcp.types import Tool as MCPTool

    prefix = f"mcp-{os.getpid()}"

    class WorldServer(MCPServer):
        def __init__(self) -> None:
            super().__init__(name=name, instructions="Tools to search, read and act.")
            self._sessions: weakref.WeakKeyDictionary[Any, str] = weakref.WeakKeyDictionary()

        def _session_id(self, context: Any) -> str:
            try:
                headers = context.headers
                key = context.session
            except (AttributeError, ValueError):
                return f"{prefix}-direct"
            if headers is not None:
                # MCP over HTTP (protocol 2026-07-28) is one exchange a request, with
                # no session of its own: an agent names its session in a header
                named = headers.get(SESSION_HEADER) or headers.get("mcp-session-id")
                return f"mcp-{named[:100]}" if named else f"{prefix}-http"
            found = self._sessions.get(key)
            if found is None:
                found = self._sessions[key] = f"{prefix}-{uuid.uuid4().hex[:8]}"
            return found

        def _tool_input_schema(self, tool: str) -> dict[str, Any] | None:
            found = environment.tools.get(tool)
            return None if found is None else found["parameters"]

        async def list_tools(self) -> list[MCPTool]:
            return [
                MCPTool(name=n, description=t["description"], input_schema=t["parameters"])
                for n, t in environment.tools.items()
            ]

        async def call_tool(
            self, tool: str, arguments: dict[str, Any], context: Any = None
        ) -> CallToolResult:
            session = self._session_id(context)
            try:
                answer = await anyio.to_thread.run_sync(environment.call, session, tool, arguments)
            except ToolError as err:
                return CallToolResult(
                    content=[TextContent(type="text", text=str(err))], is_error=True
                )
            return CallToolResult(content=[TextContent(type="text", text=answer.text)])

    return WorldServer()


MAX_BODY = 64 * 1024


def run_http(server: Any, name: str, host: str, port: int, token: str | None) -> None:
    """Serve `server` over streamable HTTP at /mcp, on a socket bound before the
    server starts (so that port 0 works and the address printed is the real one),
    asking for `token` as a bearer token when one is given."""
    import anyio
    import uvicorn

    app = server.streamable_http_app(host=host, max_request_body_size=MAX_BODY)
    if token:
        app = _BearerToken(app, token)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    sys.stderr.write(f"serving {name} at http://{host}:{sock.getsockname()[1]}/mcp\n")
    sys.stderr.flush()
    config = uvicorn.Config(app, log_level="warning", lifespan="on")
    anyio.run(uvicorn.Server(config).serve, [sock])


class _BearerToken:
    """An ASGI wrapper that turns away an HTTP request without the bearer token."""

    def __init__(self, app: Any, token: str) -> None:
        self.app = app
        self.expected = f"Bearer {token}".encode()

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            given = dict(scope.get("headers") or []).get(b"authorization", b"")
            if not hmac.compare_digest(given, self.expected):
                body = b'{"error": "a token is needed: Authorization: Bearer TOKEN"}'
                await send({"type": "http.response.start", "status": 401,
                            "headers": [(b"content-type", b"application/json")]})  # fmt: skip
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)
