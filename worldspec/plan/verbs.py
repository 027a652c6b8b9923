"""Verb forms: a predicate put in the past ("hails from" -> "hailed from") or made to
agree with a plural subject ("stands in" -> "stand in"), by lemminflect's lexicon
of English verbs.

lemminflect takes most of a second to load its tables, more than a small corpus
takes to write, so the forms of each word looked up are remembered between runs
in worldspec's cache directory (one file per lemminflect version). `warm` looks up
the words of every phrasing before the render workers fork, so that they inherit
the forms and none of them loads the tables.

It sits below the renderer because the verifier reads what it makes too: a yes/no
told as its change ("Acme Peptides stopped screening its orders", `stopped_clause`).
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import tempfile
from collections.abc import Iterable
from importlib.metadata import version
from pathlib import Path

from worldspec.plan.words import yes_no_words
from worldspec.resources import cache_dir

# the past of the auxiliaries, looked up before lemminflect (and by questions: "What
# did he do?")
PAST_AUXILIARIES = {
    "is": "was",
    "are": "were",
    "has": "had",
    "have": "had",
    "does": "did",
    "do": "did",
}
PLURAL_AUXILIARIES = {"is": "are", "was": "were", "has": "have", "does": "do"}
_AGREE_WITH_ANY = {"are", "were", "have", "had", "can", "will", "may"}

# word -> (lemma, its third-person present forms, its past forms), None for a word
# that is no verb lemminflect knows
Forms = tuple[str, tuple[str, ...], tuple[str, ...]] | None
_known: dict[str, Forms] = {}
_WORD = re.compile(r"(?<![{\w])[a-z]+(?![}\w])")
_loaded = False
_unsaved = False


def _store() -> Path | None:
    directory = cache_dir()
    if directory is None:
        return None
    return directory / f"verbs-lemminflect{version('lemminflect')}.json"


def _load() -> None:
    global _loaded
    _loaded = True
    path = _store()
    if path is None:
        return
    with contextlib.suppress(OSError, ValueError, TypeError):
        data = json.loads(path.read_text(encoding="utf-8"))
        for word, forms in data.items():
            _known.setdefault(
                word, None if forms is None else (forms[0], tuple(forms[1]), tuple(forms[2]))
            )


def forms_of(word: str) -> Forms:
    """The verb forms of a word, from memory or from lemminflect."""
    global _unsaved
    if not _loaded:
        _load()
    if word in _known:
        return _known[word]
    from lemminflect import getInflection, getLemma

    lemmas = getLemma(word, upos="VERB")
    found: Forms = None
    if lemmas:
        lemma = lemmas[0]
        found = (lemma, getInflection(lemma, tag="VBZ"), getInflection(lemma, tag="VBD"))
    _known[word] = found
    _unsaved = True
    return found


def is_past(word: str) -> bool:
    """Whether the word is a verb's past form ("met", "grown" aside: a past tense
    that is its participle too), as after "has" it makes an auxiliary: "has met
    every year since 2019"."""
    if word in PAST_AUXILIARIES:  # "is", "has": present, and no lookup
        return False
    forms = forms_of(word)
    return forms is not None and word in forms[2] and word != forms[0]


def save() -> None:
    """Remember the forms looked up in this run (an atomic write: two runs at once
    leave one of their files whole)."""
    global _unsaved
    path = _store()
    if not _unsaved or path is None:
        return
    data = {w: None if f is None else [f[0], list(f[1]), list(f[2])] for w, f in _known.items()}
    with contextlib.suppress(OSError):
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(data, out, sort_keys=True)
        os.replace(temporary, path)
        _unsaved = False


def warm(predicates: Iterable[str], texts: Iterable[str] = ()) -> None:
    """The forms of every predicate's first verb looked up now, and of every word of
    `texts` (whole phrasings and questions, whose words the documents look up where
    they take a sentence apart: "does not deliver", "was released"), and remembered."""
    for text in texts:
        for word in _WORD.findall(text):
            forms = forms_of(word)
            if forms is not None:
                forms_of(forms[0])  # as a no says it: "does not deliver"
    for predicate in predicates:
        past_tense(predicate)
        plural_predicate(predicate)
        first = predicate.split(" ", 1)[0]
        if first.isalpha():
            is_past(first)  # a change told after its event: "delisted X and now keeps 13"
        if first.isalpha() and first.endswith("s"):
            gerund(first)  # a yes/no's "stopped screening its orders"
    save()


@functools.lru_cache(maxsize=1024)
def past_tense(predicate: str) -> str:
    """The predicate with its first verb in the past, where it is in the present
    ("hails from {o}" -> "hailed from {o}"; "was born in {o}" stays)."""
    first, _, rest = predicate.partition(" ")
    past = PAST_AUXILIARIES.get(first)
    if past is None and not first.isalpha():
        return predicate  # "{o}", "" (a phrasing of any shape an author writes)
    if past is None:
        forms = forms_of(first)
        if forms is None or first not in forms[1] or not forms[2]:
            return predicate
        past = forms[2][0]
    return f"{past} {rest}" if rest else past


def present_tense(predicate: str, plural: bool = False) -> str:
    """The predicate with its first verb in the present where it is in the past or
    the perfect, as a headline tells an event ("resigned from {o}" -> "resigns from
    {o}", "has left {o}" -> "leaves {o}"); a past of an auxiliary ("was released",
    "had") stays, as does "has been"."""
    first, _, rest = predicate.partition(" ")
    if first in ("has", "have"):
        verb, _, rest = rest.partition(" ")
    elif first in _AUXILIARY_PASTS or not first.isalpha():
        return predicate
    else:
        verb = first
    forms = forms_of(verb) if verb.isalpha() and verb != "been" else None
    if forms is None or verb not in forms[2] or not forms[1]:
        return predicate
    present = forms[0] if plural else forms[1][0]
    return f"{present} {rest}" if rest else present


_AUXILIARY_PASTS = frozenset(PAST_AUXILIARIES.values()) | {"could", "would", "might"}


def gerund(verb: str) -> str | None:
    """The verb's -ing form ("screens" -> "screening", "is" -> "being"), from memory
    or from lemminflect; None for a word that is no verb it knows."""
    if verb in ("is", "are"):
        return "being"
    forms = forms_of(verb)
    if forms is None:
        return None
    key = f"{forms[0]}+ing"  # remembered beside the forms, in the same file
    if key not in _known:
        global _unsaved
        from lemminflect import getInflection

        found = getInflection(forms[0], tag="VBG")
        _known[key] = (forms[0], tuple(found), ()) if found else None
        _unsaved = True
    held = _known[key]
    return held[1][0] if held is not None and held[1] else None


@functools.lru_cache(maxsize=1024)
def stopped_clause(phrase: str) -> str | None:
    """A yes/no phrasing as the clause of its "no" beginning: "whether {s} screens
    its orders: {o}" -> "{s} stopped screening its orders". None where the clause
    does not open on its subject or its verb is an auxiliary ("can", "will")."""
    found = yes_no_words(phrase)
    if found is None:
        return None
    words, at = found
    if at != 1 or words[0] != "{s}" or at + 1 >= len(words):
        return None
    verb = words[at]
    if verb not in ("is", "are") and not (verb.endswith("s") and verb.isalpha()):
        return None
    ing = gerund(verb)
    if ing is None:
        return None
    return " ".join(["{s}", "stopped", ing, *words[at + 1 :]])


@functools.lru_cache(maxsize=1024)
def plural_predicate(predicate: str) -> str | None:
    """The predicate with its first verb agreeing with a plural subject ("stands in
    {o}" -> "stand in {o}", "is also located in" -> "are also located in"); None
    where its first word is no verb lemminflect knows."""
    lead, rest = "", predicate
    if rest.startswith("also "):
        lead, rest = "also ", rest[5:]
    first, _, tail = rest.partition(" ")
    plural = PLURAL_AUXILIARIES.get(first)
    if plural is None and first in _AGREE_WITH_ANY:
        plural = first
    if plural is None and first.isalpha():
        forms = forms_of(first)
        if forms is not None and first in forms[1]:
            plural = forms[0]
        elif forms is not None and first in forms[2]:
            plural = first  # the past agrees with any number: "stood", "opened"
    if plural is None:
        return None
    return f"{lead}{plural} {tail}" if tail else f"{lead}{plural}"
