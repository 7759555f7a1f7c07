"""Typed records that flow from the loaders into the graph.

The loaders produce one ``PlanExtraction`` per file; ``graph.build`` turns a list
of them into a networkx graph. Field names follow the graph schema
(docs/graph-schema.md) so that building is a copy, not a translation.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.schema import Label

GROUP, PROGRAM, INDICATOR = Label.TARGET_GROUP, Label.PROGRAM, Label.INDICATOR
PLAN_KINDS = ("plan", "implementation_scheme", "action_plan", "interpretation")
STRENGTHS = ("binding", "striving", "supporting", "encouraging", "exploratory")
"""Commitment strengths, strongest first."""


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    short_name: str
    level: str
    parent_code: str | None

    @property
    def id(self) -> str:
        return f"region:{self.code}"


@dataclass(frozen=True)
class Entity:
    """A target group, program or indicator: curated, or discovered in a plan."""

    id: str
    label: str
    name: str
    aliases: tuple[str, ...] = ()
    kind: str | None = None
    unit: str | None = None
    curated: bool = True
    default_scope: str | None = None
    """For indicators: the scope of a plan-period target that does not state one."""
    program_id: str | None = None
    """For money instruments tied to one program (就业见习补贴 → 就业见习): money committed
    through the instrument funds that program."""


@dataclass
class PlanMeta:
    title: str | None = None
    region_code: str | None = None
    kind: str = "plan"
    issuer: str | None = None
    doc_number: str | None = None
    issued_on: str | None = None
    period_start: int | None = None
    period_end: int | None = None


@dataclass
class Section:
    id: str
    path: str
    heading: str | None
    level: int
    ordinal: int
    parent_id: str | None
    kind: str = "section"  # section | box | table | front
    line: int = 0


@dataclass
class Clause:
    id: str
    section_id: str
    text: str
    ordinal: int
    start: int
    end: int
    line: int
    is_heading: bool = False
    cells: tuple[str, ...] = ()
    header: tuple[str, ...] = ()
    locator: str | None = None
    """Where the clause stands in the original file: ``p. 7`` (PDF), an element path (HTML),
    ``paragraph 12`` (Word); None for text plans, whose ``line`` says it."""


@dataclass(frozen=True)
class Mention:
    clause_id: str
    entity_id: str
    surface: str
    start: int
    end: int
    strength: str | None = None
    """How firmly the mentioning clause commits (see ``Funding.strength``)."""


@dataclass
class Target:
    indicator_id: str
    clause_id: str
    evidence: str
    value: float | None
    value_text: str
    unit: str | None
    comparator: str
    year: int | None
    scope: str
    main: bool
    value_high: float | None = None
    """The high end of a range (3—5万人: value 3, value_high 5)."""
    change: bool = False
    """The value is a change (提高2个百分点), not the level reached."""
    baseline_value: float | None = None
    baseline_year: int | None = None
    attribute: str | None = None
    normalized_value: float | None = None
    normalized_unit: str | None = None
    region_code: str | None = None
    """A sub-region's target in the plan (a city row of a provincial table); None: the plan's region."""
    restated_clause_ids: tuple[str, ...] = ()
    """Other clauses that state the same target (the prose restating a table row, a 专栏)."""
    restated_evidence: tuple[str, ...] = ()
    """The quotes of those clauses, in the same order."""
    strength: str | None = None
    """How firmly the clause commits (see ``Funding.strength``)."""


@dataclass
class Funding:
    program_id: str
    clause_id: str
    evidence: str
    instrument: str
    """The money words as written (一次性创业补贴, 以奖代补, 贴息)."""
    instrument_kind: str = "other"
    """subsidy, loan, interest_subsidy, award, grant, special_fund, reward_in_lieu, purchase, other."""
    amount: float | None = None
    amount_unit: str | None = None
    amount_yuan: float | None = None
    amount_kind: str | None = None
    """one_off, per_person, per_month, per_day, per_year, cap or total."""
    group_id: str | None = None
    """The beneficiary group the clause names, when it names one."""
    strength: str | None = None
    """How firmly the clause commits: binding, striving, supporting, encouraging, exploratory."""


@dataclass(frozen=True)
class Serving:
    program_id: str
    group_id: str
    clause_id: str
    evidence: str


@dataclass(frozen=True)
class Instrument:
    """The policy instrument a clause commits to (Rothwell–Zegveld)."""

    kind: str
    """supply, demand or environment."""
    subtype: str
    """training, public_service … (the lexicon, data/vocab/instruments.yaml)."""


@dataclass(frozen=True)
class Citation:
    document_id: str
    title: str
    clause_id: str


@dataclass
class PlanExtraction:
    id: str
    source: str
    sha256: str
    encoding: str | None
    meta: PlanMeta
    text: str
    sections: list[Section] = field(default_factory=list)
    clauses: list[Clause] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    fundings: list[Funding] = field(default_factory=list)
    servings: list[Serving] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    discovered: list[Entity] = field(default_factory=list)
    instruments: dict[str, Instrument] = field(default_factory=dict)
    """The policy instrument of each clause that covers or funds a program or group, by clause id."""
    source_format: str = "text"
    page_count: int | None = None
    source_url: str | None = None
    retrieved_on: str | None = None
    publisher: str | None = None
    duplicate_sources: list[str] = field(default_factory=list)
    """Other files with the very same bytes: one plan, every name kept."""
    text_sha256: str = ""
    """The sha256 of the normalised text: the same plan in another encoding has the same."""
