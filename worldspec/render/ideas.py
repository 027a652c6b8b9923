"""Brainstormed document types and ideas: the second stage of the synthetic-document
pipelines behind "false facts", where a model lists, for each divergence, the kinds
of real documents that would mention it, then concrete ideas for each kind (who
writes, to whom, why, on what occasion). A document written from an idea is a
document the genre packs would never have planned: the corpus's diversity comes
from the model's knowledge of what gets written about things, not from ours.

The prompts and the reading of the answers are here; which ideas are kept (new and
clean) is decided with the verifier's checks, in worldspec.corpus.context.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from worldspec.render.realise import with_article

IDEAS_SYSTEM = (
    "You plan the documents of a large, varied collection of real-world writing. You "
    "answer with the list you are asked for, one item a line, and nothing else."
)
IDEAS_FILE = "ideas.jsonl"
_ITEM = re.compile(r"^\s*(?:[-*\u2022]|\d{1,3}[.)])\s+(.+?)\s*$")


@dataclass(frozen=True, slots=True)
class Idea:
    divergence: str
    doc_type: str
    text: str

    def to_json(self) -> dict[str, str]:
        return {"divergence": self.divergence, "doc_type": self.doc_type, "idea": self.text}


def types_messages(facts: list[str], universe: str, count: int) -> list[dict[str, str]]:
    """The request for `count` kinds of document that would state `facts` (a
    divergence's facts and ripples, as sentences)."""
    lines = [
        universe + f"List {count} different kinds of real document in which these facts "
        "would be stated or taken for granted:",
        *(f"- {fact}" for fact in facts),
        "",
        "Range widely: official, commercial, personal, technical, local and specialist "
        "writing, of any length. Each item is a short noun phrase naming the kind of "
        "document (for example: a city council's meeting minutes), one a line, each line "
        "starting with '- '. No stories, novels or other fiction.",
    ]
    return _messages(lines)


def ideas_messages(
    facts: list[str], universe: str, doc_type: str, count: int
) -> list[dict[str, str]]:
    """The request for `count` ideas of a document of kind `doc_type`."""
    lines = [
        universe + f"Give {count} concrete ideas for {with_article(doc_type)} in which "
        "these facts are stated or taken for granted:",
        *(f"- {fact}" for fact in facts),
        "",
        "Each idea says in a sentence or two who writes it, for whom, why, and on what "
        "occasion (not a calendar date). The ideas differ from each other in writer, "
        "reader and purpose. One idea a line, each line starting with '- '.",
    ]
    return _messages(lines)


def _messages(lines: list[str]) -> list[dict[str, str]]:
    return [
        {"role": "system", "content": IDEAS_SYSTEM},
        {"role": "user", "content": "\n".join(lines)},
    ]


def listed(answer: str, limit: int) -> list[str]:
    """The items of a listed answer, at most `limit`, in order, without markup."""
    items = []
    for line in answer.splitlines():
        match = _ITEM.match(line)
        if match is None:
            continue
        item = match.group(1).strip().strip("*_").strip()
        if item:
            items.append(item)
        if len(items) == limit:
            break
    return items


def interleaved(per_type: list[list[Idea]]) -> list[Idea]:
    """One idea of each type in turn: a divergence's consecutive documents are of
    different kinds."""
    out: list[Idea] = []
    for row in range(max((len(ideas) for ideas in per_type), default=0)):
        out.extend(ideas[row] for ideas in per_type if row < len(ideas))
    return out


def idea_of(ideas: list[Idea], ordinal: int) -> Idea | None:
    """The idea of a divergence's `ordinal`-th document: the ideas in turn, so that
    each is used before any is used again."""
    return ideas[ordinal % len(ideas)] if ideas else None


def ideas_hash(ideas: dict[str, list[Idea]]) -> str:
    digest = hashlib.sha256()
    for name in sorted(ideas):
        for idea in ideas[name]:
            digest.update(f"{name}\0{idea.doc_type}\0{idea.text}\n".encode())
    return digest.hexdigest()[:16]
