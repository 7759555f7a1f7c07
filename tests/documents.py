"""Plan files by the set their gold annotation puts them in (``set:`` in tests/fixtures/gold)."""

from __future__ import annotations

from pathlib import Path

from evaluation.gold import read_gold
from evaluation.run import plan_file
from tests.conftest import GOLD_DIR, PLAN_FOLDERS


def documents(*sets: str) -> list[Path]:
    """The annotated plan files of these sets (seeds, fixtures, corpus-dev, corpus-blind)."""
    found = []
    for gold_file in sorted(GOLD_DIR.glob("*.yaml")):
        gold = read_gold(gold_file)
        if gold["set"] in sets and (path := plan_file(str(gold["plan"]), PLAN_FOLDERS)) is not None:
            found.append(path)
    return found
