"""Events of one document told in relation to each other: "Tobias Renner resigned on
8 March 2024, a week after Acme Peptides changed its order policy."

Readers took a document's dated facts, each with its own date, for a list: a writer
who knows that one thing came a week after another says so. An event is a dated
fact whose phrasing ends with its date ("{s} resigned on {o}"): without the date it
is a clause that can follow "a week after". Only events close together are related
(three years at most: "opened two years after work on it began"): "born 52 years
before the company changed its policy" relates nothing.
"""

from __future__ import annotations

import re

from worldspec.render.realise import number_words

# "{s} changed its order policy on {o}": the event is what comes before the date
# and "work on {s} began on {o}": "two years after work on the tower began"
_DATE_AT_END = re.compile(r"^([^{}]*\{s\}[^{}]*?) (?:on|in) \{o\}\.?$")
LONGEST = 1277  # days, three and a half years: events further apart are not told together


def event_clause(phrase: str) -> str | None:
    """The phrasing of a dated fact as an event without its date ("{s} resigned"),
    or None where the date does not end it as "on" or "in" a day ("has existed
    since {o}", "{o} was the day {s} ...")."""
    found = _DATE_AT_END.match(phrase)
    return found.group(1) if found else None


def after(days: int) -> str | None:
    """How long after an earlier event, as a writer puts it before that event's
    clause: "the same day", "the day after", "three days after", "a week after",
    "two months after", "a year after"; None for one too far back to be told
    together, or not before."""
    if days < 0 or days > LONGEST:
        return None
    if days == 0:
        return "the same day"
    if days == 1:
        return "the day after"
    if days < 7:
        return f"{number_words(days)} days after"
    if days < 11:
        return "a week after"
    if days < 28:  # 13 days are "two weeks", not one
        return f"{number_words(round(days / 7))} weeks after"
    if days < 46:  # 57 days are "two months": a reader counted them
        return "a month after"
    if days < 365:  # 115 days are "four months", not three
        return f"{number_words(min(round(days / 30.44), 11))} months after"
    if days < 548:
        return "a year after"
    return f"{number_words(round(days / 365.25))} years after"


def later(after: str) -> str:
    """ "two years after" as said of the event just told: "two years later", "the
    next day", "the same day"."""
    return _from_the_other(after, "later", "the next day")


def earlier(after: str) -> str:
    """ "two years after" as said of an event told after a later one: "two years
    earlier", "the day before", "the same day"."""
    return _from_the_other(after, "earlier", "the day before")


def _from_the_other(after: str, word: str, a_day: str) -> str:
    if after == "the day after":
        return a_day
    return after[: -len(" after")] + f" {word}" if after.endswith(" after") else after
