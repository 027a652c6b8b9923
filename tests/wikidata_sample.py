"""Wikidata JSON dumps for the import's tests and bench/import.py: real ids and
shapes (labels, aliases, claims with ranks and qualifiers), made up to any size.

`landmarks()` is a small, fixed slice of real Wikidata (Paris, France, the Eiffel
Tower, Gustave Eiffel...), and `fillers(n)` adds n cities with populations by
census, so that a dump can be as large as a benchmark needs. `write_dump` writes
them as Wikidata does: a JSON array with one entity a line.
"""

from __future__ import annotations

import bz2
import gzip
import json
import random
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

Entity = dict[str, Any]


def entity(
    qid: str, label: str, p31: str | None, aliases: Iterable[str] = (), **claims: list[Any]
) -> Entity:
    found: dict[str, list[Any]] = {"P31": [claim("P31", item(p31))]} if p31 else {}
    for prop, values in claims.items():
        found.setdefault(prop, []).extend(values)
    return {
        "type": "item",
        "id": qid,
        "labels": {
            "en": {"language": "en", "value": label},
            "fr": {"language": "fr", "value": f"{label} (fr)"},
        },
        "aliases": {"en": [{"language": "en", "value": a} for a in aliases]},
        "claims": found,
    }


def item(qid: str) -> dict[str, Any]:
    return {
        "type": "wikibase-entityid",
        "value": {"entity-type": "item", "id": qid, "numeric-id": int(qid[1:])},
    }


def time(day: str, precision: int = 11) -> dict[str, Any]:
    calendar = "http://www.wikidata.org/entity/Q1985727"
    value = {"time": f"+{day}T00:00:00Z", "precision": precision, "calendarmodel": calendar}
    return {"type": "time", "value": value}


def quantity(amount: float | int) -> dict[str, Any]:
    return {"type": "quantity", "value": {"amount": f"+{amount}", "unit": "1"}}


def claim(
    prop: str, value: dict[str, Any], rank: str = "normal", **qualifiers: dict[str, Any]
) -> dict[str, Any]:
    found: dict[str, Any] = {
        "mainsnak": {"snaktype": "value", "property": prop, "datavalue": value},
        "type": "statement",
        "rank": rank,
    }
    if qualifiers:
        found["qualifiers"] = {
            q: [{"snaktype": "value", "property": q, "datavalue": v}] for q, v in qualifiers.items()
        }
    return found


def landmarks() -> list[Entity]:
    return [
        entity("Q90", "Paris", "Q515", ["City of Light"],
               P17=[claim("P17", item("Q142"))],
               P1082=[claim("P1082", quantity(2165423), P585=time("2019-01-01")),
                      claim("P1082", quantity(2133111), "preferred", P585=time("2021-01-01"))],
               P206=[claim("P206", item("Q1471"))]),
        entity("Q142", "France", "Q6256", ["French Republic"],
               P36=[claim("P36", item("Q90"))], P30=[claim("P30", item("Q46"))],
               P47=[claim("P47", item("Q38"))]),
        entity("Q38", "Italy", "Q6256", [],
               P36=[claim("P36", item("Q220"), P580=time("1871-02-03"))],
               P47=[claim("P47", item("Q142"))]),
        entity("Q220", "Rome", "Q515", ["Eternal City"], P17=[claim("P17", item("Q38"))]),
        entity("Q46", "Europe", "Q5107"),
        entity("Q1471", "Seine", "Q4022", [], P2043=[claim("P2043", quantity(777))]),
        entity("Q243", "Eiffel Tower", "Q570116", ["Tour Eiffel"],
               P131=[claim("P131", item("Q90"))],
               # the height over the years, as Wikidata dates it (the aerials added)
               P2048=[claim("P2048", quantity(312), P585=time("1889-03-31")),
                      claim("P2048", quantity(320.8), P585=time("1957-01-01")),
                      claim("P2048", quantity(324), P585=time("2000-01-01")),
                      claim("P2048", quantity(330), "preferred", P585=time("2022-03-15"))],
               P1619=[claim("P1619", time("1889-03-31"))], P84=[claim("P84", item("Q20882"))],
               P2046=[claim("P2046", quantity(1), "deprecated")]),
        entity("Q20882", "Gustave Eiffel", "Q5", [],
               P19=[claim("P19", item("Q7003"))], P569=[claim("P569", time("1832-12-15"))],
               P570=[claim("P570", time("1923-12-27"))], P20=[claim("P20", item("Q90"))],
               P27=[claim("P27", item("Q142"))]),
        entity("Q7003", "Dijon", "Q515", [], P17=[claim("P17", item("Q142"))]),
    ]  # fmt: skip


def fillers(count: int, seed: int = 7, first: int = 1_000_000) -> Iterator[Entity]:
    """`count` made-up cities of France or Italy, with populations by census and a
    page's worth of claims that no mapping takes (as real entities have)."""
    rng = random.Random(seed)
    for i in range(count):
        qid = f"Q{first + i}"
        censuses = [
            claim("P1082", quantity(rng.randint(1_000, 900_000)), P585=time(f"{year}-01-01"))
            for year in (1990, 2000, 2010, 2020)
        ]
        noise = {f"P{9000 + k}": [claim(f"P{9000 + k}", quantity(rng.random()))] for k in range(6)}
        country = [claim("P17", item(rng.choice(["Q142", "Q38"])))]
        yield entity(
            qid, f"Town {i}", "Q515", [f"Town number {i}"], P17=country, P1082=censuses, **noise
        )


def write_dump(path: Path, entities: Iterable[Entity]) -> None:
    """A dump as Wikidata writes one: `[`, an entity a line ending in `,`, `]`;
    gzip or bz2 by the name."""
    opener: Any = (
        gzip.open if path.name.endswith(".gz") else bz2.open if path.name.endswith(".bz2") else open
    )
    with opener(path, "wt", encoding="utf-8") as out:
        out.write("[\n")
        first = True
        for found in entities:
            out.write(("" if first else ",\n") + json.dumps(found, separators=(",", ":")))
            first = False
        out.write("\n]\n")
