#!/usr/bin/env python3
"""Benchmark: probe generation against the check of the same world (issue 7).

A generated world of --facts facts with rules and 20 divergences (bench/check.py's
generator). In the same run: `worldspec check` as a whole process, and, in one
process, the analysis then `make_probes` alone. Goal: probe generation in well
under the time of the check.

    python bench/probes.py                  # 100k facts
    python bench/probes.py --facts 5000     # a smoke run
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check import world_with_rules


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=100_000)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    from worldspec.check import analyze_path
    from worldspec.evaluate import make_probes

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.world"
        path.write_text(world_with_rules(args.facts)[0], encoding="utf-8")
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "worldspec", "check", str(path), "-q"], capture_output=True
        )
        check_s = time.perf_counter() - started
        analysis, _ = analyze_path(path)
        assert analysis is not None
        started = time.perf_counter()
        probes = list(make_probes(analysis))
        probes_s = time.perf_counter() - started
    ratio = probes_s / check_s
    print(
        f"{args.facts} facts: worldspec check {check_s:.2f} s, probe generation "
        f"{probes_s:.3f} s for {len(probes)} probes = {ratio:.3f}x the check"
    )
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "facts": args.facts,
                    "check_s": round(check_s, 2),
                    "probes_s": round(probes_s, 3),
                    "probes": len(probes),
                    "ratio": round(ratio, 3),
                },
                indent=2,
            )
            + "\n"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
