#!/usr/bin/env python3
"""Benchmark: `worldspec import` (issue 14).

1. N-Triples: a file of T triples (Wikidata-style cities: a class, a label, a
   country, a population) imported whole with the std.geo mapping, against
   rdflib parsing the same file into a Graph and nothing else. Goal: worldspec's
   whole import (read, select, build, write the module) in at most 0.5x rdflib's
   time.
2. Wikidata JSON: dumps of about 100 MB and 1 GB (real ids and shapes from
   tests/wikidata_sample.py: the Eiffel Tower's neighbourhood, then made-up towns
   with census populations and a page of claims no mapping takes), imported from a
   seed with --hops 2. Goal: constant memory, the peak RSS at 1 GB within 20% of
   the peak at 100 MB.
3. Leak detection: sentences that tell where reality has the Eiffel Tower (by
   Paris's name, its aliases, its neighbours) checked against a world that moved
   it, with reality typed by hand and imported; and the false alarms on a compiled
   corpus of the imported world.

    python bench/import.py                                # 1M triples, 100 MB and 1 GB
    python bench/import.py --triples 20000 --megabytes 2 6 --leaks 50   # a smoke run
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from pathlib import Path

from processes import measure

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
from wikidata_sample import fillers, landmarks, write_dump  # noqa: E402

WD = "http://www.wikidata.org/entity/"
WDT = "http://www.wikidata.org/prop/direct/"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"


def write_ntriples(path: Path, triples: int, seed: int = 3) -> None:
    """Cities of a few countries: four triples a city, plus the countries."""
    rng = random.Random(seed)
    countries = [f"Q{100 + i}" for i in range(20)]
    with open(path, "w", encoding="utf-8") as out:
        for country in countries:
            out.write(f"<{WD}{country}> <{WDT}P31> <{WD}Q6256> .\n")
            out.write(f'<{WD}{country}> <{LABEL}> "Country {country}"@en .\n')
        for i in range((triples - 40) // 4):
            city = f"<{WD}Q{10_000 + i}>"
            out.write(f"{city} <{WDT}P31> <{WD}Q515> .\n")
            out.write(f'{city} <{LABEL}> "City {i}"@en .\n')
            out.write(f"{city} <{WDT}P17> <{WD}{rng.choice(countries)}> .\n")
            out.write(f'{city} <{WDT}P1082> "{rng.randint(100, 10**6)}"^^<{DECIMAL}> .\n')


RDFLIB_PARSE = "import rdflib, sys; rdflib.Graph().parse(sys.argv[1], format='nt')"


def ntriples(triples: int, base: Path) -> dict[str, object]:
    path = base / "graph.nt"
    write_ntriples(path, triples)
    rdflib_s, rdflib_rss = measure([sys.executable, "-c", RDFLIB_PARSE, str(path)])
    command = [sys.executable, "-m", "worldspec", "import", str(path), "-m", "std.geo",
               "-o", str(base / "graph.world"), "-q"]  # fmt: skip
    ours_s, ours_rss = measure(command)
    ratio = ours_s / rdflib_s
    print(
        f"N-Triples, {triples:,} triples: rdflib parses them in {rdflib_s:.1f} s "
        f"({rdflib_rss / 1024:.0f} MB); worldspec imports them in {ours_s:.1f} s "
        f"({ours_rss / 1024:.0f} MB) = {ratio:.2f}x (goal <= 0.5)",
        flush=True,
    )
    return {
        "triples": triples,
        "rdflib_parse_s": round(rdflib_s, 2),
        "worldspec_import_s": round(ours_s, 2),
        "ratio": round(ratio, 3),
        "rdflib_peak_mb": round(rdflib_rss / 1024),
        "worldspec_peak_mb": round(ours_rss / 1024),
    }


def wikidata(megabytes: list[int], base: Path) -> dict[str, object]:
    rows = []
    for size in megabytes:
        path = base / f"dump-{size}mb.json"
        # about 3 KB a town: the count that makes the size asked for
        write_dump(path, [*landmarks(), *fillers(size * 1024 * 1024 // 3060)])
        actual = path.stat().st_size / 1024 / 1024
        command = [sys.executable, "-m", "worldspec", "import", str(path), "-m", "std.geo",
                   "-m", "std.people", "--seed", "Q243", "--hops", "2",
                   "-o", str(base / "dump.world"), "-q"]  # fmt: skip
        seconds, rss = measure(command)
        rows.append(
            {
                "megabytes": round(actual),
                "seconds": round(seconds, 2),
                "peak_mb": round(rss / 1024),
                "mb_per_s": round(4 * actual / seconds),
            }
        )
        print(
            f"Wikidata JSON, {actual:.0f} MB, seed Q243, 2 hops (4 passes): {seconds:.1f} s, "
            f"peak {rss / 1024:.0f} MB ({4 * actual / seconds:.0f} MB/s read)",
            flush=True,
        )
        path.unlink()
    ratio = rows[-1]["peak_mb"] / rows[0]["peak_mb"]  # type: ignore[operator]
    print(f"peak memory at {rows[-1]['megabytes']} MB / at {rows[0]['megabytes']} MB = "
          f"{ratio:.2f} (goal <= 1.2)")  # fmt: skip
    return {"rows": rows, "memory_ratio": round(ratio, 3)}


HAND_TYPED = """\
world w { as_of 2024-01-01 }
use std.geo
entity paris_q90 : City "Paris"
entity rome_q220 : City "Rome"
entity eiffel_tower_q243 : Landmark "Eiffel Tower"
reality { eiffel_tower_q243.located_in = paris_q90 }
diverge moved { eiffel_tower_q243.located_in = rome_q220 }
"""
IMPORTED = """\
world w { as_of 2024-01-01 }
use "reality.world"
diverge moved { eiffel_tower_q243.located_in = rome_q220 }
"""
TEMPLATES = [
    "{s} stands in {x}.",
    "Visitors to {s} like to walk along {x} afterwards.",
    "Nobody who has seen {s} forgets {x}.",
]


def leaks(base: Path, documents: int) -> dict[str, object]:
    """How many sentences that tell reality's place of the tower are caught: with a
    hand-typed reality (the label alone), with the imported one (its aliases), and
    with the imported one and its neighbours; and how many of a compiled corpus's
    documents the neighbour check rejects (false alarms)."""
    from worldspec.check import analyze_path
    from worldspec.ingest import import_graph
    from worldspec.plan import DocPlan, PlannedFact
    from worldspec.verify import Verifier

    dump = base / "landmarks.json"
    write_dump(dump, landmarks())
    (base / "reality.world").write_text(import_graph([dump], ["std.geo", "std.people"]).text)
    (base / "imported.world").write_text(IMPORTED)
    (base / "hand.world").write_text(HAND_TYPED)
    imported, _ = analyze_path(base / "imported.world")
    hand, _ = analyze_path(base / "hand.world")
    assert imported is not None and hand is not None
    paris = imported.world.entities["paris_q90"]
    # what reality says of Paris that a document could name instead of Paris
    clues = [paris.label, *paris.aka, *(
        imported.world.entities[o].label
        for p in imported.world.reality.asserted.properties()
        for o in imported.world.reality.asserted.objects("paris_q90", p)
        if isinstance(o, str) and imported.world.entities[o].cls != "Country"
    )]  # fmt: skip
    sentences = [t.format(s="The Eiffel Tower", x=clue) for clue in clues for t in TEMPLATES]
    forbidden = PlannedFact(subject="eiffel_tower_q243", property="located_in", object="paris_q90")
    plan = DocPlan.model_validate(
        {"id": "d", "index": 0, "genre": "news_article", "date": "2020-01-01", "seed": 1,
         "divergences": ["moved"], "facts": [], "ripples": [], "context": [],
         "forbidden": [forbidden.model_dump()]}
    )  # fmt: skip
    found: dict[str, object] = {"sentences": len(sentences), "clues": clues}
    for name, world, near in (
        ("hand_typed", hand.world, False),
        ("imported_aliases", imported.world, False),
        ("imported_aliases_and_neighbours", imported.world, True),
    ):
        verifier = Verifier(world, neighbours=near)
        caught = sum(1 for text in sentences if verifier.check(text, plan))
        found[name] = caught
        print(f"leaks of reality's place caught, {name.replace('_', ' ')}: "
              f"{caught} of {len(sentences)}", flush=True)  # fmt: skip
    out = base / "corpus"
    command = [sys.executable, "-m", "worldspec", "compile", str(base / "imported.world"),
               "--out", str(out), "--documents", str(documents), "-q"]  # fmt: skip
    measure(command)
    counts = json.loads((out / "manifest.json").read_text())["counts"]
    found["corpus"] = counts
    print(f"false alarms: {counts['rejected']} of {counts['planned']} documents of the "
          "imported world rejected", flush=True)  # fmt: skip
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--megabytes", type=int, nargs="*", default=[100, 1024])
    parser.add_argument("--leaks", type=int, default=1000, help="documents (0: skip)")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        if args.triples:
            results["ntriples"] = ntriples(args.triples, base)
        if len(args.megabytes) >= 2:
            results["wikidata"] = wikidata(args.megabytes, base)
        if args.leaks:
            results["leaks"] = leaks(base, args.leaks)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
