"""The environment as an MCP server (the official `mcp` SDK, the `serve` extra):
the same tools, over stdio or streamable HTTP. A tool error reaches the model as
an error result, as MCP intends, never as a broken session."""

from __future__ import annotations

import os
import time
import uuid
from typing import Any

from worldspec.serve.world import TOOLS, Environment, ToolError


def mcp_server(environment: Environment, name: str) -> Any:
    """An MCPServer whose tools call `environment`; each connection is a session."""
    from mcp.server.mcpserver import MCPServer
    from mcp.server.mcpserver.exceptions import ToolError as MCPToolError

    server = MCPServer(name=name, instructions="Tools to search, read and look things up.")
    session = f"mcp-{os.getpid()}-{int(time.time())}-{uuid.uuid4().hex[:6]}"

    def call(tool: str, arguments: dict[str, Any]) -> str:
        try:
            return environment.call(session, tool, arguments).text
        except ToolError as err:
            raise MCPToolError(str(err)) from None

    def search(query: str, limit: int = 10) -> str:
        return call("search", {"query": query, "limit": limit})

    def open_document(id: str) -> str:
        return call("open", {"id": id})

    def lookup(entity: str) -> str:
        return call("lookup", {"entity": entity})

    for tool, function in (("search", search), ("open", open_document), ("lookup", lookup)):
        server.add_tool(function, name=tool, description=TOOLS[tool]["description"])
    return server
