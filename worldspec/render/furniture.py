"""Genre furniture: the people a document is by, to and among (a byline, a sender
and a recipient, forum users, an interview's guest). Drawn by the document's seed
from Faker's curated name lists (the lists only: Faker's own seeded calls cost more
than rendering a document), so that no name recurs in more than a few documents.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence

Draw = Callable[[], float]


@functools.cache
def _names() -> tuple[tuple[str, ...], tuple[str, ...]]:
    from faker.providers.person.en_US import Provider

    return tuple(Provider.first_names), tuple(Provider.last_names)


def load() -> None:
    """Load the name lists now: a worker forked after inherits them."""
    _names()


def _pick(items: tuple[str, ...], draw: Draw) -> str:
    return items[int(draw() * len(items))]


def first_name(draw: Draw) -> str:
    return _pick(_names()[0], draw)


def person(draw: Draw, year: int | None = None) -> str:
    """A full name; before `INITIALS_UNTIL`, as bylines and letters then gave it,
    with an initial ("J. Whitmore"): Faker's first names are today's, and readers
    caught "Tasha Delacruz" signing a report of 1964."""
    firsts, lasts = _names()
    first, last = _pick(firsts, draw), _pick(lasts, draw)
    while last == first:  # "Thomas Thomas" reads as a slip
        last = _pick(lasts, draw)
    if year is not None and year < INITIALS_UNTIL:
        return f"{first[0]}. {last}"
    return f"{first} {last}"


INITIALS_UNTIL = 1970


def handle(draw: Draw) -> str:
    """A forum user name, as people make them: "maria_l", "lopez84", "mlopez"."""
    firsts, lasts = _names()
    first, last = _pick(firsts, draw).lower(), _pick(lasts, draw).lower()
    shape = int(draw() * 5)
    number = 10 + int(draw() * 90)
    if shape == 0:
        return f"{first}_{last[0]}"
    if shape == 1:
        return f"{last}{number}"
    if shape == 2:
        return f"{first[0]}{last}"
    if shape == 3:
        return f"{first}.{last}"
    return f"{first}{number}"


def roles_of(roles: Mapping[str, Sequence[str]], lineage: Sequence[str]) -> Sequence[str]:
    """The roles someone may speak as, from `roles` by class: those of the first of
    `lineage` (a class, then the classes above it) that has some, else "*"'s."""
    return next((roles[c] for c in lineage if roles.get(c)), None) or roles.get("*") or ()


def role(roles: Mapping[str, Sequence[str]], lineage: Sequence[str], draw: Draw) -> str:
    """What someone speaks as (`roles_of`), drawn; "" with none."""
    found = roles_of(roles, lineage)
    return _pick(tuple(found), draw) if found else ""
