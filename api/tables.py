"""Tables out: a JSON page, or CSV (UTF-8 with BOM, so Excel opens Chinese correctly)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from fastapi import Response
from pydantic import BaseModel

from api.coverage import coverage
from api.deps import Paging, Queries
from graph.questions import Answer, Question

CSV_MEDIA_TYPE = "text/csv; charset=utf-8"


def _cell(value: Any) -> Any:
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else value


def csv_response(rows: Sequence[BaseModel], row: type[BaseModel], filename: str) -> Response:
    """Rows as CSV, one column per field of ``row`` in its order."""
    columns = list(row.model_fields)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([_cell(getattr(r, c)) for c in columns] for r in rows)
    return Response(
        content="\ufeff" + buffer.getvalue(),
        media_type=CSV_MEDIA_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{filename}.csv"'},
    )


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
    the page says which plans ``question`` searched."""
    if as_csv:
        return csv_response(answer.rows, row, filename)
    end = paging.offset + len(answer.rows)
    return {
        "coverage": coverage(queries.catalog, question),
        "data": answer.rows,
        "count": len(answer.rows),
        "total": answer.total,
        "limit": paging.limit,
        "offset": paging.offset,
        "next_offset": end if end < answer.total else None,
        "truncated": end < answer.total,
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
