"""Agreement between two independent lineage annotations of the same clauses.

The first is the gold (tests/fixtures/lineage/*.yaml); the second was written by other readers
who never saw it (tests/fixtures/lineage/second/, the same file names, a part of the clauses).
For alignment: the same label, Cohen's κ, and a counterpart in common where both align; for
instruments: the same class, κ, the same sub-type. The figures bound what any aligner or
classifier can score against one reader's gold.

    python scripts/lineage_agreement.py
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

LINEAGE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "lineage"
ALIGNED = ("echo", "elaboration")


@dataclass(frozen=True)
class Agreement:
    """Two readers on the clauses both labelled: how many, on how many they agree, κ, and what
    else the kind of gold compares (counterparts in common, sub-types)."""

    name: str
    compared: str
    """What the readers give each clause: its label, or its class."""
    clauses: int
    same: int
    kappa: float
    detail: str

    def line(self) -> str:
        return (
            f"{self.name}: {self.clauses} clauses, the same {self.compared} for {self.same} "
            f"({self.same / self.clauses:.2f}), κ {self.kappa:.2f}; {self.detail}"
        )


def kappa(pairs: Sequence[tuple[Hashable, Hashable]]) -> float:
    """Cohen's κ of two readers' labels on the same items."""
    if not pairs:
        raise ValueError("κ needs one item or more that both readers labelled")
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    firsts, seconds = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(firsts[label] * seconds[label] for label in firsts) / n**2
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def _clauses(path: Path, key: str) -> dict[Any, dict[str, Any]]:
    return {item[key]: item for item in yaml.safe_load(path.read_text("utf-8"))["clauses"]}


def alignment(first: Path, second: Path) -> Agreement:
    ones, twos = _clauses(first, "ordinal"), _clauses(second, "ordinal")
    both = sorted(ones.keys() & twos.keys())
    pairs = [(ones[o]["label"], twos[o]["label"]) for o in both]
    aligned = [o for o in both if {ones[o]["label"], twos[o]["label"]} <= set(ALIGNED)]
    common = sum(
        bool(
            {p["ordinal"] for p in ones[o]["parents"]} & {p["ordinal"] for p in twos[o]["parents"]}
        )
        for o in aligned
    )
    differ = Counter(tuple(sorted(pair)) for pair in pairs if pair[0] != pair[1])
    differences = ", ".join(f"{n} {a}/{b}" for (a, b), n in differ.most_common()) or "none"
    return Agreement(
        first.name,
        "label",
        len(both),
        len(both) - sum(differ.values()),
        kappa(pairs),
        f"a common counterpart for {common} of {len(aligned)} both align; differences: "
        + differences,
    )


def instruments(first: Path, second: Path) -> Agreement:
    ones, twos = _clauses(first, "key"), _clauses(second, "key")
    both = sorted(ones.keys() & twos.keys())
    pairs = [(ones[k]["class"], twos[k]["class"]) for k in both]
    subtypes = sum(ones[k]["subtype"] == twos[k]["subtype"] for k in both)
    same = sum(a == b for a, b in pairs)
    return Agreement(
        first.name, "class", len(both), same, kappa(pairs), f"the same sub-type for {subtypes}"
    )


def agreements() -> list[Agreement]:
    """Each second annotation against its first."""
    found = []
    for second in sorted((LINEAGE / "second").glob("*.yaml")):
        compare = instruments if second.name.startswith("instruments") else alignment
        found.append(compare(LINEAGE / second.name, second))
    return found


def main() -> None:
    for agreement in agreements():
        print(agreement.line())  # noqa: T201


if __name__ == "__main__":
    main()
