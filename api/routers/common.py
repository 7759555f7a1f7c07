"""Path and query parameters shared by routers, with the examples the OpenAPI page shows."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Path, Query

from api.patterns import NOT_BLANK

CSV_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {"text/csv": {}},
        "description": "JSON, or CSV with `?format=csv` / `Accept: text/csv`.",
    }
}

RegionPath = Annotated[
    str,
    Path(
        description="A region code or name.",
        examples=["500000", "重庆", "甘肃省"],
        max_length=100,
        pattern=NOT_BLANK,
    ),
]
RegionQuery = Annotated[
    str | None,
    Query(
        description="Only plans of this region (code or name).",
        examples=["640000", "宁夏"],
        max_length=100,
        pattern=NOT_BLANK,
    ),
]
PlanPath = Annotated[
    str,
    Path(
        description="A plan id, file name or sha256 prefix.",
        examples=["003_0dc92ecbe2a20814.txt"],
        max_length=200,
        pattern=NOT_BLANK,
    ),
]
