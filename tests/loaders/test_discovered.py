"""What the vocabulary does not know, counted across plans, ready to promote."""

from __future__ import annotations

import yaml

from loaders.discovered import as_vocabulary, discovered
from loaders.pipeline import extract_text

PLAN = (
    "{region}就业促进规划\n一、主要目标\n到2025年，新增残疾人就业{n}人以上，城镇新增就业10万人。\n"
)


def test_discovered_indicators_are_counted_across_plans_with_examples() -> None:
    plans = [
        extract_text(PLAN.format(region=r, n=n).encode(), source=f"{r}.txt")
        for r, n in (("甘肃省", 500), ("宁夏回族自治区", 300))
    ]
    [entry] = [d for d in discovered(plans) if d.entity.name == "新增残疾人就业"]
    assert (len(entry.plans), entry.count) == (2, 2)
    assert entry.examples[0] == "甘肃省.txt: 新增残疾人就业500人以上"
    assert not any(d.entity.name == "城镇新增就业" for d in discovered(plans))  # curated


def test_an_entry_is_one_line_of_the_vocabulary_file() -> None:
    plan = extract_text(PLAN.format(region="甘肃省", n=500).encode(), source="g.txt")
    [entry] = [d for d in discovered([plan]) if d.entity.name == "新增残疾人就业"]
    assert yaml.safe_load(as_vocabulary(entry)) == [
        {"name": "新增残疾人就业", "unit": "persons", "aliases": []}
    ]
