#!/usr/bin/env python3
"""Benchmark: `worldspec check` on generated worlds against rdflib parsing the same
facts as Turtle, both as whole processes, in one run.

Goals (issue 3): at 100k facts worldspec takes at most 0.5x rdflib's time, and
100k facts take at most 12x the time of 10k facts.

    python bench/parse.py                  # 10k and 100k facts, best of 3
    python bench/parse.py --sizes 1000,5000 --repeat 1   # a quick smoke run

Prints one table and the ratios; --json FILE also writes them as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CLASSES = ["Person", "City", "Company", "Product", "Event"]
PROPERTIES = [
    # name, domain, range, kind of value
    ("knows", "Person", "Person", "ref"),
    ("lives_in", "Person", "City", "ref"),
    ("works_for", "Person", "Company", "ref"),
    ("makes", "Company", "Product", "ref"),
    ("nickname", "Person", "string", "string"),
    ("population", "City", "int", "int"),
    ("price", "Product", "float", "float"),
    ("founded", "Company", "date", "date"),
]


def generate(facts: int, seed: int = 1) -> tuple[str, str]:
    """A .world text and the same facts as Turtle."""
    rng = random.Random(seed)
    entities = max(10, facts // 10)
    world = ["world bench {", '  title "Generated benchmark world"', "  as_of 2024-01-01", "}", ""]
    turtle = [
        "@prefix w: <https://worldspec.dev/bench/> .",
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .",
        "",
    ]
    for cls in CLASSES:
        world.append(f"class {cls}")
    for name, domain, range_, _ in PROPERTIES:
        world.append(f'property {name} : {domain} -> {range_} {{ says "{{s}} {name} {{o}}" }}')
    world.append("")
    by_class: dict[str, list[str]] = {cls: [] for cls in CLASSES}
    for index in range(entities):
        cls = CLASSES[index % len(CLASSES)]
        name = f"{cls.lower()}_{index}"
        by_class[cls].append(name)
        label = f"{cls} number {index}"
        world.append(f'entity {name} : {cls} "{label}"')
        turtle.append(f'w:{name} a w:{cls} ; rdfs:label "{label}" .')
    world.append("")
    world.append("reality {")
    for index in range(facts):
        prop, domain, range_, kind = PROPERTIES[index % len(PROPERTIES)]
        subject = rng.choice(by_class[domain])
        if kind == "ref":
            obj = rng.choice(by_class[range_])
            world_value, turtle_value = obj, f"w:{obj}"
        elif kind == "string":
            text = f"nick {index}"
            world_value, turtle_value = f'"{text}"', f'"{text}"'
        elif kind == "int":
            number = rng.randrange(1000, 10_000_000)
            world_value, turtle_value = str(number), str(number)
        elif kind == "float":
            number = round(rng.uniform(1, 1000), 2)
            world_value, turtle_value = repr(number), f'"{number!r}"^^xsd:double'
        else:
            day = (
                f"{rng.randrange(1900, 2024)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
            )
            world_value, turtle_value = day, f'"{day}"^^xsd:date'
        world.append(f"  {subject}.{prop} = {world_value}")
        turtle.append(f"w:{subject} w:{prop} {turtle_value} .")
    world.append("}")
    return "\n".join(world) + "\n", "\n".join(turtle) + "\n"


RDFLIB = (
    "import sys, rdflib\ng = rdflib.Graph()\ng.parse(sys.argv[1], format='turtle')\nprint(len(g))\n"
)


def timed(command: list[str], env: dict[str, str] | None = None) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{done.stdout}\n{done.stderr}")
    return elapsed


def best(command: list[str], repeat: int, env: dict[str, str] | None = None) -> float:
    return min(timed(command, env) for _ in range(repeat))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        default="10000,100000",
        help="comma-separated fact counts; the last is the headline size",
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (best)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    worldspec = [sys.executable, "-m", "worldspec", "check", "--quiet"]
    pure_env = dict(os.environ, WORLDSPEC_PURE_PARSER="1")
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            world_text, turtle_text = generate(size)
            world = Path(tmp) / f"bench_{size}.world"
            turtle = Path(tmp) / f"bench_{size}.ttl"
            world.write_text(world_text, encoding="utf-8")
            turtle.write_text(turtle_text, encoding="utf-8")
            rdflib_s = best([sys.executable, "-c", RDFLIB, str(turtle)], args.repeat)
            fast_s = best([*worldspec, str(world)], args.repeat)
            pure_s = best([*worldspec, str(world)], args.repeat, pure_env)
            results.append(
                {
                    "facts": size,
                    "bytes": len(world_text.encode()),
                    "rdflib_s": round(rdflib_s, 3),
                    "worldspec_s": round(fast_s, 3),
                    "worldspec_pure_s": round(pure_s, 3),
                    "ratio_vs_rdflib": round(fast_s / rdflib_s, 3),
                    "pure_ratio_vs_rdflib": round(pure_s / rdflib_s, 3),
                }
            )
    from worldspec.syntax import accelerator

    print(
        f"worldspec check vs rdflib Turtle parse (whole processes, best of {args.repeat}); "
        f"accelerator: {accelerator()}"
    )
    print(
        f"{'facts':>8} {'rdflib s':>9} {'worldspec s':>12} {'pure s':>8} "
        f"{'ratio':>7} {'pure ratio':>11}"
    )
    for row in results:
        print(
            f"{row['facts']:>8} {row['rdflib_s']:>9.3f} {row['worldspec_s']:>12.3f} "
            f"{row['worldspec_pure_s']:>8.3f} {row['ratio_vs_rdflib']:>7.3f} "
            f"{row['pure_ratio_vs_rdflib']:>11.3f}"
        )
    summary: dict[str, object] = {"rows": results}
    if len(results) >= 2:
        small, large = results[0], results[-1]
        growth = large["worldspec_s"] / small["worldspec_s"]
        pure_growth = large["worldspec_pure_s"] / small["worldspec_pure_s"]
        factor = large["facts"] / small["facts"]
        print(
            f"growth {small['facts']} -> {large['facts']} facts ({factor:.0f}x): "
            f"{growth:.2f}x (pure {pure_growth:.2f}x)"
        )
        summary["growth"] = round(growth, 3)
        summary["pure_growth"] = round(pure_growth, 3)
    headline = results[-1]
    print(
        f"headline: {headline['facts']} facts at {headline['ratio_vs_rdflib']:.3f}x rdflib "
        f"(goal <= 0.5x), pure Python {headline['pure_ratio_vs_rdflib']:.3f}x"
    )
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
