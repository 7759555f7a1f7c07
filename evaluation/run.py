"""Score every annotated document: find its file, extract it, compare with its gold.

A document the extractor rejects is scored as missing everything its gold lists, so a
set's figures never look better because a document failed.
"""

from __future__ import annotations

from pathlib import Path

from evaluation.gold import PlanScores, read_gold
from evaluation.scoring import score_failure, score_plan
from graph.errors import PlanError, PolicyGraphError
from loaders.pipeline import extract_file
from loaders.vocabulary import Vocabulary, default_vocabulary


def plan_file(name: str, folders: list[Path]) -> Path | None:
    return next((d / name for d in folders if (d / name).is_file()), None)


def evaluate(
    gold_dir: Path, folders: list[Path], vocabulary: Vocabulary | None = None
) -> list[PlanScores]:
    """Scores for every gold file in ``gold_dir``, with plans looked up in ``folders``."""
    gold_files = sorted(gold_dir.glob("*.yaml"))
    if not gold_files:
        raise PolicyGraphError(f"{gold_dir}: no gold annotations (*.yaml) there")
    vocabulary = vocabulary or default_vocabulary()
    scores = []
    for gold_file in gold_files:
        gold = read_gold(gold_file)
        path = plan_file(str(gold["plan"]), folders)
        if path is None:
            raise PolicyGraphError(
                f"{gold_file}: plan {gold['plan']} not found in {', '.join(map(str, folders))}"
            )
        try:
            scores.append(score_plan(extract_file(path, vocabulary=vocabulary), gold, vocabulary))
        except PlanError as exc:
            scores.append(score_failure(gold, str(exc)))
    return scores
