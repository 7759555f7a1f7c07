"""Tables out: a JSON page, or CSV (UTF-8 with BOM, so Excel opens Chinese correctly).

A CSV answer says what it searched in its headers, as a JSON page does in ``coverage``:
``X-Plans-Searched`` (a count), ``X-Regions-Searched`` and ``X-Regions-Not-Loaded`` (region
codes, comma-separated), and for lineage ``X-Lineage-Pending`` (plan ids, comma-separated). A
page of a longer answer says so as a JSON page does: ``X-Total-Count``, ``X-Offset``, and
``X-Next-Offset`` when rows beyond it exist."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

from fastapi import Response
from pydantic import BaseModel

from api.coverage import Coverage, coverage
from api.deps import Paging, Queries
from api.models import RegionCells
from graph.questions import Answer, Question

CSV_MEDIA_TYPE = "text/csv; charset=utf-8"


def _cell(value: Any) -> Any:
    """A CSV cell: a list or object as JSON, a truth value as JSON's (true, false, as the JSON
    answer spells it), nothing as empty."""
    if isinstance(value, (list, tuple, dict, bool)):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else value


def download_name(kind: str, *subjects: str | None) -> str:
    """A CSV's file name: what it holds, then whom it is about, so two downloads of one kind
    (two programs' diffusion) do not overwrite each other: ``diffusion-ling-gong-shi-chang``,
    ``lineage-47c35bc0ee8980e8``, from the ids' readable part (ASCII, safe in any header); a
    subject not asked for (None) is left out."""
    return "-".join([kind, *(s.split(":", 1)[-1] for s in subjects if s is not None)])


def csv_table(
    header: Sequence[str],
    lines: Iterable[Sequence[Any]],
    filename: str,
    searched: Coverage,
    page: dict[str, str] | None = None,
) -> Response:
    """A CSV attachment: ``header``, then one line per item of ``lines``; ``page``, the headers
    of a page of a longer answer (``page_headers``)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([_cell(value) for value in line] for line in lines)
    return Response(
        content="\ufeff" + buffer.getvalue(),
        media_type=CSV_MEDIA_TYPE,
        headers={
            "Content-Disposition": f'attachment; filename="{filename}.csv"',
            **searched.headers(),
            **(page or {}),
        },
    )


def csv_response(
    rows: Sequence[BaseModel],
    row: type[BaseModel],
    filename: str,
    searched: Coverage,
    page: dict[str, str] | None = None,
) -> Response:
    """Rows as CSV, one column per field of ``row`` in its order."""
    columns = list(row.model_fields)
    lines = ([fields[c] for c in columns] for fields in (r.model_dump(mode="json") for r in rows))
    return csv_table(columns, lines, filename, searched, page)


def _next_offset(answer: Answer[Any], paging: Paging) -> int | None:
    """Where the page after this one starts; None when this page is the last."""
    end = paging.offset + len(answer.rows)
    return end if end < answer.total else None


def page_headers(answer: Answer[Any], paging: Paging) -> dict[str, str]:
    """Where a CSV page stands in the whole answer, as a JSON page's ``total`` and
    ``next_offset`` say: a CSV cut at ``limit`` is never silent about the rest."""
    headers = {"X-Total-Count": str(answer.total), "X-Offset": str(paging.offset)}
    if (next_offset := _next_offset(answer, paging)) is not None:
        headers["X-Next-Offset"] = str(next_offset)
    return headers


def wide_csv(
    rows: Sequence[RegionCells],
    common: Sequence[str],
    cell: type[BaseModel],
    codes: Sequence[str],
    filename: str,
    searched: Coverage,
    page: dict[str, str] | None = None,
) -> Response:
    """Rows that hold a cell per region (``row.regions[code]``) as one CSV line each: the
    ``common`` columns, then a column group per region, ``<code>.<field>``, empty where the
    region has no cell; ``page`` as for ``csv_table``."""
    fields = list(cell.model_fields)
    header = [*common, *(f"{code}.{field}" for code in codes for field in fields)]

    def line(row: RegionCells) -> list[Any]:
        values = [getattr(row, column) for column in common]
        for code in codes:
            found = row.regions.get(code)
            values += [getattr(found, f) if found is not None else None for f in fields]
        return values

    return csv_table(header, (line(row) for row in rows), filename, searched, page)


def table(
    answer: Answer[Any],
    paging: Paging,
    queries: Queries,
    *,
    as_csv: bool,
    row: type[BaseModel],
    filename: str,
    question: Question[Any],
) -> dict[str, Any] | Response:
    """One page of an answer as a JSON page (the route's response model validates it) or as CSV;
    either says which plans ``question`` searched."""
    searched = coverage(queries.catalog, question)
    if as_csv:
        return csv_response(answer.rows, row, filename, searched, page_headers(answer, paging))
    return json_page(answer, paging, queries, searched)


def json_page(
    answer: Answer[Any], paging: Paging, queries: Queries, searched: Coverage
) -> dict[str, Any]:
    """One page of an answer with its place in the whole and what was ``searched``."""
    next_offset = _next_offset(answer, paging)
    return {
        "coverage": searched,
        "data": answer.rows,
        "count": len(answer.rows),
        "total": answer.total,
        "limit": paging.limit,
        "offset": paging.offset,
        "next_offset": next_offset,
        "truncated": next_offset is not None,
        "explain": queries.explained,
    }


def question_table(
    question: Question[Any], paging: Paging, queries: Queries, *, as_csv: bool, filename: str
) -> dict[str, Any] | Response:
    """One page of a question's answer, cut and counted by the store, in its own row's columns."""
    answer = queries.page(question, paging)
    return table(
        answer,
        paging,
        queries,
        as_csv=as_csv,
        row=question.row,
        filename=filename,
        question=question,
    )
