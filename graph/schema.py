"""The graph vocabulary as allow-lists (docs/graph-schema.md): the only labels and relationship
types that may ever be written into query text."""

from __future__ import annotations

LABELS = ("Region", "Plan", "Section", "Clause", "TargetGroup", "Program", "Indicator", "Document")

RELATIONSHIPS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "PART_OF": (("Region",), ("Region",)),
    "ISSUED": (("Region",), ("Plan",)),
    "HAS_SECTION": (("Plan", "Section"), ("Section",)),
    "HAS_CLAUSE": (("Section",), ("Clause",)),
    "MENTIONS": (("Clause",), ("TargetGroup", "Program", "Indicator")),
    "COVERS": (("Plan",), ("TargetGroup", "Program")),
    "FUNDS": (("Plan",), ("Program",)),
    "SETS_TARGET": (("Plan",), ("Indicator",)),
    "SERVES": (("Program",), ("TargetGroup",)),
    "CITES": (("Plan",), ("Document",)),
}
"""Each relationship type with the labels it may start from and end at."""

REGION_LEVELS = ("country", "province", "prefecture", "county")
PROGRAM_RELATIONS = ("FUNDS", "COVERS")
MATRIX_LABELS = ("Program", "TargetGroup")


def check_label(label: str) -> str:
    if label not in LABELS:
        raise ValueError(f"not a label of the schema: {label!r}")
    return label


def check_relationship(rel: str, source_label: str, target_label: str) -> str:
    sources, targets = RELATIONSHIPS.get(rel, ((), ()))
    if source_label not in sources or target_label not in targets:
        raise ValueError(f"not a relationship of the schema: ({source_label})-[:{rel}]->({target_label})")
    return rel
