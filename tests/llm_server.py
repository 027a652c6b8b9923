"""A scripted OpenAI-compatible chat server on 127.0.0.1, for the LLM renderer's tests
and bench/llm.py.

By default it answers like a cooperative model: the document states every line the
prompt lists under "must state", padded with seeded prose, so that each document
differs. A test queues behaviours for the next requests, in order:

    ok              a good document
    429[:SECONDS]   HTTP 429, with Retry-After when SECONDS is given
    500             HTTP 500
    reset           the connection is closed without an answer
    malformed       HTTP 200 with a body that is not JSON
    empty           a completion with no content
    leak            a good document plus one sentence the prompt said never to state
    meta            a good document that calls itself fictional
    drop            a document that leaves out the facts it must state
    judge-yes       (to a judge question) a contradiction is reported
    slow:SECONDS    a good document after SECONDS

Run standalone for the benchmark: `python tests/llm_server.py --latency 0.2` prints
the port on its first line.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import threading
from collections import Counter, deque
from typing import Any

from aiohttp import web

WORDS = [
    "river",
    "stone",
    "morning",
    "council",
    "market",
    "bridge",
    "lantern",
    "harvest",
    "merchant",
    "quarter",
    "archive",
    "tower",
    "harbour",
    "festival",
    "garden",
    "railway",
    "station",
    "museum",
    "theatre",
    "square",
    "avenue",
    "winter",
    "summer",
    "autumn",
    "spring",
    "evening",
    "visitor",
    "engineer",
    "mayor",
    "painter",
    "student",
    "teacher",
    "baker",
    "weaver",
    "sailor",
    "clerk",
    "ledger",
    "letter",
    "journal",
    "chapter",
    "gallery",
    "orchard",
    "meadow",
    "valley",
    "hill",
    "forest",
    "lake",
    "canal",
    "street",
    "corner",
    "window",
    "doorway",
    "staircase",
    "courtyard",
    "fountain",
    "clock",
    "bell",
    "pigeon",
    "carriage",
    "tram",
    "ferry",
    "lamp",
    "crowd",
    "chorus",
    "rumour",
    "promise",
    "season",
]


class ScriptedLLM:
    def __init__(self, latency: float = 0.0, record: bool = True) -> None:
        self.latency = latency
        self.script: deque[str] = deque()
        self.default = "ok"
        self.record = record
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.served: Counter[str] = Counter()
        self.port = 0
        self._runner: web.AppRunner | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def count(self) -> int:
        return sum(self.served.values())

    # ---- serving -------------------------------------------------------------------

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/v1/chat/completions", self.handle)
        return app

    async def handle(self, request: web.Request) -> web.StreamResponse:
        body = await request.json()
        behaviour = self.script.popleft() if self.script else self.default
        self.served[behaviour.split(":")[0]] += 1
        if self.record:
            self.requests.append(body)
            self.headers.append(dict(request.headers))
        name, _, argument = behaviour.partition(":")
        delay = float(argument) if name == "slow" else self.latency
        if delay:
            await asyncio.sleep(delay)
        if name == "429":
            headers = {"Retry-After": argument} if argument else {}
            return web.json_response({"error": "rate limited"}, status=429, headers=headers)
        if name == "500":
            return web.json_response({"error": "boom"}, status=500)
        if name == "reset":
            assert request.transport is not None
            request.transport.close()
            return web.Response(status=200)
        if name == "malformed":
            return web.Response(text='{"choices": [', content_type="application/json")
        content = "" if name == "empty" else answer(body["messages"], name, body.get("seed", 0))
        return web.json_response(
            {
                "id": "chatcmpl-test",
                "object": "chat.completion",
                "model": body.get("model", "test"),
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": content},
                        "finish_reason": "stop",
                    }
                ],
                "usage": {
                    "prompt_tokens": sum(len(m["content"]) for m in body["messages"]) // 4,
                    "completion_tokens": len(content) // 4,
                    "total_tokens": 0,
                },
            }
        )

    # ---- in a thread (tests) ---------------------------------------------------------

    def start(self) -> ScriptedLLM:
        ready = threading.Event()

        def run() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            asyncio.set_event_loop(loop)
            self._runner = web.AppRunner(self.app(), access_log=None)
            loop.run_until_complete(self._runner.setup())
            site = web.TCPSite(self._runner, "127.0.0.1", 0)
            loop.run_until_complete(site.start())
            self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
            ready.set()
            loop.run_forever()
            loop.run_until_complete(self._runner.cleanup())
            loop.close()

        self._thread = threading.Thread(target=run, daemon=True)
        self._thread.start()
        ready.wait(10)
        return self

    def stop(self) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not None:
            self._thread.join(10)


def _section(prompt: str, heading: str) -> list[str]:
    """The '- ' lines after the line that contains `heading`."""
    lines = prompt.splitlines()
    for i, line in enumerate(lines):
        if heading in line:
            items = []
            for item in lines[i + 1 :]:
                if not item.startswith("- "):
                    if items or item.strip():
                        break
                    continue
                items.append(item[2:].strip())
            return items
    return []


def answer(messages: list[dict[str, str]], behaviour: str, seed: int) -> str:
    system = messages[0]["content"]
    if system.startswith("You check documents"):
        if behaviour == "judge-yes":
            return "YES\nThe document places the subject somewhere else."
        return "NO"
    prompt = next(m["content"] for m in messages if m["role"] == "user")  # the first request
    facts = _section(prompt, "must state each of these facts")
    rng = random.Random(seed)
    prose = []
    for _ in range(12):
        words = [rng.choice(WORDS) for _ in range(rng.randint(8, 16))]
        prose.append(" ".join(words).capitalize() + ".")
    body = ([] if behaviour == "drop" else facts) + prose
    if behaviour == "leak":
        body += _section(prompt, "must never state or suggest them")[:1]
    if behaviour == "meta":
        body.append("This fictional account is, of course, a hypothetical one.")
    paragraphs = [" ".join(body[i : i + 4]) for i in range(0, len(body), 4)]
    return "A report\n\n" + "\n\n".join(paragraphs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--latency", type=float, default=0.0)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    server = ScriptedLLM(args.latency, record=False)

    async def serve() -> None:
        runner = web.AppRunner(server.app(), access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", args.port, backlog=4096)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        print(port, flush=True)
        await asyncio.Event().wait()

    try:
        import uvloop  # type: ignore[import-not-found]

        uvloop.install()
    except ImportError:
        pass
    asyncio.run(serve())


if __name__ == "__main__":
    main()
