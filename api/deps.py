"""Request dependencies: the store, named queries that remember themselves for ``?explain=true``,
paging, CSV negotiation and the name catalogue."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import Depends, Query, Request

from api.models import ExplainedQuery
from api.resolve import Catalog
from graph.export import QueryStore
from graph.queries import default_registry


def get_store(request: Request) -> QueryStore:
    return request.app.state.store  # type: ignore[no-any-return]


def get_catalog(request: Request) -> Catalog:
    return request.app.state.catalog  # type: ignore[no-any-return]


class Queries:
    """The named queries one request runs; with ``explain`` it keeps their Cypher and parameters."""

    def __init__(self, store: QueryStore, explain: bool) -> None:
        self.store = store
        self.explain = explain
        self.ran: list[ExplainedQuery] = []

    def run(self, name: str, **parameters: Any) -> list[dict[str, Any]]:
        rows = self.store.run(name, **parameters)
        if self.explain:
            self.ran.append(ExplainedQuery(name=name, cypher=default_registry()[name].text, parameters=parameters))
        return rows

    @property
    def explained(self) -> list[ExplainedQuery] | None:
        return self.ran if self.explain else None


def get_queries(
    store: Annotated[QueryStore, Depends(get_store)],
    explain: Annotated[bool, Query(description="Also return the Cypher and parameters that ran.")] = False,
) -> Queries:
    return Queries(store, explain)


class Paging:
    def __init__(
        self,
        limit: Annotated[int, Query(ge=1, le=1000, description="Rows per page (at most 1000).")] = 100,
        offset: Annotated[int, Query(ge=0, le=1_000_000_000, description="Rows to skip.")] = 0,
    ) -> None:
        self.limit = limit
        self.offset = offset


def wants_csv(
    request: Request,
    format: Annotated[
        Literal["json", "csv"] | None, Query(description="json or csv; or send `Accept: text/csv`.")
    ] = None,
) -> bool:
    if format is not None:
        return format == "csv"
    return "text/csv" in request.headers.get("accept", "")


StoreDep = Annotated[QueryStore, Depends(get_store)]
CatalogDep = Annotated[Catalog, Depends(get_catalog)]
QueriesDep = Annotated[Queries, Depends(get_queries)]
PagingDep = Annotated[Paging, Depends()]
CsvDep = Annotated[bool, Depends(wants_csv)]
