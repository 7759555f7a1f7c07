"""Tables out: a JSON page, or CSV (UTF-8 with BOM, so Excel opens Chinese correctly)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from fastapi import Response

from api.deps import Paging, Queries

CSV_MEDIA_TYPE = "text/csv; charset=utf-8"


def _cell(value: Any) -> Any:
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else value


def csv_response(rows: list[dict[str, Any]], columns: list[str], filename: str) -> Response:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([_cell(row.get(c)) for c in columns] for row in rows)
    return Response(
        content="\ufeff" + buffer.getvalue(),
        media_type=CSV_MEDIA_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{filename}.csv"'},
    )


def table(
    rows: list[dict[str, Any]],
    paging: Paging,
    queries: Queries,
    *,
    as_csv: bool,
    columns: list[str],
    filename: str,
) -> dict[str, Any] | Response:
    """One page of ``rows`` as a JSON page (the route's response model validates it) or as CSV."""
    window = rows[paging.offset : paging.offset + paging.limit]
    if as_csv:
        return csv_response(window, columns, filename)
    end = paging.offset + len(window)
    return {
        "data": window,
        "count": len(window),
        "total": len(rows),
        "limit": paging.limit,
        "offset": paging.offset,
        "next_offset": end if end < len(rows) else None,
        "truncated": end < len(rows),
        "explain": queries.explained,
    }
