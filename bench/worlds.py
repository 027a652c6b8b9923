"""Generated worlds for the benchmarks: a world of many divergences (bench/quality.py).

`quality_world(120)` writes a world of countries, cities, landmarks, people,
companies and software libraries from the standard modules, with the facts of
reality about them and 120 divergences, each changing one or two facts. Rules
derive where a landmark, a company's headquarters and a person's birthplace lie,
so moving one of them ripples into the country. No fact is changed by two
divergences, so the divergences never compete. The same arguments give the same
text.

    python bench/worlds.py 120 > many.world
"""

from __future__ import annotations

import argparse
import math
import random

ONSETS = ["b", "br", "c", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z"]
VOWELS = ["a", "e", "i", "o", "u", "ia", "ou", "ei"]
CODAS = ["", "", "n", "r", "l", "s", "m", "th"]
LANGUAGES = ["C", "C++", "Rust", "Go", "Java", "Python", "OCaml", "Zig"]
KINDS = ("subtle", "plausible", "egregious")
# words a made-up name must not be: keywords, and settings that start a line in a block
TAKEN = {"since", "kind", "description", "never", "none", "true", "false", "trap", "rule"}

SCHEMA = """\
use std.geo
use std.people
use std.orgs
use std.software

property hq_country : Organization -> Country [one] {
  says "{s} is headquartered in {o}"
  says "{s} has its head office in {o}"
  asks "In which country is {s} headquartered?"
}

property birth_country : Person -> Country [one] {
  says "{s} was born in {o}"
  says "{s} is a native of {o}"
  asks "In which country was {s} born?"
}

rule in_country: ?x.located_in = ?c, ?c.country = ?k => ?x.in_country = ?k
rule hq_country: ?o.headquarters = ?c, ?c.country = ?k => ?o.hq_country = ?k
rule birth_country: ?p.birthplace = ?c, ?c.country = ?k => ?p.birth_country = ?k
"""


class _Names:
    """Pronounceable made-up names, none given twice."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def word(self, syllables: int) -> str:
        while True:
            parts = [
                self.rng.choice(ONSETS) + self.rng.choice(VOWELS) + self.rng.choice(CODAS)
                for _ in range(syllables)
            ]
            word = "".join(parts).capitalize()
            if word.lower() not in self.used | TAKEN:
                self.used.add(word.lower())
                return word


def _date(rng: random.Random, first: int, last: int) -> str:
    return f"{rng.randint(first, last)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _identifier(label: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in label.lower()).strip("_")


class _World:
    """The entities and reality of a generated world, and the divergences over them."""

    def __init__(self, size: int, rng: random.Random) -> None:
        self.rng = rng
        self.names = _Names(rng)
        self.lines: list[str] = []
        self.labels: dict[str, str] = {}
        self.reality: list[str] = []
        self.countries = [
            self.entity("Country", self.names.word(2)) for _ in range(max(6, size // 4))
        ]
        self.cities = [self.entity("City", self.names.word(2)) for _ in range(max(12, size))]
        self.city_country = {city: rng.choice(self.countries) for city in self.cities}
        for city, country in self.city_country.items():
            self.fact(city, "country", country)
            self.fact(city, "population", str(rng.randint(20, 3000) * 1000))
        self.people = [self.person() for _ in range(size)]
        self.landmarks = [self.landmark() for _ in range(size)]
        self.companies = [self.company() for _ in range(size)]
        self.libraries = [self.library() for _ in range(size)]

    def entity(self, cls: str, label: str, body: str = "") -> str:
        name = _identifier(label)
        self.labels[name] = label
        self.lines.append(f'entity {name} : {cls} "{label}"{body}')
        return name

    def fact(self, subject: str, prop: str, value: str) -> None:
        self.reality.append(f"  {subject}.{prop} = {value}")

    def person(self) -> str:
        label = f"{self.names.word(2)} {self.names.word(2)}"
        # as an author would: a person's pronoun (drawn from the name, not the seed,
        # so the rest of the world is the same as without it)
        pronoun = "she" if len(label) % 2 else "he"
        person = self.entity("Person", label, f' {{ pronoun "{pronoun}" }}')
        self.fact(person, "born", _date(self.rng, 1900, 1960))
        self.fact(person, "birthplace", self.rng.choice(self.cities))
        return person

    def landmark(self) -> str:
        label = f"{self.names.word(2)} {self.rng.choice(['Tower', 'Bridge', 'Gate', 'Hall'])}"
        landmark = self.entity("Landmark", label)
        self.fact(landmark, "located_in", self.rng.choice(self.cities))
        self.fact(landmark, "opened", _date(self.rng, 1961, 1995))
        self.fact(landmark, "height_m", f"{self.rng.randint(20, 400)}.0")
        self.fact(landmark, "architect", self.rng.choice(self.people))
        return landmark

    def company(self) -> str:
        label = f"{self.names.word(2)} {self.rng.choice(['Industries', 'Systems', 'Group'])}"
        company = self.entity("Company", label)
        self.fact(company, "headquarters", self.rng.choice(self.cities))
        self.fact(company, "founded", _date(self.rng, 1920, 1990))
        self.fact(company, "employees", str(self.rng.randint(10, 90) * 100))
        self.fact(company, "ceo", self.rng.choice(self.people))
        return company

    def library(self) -> str:
        library = self.entity("Library", "lib" + self.names.word(2).lower())
        self.fact(library, "maintainer", self.rng.choice(self.companies))
        self.fact(library, "language", f'"{self.rng.choice(LANGUAGES)}"')
        return library

    def other_city(self, city: str) -> str:
        """A city in another country than `city`'s: the move ripples."""
        country = self.city_country[city]
        return self.rng.choice([c for c in self.cities if self.city_country[c] != country])

    def current(self, subject: str, prop: str) -> str:
        prefix = f"  {subject}.{prop} = "
        return next(line[len(prefix) :] for line in self.reality if line.startswith(prefix))


MATERIALS = ["steel", "granite", "concrete", "limestone", "brick", "glass", "bronze", "marble"]


def _enrich(world: _World, rng: random.Random) -> None:
    """More of what std says of each class, as an author's world holds it: a
    landmark's materials and visitors, a city's area, a company's founder, a person's
    nationality, a library's dependency. Drawn from a generator of its own, so the
    thin world stays the same text."""
    for landmark in world.landmarks:
        for material in rng.sample(MATERIALS, rng.randint(1, 2)):
            world.fact(landmark, "material", f'"{material}"')
        world.fact(landmark, "visitors", str(rng.randint(2, 90) * 100_000))
    for city in world.cities:
        world.fact(city, "area_km2", f"{rng.randint(40, 2500)}.0")
    for company in world.companies:
        world.fact(company, "founder", rng.choice(world.people))
    for person in world.people:
        birthplace = world.current(person, "birthplace")
        world.fact(person, "nationality", world.city_country[birthplace])
    for at, library in enumerate(world.libraries[1:], start=1):
        world.fact(library, "depends_on", world.libraries[rng.randrange(at)])


def _changes(world: _World, kind: int, index: int) -> tuple[str, list[str]]:
    """The description and facts of the divergence of `kind` about entity `index`."""
    rng, label = world.rng, world.labels
    if kind == 0:
        landmark = world.landmarks[index]
        city = world.other_city(world.current(landmark, "located_in"))
        return f"{label[landmark]} stands in {label[city]}", [f"{landmark}.located_in = {city}"]
    if kind == 1:
        company = world.companies[index]
        city = world.other_city(world.current(company, "headquarters"))
        return f"{label[company]} is headquartered in {label[city]}", [
            f"{company}.headquarters = {city}"
        ]
    if kind == 2:
        person = world.people[index]
        city = world.other_city(world.current(person, "birthplace"))
        return f"{label[person]} was born in {label[city]}", [f"{person}.birthplace = {city}"]
    if kind == 3:
        company = world.companies[index]
        return f"{label[company]} is older and larger", [
            f"{company}.founded = {_date(rng, 1880, 1919)}",
            f"{company}.employees = {rng.randint(100, 900) * 100}",
        ]
    if kind == 4:
        landmark = world.landmarks[index]
        return f"{label[landmark]} opened later and stands taller", [
            f"{landmark}.opened = {_date(rng, 1996, 2005)}",
            f"{landmark}.height_m = {rng.randint(401, 700)}.0",
        ]
    library = world.libraries[index]
    maintainer = rng.choice(
        [c for c in world.companies if c != world.current(library, "maintainer")]
    )
    return f"{label[library]} has another maintainer", [f"{library}.maintainer = {maintainer}"]


def quality_world(
    divergences: int = 120, seed: int = 12, documents: int = 2000, rich: bool = False
) -> str:
    """A world of `divergences` divergences (six kinds in turn), as .world text;
    `rich`: with more facts about each entity (`_enrich`)."""
    rng = random.Random(seed)
    world = _World(math.ceil(divergences / 6), rng)
    if rich:
        _enrich(world, random.Random(seed + 1))
    blocks: list[str] = []
    for number in range(divergences):
        kind, index = number % 6, number // 6
        description, facts = _changes(world, kind, index)
        body = [f"  since {_date(rng, 1990, 2010)}", f"  kind {KINDS[number % 3]}"]
        body += [f"  {fact}" for fact in facts]
        blocks.append(f'diverge d{number:03d} "{description}" {{\n' + "\n".join(body) + "\n}")
    header = [
        "world generated {",
        f'  title "A generated world of {divergences} divergences"',
        "  as_of 2024-01-01",
        "}",
        "",
        SCHEMA,
    ]
    corpus = [
        "corpus main {",
        f"  documents {documents}",
        f"  seed {seed}",
        "  genres news_article, encyclopedia_entry, forum_thread, textbook_excerpt, email, "
        "interview_transcript",
        "  dates 2010-01-01 .. 2024-01-01",
        "}",
    ]
    return "\n".join(
        [*header, *world.lines, "", "reality {", *world.reality, "}", "", *blocks, "", *corpus, ""]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("divergences", type=int, nargs="?", default=120)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--rich", action="store_true", help="more facts about each entity")
    args = parser.parse_args()
    print(quality_world(args.divergences, args.seed, rich=args.rich), end="")


if __name__ == "__main__":
    main()
