"""Discourse: how each sentence of a passage stands to the one before it, and where
a passage breaks into paragraphs.

Readers of every blind round took our documents for fact tables read aloud: each
sentence told one fact with nothing to say why it followed the last. A writer
relates them. The relation between two sentences is read off the world, from the
facts each states, and said in the second one's words:

- RESULT: the second follows from what the first said, a ripple right after the
  fact it rests on (kept in one paragraph, said with no connective: see below);
- CONTRAST: another subject's opposite answer to the same question ("By contrast,
  Moraine Peptides screens every order");
- COMPARISON: another subject's figure for the same measure ("By comparison, the
  Colosseum stands 48 metres high");
- ADDITION: one more fact of the same kind about the same subject, kept in the
  paragraph and said with no word: readers of every round took "It also weighs
  10,100 tonnes" for filler.

Events one after another are related by `worldspec.render.timeline` ("two years
later"). Paragraphs break where two sentences are least bound (a new subject, a fact
of another kind), within the length the genre asks, not after a count drawn at
random: readers found a paragraph's last sentence cut from the one it led to.
"""

from __future__ import annotations

import enum
import random
from collections.abc import Callable, Sequence

from worldspec.model.phrasing import CONNECTIVES, SPOKEN_CONNECTIVES
from worldspec.model.world import World
from worldspec.plan.words import is_yes_no
from worldspec.render.content import Message
from worldspec.render.themes import is_number, related_facts


class Relation(enum.Enum):
    RESULT = "result"
    CONTRAST = "contrast"
    COMPARISON = "comparison"
    ADDITION = "addition"


# the words said before a sentence for a relation live with the other phrasings of
# the language (worldspec.model.phrasing: the verifier reads them too), by the
# relation's value; ADDITION has none (see above), and RESULT has no
# words: readers took "A. Consequently, C" (and "So C", "That means C") for a
# syllogism written out; the sentence follows its cause with nothing between, in
# the same paragraph.


def relation(world: World, previous: Sequence[Message], current: Message) -> Relation | None:
    """How `current` stands to the sentence before it, which stated `previous`; None
    where the world relates the two in none of these ways."""
    if not previous:
        return None
    fact = current.fact
    if current.role == "ripple" and current.because:
        said = {f.key_text for m in previous for f in m.stated}
        if any(p.key_text in said for p in current.because):
            return Relation.RESULT
    before = previous[-1].fact
    if before.property == fact.property and before.subject != fact.subject:
        if is_yes_no(world, fact) and before.object != fact.object:
            return Relation.CONTRAST
        if is_number(fact) and is_number(before) and before.object != fact.object:
            return Relation.COMPARISON
        return None
    if (
        before.subject == fact.subject
        and before.property != fact.property
        and current.role == "background"
        and related_facts(world, before, fact)
        # "It was founded by Okonkwo. It is also headed by Okonkwo.": what is also
        # so is Okonkwo, not the lab
        and not {f.object for f in current.facts} & {f.object for m in previous for f in m.facts}
    ):
        return Relation.ADDITION
    return None


def connective(kind: Relation, rng: random.Random, spoken: bool = False) -> str | None:
    """The words that front a sentence for the relation ("By contrast, "; `spoken`:
    as a post, a letter or an interview's guest says it, "But "), or None for one
    said with no words (ADDITION, RESULT)."""
    options = (SPOKEN_CONNECTIVES if spoken else CONNECTIVES).get(kind.value)
    return options[int(rng.random() * len(options))] if options else None


# how strongly a fact is bound to the one before: a paragraph breaks at the weakest
CLINGS = 9  # never apart: one event and its day
RELATED = 3  # a relation above, or a fact of the same kind about the same subject
_SAME_SUBJECT = 2
_ON_ITS_VALUE = 1  # about what the sentence before named ("Eiffel ... Eiffel was born")


def bond(
    world: World,
    previous: Message | None,
    current: Message | None,
    partners: Callable[[str, str], bool],
) -> int:
    """How strongly `current` belongs in one paragraph with `previous`, the
    message before it (None: there is none, 0). `partners`: whether two properties
    tell one event and its day, as the sentence planner joins them
    (`Lexicon.event_partners`), so a paragraph never parts what a sentence joins."""
    if previous is None or current is None:
        return 0
    if relation(world, [previous], current) is not None:
        return RELATED
    before, fact = previous.fact, current.fact
    if before.subject == fact.subject:
        if partners(before.property, fact.property):
            return CLINGS  # one event and its day: one sentence
        # a paragraph on its size, then one on its makers: not one of each
        return RELATED if related_facts(world, before, fact) else _SAME_SUBJECT
    if not before.literal and before.object == fact.subject:
        return _ON_ITS_VALUE
    return 0


def paragraph_breaks(bonds: Sequence[int], size: tuple[int, int], rng: random.Random) -> list[int]:
    """Where a passage of `len(bonds)` facts breaks into paragraphs of `size` facts
    (fewest, most), `bonds[i]` being how strongly fact i is bound to the one before:
    at the weakest bond within reach of each paragraph's length, the nearest to a
    length drawn in that range where bonds tie, and never before a fact that
    `CLINGS` to the one before. The indices of the facts that open a paragraph, 0
    first; none for no facts."""
    count = len(bonds)
    if not count:
        return []
    starts = [0]
    at = 0
    while count - at > size[1]:
        wanted = at + size[0] + int(rng.random() * (size[1] - size[0] + 1))
        # a last paragraph of one fact reads as left over: not closer than that
        reach = range(at + size[0], min(at + size[1], count - size[0]) + 1)
        if not reach:
            break
        best = min(reach, key=lambda i: (bonds[i], abs(i - wanted)))
        if bonds[best] >= CLINGS:
            # an event stays with its day, if the paragraph must run longer for it
            best = next((i for i in range(reach.stop, count) if bonds[i] < CLINGS), count)
            if best + size[0] > count:
                break  # and no paragraph of one fact after it either
        at = best
        starts.append(at)
    return starts
