"""A rule's own `says`: how a document tells a ripple after its premise. Parsed,
formatted, checked (WS209, WS605), read by the verifier as stating the ripple, and
written by the offline renderer once the premise is said."""

from __future__ import annotations

import datetime as dt
import random
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from worldspec.api import format_text
from worldspec.check import analyze_path
from worldspec.model import Analysis, telling
from worldspec.plan import DocPlan, PlannedFact, Planner, corpus_settings
from worldspec.render import PackLibrary, TemplateRenderer
from worldspec.render.content import Message
from worldspec.render.microplan import Lexicon, SentencePlanner
from worldspec.syntax import ast
from worldspec.verify import Verifier

REPO = Path(__file__).resolve().parent.parent

SCHEMA = """
world w { title "t" as_of 2024-01-01 }
class Vendor
class Lab
property screens : Vendor -> bool [one] { says "whether {s} screens its orders: {o}" }
property customer : Vendor -> Lab [many] { says "{s} sells to {o}" }
property unscreened_supplier : Lab -> Vendor [many] { says "{o} fills orders from {s} unscreened" }
entity acme : Vendor "Acme"
entity lab : Lab "the Lab"
reality { acme.screens = true
  acme.customer = lab }
diverge d { acme.screens = false }
"""


def test_a_rule_takes_says_phrasings_and_fmt_keeps_them() -> None:
    text = (
        "rule r: ?v.screens = false, ?v.customer = ?c => ?c.unscreened_supplier = ?v {"
        '   says   "{v} makes no exception for {c}"  # why\n}\n'
    )
    formatted, parsed = format_text(text)
    (rule,) = parsed.module.decls
    assert isinstance(rule, ast.RuleDecl)
    assert [s.args[0].value for s in rule.settings] == ["{v} makes no exception for {c}"]
    assert formatted == (
        "rule r: ?v.screens = false, ?v.customer = ?c => ?c.unscreened_supplier = ?v {\n"
        '  says "{v} makes no exception for {c}"  # why\n'
        "}\n"
    )
    # a rule without a block stays on one line
    bare = "rule r: ?v.screens = false, ?v.customer = ?c => ?c.unscreened_supplier = ?v\n"
    assert format_text(bare)[0] == bare


@pytest.mark.parametrize(
    ("says", "code"),
    [
        ('"{v} makes no exception for {x}"', "WS209"),  # not a variable of the rule
        ('"{v} makes no exception"', "WS209"),  # never names the conclusion's subject {c}
        ('"{c} is a customer"', "WS209"),  # nor its value {v}
        ('"{v} makes no exception for {c}. Really."', "WS605"),  # two sentences
        ('"{v!r} makes no exception for {c}"', "WS209"),  # str.format would quote it
        ('"{v:>30} makes no exception for {c}"', "WS209"),  # or pad it
        ('"{v} makes { no exception for {c}"', "WS209"),  # a lone brace
        ('"including its orders"', "WS209"),  # a tail names the conclusion still
        ('"including {v}"', "WS209"),  # what the premise's sentence leaves out: {c}
    ],
)
def test_a_rule_phrasing_is_checked(
    says: str, code: str, check_codes: Callable[[str], list[str]]
) -> None:
    rule = (
        "rule r: ?v.screens = false, ?v.customer = ?c => ?c.unscreened_supplier = ?v "
        f"{{ says {says} }}\n"
    )
    assert code in check_codes(SCHEMA + rule)
    good = rule.replace(says, '"{v} makes no exception for {c}"')
    assert check_codes(SCHEMA + good) == []


def test_a_tail_leaves_out_what_its_premise_s_sentence_opens_on(
    check_codes: Callable[[str], list[str]],
) -> None:
    """ "including those from {c}" goes on the sentence that states the premise
    ("Acme does not screen its orders, including those from the Lab"), which names
    {v}, a premise's subject: a tail may leave it out."""
    rule = (
        "rule r: ?v.screens = false, ?v.customer = ?c => ?c.unscreened_supplier = ?v "
        '{ says "including those from {c}" }\n'
    )
    assert check_codes(SCHEMA + rule) == []


def test_a_ripple_ends_the_sentence_of_its_premise(peptide: Analysis) -> None:
    """ "Acme Peptides does not vet its orders, including those from EPFL.", where the
    rule has a tail: readers of rounds G to J took the premise and then the ripple in
    a sentence of its own for one claim told twice. The verifier reads the tail as
    the ripple where the sentence names the vendor, or opens by referring to it; not
    on a sentence about another."""
    verifier = Verifier(peptide.world)
    plan = ripple_plan(UNSCREENED_EPFL)
    folded = 0
    for seed in range(20):
        writer = planner_after(peptide)
        writer.rng.seed(seed)
        said = writer.sentences(
            [Message(SCREENS, "focus"), Message(UNSCREENED_EPFL, "ripple", (SCREENS, CUSTOMER))]
        )
        if len(said) == 1:
            folded += 1
            assert re.search(
                r", including (those|orders|anything|what comes in) from EPFL\.$", said[0]
            ), said
            assert verifier.check(said[0], plan) == [], said
    assert folded >= 8, folded
    assert_read(
        verifier,
        plan,
        stated=(
            "Acme Peptides does not vet its orders, including those from EPFL.",
            "Acme Peptides is in Geneva. It does not vet its orders, including those from EPFL.",
        ),
        unstated=(
            "Moraine Peptides checks its orders, including those from EPFL.",
            "Including those from EPFL.",
            "The firm ships fast, including those from EPFL.",
        ),
    )


def test_a_yes_no_conclusion_need_not_be_named(check_codes: Callable[[str], list[str]]) -> None:
    """A rule that concludes a yes or no tells it by its clause ("that leaves Kestrel
    without a working monitor"), not by a word for the value."""
    schema = (
        SCHEMA + 'property exposed : Lab -> bool [one] { says "whether {s} is exposed: {o}" }\n'
    )
    rule = (
        "rule r: ?v.screens = false, ?v.customer = ?c => ?c.exposed = true "
        '{ says "{c} is exposed" }'
    )
    assert check_codes(schema + rule) == []


@pytest.fixture(scope="module")
def peptide() -> Analysis:
    analysis, _ = analyze_path(REPO / "examples" / "peptide_vendor.world")
    assert analysis is not None
    return analysis


UNSCREENED_EPFL = PlannedFact(
    subject="epfl", property="unscreened_supplier", object="acme_peptides"
)


def ripple_plan(ripple: PlannedFact, genre: str = "email") -> DocPlan:
    return DocPlan(
        id="t-0",
        index=0,
        genre=genre,
        date=dt.date(2025, 1, 1),
        seed=1,
        divergences=["ships_anything"],
        facts=[],
        ripples=[ripple],
        context=[],
        forbidden=[],
    )


def test_the_verifier_reads_a_rule_phrasing_as_stating_the_ripple(peptide: Analysis) -> None:
    verifier = Verifier(peptide.world)
    plan = ripple_plan(UNSCREENED_EPFL)
    premise = "Acme Peptides does not screen its orders. "
    assert_read(
        verifier,
        plan,
        stated=(
            "EPFL is among the customers whose orders Acme Peptides no longer screens.",
            premise + "Acme Peptides no longer checks the orders it gets from EPFL.",
            premise + "EPFL, which buys from Acme Peptides, is no exception.",
        ),
        unstated=(
            # "the firm" with nothing before it, or after a sentence about another firm
            "EPFL, which buys from the firm, is no exception.",
            "Moraine Peptides screens its orders. EPFL, which buys from the firm, is no exception.",
            # another customer
            "Corvina Biotech is among the customers whose orders Acme Peptides no longer screens.",
        ),
    )


def assert_read(
    verifier: Verifier, plan: DocPlan, stated: tuple[str, ...], unstated: tuple[str, ...]
) -> None:
    """The verifier reads each of `stated` as stating the plan's ripple, and none of
    `unstated`."""
    for text in stated:
        assert verifier.check(text, plan) == [], text
    for text in unstated:
        assert [f.reason for f in verifier.check(text, plan)] == ["missing-fact"], text


def planner_after(analysis: Analysis, *said: PlannedFact) -> SentencePlanner:
    writer = SentencePlanner(Lexicon(analysis.world), random.Random(1), dt.date(2025, 1, 1))
    writer.changed = {("acme_peptides", "screens_orders")}
    for fact in said:
        writer.state(Message(fact, "focus"))
        writer.just_said = {fact.key_text}
    return writer


SCREENS = PlannedFact(
    subject="acme_peptides", property="screens_orders", object="false", literal=True
)
CUSTOMER = PlannedFact(subject="acme_peptides", property="customer", object="epfl")


def told(writer: SentencePlanner, ripple: PlannedFact, because: tuple[PlannedFact, ...]) -> str:
    return writer.state(Message(ripple, "ripple", because))


def test_a_ripple_is_told_in_its_rule_s_words_after_its_premise(peptide: Analysis) -> None:
    """ "Acme Peptides does not screen its orders. It screens none of the orders it
    gets from EPFL.", not "... It ships to EPFL without screening the orders.", which
    readers of every round took for one claim made twice."""
    because = (SCREENS, CUSTOMER)
    phrasings = [
        "makes no exception for the orders of EPFL",  # "It ..." after its premise
        "no longer checks the orders it gets from EPFL",
        "That includes the orders EPFL places with Acme Peptides",
        "Customers of Acme Peptides such as EPFL now get",
        "no longer screens orders from its customers, EPFL among them",
        "Customers such as EPFL now buy from Acme Peptides",
    ]
    seen = set()
    for seed in range(12):
        writer = planner_after(peptide, SCREENS)
        writer.rng.seed(seed)
        text = told(writer, UNSCREENED_EPFL, because)
        assert any(p in text for p in phrasings), text
        seen.update(p for p in phrasings if p in text)
        # it states the ripple, and the premise it rests on goes without saying again
        assert UNSCREENED_EPFL.key_text in writer.said and CUSTOMER.key_text in writer.said
    assert len(seen) > 1  # drawn among the rule's phrasings
    # the premise unsaid: the property's own words, as before
    writer = planner_after(peptide)
    text = told(writer, UNSCREENED_EPFL, because)
    assert not any(p in text for p in phrasings), text


def test_a_phrasing_that_points_back_follows_its_premise_at_once(peptide: Analysis) -> None:
    """ "That includes orders placed through the portal" right after "Acme does not
    screen its orders"; under a heading of its own, after other facts, "that"
    pointed at whatever they said."""
    ripple = PlannedFact(subject="portal", property="unscreened", object="true", literal=True)
    orders_via = PlannedFact(subject="acme_peptides", property="orders_via", object="portal")
    because = (SCREENS, orders_via)
    opened = set()
    for seed in range(12):
        writer = planner_after(peptide, SCREENS)
        writer.rng.seed(seed)
        opened.add(told(writer, ripple, because).split()[0])
    assert "That" in opened
    founded = PlannedFact(
        subject="acme_peptides", property="founded", object="2011-04-12", literal=True
    )
    for seed in range(12):
        writer = planner_after(peptide, SCREENS, founded)
        writer.rng.seed(seed)
        text = told(writer, ripple, because)
        assert not text.startswith("That"), text


def test_a_guest_speaks_of_their_own_organisation_in_their_own_words(peptide: Analysis) -> None:
    """A rule's phrasing names EPFL as a stranger would ("EPFL, which buys from Acme
    Peptides, is no exception"): from a guest who works there it read "us, one of
    its customers". Only one that names it after a preposition, where it may be
    "us" ("... the orders it gets from us")."""
    said = []
    for seed in range(12):
        writer = planner_after(peptide, SCREENS)
        writer.rng.seed(seed)
        writer.speaking_for = "epfl"
        text = told(writer, UNSCREENED_EPFL, (SCREENS, CUSTOMER))
        assert not any(p in text for p in ("no exception", "includes")), text
        assert re.search(r"\b(from|to|for|with|by|against|at) EPFL\b", text), text
        said.append(text)
    # as a customer says it: "It no longer checks the orders it gets from us", not
    # "... a single order from us", which blind readers of session 39 called a
    # line no one says (four of them, in threads and interviews)
    assert any("checks the orders it gets from EPFL" in text for text in said), said
    assert not any("a single order" in text for text in said), said


def test_the_peptide_corpus_tells_its_ripples_in_the_rules_words(peptide: Analysis) -> None:
    """Over real documents: the rules' phrasings are written, after their premise,
    and every document passes the verifier."""
    packs = PackLibrary()
    genres = ["news_article", "forum_thread", "email", "interview_transcript"]
    settings = corpus_settings(
        peptide.world, documents=200, genres=genres, available_genres=packs.names
    )
    renderer = TemplateRenderer(peptide.world)
    verifier = Verifier(peptide.world)
    told_in = 0
    for plan, _ in zip(Planner(peptide, settings), range(120), strict=False):
        text = renderer.render(plan, packs.get(plan.genre)).text
        assert verifier.check(text, plan) == [], text
        found = re.search(
            r"no exception for the orders|That includes the orders|the orders it gets from"
            r"|fills orders from|now go through [^.]* unchecked|the sequences it gets from",
            text,
        )
        quoted = found is not None and text.rfind("“", 0, found.start()) > text.rfind(
            "”", 0, found.start()
        )
        if found is not None and not quoted:  # (a quote says what follows on its own)
            told_in += 1
            premise = min(
                text.find(p) for p in ("screen", "vet", "check", "review", "sequence") if p in text
            )
            # (before it, or in its own words: "fills orders from us without any screening")
            assert premise < text.find(".", found.start()), text
    assert told_in >= 5


def test_the_language_server_completes_says_in_a_rule() -> None:
    from worldspec.lsp.features import complete, enclosing_block

    text = "rule r: ?x.p = ?y => ?y.q = ?x {\n  s"
    block = enclosing_block(text, 2)
    assert block == "rule"
    assert [c.label for c in complete(None, "  s", block)] == ["says"]


def test_a_phrasing_that_hangs_a_clause_on_its_opening_names_it(peptide: Analysis) -> None:
    """ "It, which competes with Acme Peptides for the same customers, still screens
    every order" after a question about Moraine Peptides: a pronoun takes no clause
    of its own, so the name opens the sentence."""
    rival = PlannedFact(
        subject="moraine_peptides", property="screened_alternative_to", object="acme_peptides"
    )
    competitor = PlannedFact(
        subject="acme_peptides", property="competitor", object="moraine_peptides"
    )
    moraine_screens = PlannedFact(
        subject="moraine_peptides", property="screens_orders", object="true", literal=True
    )
    about_moraine = PlannedFact(subject="moraine_peptides", property="headquarters", object="basel")
    for seed in range(12):
        writer = planner_after(peptide, SCREENS, about_moraine)
        writer.rng.seed(seed)
        text = told(writer, rival, (SCREENS, competitor, moraine_screens))
        assert text.startswith("Moraine"), text


RULE_WORLD = (
    SCHEMA + 'property exposed : Lab -> bool [one] { says "whether {s} is exposed: {o}" }\n'
)


def render_ripple(text: str, tmp_path: Path, says: str, ripple: PlannedFact) -> tuple[str, list]:
    """A world whose rule has one phrasing `says`, the ripple written after its
    premise, and what the verifier finds in the two sentences."""
    path = tmp_path / "w.world"
    path.write_text(text.replace("SAYS", says), encoding="utf-8")
    analysis, report = analyze_path(path, checks=True)
    assert analysis is not None and report.diagnostics == [], report.diagnostics
    premise = PlannedFact(subject="acme", property="screens", object="false", literal=True)
    customer = PlannedFact(subject="acme", property="customer", object="lab")
    writer = SentencePlanner(Lexicon(analysis.world), random.Random(1), dt.date(2025, 1, 1))
    writer.changed = {("acme", "screens")}
    first = writer.state(Message(premise, "focus"))
    writer.just_said = {premise.key_text}
    second = writer.state(Message(ripple, "ripple", (premise, customer)))
    plan = DocPlan(
        id="t-0",
        index=0,
        genre="email",
        date=dt.date(2025, 1, 1),
        seed=1,
        divergences=["d"],
        facts=[],
        ripples=[ripple],
        context=[],
        forbidden=[],
    )
    body = f"{first} {second}"
    return body, Verifier(analysis.world).check(body, plan)


def test_a_rule_phrasing_in_any_case_with_braces_or_no_variable_is_written_and_read(
    tmp_path: Path,
) -> None:
    """Variables in capitals ("{V}"), an escaped brace beside one ("{{{c}}}") and a
    phrasing that names no variable, its conclusion fixed by the rule, are written
    and read as the ripple, as str.format and the check read them."""
    unscreened = PlannedFact(subject="lab", property="unscreened_supplier", object="acme")
    rule = (
        "rule r: ?V.screens = false, ?V.customer = ?C => ?C.unscreened_supplier = ?V "
        "{ says SAYS }\n"
    )
    for says, written in (
        ('"{V} makes no exception for {C}"', "It makes no exception for the Lab."),
        ('"{V} makes no exception for {{{C}}}"', "It makes no exception for {the Lab}."),
    ):
        body, found = render_ripple(SCHEMA + rule, tmp_path, says, unscreened)
        assert body.endswith(written) and found == [], (body, found)
    exposed = PlannedFact(subject="lab", property="exposed", object="true", literal=True)
    fixed = (
        "rule r: acme.screens = false, acme.customer = lab => lab.exposed = true { says SAYS }\n"
    )
    body, found = render_ripple(RULE_WORLD + fixed, tmp_path, '"the Lab is left exposed"', exposed)
    assert body.endswith("The Lab is left exposed.") and found == [], (body, found)


@pytest.mark.parametrize("phrase", ["{v!r} screens", "{v:>30} screens", "{v!s:x} screens"])
def test_a_phrasing_read_as_the_renderer_fills_it_refuses_conversions(phrase: str) -> None:
    """The renderer fills a phrasing's pieces itself: a field that would have str.format
    convert or pad what it names is refused, not filled as a bare name."""
    with pytest.raises(ValueError, match="may not convert or format"):
        telling.pieces(phrase)
    assert telling.pieces("{v} gets {{none}} from {c}") == [
        ("", "v"),
        (" gets {", None),
        ("none}", None),
        (" from ", "c"),
    ]


def test_a_sentence_of_a_plural_takes_those_as_its_tail(peptide: Analysis) -> None:
    """ "It does not review the sequences it is sent, including those from EPFL.": a
    sentence with a plural of its own words takes "those" though it ends on a
    verb; one whose only plural is in a name ("Acme Peptides does not check what
    it is asked to make") does not."""
    premise = Message(SCREENS, "focus")
    ripple = Message(UNSCREENED_EPFL, "ripple", (SCREENS, CUSTOMER))
    folded: Counter[str] = Counter()
    for seed in range(300):
        writer = SentencePlanner(Lexicon(peptide.world), random.Random(seed), dt.date(2025, 1, 1))
        writer.changed = {("acme_peptides", "screens_orders")}
        first = writer.sentences([premise, ripple], join=0.0)[0]
        if ", including those from EPFL" in first:
            head = first.split(",")[0]
            assert re.search(r"\b[a-z]{4,}s\b", head), first
            folded["sent" if head.endswith("sent") else "other"] += 1
    assert folded["sent"] >= 3, folded


def test_a_ripple_may_say_the_tie_it_follows_from(peptide: Analysis) -> None:
    """ "Customers of Acme Peptides such as EPFL now get their peptides unscreened.":
    readers of session 38 asked why "It no longer checks a single order from
    Corvina Biotech", under a page's "Consequences", named a firm the page had not
    said was a customer (paired read 12/0). The rule's phrasing that says the tie
    is drawn among the others."""
    seen = 0
    for seed in range(40):
        writer = planner_after(peptide, SCREENS)
        writer.rng.seed(seed)
        seen += "Customers of Acme Peptides such as EPFL" in told(
            writer, UNSCREENED_EPFL, (SCREENS, CUSTOMER)
        )
    assert seen >= 5, seen


def test_a_ripple_whose_tie_is_untold_says_it(peptide: Analysis) -> None:
    """ "Customers such as EPFL now buy from Acme Peptides with no screening at all.":
    where the document has not said EPFL is a customer, the ripple's phrasing names
    the tie (by the premise's property, "customers" of `customer`), not "It no
    longer checks a single order from EPFL." of a firm it never introduced (blind
    readers of session 38; paired read 12/0); where it has, any phrasing."""
    untied = set()
    for seed in range(24):
        writer = planner_after(peptide, SCREENS)
        writer.rng.seed(seed)
        text = told(writer, UNSCREENED_EPFL, (SCREENS, CUSTOMER))
        assert re.search(r"\bcustomers\b", text, re.IGNORECASE), text
        writer = planner_after(peptide, SCREENS, CUSTOMER)
        writer.rng.seed(seed)
        text = told(writer, UNSCREENED_EPFL, (SCREENS, CUSTOMER))
        if not re.search(r"\bcustomers\b", text, re.IGNORECASE):
            untied.add(text)
    assert untied
