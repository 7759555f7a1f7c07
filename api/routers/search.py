"""Full-text search over clauses: plan, section path and the matches highlighted."""

from __future__ import annotations

import html
from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.deps import CatalogDep, CsvDep, PagingDep, QueriesDep
from api.models import Page, SearchHitPublic
from api.resolve import clean
from api.routers.common import CSV_RESPONSE, RegionQuery
from api.tables import table
from graph.queries import lucene_phrase

router = APIRouter(tags=["search"])
MAX_HITS = 10_000
"""Matching clauses considered before paging."""


def highlight(text: str, term: str) -> str:
    """The clause as HTML-escaped text with every occurrence of ``term`` in <mark>."""
    marked = f"<mark>{html.escape(term)}</mark>"
    return marked.join(html.escape(part) for part in text.split(term))


@router.get("/search", response_model=Page[SearchHitPublic], responses=CSV_RESPONSE)
def search(
    catalog: CatalogDep,
    queries: QueriesDep,
    paging: PagingDep,
    as_csv: CsvDep,
    q: Annotated[
        str,
        Query(
            description="Two or more characters; Traditional is fine.",
            examples=["零工市场", "三支一扶"],
            min_length=2,
            max_length=100,
            pattern=r"\S.*\S",
        ),
    ],
    region: RegionQuery = None,
) -> dict[str, object] | Response:
    """Clauses that contain the text (2-, 3-, 4-character Chinese terms all work)."""
    term = clean(q)
    code = catalog.region(region)["code"] if region else None
    # The index holds character pairs: a term that normalises to less than two characters
    # (spaces, control characters) can match nothing.
    rows = (
        queries.run("clause_search", lucene=lucene_phrase(term), text=term, region_code=code, limit=MAX_HITS)
        if len(term) >= 2
        else []
    )
    hits = [{**row, "highlight": highlight(row["text"], term)} for row in rows]
    return table(hits, paging, queries, as_csv=as_csv, columns=list(SearchHitPublic.model_fields), filename="search")
