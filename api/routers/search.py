"""Full-text search over clauses: plan, section path and the matches highlighted."""

from __future__ import annotations

import html
from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.deps import CatalogDep, CsvDep, PagingDep, QueriesDep
from api.models import Page, SearchHitPublic
from api.routers.common import CSV_RESPONSE, RegionQuery
from api.tables import table
from graph.catalog import clean
from graph.questions import Answer, ClauseSearch
from graph.rows import ClauseHitRow

router = APIRouter(tags=["search"])


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
    code = catalog.region(region).code if region else None
    # The index holds character pairs: a term that normalises to less than two characters
    # (spaces, control characters) can match nothing.
    question = ClauseSearch(text=term, region_code=code)
    found: Answer[ClauseHitRow] = (
        queries.page(question, paging) if len(term) >= 2 else Answer([], 0)
    )
    hits = [
        SearchHitPublic(**row.model_dump(), highlight=highlight(row.text, term))
        for row in found.rows
    ]
    return table(
        Answer(hits, found.total),
        paging,
        queries,
        as_csv=as_csv,
        row=SearchHitPublic,
        filename="search",
        question=question,
    )
