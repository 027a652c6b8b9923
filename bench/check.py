#!/usr/bin/env python3
"""Benchmarks for the checker (issue 4), each against a reference in the same run.

1. `worldspec check` (parse, resolve, rules, constraints, hygiene) on generated
   worlds against rdflib parsing the same facts as Turtle, as whole processes,
   with peak memory (max RSS) for both. Goals: at most 1.0x rdflib at 100k facts,
   growth close to linear, less memory than rdflib at 1M facts.
2. The rule engine computing a transitive closure (chain and tree) against
   networkx's `transitive_closure_dag` on the same graph, in-process.

    python bench/check.py                              # 10k, 100k, 1M facts
    python bench/check.py --sizes 1000,10000 --closure-chain 300 --closure-tree 2000
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import processes
from parse import generate

# Rules of the kinds worlds use, deriving about a fifth as many facts as are
# asserted: comparisons on literals, an inverse, a two-pattern join, a chain
# through a derived fact; and two constraints.
RULES = """
rule historic: ?c.founded = ?d, ?d < 1950-01-01 => ?c.historic = true
rule premium: ?p.price = ?v, ?v > 900.0 => ?p.premium = true
rule premium_maker: ?c.makes = ?p, ?p.premium = true => ?c.premium_maker = true
rule known_by: ?a.knows = ?b => ?b.known_by = ?a
rule big_city: ?c.population = ?n, ?n > 9000000 => ?c.big = true
constraint nobody_knows_themselves: never ?x.knows = ?x
constraint prices_positive: ?p.price = ?v => ?v > 0
"""
SCHEMA_EXTRA = """
property historic : Company -> bool [one] { says "whether {s} is a historic firm: {o}" }
property premium : Product -> bool [one] { says "whether {s} is a premium product: {o}" }
property premium_maker : Company -> bool [one] { says "whether {s} makes premium goods: {o}" }
property known_by : Person -> Person { says "{s} is known by {o}" }
property big : City -> bool [one] { says "whether {s} is a big city: {o}" }
"""


def world_with_rules(facts: int) -> tuple[str, str]:
    world, turtle = generate(facts)
    people = [line.split()[1] for line in world.splitlines() if line.startswith("entity person_")]
    city = next(line.split()[1] for line in world.splitlines() if line.startswith("entity city_"))
    divergences = "".join(
        f"diverge moved_{i} {{ {person}.lives_in = {city} }}\n"
        for i, person in enumerate(people[: max(1, min(20, len(people)))])
    )
    trap = (
        f"trap planted on moved_0 {{\n  tripwire /{people[0]} lives in an unexpected place/\n}}\n"
    )
    return world + SCHEMA_EXTRA + RULES + divergences + trap, turtle


RDFLIB = "import sys, rdflib\ng = rdflib.Graph()\ng.parse(sys.argv[1], format='turtle')\n"


def measure(command: list[str], env: dict[str, str] | None = None) -> tuple[float, int]:
    """Wall time and peak RSS (KiB) of a whole process (a check may exit 1)."""
    return processes.measure(command, env, ok=(0, 1))


def best(command: list[str], repeat: int) -> tuple[float, int]:
    runs = [measure(command) for _ in range(repeat)]
    return min(r[0] for r in runs), max(r[1] for r in runs)


def closure_bench(chain: int, tree: int) -> list[dict[str, object]]:
    """The rule engine's transitive closure against networkx's, in-process."""
    import networkx as nx

    from worldspec import parse
    from worldspec.model.resolve import build_world
    from worldspec.model.rules import compile_program, saturate

    rows: list[dict[str, object]] = []
    for shape, size in (("chain", chain), ("tree", tree)):
        if shape == "chain":
            edges = [(i, i + 1) for i in range(size - 1)]
        else:
            edges = [((i - 1) // 2, i) for i in range(1, size)]
        text = (
            "class Node\nproperty next : Node -> Node\nproperty reaches : Node -> Node\n"
            + "".join(f"entity n{i} : Node\n" for i in range(size))
            + "reality {\n"
            + "".join(f"  n{a}.next = n{b}\n" for a, b in edges)
            + "}\n"
            + "rule step: ?a.next = ?b => ?a.reaches = ?b\n"
            + "rule far: ?a.reaches = ?b, ?b.next = ?c => ?a.reaches = ?c\n"
        )
        world, _ = build_world([parse(text).module])
        rules, _, _ = compile_program(world)
        started = time.perf_counter()
        saturate(world, world.reality, rules)
        ours = time.perf_counter() - started
        derived = len(world.reality.derived.facts)
        graph = nx.DiGraph(edges)
        started = time.perf_counter()
        closure = nx.transitive_closure_dag(graph)
        theirs = time.perf_counter() - started
        if derived != closure.number_of_edges():
            raise SystemExit(f"closure mismatch: {derived} vs {closure.number_of_edges()}")
        rows.append(
            {
                "shape": shape,
                "nodes": size,
                "closure_pairs": derived,
                "worldspec_s": round(ours, 3),
                "networkx_s": round(theirs, 3),
                "ratio": round(ours / theirs, 2),
            }
        )
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument(
        "--closure-chain",
        type=int,
        default=2000,
        help="nodes of the chain (its closure has n(n-1)/2 pairs)",
    )
    parser.add_argument("--closure-tree", type=int, default=20000)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in [int(s) for s in args.sizes.split(",")]:
            world_text, turtle_text = world_with_rules(size)
            world = Path(tmp) / f"check_{size}.world"
            turtle = Path(tmp) / f"check_{size}.ttl"
            world.write_text(world_text, encoding="utf-8")
            turtle.write_text(turtle_text, encoding="utf-8")
            rdflib_s, rdflib_kb = best([sys.executable, "-c", RDFLIB, str(turtle)], args.repeat)
            ours_s, ours_kb = best(
                [sys.executable, "-m", "worldspec", "check", "-q", str(world)], args.repeat
            )
            rows.append(
                {
                    "facts": size,
                    "rdflib_s": round(rdflib_s, 2),
                    "worldspec_s": round(ours_s, 2),
                    "ratio": round(ours_s / rdflib_s, 3),
                    "rdflib_peak_mb": round(rdflib_kb / 1024),
                    "worldspec_peak_mb": round(ours_kb / 1024),
                    "memory_ratio": round(ours_kb / rdflib_kb, 3),
                }
            )
    print("worldspec check (rules, constraints, hygiene) vs rdflib Turtle parse, whole processes")
    print(
        f"{'facts':>9} {'rdflib s':>9} {'worldspec s':>12} {'ratio':>6} {'rdflib MB':>10} "
        f"{'worldspec MB':>13} {'mem ratio':>9}"
    )
    for row in rows:
        print(
            f"{row['facts']:>9} {row['rdflib_s']:>9} {row['worldspec_s']:>12} {row['ratio']:>6} "
            f"{row['rdflib_peak_mb']:>10} {row['worldspec_peak_mb']:>13} "
            f"{row['memory_ratio']:>9}"
        )
    if len(rows) >= 2:
        first, last = rows[0], rows[-1]
        factor = last["facts"] / first["facts"]  # type: ignore[operator]
        growth = last["worldspec_s"] / first["worldspec_s"]  # type: ignore[operator]
        print(f"growth {first['facts']} -> {last['facts']} facts ({factor:.0f}x): {growth:.1f}x")
    closure = closure_bench(args.closure_chain, args.closure_tree)
    print("transitive closure: worldspec rules (per graph) vs networkx transitive_closure_dag")
    for row in closure:
        print(
            f"  {row['shape']:>5} {row['nodes']:>6} nodes, {row['closure_pairs']:>9} pairs: "
            f"worldspec {row['worldspec_s']} s, networkx {row['networkx_s']} s, "
            f"ratio {row['ratio']}"
        )
    if args.json:
        args.json.write_text(json.dumps({"check": rows, "closure": closure}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
