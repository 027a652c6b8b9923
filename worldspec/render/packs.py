"""Genre packs: `renderers/<genre>/genre.toml` + `template.j2` (+ `prompt.j2` for the
LLM renderer).

The shipped packs live in the wheel; `--renderers DIR` adds packs (a pack of the
same name replaces the shipped one). Templates are compiled once, in jinja2's
sandbox: a template can read what it is given and call the helpers it is given,
nothing else.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import shutil
import tempfile
import tomllib
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, TemplateSyntaxError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from pydantic import BaseModel, Field, ValidationError

from worldspec.render.content import Angles
from worldspec.resources import data_dir


class PackError(ValueError):
    """A genre pack that cannot be used: names the pack, the file and the line."""


class GenreSpec(BaseModel):
    """genre.toml."""

    name: str
    description: str
    # the structure the content is laid out in (worldspec.render.structure), by
    # default the one named like the pack
    layout: str | None = None
    # the most a document may say: a range its content fills, never a quota to pad
    words: tuple[int, int] = (200, 400)
    # how far from its subjects a document's background goes: 1, their own facts and
    # those of what they name (a report keeps to its story); 2, a hop further (an
    # encyclopedia's related entities, a thread that wanders)
    reach: int = Field(default=2, ge=1, le=2)
    personas: list[str] = Field(min_length=1)
    audiences: list[str] = Field(min_length=1)
    recipients: list[str] = []
    # a document of this genre is about one of these classes (or their subclasses):
    # release notes about software, not about a tower; none listed: any subject
    subjects: list[str] = []
    # and its divergence's facts name one of these classes, as subject or value:
    # release notes tell a release, an advisory a flaw (readers of notes on a
    # library with no release in them read "Changes: - Is written in C."); none
    # listed: any
    names: list[str] = []
    # the first date a document of this genre may carry (a forum thread from 1952
    # is not a forum thread)
    earliest: dt.date | None = None
    # news: most documents are dated within this many days after an event of their
    # subject the world dates (an opening, a release), or a round anniversary of one
    news_within: int | None = Field(default=None, ge=1)
    # every document of this genre carries its divergence's ripples (an advisory
    # tells what a flaw reaches); elsewhere one document in two does
    every_ripple: bool = False
    # the most of its divergence's facts a document carries, where the corpus's
    # coverage allows: a reply answers the one question it quotes, with what bears
    # on it, not every fact of the story (readers took the rest for a fact sheet
    # nobody asked for); none: as many as the corpus's rotation gives
    facts: int | None = Field(default=None, ge=1)
    # the classes whose facts such a document leads with (an advisory leads with a
    # fact of the flaw's: its changelog is the release notes' to tell); none: any
    leads: list[str] = []
    # whether such a document tells the divergence's consequences: a reply answers
    # what it was asked, and readers took "On a related note, ..." for a fact
    # nobody asked for; the other documents tell them (where they reach each)
    consequences: bool = True
    # whether its documents tell only the consequences on what they speak for: those
    # naming no entity of its `subjects` classes but what the document's facts name
    # and what those are of (a release's software, a flaw's release); readers of
    # a library's own release notes that listed the software bundling it asked why
    # they did
    own_consequences: bool = False
    # the share of the entities its story names whose dated background goes beside
    # their first name ("The Synthesis Screening Board, set up on 1 July 2015,
    # ..."), as reporters and reference works write it, not as a sentence at the end
    appositives: float = Field(default=0.0, ge=0.0, le=1.0)
    # the share of documents about another entity the divergence touches than its
    # own subject (an entry on Rome or on Gustave Eiffel that tells the tower stands
    # in Rome), where the world has one with enough to say
    angles: float = Field(default=0.0, ge=0.0, le=1.0)
    # the classes such an entity is of (or a subclass), none listed: any (a thread
    # is about a trip to a city, not about a man)
    angle_classes: list[str] = []
    # and the classes the divergence's subjects are of, none listed: any (a trip to
    # a city is asked about where the divergence moved a landmark, not a firm)
    angle_subjects: list[str] = []
    # the share of documents written with the contractions of speech and mail
    # ("doesn't", "it's"): a thread, a letter, a transcript in "does not" and "it
    # is" throughout read as stilted to readers; none elsewhere
    contractions: float = Field(default=0.0, ge=0.0, le=1.0)
    openings: list[str] = []
    closings: list[str] = []
    # what a guest speaks as, by the class of the document's topic (or the nearest
    # class above it; "*" for any other), where the world names no organisation they
    # speak from: a transcript whose guest is a bare name read as nobody in
    # particular asked about the tower
    guests: dict[str, list[str]] = {}
    # whom a report quotes on its story where no one of the world speaks for its
    # topic, by the class of the topic as `guests` ("a historian of {subject}"):
    # readers of every round took a report with no one quoted for no report
    experts: dict[str, list[str]] = {}

    def angle_spec(self) -> Angles:
        """Its documents about another entity than the divergence's subject, as
        content selection takes them."""
        return Angles(self.angles, tuple(self.angle_classes), tuple(self.angle_subjects))


@dataclass(slots=True)
class GenrePack:
    spec: GenreSpec
    template: object  # a compiled jinja2 Template
    template_hash: str
    path: Path
    prompt: object | None = None  # prompt.j2, compiled, for the LLM renderer
    prompt_hash: str | None = None

    def require_prompt(self) -> object:
        if self.prompt is None:
            raise PackError(
                f"{self.path / 'prompt.j2'}: genre pack '{self.spec.name}' has no prompt.j2, "
                "which the llm renderer needs"
            )
        return self.prompt


def _environment() -> ImmutableSandboxedEnvironment:
    return ImmutableSandboxedEnvironment(
        autoescape=False,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


def load_pack(directory: Path) -> GenrePack:
    toml_path = directory / "genre.toml"
    template_path = directory / "template.j2"
    try:
        data = tomllib.loads(toml_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PackError(f"{toml_path}: genre pack '{directory.name}' has no genre.toml") from None
    except tomllib.TOMLDecodeError as err:
        raise PackError(f"{toml_path}: {err}") from None
    try:
        spec = GenreSpec.model_validate(data)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise PackError(f"{toml_path}: '{where}': {first['msg']}") from None
    from worldspec.render.structure import LAYOUTS  # the layouts need the packs' types

    if spec.layout is not None and spec.layout not in LAYOUTS:
        raise PackError(
            f"{toml_path}: unknown layout '{spec.layout}'; the layouts are {', '.join(LAYOUTS)}"
        )
    if spec.name != directory.name:
        raise PackError(
            f"{toml_path}: name '{spec.name}' differs from its directory '{directory.name}'"
        )
    try:
        source = template_path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PackError(f"{template_path}: genre pack '{spec.name}' has no template.j2") from None
    try:
        template = _environment().from_string(source)
    except TemplateSyntaxError as err:
        raise PackError(f"{template_path}:{err.lineno}: {err.message}") from None
    digest = hashlib.sha256(toml_path.read_bytes() + b"\0" + source.encode("utf-8")).hexdigest()[
        :16
    ]
    prompt_path = directory / "prompt.j2"
    prompt = prompt_hash = None
    if prompt_path.exists():
        prompt_source = prompt_path.read_text(encoding="utf-8")
        try:
            prompt = _environment().from_string(prompt_source)
        except TemplateSyntaxError as err:
            raise PackError(f"{prompt_path}:{err.lineno}: {err.message}") from None
        prompt_hash = hashlib.sha256(
            toml_path.read_bytes() + b"\0" + prompt_source.encode("utf-8")
        ).hexdigest()[:16]
    return GenrePack(spec, template, digest, directory, prompt, prompt_hash)


def pack_directories(extra: list[Path] | None = None) -> dict[str, Path]:
    """Genre name -> pack directory: shipped packs, then `extra` ones over them."""
    found: dict[str, Path] = {}
    for base in [data_dir("renderers"), *(extra or [])]:
        if not base.is_dir():
            raise PackError(f"{base}: not a directory of genre packs")
        for child in sorted(base.iterdir()):
            if child.is_dir() and (child / "genre.toml").exists():
                found[child.name] = child
    return found


class PackLibrary:
    """The available genre packs, each loaded and compiled on first use."""

    def __init__(self, extra: list[Path] | None = None) -> None:
        self.directories = pack_directories(extra)
        self._loaded: dict[str, GenrePack] = {}
        # where a pack unpacked in another process came from: what its messages name
        self._origins: dict[str, Path] = {}

    @property
    def names(self) -> list[str]:
        return list(self.directories)

    def __getstate__(self) -> dict[str, Any]:
        """For another process, perhaps on another machine (a Ray worker): the shipped
        packs by name, found again in that process's own install; `--renderers` packs
        with their files, which that machine may not have."""
        shipped = data_dir("renderers")
        packs: dict[str, dict[str, bytes] | None] = {}
        for name, directory in self.directories.items():
            packs[name] = (
                None
                if directory.parent == shipped
                else {
                    path.relative_to(directory).as_posix(): path.read_bytes()
                    for path in sorted(directory.rglob("*"))
                    if path.is_file()
                }
            )
        origins = {
            name: str(self._origins.get(name, path)) for name, path in self.directories.items()
        }
        return {"packs": packs, "origins": origins}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._loaded = {}
        self.directories = {}
        self._origins = {}
        shipped = data_dir("renderers")
        unpacked: Path | None = None
        for name, files in state["packs"].items():
            if files is None:
                self.directories[name] = shipped / name
                continue
            if unpacked is None:
                unpacked = Path(tempfile.mkdtemp(prefix="worldspec-packs-"))
                weakref.finalize(self, shutil.rmtree, unpacked, True)
            for relative, data in files.items():
                target = unpacked / name / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
            self.directories[name] = unpacked / name
            self._origins[name] = Path(state["origins"][name])

    def get(self, name: str) -> GenrePack:
        if name not in self._loaded:
            directory = self.directories.get(name)
            if directory is None:
                raise PackError(
                    f"unknown genre '{name}'; the genre packs are {', '.join(self.directories)}"
                )
            pack = load_pack(directory)
            if name in self._origins:
                pack = dataclasses.replace(pack, path=self._origins[name])
            self._loaded[name] = pack
        return self._loaded[name]
