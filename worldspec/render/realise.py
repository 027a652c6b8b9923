"""Realisation: the surface of the text. Articles that agree with the word they
stand before ("an Italian landmark"), possessives of names ending in s ("Acme
Peptides'"), and the punctuation tidied as every sentence is (worldspec.plan.words).

The articles come from `inflect` (a maintained library that knows "an hour", "a
union", "an MRI"), looked up once per word.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

import inflect

_ARTICLE = re.compile(r"\b([Aa]n?) ([A-Za-z0-9][\w-]*)")
_POSSESSIVE = re.compile(r"(\w*s)'s\b")
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# a whole date in American style inside a sentence, a word after it
_US_DATE_RUNS_ON = re.compile(rf"\b((?:{_MONTHS}) \d{{1,2}}, \d{{4}})(?= [a-z])")


@functools.lru_cache(maxsize=8192)
def _article_for(word: str) -> str:
    return str(_engine().a(word)).split(" ", 1)[0]


@functools.cache
def _engine() -> inflect.engine:
    return inflect.engine()


@functools.cache
def number_words(number: int) -> str:
    """A count as a writer spells it: 3, "three"."""
    return str(_engine().number_to_words(str(number)))


def articles(text: str) -> str:
    """'a'/'an' before each word as it is pronounced."""

    def agree(match: re.Match[str]) -> str:
        article, word = match.group(1), match.group(2)
        if word.isdigit() and len(word) == 4:  # a year: "a 1889 design" is rare; keep
            return match.group(0)
        wanted = _article_for(word)
        if article[0].isupper():
            wanted = wanted.capitalize()
        return f"{wanted} {word}"

    return _ARTICLE.sub(agree, text)


def possessives(text: str) -> str:
    """ "Acme Peptides's" -> "Acme Peptides'" (a name that ends in s)."""
    return _POSSESSIVE.sub(lambda m: m.group(1) + "'", text)


def us_date_commas(text: str) -> str:
    """A comma after the year of an American date that a sentence goes on from, as
    American style sets the year off: "begun on January 28, 1887, and opened on
    March 31, 1889"."""
    if ", " not in text:
        return text
    return _US_DATE_RUNS_ON.sub(r"\1,", text)


def realise(text: str) -> str:
    """The document's articles, possessives and dates. Its punctuation was tidied
    sentence by sentence as they were made (tidying the whole text again could join a
    sentence's stray mark to the one before it, and change what the verifier
    finds)."""
    return us_date_commas(possessives(articles(text)))


@functools.lru_cache(maxsize=4096)
def is_plural(name: str) -> bool:
    """Whether a name reads as plural by its last word ("probing classifiers", "Acme
    Peptides" is a name and reads so too: the caller compares two names' numbers)."""
    last = name.rsplit(" ", 1)[-1]
    if not last.isalpha() or not last.islower():
        return False
    return bool(_engine().singular_noun(last))


@functools.lru_cache(maxsize=4096)
def plural_of(noun: str) -> str:
    """ "city" -> "cities", by inflect."""
    return str(_engine().plural_noun(noun))


def agreeing_aliases(label: str, aka: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """The other names that can stand where `label` does: not one of another number
    ("probing classifiers" for "linear probing": its verbs would not agree)."""
    plural = is_plural(label)
    return tuple(name for name in aka if is_plural(name) == plural)


def and_list(items: Sequence[str]) -> str:
    """Items as prose lists them: "A", "A and B", "A, B and C"."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def with_article(phrase: str) -> str:
    """'a' or 'an' before a noun phrase that has no article of its own."""
    if phrase.lower().startswith(("a ", "an ", "the ")):
        return phrase
    return articles(f"a {phrase}")


def plural_kind(kind: str) -> str:
    """'news articles' of 'news article' (a genre's or a brainstormed type's name)."""
    words = kind.split()
    if words and words[0].lower() in ("a", "an", "the"):
        words = words[1:]
    if not words:
        return "documents"
    words[-1] = plural_of(words[-1])
    return " ".join(words)
