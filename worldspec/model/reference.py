"""How prose refers to an entity: its name with its article, a short common noun for
later mentions, and a pronoun.

An entity may set `article "the"` (the Eiffel Tower), `noun "tower"` and
`pronoun "she"`; a class may set `noun "city"` for its entities. Without them an
entity's name takes no article, its noun is its class's (or the nearest
ancestor's, or the class name in lowercase words: Order_channel, "order channel")
and its pronoun is "it". Defined here, in the model, because planners, renderers
and probes all refer to entities, and they come after the model.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from worldspec.model.world import World

PRONOUNS = ("it", "he", "she", "they")
# how many sentences that refer back to an entity ("It ...", "The firm ...") may
# follow the one that names it and still state a fact of it: renderers write no
# longer runs, and the verifier reads runs this long
CHAIN = 3
ARTICLES = ("the", "a", "an")
DEFAULT_PRONOUN = "it"

# the boundaries between the words of a class name: underscores, and a capital that
# starts a word after a lowercase letter or ends an acronym (HTTPServer: HTTP, Server)
_WORD_BOUNDARY = re.compile(r"_+|(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def name_with_article(world: World, entity: str) -> str:
    """The entity's label with its article where it takes one: "the Eiffel Tower",
    "Paris". A name that is not an entity is returned as it is."""
    info = world.entities.get(entity)
    if info is None:
        return entity
    if not info.article:
        return info.label
    if info.label.lower().startswith(info.article.lower() + " "):
        return info.label  # the label already carries it: "The Hague"
    return f"{info.article} {info.label}"


def noun_of(world: World, entity: str) -> str:
    """The common noun for later mentions of the entity ("tower", "city"): its own,
    else its class's, else the nearest ancestor's that has one, else its class name
    in lowercase words."""
    info = world.entities.get(entity)
    if info is None:
        return "thing"
    if info.noun:
        return info.noun
    for cls in nearest_classes(world, info.cls):
        noun = world.classes[cls].noun
        if noun:
            return noun
    return class_words(info.cls)


def kind_of(world: World, entity: str, avoid: Collection[str] = ()) -> str:
    """What a definition calls the entity ("X is a ..."): its noun, or the nearest
    class noun not in its name where the noun is ("the Eiffel Tower is a landmark",
    not "a tower"); never one of `avoid` (too general: "a place")."""
    noun = noun_of(world, entity)
    info = world.entities.get(entity)
    if info is not None and info.noun and " " in info.noun:
        # an entity's own noun that tells it from its kind ("the Geneva firm", "the
        # steering paper") defines it by its head: "a firm", "a paper"
        noun = info.noun.rsplit(" ", 1)[1]
    if info is None or noun.lower() not in info.label.lower():
        return noun
    for cls in nearest_classes(world, info.cls):
        own = world.classes[cls].noun
        if own and own.lower() not in info.label.lower() and own not in avoid:
            return own
    return noun


def pronoun_of(world: World, entity: str) -> str:
    """The pronoun for the entity: its own (it, he, she or they), else "it"."""
    info = world.entities.get(entity)
    if info is None or info.pronoun not in PRONOUNS:
        return DEFAULT_PRONOUN
    return info.pronoun


def class_words(name: str) -> str:
    """A class name as lowercase words: Order_channel and OrderChannel, "order
    channel". An acronym keeps its capitals: API_key, "API key"."""
    words = [w for w in _WORD_BOUNDARY.split(name) if w]
    return " ".join(w if len(w) > 1 and w.isupper() else w.lower() for w in words) or name


def nearest_classes(world: World, cls: str) -> list[str]:
    """`cls` and its declared ancestors, breadth first, parents in declared order."""
    order: list[str] = []
    queue = [cls]
    while queue:
        current = queue.pop(0)
        if current in order or current not in world.classes:
            continue
        order.append(current)
        queue.extend(world.classes[current].parents)
    return order
