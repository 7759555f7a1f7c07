"""Agreement between two independent FUNDS annotations of the same documents.

The first is the gold (tests/fixtures/gold/), the second was written by other readers who
never saw it (tests/fixtures/gold-second/). Two entries agree when their quotes lie in the same
clause and their programs are one (through the vocabulary, or sharing most characters) — the
rule the quality report uses for the extractor. The figure bounds what any extractor can
score against one reader's gold.

    python scripts/gold_agreement.py
"""

from __future__ import annotations

from pathlib import Path

import yaml

from evaluation.scoring import Resolver, similar
from graph.model import PROGRAM, Clause
from loaders.normalize import normalise_fragment
from loaders.pipeline import extract_file
from loaders.vocabulary import default_vocabulary

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"


def _clause_of(quote: str, clauses: list[Clause]) -> str | None:
    q = normalise_fragment(quote)
    return next((c.id for c in clauses if q in c.text), None)


def _agreed(
    ones: list[dict[str, object]],
    twos: list[dict[str, object]],
    clauses: list[Clause],
    resolver: Resolver,
) -> int:
    """Entries of the first matched one-to-one by entries of the second."""

    def same(a: dict[str, object], b: dict[str, object]) -> bool:
        where = _clause_of(str(a["quote"]), clauses)
        if where is None or where != _clause_of(str(b["quote"]), clauses):
            return False
        ra, rb = (resolver.resolve(str(e["program"]), PROGRAM) for e in (a, b))
        return (ra is not None and ra == rb) or similar(str(a["program"]), str(b["program"]))

    used: set[int] = set()
    for a in ones:
        j = next((j for j, b in enumerate(twos) if j not in used and same(a, b)), None)
        if j is not None:
            used.add(j)
    return len(used)


def main() -> None:
    resolver = Resolver(default_vocabulary().entities)
    first_total = second_total = agreed = 0
    for second_file in sorted((FIXTURES / "gold-second").glob("*.yaml")):
        second = yaml.safe_load(second_file.read_text(encoding="utf-8"))
        first = yaml.safe_load((FIXTURES / "gold" / second_file.name).read_text(encoding="utf-8"))
        clauses = extract_file(FIXTURES / "corpus" / second["plan"]).clauses
        ones, twos = first.get("funds") or [], second.get("funds") or []
        both = _agreed(ones, twos, clauses, resolver)
        print(f"{second_file.stem}: first {len(ones)}, second {len(twos)}, agreed {both}")
        first_total, second_total, agreed = (
            first_total + len(ones),
            second_total + len(twos),
            agreed + both,
        )
    print(
        f"all: {agreed} agreed of {first_total} (first) and {second_total} (second): "
        f"{agreed / first_total:.2f} of the first, {agreed / second_total:.2f} of the second"
    )


if __name__ == "__main__":
    main()
