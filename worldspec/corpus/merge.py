"""`worldspec merge`: join the parts of a run split with `compile --shard I/N`.

Each part wrote the shards whose number is I modulo N, checking near-duplicates
among its own documents, and saved what the companions need from the spec. The
merge checks that the parts belong to one run and together hold every shard,
checks near-duplicates across parts in corpus order, copies the shards, and writes
the manifest and companions from the shard sidecars: the result is the corpus a
single process would have written, byte for byte (timings.json aside).

The one case where it could not be: a document that nearly repeats an earlier one
of another part, which a single process would have regenerated. The merge then
stops, names the pair and writes nothing; recompile with fewer parts.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from worldspec.corpus.outputs import CorpusFacts, write_outputs
from worldspec.corpus.shards import (
    CONTEXT_FILES,
    PART_FILE,
    RUN_FILE,
    SHARD_SIZE,
    CorpusError,
    RunInterrupted,
    RunResult,
    ShardStats,
    add_stats,
    finished_shard,
    is_complete,
    meta_path,
    prepare_directory,
    read_run,
    shard_count,
    shard_path,
    write_atomic,
)
from worldspec.plan import CorpusSettings
from worldspec.verify import NearDuplicates
from worldspec.verify.dedup import signature


def _marker(part: Path) -> dict[str, Any]:
    try:
        data: dict[str, Any] = json.loads((part / RUN_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CorpusError(f"{part}: not a worldspec corpus (no {RUN_FILE})") from None
    except (OSError, ValueError) as err:
        raise CorpusError(f"{part}: cannot read {RUN_FILE}: {err}") from None
    if "part" not in data:
        raise CorpusError(f"{part}: a whole corpus, not a part (compile --shard I/N)")
    return data


def planned_documents(parts: list[Path]) -> int:
    """The corpus's planned documents, from the first part (for a progress bar)."""
    return int(_marker(parts[0])["settings"]["documents"]) if parts else 0


def merge_parts(
    parts: list[Path], out: Path, *, progress: Callable[[int], None] | None = None
) -> RunResult:
    started = time.perf_counter()
    markers = [_marker(part) for part in parts]
    run = {k: v for k, v in markers[0].items() if k != "part"}
    count = markers[0]["part"][1]
    by_index: dict[int, Path] = {}
    for part, marker in zip(parts, markers, strict=True):
        index, total = marker["part"]
        if {k: v for k, v in marker.items() if k != "part"} != run or total != count:
            raise CorpusError(
                f"{part}: a part of another run (other spec, settings or number of parts) "
                f"than {parts[0]}"
            )
        if index in by_index:
            raise CorpusError(f"{part} and {by_index[index]} are both part {index}/{count}")
        by_index[index] = part
    missing = [f"{i}/{count}" for i in range(count) if i not in by_index]
    if missing:
        raise CorpusError(f"part {missing[0]} is missing ({len(missing)} of {count} missing)")
    settings = CorpusSettings.model_validate(run["settings"])
    shards = shard_count(settings.documents)
    sources: list[Path] = []
    for shard in range(shards):
        part = by_index[shard % count]
        if finished_shard(part, shard) is None:
            raise CorpusError(
                f"{part}: shard {shard} is not written; finish the part first "
                "(compile ... --shard I/N --resume)"
            )
        sources.append(part)
    try:
        facts = CorpusFacts.model_validate_json(
            (by_index[0] / PART_FILE).read_text(encoding="utf-8")
        )
    except (OSError, ValueError) as err:
        raise CorpusError(f"{by_index[0]}: the part did not finish ({PART_FILE}): {err}") from None
    if count > 1:
        _check_across_parts(sources, count, float(run["dedup_threshold"]), progress)
    # a merge is cheap and writes the same bytes each time: one that stopped half-way
    # starts again in its own directory
    context = _part_context(list(by_index.values()))
    previous = read_run(out)
    prepare_directory(out, run, force=previous == run and not is_complete(out, run))
    total = ShardStats()
    try:
        for shard, part in enumerate(sources):
            for source, target in (
                (shard_path(part, shard), shard_path(out, shard)),
                (meta_path(part, shard), meta_path(out, shard)),
            ):
                tmp = target.with_name(f".{target.name}.tmp")
                try:
                    shutil.copyfile(source, tmp)
                    os.replace(tmp, target)
                except BaseException:
                    tmp.unlink(missing_ok=True)
                    raise
            stats = finished_shard(out, shard)
            assert stats is not None
            add_stats(total, stats)
            if progress is not None and count == 1:
                progress(stats.written)
        for name, text in context.items():
            write_atomic(out / name, text)
        result = RunResult(settings.documents, shards, total, time.perf_counter() - started)
        write_outputs(out, facts, settings, result, run)
    except OSError as err:
        raise CorpusError(f"{out}: cannot be written: {err.strerror or err}") from err
    except KeyboardInterrupt:
        raise RunInterrupted(
            f"interrupted: the merge into {out} is not complete; run the same merge again"
        ) from None
    return result


def _part_context(parts: list[Path]) -> dict[str, str]:
    """The universe context and ideas the parts' documents were written with: one
    set, the same in every part (parts that share a cache make the same)."""
    found = {}
    for name in CONTEXT_FILES:
        texts = {p: (p / name).read_bytes() for p in parts if (p / name).exists()}
        if not texts:
            continue
        if len(set(texts.values())) > 1 or len(texts) != len(parts):
            raise CorpusError(
                f"the parts hold different {name} files: their documents were written "
                "with different context; compile the parts with one shared --cache-dir"
            )
        found[name] = next(iter(texts.values())).decode("utf-8")
    return found


def _check_across_parts(
    sources: list[Path],
    count: int,
    threshold: float,
    progress: Callable[[int], None] | None,
) -> None:
    """Every document against the earlier ones, in corpus order, as one process
    checks them; a near-duplicate from another part stops the merge."""
    scratch = tempfile.TemporaryDirectory(prefix="worldspec-merge-")
    index = NearDuplicates(threshold, Path(scratch.name) / "index.sqlite")  # memory stays flat
    try:
        for shard, part in enumerate(sources):
            with open(shard_path(part, shard), encoding="utf-8") as handle:
                for line in handle:
                    record = json.loads(line)
                    position = int(record["id"].rsplit("-", 1)[1])
                    values = signature(record["text"])
                    earlier = index.duplicate_of(values)
                    if earlier is not None and (earlier // SHARD_SIZE) % count != shard % count:
                        raise CorpusError(
                            f"{record['id']} ({part}) nearly repeats document {earlier} of "
                            "another part; one process would have regenerated it. "
                            "Compile with fewer parts"
                        )
                    index.add(position, values)
                    if progress is not None:
                        progress(1)
            index.commit(shard)
    finally:
        index.close()
        scratch.cleanup()
