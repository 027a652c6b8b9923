"""`worldspec lsp` (issue 16): the language server driven over stdio by a real LSP
client (pygls's), and its incremental reparse held to a full parse."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

from worldspec.lsp.incremental import reparse
from worldspec.syntax.ast import to_json
from worldspec.syntax.parser import ParseResult, parse

REPO = Path(__file__).resolve().parent.parent
T = TypeVar("T")

BROKEN = """\
world w { as_of 2024-01-01 }
use std.geo

entity paris : Cty "Paris"
entity france : Country "France"

reality {
  paris.country = france
}
"""


class Session:
    """A client talking to `python -m worldspec lsp`, with the diagnostics it was sent."""

    def __init__(self, client: LanguageClient) -> None:
        self.client = client
        self.diagnostics: dict[str, list[lsp.Diagnostic]] = {}
        self.arrived: asyncio.Queue[str] = asyncio.Queue()
        self.version = 1

    async def opened(self, path: Path, text: str) -> list[lsp.Diagnostic]:
        path.write_text(text, encoding="utf-8")
        self.client.text_document_did_open(
            lsp.DidOpenTextDocumentParams(
                text_document=lsp.TextDocumentItem(
                    uri=path.as_uri(), language_id="world", version=self.version, text=text
                )
            )
        )
        return await self.published(path)

    async def edited(
        self, path: Path, start: tuple[int, int], end: tuple[int, int], text: str
    ) -> list[lsp.Diagnostic]:
        self.version += 1
        where = lsp.Range(
            start=lsp.Position(line=start[0], character=start[1]),
            end=lsp.Position(line=end[0], character=end[1]),
        )
        change = lsp.TextDocumentContentChangePartial(range=where, text=text)
        self.client.text_document_did_change(
            lsp.DidChangeTextDocumentParams(
                text_document=lsp.VersionedTextDocumentIdentifier(
                    uri=path.as_uri(), version=self.version
                ),
                content_changes=[change],
            )
        )
        return await self.published(path)

    async def published(self, path: Path) -> list[lsp.Diagnostic]:
        while True:
            uri = await asyncio.wait_for(self.arrived.get(), 60)
            if uri == path.as_uri():
                return list(self.diagnostics[uri])


async def _session(root: Path) -> AsyncIterator[Session]:
    client = LanguageClient("worldspec-tests", "1")
    session = Session(client)

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def diagnostics(params: lsp.PublishDiagnosticsParams) -> None:
        session.diagnostics[params.uri] = params.diagnostics
        session.arrived.put_nowait(params.uri)

    await client.start_io(sys.executable, "-m", "worldspec", "lsp", cwd=str(root))
    await client.initialize_async(
        lsp.InitializeParams(capabilities=lsp.ClientCapabilities(), root_uri=root.as_uri())
    )
    client.initialized(lsp.InitializedParams())
    try:
        yield session
    finally:
        await client.shutdown_async(None)
        client.exit(None)
        await client.stop()


def run(root: Path, body: Callable[[Session], Awaitable[T]]) -> T:
    async def main() -> T:
        sessions = _session(root)
        session = await sessions.__anext__()
        try:
            return await asyncio.wait_for(body(session), 120)
        finally:
            await sessions.aclose()

    return asyncio.run(main())


def test_diagnostics_as_you_type_and_a_quick_fix(tmp_path: Path) -> None:
    (tmp_path / "worldspec.toml").write_text("")
    world = tmp_path / "w.world"

    async def body(s: Session) -> tuple[Any, ...]:
        first = await s.opened(world, BROKEN)
        actions = await s.client.text_document_code_action_async(
            lsp.CodeActionParams(
                text_document=lsp.TextDocumentIdentifier(uri=world.as_uri()),
                range=first[0].range,
                context=lsp.CodeActionContext(diagnostics=first),
            )
        )
        # the fix, typed: "Cty" becomes "City"
        fixed = await s.edited(world, (3, 15), (3, 18), "City")
        # a typo in a fact, then its correction
        typo = await s.edited(world, (7, 8), (7, 15), "contry")
        again = await s.edited(world, (7, 8), (7, 14), "country")
        return first, actions, fixed, typo, again

    first, actions, fixed, typo, again = run(tmp_path, body)
    (undefined,) = first
    assert undefined.code == "WS203" and undefined.source == "worldspec"
    assert (undefined.range.start.line, undefined.range.start.character) == (3, 15)
    assert (undefined.range.end.line, undefined.range.end.character) == (3, 18)
    assert "did you mean 'City'?" in undefined.message
    (action,) = actions
    assert action.title == "Replace with 'City'"
    (edit,) = action.edit.changes[world.as_uri()]
    assert edit.new_text == "City" and edit.range == undefined.range
    assert fixed == []
    assert [d.code for d in typo] == ["WS203"] and "contry" in typo[0].message
    assert again == []


def test_navigation_hover_completion_symbols_and_formatting(tmp_path: Path) -> None:
    (tmp_path / "worldspec.toml").write_text("")
    world = tmp_path / "w.world"
    text = BROKEN.replace("Cty", "City") + "diverge moved { paris.country = italy }\n"
    text = text.replace('entity france : Country "France"', 'entity france : Country "France"\n'
                        'entity italy : Country "Italy"')  # fmt: skip

    async def body(s: Session) -> tuple[Any, ...]:
        assert await s.opened(world, text) == []
        uri = lsp.TextDocumentIdentifier(uri=world.as_uri())
        at_paris = lsp.Position(line=8, character=3)  # `paris` in `paris.country = france`
        hover = await s.client.text_document_hover_async(
            lsp.HoverParams(text_document=uri, position=at_paris)
        )
        city = await s.client.text_document_definition_async(
            lsp.DefinitionParams(text_document=uri, position=lsp.Position(line=3, character=17))
        )
        refs = await s.client.text_document_references_async(
            lsp.ReferenceParams(
                text_document=uri,
                position=at_paris,
                context=lsp.ReferenceContext(include_declaration=True),
            )
        )
        await s.edited(world, (9, 0), (9, 0), "  paris.\n")
        items = await s.client.text_document_completion_async(
            lsp.CompletionParams(text_document=uri, position=lsp.Position(line=9, character=8))
        )
        await s.edited(world, (9, 0), (10, 0), "")
        symbols = await s.client.text_document_document_symbol_async(
            lsp.DocumentSymbolParams(text_document=uri)
        )
        formatting = await s.client.text_document_formatting_async(
            lsp.DocumentFormattingParams(
                text_document=uri, options=lsp.FormattingOptions(tab_size=2, insert_spaces=True)
            )
        )
        return hover, city, refs, items, symbols, formatting

    hover, city, refs, items, symbols, formatting = run(tmp_path, body)
    value = hover.contents.value
    assert value.startswith("**Paris** (`paris`: City)")
    assert "Reality:\n- country: France" in value and "In the world:\n- country: Italy" in value
    # go to definition leaves the file: City is declared in the standard module
    # (the standard module: in the repository, or in the installed package's data)
    assert city.uri.endswith("/std/geo.world")
    declared = (
        Path(city.uri.removeprefix("file://")).read_text().splitlines()[city.range.start.line]
    )
    assert declared.startswith("class City")
    assert sorted(r.range.start.line for r in refs) == [3, 8, 10]
    labels = [i.label for i in items.items]
    assert "country" in labels and "population" in labels and "born" not in labels
    assert [(s.name, s.detail) for s in symbols] == [
        ("w", "world"), ("paris", "entity"), ("france", "entity"), ("italy", "entity"),
        ("reality", "reality"), ("moved", "divergence"),
    ]  # fmt: skip
    (edit,) = formatting
    assert "diverge moved {\n  paris.country = italy\n}\n" in edit.new_text


def test_a_burst_of_keystrokes_ends_on_the_last_texts_diagnostics(tmp_path: Path) -> None:
    (tmp_path / "worldspec.toml").write_text("")
    world = tmp_path / "w.world"

    async def body(s: Session) -> tuple[list[lsp.Diagnostic], int]:
        await s.opened(world, BROKEN.replace("Cty", "City"))
        for column, letter in enumerate("Lyon", start=19):  # france -> fLyonrance
            s.version += 1
            at = lsp.Position(line=7, character=column)
            change = lsp.TextDocumentContentChangePartial(
                range=lsp.Range(start=at, end=at), text=letter
            )
            s.client.text_document_did_change(
                lsp.DidChangeTextDocumentParams(
                    text_document=lsp.VersionedTextDocumentIdentifier(
                        uri=world.as_uri(), version=s.version
                    ),
                    content_changes=[change],
                )
            )
        checks = 0
        while True:  # every check the burst caused, until a second passes without one
            try:
                await asyncio.wait_for(s.arrived.get(), 1.0)
                checks += 1
            except TimeoutError:
                return list(s.diagnostics[world.as_uri()]), checks

    last, checks = run(tmp_path, body)
    # changes already waiting when a check would start are applied first, so a
    # burst takes at most one check a keystroke, and ends on the last text
    assert 1 <= checks <= 4
    assert [d.code for d in last] == ["WS203"] and "'fLyonrance'" in last[0].message


# ---- the incremental reparse ---------------------------------------------------------

EXAMPLES = ["peptide_vendor", "libfoo_unpatched", "eiffel_rome"]
TYPED = ["a", " ", ".", "=", '"', "{", "}", "#", "1", "\n", "  x.y = 2\n", ""]


@settings(max_examples=150, deadline=None)
@given(
    example=st.sampled_from(EXAMPLES),
    where=st.floats(0, 1, exclude_max=True),
    column=st.integers(0, 80),
    removed=st.integers(0, 3),
    typed=st.sampled_from(TYPED),
)
def test_an_incremental_reparse_is_a_full_parse(
    example: str, where: float, column: int, removed: int, typed: str
) -> None:
    text = (REPO / "examples" / f"{example}.world").read_text()
    lines = text.split("\n")
    line = int(where * len(lines))
    column = min(column, len(lines[line]))
    previous = parse(text, "w.world")
    edited, first, old_last, new_last = _edit(lines, line, column, removed, typed)
    incremental = reparse(previous, edited, first, old_last, new_last)
    _agree(incremental, parse(edited, "w.world"))


def test_typing_a_fact_keystroke_by_keystroke_stays_a_full_parse() -> None:
    text = (REPO / "examples" / "peptide_vendor.world").read_text()
    lines = text.split("\n")
    at = lines.index("  portal.launched = 2014-09-15")
    fact = "  portal.orders_per_month = 1200 from 2019-01-01"
    lines.insert(at + 1, "")  # Enter at the end of the line: a new empty line
    typed = "\n".join(lines)
    result = reparse(parse(text, "w.world"), typed, at + 1, at + 1, at + 2)
    _agree(result, parse(typed, "w.world"))
    for end in range(1, len(fact) + 1):  # then the fact, a character at a time
        lines[at + 1] = fact[:end]
        typed = "\n".join(lines)
        result = reparse(result, typed, at + 2, at + 2, at + 2)
        _agree(result, parse(typed, "w.world"))
    assert not result.diagnostics


def _edit(
    lines: list[str], line: int, column: int, removed: int, typed: str
) -> tuple[str, int, int, int]:
    """Replace `removed` characters at (line, column) by `typed`: the new text, and
    the edit as 1-based lines (first, old last, new last)."""
    current = lines[line]
    new = current[:column] + typed + current[column + removed :]
    new_lines = new.split("\n")
    edited = [*lines[:line], *new_lines, *lines[line + 1 :]]
    return "\n".join(edited), line + 1, line + 1, line + len(new_lines)


def _agree(incremental: ParseResult, full: ParseResult) -> None:
    if not full.diagnostics:
        assert not incremental.diagnostics
        assert to_json(incremental.module) == to_json(full.module)
    else:
        assert incremental.diagnostics  # an error is reported, in the lines edited


@pytest.mark.parametrize("example", EXAMPLES)
def test_the_examples_reparse_to_themselves(example: str) -> None:
    text = (REPO / "examples" / f"{example}.world").read_text()
    previous = parse(text, "w.world")
    lines = text.count("\n") + 1
    for line in range(1, lines + 1, max(1, lines // 50)):
        _agree(reparse(previous, text, line, line, line), previous)


# ---- the editor files ----------------------------------------------------------------


def test_the_textmate_grammar_knows_every_keyword_of_the_language() -> None:
    import json
    import re

    import regex

    grammar = json.loads((REPO / "editors/vscode/syntaxes/world.tmLanguage.json").read_text())
    rules = grammar["repository"]
    for rule in rules.values():  # every pattern compiles (Oniguruma's syntax is Python's here)
        for key in ("match", "begin", "end"):
            if key in rule:
                regex.compile(rule[key])
    from worldspec.lsp.features import DECLARATIONS, SETTINGS

    lark = (REPO / "grammar/world.lark").read_text()
    keywords = set(DECLARATIONS)
    setting_words: set[str] = set()
    rule = ""
    for line in lark.splitlines():  # the first word of each alternative of a *_setting rule
        named = re.match(r"^(\w+):", line)
        rule = named.group(1) if named else (rule if line.startswith(" ") else "")
        word = re.match(r'^(?:\w+:|\s+\|)\s*"(\w+)"', line)
        if rule.endswith("_setting") and word:
            setting_words.add(word.group(1))
    assert {"title", "says", "tripwire", "action", "param", "keep", "revise"} <= setting_words
    # the completion offers the same settings the grammar takes
    assert set().union(*SETTINGS.values()) - {"entity"} == setting_words
    declaration = regex.compile(rules["declaration"]["match"])
    setting = regex.compile(rules["setting"]["match"])
    for word in keywords:
        assert declaration.match(f"{word} x"), word
    for word in setting_words:
        assert setting.match(f"  {word} x"), word
    manifest = json.loads((REPO / "editors/vscode/package.json").read_text())
    assert manifest["contributes"]["grammars"][0]["scopeName"] == grammar["scopeName"]
    assert manifest["contributes"]["configuration"]["properties"]["worldspec.command"][
        "default"
    ] == ["worldspec", "lsp"]


def test_a_keyword_run_into_a_name_reparses_as_the_file_parses() -> None:
    """ "entity acme_plant" with its space typed over ("entityaacme_plant"): alone,
    where only keywords may come, the declaration lexes as "entity aacme_plant";
    in the file, after a block, as one name and an error. The reparse is the full
    parse's (hypothesis found it once the example's lines moved)."""
    text = (REPO / "examples" / "peptide_vendor.world").read_text()
    lines = text.split("\n")
    line = next(i for i, x in enumerate(lines) if x.startswith("entity acme_plant "))
    edited, first, old_last, new_last = _edit(lines, line, 6, 1, "a")
    full = parse(edited, "w.world")
    assert full.diagnostics
    _agree(reparse(parse(text, "w.world"), edited, first, old_last, new_last), full)
