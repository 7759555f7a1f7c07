"""Write data/vocab/instrument_examples.yaml, what the instrument classifier learns from: the
clauses of the instrument gold's training samples (tests/fixtures/lineage/instruments*.yaml),
each with its whole text and its annotated sub-type.

The samples it takes are listed in the file (``samples``); the others stay held out, scored but
never learned from. The texts are read through the pipeline, from the documents the gold was
annotated on (the seeds and the corpus copied into tests/fixtures). The pipeline classifies with
the file as it stands, so a label the classifier cannot learn is refused before it is written;
if the file is broken all the same (a sub-type renamed in the lexicon), rename it in the file
too, then run this again.

    python scripts/instrument_examples.py 1 2 3
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from evaluation.gold import read_yaml  # noqa: E402
from evaluation.lineage import find_extraction  # noqa: E402
from loaders.instrument_lexicon import load_lexicon  # noqa: E402
from loaders.instruments import InstrumentExample, check_examples  # noqa: E402

GOLD = ROOT / "tests" / "fixtures" / "lineage"
FOLDERS = [ROOT / "tests" / "fixtures" / "seeds", ROOT / "tests" / "fixtures" / "corpus"]
OUT = ROOT / "data" / "vocab" / "instrument_examples.yaml"
HEADER = """\
# What the policy-instrument classifier learns from (loaders/instruments.py): the clauses of the
# instrument gold's samples listed below (tests/fixtures/lineage/instruments*.yaml, annotated by
# reading, rules in its README), each with its whole text and its sub-type. Written by
# scripts/instrument_examples.py; do not edit by hand: mend the gold and run it again.
"""


def gold_sample(sample: int) -> tuple[Path, dict[str, Any]]:
    for path in sorted(GOLD.glob("instruments*.yaml")):
        gold = read_yaml(path, "instrument gold")
        if gold["sample"] == sample:
            return path, dict(gold)
    raise SystemExit(f"no instrument gold of sample {sample} in {GOLD}")


def examples(samples: list[int]) -> list[InstrumentExample]:
    """The samples' clauses with their whole text, checked as the classifier will check them:
    a label it cannot learn is refused here, naming the gold file, before it is written."""
    lexicon = load_lexicon(ROOT / "data" / "vocab" / "instruments.yaml")
    found = []
    texts: dict[str, dict[str, str]] = {}
    for sample in samples:
        path, gold = gold_sample(sample)
        taken = []
        for item in gold["clauses"]:
            stem, _, clause = str(item["key"]).partition("/")
            if stem not in texts:
                extraction = find_extraction(stem, FOLDERS)
                texts[stem] = {c.id.rpartition("/")[2]: c.text for c in extraction.clauses}
            if clause not in texts[stem]:
                raise SystemExit(f"{path}: {item['key']}: no such clause in {stem}")
            taken.append(InstrumentExample(item["key"], texts[stem][clause], item["subtype"]))
        check_examples(taken, lexicon, source=str(path))
        found.extend(taken)
    return found


def main() -> None:
    samples = list(dict.fromkeys(int(arg) for arg in sys.argv[1:]))
    if not samples:
        raise SystemExit(__doc__)
    taken = [{"key": e.key, "subtype": e.subtype, "text": e.text} for e in examples(samples)]
    body = yaml.safe_dump(
        {"samples": samples, "examples": taken},
        allow_unicode=True,
        sort_keys=False,
        width=100,
    )
    OUT.write_text(HEADER + body, encoding="utf-8")
    print(f"{OUT}: {body.count('- key:')} examples of samples {samples}")


if __name__ == "__main__":
    main()
