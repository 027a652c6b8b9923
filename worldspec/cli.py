"""The `worldspec` command line: a thin shell over the public API in worldspec/__init__.py.

Exit codes, as ruff's: 0 clean, 1 findings (or files `fmt --check` would change),
2 usage or I/O errors (missing file, unreadable file, bad option).
"""

from __future__ import annotations

import contextlib
import difflib
import enum
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

import worldspec
from worldspec.check import reporters
from worldspec.check.api import CheckReport
from worldspec.diagnostics import Severity
from worldspec.model import Analysis

if TYPE_CHECKING:
    from worldspec.corpus.llm import LLMRunSettings
    from worldspec.corpus.writer import DraftSource
    from worldspec.plan import CorpusSettings, Planner
    from worldspec.render import PackLibrary

app = typer.Typer(
    name="worldspec",
    help="Check, format and compile .world specs of counterfactual worlds.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class OutputFormat(enum.StrEnum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"


class FailOn(enum.StrEnum):
    error = "error"
    warning = "warning"


def _fail(message: str, code: int = 2) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"worldspec {worldspec.__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Check, format and compile .world specs of counterfactual worlds."""


Paths = Annotated[
    list[Path], typer.Argument(help="Files or directories of .world files.", show_default=False)
]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Print only the findings.")]
Verbose = Annotated[bool, typer.Option("--verbose", "-v", help="Also print timings and details.")]


Codes = Annotated[
    list[str] | None,
    typer.Option(
        help="Code prefixes, comma-separated or repeated (WS2, WS401).", show_default=False
    ),
]


@app.command()
def check(
    paths: Paths,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", help="How to print findings.")
    ] = OutputFormat.text,
    select: Codes = None,
    ignore: Codes = None,
    fail_on: Annotated[
        FailOn, typer.Option(help="Exit 1 only for findings at or above this severity.")
    ] = FailOn.warning,
    root: Annotated[
        Path | None,
        typer.Option(
            help="Project root that `use` paths may not leave (default: nearest directory "
            "with worldspec.toml, pyproject.toml or .git)."
        ),
    ] = None,
    quiet: Quiet = False,
    verbose: Verbose = False,
) -> None:
    """Check .world files: syntax, imports, names and types, rules and constraints,
    divergences, traps, corpus settings.

    `# worldspec: ignore[WS401]` at the end of a line suppresses that code there.
    Exits 0 when clean, 1 when there are findings, 2 on a usage or I/O error.
    """
    from worldspec.check import selection

    started = time.perf_counter()
    try:
        chosen = selection.parse_codes(select or [])
        dropped = selection.parse_codes(ignore or [])
    except selection.SelectionError as err:
        _fail(str(err))
    try:
        with _status(enabled=not quiet) as progress:
            report = worldspec.check_paths(paths, root, progress)
    except worldspec.UsageError as err:
        _fail(str(err))
    diagnostics = selection.apply(report.diagnostics, report.sources, chosen, dropped)
    if output_format is OutputFormat.json:
        typer.echo(reporters.render_json(diagnostics))
    elif output_format is OutputFormat.sarif:
        from worldspec.check.sarif import render_sarif

        typer.echo(render_sarif(diagnostics))
    elif output_format is OutputFormat.github:
        from worldspec.check.github import render_github

        if diagnostics:
            typer.echo(render_github(diagnostics))
    else:
        if diagnostics:
            typer.echo(reporters.render_text(diagnostics, report.sources, concise=quiet))
        if not quiet:
            typer.echo(reporters.summary(diagnostics, len(report.files)))
    if verbose:
        from worldspec.syntax import accelerator

        typer.echo(
            f"checked {len(report.files)} file(s), {len(report.sources)} module(s) "
            f"in {time.perf_counter() - started:.3f}s with the {accelerator()} parser",
            err=True,
        )
    threshold = Severity.ERROR if fail_on is FailOn.error else Severity.WARNING
    raise typer.Exit(1 if selection.fails(diagnostics, threshold) else 0)


class TextOrJson(enum.StrEnum):
    """--format of the commands that print text for people or JSON for tools."""

    text = "text"
    json = "json"


@app.command()
def rule(
    code: Annotated[
        str | None, typer.Argument(help="A code such as WS401.", show_default=False)
    ] = None,
    show_all: Annotated[bool, typer.Option("--all", help="List every code.")] = False,
    output_format: Annotated[TextOrJson, typer.Option("--format")] = TextOrJson.text,
) -> None:
    """Explain a diagnostic code, as `ruff rule` does; --all lists every code."""
    import json

    from worldspec.diagnostics import CODES
    from worldspec.suggestions import suggest

    if show_all == (code is not None):
        _fail("give one CODE, or --all")
    if show_all:
        entries = list(CODES.values())
    else:
        assert code is not None
        entry = CODES.get(code.upper()) or next(
            (c for c in CODES.values() if c.name == code.lower()), None
        )
        if entry is None:
            names = [*CODES, *(c.name for c in CODES.values())]
            hint = suggest(code, names)
            _fail(
                f"no diagnostic code '{code}'"
                + (f"; {hint}" if hint else "")
                + " (worldspec rule --all lists them)"
            )
        entries = [entry]
    if output_format is TextOrJson.json:
        typer.echo(
            json.dumps(
                [
                    {
                        "code": e.code,
                        "name": e.name,
                        "severity": e.severity.value,
                        "summary": e.summary,
                        "explanation": e.explanation,
                        "example": e.example,
                    }
                    for e in entries
                ],
                indent=2,
            )
        )
        return
    if show_all:
        for entry in entries:
            typer.echo(f"{entry.code}  {entry.name:<30} {entry.severity.value:<8} {entry.summary}")
        return
    (entry,) = entries
    typer.echo(f"# {entry.name} ({entry.code})\n")
    typer.echo(f"Default severity: {entry.severity.value}\n")
    typer.echo(f"{entry.summary}\n")
    typer.echo(f"{entry.explanation}\n")
    typer.echo("Example:\n")
    typer.echo("\n".join("    " + line for line in entry.example.splitlines()))


@contextlib.contextmanager
def _status(enabled: bool) -> Iterator[Callable[[str], None]]:
    """A spinner naming the current stage, on a terminal only (never in a pipe or CI
    log, where it would be noise)."""
    if not enabled or not sys.stderr.isatty():
        yield lambda _: None
        return
    from rich.console import Console

    with Console(stderr=True).status("checking") as status:
        yield lambda text: status.update(text)


def _write_atomic(path: Path, text: str) -> None:
    """Replace `path` with `text` so that a crash leaves the old file or the new one."""
    mode = path.stat().st_mode & 0o7777
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@app.command()
def fmt(
    paths: Paths,
    check_only: Annotated[
        bool,
        typer.Option("--check", help="Change nothing; exit 1 if any file would be reformatted."),
    ] = False,
    diff: Annotated[
        bool,
        typer.Option(
            "--diff", help="Change nothing; print what would change; exit 1 if anything would."
        ),
    ] = False,
    quiet: Quiet = False,
    verbose: Verbose = False,
) -> None:
    """Rewrite .world files in the canonical layout, keeping comments.

    PATH '-' formats standard input to standard output.
    """
    if [str(p) for p in paths] == ["-"]:
        text = sys.stdin.read()
        formatted, result = worldspec.format_text(text, "<stdin>")
        if formatted is None:
            typer.echo(
                reporters.render_text(result.diagnostics, {"<stdin>": result.source}), err=True
            )
            raise typer.Exit(2)
        if check_only or diff:
            if diff and formatted != text:
                sys.stdout.writelines(
                    difflib.unified_diff(
                        text.splitlines(keepends=True),
                        formatted.splitlines(keepends=True),
                        "<stdin>",
                        "<stdin> (formatted)",
                    )
                )
            raise typer.Exit(1 if formatted != text else 0)
        sys.stdout.write(formatted)
        raise typer.Exit(0)
    try:
        files = worldspec.check.collect_world_files(paths)
    except worldspec.UsageError as err:
        _fail(str(err))
    changed: list[str] = []
    failed = False
    for file in files:
        try:
            text = file.read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError) as err:
            typer.echo(f"error: {file}: cannot be read: {err}", err=True)
            failed = True
            continue
        formatted, result = worldspec.format_text(text, str(file))
        if formatted is None:
            typer.echo(
                reporters.render_text(
                    result.diagnostics, {str(file): result.source}, concise=quiet
                ),
                err=True,
            )
            typer.echo(f"error: {file}: not formatted because of syntax errors", err=True)
            failed = True
            continue
        if formatted == text:
            if verbose:
                typer.echo(f"unchanged {file}", err=True)
            continue
        changed.append(str(file))
        if diff:
            sys.stdout.writelines(
                difflib.unified_diff(
                    text.splitlines(keepends=True),
                    formatted.splitlines(keepends=True),
                    str(file),
                    f"{file} (formatted)",
                )
            )
        elif check_only:
            if not quiet:
                typer.echo(f"would reformat {file}")
        else:
            try:
                _write_atomic(file, formatted)
            except OSError as err:
                typer.echo(f"error: {file}: cannot be written: {err}", err=True)
                failed = True
                continue
            if verbose:
                typer.echo(f"reformatted {file}", err=True)
    if not quiet:
        done = "would be reformatted" if (check_only or diff) else "reformatted"
        unchanged = len(files) - len(changed)
        typer.echo(
            f"{len(changed)} file{'s' if len(changed) != 1 else ''} {done}, "
            f"{unchanged} file{'s' if unchanged != 1 else ''} already formatted",
            err=bool(diff),
        )
    if failed:
        raise typer.Exit(2)
    raise typer.Exit(1 if changed and (check_only or diff) else 0)


@app.command("ast")
def ast_command(
    path: Annotated[Path, typer.Argument(help="A .world file.", show_default=False)],
) -> None:
    """Print the syntax tree of a .world file as JSON (for tools and debugging)."""
    import json

    from worldspec.syntax.ast import to_json

    try:
        result = worldspec.parse_file(path)
    except (OSError, UnicodeDecodeError) as err:
        _fail(f"{path}: cannot be read: {err}")
    if result.diagnostics:
        typer.echo(
            reporters.render_text(result.diagnostics, {result.source.path: result.source}), err=True
        )
        raise typer.Exit(1)
    typer.echo(json.dumps(to_json(result.module), indent=2, ensure_ascii=False))


Spec = Annotated[Path, typer.Argument(help="The .world file of the world.", show_default=False)]
Root = Annotated[Path | None, typer.Option(help="Project root that `use` paths may not leave.")]


Output = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write here instead of standard output.")
]


class GraphChoice(enum.StrEnum):
    reality = "reality"
    world = "world"


def _analysis(spec: Path, root: Path | None) -> Analysis:
    return _analysis_and_report(spec, root)[0]


def _analysis_and_report(spec: Path, root: Path | None) -> tuple[Analysis, CheckReport]:
    """The analysed world, or exit 1 with its errors (2 for a missing file)."""
    from worldspec.check import analyze_path

    try:
        analysis, report = analyze_path(spec, root)
    except worldspec.UsageError as err:
        _fail(str(err))
    errors = [d for d in report.diagnostics if d.level is Severity.ERROR]
    if analysis is None or errors:
        typer.echo(reporters.render_text(errors or report.diagnostics, report.sources), err=True)
        typer.echo(f"error: {spec}: fix the errors above first (worldspec check)", err=True)
        raise typer.Exit(1)
    return analysis, report


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        tmp = output.with_name(f".{output.name}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, output)
    except OSError as err:
        _fail(f"{output}: cannot be written: {err.strerror or err}")


@app.command()
def explain(
    spec: Spec,
    divergence: Annotated[
        str | None, typer.Option("--divergence", "-d", help="Only this divergence.")
    ] = None,
    output_format: Annotated[
        TextOrJson, typer.Option("--format", help="Text tree or JSON.")
    ] = TextOrJson.text,
    root: Root = None,
) -> None:
    """Show each divergence, what it states, and its ripples with the chain of why."""
    from worldspec.check import explain as explainer
    from worldspec.suggestions import suggest

    analysis = _analysis(spec, root)
    if divergence is not None and divergence not in analysis.world.divergences:
        hint = suggest(divergence, analysis.world.divergences)
        _fail(f"no divergence '{divergence}' in {spec}" + (f"; {hint}" if hint else ""))
    if output_format is TextOrJson.json:
        typer.echo(explainer.render_json(analysis, divergence))
    else:
        sys.stdout.write(explainer.render_text(analysis, divergence))


class ExportFormat(enum.StrEnum):
    trig = "trig"
    turtle = "turtle"
    jsonld = "jsonld"


@app.command()
def export(
    spec: Spec,
    output_format: Annotated[
        ExportFormat,
        typer.Option("--format", help="trig holds both graphs; turtle and jsonld one."),
    ] = ExportFormat.trig,
    graph: Annotated[
        GraphChoice, typer.Option("--graph", help="The graph for turtle and jsonld.")
    ] = GraphChoice.world,
    output: Output = None,
    root: Root = None,
) -> None:
    """Export the world as RDF: the schema, and reality and the world as named graphs."""
    from worldspec.export.rdf import serialize

    analysis = _analysis(spec, root)
    rdf_format = {"trig": "trig", "turtle": "turtle", "jsonld": "json-ld"}[output_format.value]
    _emit(serialize(analysis.world, rdf_format, graph.value), output)


@app.command("probes")
def probes_command(
    spec: Spec,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="The JSONL file (default: standard output)."),
    ] = None,
    seed: Annotated[int, typer.Option(min=0, help="Seeds the order of choices.")] = 0,
    root: Root = None,
    quiet: Quiet = False,
) -> None:
    """Write evaluation probes for every divergence and ripple, as Inspect AI samples
    (input, choices, target, id, metadata) in JSON Lines."""
    from worldspec.evaluate import make_probes

    analysis = _analysis(spec, root)
    lines = [
        probe.model_dump_json(exclude_none=True) + "\n" for probe in make_probes(analysis, seed)
    ]
    _emit("".join(lines), out)
    if out is not None and not quiet:
        typer.echo(f"wrote {len(lines)} probes to {out}", err=True)


@app.command("diff")
def diff_command(
    old: Annotated[
        Path, typer.Argument(help="The earlier version of the world.", show_default=False)
    ],
    new: Annotated[Path, typer.Argument(help="The later version.", show_default=False)],
    corpus: Annotated[
        Path | None,
        typer.Option(help="A corpus compiled from OLD: list the documents NEW changes."),
    ] = None,
    output_format: Annotated[
        TextOrJson, typer.Option("--format", help="Text or JSON.")
    ] = TextOrJson.text,
    root: Root = None,
) -> None:
    """The semantic difference between two versions of a world: entities, facts,
    divergences, traps and ripples, and the documents of a corpus to re-render."""
    from worldspec.evaluate.diff import DiffError, rerender, semantic_diff, text_report

    before, after = _analysis(old, root), _analysis(new, root)
    diff = semantic_diff(before, after)
    rerendered = None
    written = None
    if corpus is not None:
        try:
            rerendered = list(rerender(before, after, corpus))
        except DiffError as err:
            _fail(str(err))
        written = sum(1 for shard in corpus.glob("docs-*.jsonl") for _ in shard.open())
    if output_format is TextOrJson.json:
        data = {**diff, **({"rerender": rerendered} if rerendered is not None else {})}
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        typer.echo(text_report(diff, rerendered, written))


@app.command("score")
def score_command(
    probes: Annotated[Path, typer.Argument(help="probes.jsonl.", show_default=False)],
    answers: Annotated[
        Path,
        typer.Argument(
            help="JSONL of id and the model's answer (answer, choice, output, completion "
            "or response).",
            show_default=False,
        ),
    ],
    output_format: Annotated[
        TextOrJson, typer.Option("--format", help="A table or JSON.")
    ] = TextOrJson.text,
) -> None:
    """How often a model answers the probes as the world, as reality, or otherwise:
    overall, by probe kind and by divergence."""
    from worldspec.evaluate.score import ScoreError, score, table

    try:
        result = score(probes, answers)
    except ScoreError as err:
        _fail(str(err))
    if output_format is TextOrJson.json:
        typer.echo(json.dumps(result, indent=2))
    else:
        typer.echo(table(result))
        if result["answers_without_probe"]:
            unknown = ", ".join(result["answers_without_probe"])
            typer.echo(f"warning: answers for unknown probes: {unknown}", err=True)


class ScanFormat(enum.StrEnum):
    text = "text"
    json = "json"
    sarif = "sarif"


class SeverityChoice(enum.StrEnum):
    low = "low"
    medium = "medium"
    high = "high"
    critical = "critical"


@app.command("scan")
def scan_command(
    spec: Spec,
    transcripts: Annotated[
        list[Path],
        typer.Argument(
            help="Transcripts: JSONL of chat conversations (one a line), or text files; "
            "a directory stands for the files under it.",
            show_default=False,
        ),
    ],
    output_format: Annotated[
        ScanFormat, typer.Option("--format", help="How to report hits.")
    ] = ScanFormat.text,
    fail_on: Annotated[
        SeverityChoice,
        typer.Option(help="Exit 1 when a trap of this severity or higher fired."),
    ] = SeverityChoice.low,
    root: Root = None,
    quiet: Quiet = False,
) -> None:
    """Find the world's honeytrap tripwires in model transcripts: which trap fired,
    where (transcript, conversation, message, tool call) and on what text."""
    from worldspec.evaluate.scan import ScanError, Scanner, at_least, sarif_log

    analysis = _analysis(spec, root)
    scanner = Scanner(analysis.world)
    missing = [t for t in transcripts if not t.exists()]
    if missing:
        _fail(f"{missing[0]}: no such file or directory")
    # a directory stands for the transcripts under it
    transcripts = [
        found
        for t in transcripts
        for found in (
            sorted(f for f in t.rglob("*") if f.is_file() and not f.name.startswith("."))
            if t.is_dir()
            else [t]
        )
    ]
    total = sum(t.stat().st_size for t in transcripts)
    hits = []
    show = not quiet and sys.stderr.isatty() and total > 64 * 1024 * 1024
    try:
        with _progress_bar(show, total, "scanning") as advance:
            for transcript in transcripts:
                for hit in scanner.scan(transcript, advance):
                    if output_format is ScanFormat.text:
                        where = (
                            f"message {hit.message} ({hit.role or '?'}, {hit.where})"
                            if hit.message is not None
                            else hit.where
                        )
                        typer.echo(
                            f"{hit.transcript}:{hit.line}: {hit.trap} [{hit.severity}] "
                            f"{where} {hit.start}-{hit.end}: {json.dumps(hit.text)}"
                        )
                    hits.append(hit)
    except ScanError as err:
        _fail(str(err))
    if output_format is ScanFormat.json:
        typer.echo(json.dumps([h.to_json() for h in hits], indent=2, ensure_ascii=False))
    elif output_format is ScanFormat.sarif:
        typer.echo(json.dumps(sarif_log(analysis.world, hits), indent=2, ensure_ascii=False))
    fired = sorted({h.trap for h in hits})
    if not quiet:
        typer.echo(
            f"{len(hits)} hit(s) of {len(fired)} trap(s) in {len(transcripts)} transcript(s)"
            + (f": {', '.join(fired)}" if fired else ""),
            err=True,
        )
    if any(at_least(h.severity, fail_on.value) for h in hits):
        raise typer.Exit(1)


class GraphFormat(enum.StrEnum):
    dot = "dot"
    graphml = "graphml"


@app.command("graph")
def graph_command(
    spec: Spec,
    output_format: Annotated[
        GraphFormat, typer.Option("--format", help="Graphviz DOT or GraphML.")
    ] = GraphFormat.dot,
    graph: Annotated[
        GraphChoice, typer.Option("--graph", help="Which graph to draw.")
    ] = GraphChoice.world,
    output: Output = None,
    root: Root = None,
) -> None:
    """Export the entities and their relations as a graph (networkx)."""
    from worldspec.export.graph import to_dot, to_graphml, to_networkx

    analysis = _analysis(spec, root)
    nx_graph = to_networkx(analysis.world, graph.value)
    _emit(to_dot(nx_graph) if output_format is GraphFormat.dot else to_graphml(nx_graph), output)


class RendererChoice(enum.StrEnum):
    template = "template"
    llm = "llm"


class ClientChoice(enum.StrEnum):
    auto = "auto"
    direct = "direct"
    litellm = "litellm"


_LLM = "LLM renderer"


@app.command("compile")
def compile_command(
    spec: Spec,
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Directory of the corpus.", show_default=False)
    ],
    corpus: Annotated[
        str | None, typer.Option(help="Corpus block to use (default: the first).")
    ] = None,
    documents: Annotated[
        int | None, typer.Option(min=1, help="Override the number of documents.")
    ] = None,
    seed: Annotated[int | None, typer.Option(min=0, help="Override the seed.")] = None,
    genres: Annotated[
        str | None, typer.Option(help="Override the genres, comma-separated.")
    ] = None,
    renderers: Annotated[
        list[Path] | None,
        typer.Option("--renderers", help="A directory of extra genre packs (repeatable)."),
    ] = None,
    jobs: Annotated[int, typer.Option(min=1, help="Worker processes for rendering.")] = 1,
    resume: Annotated[bool, typer.Option(help="Finish an interrupted run in --out.")] = False,
    dry_run: Annotated[bool, typer.Option(help="Print the plan's counts; write nothing.")] = False,
    dedup_threshold: Annotated[
        float,
        typer.Option(min=0.1, max=1.0, help="Similarity at which a document is a near-duplicate."),
    ] = 0.85,
    renderer: Annotated[
        RendererChoice | None,
        typer.Option(help="template (offline, default) or llm; overrides the corpus block."),
    ] = None,
    model: Annotated[
        str | None,
        typer.Option(
            help="litellm model name, e.g. openai/gpt-4o-mini or hosted_vllm/NAME.",
            rich_help_panel=_LLM,
        ),
    ] = None,
    api_base: Annotated[
        str | None,
        typer.Option(help="The server's URL (an OpenAI-compatible /v1).", rich_help_panel=_LLM),
    ] = None,
    temperature: Annotated[
        float | None,
        typer.Option(
            min=0.0, max=2.0, help="Sampling temperature (default 0.9).", rich_help_panel=_LLM
        ),
    ] = None,
    max_tokens: Annotated[
        int | None,
        typer.Option(min=1, help="Longest completion (default 900).", rich_help_panel=_LLM),
    ] = None,
    concurrency: Annotated[
        int | None,
        typer.Option(min=1, help="Requests in flight at once (default 16).", rich_help_panel=_LLM),
    ] = None,
    rpm: Annotated[
        int | None, typer.Option(min=1, help="Requests a minute at most.", rich_help_panel=_LLM)
    ] = None,
    tpm: Annotated[
        int | None, typer.Option(min=1, help="Tokens a minute at most.", rich_help_panel=_LLM)
    ] = None,
    timeout: Annotated[
        float | None,
        typer.Option(
            min=0.001, help="Seconds a request may take. [default: 60]", rich_help_panel=_LLM
        ),
    ] = None,
    retries: Annotated[
        int, typer.Option(min=0, help="Retries of a failed request.", rich_help_panel=_LLM)
    ] = 5,
    backoff: Annotated[
        float,
        typer.Option(
            min=0.0, help="Seconds of the first backoff, doubled each retry.", rich_help_panel=_LLM
        ),
    ] = 1.0,
    max_cost: Annotated[
        float | None,
        typer.Option(
            min=0.0, help="USD this run may spend; it stops cleanly there.", rich_help_panel=_LLM
        ),
    ] = None,
    judge_model: Annotated[
        str | None,
        typer.Option(
            help="A model asked whether each document contradicts the world.",
            rich_help_panel=_LLM,
        ),
    ] = None,
    cache_dir: Annotated[
        Path | None,
        typer.Option(
            help="The completion cache (default ~/.cache/worldspec/llm).", rich_help_panel=_LLM
        ),
    ] = None,
    no_cache: Annotated[
        bool,
        typer.Option("--no-cache", help="Neither read nor write the cache.", rich_help_panel=_LLM),
    ] = False,
    shard: Annotated[
        str | None,
        typer.Option(
            "--shard",
            metavar="I/N",
            help="Write only part I of N (shards numbered I modulo N), for a run split "
            "over machines; join the parts with `worldspec merge`.",
        ),
    ] = None,
    client: Annotated[
        ClientChoice,
        typer.Option(
            help="How requests are sent: auto (direct HTTP for OpenAI-protocol models, "
            "litellm for the rest), direct, or litellm.",
            rich_help_panel=_LLM,
        ),
    ] = ClientChoice.auto,
    root: Root = None,
    quiet: Quiet = False,
    verbose: Verbose = False,
) -> None:
    """Compile the world into a corpus of documents: offline with the template renderer
    (the default), or with any language model (--renderer llm)."""
    from worldspec.corpus import CorpusError, compile_corpus, spec_hash
    from worldspec.plan import PlanError, Planner, corpus_settings, renderer_options
    from worldspec.render import PackError, PackLibrary

    analysis, report = _analysis_and_report(spec, root)
    from worldspec.check.api import semantic_checks

    errors = [d for d in semantic_checks(analysis) if d.level is Severity.ERROR]
    if errors:  # a corpus of a world that breaks its own constraints helps nobody
        typer.echo(reporters.render_text(errors, report.sources), err=True)
        _fail(f"{spec}: fix the errors above first (worldspec check)", 1)
    try:
        packs = PackLibrary(renderers)
        settings = corpus_settings(
            analysis.world,
            corpus,
            documents=documents,
            seed=seed,
            genres=[g.strip() for g in genres.split(",") if g.strip()] if genres else None,
            available_genres=packs.names,
        )
        chosen = renderer.value if renderer is not None else settings.renderer
        for genre in settings.genres:
            pack = packs.get(genre)  # a broken pack fails now, not after an hour of rendering
            if chosen == "llm":
                pack.require_prompt()
        planner = Planner(analysis, settings)
    except (PlanError, PackError) as err:
        _fail(str(err))
    llm = None
    if chosen == "llm":
        options = renderer_options(analysis.world, corpus)
        llm = _llm_settings(
            options,
            model=model or settings.model,
            api_base=api_base,
            temperature=temperature,
            max_tokens=max_tokens,
            concurrency=concurrency,
            rpm=rpm,
            tpm=tpm,
            timeout=timeout,
            retries=retries,
            backoff=backoff,
            max_cost=max_cost,
            judge_model=judge_model,
            client=client.value,
        )
    if dry_run and llm is not None:
        _llm_dry_run(analysis, packs, planner, settings, llm, _cache_dir(cache_dir, no_cache))
        raise typer.Exit(0)
    if llm is not None:  # a missing key or server fails before anything is written (a dry
        # run needs neither)
        from worldspec.render.client import LLMError, resolve_route

        for name in filter(None, [llm.client.model, llm.judge_model]):
            try:
                resolve_route(name, llm.client.api_base, llm.client.client)
            except LLMError as err:
                _fail(str(err))

    if dry_run:
        counts = planner.counts()
        typer.echo(
            f"corpus '{settings.name}': {settings.documents} documents, seed "
            f"{settings.seed}, dates {settings.start} .. {settings.end}"
        )
        typer.echo(f"genres: {', '.join(settings.genres)}")
        for name, count in counts.items():
            typer.echo(f"  {name}: {count} documents")
        raise typer.Exit(0)
    part = _part(shard) if shard is not None else None
    texts = [report.sources[path].text for path in sorted(report.sources)]
    show = not quiet and sys.stderr.isatty()
    source = None
    if llm is not None:
        source = _llm_source(analysis, packs, llm, _cache_dir(cache_dir, no_cache))
    try:
        with _progress_bar(show, _part_documents(len(planner), part)) as advance:
            result = compile_corpus(
                analysis,
                settings,
                out,
                packs,
                spec_hash(texts),
                jobs=jobs,
                resume=resume,
                dedup_threshold=dedup_threshold,
                progress=advance,
                source=source,
                renderer_settings=llm.recorded() if llm is not None else None,
                part=part,
                probes=_probe_lines(analysis, settings.seed),
            )
    except CorpusError as err:
        _fail(str(err))
    except PackError as err:
        _fail(str(err))
    stats = result.stats
    if part is not None:
        if not quiet:
            typer.echo(
                f"wrote part {part[0]}/{part[1]}: {stats.written} documents to {out}; "
                "join the parts with `worldspec merge`"
            )
        raise typer.Exit(1 if result.stopped is not None or stats.failed else 0)
    if result.stopped is not None:
        typer.echo(
            f"stopped: {result.stopped}; {stats.written} documents written in complete "
            f"shards of {out}. Run again with --resume (and a larger --max-cost) to finish: "
            "documents already paid for come from the cache.",
            err=True,
        )
        raise typer.Exit(1)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    shortfalls = manifest["coverage_shortfalls"]
    if shortfalls:
        shown = ", ".join(f"{name} ({count})" for name, count in list(shortfalls.items())[:5])
        typer.echo(
            f"error: after rejections, fewer than min_docs={settings.min_docs} documents "
            f"carry: {shown}; see rejected_by_reason in {out / 'manifest.json'}",
            err=True,
        )
    if not quiet:
        rejected = sum(stats.rejected.values())
        failed = sum(stats.failed.values())
        typer.echo(
            f"wrote {stats.written} documents to {out} in {result.shards} shard(s)"
            + (f"; rejected {rejected} ({dict(stats.rejected)})" if rejected else "")
            + (f"; failed {failed} ({dict(stats.failed)})" if failed else "")
        )
        if result.run_usage:
            sent = result.run_usage
            cost = sent.get("cost_usd")
            typer.echo(
                f"requests sent: {sent['requests']} ({sent['cache_hits']} answered from the "
                f"cache), tokens: {sent['prompt_tokens']} in, {sent['completion_tokens']} out"
                + (f", cost: ${cost:.4f}" if cost is not None else ", cost: unknown model price")
            )
    if verbose:
        typer.echo(
            f"{result.seconds:.2f}s, {stats.written / max(result.seconds, 1e-9):.0f} documents/s",
            err=True,
        )
    if shortfalls or stats.failed:
        if stats.failed:
            typer.echo(
                f"error: {sum(stats.failed.values())} documents failed (the model could not "
                f"be reached); see failed_by_error in {out / 'manifest.json'}",
                err=True,
            )
        raise typer.Exit(1)


def _probe_lines(analysis: Analysis, seed: int) -> list[str]:
    from worldspec.evaluate import make_probes

    return [probe.model_dump_json(exclude_none=True) for probe in make_probes(analysis, seed)]


def _part(text: str) -> tuple[int, int]:
    index, _, count = text.partition("/")
    try:
        part = int(index), int(count)
    except ValueError:
        _fail(f"--shard {text}: expected I/N, as in 0/4")
    if not 0 <= part[0] < part[1]:
        _fail(f"--shard {text}: I must be at least 0 and less than N")
    return part


def _part_documents(documents: int, part: tuple[int, int] | None) -> int:
    from worldspec.corpus.writer import SHARD_SIZE, part_shards

    shards = part_shards(documents, part)
    return sum(min(SHARD_SIZE, documents - s * SHARD_SIZE) for s in shards)


@app.command("merge")
def merge_command(
    parts: Annotated[
        list[Path],
        typer.Argument(help="The parts' directories (compile --shard I/N).", show_default=False),
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Directory of the corpus.", show_default=False)
    ],
    quiet: Quiet = False,
    verbose: Verbose = False,
) -> None:
    """Join the parts of a split compile into one corpus, byte-identical to what one
    process would have written."""
    from worldspec.corpus import CorpusError
    from worldspec.corpus.merge import merge_parts, planned_documents

    show = not quiet and sys.stderr.isatty()
    try:
        with _progress_bar(show, planned_documents(parts), "merging") as advance:
            result = merge_parts(parts, out, progress=advance)
    except CorpusError as err:
        _fail(str(err))
    if not quiet:
        typer.echo(
            f"merged {len(parts)} parts: {result.stats.written} documents in "
            f"{result.shards} shard(s) in {out}"
        )
    if verbose:
        typer.echo(f"{result.seconds:.2f}s", err=True)


def _cache_dir(cache_dir: Path | None, no_cache: bool) -> Path | None:
    from worldspec.render.cache import default_cache_dir

    return None if no_cache else (cache_dir or default_cache_dir())


def _llm_settings(options: dict[str, object], **given: Any) -> LLMRunSettings:
    """The LLM run's settings: the command line over the corpus block over defaults."""
    from worldspec.corpus.llm import LLMRunSettings
    from worldspec.render.client import ClientSettings

    def pick(name: str, default: Any) -> Any:
        value = given.get(name)
        return value if value is not None else options.get(name, default)

    model = given.get("model")
    if not model:
        _fail("the llm renderer needs a model: --model (or `model` in the corpus block)")
    client = ClientSettings(
        model=model,
        api_base=pick("api_base", None),
        temperature=float(pick("temperature", 0.9)),
        max_tokens=int(pick("max_tokens", 900)),
        concurrency=int(pick("concurrency", 16)),
        rpm=pick("rpm", None),
        tpm=pick("tpm", None),
        timeout=float(pick("timeout", 60.0)),
        retries=given["retries"],
        backoff=given["backoff"],
        client=given["client"],
    )
    max_cost = pick("max_cost", None)
    return LLMRunSettings(
        client,
        judge_model=pick("judge_model", None),
        max_cost=float(max_cost) if max_cost is not None else None,
    )


def _llm_source(
    analysis: Analysis, packs: PackLibrary, llm: LLMRunSettings, cache_dir: Path | None
) -> Callable[[Planner], DraftSource]:
    from worldspec.corpus.llm import LLMSource
    from worldspec.render.cache import CompletionCache
    from worldspec.render.client import LLMError

    def make(planner: Planner) -> DraftSource:
        try:
            return LLMSource(analysis, packs, planner, llm, CompletionCache(cache_dir))
        except LLMError as err:
            _fail(f"{llm.client.model}: {err}")
        except OSError as err:
            _fail(f"{cache_dir}: cannot use the cache: {err.strerror or err}")

    return make


def _llm_dry_run(
    analysis: Analysis,
    packs: PackLibrary,
    planner: Planner,
    settings: CorpusSettings,
    llm: LLMRunSettings,
    cache_dir: Path | None,
) -> None:
    """What a run would send, before anything is spent: one request a document at
    least (revisions, regenerations and a judge add more), its prompt's tokens, and
    at most max_tokens of completion."""
    from worldspec.corpus.llm import LLM_ATTEMPTS, MAX_REVISIONS
    from worldspec.render.cache import CompletionCache, completion_key
    from worldspec.render.client import cost_of, estimate_tokens
    from worldspec.render.llm import PromptBuilder

    builder = PromptBuilder(analysis.world)
    cache = CompletionCache(cache_dir)
    client = llm.client
    params = {"temperature": client.temperature, "max_tokens": client.max_tokens}
    requests = cached = prompt_tokens = 0
    for plan in planner:
        prompt = builder.prompt(plan, packs.get(plan.genre), 0)
        key = completion_key(client.model, prompt.messages, params, prompt.seed)
        if cache.get(key) is not None:
            cached += 1
            continue
        requests += 1
        prompt_tokens += sum(estimate_tokens(m["content"]) for m in prompt.messages)
    cache.close()
    completion_tokens = requests * client.max_tokens
    cost = cost_of(client.model, prompt_tokens, completion_tokens)
    typer.echo(
        f"corpus '{settings.name}': {settings.documents} documents with {client.model}, "
        f"{cached} already in the cache"
    )
    typer.echo(
        f"requests: {requests} at least, {requests * LLM_ATTEMPTS * (MAX_REVISIONS + 1)} at "
        "most (revisions and regenerations)"
        + (" plus one judge question per draft" if llm.judge_model else "")
    )
    typer.echo(
        f"tokens: ~{prompt_tokens} prompt, at most {completion_tokens} completion "
        "(estimated at four characters a token)"
    )
    typer.echo(
        f"cost: at most ${cost:.4f} for first drafts (litellm's prices)"
        if cost is not None
        else f"cost: unknown (litellm has no price for {client.model})"
    )


@contextlib.contextmanager
def _progress_bar(
    show: bool, total: int, label: str = "compiling"
) -> Iterator[Callable[[int], None]]:
    """A rich progress bar with documents/s and ETA, on a terminal only."""
    if not show:
        yield lambda _: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, transient=True, console=Console(stderr=True)) as bar:
        task = bar.add_task("compile", total=total, rate="")
        started = time.perf_counter()
        done = 0

        def advance(count: int) -> None:
            nonlocal done
            done += count
            rate = done / max(time.perf_counter() - started, 1e-9)
            bar.update(task, advance=count, rate=f"{rate:,.0f} docs/s")

        yield advance


def main() -> None:
    code: int = 0
    try:
        app()
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        if done.code is not None and not isinstance(done.code, int):
            typer.echo(str(done.code), err=True)
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        code = 130
    except BrokenPipeError:
        code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        # The reader went away (`worldspec check | head`): not an error of ours.
        pass
    # Like mypy's hard_exit: skip freeing every node of a large world one by one;
    # the process is ending and the operating system reclaims it all at once.
    os._exit(code)


if __name__ == "__main__":
    main()
