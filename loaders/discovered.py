"""What the extractor found that the vocabulary does not know, for a curator to promote.

Across many plans, a discovered indicator or program that recurs (新增残疾人就业 in eight
plans) deserves a curated entry with aliases; one seen once may be noise. Each entry
counts the facts and mentions behind it, the plans it occurs in, and keeps example quotes
so a curator can judge it without opening the plans. ``as_vocabulary`` writes entries in
the form ``data/vocab/*.yaml`` takes, so promoting one is a single paste.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import yaml

from graph.model import INDICATOR, PROGRAM, Entity, PlanExtraction

_EXAMPLES = 2


@dataclass
class Discovered:
    entity: Entity
    count: int = 0
    """Clauses that name it (as a target, a FUNDS or a mention)."""
    plans: set[str] = field(default_factory=set)
    examples: list[str] = field(default_factory=list)
    """Quotes, each prefixed with the plan file it comes from."""

    def add(self, source: str, quote: str) -> None:
        self.count += 1
        self.plans.add(source)
        example = f"{source}: {quote}"
        if len(self.examples) < _EXAMPLES and example not in self.examples:
            self.examples.append(example)


def discovered(
    extractions: Iterable[PlanExtraction], labels: tuple[str, ...] = (INDICATOR, PROGRAM)
) -> list[Discovered]:
    """Discovered entities of these labels, most widespread first."""
    found: dict[str, Discovered] = {}
    for x in extractions:
        entities = {e.id: e for e in x.discovered if not e.curated and e.label in labels}
        texts = {c.id: c.text for c in x.clauses}
        named = {
            **{(m.entity_id, m.clause_id): texts[m.clause_id] for m in x.mentions},
            **{(f.program_id, f.clause_id): f.evidence for f in x.fundings},
            **{(t.indicator_id, t.clause_id): t.evidence for t in x.targets},
        }  # one count per clause: a target's row also mentions its indicator
        for (entity_id, _), quote in named.items():
            if entity_id in entities:
                found.setdefault(entity_id, Discovered(entities[entity_id])).add(x.source, quote)
    return sorted(found.values(), key=lambda d: (-len(d.plans), -d.count, d.entity.name))


def as_vocabulary(entry: Discovered) -> str:
    """One YAML line for ``data/vocab/indicators.yaml`` or ``programs.yaml``."""
    e = entry.entity
    row: dict[str, object] = {"name": e.name}
    if e.label == INDICATOR and e.unit:
        row["unit"] = e.unit
    if e.label != INDICATOR:
        row["kind"] = e.kind or "program"
    row["aliases"] = []
    return (
        "- "
        + yaml.safe_dump(
            row, allow_unicode=True, default_flow_style=True, sort_keys=False, width=1000
        ).strip()
    )
