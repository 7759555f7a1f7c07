"""One error hierarchy for the whole project.

    PolicyGraphError
    ├── InvalidInput          bad data or parameters from outside
    │   ├── PlanError         a plan file that cannot be loaded (names the file, maybe the line)
    │   │   ├── EncodingError     undecodable or binary bytes
    │   │   ├── EmptyPlanError    nothing left after normalisation
    │   │   ├── UnreadableDocument a PDF, Word or web file that cannot be read (scan, encrypted, corrupt …)
    │   │   └── RegionNotFound    no region from the gazetteer in the plan's header
    │   ├── CypherRefused     a query the read-only Cypher gate will not run (``rule`` says which check)
    │   └── CypherError       a read-only query the server or the driver rejected (syntax, memory …)
    │       └── CypherTimeout     stopped at the server-side time limit
    ├── VocabularyError       a curated vocabulary file that contradicts itself
    ├── NotFound              a name, id or code that is not in the graph
    ├── QueryFileError        a .cypher file missing or out of step with its spec (graph/queries.py)
    ├── StoreUnavailable      the Neo4j server does not answer
    │   └── StoreLoading      a load is writing, for longer than a request waits
    └── StoreIncompatible     Neo4j holds data another policygraph wrote (policygraph load stops)
        ├── StoreOutdated     an older one, under other statement rules: empty it, load again
        └── StoreNewer        a newer one: load with that version

Each class has a ``code`` (a stable word for scripts: ``not_found``, ``cypher_timeout``) and each
error its ``details`` (what a caller needs to act: the file and line, the rule, suggestions). The
API maps codes to HTTP statuses in one table (api/errors.py).
"""

from __future__ import annotations

import difflib
from typing import Any, ClassVar


class PolicyGraphError(Exception):
    """Base of every error policygraph raises on purpose."""

    code: ClassVar[str] = "error"

    @property
    def details(self) -> dict[str, Any] | None:
        return None


class InvalidInput(PolicyGraphError):
    code = "invalid_input"


class PlanError(InvalidInput):
    """A plan that cannot be loaded; ``str()`` names the file (and line when known)."""

    code = "invalid_plan"

    def __init__(self, message: str, *, source: str, line: int | None = None) -> None:
        super().__init__(message)
        self.reason = message
        self.source = source
        """The file: set again when the path it was read from is known."""
        self.line = line

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.reason}"

    @property
    def details(self) -> dict[str, Any]:
        return {"source": self.source, "line": self.line}


class PlanTooLarge(PlanError):
    code = "plan_too_large"


class ExtractionFailed(PlanError):
    """An unexpected error while extracting one plan: that plan's error, naming the stage, so
    the others still load."""

    code = "extraction_failed"

    def __init__(self, message: str, *, source: str, stage: str) -> None:
        super().__init__(message, source=source)
        self.stage = stage

    @property
    def details(self) -> dict[str, Any]:
        return {**super().details, "stage": self.stage}


class EncodingError(PlanError):
    code = "undecodable_plan"


class EmptyPlanError(PlanError):
    code = "empty_plan"


class AmbiguousRegion(PlanError):
    """A plan whose title names two regions, neither inside the other: which one issued it is
    for a person to say (the sidecar's ``region``), not for the loader to guess."""

    code = "ambiguous_region"


class RegionNotFound(PlanError):
    code = "region_not_found"


class UnreadableDocument(PlanError):
    code = "unreadable_document"


class VocabularyError(PolicyGraphError):
    code = "invalid_vocabulary"

    def __init__(self, message: str, *, source: str) -> None:
        self.source = source
        super().__init__(f"{source}: {message}")

    @property
    def details(self) -> dict[str, Any]:
        return {"source": self.source}


class AmbiguousName(InvalidInput):
    """A name several regions bear (鼓楼区, 朝阳) where none of them has a plan loaded: which one
    was meant is for the asker to say, by code."""

    code = "ambiguous_name"

    def __init__(self, message: str, *, candidates: list[str]) -> None:
        super().__init__(message)
        self.candidates = candidates

    @property
    def details(self) -> dict[str, Any]:
        return {"candidates": self.candidates}


class TooLarge(InvalidInput):
    """A request body over the server's limit."""

    code = "too_large"


class StoreChanged(Exception):
    """A load committed while a request was reading (Neo4j reads see each commit as it lands):
    the request's answer would mix two versions, so it is asked again. Not a ``PolicyGraphError``:
    it never reaches a client as such (``api.resilience`` retries the request)."""


class QueryTimedOut(PolicyGraphError):
    """A question that ran past the store's query timeout."""

    code = "query_timeout"


class NotFound(PolicyGraphError):
    code = "not_found"

    def __init__(
        self,
        message: str,
        *,
        suggestions: list[str] | None = None,
        kind: str | None = None,
        looked_for: str | None = None,
    ) -> None:
        self.suggestions = suggestions or []
        self.kind = kind
        """What was looked for (program, target group, indicator, region, plan): where to
        find the full list of them."""
        self.looked_for = looked_for
        """The text asked for, as given: the API names the parameter that held it."""
        super().__init__(message)

    @property
    def details(self) -> dict[str, Any]:
        return {"suggestions": self.suggestions, "kind": self.kind}


class CypherRefused(InvalidInput):
    """A query the read-only Cypher gate will not run; ``rule`` names the check, the message why."""

    code = "cypher_refused"

    def __init__(self, message: str, *, rule: str) -> None:
        super().__init__(message)
        self.rule = rule

    @property
    def details(self) -> dict[str, Any]:
        return {"rule": self.rule}


class CypherError(InvalidInput):
    """An analyst's query that failed: ``neo4j_code`` is the server's status code (``""`` when it
    gave none), or ``None`` when the driver failed and ``driver_error`` names its exception."""

    code = "cypher_error"

    def __init__(
        self, message: str, *, neo4j_code: str | None = None, driver_error: str | None = None
    ) -> None:
        super().__init__(message)
        self.neo4j_code = neo4j_code
        self.driver_error = driver_error

    @property
    def details(self) -> dict[str, Any]:
        return (
            {"neo4j_code": self.neo4j_code}
            if self.neo4j_code is not None
            else {"driver_error": self.driver_error}
        )


class CypherTimeout(CypherError):
    """The server stopped the query at the time limit; ``neo4j_message`` is what it said."""

    code = "cypher_timeout"

    def __init__(self, message: str, *, neo4j_code: str, neo4j_message: str) -> None:
        super().__init__(message, neo4j_code=neo4j_code)
        self.neo4j_message = neo4j_message

    @property
    def details(self) -> dict[str, Any]:
        return {"neo4j_code": self.neo4j_code, "neo4j_message": self.neo4j_message}


class QueryFileError(PolicyGraphError):
    """A .cypher file that is missing or whose header does not match its statement or spec."""

    code = "invalid_query_file"


class GraphFileError(PolicyGraphError):
    """A graph file that is missing, unreadable, truncated or not written by ``policygraph build``."""

    code = "invalid_graph_file"


class StoreUnavailable(PolicyGraphError):
    """The configured Neo4j server cannot be reached or refuses the credentials."""

    code = "store_unavailable"


class StoreLoading(StoreUnavailable):
    """A load kept writing for longer than a request waits for it (Neo4j only: a commit lands
    record by record, so nothing is read while a load writes)."""

    code = "store_loading"


def closest(name: str, known: list[str], limit: int = 5) -> list[str]:
    """Known names that contain ``name`` or look like it, best first — for NotFound."""
    containing = sorted((k for k in known if name and name in k), key=len)
    similar = difflib.get_close_matches(name, known, n=limit, cutoff=0.4)
    return list(dict.fromkeys([*containing, *similar]))[:limit]


class StoreIncompatible(PolicyGraphError):
    """The store holds data another policygraph wrote, which this one cannot build on."""

    code = "store_incompatible"


class StoreOutdated(StoreIncompatible):
    """Written by an older policygraph, under other statement rules: empty it and load again."""

    code = "store_outdated"


class StoreNewer(StoreIncompatible):
    """Written by a newer policygraph: this one would undo what that one wrote (its lineage
    computed again by older rules). Load with that version or a later one."""

    code = "store_newer"
