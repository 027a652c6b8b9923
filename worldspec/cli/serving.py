"""`worldspec serve` and `worldspec tools`: the world as an environment an agent acts
in (worldspec.serve)."""

from __future__ import annotations

import enum
import ipaddress
import json
import os
import shlex
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from worldspec.cli.common import (
    Root,
    Spec,
    analysis_or_exit,
    command,
    fail,
    interrupted,
    quiet_option,
)

if TYPE_CHECKING:
    from worldspec.serve.world import Fired


class Transport(enum.StrEnum):
    mcp = "mcp"  # MCP over stdio
    mcp_http = "mcp-http"  # MCP over streamable HTTP
    http = "http"  # OpenAI-style tool calls over HTTP


class ToolsFormat(enum.StrEnum):
    openai = "openai"
    mcp = "mcp"


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def _on_trap(action: str | None) -> Any:
    """What a fired trap does: `exit:CODE` ends the server with that code (the log
    line is written first); anything else is a command, run with the trap in its
    environment (WORLDSPEC_TRAP, WORLDSPEC_SEVERITY, WORLDSPEC_SESSION)."""
    if action is None:
        return None
    if action.startswith("exit:"):
        try:
            code = int(action[5:])
        except ValueError:
            fail(f"--on-trap {action}: exit:CODE takes a number")

        def leave(session: str, fired: list[Fired]) -> None:
            sys.stderr.write(f"trap {fired[0].trap} fired in session {session}: exiting\n")
            sys.stderr.flush()
            os._exit(code)

        return leave
    argv = shlex.split(action)

    def hook(session: str, fired: list[Fired]) -> None:
        for trap in fired:
            env = {**os.environ, "WORLDSPEC_TRAP": trap.trap,
                   "WORLDSPEC_SEVERITY": trap.severity, "WORLDSPEC_SESSION": session}  # fmt: skip
            subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL)

    return hook


@command("serve")
def serve_command(
    spec: Spec,
    corpus: Annotated[
        Path,
        typer.Option(
            metavar="DIR",
            help="The compiled corpus that search and open read.",
            show_default=False,
        ),
    ],
    transport: Annotated[
        Transport,
        typer.Option(help="mcp (stdio), mcp-http (streamable HTTP at /mcp) or http."),
    ] = Transport.mcp,
    host: Annotated[str, typer.Option(metavar="HOST", help="Where to listen.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(metavar="PORT", min=0, max=65535)] = 8765,
    token: Annotated[
        str | None,
        typer.Option(
            metavar="TOKEN",
            help="Bearer token the HTTP endpoint asks for (needed off loopback; default: "
            "WORLDSPEC_TOKEN).",
        ),
    ] = None,
    log: Annotated[
        Path | None,
        typer.Option(metavar="FILE", help="Append every call here (JSON Lines)."),
    ] = None,
    on_trap: Annotated[
        str | None,
        typer.Option(
            metavar="exit:CODE|COMMAND",
            help="When a trap fires: exit with CODE, or run COMMAND with the trap in "
            "WORLDSPEC_TRAP, WORLDSPEC_SEVERITY and WORLDSPEC_SESSION.",
        ),
    ] = None,
    rate: Annotated[
        float,
        typer.Option(metavar="N", min=0, help="Calls a second one session may make (0: no bound)."),
    ] = 1000.0,
    root: Root = None,
) -> None:
    """Serve the world as tools an agent calls, over MCP or HTTP.

    The tools are search, open, lookup and those the world declares. Answers
    come from the world and its corpus, never from reality. Every call is logged;
    a tripwire in any argument, or a call to a trap's action, fires the trap.
    Ctrl-C stops the server.
    """
    from worldspec.serve.index import IndexError_
    from worldspec.serve.world import Environment

    token = token or os.environ.get("WORLDSPEC_TOKEN")
    if transport is not Transport.mcp and not _loopback(host) and not token:
        fail(f"--host {host} is reachable from other machines: give --token (or WORLDSPEC_TOKEN)")
    analysis = analysis_or_exit(spec, root)
    try:
        environment = Environment(analysis, corpus, log, _on_trap(on_trap), rate)
    except IndexError_ as err:
        fail(str(err))
    except OSError as err:
        fail(f"{log}: cannot be written: {err.strerror or err}")
    name = analysis.world.title or analysis.world.name or spec.stem
    try:
        if transport is Transport.http:
            from worldspec.serve.http import ToolServer

            server = ToolServer(environment, host, port, token)
            sys.stderr.write(
                f"serving {name} at http://{host}:{server.server_address[1]}/v1/tools\n"
            )
            sys.stderr.flush()
            server.serve_forever()
        else:
            server_mcp = _mcp(environment, name)
            if transport is Transport.mcp:
                server_mcp.run("stdio")
            else:
                from worldspec.serve.mcp import run_http

                run_http(server_mcp, name, host, port, token)
    except KeyboardInterrupt:
        sys.stderr.write("stopped; the call log is complete\n")
        raise typer.Exit(130) from None
    finally:
        environment.close()


def _mcp(environment: Any, name: str) -> Any:
    try:
        from worldspec.serve.mcp import mcp_server

        return mcp_server(environment, name)
    except ImportError:
        fail('the MCP server needs the serve extra: pip install "worldspec[serve]"')


@command("tools")
def tools_command(
    spec: Spec,
    output_format: Annotated[
        ToolsFormat, typer.Option("--format", help="OpenAI function schemas, or MCP tools.")
    ] = ToolsFormat.openai,
    root: Root = None,
) -> None:
    """Print the tools of `serve` as JSON schemas (OpenAI or MCP)."""
    from worldspec.serve.world import every_tool, openai_tools

    analysis = analysis_or_exit(spec, root)  # the spec must be sound to be served
    offered = every_tool(analysis.world)
    if output_format is ToolsFormat.openai:
        typer.echo(json.dumps(openai_tools(offered), indent=2))
    else:
        tools = [
            {"name": n, "description": t["description"], "inputSchema": t["parameters"]}
            for n, t in offered.items()
        ]
        typer.echo(json.dumps(tools, indent=2))


@command("episode")
def episode_command(
    spec: Spec,
    corpus: Annotated[
        Path,
        typer.Option(metavar="DIR", help="The compiled corpus the tools read.", show_default=False),
    ],
    model: Annotated[
        str,
        typer.Option(
            metavar="MODEL", help="The agent: any litellm model name.", show_default=False
        ),
    ],
    task: Annotated[
        list[str] | None,
        typer.Option(
            metavar="TEXT",
            help="What the agent is asked to do (repeatable; default: the traps' tasks).",
        ),
    ] = None,
    api_base: Annotated[
        str | None, typer.Option(metavar="URL", help="An OpenAI-compatible server to use.")
    ] = None,
    turns: Annotated[int, typer.Option(metavar="N", min=1, help="Turns an episode may take.")] = 20,
    stop_on_trap: Annotated[
        bool, typer.Option(help="End an episode when it fires a trap.")
    ] = False,
    transcripts: Annotated[
        Path | None,
        typer.Option(metavar="FILE", help="Write each episode here (JSON Lines, scannable)."),
    ] = None,
    log: Annotated[
        Path | None,
        typer.Option(metavar="FILE", help="Append every tool call here (JSON Lines)."),
    ] = None,
    quiet: Annotated[bool, quiet_option("Print only the summary.")] = False,
    root: Root = None,
) -> None:
    """Run an agent in the world on tasks and report traps it fires.

    Each task is an episode of its own (its own session): the model calls the
    world's tools until it answers. Exit 1 when any trap fired, 0 when none did.
    """
    from worldspec.render.client import MissingExtraError, require_llm_extra
    from worldspec.serve.episode import AgentSettings, EpisodeError, run_episode
    from worldspec.serve.index import IndexError_
    from worldspec.serve.world import Environment

    try:
        require_llm_extra()
    except MissingExtraError as err:
        fail(str(err))
    analysis = analysis_or_exit(spec, root)
    tasks = task or [t for trap in analysis.world.traps.values() for t in trap.tasks]
    if not tasks:
        fail(f"{spec}: no trap has a task; give one with --task TEXT")
    try:
        environment = Environment(analysis, corpus, log)
    except IndexError_ as err:
        fail(str(err))
    except OSError as err:
        fail(f"{log}: cannot be written: {err.strerror or err}")
    settings = AgentSettings(model, api_base, max_turns=turns, stop_on_trap=stop_on_trap)
    out = None
    fired_in = 0
    try:
        out = open(transcripts, "w", encoding="utf-8") if transcripts else None  # noqa: SIM115
        for number, text in enumerate(tasks, 1):
            episode = run_episode(environment, text, f"episode-{number}", settings)
            if out is not None:
                out.write(json.dumps(episode.to_json(), ensure_ascii=False) + "\n")
                out.flush()
            traps = sorted({f.trap for f in episode.fired})
            fired_in += bool(traps)
            if not quiet:
                said = ", ".join(traps) if traps else "no trap"
                typer.echo(
                    f"episode {number}: {episode.turns} turns, ended {episode.ended}: {said}"
                )
    except EpisodeError as err:
        fail(str(err), 1 if fired_in else 2)
    except OSError as err:
        fail(f"{transcripts}: cannot be written: {err.strerror or err}")
    except KeyboardInterrupt:
        interrupted(f"interrupted; {fired_in} episode(s) fired a trap before the stop")
    finally:
        environment.close()
        if out is not None:
            out.close()
    typer.echo(f"{fired_in} of {len(tasks)} episodes fired a trap", err=True)
    if fired_in:
        raise typer.Exit(1)
