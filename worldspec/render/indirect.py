"""Indirect questions, as a poster or a letter asks one: "Does anyone know how many
steps it has?" from the `asks` phrasing "How many steps does {s} have?".

A question is turned on its template, where `{s}` marks its subject: the auxiliary
goes back after the subject ("how high {s} is", "where you can eat on {s}"), "does"
and "did" go into the verb ("when {s} came out"), a yes/no question takes "whether"
("whether {s} still screens its orders"). A question whose subject is no `{s}`, no
pronoun and no phrase that ends with it ("the top platform of {s}") is left direct:
where its subject ends is not known, and "how high its top was platform" is no
English. Readers of every round named the questions that open threads and letters,
one `asks` phrasing a property asked the same way in a hundred of them.
"""

from __future__ import annotations

import functools
import re

from worldspec.plan import verbs

# the subject an auxiliary may be moved after: the question's own, a pronoun, or a
# phrase that ends with the subject ("the iron of {s}"); not one of its own ("When
# was its top platform opened?": where it ends, a tagger would have to say)
_SUBJECT = (
    r"(?:(?:the|its|their|his|her|a|an) [\w' -]*?\{s\}|\{s\}|(?:you|it|they|he|she|we|I)(?![\w']))"
)
_AUXILIARIES = r"(?i:is|are|was|were|can|could|will|would|has|have|had|should|may|might)"
_DO_SUPPORT = re.compile(
    rf"^(?P<wh>.*?)\b(?P<aux>(?i:does|do|did)) (?P<subject>{_SUBJECT}) "
    r"(?P<adverb>(?:still|also|ever|really|actually|now|first|last) )?(?P<verb>[a-z]+)"
    r"(?P<rest>(?: .*)?)\?$"
)
_INVERTED = re.compile(
    rf"^(?P<wh>.*?)\b(?P<aux>{_AUXILIARIES}) "
    rf"(?P<subject>{_SUBJECT})(?P<rest>.*)\?$"
)
# a question that asks for its subject ("Who engineered {s}?") keeps its order
_ASKS_SUBJECT = re.compile(r"^(?:Who|What) (?P<verb>[a-z]+) .*\?$")
_WH = ("who", "whom", "what", "which", "where", "when", "why", "how", "since")

# how a poster asks one (`{q}` the question made indirect), and how a letter does
POST_FRAMES = (
    "Does anyone know {q}?",
    "Anyone know {q}?",
    "Can anyone tell me {q}?",
    "Does anybody here know {q}?",
    "Could someone tell me {q}?",
)
LETTER_FRAMES = (
    "Do you know {q}?",
    "Could you tell me {q}?",
    "Would you happen to know {q}?",
    "Any idea {q}?",
)
_FRAMED = re.compile(
    "^(?:"
    + "|".join(re.escape(f.split("{q}")[0]) for f in POST_FRAMES + LETTER_FRAMES)
    + r")(?P<question>.+)$"
)


@functools.lru_cache(maxsize=512)
def embedded(question: str) -> str | None:
    """The question as a clause of another sentence, in lower case and without its
    mark ("How many steps does {s} have?" -> "how many steps {s} has"); None where
    its shape is not one of those above."""
    found = _DO_SUPPORT.match(question)
    if found is not None:
        verb = _inflected(found["verb"], found["aux"].lower(), found["subject"])
        if verb is None:
            return None
        clause = f"{found['subject']} {found['adverb'] or ''}{verb}{found['rest']}"
        return _opened(found["wh"], clause)
    found = _INVERTED.match(question)
    if found is not None:
        clause = f"{found['subject']} {found['aux'].lower()}{found['rest']}"
        return _opened(found["wh"], clause)
    found = _ASKS_SUBJECT.match(question)
    if (
        found is not None
        and found["verb"] not in ("is", "are", "was", "were", "does", "do", "did")
        and verbs.forms_of(found["verb"]) is not None
    ):
        return _lower_first(question[:-1])
    return None


def _inflected(verb: str, auxiliary: str, subject: str) -> str | None:
    """The verb with the tense and number "does", "do" or "did" gave it: "has" for
    "does ... have", "came" for "did ... come"."""
    if auxiliary == "do":
        return verb
    forms = verbs.forms_of(verb)
    if forms is None or forms[0] != verb:
        return None
    found = forms[2] if auxiliary == "did" else forms[1]
    if not found:
        return None
    if auxiliary == "does" and subject in ("you", "they", "we", "I"):
        return None
    return found[0]


def _opened(wh: str, clause: str) -> str | None:
    """The clause after its wh-phrase, or after "whether" where it has none."""
    wh = wh.strip()
    if not wh:
        return f"whether {clause}"
    if wh.split(" ", 1)[0].lower() not in _WH:
        return None  # "For how long ..." and the like: left direct
    return f"{_lower_first(wh)} {clause}"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def framed(question: str, frame: str) -> str | None:
    """The question in a frame ("Does anyone know {q}?"), or None where it cannot be
    made indirect."""
    clause = embedded(question)
    return None if clause is None else frame.replace("{q}", clause)


def direct(sentence: str) -> str:
    """The question a framed one asks, as its first words tell what kind it is
    ("Does anyone know how many steps it has?" -> "how many steps it has?",
    "... whether it screens its orders?" -> "whether it screens its orders?"); any
    other sentence as it is."""
    found = _FRAMED.match(sentence)
    return sentence if found is None else found["question"]
