"""Pausing Python's cyclic garbage collector during allocation-heavy stages.

Parsing and checking a large world build hundreds of thousands of small,
acyclic objects. Each gen-0 collection would then walk the young ones, and the
full collections that follow walk all of them again: a third of a 100k-fact
check. Nothing these stages build forms a reference cycle, so reference
counting frees it all; the collector resumes when the stage ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
