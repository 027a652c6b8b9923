"""`worldspec lsp`: the language server (pygls, the `lsp` extra), over stdio.

Diagnostics as you type (the codes, positions, help and related locations of
`worldspec check`), hover, go to definition and find references across `use`d
modules, completion, document symbols, formatting (`worldspec fmt`), and quick
fixes where a finding proposes a name. Each change is reparsed incrementally
(`worldspec.lsp.incremental`) and checked with the modules it uses
(`worldspec.lsp.workspace`).
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer

from worldspec.diagnostics import Diagnostic, Severity
from worldspec.lsp.features import complete, enclosing_block, hover, replacement
from worldspec.lsp.workspace import Checked, Edit, Workspace
from worldspec.source import SourceFile, Span
from worldspec.syntax.fmt import format_module
from worldspec.syntax.parser import parse
from worldspec.version import __version__

_SEVERITY = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
}
_SYMBOL = {
    "world": lsp.SymbolKind.Namespace, "class": lsp.SymbolKind.Class,
    "property": lsp.SymbolKind.Property, "entity": lsp.SymbolKind.Object,
    "reality": lsp.SymbolKind.Module, "rule": lsp.SymbolKind.Function,
    "constraint": lsp.SymbolKind.Function, "divergence": lsp.SymbolKind.Event,
    "trap": lsp.SymbolKind.Key, "forbid": lsp.SymbolKind.Constant,
    "tool": lsp.SymbolKind.Method, "corpus": lsp.SymbolKind.Package,
}  # fmt: skip
_COMPLETION = {
    "keyword": lsp.CompletionItemKind.Keyword, "class": lsp.CompletionItemKind.Class,
    "property": lsp.CompletionItemKind.Property, "entity": lsp.CompletionItemKind.Value,
    "divergence": lsp.CompletionItemKind.Event, "tool": lsp.CompletionItemKind.Method,
}  # fmt: skip


def path_of(uri: str) -> Path:
    return Path(unquote(urlparse(uri).path))


def uri_of(path: Path) -> str:
    return path.resolve().as_uri()


def to_range(span: Span) -> lsp.Range:
    return lsp.Range(
        start=lsp.Position(line=span.line - 1, character=span.column - 1),
        end=lsp.Position(
            line=span.end_line - 1, character=max(span.end_column - 1, span.column - 1)
        ),
    )


class WorldServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("worldspec", __version__)
        self.state = Workspace()
        self.pending: dict[str, asyncio.Handle] = {}

    def schedule(self, uri: str) -> None:
        """Check after the changes already waiting are applied: a burst of keystrokes
        is checked once, at its end, not once a keystroke behind the typist."""
        pending = self.pending.pop(uri, None)
        if pending is not None:
            pending.cancel()
        self.pending[uri] = asyncio.get_running_loop().call_soon(self._publish_later, uri)

    def _publish_later(self, uri: str) -> None:
        self.pending.pop(uri, None)
        if path_of(uri).resolve() in self.state.files:
            self.publish(uri)

    def publish(self, uri: str) -> Checked:
        checked = self.state.check(path_of(uri))
        opened = {f.display: uri_of(f.path) for f in self.state.files.values()}
        for display, found in checked.diagnostics.items():
            target = opened.get(display)
            if target is None:
                continue  # a module the editor has not opened: its own check reports it
            items = [self.diagnostic(d, checked) for d in found]
            self.text_document_publish_diagnostics(
                lsp.PublishDiagnosticsParams(uri=target, diagnostics=items)
            )
        return checked

    def diagnostic(self, found: Diagnostic, checked: Checked) -> lsp.Diagnostic:
        related = [
            lsp.DiagnosticRelatedInformation(
                location=lsp.Location(uri=self.uri(r.span.path, checked), range=to_range(r.span)),
                message=r.message,
            )
            for r in found.related
        ]
        message = found.message + (f"\nhelp: {found.fix}" if found.fix else "")
        return lsp.Diagnostic(
            range=to_range(found.span),
            message=message,
            severity=_SEVERITY.get(found.level, lsp.DiagnosticSeverity.Information),
            code=found.code.code,
            source="worldspec",
            related_information=related or None,
            data={"fix": found.fix} if found.fix else None,
        )

    def uri(self, display: str, checked: Checked) -> str:
        path = checked.paths.get(display)
        return uri_of(path) if path is not None else uri_of(Path(display))


server = WorldServer()


@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: WorldServer, params: lsp.DidOpenTextDocumentParams) -> None:
    doc = params.text_document
    ls.state.open(path_of(doc.uri), doc.text, doc.version)
    ls.publish(doc.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: WorldServer, params: lsp.DidChangeTextDocumentParams) -> None:
    doc = ls.workspace.get_text_document(params.text_document.uri)  # pygls applied the edits
    changes = params.content_changes
    edits: list[Edit | str] = [doc.source]
    if len(changes) == 1 and isinstance(changes[0], lsp.TextDocumentContentChangePartial):
        change = changes[0]
        first, last = change.range.start.line + 1, change.range.end.line + 1
        new_last = first + change.text.count("\n")
        lines = doc.source.split("\n")
        edits = [Edit(first, last, "\n".join(lines[first - 1 : new_last]))]
    ls.state.change(path_of(params.text_document.uri), edits, params.text_document.version)
    ls.schedule(params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: WorldServer, params: lsp.DidSaveTextDocumentParams) -> None:
    ls.publish(params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: WorldServer, params: lsp.DidCloseTextDocumentParams) -> None:
    ls.state.close(path_of(params.text_document.uri))
    ls.text_document_publish_diagnostics(
        lsp.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[])
    )


def _checked(ls: WorldServer, uri: str) -> Checked | None:
    path = path_of(uri)
    opened = ls.state.files.get(path.resolve())
    if opened is None:
        return None
    return ls.state.last.get(opened.path) or ls.state.check(path)


def _occurrence(ls: WorldServer, uri: str, position: lsp.Position) -> tuple[Any, Checked] | None:
    checked = _checked(ls, uri)
    if checked is None:
        return None
    display = ls.state.files[path_of(uri).resolve()].display
    found = checked.symbols.at(display, position.line + 1, position.character + 1)
    return (found, checked) if found is not None else None


@server.feature(lsp.TEXT_DOCUMENT_HOVER)
def on_hover(ls: WorldServer, params: lsp.HoverParams) -> lsp.Hover | None:
    hit = _occurrence(ls, params.text_document.uri, params.position)
    if hit is None:
        return None
    found, checked = hit
    analysis = checked.analysis or ls.state.latest_analysis(path_of(params.text_document.uri))
    text = hover(analysis, found)
    if text is None:
        return None
    return lsp.Hover(
        contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=text),
        range=to_range(found.span),
    )


@server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
def on_definition(ls: WorldServer, params: lsp.DefinitionParams) -> lsp.Location | None:
    hit = _occurrence(ls, params.text_document.uri, params.position)
    if hit is None:
        return None
    found, checked = hit
    declared = checked.symbols.definition(found)
    if declared is None:
        return None
    return lsp.Location(uri=ls.uri(declared.span.path, checked), range=to_range(declared.span))


@server.feature(lsp.TEXT_DOCUMENT_REFERENCES)
def on_references(ls: WorldServer, params: lsp.ReferenceParams) -> list[lsp.Location]:
    hit = _occurrence(ls, params.text_document.uri, params.position)
    if hit is None:
        return []
    found, checked = hit
    wanted = params.context.include_declaration
    return [
        lsp.Location(uri=ls.uri(o.span.path, checked), range=to_range(o.span))
        for o in checked.symbols.references(found.kind, found.name)
        if wanted or not o.declaration
    ]


@server.feature(
    lsp.TEXT_DOCUMENT_COMPLETION, lsp.CompletionOptions(trigger_characters=[".", ":", " "])
)
def on_completion(ls: WorldServer, params: lsp.CompletionParams) -> lsp.CompletionList:
    uri = params.text_document.uri
    doc = ls.workspace.get_text_document(uri)
    line = params.position.line
    before = doc.lines[line][: params.position.character] if line < len(doc.lines) else ""
    analysis = ls.state.latest_analysis(path_of(uri))
    block = enclosing_block(doc.source, line + 1)
    items = [
        lsp.CompletionItem(label=c.label, kind=_COMPLETION.get(c.kind), detail=c.detail or None)
        for c in complete(analysis, before.rstrip("\n"), block)
    ]
    return lsp.CompletionList(is_incomplete=False, items=items)


@server.feature(lsp.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
def on_symbols(ls: WorldServer, params: lsp.DocumentSymbolParams) -> list[lsp.DocumentSymbol]:
    checked = _checked(ls, params.text_document.uri)
    if checked is None:
        return []
    display = ls.state.files[path_of(params.text_document.uri).resolve()].display
    return [
        lsp.DocumentSymbol(
            name=name,
            kind=_SYMBOL.get(kind, lsp.SymbolKind.Variable),
            range=to_range(whole),
            selection_range=to_range(named),
            detail=kind,
        )
        for kind, name, whole, named in checked.symbols.outline.get(display, [])
    ]


@server.feature(lsp.TEXT_DOCUMENT_FORMATTING)
def on_formatting(ls: WorldServer, params: lsp.DocumentFormattingParams) -> list[lsp.TextEdit]:
    doc = ls.workspace.get_text_document(params.text_document.uri)
    parsed = parse(doc.source, "<buffer>", comments=True)
    if parsed.diagnostics:
        return []  # as `worldspec fmt`: a file with syntax errors is left alone
    formatted = format_module(parsed.module, SourceFile("<buffer>", doc.source))
    if formatted == doc.source:
        return []
    whole = lsp.Range(
        start=lsp.Position(line=0, character=0), end=lsp.Position(line=len(doc.lines), character=0)
    )
    return [lsp.TextEdit(range=whole, new_text=formatted)]


@server.feature(
    lsp.TEXT_DOCUMENT_CODE_ACTION,
    lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]),
)
def on_code_action(ls: WorldServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    doc = ls.workspace.get_text_document(params.text_document.uri)
    actions = []
    for diagnostic in params.context.diagnostics:
        data = diagnostic.data if isinstance(diagnostic.data, dict) else {}
        name = replacement(data.get("fix"))
        if name is None or not _is_name(doc.lines, diagnostic.range):
            continue  # a proposal replaces a name, never a string or a block
        edit = lsp.TextEdit(range=diagnostic.range, new_text=name)
        actions.append(
            lsp.CodeAction(
                title=f"Replace with '{name}'",
                kind=lsp.CodeActionKind.QuickFix,
                diagnostics=[diagnostic],
                is_preferred=True,
                edit=lsp.WorkspaceEdit(changes={params.text_document.uri: [edit]}),
            )
        )
    return actions


def _is_name(lines: Any, where: lsp.Range) -> bool:
    start, end = where.start, where.end
    if start.line != end.line or start.line >= len(lines):
        return False
    word = lines[start.line][start.character : end.character]
    return bool(word.isidentifier())


def main() -> None:
    server.start_io()
