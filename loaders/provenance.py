"""Where a plan file came from, as its sidecar file says: ``NAME.source.yaml`` beside it.

    url: https://www.gov.cn/zhengce/content/2021-08/27/content_5633714.htm
    retrieved: 2026-11-02
    publisher: 某某省人民政府办公厅
    region: 510000        # only when the title names two regions: which one issued it

The sidecar of ``plan.pdf`` is ``plan.source.yaml`` (or ``plan.pdf.source.yaml``). Every key
is optional; an unknown key or a value of the wrong kind is an error naming the sidecar, so
a typo never silently drops the provenance a researcher will cite.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

import yaml

from graph.errors import PlanError
from loaders.normalize import xml_legal

SIDECAR_SUFFIX = ".source.yaml"
_KEYS = {"url", "retrieved", "publisher", "region"}


@dataclass(frozen=True)
class Provenance:
    url: str | None = None
    retrieved_on: str | None = None
    """ISO date the file was downloaded."""
    publisher: str | None = None
    region: str | None = None
    """The issuing region (a code or name) when the plan's own text cannot say which."""


def sidecar_of(path: Path) -> Path | None:
    for candidate in (path.with_suffix(SIDECAR_SUFFIX), path.with_name(path.name + SIDECAR_SUFFIX)):
        if candidate.is_file():
            return candidate
    return None


def read_sidecar(path: Path) -> Provenance:
    """The provenance the plan file's sidecar records; none when it has no sidecar."""
    sidecar = sidecar_of(path)
    if sidecar is None:
        return Provenance()
    try:
        data = yaml.safe_load(sidecar.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise PlanError(f"cannot read its sidecar {sidecar.name}: {exc}", source=str(path)) from exc
    if not isinstance(data, dict) or set(data) - _KEYS:
        unknown = sorted(set(data) - _KEYS) if isinstance(data, dict) else data
        raise PlanError(
            f"{sidecar.name}: expected the keys url, retrieved, publisher, region, not {unknown}",
            source=str(path),
        )
    retrieved = data.get("retrieved")
    if isinstance(retrieved, datetime.date):
        retrieved = retrieved.isoformat()
    region = data.get("region")
    values = {
        "url": data.get("url"),
        "retrieved": retrieved,
        "publisher": data.get("publisher"),
        "region": str(region) if isinstance(region, int) else region,
    }
    if wrong := [
        key for key, value in values.items() if value is not None and not isinstance(value, str)
    ]:
        raise PlanError(f"{sidecar.name}: {', '.join(wrong)} must be text", source=str(path))
    url, retrieved_on, publisher, region = (
        xml_legal(value) if value is not None else None for value in values.values()
    )
    return Provenance(url, retrieved_on, publisher, region)
