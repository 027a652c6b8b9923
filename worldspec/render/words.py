"""How values and facts read in prose, shared by the renderers and the verifier
(the verifier must recognise every form a renderer may write)."""

from __future__ import annotations

import datetime as dt

from worldspec.model.world import World
from worldspec.plan import PlannedFact

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def long_date(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def value_text(world: World, fact: PlannedFact) -> str:
    """The object of a planned fact as prose writes it."""
    if not fact.literal:
        entity = world.entities.get(fact.object)
        return entity.label if entity is not None else fact.object
    prop = world.properties.get(fact.property)
    if prop is not None and prop.range == "date":
        try:
            return long_date(dt.date.fromisoformat(fact.object))
        except ValueError:
            return fact.object
    if prop is not None and prop.range == "bool":
        return "yes" if fact.object == "true" else "no"
    if prop is not None and prop.range == "float" and fact.object.endswith(".0"):
        text = fact.object[:-2]
    else:
        text = fact.object
    return text  # units belong to the property's phrases ("{s} is {o} metres tall")


def value_forms(world: World, fact: PlannedFact) -> list[str]:
    """Every way a document may write the object: label, aliases, raw and prose forms."""
    forms = {value_text(world, fact), fact.object}
    if not fact.literal:
        entity = world.entities.get(fact.object)
        if entity is not None:
            forms.update(entity.aka)
    elif fact.object.endswith(".0"):
        forms.add(fact.object[:-2])
    return sorted((f for f in forms if f), key=len, reverse=True)


def subject_forms(world: World, name: str) -> list[str]:
    entity = world.entities.get(name)
    if entity is None:
        return [name]
    return sorted({entity.label, *entity.aka}, key=len, reverse=True)


def label(world: World, name: str) -> str:
    entity = world.entities.get(name)
    return entity.label if entity is not None else name
