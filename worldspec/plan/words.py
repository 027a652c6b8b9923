"""How names, values and facts read in prose: the forms a document may write them
in, and the sentences that state a planned fact.

The renderers write these and the verifier recognises them, so they live below
both, here in the plan stage: they are made from a `PlannedFact`, the plan's own
unit, and the plan is the last stage before render and verify. (How a property
reads, the phrasings themselves, needs only the schema: worldspec.model.phrasing.)
A fact is carried by a sentence that names its subject and value, or by one of its
`fact_sentences` verbatim, whatever the phrasing's punctuation.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from worldspec.model.phrasing import phrasings
from worldspec.model.reference import name_with_article
from worldspec.model.telling import Telling, telling
from worldspec.model.values import Fact
from worldspec.model.world import World
from worldspec.plan.planner import PlannedFact

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
    if prop is not None and prop.range in ("int", "float") and text.lstrip("-").isdigit():
        number = int(text)
        # "2,629,000 people", "1,285 square kilometres", "3,900 orders"; a number
        # such as 1889 stays as it is where it may be a year ("first held in {o}")
        year = prop.range == "int" and _may_be_year(world, prop.name)
        if abs(number) >= (10_000 if year else 1_000):
            return f"{number:,}"
    return text  # units belong to the property's phrases ("{s} is {o} metres tall")


def _may_be_year(world: World, prop: str) -> bool:
    """Whether an int property's values may be years: its name says so, or a
    phrasing puts its value where a year goes ("in {o}", "since {o}")."""
    if "year" in prop:
        return True
    return any(_YEAR_AT_END.search(phrase) for phrase in phrasings(world, prop))


_YEAR_AT_END = re.compile(r"\b(in|since|from|until) \{o\}\W*$")


def us_date(day: dt.date) -> str:
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def date_forms(world: World, fact: PlannedFact) -> list[str]:
    """The ways prose writes a date value: "31 March 1889", "March 31, 1889"."""
    prop = world.properties.get(fact.property)
    if not fact.literal or prop is None or prop.range != "date":
        return []
    try:
        day = dt.date.fromisoformat(fact.object)
    except ValueError:
        return []
    return [long_date(day), us_date(day)]


# std.people's: the property whose value a person's lead says by its adjective
NATIONALITY = "nationality"


def adjective_of(world: World, fact: PlannedFact) -> str | None:
    """The adjective of the entity a fact names as its value ("French"), if any."""
    entity = None if fact.literal else world.entities.get(fact.object)
    return entity.adjective if entity is not None else None


def value_forms(world: World, fact: PlannedFact) -> list[str]:
    """Every way a document may write the object: label, aliases, raw and prose forms."""
    forms = {value_text(world, fact), fact.object, *date_forms(world, fact)}
    if not fact.literal:
        entity = world.entities.get(fact.object)
        if entity is not None:
            forms.update(entity.aka)
            forms.add(world.short_names.get(fact.object, ""))
            if fact.property == NATIONALITY:  # "a French civil engineer"
                forms.add(entity.adjective or "")
    elif fact.object in world.wordings:  # a string's other wordings say it as well
        forms.update(world.wordings[fact.object])
    elif fact.object.endswith(".0"):
        forms.add(fact.object[:-2])  # and value_text's "2,629,000" is in forms already
    else:
        forms.add(spelled_count(world, fact) or "")
    return sorted((f for f in forms if f), key=len, reverse=True)


def subject_forms(world: World, name: str) -> list[str]:
    entity = world.entities.get(name)
    if entity is None:
        return [name]
    forms = {entity.label, *entity.aka}
    short = world.short_names.get(name)
    if short is not None:  # "Renner", after "Tobias Renner"
        forms.add(short)
    return sorted(forms, key=len, reverse=True)


def world_fact(world: World, fact: PlannedFact) -> Fact | None:
    """The world's own fact behind a planned one (its value typed again)."""
    key = fact.key_text
    for obj in world.world.objects(fact.subject, fact.property):
        if PlannedFact.of((fact.subject, fact.property, obj)).key_text == key:
            return (fact.subject, fact.property, obj)
    return None


def told_by_rule(world: World, fact: PlannedFact) -> Telling | None:
    """How the rule that derived a planned fact tells it (`model.telling`)."""
    if not world.told_rules:
        return None
    raw = world_fact(world, fact)
    return telling(world, raw) if raw is not None else None


def variable_forms(world: World, told: Telling, variable: str) -> list[str]:
    """Every way a document may write what a rule's variable stands for."""
    value = told.binding[variable]
    if isinstance(value, str):
        return subject_forms(world, value)
    return value_forms(world, PlannedFact.of(told.sources[variable]))


def label(world: World, name: str) -> str:
    entity = world.entities.get(name)
    return entity.label if entity is not None else name


def sentence(text: str) -> str:
    """Text as a sentence: one line (runs of white space are one space: the document
    layout must not split it), a capital first letter, end punctuation, no mark
    doubled and no word said twice over."""
    text = " ".join(text.split()).strip(",;: ")
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return tidy(text if text[-1] in ".!?" else text + ".")


# (each alternative opens on a mark: the lookahead passes over a letter at one test)
_DOUBLED = re.compile(
    r"(?=[.!?,;:])(?:(?<!\.)([.!?]),|([,;:])\s*([.!?])|(?<![.])\.\.(?!\.)|([.!?]) \.)"
)
_SPACE_BEFORE = re.compile(r" +([,.;:!?])")
_DOUBLE_COMMA = re.compile(r",(?:\s*,)+")
_REPEATED_WORD = re.compile(r"\b(\w+) \1\b", re.IGNORECASE)


def tidy(text: str) -> str:
    """No mark doubled (".," ",." ". ." ".."), none after a space, no word repeated
    ("the the": a phrasing that ends where the next begins). Sentences are tidied as
    they are made, here, so that what the verifier expects is what a document says."""
    if " " in text:
        text = _SPACE_BEFORE.sub(r"\1", text)
    if ",," in text:  # an appositive's comma before a clause's own
        text = _DOUBLE_COMMA.sub(",", text)
    text = _DOUBLED.sub(_single_mark, text)
    return _REPEATED_WORD.sub(lambda m: m.group(1), text)


def _single_mark(match: re.Match[str]) -> str:
    return match.group(1) or match.group(3) or match.group(4) or "."


def fill(template: str, values: dict[str, str]) -> str:
    """A phrasing or pack string with its placeholders filled; unchanged when it
    cannot be filled (a stray brace, an unknown name: reported by check)."""
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return template


@dataclass(slots=True)
class FactSentences:
    """Every sentence that may state one fact: each phrasing with the subject's label,
    and with each alias."""

    plain: list[str]
    aliased: list[str]


def rounded_count(number: int) -> str | None:
    """A large whole count as a writer rounds it ("2.8 million", "27,000"), None for
    a smaller one: shared by the renderer, which writes it, and the statistics,
    which must know it for the world's value."""
    if number >= 1_000_000:
        return f"{number / 1_000_000:.1f}".rstrip("0").rstrip(".") + " million"
    if number >= 10_000:
        return f"{round(number, -3):,}"
    return None


def rounded_measure(number: float) -> str | None:
    """A measure with a fraction as one says it aloud ("about 320" for 320.8, "about
    26" for 26.3), None for a whole one: shared by the renderer, which writes it in
    a post or a guest's answer, and the statistics, which must know it for the
    world's value."""
    if number.is_integer() or abs(number) < 10:
        return None
    whole = round(number, -1) if abs(number) >= 100 else round(number)
    return f"about {int(whole):,}"


# one to nine, as style guides have prose spell them ("every seven years", "three
# levels open to visitors"); a fact box keeps the digit
SPELLED = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def spelled_count(world: World, fact: PlannedFact) -> str | None:
    """A whole count from one to nine as prose spells it, None for any other value."""
    prop = world.properties.get(fact.property)
    if not fact.literal or prop is None or prop.range != "int":
        return None
    return SPELLED[int(fact.object) - 1] if fact.object in _DIGITS else None


_DIGITS = frozenset("123456789")


def says_nothing(world: World, fact: PlannedFact) -> bool:
    """A fact its subject's name already says: "libfoo 2.4.0 has the version number
    2.4.0", "libfoo 2.4.1 is a release of libfoo"; or its value's, named for its
    subject: "Acme Peptides takes orders through the Acme online order portal", which
    readers of round 32a called a redundant line in answer after answer."""
    entity = world.entities.get(fact.subject)
    if entity is None:
        return False
    label = entity.label.lower()
    if fact.literal:
        return fact.object.lower() in label
    value = world.entities.get(fact.object)
    if value is None:
        return False
    if label.startswith(value.label.lower() + " "):
        return True
    first, _, rest = label.partition(" ")
    return bool(rest) and len(first) > 2 and value.label.lower().startswith(first + " ")


def is_yes_no(world: World, fact: PlannedFact) -> bool:
    prop = world.properties.get(fact.property)
    return fact.literal and prop is not None and prop.range == "bool"


_WHETHER = re.compile(r"whether (.+?):\s*\{o\}", re.IGNORECASE)
_AUXILIARIES = {"is", "are", "was", "were", "will", "would", "should", "must", "may", "might"}


def yes_no_clause(phrase: str, value: bool) -> str | None:
    """A yes/no phrasing as a plain statement: "whether {s} screens its orders: {o}"
    reads "{s} screens its orders" when true and "{s} does not screen its orders"
    when false. None for a phrasing of another shape (it keeps its "yes" or "no")."""
    found = yes_no_words(phrase)
    if found is None:
        return None
    words, at = found
    if not value:
        words[at] = _negated(words[at], words[at + 1] if at + 1 < len(words) else "")
    return " ".join(words)


def yes_no_words(phrase: str) -> tuple[list[str], int] | None:
    """A yes/no phrasing's clause as words ("whether {s} screens its orders: {o}":
    "{s}", "screens", "its", "orders") and where its verb is; None for a phrasing of
    another shape."""
    found = _WHETHER.fullmatch(phrase.strip().rstrip("."))
    if found is None or "{s}" not in found.group(1):
        return None
    words = found.group(1).split(" ")
    at = _verb_at(words)
    return None if at is None else (words, at)


def _verb_at(words: list[str]) -> int | None:
    """Where the clause's verb is: right after the subject that holds {s} ("orders
    through {s} skip screening"), else the first auxiliary or third-person verb ("a
    public exploit exists for {s}")."""
    for at, word in enumerate(words[:-1]):
        if "{s}" in word:
            return at + 1
    for at, word in enumerate(words):
        lower = word.lower()
        if at and (lower in _AUXILIARIES or lower in ("has", "can") or lower.endswith("s")):
            return at
    return None


def _negated(verb: str, after: str = "") -> str:
    lower = verb.lower()
    if lower in _AUXILIARIES or (lower in ("has", "have") and after in ("been", "had")):
        return f"{verb} not"  # "has not been published", not "does not have been"
    if lower == "can":
        return "cannot"
    if lower == "has":
        return "does not have"
    if lower == "have":
        return "do not have"
    if lower.endswith("s") and not lower.endswith("ss"):
        return f"does not {_base_form(lower)}"
    return f"do not {verb}"


@functools.lru_cache(maxsize=1024)
def _base_form(verb: str) -> str:
    """ "screens" -> "screen", "applies" -> "apply": inflect's plural of a verb in the
    third person singular is its base form."""
    import inflect

    return str(inflect.engine().plural_verb(verb))


def fact_sentences(world: World, fact: PlannedFact) -> FactSentences:
    value = value_text(world, fact)
    entity = world.entities.get(fact.subject)
    aliases = list(entity.aka) if entity is not None else []
    phrases = phrasings(world, fact.property)
    # an appositive ("{s}, in {o},") is written to sit inside a longer sentence: alone
    # it is a fragment ("Eiffel Tower, in Rome."), so it is used only when it is all
    # the property has
    phrases = [p for p in phrases if not p.rstrip().endswith(",")] or phrases
    if is_yes_no(world, fact):
        phrases = [yes_no_clause(p, fact.object == "true") or p for p in phrases]

    def stated(subject: str) -> list[str]:
        return [sentence(fill(phrase, {"s": subject, "o": value})) for phrase in phrases]

    named = name_with_article(world, fact.subject)
    plain = stated(label(world, fact.subject))
    if named != label(world, fact.subject):
        plain += stated(named)
    return FactSentences(plain, [s for alias in aliases for s in stated(alias)])


# the contractions people write in speech and in mail ("doesn't", "it's"), each with
# the words it stands for: the renderers contract with them, the verifier reads a
# contracted text back in full, so the one table serves both
CONTRACTIONS = {
    "does not": "doesn't",
    "do not": "don't",
    "did not": "didn't",
    "is not": "isn't",
    "are not": "aren't",
    "was not": "wasn't",
    "were not": "weren't",
    "has not": "hasn't",
    "have not": "haven't",
    "had not": "hadn't",
    "will not": "won't",
    "would not": "wouldn't",
    "could not": "couldn't",
    "should not": "shouldn't",
    "cannot": "can't",
    "it is": "it's",
    "that is": "that's",
    "there is": "there's",
}
_CONTRACTED = {short: full for full, short in CONTRACTIONS.items()}
# a word that ends a name ("Version Is Not"), a yes/no's verb left alone at a
# clause's end ("whether it is."), or "that is" opening an aside ("that is, ...")
# is not contracted: only before a word of the sentence


def _first_letters(words: Iterable[str]) -> str:
    """A lookahead for the first letters of the words, either case: with it, the
    engine passes over a position at one test instead of trying each alternative
    there (half the time of a contraction pass over a document)."""
    letters = sorted({w[0].lower() for w in words} | {w[0].upper() for w in words})
    return "(?=[" + "".join(letters) + "])"


_TO_CONTRACT = re.compile(
    r"\b"
    + _first_letters(CONTRACTIONS)
    + r"("
    + "|".join(re.escape(f) for f in CONTRACTIONS)
    + r")(?= [a-z0-9])",
    re.IGNORECASE,
)
_TO_EXPAND = re.compile(
    r"\b"
    + _first_letters(_CONTRACTED)
    + r"("
    + "|".join(re.escape(s) for s in _CONTRACTED)
    + r")(?![\w'])",
    re.IGNORECASE,
)


def _same_case(original: str, replacement: str) -> str:
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def contract(text: str) -> str:
    """Prose as people speak and mail it: "Acme Peptides doesn't screen its orders.",
    "It's 1,665 steps to the top." Only lower case after the first letter: a title
    in capitals ("Deception Is Not Linear") is a name, and names stay."""

    def short(match: re.Match[str]) -> str:
        words = match.group(1)
        if words[1:] != words[1:].lower():
            return words
        return _same_case(words, CONTRACTIONS[words.lower()])

    return _TO_CONTRACT.sub(short, text)


def expand(text: str) -> str:
    """A text's contractions read in full ("doesn't" -> "does not"), as the phrasings
    that state a fact are written; the text itself where it has none."""
    # every contraction of the table ends in "n't", "t's" or "e's": most texts with
    # an apostrophe hold only possessives ("the world's"), and skip the regex
    if "n't" not in text and "t's" not in text and "e's" not in text:
        return text
    return _TO_EXPAND.sub(lambda m: _same_case(m.group(1), _CONTRACTED[m.group(1).lower()]), text)
