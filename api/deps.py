"""Request dependencies: one snapshot of the store per request, named queries that remember
themselves for ``?explain=true``, paging, CSV negotiation and the name catalogue.

Every question of a request is read from one snapshot (one Neo4j READ transaction; one version
of the graph file), and the name catalogue is that snapshot's: a load that lands mid-request is
seen by all of the answer or none of it.

They are ``async`` where they do not block: FastAPI runs a plain ``def`` dependency in its
thread pool, and those hops, several per request, cost more than the store's answer. The
snapshot and the catalogue are the exceptions: they ask the store, which may block.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any, Literal

import mimeparse  # type: ignore[import-untyped]
from fastapi import Depends, Query, Request

from api.models import ExplainedQuery
from graph.catalog import Catalog
from graph.questions import Answer, Question, Reader, RowT, Store, default_registry, paged


def get_snapshot(request: Request) -> Iterator[Reader]:
    """The store as it is at the start of the request, for all of its questions."""
    store: Store = request.app.state.store
    with store.snapshot() as snapshot:
        yield snapshot


SnapshotDep = Annotated[Reader, Depends(get_snapshot)]


def get_catalog(request: Request, snapshot: SnapshotDep) -> Catalog:
    """The catalogue of the request's snapshot."""
    return request.app.state.catalog.get(snapshot)  # type: ignore[no-any-return]


class Queries:
    """The questions one request asks; with ``explain`` it keeps their Cypher and parameters."""

    def __init__(self, store: Reader, explain: bool, catalog: Catalog) -> None:
        self.store = store
        self.explain = explain
        self.catalog = catalog
        """The catalogue of the store's current version: what an answer searched comes from it."""
        self.ran: list[ExplainedQuery] = []

    def ask(self, question: Question[RowT]) -> list[RowT]:
        rows = self.store.ask(question)
        self._remember(question, default_registry()[question.name].text, question.parameters())
        return rows

    def page(self, question: Question[RowT], paging: Paging) -> Answer[RowT]:
        """One page of the answer, cut and counted by the store."""
        answer = self.store.ask_page(question, offset=paging.offset, limit=paging.limit)
        parameters = {**question.parameters(), "skip": paging.offset, "limit": paging.limit}
        self._remember(question, paged(default_registry()[question.name].text), parameters)
        return answer

    def _remember(self, question: Question[Any], cypher: str, parameters: dict[str, Any]) -> None:
        if self.explain:
            self.ran.append(
                ExplainedQuery(name=question.name, cypher=cypher, parameters=parameters)
            )

    @property
    def explained(self) -> list[ExplainedQuery] | None:
        return self.ran if self.explain else None


async def get_queries(
    store: SnapshotDep,
    catalog: Annotated[Catalog, Depends(get_catalog)],
    explain: Annotated[
        bool, Query(description="Also return the Cypher and parameters that ran.")
    ] = False,
) -> Queries:
    return Queries(store, explain, catalog)


@dataclass(frozen=True)
class Paging:
    limit: int = 100
    offset: int = 0


async def get_paging(
    limit: Annotated[int, Query(ge=1, le=1000, description="Rows per page (at most 1000).")] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000_000, description="Rows to skip.")] = 0,
) -> Paging:
    return Paging(limit, offset)


NO_ROWS = Paging(limit=0)
"""A page of no rows, for the count alone."""


_OFFERED = ["text/csv", "application/json"]
"""What an answer comes as; mimeparse gives a tie to the later, so */* or an equal preference
gets JSON."""


def prefers_csv(accept: str) -> bool:
    """Whether an ``Accept`` header ranks CSV above JSON, by its q-values (``text/csv;q=0.1,
    application/json`` is JSON); a header that cannot be parsed asks for nothing in particular."""
    try:
        return bool(mimeparse.best_match(_OFFERED, accept) == "text/csv")
    except mimeparse.MimeTypeParseException:
        return False


async def wants_csv(
    request: Request,
    format: Annotated[
        Literal["json", "csv"] | None, Query(description="json or csv; or send `Accept: text/csv`.")
    ] = None,
) -> bool:
    if format is not None:
        return format == "csv"
    return prefers_csv(request.headers.get("accept", ""))


CatalogDep = Annotated[Catalog, Depends(get_catalog)]
QueriesDep = Annotated[Queries, Depends(get_queries)]
PagingDep = Annotated[Paging, Depends(get_paging)]
CsvDep = Annotated[bool, Depends(wants_csv)]
