"""The `worldspec` command line: a thin shell that parses options and calls the API.

The commands, by what they work on: checking.py (check, rule, fmt, ast), world.py
(explain, export, graph), evaluation.py (probes, diff, score, scan) and corpus.py
(compile, merge); app.py gathers them, common.py holds what they share.

Exit codes, as ruff's: 0 clean, 1 findings (or files `fmt --check` would change),
2 usage or I/O errors (missing file, unreadable file, bad option), 130 interrupted.

This module imports nothing heavy: main() is running before the commands are
imported, so that Ctrl-C at any moment ends with exit 130 and a line saying so,
never a traceback.
"""

from __future__ import annotations

import _thread
import contextlib
import os
import sys


def main() -> None:
    code = 0
    started = False
    sys.unraisablehook = _unraisable
    try:
        from worldspec.cli.app import app

        started = True
        app()
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        if done.code is not None and not isinstance(done.code, int):
            _say(str(done.code))
        interrupt = _interrupt_behind(done)  # Typer turns Ctrl-C into a silent exit 130
        if interrupt is not None:
            _say(_interrupted_note(interrupt, started))
    except KeyboardInterrupt as interrupt:
        _say(_interrupted_note(interrupt, started))
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


_BEFORE_START = "interrupted before the command started: nothing was written"


def _unraisable(unraisable: sys.UnraisableHookArgs) -> None:
    """Ctrl-C that lands in a callback Python cannot raise from (an import lock's
    weakref callback, a finaliser) is delivered again once the callback is over,
    instead of printed with a traceback and lost. `interrupt_main` only marks the
    signal as pending, and this function's last act, so that the KeyboardInterrupt
    is raised in the code the callback interrupted, not in this hook."""
    if unraisable.exc_type is not None and issubclass(unraisable.exc_type, KeyboardInterrupt):
        _thread.interrupt_main()
        return
    sys.__unraisablehook__(unraisable)


def _say(line: str) -> None:
    with contextlib.suppress(BrokenPipeError, KeyboardInterrupt):
        sys.stderr.write(line + "\n")


def _interrupt_behind(error: BaseException) -> KeyboardInterrupt | None:
    """The Ctrl-C that caused `error`, if one did."""
    seen: set[int] = set()
    cause: BaseException | None = error
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, KeyboardInterrupt):
            return cause
        seen.add(id(cause))
        # `raise ... from None` after Ctrl-C: the command said what it left itself
        cause = cause.__cause__ or (None if cause.__suppress_context__ else cause.__context__)
    return None


def _interrupted_note(interrupt: KeyboardInterrupt, app_loaded: bool) -> str:
    """A command that writes says what it left (worldspec.corpus.RunInterrupted); the
    others write each file whole or not at all."""
    if str(interrupt):
        return str(interrupt)
    if app_loaded and sys.modules["worldspec.cli.common"].Started.command:
        return "interrupted"
    return _BEFORE_START
