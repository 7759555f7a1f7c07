"""Request dependencies: the store, named queries that remember themselves for ``?explain=true``,
paging, CSV negotiation and the name catalogue.

They are ``async`` where they do not block: FastAPI runs a plain ``def`` dependency in its
thread pool, and those hops, several per request, cost more than the store's answer. The name
catalogue is the exception: it asks the store for its version, so it runs in the pool.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import Depends, Query, Request

from api.models import ExplainedQuery
from graph.catalog import Catalog
from graph.questions import Answer, Question, RowT, Store, default_registry, paged


async def get_store(request: Request) -> Store:
    return request.app.state.store  # type: ignore[no-any-return]


def get_catalog(request: Request) -> Catalog:
    """The catalogue of the store as it is now (a plain ``def``: the version check asks the
    store, which may block)."""
    return request.app.state.catalog.get()  # type: ignore[no-any-return]


class Queries:
    """The questions one request asks; with ``explain`` it keeps their Cypher and parameters."""

    def __init__(self, store: Store, explain: bool, catalog: Catalog) -> None:
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
    store: Annotated[Store, Depends(get_store)],
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


async def wants_csv(
    request: Request,
    format: Annotated[
        Literal["json", "csv"] | None, Query(description="json or csv; or send `Accept: text/csv`.")
    ] = None,
) -> bool:
    if format is not None:
        return format == "csv"
    return "text/csv" in request.headers.get("accept", "")


StoreDep = Annotated[Store, Depends(get_store)]
CatalogDep = Annotated[Catalog, Depends(get_catalog)]
QueriesDep = Annotated[Queries, Depends(get_queries)]
PagingDep = Annotated[Paging, Depends(get_paging)]
CsvDep = Annotated[bool, Depends(wants_csv)]
