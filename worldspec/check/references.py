"""WS216-WS218: the words prose refers to entities with (`article`, `noun`,
`pronoun` on entities, `noun` on classes), checked where they are written."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from worldspec import diagnostics as codes
from worldspec.diagnostics import Diagnostic
from worldspec.model import Analysis
from worldspec.model.reference import ARTICLES, PRONOUNS
from worldspec.suggestions import suggest
from worldspec.syntax import ast


def check(analysis: Analysis) -> Iterator[Diagnostic]:
    for block in _declarations(analysis.modules):
        for setting in block.body:
            arg = setting.args[0] if setting.args else None
            if isinstance(arg, ast.Str):
                yield from _reference_word(setting.key, arg)


def _declarations(modules: Iterable[ast.Module]) -> Iterator[ast.ClassDecl | ast.EntityDecl]:
    for module in modules:
        for decl in module.decls:
            if isinstance(decl, (ast.ClassDecl, ast.EntityDecl)):
                yield decl
            elif isinstance(decl, ast.DivergeDecl):
                yield from (item for item in decl.body if isinstance(item, ast.EntityDecl))


# other forms of the pronouns, to name the one meant
_SUBJECT_FORMS = {
    "him": "he",
    "his": "he",
    "her": "she",
    "hers": "she",
    "them": "they",
    "their": "they",
    "theirs": "they",
    "its": "it",
}


def _reference_word(key: str, word: ast.Str) -> Iterator[Diagnostic]:
    if key == "pronoun" and word.value not in PRONOUNS:
        meant = _SUBJECT_FORMS.get(word.value.lower(), word.value.lower())
        fix = f'write "{meant}"' if meant in PRONOUNS else suggest(meant, PRONOUNS)
        yield Diagnostic(
            codes.UNKNOWN_PRONOUN,
            f"unknown pronoun '{word.value}'; it is one of {', '.join(PRONOUNS)}",
            word.span,
            fix=fix or "leave it out for 'it'",
        )
    elif key in ("article", "noun", "adjective") and not word.value.strip():
        instead = "the name then takes none" if key == "article" else "the class's noun is used"
        yield Diagnostic(
            codes.EMPTY_REFERENCE_WORD,
            f"an empty {key} would leave a gap wherever the entity is named",
            word.span,
            fix=f"leave '{key}' out: {instead}",
        )
    elif key == "article" and word.value not in ARTICLES:
        fix = f'write "{word.value.lower()}"' if word.value.lower() in ARTICLES else None
        yield Diagnostic(
            codes.UNUSUAL_ARTICLE,
            f"'{word.value}' is written before the name wherever documents name it; an "
            "article is the, a or an",
            word.span,
            fix=fix or "put a word that belongs to the name in its label",
        )
