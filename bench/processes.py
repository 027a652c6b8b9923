"""Wall time and peak memory of a command as a whole process, for the benchmarks."""

from __future__ import annotations

import subprocess
import sys

# runs the command in a child of its own, so that RUSAGE_CHILDREN is the command's
# peak RSS alone (not the benchmark's, nor an earlier command's)
_WRAPPER = (
    "import resource, subprocess, sys, time\n"
    "t = time.perf_counter()\n"
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
    "elapsed = time.perf_counter() - t\n"
    "rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "print(code, elapsed, rss)\n"
)


def measure(
    command: list[str], env: dict[str, str] | None = None, ok: tuple[int, ...] = (0,)
) -> tuple[float, int]:
    """Wall time (s) and peak RSS (KiB) of `command`; SystemExit when its exit code is
    not one of `ok`."""
    done = subprocess.run(
        [sys.executable, "-c", _WRAPPER, *command],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    code, elapsed, rss = done.stdout.split()
    if int(code) not in ok:
        raise SystemExit(f"failed ({code}): {' '.join(command)}\n{done.stderr}")
    return float(elapsed), int(rss)
