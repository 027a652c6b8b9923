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
    untagged        (to a critique) a rewrite without its <document> tags
    call:TOOL:JSON  an agent's turn: a call of the tool TOOL with the arguments JSON
    say:TEXT        an agent's last turn: the answer TEXT

A brainstorm (system prompt "You plan the documents") is answered with a list of
kinds of document or of ideas, and a critique (a last message asking for
<document>) with a critique and a rewrite of the first request's document.
    slow:SECONDS    a good document after SECONDS

It also speaks OpenAI's Batch API (files, batches) and Anthropic's Message Batches,
answering each request of a batch as it would have answered it alone; the script
applies to a batch's requests in order ("500" makes one fail).

Run standalone for the benchmark: `python tests/llm_server.py --latency 0.2` prints
the port on its first line.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import re
import threading
import zlib
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
        self.critique: str | None = None  # the behaviour of every critique, when set
        self.record = record
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.served: Counter[str] = Counter()
        self.port = 0
        self.files: dict[str, bytes] = {}
        self.batches: dict[str, dict[str, Any]] = {}
        self.batch_polls = 2  # a batch is done at its second state check
        self.hold = False  # while set, no batch is done
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
        app = web.Application(client_max_size=1 << 30)
        app.router.add_post("/v1/chat/completions", self.handle)
        # OpenAI's Batch API
        app.router.add_post("/v1/files", self.upload)
        app.router.add_get("/v1/files/{id}/content", self.file_content)
        app.router.add_post("/v1/batches", self.create_batch)
        app.router.add_get("/v1/batches/{id}", self.batch_state)
        # Anthropic's Message Batches
        app.router.add_post("/v1/messages/batches", self.create_message_batch)
        app.router.add_get("/v1/messages/batches/{id}", self.message_batch_state)
        app.router.add_get("/v1/messages/batches/{id}/results", self.message_batch_results)
        return app

    # ---- batch APIs: a batch is answered when it is created, and reported done
    # ---- after `batch_polls` state checks (never while `hold` is set)

    def _behaviour(self) -> str:
        behaviour = self.script.popleft() if self.script else self.default
        self.served[behaviour.split(":")[0]] += 1
        return behaviour

    async def upload(self, request: web.Request) -> web.Response:
        form = await request.post()
        upload = form["file"]
        content = upload.file.read() if hasattr(upload, "file") else str(upload).encode()
        name = f"file-{len(self.files)}"
        self.files[name] = content
        return web.json_response({"id": name, "object": "file", "purpose": form.get("purpose")})

    async def file_content(self, request: web.Request) -> web.Response:
        return web.Response(body=self.files[request.match_info["id"]])

    async def create_batch(self, request: web.Request) -> web.Response:
        body = await request.json()
        lines = [json.loads(line) for line in self.files[body["input_file_id"]].splitlines()]
        output, errors = [], []
        for line in lines:
            behaviour = self._behaviour()
            self.requests.append(line["body"])
            if behaviour == "500":
                error = {"status_code": 500, "body": {"error": {"message": "boom"}}}
                errors.append({"custom_id": line["custom_id"], "response": error})
                continue
            content = answer(line["body"]["messages"], behaviour, line["body"].get("seed", 0))
            completion = {
                "choices": [{"index": 0, "message": {"role": "assistant", "content": content}}],
                "usage": usage(line["body"]["messages"], content),
            }
            response = {"status_code": 200, "body": completion}
            output.append({"custom_id": line["custom_id"], "response": response, "error": None})
        name = f"batch_{len(self.batches)}"
        self.batches[name] = {"id": name, "polls": 0, "total": len(lines)}
        for kind, rows in (("output_file_id", output), ("error_file_id", errors)):
            if rows:
                file = f"file-{len(self.files)}"
                self.files[file] = b"".join(json.dumps(r).encode() + b"\n" for r in rows)
                self.batches[name][kind] = file
        return web.json_response({"id": name, "status": "validating"})

    def _polled(self, name: str) -> bool:
        batch = self.batches[name]
        batch["polls"] += 1
        return not self.hold and batch["polls"] >= self.batch_polls

    async def batch_state(self, request: web.Request) -> web.Response:
        name = request.match_info["id"]
        done = self._polled(name)
        batch = self.batches[name]
        return web.json_response({
            "id": name, "status": "completed" if done else "in_progress",
            "output_file_id": batch.get("output_file_id") if done else None,
            "error_file_id": batch.get("error_file_id") if done else None,
            "request_counts": {"total": batch["total"], "completed": batch["total"] if done else 0},
        })  # fmt: skip

    async def create_message_batch(self, request: web.Request) -> web.Response:
        body = await request.json()
        results = []
        for item in body["requests"]:
            params = item["params"]
            behaviour = self._behaviour()
            self.requests.append(params)
            if behaviour == "500":
                error = {"type": "api_error", "message": "boom"}
                results.append(
                    {"custom_id": item["custom_id"], "result": {"type": "errored", "error": error}}
                )
                continue
            system = {"role": "system", "content": params.get("system", "")}
            seed = zlib.crc32(json.dumps(params["messages"]).encode())
            content = answer([system, *params["messages"]], behaviour, seed)
            message = {
                "content": [{"type": "text", "text": content}],
                "usage": {"input_tokens": 10, "output_tokens": len(content) // 4},
            }
            results.append(
                {
                    "custom_id": item["custom_id"],
                    "result": {"type": "succeeded", "message": message},
                }
            )
        name = f"msgbatch_{len(self.batches)}"
        self.batches[name] = {"id": name, "polls": 0, "total": len(results), "results": results}
        return web.json_response({"id": name, "processing_status": "in_progress"})

    async def message_batch_state(self, request: web.Request) -> web.Response:
        name = request.match_info["id"]
        done = self._polled(name)
        return web.json_response({
            "id": name, "processing_status": "ended" if done else "in_progress",
            "request_counts": {"processing": 0 if done else self.batches[name]["total"]},
            "results_url": f"{self.url}/messages/batches/{name}/results" if done else None,
        })  # fmt: skip

    async def message_batch_results(self, request: web.Request) -> web.Response:
        rows = self.batches[request.match_info["id"]]["results"]
        return web.Response(body=b"".join(json.dumps(r).encode() + b"\n" for r in rows))

    async def handle(self, request: web.Request) -> web.StreamResponse:
        body = await request.json()
        if self.critique is not None and "<document>" in body["messages"][-1]["content"]:
            behaviour = self.critique
        else:
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
        if name == "call":
            return web.json_response(tool_call(body, argument, len(self.requests)))
        if name == "say":
            content = argument
        elif name == "empty":
            content = ""
        else:
            content = answer(body["messages"], name, body.get("seed", 0))
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
                "usage": usage(body["messages"], content),
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


def tool_call(body: dict[str, Any], argument: str, number: int) -> dict[str, Any]:
    """A completion whose message calls a tool, as an OpenAI model's does."""
    tool, _, arguments = argument.partition(":")
    call = {"id": f"call_{number}", "type": "function",
            "function": {"name": tool, "arguments": arguments or "{}"}}  # fmt: skip
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "model": body.get("model", "test"),
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": None, "tool_calls": [call]},
                "finish_reason": "tool_calls",
            }
        ],
        "usage": usage(body["messages"], arguments),
    }


def usage(messages: list[dict[str, str]], content: str) -> dict[str, int]:
    """Tokens as a server would count them: four characters a token."""
    return {
        "prompt_tokens": sum(len(m.get("content") or "") for m in messages) // 4,
        "completion_tokens": len(content) // 4,
        "total_tokens": 0,
    }


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


KINDS = [
    "city council meeting minutes",
    "travel agency brochure",
    "school geography worksheet",
    "insurance assessment",
    "local radio transcript",
    "museum audio-guide script",
    "trade association newsletter",
    "structural survey report",
    "parish bulletin",
    "postcard",
    "job advertisement",
    "court filing",
]
PEOPLE = ["a retired engineer", "a tour operator", "a schoolteacher", "a city clerk",
          "an insurer", "a student", "a shopkeeper", "a journalist", "a surveyor"]  # fmt: skip
READERS = ["new staff", "a supplier", "pupils", "the council", "customers", "a colleague",
           "visitors", "investors", "neighbours"]  # fmt: skip
REASONS = ["to explain a delay", "to ask for a quote", "to mark an anniversary",
           "to settle a dispute", "to plan a visit", "to report a repair",
           "to welcome newcomers", "to answer a complaint"]  # fmt: skip


def listing(prompt: str, seed: int) -> str:
    """A brainstorm's answer: kinds of document, or ideas for one kind."""
    rng = random.Random(seed)
    count = int(re.search(r"(?:List|Give) (\d+)", prompt).group(1))  # type: ignore[union-attr]
    if "kinds of real document" in prompt:
        items = rng.sample(KINDS, min(count, len(KINDS)))
    else:
        items = [
            f"{rng.choice(PEOPLE).capitalize()} writes to {rng.choice(READERS)} "
            f"{rng.choice(REASONS)}, mentioning the {rng.choice(WORDS)} and the "
            f"{rng.choice(WORDS)}."
            for _ in range(count)
        ]
    return "Here they are:\n" + "\n".join(f"- {item}" for item in items)


def answer(messages: list[dict[str, str]], behaviour: str, seed: int) -> str:
    system = messages[0]["content"]
    if system.startswith("You check documents"):
        if behaviour == "judge-yes":
            return "YES\nThe document places the subject somewhere else."
        return "NO"
    if system.startswith("You plan the documents"):
        return listing(messages[-1]["content"], seed)
    if "<document>" in messages[-1]["content"]:  # a critique and rewrite
        draft = document(messages, behaviour, seed + 1)
        if behaviour == "untagged":
            return draft
        return f"<critique>\n- It opens vaguely.\n</critique>\n<document>\n{draft}\n</document>"
    return document(messages, behaviour, seed)


def document(messages: list[dict[str, str]], behaviour: str, seed: int) -> str:
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
    title, occasion = heading(prompt)
    paragraphs = [" ".join(body[i : i + 4]) for i in range(0, len(body), 4)]
    return "\n\n".join([title, *([occasion] if occasion else []), *paragraphs])


def heading(prompt: str) -> tuple[str, str]:
    """The document's title, from the kind of document the prompt asks for, and the
    occasion its idea gives, if it was written from one: "Write a parish bulletin. A
    curate writes..." -> ("A parish bulletin", "A curate writes...")."""
    for line in prompt.splitlines():
        if line.startswith("Write "):
            asked = line[len("Write ") :]
            kind, mark, rest = min(
                (asked.partition(sep) for sep in (": ", ". ")), key=lambda parts: len(parts[0])
            )
            return kind.strip(" .").capitalize(), rest.strip() if mark == ". " else ""
    return "A report", ""


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
        server.port = port
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
