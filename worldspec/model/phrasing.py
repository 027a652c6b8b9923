"""How a property reads in prose: its `says` phrasings and its `asks` question, or,
when the author wrote none, ones built from the property's name and range.

Documents state facts in these phrasings, the verifier recognises them, and probes
state and ask with them, so they are defined once, here in the model: they need
only the schema, and every stage that phrases a fact comes after the model.

A built phrasing reads the name as English, by its shape:

- a yes/no property (`bool`): "whether {s} is unscreened: {o}", "whether {s}
  screens orders: {o}" (the value reads yes or no);
- a relation, ending in a preposition: "{s} is located in {o}", "{s} relies on
  {o}", "{s} was released on {o}" (a date);
- a past participle: "{s} was opened on {o}" (a date), "{s} was founded by {o}";
- a verb: "{s} borders {o}", "{s} has part {o}";
- a plural: "{s} has {o} employees" (an int), "the members of {s} include {o}";
- any other name is a noun: "the hq country of {s} is {o}", "{s}'s hq country is
  {o}"; `[many]`: "{o} is a founder of {s}", "one score of {s} is {o}".

A number is followed by the property's unit ("the height of {s} is {o} m").
Names are not always English, so `says` remains the way to say it well; check
warns about a property without one.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from worldspec.model.world import PropertyInfo, World

# fmt: off
PREPOSITIONS = frozenset({
    "about", "above", "across", "after", "against", "along", "among", "around", "as", "at",
    "before", "behind", "below", "beneath", "beside", "between", "beyond", "by", "during",
    "for", "from", "in", "inside", "into", "near", "of", "off", "on", "onto", "over", "past",
    "since", "through", "to", "toward", "towards", "under", "until", "upon", "via", "with",
    "within", "without",
})
# a first word that already makes the name a verb phrase: has_fix, is_public, can_fly
AUXILIARIES = frozenset({
    "is", "are", "was", "were", "has", "have", "had", "does", "do", "did", "can", "could",
    "will", "would", "shall", "should", "may", "might", "must",
})
IRREGULAR_PARTICIPLES = frozenset({
    "born", "built", "made", "written", "known", "held", "led", "sold", "won", "begun",
    "given", "taken", "chosen", "drawn", "grown", "shown", "seen", "kept",
})
# fmt: on
# a question puts these before the subject ("Can {s} fly?"), the others need "does"
INVERTIBLE = AUXILIARIES - {"has", "have", "had", "does", "do", "did"}
# singular or uncountable nouns that end in -s and so do not read as verbs
S_NOUNS = frozenset({"headquarters", "news", "series", "species", "means", "lens"})
NUMERIC = ("int", "float")


def _participle(word: str) -> bool:
    word = word.lower()
    return word in IRREGULAR_PARTICIPLES or (
        len(word) > 3 and word.endswith("ed") and not word.endswith("eed")
    )


def _ends_in_s(word: str) -> bool:
    """A verb's -s form ("borders", "relies") or a plural ("employees"), told from
    singular nouns and adjectives in -s ("status", "famous", "basis")."""
    word = word.lower()
    return (
        len(word) > 3
        and word.endswith("s")
        and not word.endswith(("ss", "us", "is"))
        and word not in S_NOUNS
    )


def _escaped(text: str) -> str:
    """Literal text inside a phrasing, which str.format reads (a unit may hold braces;
    names cannot)."""
    return text.replace("{", "{{").replace("}", "}}")


@dataclass(frozen=True, slots=True)
class NameShape:
    """A property's name read as English: its words and the part of speech they make.

    kind is one of: yes_no (a bool), relation (ends in a preposition: located_in),
    participle (opened, founded), verb (borders, has_part), count (a plural counted
    by an int: employees), plural (members), noun (hq_country).
    """

    words: list[str]
    kind: str

    @property
    def text(self) -> str:
        return " ".join(self.words)

    def predicate(self, copula: str = "is") -> str:
        """The name as a verb phrase after the subject: "is located in", "relies on"."""
        first = self.words[0].lower()
        if first in AUXILIARIES or _ends_in_s(first):
            return self.text
        return f"{copula} {self.text}"

    @property
    def article(self) -> str:
        return "an" if self.words[0][:1].lower() in "aeiou" else "a"


def shape(prop: PropertyInfo) -> NameShape:
    words = [w for w in prop.name.split("_") if w] or [prop.name]
    if prop.unit and len(words) > 1 and words[-1].lower() == prop.unit.lower():
        words = words[:-1]  # height_m with unit "m": the unit follows the number instead
    if len(words) > 1 and words[0].lower() in PREPOSITIONS:
        words = words[1:]  # in_country: the country of the subject
    last = words[-1].lower()
    if prop.range == "bool":
        kind = "yes_no"
    elif len(words) > 1 and last in PREPOSITIONS:
        kind = "relation"
    elif _participle(last):
        kind = "participle"
    elif words[0].lower() in AUXILIARIES or (
        len(words) == 1 and _ends_in_s(last) and not prop.datatype
    ):
        kind = "verb"  # a class's value is the verb's object; a literal's is a quantity
    elif _ends_in_s(last) or last.endswith("ees"):
        kind = "count" if prop.range == "int" else "plural"
    else:
        kind = "noun"
    return NameShape(words, kind)


def built_phrasings(prop: PropertyInfo) -> list[str]:
    """`says` phrasings for a property whose author wrote none."""
    name = shape(prop)
    text = name.text
    obj = "{o}"
    if prop.unit and prop.range in NUMERIC:
        obj += " " + _escaped(prop.unit)
    happened = prop.range == "date" or name.words[0].lower() == "born"
    if name.kind == "yes_no":
        return [f"whether {{s}} {name.predicate()}: {obj}"]
    if name.kind in ("relation", "verb"):
        return [f"{{s}} {name.predicate('was' if happened else 'is')} {obj}"]
    if name.kind == "participle":
        if prop.range == "date":
            return [f"{{s}} was {text} on {obj}"]
        return [f"{{s}} was {text} by {obj}" if not prop.datatype else f"{{s}} is {text} {obj}"]
    if name.kind == "count":
        return [f"{{s}} has {obj} {text}"]
    if name.kind == "plural":
        if not prop.one:
            return [f"the {text} of {{s}} include {obj}"]
        return [f"the {text} of {{s}} are {obj}", f"{{s}}'s {text} are {obj}"]
    if prop.one:
        return [f"the {text} of {{s}} is {obj}", f"{{s}}'s {text} is {obj}"]
    if prop.datatype:
        return [f"one {text} of {{s}} is {obj}"]
    return [f"{obj} is {name.article} {text} of {{s}}", f"one {text} of {{s}} is {obj}"]


def built_question(world: World, prop: PropertyInfo) -> str:
    """An `asks` question for a property whose author wrote none ({s} the subject)."""
    name = shape(prop)
    text, wanted = name.text, _wanted(world, prop)
    if name.kind == "yes_no":
        first, rest = name.words[0].lower(), " ".join(name.words[1:])
        if first in INVERTIBLE and rest:
            return f"{first.capitalize()} {{s}} {rest}?"
        if name.predicate() == f"is {text}":
            return f"Is {{s}} {text}?"
        return f"Is it true that {{s}} {name.predicate()}?"
    if name.kind in ("relation", "verb"):
        happened = prop.range == "date" or name.words[0].lower() == "born"
        return f"{{s}} {name.predicate('was' if happened else 'is')} {wanted}?"
    if name.kind == "participle":
        if prop.range == "date":
            return f"When was {{s}} {text}?"
        return f"{{s}} was {text} by {wanted}?" if not prop.datatype else f"What is {{s}} {text}?"
    if name.kind == "count":
        return f"How many {text} does {{s}} have?"
    unit = f" in {prop.unit}" if prop.unit and prop.range in NUMERIC else ""
    if name.kind == "plural":
        return f"What are the {text} of {{s}}{unit}?"
    if not prop.one:
        return f"What is {name.article} {text} of {{s}}{unit}?"
    return f"What is the {text} of {{s}}{unit}?"


def _wanted(world: World, prop: PropertyInfo) -> str:
    """What a question asks for: "which place", "which date", "what"."""
    info = world.classes.get(prop.range)
    if info is not None:
        return "which " + info.name.replace("_", " ").lower()
    return {"date": "which date", "int": "what number", "float": "what number"}.get(
        prop.range, "what"
    )


def phrasings(world: World, prop_name: str) -> list[str]:
    """The `says` phrasings of a property, or phrasings built from its name."""
    prop = world.properties.get(prop_name)
    if prop is None:
        return [f"the {prop_name.replace('_', ' ')} of {{s}} is {{o}}"]
    return [p.value for p in prop.says] or built_phrasings(prop)


def question(world: World, prop_name: str) -> str:
    """The first `asks` question of a property, or one built from its name; {s}
    stands for the subject."""
    prop = world.properties.get(prop_name)
    if prop is None:
        return f"What is the {prop_name.replace('_', ' ')} of {{s}}?"
    return prop.asks[0].value if prop.asks else built_question(world, prop)


def questions(world: World, prop_name: str) -> list[str]:
    """Every `asks` question of a property (a conversation varies them; a probe asks
    the first), or the one built from its name."""
    prop = world.properties.get(prop_name)
    if prop is None or not prop.asks:
        return [question(world, prop_name)]
    return [a.value for a in prop.asks]


# ---- verbs two phrasings share ------------------------------------------------

# auxiliaries a verb of two words opens with ("was born", "has left")
VERB_AUXILIARIES = {"is", "are", "was", "were", "has", "have", "had", "can", "will", "may"}
_JOINING_PREPOSITIONS = {"in", "on", "at", "from", "to", "by", "with", "for", "since", "during"}
_POSSESSING = {"has", "have", "had"}
# what follows an auxiliary "has": "has been", "has left", "has grown"
_PARTICIPLE = re.compile(r"^(been|had|got|gone|come|left|become|\w+(ed|en|wn|ne|lt|ft))$")


# the words that relate a sentence to the one before, said before it with their own
# mark, by the relation (worldspec.render.discourse); a post, a letter or a guest
# says "But", not "By contrast"
CONNECTIVES: dict[str, tuple[str, ...]] = {
    "contrast": ("By contrast, ", "In contrast, ", "However, ", "On the other hand, "),
    "comparison": ("By comparison, ", "For comparison, ", "In comparison, "),
}
SPOKEN_CONNECTIVES: dict[str, tuple[str, ...]] = {
    "contrast": ("But ", "On the other hand, "),
    "comparison": ("For comparison, ",),
}
# how posters say what they know, before what they say: readers found answers given
# in encyclopedia sentences, with no one behind them ("Last I checked" is gone:
# readers caught it on a height that never changes)
HEDGES = (
    "As far as I know, ",
    "From what I've read, ",
    "If I remember right, ",
    "I believe ",
)


def possessing(verb: str, after: str) -> bool:
    """Whether "has" (or "have", "had") before `after` is the verb itself, what is
    had following it ("has a total weight"), not an auxiliary ("has been")."""
    return verb in _POSSESSING and not _PARTICIPLE.search(after)


@functools.lru_cache(maxsize=65536)  # a world has some dozens of phrasings; documents ask of pairs
def shared_verb(one: str, two: str) -> str | bool | None:
    """Two predicates that open with the same verb of two words or more, as one:
    "was born on 15 December 1832" and "was born in Dijon" make "was born on 15
    December 1832 in Dijon"; False where they cannot be joined without saying the
    verb twice (one verb of one word too: "stands 324 metres high and stands on a
    square base"); None where they share no verb."""
    first, second = one.split(" "), two.split(" ")
    shared = 0
    while shared < min(len(first), len(second)) and first[shared] == second[shared]:
        shared += 1
    rest_one, rest_two = first[shared:], second[shared:]
    # "has its highest public level 276 metres up and has a mass of 10,100 tonnes":
    # "has" before what is had is a verb of its own, no auxiliary
    had = shared == 1 and all(r and possessing(first[0], r[0]) for r in (rest_one, rest_two))
    if shared == 1 and (first[0] not in VERB_AUXILIARIES or had) and rest_one and rest_two:
        # "resigned from Acme Peptides" and "resigned on 8 March 2024": one verb,
        # told once, where both go on with a preposition, different ones
        if {rest_one[0], rest_two[0]} <= _JOINING_PREPOSITIONS and rest_one[0] != rest_two[0]:
            return " ".join(first + rest_two)
        # "stands 324 metres high and stands on a square base": readers caught it
        return False
    if shared < 2:
        # "was first reported on 3 February 2031 and was reported by Daniel Osei":
        # one participle twice is one verb said twice, though "first" parts them
        twice = {w for w in rest_one if _participle(w)} & {w for w in rest_two if _participle(w)}
        return False if twice else None
    joining = _JOINING_PREPOSITIONS
    if rest_one and rest_two and rest_one[0] in joining and rest_two[0] in joining:
        return " ".join(first + rest_two)
    return False


def auxiliary_once(one: str, two: str) -> str:
    """The second of two passive predicates joined by "and" without the auxiliary the
    first has said: "was designed by Gustave Eiffel and engineered by ...", not "...
    and was engineered by ..."; `two` as it is otherwise."""
    first, second = one.split(" ", 2), two.split(" ", 2)
    if (
        len(first) == 3
        and len(second) == 3
        and first[0] == second[0]
        and first[0] in _BE
        and _participle(first[1])
        and _participle(second[1])
    ):
        return two[len(second[0]) + 1 :]
    return two


_BE = {"is", "are", "was", "were"}


def verb_partners(world: World, one: str, two: str) -> bool:
    """Whether two properties tell one event with one verb ("resigned from {o}" and
    "resigned on {o}": "Tobias Renner resigned from Acme Peptides on 8 March 2024"),
    by their phrasings with the subject first: what a document carries together,
    since either alone leaves the event half told ("Tobias Renner resigned on 8
    March 2024", from what?)."""
    firsts = [
        [p[4:] for p in phrasings(world, prop) if p.startswith("{s} ") and "{s}" not in p[4:]]
        for prop in (one, two)
    ]
    return any(isinstance(shared_verb(a, b), str) for a in firsts[0] for b in firsts[1])


def an_event_and_its_day(world: World, one: str, two: str) -> bool:
    """Whether exactly one of two properties takes a date: an event and its day
    ("resigned from", "resigned on"), not two places ("stands in", "stands on")."""
    props = world.properties
    return (one in props and props[one].range == "date") != (
        two in props and props[two].range == "date"
    )


def event_partners(world: World, one: str, two: str) -> bool:
    """Whether two properties tell one event and its day with one verb: what the
    planner carries into a document together."""
    return an_event_and_its_day(world, one, two) and verb_partners(world, one, two)
