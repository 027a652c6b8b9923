"""DocPlans: what each document of a corpus must say, fixed before any rendering.

Plans are a pure function of the world and the corpus settings, and they stream:
plan `i` is computed from counters and the world, never from a list of all plans,
so a million-document corpus plans in constant memory.

Coverage is planned. Each divergence gets `min_docs` documents, and the rest by
weight (largest remainder); its documents are interleaved through the corpus by
smooth weighted round-robin. Within a divergence, the facts and ripples to carry
rotate through its documents so that each reaches `min_docs` documents.

Facts in time: a document dated D carries no fact that does not hold on D. A
divergence's documents are dated within its `since`, the corpus's dates and the
span its facts and ripples hold over; a document's date is drawn where the facts it
carries hold together. A world without validity intervals plans exactly as before.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import math
import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from pydantic import BaseModel

from worldspec.model import Analysis
from worldspec.model.phrasing import event_partners
from worldspec.model.ripples import Ripple, Step
from worldspec.model.ripples import ripples as world_ripples
from worldspec.model.validity import ALWAYS, Interval, hull, intersect
from worldspec.model.values import Fact, Lit, Value
from worldspec.model.world import World
from worldspec.plan.settings import CorpusSettings, GenreFit, PlanError

# a document reports a part of a divergence, as a news report covers one turn of a
# story: three of its facts and one of their ripples, the rest left to the other
# documents of its rotation (more where min_docs needs them). Two ripples a document
# put the same verdicts in every one ("The frontier model runs without a working
# monitor ... Kestrel too, for the same reason" in 18 of 20), which blind readers
# took for a stock argument pasted in
FACTS_PER_DOC = 3
RIPPLES_PER_DOC = 1
# and one document in this many carries ripples at all, where min_docs allows: a
# ripple in every document put "Rome, Italy" in each of the eiffel world's 2,000,
# the same verdict on Meridian's models in every probe document and the same list
# of projects libfoo reaches in every libfoo one, which blind readers named as the
# corpus's stock lines; a story's consequence is told in part of its coverage
RIPPLE_PERIOD = 2
CONTEXT_PER_DOC = 4
ROTATION_MARGIN = 1.15


def value_key(obj: Value) -> str:
    """A fact's object as fact keys write it: an entity's name, or a literal's text
    (ISO dates, lowercase booleans)."""
    if not isinstance(obj, Lit):
        return obj
    if obj.type == "date":
        return str(obj.value.isoformat())
    if obj.type == "bool":
        return "true" if obj.value else "false"
    return str(obj.value)


class PlannedFact(BaseModel):
    subject: str
    property: str
    object: str
    literal: bool = False

    @classmethod
    def of(cls, fact: Fact) -> PlannedFact:
        subject, prop, obj = fact
        return cls(
            subject=subject, property=prop, object=value_key(obj), literal=isinstance(obj, Lit)
        )

    def key(self) -> str:
        return self.key_text

    @functools.cached_property
    def key_text(self) -> str:
        """The fact as one string, made once: content selection and verification ask
        it of every candidate of every document (pydantic leaves a cached property
        out of equality and of dumps)."""
        return f"{self.subject}.{self.property}={self.object}"


class DocPlan(BaseModel):
    """Everything needed to render one document."""

    id: str
    index: int
    genre: str
    date: dt.date
    seed: int
    divergences: list[str]
    facts: list[PlannedFact]
    ripples: list[PlannedFact]
    context: list[PlannedFact]
    forbidden: list[PlannedFact]


@dataclass(slots=True)
class Profile:
    """What one divergence contributes to the documents that carry it."""

    name: str
    since: dt.date
    facts: list[PlannedFact]
    ripples: list[PlannedFact]
    forbidden: list[PlannedFact]
    context: list[PlannedFact]
    until: dt.date = dt.date.max  # the last date a document may carry it
    holds: Interval = ALWAYS  # when its facts and ripples hold, together or in turn
    # when the facts it carries hold, by key, for those that do not hold at every date
    timed: dict[str, Interval] = field(default_factory=dict)
    # the days its subjects' dated facts name: what news reports
    events: list[dt.date] = field(default_factory=list)
    # those of its first subject, whose round anniversaries are news too
    milestones: list[dt.date] = field(default_factory=list)
    quota: int = 0
    facts_per_doc: int = 0
    # the groups of facts documents rotate through, one a document (`_blocks`)
    blocks: list[list[PlannedFact]] = field(default_factory=list)
    ripples_per_doc: int = 0
    ripple_period: int = 1  # the documents that carry ripples: every this many
    credit: float = field(default=0.0)
    # a fact's partner in one event, by key ("resigned on" for "resigned from"): a
    # document that carries one carries both
    partners: dict[str, PlannedFact] = field(default_factory=dict)
    # the context with each fact's validity beside it (None: every date), made on
    # first use: every document filters the context by its date
    context_windows: list[tuple[PlannedFact, Interval | None]] | None = None
    # genre -> the most of its facts a document of it carries (GenreFit.facts), for
    # the genres whose cap coverage allows
    caps: dict[str, int] = field(default_factory=dict)
    # and the indices of the facts each leads with (an advisory: the flaw's)
    leads: dict[str, list[int]] = field(default_factory=dict)
    # whether a capped document carries its rotation's ripple, as any document does
    # (where the other documents alone would leave one short of min_docs); else it
    # carries none
    capped_ripples: bool = False
    # the keys of its facts whose value is part of their subject's name (a release's
    # version): what a capped document adds last, as no one asks it
    in_name: frozenset[str] = frozenset()
    # the subject most of its facts are of: the story's own, which a capped document
    # need not introduce
    main_subject: str = ""
    # the entities one fact of the world ties to the main subject (its portal, its
    # regulator), and the main subject's facts where one is an event, that first:
    # a capped document that leads with a fact of one of them, where none of the
    # others bears on it, tells these beside it
    near_main: frozenset[str] = frozenset()
    story: list[PlannedFact] = field(default_factory=list)
    # the capped genres that tell consequences (a report, not a reply, which
    # answers what it was asked and no more)
    reports: frozenset[str] = frozenset()
    # the entities each ripple's derivation names, by key: a document must touch one
    # (name it, or what the world ties to what it names) for the ripple to bear on it
    grounds: dict[str, frozenset[str]] = field(default_factory=dict)
    # the keys of the facts each ripple's derivation rests on, by key, down to the
    # stated ones
    premises: dict[str, frozenset[str]] = field(default_factory=dict)
    # whether documents carry only ripples that bear on them (where coverage allows)
    grounded: bool = False
    # whether a genre's documents that speak for their subjects (own_consequences)
    # carry only the ripples of these, where the other documents still reach every
    # ripple min_docs times; else theirs in the rotation, as any document's
    spoken_for: bool = False

    def reach(self, documents: int) -> int:
        """How many of `documents` that rotate through the facts carry each one."""
        if self.blocks:
            return documents // len(self.blocks)
        if not self.facts:  # a divergence that only removes: nothing to carry
            return 0
        return documents * self.facts_per_doc // len(self.facts)


class Assignment(NamedTuple):
    """A document's place in the corpus: its position (the plan's index), the index
    of the divergence's profile it carries, its ordinal among that divergence's
    documents, and its genre."""

    position: int
    profile: int
    ordinal: int
    genre: str
    # its ordinal among the profile's documents of its kind: capped (a genre whose
    # documents carry fewer facts) or not; each kind rotates through the facts on
    # its own count, so that each reaches every fact as often as any other
    turn: int = 0
    # its ordinal among the profile's documents that tell its consequences, -1 for
    # one that tells none (a reply, where the others reach every consequence)
    telling: int = 0


def document_seed(seed: int, index: int) -> int:
    digest = hashlib.sha256(f"worldspec:{seed}:{index}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def _ripple_rotation(items: int, quota: int, min_docs: int) -> tuple[int, int]:
    """Every how many documents carry ripples, and how many each: one in
    RIPPLE_PERIOD where the rotation then still reaches every ripple `min_docs`
    times with RIPPLES_PER_DOC a document, else every document."""
    if items == 0:
        return 1, 0
    for period in range(RIPPLE_PERIOD, 1, -1):
        carrying = quota // period
        per_doc = _rotation(items, carrying, min_docs, RIPPLES_PER_DOC)
        if per_doc == min(RIPPLES_PER_DOC, items):
            return period, per_doc
    return 1, _rotation(items, quota, min_docs, RIPPLES_PER_DOC)


def _rotation(items: int, quota: int, min_docs: int, floor: int) -> int:
    """How many of `items` each of `quota` documents carries so that rotating through
    them reaches every item `min_docs` times."""
    if items == 0:
        return 0
    # a margin over min_docs: the verifier and the near-duplicate filter reject a few
    # documents, and a rotation that reaches each item exactly min_docs times falls
    # short by them
    need = math.ceil(items * min_docs * ROTATION_MARGIN / quota) if quota else items
    return min(items, max(min(floor, items), need))


def _context(
    world: World, focus: set[str], exclude: set[str], timed: dict[str, Interval]
) -> list[PlannedFact]:
    """Unchanged world facts around the focus entities: theirs, and their neighbours'.
    Those that do not hold at every date go into `timed` with their validity."""
    graph = world.world
    found: list[PlannedFact] = []
    seen: set[str] = set(exclude)
    neighbours: list[str] = []
    for store in (graph.asserted, graph.derived):
        for subject, prop, obj in store:
            if subject not in focus:
                continue
            planned = PlannedFact.of((subject, prop, obj))
            if planned.key_text not in seen:
                seen.add(planned.key_text)
                found.append(planned)
                _note_validity(world, (subject, prop, obj), planned, timed)
            if isinstance(obj, str) and obj not in focus:
                neighbours.append(obj)
    hop = set(neighbours)
    for store in (graph.asserted, graph.derived):
        for subject, prop, obj in store:
            if subject in hop:
                planned = PlannedFact.of((subject, prop, obj))
                if planned.key_text not in seen:
                    seen.add(planned.key_text)
                    found.append(planned)
                    _note_validity(world, (subject, prop, obj), planned, timed)
    return found


def _note_validity(
    world: World, fact: Fact, planned: PlannedFact, timed: dict[str, Interval]
) -> None:
    if world.timed:
        validity = world.validity(fact)
        if validity.bounded:
            timed[planned.key_text] = validity


def first_days(world: World) -> dict[str, dt.date]:
    """Each entity's first day: the earliest date its facts give (a founding, a
    release, a publication, a birth). A document dated before it cannot name it: a
    survey published in 2029 is not cited in 2028."""
    found: dict[str, dt.date] = {}
    for entity in world.entities:
        days = [day for _, day in world.dated_facts(entity)]
        if days:
            found[entity] = min(days)
    return found


def _note_existence(
    fact: Fact, planned: PlannedFact, born: dict[str, dt.date], timed: dict[str, Interval]
) -> None:
    """A carried fact holds from the first day of the entities it names, and one that
    states a day (a resignation on 8 March) is not told before that day."""
    days = [born[e] for e in (fact[0], fact[2]) if isinstance(e, str) and e in born]
    if isinstance(fact[2], Lit) and isinstance(fact[2].value, dt.date):
        days.append(fact[2].value)
    if days:
        start = Interval(max(days), None)
        timed[planned.key_text] = intersect(timed.get(planned.key_text, ALWAYS), start)


def replaced_facts(
    world: World, changes: list[Ripple], divergence: str | None = None
) -> list[PlannedFact]:
    """The reality facts a divergence (by default, any) replaced, stated or through
    its ripples (`changes`, as `worldspec.model.ripples.ripples` gives them)."""
    found = [
        PlannedFact.of(f)
        for f, d in world.removed_by.items()
        if divergence is None or d == divergence
    ]
    for change in changes:
        if divergence is None or divergence in change.divergences:
            found.extend(PlannedFact.of(step.fact) for step in change.removed)
    return found


def profiles(analysis: Analysis, settings: CorpusSettings) -> list[Profile]:
    world = analysis.world
    changes = world_ripples(world)
    born = first_days(world)
    out: list[Profile] = []
    for divergence in world.divergences.values():
        timed: dict[str, Interval] = {}
        stated = [f for f, d in world.added_by.items() if d == divergence.name]
        steps = [
            step
            for change in changes
            if divergence.name in change.divergences
            for step in change.added
        ]
        derived = [step.fact for step in steps]
        carried = [*stated, *derived]
        facts = [PlannedFact.of(f) for f in stated]
        ripples = [PlannedFact.of(f) for f in derived]
        for fact, planned in zip(carried, facts + ripples, strict=True):
            _note_validity(world, fact, planned, timed)
            _note_existence(fact, planned, born, timed)
        forbidden = replaced_facts(world, changes, divergence.name)
        focus = {f.subject for f in facts + ripples + forbidden} | set(divergence.entities)
        exclude = {f.key_text for f in facts + ripples + forbidden}
        context = _context(world, focus, exclude, timed)
        holds = hull([timed.get(f.key_text, ALWAYS) for f in facts + ripples])
        since = max(divergence.since or settings.start, settings.start, holds.start or dt.date.min)
        until = min(settings.end, _last_day(holds))
        profile = Profile(
            divergence.name, since, facts, ripples, forbidden, context, until, holds, timed
        )
        profile.partners = _partners(world, facts)
        profile.in_name = frozenset(
            f.key_text for f in facts if world.in_its_name(f.subject, f.object, f.literal)
        )
        if facts:
            subjects = Counter(f.subject for f in facts)
            profile.main_subject = max(subjects, key=subjects.__getitem__)
            profile.near_main = _neighbours(world, profile.main_subject)
            story = sorted(
                (f for f in facts if f.subject == profile.main_subject),
                key=lambda f: not _is_dated(world, f),
            )
            # an event, told with its day; a paper's findings beside another
            # paper's, or in an entry on its author, read as padding (paired
            # reader: 5 of 12)
            profile.story = story if story and _is_dated(world, story[0]) else []
        profile.grounds = {
            planned.key_text: frozenset(_grounds(world, step))
            for planned, step in zip(ripples, steps, strict=True)
        }
        profile.premises = {
            planned.key_text: frozenset(_premise_keys(step))
            for planned, step in zip(ripples, steps, strict=True)
        }
        profile.events = _events(world, facts or ripples)
        profile.milestones = _events(world, (facts or ripples)[:1])
        out.append(profile)
    return out


def _grounds(world: World, step: Step) -> Iterator[str]:
    """The entities a derivation names, its fact's and its premises', down to the
    asserted ones: what a document must touch for the ripple to bear on it."""
    subject, _, value = step.fact
    yield subject
    if not isinstance(value, Lit) and value in world.entities:
        yield str(value)
    for premise in step.premises:
        yield from _grounds(world, premise)


def _premise_keys(step: Step) -> Iterator[str]:
    """The keys of the facts a derivation rests on, down to the stated ones."""
    for premise in step.premises:
        yield PlannedFact.of(premise.fact).key_text
        yield from _premise_keys(premise)


def _is_dated(world: World, fact: PlannedFact) -> bool:
    info = world.properties.get(fact.property)
    return info is not None and info.range == "date"


def _neighbours(world: World, entity: str) -> frozenset[str]:
    """The entities one fact of the world ties to `entity`, either way."""
    graph = world.world
    found: set[str] = set()
    for prop in world.properties:
        found.update(str(o) for o in graph.objects(entity, prop) if str(o) in world.entities)
        found.update(graph.subjects(prop, entity))
    return frozenset(found)


def _partners(world: World, facts: list[PlannedFact]) -> dict[str, PlannedFact]:
    """Each fact's partner in one event among the divergence's facts: of the same
    subject, one of them the event's day, and told with one verb ("Tobias Renner
    resigned from Acme Peptides on 8 March 2024"). Readers of a report that gave
    only "Tobias Renner resigned on 8 March 2024" asked from what."""
    found: dict[str, PlannedFact] = {}
    pairs: dict[tuple[str, str], bool] = {}
    by_subject: dict[str, list[PlannedFact]] = {}
    for fact in facts:
        by_subject.setdefault(fact.subject, []).append(fact)
    for own in by_subject.values():
        for one in own:
            for two in own:
                if one.property == two.property:
                    continue
                key = (one.property, two.property)
                if key not in pairs:
                    pairs[key] = event_partners(world, one.property, two.property)
                if pairs[key]:
                    found.setdefault(one.key_text, two)
    return found


def _with_partners(facts: list[PlannedFact], partners: dict[str, PlannedFact]) -> list[PlannedFact]:
    """The facts, each followed by its partner in one event where it lacks it."""
    if not partners:
        return facts
    out: list[PlannedFact] = []
    keys = {f.key_text for f in facts}
    for fact in facts:
        out.append(fact)
        partner = partners.get(fact.key_text)
        if partner is not None and partner.key_text not in keys:
            keys.add(partner.key_text)
            out.append(partner)
    return out


def _events(world: World, carried: list[PlannedFact]) -> list[dt.date]:
    """The days the world dates for the subjects of `carried`, the divergence's own
    facts (an opening, a release, a disclosure): what a report is of, and says. Not
    those of what follows from them: a customer's tenth anniversary is no news of
    its vendor's."""
    subjects = {f.subject for f in carried}
    return sorted({day for s in subjects for _, day in world.dated_facts(s)})


def _last_day(interval: Interval) -> dt.date:
    """The last date on which `interval` holds (its end is the first it does not)."""
    if interval.end is None:
        return dt.date.max
    return interval.end - dt.timedelta(days=1) if interval.end > dt.date.min else dt.date.min


class Planner:
    """Streams the DocPlans of a corpus; `len()` is the number of documents."""

    def __init__(self, analysis: Analysis, settings: CorpusSettings) -> None:
        self.settings = settings
        self.world = analysis.world
        self.profiles = [p for p in profiles(analysis, settings)]
        if not self.profiles:
            raise PlanError("the world has no divergence: a corpus needs one to describe")
        for profile in self.profiles:
            _check_dates(profile, settings)
        self.fits = [self._fitting_genres(analysis, p) for p in self.profiles]
        # the days of each set of subjects' events, as documents ask them
        self._days: dict[tuple[str, ...], list[dt.date]] = {}
        # each subject's neighbours in the world graph, as documents ask them
        self._near: dict[str, frozenset[str]] = {}
        self._ones: dict[str, frozenset[str]] = {}
        self._allocate()

    def _fitting_genres(self, analysis: Analysis, profile: Profile) -> set[str]:
        """The corpus's genres a document of `profile` fits: release notes for
        software with a release in its story, a genre whose earliest date the
        divergence's documents reach, and news where there is news to report."""
        world = analysis.world
        classes: set[str] = set()  # of the subjects
        named: set[str] = set()  # of the subjects and the values
        for fact in profile.facts + profile.ripples:
            for name in (fact.subject, None if fact.literal else fact.object):
                entity = world.entities.get(name) if name is not None else None
                if entity is None:
                    continue
                ancestors = world.ancestors.get(entity.cls, frozenset((entity.cls,)))
                named |= ancestors
                if name == fact.subject:
                    classes |= ancestors
        settings = self.settings
        fitting = set()
        for genre in settings.genres:
            fit = settings.genre_fit.get(genre)
            if fit is None or (
                (not fit.classes or classes & set(fit.classes))
                and (not fit.names or named & set(fit.names))
                and (fit.earliest is None or fit.earliest <= min(settings.end, profile.until))
                and (fit.news_within is None or _has_news(profile))
            ):
                fitting.add(genre)
        if not fitting:
            raise PlanError(
                f"no genre of the corpus fits divergence '{profile.name}' "
                f"({', '.join(settings.genres)}: each asks for another subject, later "
                "dates or an event to report); add a genre that does"
            )
        return fitting

    def __len__(self) -> int:
        return self.settings.documents

    def _allocate(self) -> None:
        settings = self.settings
        floor = settings.min_docs * len(self.profiles)
        if settings.documents < floor:
            raise PlanError(
                f"{settings.documents} documents cannot give {len(self.profiles)} divergences "
                f"{settings.min_docs} each (min_docs): plan at least {floor}"
            )
        spare = settings.documents - floor
        weights = [max(settings.weights.get(p.name, 1.0), 0.0) for p in self.profiles]
        total = sum(weights) or 1.0
        shares = [spare * w / total for w in weights]
        quotas = [math.floor(s) for s in shares]
        left = spare - sum(quotas)
        by_remainder = sorted(range(len(shares)), key=lambda i: (quotas[i] - shares[i], i))
        for i in by_remainder[:left]:
            quotas[i] += 1
        for profile, quota in zip(self.profiles, quotas, strict=True):
            profile.quota = quota + settings.min_docs
            profile.facts_per_doc = _rotation(
                len(profile.facts), profile.quota, settings.min_docs, FACTS_PER_DOC
            )
            profile.blocks = _blocks(
                self.world, profile.facts, profile.facts_per_doc, profile.quota, settings.min_docs
            )
            profile.ripple_period, profile.ripples_per_doc = _ripple_rotation(
                len(profile.ripples), profile.quota, settings.min_docs
            )
        self._cap()
        self._ground()
        self._speak_for_own()

    def _cap(self) -> None:
        """The genres whose documents carry fewer of a divergence's facts (a reply:
        the one asked, with what bears on it), for each divergence whose coverage
        allows: its other documents rotate through the facts on their own, each
        capped one leads with the next fact its genre leads with (an advisory: one
        of the flaw's), and every fact still reaches min_docs (with the rotation's
        margin) on those counts alone. The counts come from the corpus's genre
        assignment, run once ahead: a pass over counters, cheap next to
        rendering."""
        settings = self.settings
        wanted = {g: f for g, f in settings.genre_fit.items() if f.facts is not None}
        offered: list[dict[str, list[int]]] = []
        for profile, fits in zip(self.profiles, self.fits, strict=True):
            found = {}
            for genre, fit in wanted.items():
                assert fit.facts is not None
                if genre in fits and fit.facts <= profile.facts_per_doc:
                    leads = self._leads(profile, fit.leads)
                    if leads and (
                        fit.facts < len(profile.facts) or len(leads) < len(profile.facts)
                    ):
                        found[genre] = leads
            offered.append(found)
        if not any(offered):
            return
        counts: list[Counter[str]] = [Counter() for _ in self.profiles]
        for _, chosen, _, genre in self._placements():
            counts[chosen][genre] += 1
        need = math.ceil(settings.min_docs * ROTATION_MARGIN)
        for i, profile in enumerate(self.profiles):
            capped = offered[i]
            others = sum(n for g, n in counts[i].items() if g not in capped)
            items = len(profile.facts)
            reach = [profile.reach(others)] * items
            for genre, leads in capped.items():
                for at in leads:
                    reach[at] += counts[i][genre] // len(leads)
            if not capped or min(reach) < need:
                continue
            profile.caps = {g: wanted[g].facts or 0 for g in capped}
            profile.reports = frozenset(g for g in capped if wanted[g].consequences)
            profile.leads = capped
            if profile.ripples_per_doc:
                # the documents that tell consequences reach every one, one in
                # RIPPLE_PERIOD of them where that does, else each of them (as many
                # documents carry one as before: half of them in all); else the
                # replies tell theirs too
                tellers = sum(n for g, n in counts[i].items() if self._tells(profile, g))
                for period in sorted({profile.ripple_period, 1}, reverse=True):
                    carried = math.ceil(tellers / period) * profile.ripples_per_doc
                    if carried // len(profile.ripples) >= need:
                        profile.ripple_period = period
                        break
                else:
                    profile.capped_ripples = True

    def _ground(self) -> None:
        """Each divergence whose coverage allows gives a document only the ripples
        that bear on it: whose derivation names an entity the document's facts
        touch (`_touched`). "Meridian Systems ... runs Kestrel with no real
        oversight" in an entry on a lab that no longer works on probes followed from
        nothing the document said (readers of rounds A and B: "editorial claims
        spliced into neutral text"). A document that touches none carries none. The
        counts come from the corpus's assignment, run once ahead, as `_cap`'s do;
        where a ripple would fall short of min_docs (with the rotation's margin),
        the divergence's documents carry ripples in turn, as before."""
        candidates = {i for i, p in enumerate(self.profiles) if p.ripples and p.ripples_per_doc}
        if not candidates:
            return
        counts: dict[int, Counter[str]] = {i: Counter() for i in candidates}
        for _, chosen, _, genre, turn, telling in self.assignments():
            if chosen not in candidates or telling < 0:
                continue
            profile = self.profiles[chosen]
            fit = self.settings.genre_fit.get(genre)
            period = 1 if fit is not None and fit.every_ripple else profile.ripple_period
            if telling % period == 0:
                touched = self._touched(_carried(profile, genre, turn))
                for ripple in _ripples_of(profile, touched, telling // period):
                    counts[chosen][ripple.key_text] += 1
        need = math.ceil(self.settings.min_docs * ROTATION_MARGIN)
        for i in candidates:
            profile = self.profiles[i]
            profile.grounded = min(counts[i][r.key_text] for r in profile.ripples) >= need

    def _speak_for_own(self) -> None:
        """Each divergence whose coverage allows gives a document of a genre that
        speaks for its subjects (`GenreFit.own_consequences`: release notes) only
        the ripples of these (`_spoken_for`), counted over the corpus's assignment
        as `_ground` counts; where a ripple would then fall short of min_docs, those
        documents carry the rotation's, as before."""
        fits = self.settings.genre_fit
        own = {g for g, fit in fits.items() if fit.own_consequences}
        candidates = {i for i, p in enumerate(self.profiles) if p.ripples and p.ripples_per_doc}
        if not own or not candidates:
            return
        counts: dict[int, Counter[str]] = {i: Counter() for i in candidates}
        for _, chosen, _, genre, turn, telling in self.assignments():
            if chosen in candidates and telling >= 0:
                profile = self.profiles[chosen]
                facts = _carried(profile, genre, turn)
                for ripple in self._ripples(profile, genre, facts, telling, spoken_for=True):
                    counts[chosen][ripple.key_text] += 1
        need = math.ceil(self.settings.min_docs * ROTATION_MARGIN)
        for i in candidates:
            profile = self.profiles[i]
            profile.spoken_for = min(counts[i][r.key_text] for r in profile.ripples) >= need

    def _ripples(
        self,
        profile: Profile,
        genre: str,
        facts: list[PlannedFact],
        telling: int,
        spoken_for: bool | None = None,
    ) -> list[PlannedFact]:
        """The ripples a document of the genre carrying `facts` tells, on its turn
        `telling` among the divergence's documents that tell them (none off its
        period); `spoken_for`: whether a genre that speaks for its subjects keeps to
        theirs (else as the profile says)."""
        fit = self.settings.genre_fit.get(genre)
        period = 1 if fit is not None and fit.every_ripple else profile.ripple_period
        if telling < 0:
            return []
        if telling % period:
            # one that tells no consequence in the rotation tells what the
            # divergence does to its own subjects
            return _of_their_subjects(profile, facts)
        touched = self._touched(facts) if profile.grounded else None
        own = profile.spoken_for if spoken_for is None else spoken_for
        if fit is not None and fit.own_consequences and own:
            return self._spoken_for(profile, facts, fit.classes, touched, telling // period)
        return _ripples_of(profile, touched, telling // period)

    def _touched(self, facts: list[PlannedFact]) -> set[str]:
        """The entities a document carrying `facts` touches: those its facts name,
        and those the world ties to their subjects by a fact (a paper's test
        models, a firm's customers)."""
        touched: set[str] = set()
        for fact in facts:
            touched.add(fact.subject)
            if not fact.literal:
                touched.add(fact.object)
            near = self._near.get(fact.subject)
            if near is None:
                near = self._near[fact.subject] = _neighbours(self.world, fact.subject)
            touched |= near
        return touched

    def _spoken_for(
        self,
        profile: Profile,
        facts: list[PlannedFact],
        classes: list[str],
        touched: set[str] | None,
        at: int,
    ) -> list[PlannedFact]:
        """The ripples a document of a genre that speaks for its subjects tells on its
        turn `at`: those that name no entity of `classes` (any, none listed) but
        those its facts name and those these name by a fact of one value (a
        release's software, a flaw's first release). Release notes of libfoo
        2.4.0-1 tell that the flaw is open in libfoo, not which software bundles
        libfoo."""
        world = self.world
        own: set[str] = set()
        for fact in facts:
            own.add(fact.subject)
            if not fact.literal:
                own.add(fact.object)
        for entity in list(own):
            found = self._ones.get(entity)
            if found is None:
                found = self._ones[entity] = world.named_once(entity)
            own |= found

        def spoken_for(entity: str) -> bool:
            # an entity of none of the classes is not another's to speak for
            return entity in own or (
                bool(classes) and not any(world.entity_is(entity, c) for c in classes)
            )

        kept = [
            r
            for r in profile.ripples
            if spoken_for(r.subject) and (r.literal or spoken_for(r.object))
        ]
        return _ripples_of(profile, touched, at, kept)

    def _leads(self, profile: Profile, classes: list[str]) -> list[int]:
        """The indices of the profile's facts a capped document of a genre may lead
        with: those naming an entity of one of `classes` (all of them, none
        listed)."""
        world = self.world
        return [
            at
            for at, fact in enumerate(profile.facts)
            if not classes
            or any(
                world.entity_is(e, c)
                for e in (fact.subject, None if fact.literal else fact.object)
                if e is not None
                for c in classes
            )
        ]

    def _own_events(
        self, profile: Profile, carried: list[PlannedFact]
    ) -> tuple[list[dt.date], list[dt.date]]:
        """The days a report carrying `carried` may be dated after, as `_news_days`
        gives them: its own subjects' events and the days its facts begin to hold,
        and the round anniversaries of the story's first subject where it carries a
        fact of it. A report of a paper of May dated in October, after another
        paper of the divergence came out, had no news in it (readers of round B:
        "a December 2028 article about a paper from May")."""
        key = tuple(sorted({f.subject for f in carried}))
        days = self._days.get(key)
        if days is None:
            days = self._days[key] = _events(self.world, carried)
        first = (profile.facts or profile.ripples)[:1]
        own = bool(first) and any(f.subject == first[0].subject for f in carried)
        begun = _begun(profile, carried)
        return _news_days(profile, profile.since, profile.until, begun, days, own)

    def _instead_of_news(
        self,
        chosen: int,
        genre: str,
        carried: int,
        rng: random.Random,
        date: dt.date | None = None,
    ) -> str:
        """Another genre for a document whose facts have no news in them (a
        researcher's field, a paper's findings long after it came out): one of the
        corpus's the divergence fits that asks no subject or news of a document and
        takes its `carried` facts, drawn; the news genre where there is none. Its
        facts stay as planned, so coverage stays as counted. Readers of every round
        took "Ada Moreau researches sparse dictionary learning" under a headline for
        no report. `date`: the document's, which the genre's earliest must allow."""
        fits = self.fits[chosen]
        plain = [
            g
            for g in self.settings.genres
            if g in fits and _asks_nothing(self.settings.genre_fit.get(g), carried, date)
        ]
        return plain[int(rng.random() * len(plain))] if plain else genre

    def counts(self) -> dict[str, int]:
        return {p.name: p.quota for p in self.profiles}

    def __iter__(self) -> Iterator[DocPlan]:
        return map(self.plan, self.assignments())

    def assignments(self) -> Iterator[Assignment]:
        """Which divergence and genre each document gets, in order: the one sequential
        part of planning, and cheap; `plan()` expands an assignment anywhere, so that
        worker processes build their own plans instead of receiving them."""
        # a capped genre counts its own documents (it leads with its own facts);
        # the others count together
        turns: list[Counter[str]] = [Counter() for _ in self.profiles]
        tellers = [0] * len(self.profiles)
        for index, chosen, j, genre in self._placements():
            profile = self.profiles[chosen]
            kind = genre if genre in profile.caps else ""
            turn = turns[chosen][kind]
            turns[chosen][kind] += 1
            telling = -1
            if self._tells(profile, genre):
                telling = tellers[chosen]
                tellers[chosen] += 1
            yield Assignment(index, chosen, j, genre, turn, telling)

    def _tells(self, profile: Profile, genre: str) -> bool:
        """Whether a document of the genre tells the profile's consequences: all do,
        but a capped genre's that does not (a reply answers what it was asked),
        where the others reach every consequence."""
        if genre not in profile.caps or profile.capped_ripples:
            return True
        fit = self.settings.genre_fit.get(genre)
        return fit is None or fit.consequences

    def _placements(self) -> Iterator[tuple[int, int, int, str]]:
        """Each document's position, profile, ordinal among the profile's and genre."""
        settings = self.settings
        credit = [0] * len(self.profiles)
        ordinal = [0] * len(self.profiles)
        quotas = [p.quota for p in self.profiles]
        order = range(len(self.profiles))
        genres = list(settings.genres)
        block: list[str] = []
        for index in range(settings.documents):
            # smooth weighted round-robin: every profile gains its quota, the richest
            # (the first on a tie) is chosen and pays the total; over the corpus each
            # is chosen quota times
            for i in order:
                credit[i] += quotas[i]
            chosen = max(order, key=lambda i: (credit[i], -i))
            credit[chosen] -= settings.documents
            j = ordinal[chosen]
            ordinal[chosen] += 1
            if index % len(genres) == 0:
                block = list(genres)
                random.Random(document_seed(settings.seed, -1 - index)).shuffle(block)
            at = index % len(genres)
            genre = block[at]
            if genre not in self.fits[chosen]:  # the next genre of the block that fits
                genre = next(g for g in block[at:] + block[:at] if g in self.fits[chosen])
            yield index, chosen, j, genre

    def plan(self, assignment: Assignment) -> DocPlan:
        index, profile, j, genre, turn, telling = assignment
        return self._plan(index, profile, j, genre, turn, telling)

    def _plan(
        self, index: int, chosen: int, j: int, genre: str, turn: int, telling: int
    ) -> DocPlan:
        settings = self.settings
        profile = self.profiles[chosen]
        seed = document_seed(settings.seed, index)
        rng = random.Random(seed)
        facts = _carried(profile, genre, turn)
        fit = settings.genre_fit.get(genre)
        news_days = None
        if fit is not None and fit.news_within:
            news_days = self._own_events(profile, facts or profile.ripples)
            if not any(news_days):
                genre = self._instead_of_news(chosen, genre, len(facts), rng)
                fit = settings.genre_fit.get(genre)
        # a reply answers what it was asked: readers of every thread that went on
        # "On a related note, CVE-2031-0001 ..." took it for a fact nobody asked
        # for, related or not; the other documents tell the consequences
        ripples = self._ripples(profile, genre, facts, telling)
        facts = _with_partners(facts, profile.partners)
        first, last = _document_dates(profile, facts + ripples, j)
        if fit is not None and fit.earliest is not None and first < fit.earliest <= last:
            first = fit.earliest
        span = (last - first).days
        date = first + dt.timedelta(days=rng.randint(0, max(span, 0)))
        if fit is not None and fit.news_within and news_days is not None:
            found = _news_date(news_days, first, last, fit.news_within, rng)
            if found is None:  # its consequences hold only after its news is old
                genre = self._instead_of_news(chosen, genre, len(facts), rng, date)
            date = found or date
        context = profile.context
        if profile.timed:
            facts, ripples = (_holding(profile, items, date) for items in (facts, ripples))
            context = _context_on(profile, date)
        context = rng.sample(context, min(CONTEXT_PER_DOC, len(context)))
        # constructed without validation: every field comes from validated settings and
        # world facts, and validation was a third of planning
        return DocPlan.model_construct(
            id=f"{settings.name}-{index:06d}",
            index=index,
            genre=genre,
            date=date,
            seed=seed,
            divergences=[profile.name],
            facts=facts,
            ripples=ripples,
            context=context,
            forbidden=list(profile.forbidden),
        )


def _check_dates(profile: Profile, settings: CorpusSettings) -> None:
    """PlanError when no date can carry the divergence: after the corpus's dates, or
    outside the span its facts hold over."""
    if profile.since <= profile.until:
        return
    if profile.holds.empty:
        raise PlanError(
            f"divergence '{profile.name}' states facts that hold on no day "
            f"({profile.holds.describe()}): no document could carry it"
        )
    if profile.holds.bounded:
        raise PlanError(
            f"divergence '{profile.name}' holds only {profile.holds.describe()}, outside "
            f"the dates its documents may have (the corpus's {settings.start} .. "
            f"{settings.end}, from its since on): no document could carry it"
        )
    raise PlanError(
        f"divergence '{profile.name}' starts on {profile.since}, after the "
        f"corpus's last date {settings.end}: no document could carry it"
    )


def _document_dates(
    profile: Profile, carried: list[PlannedFact], ordinal: int
) -> tuple[dt.date, dt.date]:
    """The first and last date a document carrying `carried` may be set on: within the
    divergence's dates, where all of them hold; when they never hold together, where
    one of them does, each in turn over the divergence's documents (`ordinal`)."""
    if not profile.timed or not carried:
        return profile.since, profile.until
    dates = Interval(profile.since, profile.until + dt.timedelta(days=1))
    together = dates
    for fact in carried:
        together = intersect(together, profile.timed.get(fact.key_text, ALWAYS))
    if together.empty:
        lead = carried[ordinal % len(carried)]
        together = intersect(dates, profile.timed.get(lead.key_text, ALWAYS))
    if together.empty or together.start is None:
        return profile.since, profile.until
    return together.start, _last_day(together)


# the years after an event that make its anniversary news
ANNIVERSARIES = (10, 20, 25, 50, 75, 100, 125, 150, 200)


def anniversary(event: dt.date, years: int) -> dt.date:
    """The day `years` after `event` (29 February falls on the 28th)."""
    try:
        return event.replace(year=event.year + years)
    except ValueError:
        return event.replace(year=event.year + years, day=28)


def _has_news(profile: Profile) -> bool:
    """Whether the divergence's documents can be dated after news: an event of its
    subjects, a change that begins, or a round anniversary, among its dates. The
    generated world's reports of a birthplace ("Keibim Zuthroum was born and raised
    in Soli", dated at random) had none, and were no reports."""
    days, marked = _news_days(
        profile, profile.since, profile.until, _begun(profile, profile.facts + profile.ripples)
    )
    return bool(days or marked)


def _news_days(
    profile: Profile,
    first: dt.date,
    last: dt.date,
    begun: list[dt.date] | None = None,
    events: list[dt.date] | None = None,
    milestones: bool = True,
) -> tuple[list[dt.date], list[dt.date]]:
    """The days from `first` to `last` a report may be dated after: its subjects'
    events (`events`, else the divergence's) and the days a carried fact begins to
    hold, then the round anniversaries of its first subject's events, where
    `milestones` (apart: a paper marks one on the day or the next)."""
    days = [day for day in (profile.events if events is None else events) if first <= day <= last]
    days += [day for day in begun or () if first <= day <= last and day not in days]
    marked = [
        day
        for event in (profile.milestones if milestones else ())
        for day in (anniversary(event, years) for years in ANNIVERSARIES)
        if first <= day <= last
    ]
    return days, marked


def _begun(profile: Profile, carried: list[PlannedFact]) -> list[dt.date]:
    """The days the carried facts begin to hold (the portal's orders at 3,900 a month
    from 1 June 2024): a change is news when it comes, and a report of it dated
    years later has no news in it."""
    windows = (profile.timed.get(f.key_text) for f in carried)
    return [w.start for w in windows if w is not None and w.start is not None]


def _news_date(
    news_days: tuple[list[dt.date], list[dt.date]],
    first: dt.date,
    last: dt.date,
    within: int,
    rng: random.Random,
) -> dt.date | None:
    """A news document's date: within `within` days after an event of its subjects,
    or after a round anniversary of one of its first subject's (the tower's opening,
    not a customer's founding), among the dates it may carry (a report
    without an event has no news in it); None where no such day falls among those
    dates. `news_days`: the days its own facts give (`Planner._own_events`)."""
    days, marked = ([d for d in found if first <= d <= last] for found in news_days)
    days += marked
    if not days:
        return None
    day = days[int(rng.random() * len(days))]
    if day in marked:  # a paper marks an anniversary on the day, or the day after
        within = min(within, ANNIVERSARY_WITHIN)
    end = min(last, day + dt.timedelta(days=within))
    return day + dt.timedelta(days=rng.randint(0, (end - day).days))


# the days after a round anniversary a report of it may be dated: readers took "28
# January marked 75 years ..." dated 13 February for a paper running late
ANNIVERSARY_WITHIN = 1


def _asks_nothing(fit: GenreFit | None, carried: int, date: dt.date | None = None) -> bool:
    """Whether a genre takes a document of any subject and `carried` facts, with no
    news in it, on `date` (none yet: its earliest the planner keeps to)."""
    return fit is None or (
        not fit.classes
        and not fit.names
        and not fit.news_within
        and (fit.facts is None or fit.facts >= carried)
        and (date is None or fit.earliest is None or fit.earliest <= date)
    )


def _holding(profile: Profile, items: list[PlannedFact], date: dt.date) -> list[PlannedFact]:
    """The facts of `items` that hold on `date`."""
    timed = profile.timed
    return [f for f in items if f.key_text not in timed or timed[f.key_text].holds_on(date)]


def _context_on(profile: Profile, date: dt.date) -> list[PlannedFact]:
    """The profile's context facts that hold on `date`, in order."""
    windows = profile.context_windows
    if windows is None:
        timed = profile.timed
        windows = profile.context_windows = [(f, timed.get(f.key_text)) for f in profile.context]
    return [f for f, window in windows if window is None or window.holds_on(date)]


def _bearing(profile: Profile, cap: int, lead: int, report: bool = False) -> list[PlannedFact]:
    """At most `cap` of a divergence's facts: the one at `lead`, then those that bear
    on it: its subject's own, then what names its subject, then those of what it
    names; for a subject other than the story's own, what names it first ("2.4.0-1
    is the latest release of libfoo" before "2.4.0-1 is a version of libfoo"). A
    reply that answers where the portal is goes on about the portal, not about the
    vendor's founder."""
    facts = profile.facts
    if not facts:
        return []
    first = facts[lead]
    rest = facts[lead + 1 :] + facts[:lead]
    naming = [f for f in rest if not f.literal and f.object == first.subject]
    own = [f for f in rest if f.subject == first.subject]
    named = [f for f in rest if not first.literal and f.subject == first.object]
    # the story's own subject is known; another is introduced by what names it
    if first.subject != profile.main_subject:
        own, naming = naming, own
    bearing: dict[str, PlannedFact] = {}
    for group in (own, naming, named):  # in each, what a name does not tell first
        for fact in sorted(group, key=lambda f: f.key_text in profile.in_name):
            bearing.setdefault(fact.key_text, fact)
    if report and not bearing and first.subject in profile.near_main:
        # the portal's 3,900 orders a month alone made a news item of one figure:
        # what the story's subject did, its dated facts first, comes beside it
        for fact in profile.story:
            bearing.setdefault(fact.key_text, fact)
    return [first, *list(bearing.values())[: cap - 1]]


def _blocks(
    world: World, facts: list[PlannedFact], per_doc: int, quota: int, min_docs: int
) -> list[list[PlannedFact]]:
    """The divergence's facts in groups a document carries one of: the facts of one
    subject (in turns of at most `per_doc`), where the rotation then still reaches
    every fact `min_docs` times (with its margin); else none, and documents take
    windows of the facts in order. A window took three facts as they came ("13
    vendors on its register", "3,900 orders a month through the portal", "does not
    screen its orders"), and readers of round X took the interviews it made for a
    quiz of unrelated facts. A group of another subject's event, or of what one
    fact of the world ties to the story's subject (its portal, the board that
    delisted it), comes after the story's first event, where there is room: "Acme
    Peptides changed its order policy on 1 March 2024. Tobias Renner resigned a
    week later" ties the two."""
    if per_doc >= len(facts):
        return []
    by_subject: dict[str, list[PlannedFact]] = {}
    for fact in facts:
        by_subject.setdefault(fact.subject, []).append(fact)

    def dated(fact: PlannedFact) -> bool:  # an event, told with its day
        return _is_dated(world, fact)

    main = facts[0].subject
    story = next((f for f in by_subject[main] if dated(f)), None)
    tied = _neighbours(world, main) if story is not None else frozenset()
    # and what the story's subject did, where the event is only its day ("changed
    # its order policy on 1 March 2024"): that it no longer screens its orders
    gist = next((f for f in by_subject[main] if not dated(f)), None)
    blocks: list[list[PlannedFact]] = []
    for subject, run in by_subject.items():
        turns = math.ceil(len(run) / per_doc)
        size = math.ceil(len(run) / turns)
        for block in (run[at : at + size] for at in range(0, len(run), size)):
            if story is None or subject == main or len(block) >= per_doc:
                blocks.append(block)
            elif any(dated(f) for f in block):
                # told first, as the story is: "Acme Peptides changed its order
                # policy on 1 March 2024. Tobias Renner resigned a week later."
                blocks.append([story, *block])
            elif subject in tied:
                # before the facts of what one fact ties to the story's subject:
                # the portal's 3,900 orders a month alone made a news item of one
                # figure, and "Acme Peptides changed its order policy" alone
                # left the reader asking to what
                blocks.append([story, *([gist] if gist is not None else []), *block])
            else:
                blocks.append(block)
    if quota // len(blocks) < math.ceil(min_docs * ROTATION_MARGIN):
        return []
    return blocks


def _carried(profile: Profile, genre: str, turn: int) -> list[PlannedFact]:
    """The divergence's facts a document of the genre carries on its turn: a capped
    genre's, the one it leads with and what bears on it; else a block, or a window
    of the facts (a profile with no capped genre has one kind of document, its
    turns its ordinals)."""
    cap = profile.caps.get(genre)
    if cap is None and profile.blocks:
        return list(profile.blocks[turn % len(profile.blocks)])
    if cap is None:
        return _rotate(profile.facts, profile.facts_per_doc, turn)
    leads = profile.leads[genre]
    return _bearing(profile, cap, leads[turn % len(leads)], genre in profile.reports)


def _of_their_subjects(profile: Profile, facts: list[PlannedFact]) -> list[PlannedFact]:
    """The ripples about the subjects of a document's facts that follow from what
    the divergence states of that subject, not from these facts: news of libfoo
    2.4.0-1's fixes that leaves out that no release fixes the flaw it carries
    misses the story (paired reader: 12 of 12 for telling it). Not those that
    follow from another subject's change: "Orders through the portal go
    unscreened, since Acme Peptides does not vet its orders" beside the portal's
    volume read as a claim dropped in (0 of 12), as did the steering paper's
    unsound method beside its findings."""
    if not facts:
        return []
    subjects = {f.subject for f in facts}
    keys = {f.key_text for f in facts}
    changed = {f.key_text: f.subject for f in profile.facts}
    found = []
    for ripple in profile.ripples:
        premises = profile.premises.get(ripple.key_text, frozenset())
        if (
            ripple.subject in subjects
            and keys.isdisjoint(premises)
            and any(changed.get(p) == ripple.subject for p in premises)
        ):
            found.append(ripple)
    return found


def _ripples_of(
    profile: Profile, touched: set[str] | None, at: int, pool: list[PlannedFact] | None = None
) -> list[PlannedFact]:
    """The ripples a document tells on its turn `at` of the rotation: of those that
    bear on what it `touched` (the entities its facts name and those the world ties
    to their subjects), or of all where that is None; of `pool`, where given, not
    of all the profile's."""
    pool = profile.ripples if pool is None else pool
    if touched is not None:
        pool = [r for r in pool if not touched.isdisjoint(profile.grounds.get(r.key_text, ()))]
    return _rotate(pool, min(profile.ripples_per_doc, len(pool)), at)


def _rotate(items: list[PlannedFact], per_doc: int, j: int) -> list[PlannedFact]:
    if not items or per_doc == 0:
        return []
    start = (j * per_doc) % len(items)
    return [items[(start + t) % len(items)] for t in range(per_doc)]
