"""Golden answers: every question's rows over the seeds' graph as Neo4j gives them, checked in.

The Neo4j suite writes them (``write_golden``); the unit suite holds the embedded store to them
(``read_golden``), so a change to either side that the other does not follow fails even on a
machine without Neo4j. One JSON line per question, so a diff shows which answer moved.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from graph.questions import Question
from graph.rows import Row

GOLDEN = Path(__file__).parent / "golden_answers.jsonl"


def _line(question: Question[Any], rows: Sequence[Row]) -> str:
    entry = {
        "question": question.name,
        "parameters": _parameters(question),
        "rows": [row.model_dump(mode="json") for row in rows],
    }
    return json.dumps(entry, ensure_ascii=False, sort_keys=True)


def write_golden(questions: Sequence[Question[Any]], answers: Sequence[Sequence[Row]]) -> None:
    """The file, rewritten only when an answer changed (a clean checkout stays clean)."""
    text = "".join(_line(q, rows) + "\n" for q, rows in zip(questions, answers, strict=True))
    if not GOLDEN.exists() or GOLDEN.read_text(encoding="utf-8") != text:
        GOLDEN.write_text(text, encoding="utf-8")


def read_golden() -> dict[str, list[dict[str, Any]]]:
    """Rows by the question's line key (its name and parameters)."""
    golden = {}
    for line in GOLDEN.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        golden[_key(entry["question"], entry["parameters"])] = entry["rows"]
    return golden


def golden_key(question: Question[Any]) -> str:
    return _key(question.name, _parameters(question))


def _parameters(question: Question[Any]) -> dict[str, Any]:
    """What the question was asked with, less what the code computes from it or holds itself
    (ClauseSearch.lucene, the rules Plans carries): raising the rules changes no answer over
    the seeds, so it leaves every key as it was."""
    return question.model_dump(mode="json", exclude=set(type(question).model_computed_fields))


def _key(name: str, parameters: dict[str, Any]) -> str:
    return json.dumps([name, parameters], ensure_ascii=False, sort_keys=True)
