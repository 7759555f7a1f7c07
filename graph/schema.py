"""The graph vocabulary (docs/graph-schema.md) as string enums: labels, relationship types, region
levels, target scopes and program kinds. Labels and relationship types are the only text that
may ever be written into query text, and only through ``check_label`` / ``check_relationship``."""

from __future__ import annotations

from enum import StrEnum


class Label(StrEnum):
    REGION = "Region"
    PLAN = "Plan"
    SECTION = "Section"
    CLAUSE = "Clause"
    TARGET_GROUP = "TargetGroup"
    PROGRAM = "Program"
    INDICATOR = "Indicator"
    DOCUMENT = "Document"


class Rel(StrEnum):
    PART_OF = "PART_OF"
    ISSUED = "ISSUED"
    HAS_SECTION = "HAS_SECTION"
    HAS_CLAUSE = "HAS_CLAUSE"
    MENTIONS = "MENTIONS"
    COVERS = "COVERS"
    FUNDS = "FUNDS"
    SETS_TARGET = "SETS_TARGET"
    SERVES = "SERVES"
    CITES = "CITES"
    ECHOES = "ECHOES"
    REUSES = "REUSES"


class Level(StrEnum):
    """A region's administrative level."""

    COUNTRY = "country"
    PROVINCE = "province"
    PREFECTURE = "prefecture"
    COUNTY = "county"


class Scope(StrEnum):
    """What a target's number counts: over the plan period, per year, or a level to reach."""

    CUMULATIVE = "cumulative"
    ANNUAL = "annual"
    LEVEL = "level"


class ProgramKind(StrEnum):
    PROGRAM = "program"
    CARRIER = "carrier"
    INSTRUMENT = "instrument"
    BRAND = "brand"
    ACTIVITY = "activity"
    PLATFORM = "platform"


RELATIONSHIPS: dict[Rel, tuple[tuple[Label, ...], tuple[Label, ...]]] = {
    Rel.PART_OF: ((Label.REGION,), (Label.REGION,)),
    Rel.ISSUED: ((Label.REGION,), (Label.PLAN,)),
    Rel.HAS_SECTION: ((Label.PLAN, Label.SECTION), (Label.SECTION,)),
    Rel.HAS_CLAUSE: ((Label.SECTION,), (Label.CLAUSE,)),
    Rel.MENTIONS: ((Label.CLAUSE,), (Label.TARGET_GROUP, Label.PROGRAM, Label.INDICATOR)),
    Rel.COVERS: ((Label.PLAN,), (Label.TARGET_GROUP, Label.PROGRAM)),
    Rel.FUNDS: ((Label.PLAN,), (Label.PROGRAM,)),
    Rel.SETS_TARGET: ((Label.PLAN,), (Label.INDICATOR,)),
    Rel.SERVES: ((Label.PROGRAM,), (Label.TARGET_GROUP,)),
    Rel.CITES: ((Label.PLAN,), (Label.DOCUMENT,)),
    Rel.ECHOES: ((Label.CLAUSE,), (Label.CLAUSE,)),
    Rel.REUSES: ((Label.CLAUSE,), (Label.CLAUSE,)),
}
"""Each relationship type with the labels it may start from and end at."""


LINEAGE: frozenset[Rel] = frozenset({Rel.ECHOES, Rel.REUSES})
"""Relationships between clauses of two plans: a store writes them once it holds the plans
together (graph/lineage), so one plan's graph never has them."""


def check_label(label: str) -> Label:
    if label not in set(Label):
        raise ValueError(f"not a label of the schema: {label!r}")
    return Label(label)


def check_relationship(rel: str, source_label: str, target_label: str) -> Rel:
    sources, targets = RELATIONSHIPS[Rel(rel)] if rel in set(Rel) else ((), ())
    if source_label not in sources or target_label not in targets:
        raise ValueError(
            f"not a relationship of the schema: ({source_label})-[:{rel}]->({target_label})"
        )
    return Rel(rel)
