"""One error hierarchy for the whole project.

    PolicyGraphError
    ├── InvalidInput          bad data or parameters from outside
    │   └── PlanError         a plan file that cannot be loaded (names the file, maybe the line)
    │       ├── EncodingError     undecodable or binary bytes
    │       ├── EmptyPlanError    nothing left after normalisation
    │       └── RegionNotFound    no region from the gazetteer in the plan's header
    ├── VocabularyError       a curated vocabulary file that contradicts itself
    ├── NotFound              a name, id or code that is not in the graph
    └── StoreUnavailable      the Neo4j server does not answer
"""

from __future__ import annotations

import difflib


class PolicyGraphError(Exception):
    """Base of every error policygraph raises on purpose."""


class InvalidInput(PolicyGraphError):
    pass


class PlanError(InvalidInput):
    """A plan that cannot be loaded; ``str()`` names the file (and line when known)."""

    def __init__(self, message: str, *, source: str, line: int | None = None) -> None:
        self.source = source
        self.line = line
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {message}")
        self.reason = message


class EncodingError(PlanError):
    pass


class EmptyPlanError(PlanError):
    pass


class RegionNotFound(PlanError):
    pass


class VocabularyError(PolicyGraphError):
    def __init__(self, message: str, *, source: str) -> None:
        self.source = source
        super().__init__(f"{source}: {message}")


class NotFound(PolicyGraphError):
    def __init__(self, message: str, *, suggestions: list[str] | None = None) -> None:
        self.suggestions = suggestions or []
        super().__init__(message)


class StoreUnavailable(PolicyGraphError):
    """The configured Neo4j server cannot be reached or refuses the credentials."""


def closest(name: str, known: list[str], limit: int = 5) -> list[str]:
    """Known names that contain ``name`` or look like it, best first — for NotFound."""
    containing = sorted((k for k in known if name and name in k), key=len)
    similar = difflib.get_close_matches(name, known, n=limit, cutoff=0.4)
    return list(dict.fromkeys([*containing, *similar]))[:limit]
