"""帮扶75万登记失业人员实现就业: a number of people of a group, then 实现(再)就业.

The number carries no unit of its own (75万 counts the people the group names), so the
quantity grammar does not see it; the indicator is the group's (re-)employment
indicator in the vocabulary.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from graph.model import GROUP, INDICATOR, Entity
from loaders.quantities import Quantity
from loaders.vocabulary import Vocabulary

_COUNT_BEFORE = re.compile(r"(?P<num>\d+(?:\.\d+)?)(?P<unit>万名|万人|万|名|人)?$")
_OUTCOME_AFTER = re.compile(r"^[^，；。]{0,24}?(?:(?:实现|稳定)再?就业|再就业)")


def counted_groups(
    text: str, vocabulary: Vocabulary
) -> Iterator[tuple[Entity, tuple[int, int], Quantity]]:
    """(indicator, span of the evidence, quantity) for each counted group in ``text``."""
    if "就业" not in text or not any(ch.isdigit() for ch in text):
        return
    for match in vocabulary.matcher.find(text):
        if match.entity.label != GROUP:
            continue
        number = _COUNT_BEFORE.search(text[: match.start])
        outcome = _OUTCOME_AFTER.match(text[match.end :])
        if number is None or outcome is None:
            continue
        names = (f"{match.surface}再就业", f"{match.surface}实现就业", f"{match.entity.name}再就业")
        indicator = next(
            (
                e
                for name in names
                if (e := vocabulary.resolve(name)) is not None and e.label == INDICATOR
            ),
            None,
        )
        if indicator is None:
            continue
        unit = "万人" if number["unit"] in ("万", "万名", "万人") else "人"
        quantity = Quantity(float(number["num"]), number.group().strip(), unit, "=", False, False)
        yield indicator, (match.start - len(number.group()), match.end + outcome.end()), quantity
