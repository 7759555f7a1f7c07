"""Full-text search over clauses: plan, section path and the matches highlighted."""

from __future__ import annotations

import html
import re
from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.deps import CatalogDep, CsvDep, PagingDep, QueriesDep
from api.models import SearchHitPublic, SearchPage
from api.routers.common import CSV_RESPONSE, RegionQuery
from api.tables import table
from graph.catalog import clean
from graph.questions import Answer, ClauseSearch
from graph.rows import ClauseHitRow

router = APIRouter(tags=["search"])


def highlight(text: str, terms: list[str]) -> str:
    """The clause as HTML-escaped text with every occurrence of the ``terms`` in <mark> (the
    longest where they overlap)."""
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)))
    parts = pattern.split(text)
    marks = [f"<mark>{html.escape(m)}</mark>" for m in pattern.findall(text)] + [""]
    return "".join(html.escape(part) + mark for part, mark in zip(parts, marks, strict=True))


@router.get("/search", response_model=SearchPage, responses=CSV_RESPONSE)
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
        ),
    ],
    region: RegionQuery = None,
    expand: Annotated[
        bool,
        Query(description="Also search the other names of a program, group or indicator named."),
    ] = True,
) -> dict[str, object] | Response:
    """Clauses that contain the text (2-, 3-, 4-character Chinese terms all work). A text that
    names a program, group or indicator also finds its other names (返乡创业园 finds
    返乡入乡创业园); `terms` says what was searched."""
    term = clean(q)
    terms = catalog.spellings(term) if expand else [term]
    code = catalog.region_in_scope(region).code if region else None
    question = ClauseSearch(terms=terms, region_code=code)
    # The schema lets through two characters of which one is a space or a control character;
    # cleaned, such a term is one character, which no clause is searched for (``terms`` says
    # what was searched).
    found: Answer[ClauseHitRow] = (
        queries.page(question, paging) if len(term) >= 2 else Answer([], 0)
    )
    hits = [
        SearchHitPublic(**row.model_dump(), highlight=highlight(row.text, terms))
        for row in found.rows
    ]
    page = table(
        Answer(hits, found.total),
        paging,
        queries,
        as_csv=as_csv,
        row=SearchHitPublic,
        filename="search",
        question=question,
    )
    return page if isinstance(page, Response) else {**page, "terms": terms}
