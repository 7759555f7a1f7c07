"""The sums behind the lineage answers, made from the questions' rows: label shares per plan and
per chapter, the region × region reuse matrix, instrument shares per region."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable
from itertools import permutations
from typing import Protocol

from api.coverage import LineageCoverage, lineage_coverage
from api.lineage_models import (
    ChapterLineage,
    InstrumentShare,
    LabelCounts,
    ParentPlan,
    PlanLineageReport,
    ReuseCell,
)
from graph.catalog import Catalog
from graph.lineage.align import LABELS
from graph.questions import (
    LineageInnovations,
    LineageSummary,
    PlanLineage,
    PlanOutline,
    Question,
    RowT,
)
from graph.rows import (
    InstrumentCellRow,
    LineageRow,
    LineageSummaryRow,
    PlanRow,
    RegionRow,
    ReuseCountRow,
    SectionRow,
)
from loaders.gazetteer import default_gazetteer


def label_counts(labels: Iterable[str]) -> LabelCounts:
    """The counts and shares of clauses with these labels."""
    return shares(Counter(labels))


def shares(counts: Counter[str]) -> LabelCounts:
    total = sum(counts[label] for label in LABELS)
    values: dict[str, int | float | None] = {"statements": total}
    for label in LABELS:
        values[label] = counts[label]
        values[f"{label}_share"] = counts[label] / total if total else None
    return LabelCounts.model_validate(values)


def clause_labels(rows: list[LineageRow]) -> dict[str, LineageRow]:
    """Each aligned clause once (its first row: the best counterpart)."""
    first: dict[str, LineageRow] = {}
    for row in rows:
        first.setdefault(row.clause_id, row)
    return first


def plan_summary(rows: list[LineageRow]) -> LabelCounts:
    return label_counts(r.label for r in clause_labels(rows).values())


def chapters(rows: list[LineageRow], outline: list[SectionRow]) -> list[ChapterLineage]:
    """The label shares of each top-level section, in document order."""
    headings = {s.path: s.heading for s in outline if "." not in s.path}
    by_chapter: dict[str, list[str]] = defaultdict(list)
    for row in clause_labels(rows).values():
        by_chapter[row.section_path.split(".")[0]].append(row.label)
    order = list(headings)
    return [
        ChapterLineage(
            chapter=chapter, heading=headings.get(chapter), **label_counts(labels).model_dump()
        )
        for chapter, labels in sorted(
            by_chapter.items(),
            key=lambda item: order.index(item[0]) if item[0] in order else len(order),
        )
    ]


class Asks(Protocol):
    """A store, a snapshot, or a request's queries: whatever answers questions."""

    def ask(self, question: Question[RowT]) -> list[RowT]: ...


def plan_report(catalog: Catalog, reader: Asks, plan: PlanRow) -> PlanLineageReport:
    """Everything the lineage of one plan is: its parents, its clauses aligned with theirs, the
    shares per plan and per chapter, and its local innovations."""
    rows = reader.ask(PlanLineage(plan_id=plan.id))
    summaries = reader.ask(LineageSummary(region_codes=[plan.region_code]))
    parent_ids = next((s.parents for s in summaries if s.plan_id == plan.id), [])
    by_id = {p.id: p for p in catalog.plans}
    parents = [  # a parent replaced by a bulk load still writing is gone until it completes
        ParentPlan(plan_id=i, region_code=by_id[i].region_code, title=by_id[i].title)
        for i in parent_ids
        if i in by_id
    ]
    note = None
    if plan.lineage_pending:
        note = (
            "its lineage is not computed yet, or not by this policygraph's rules (a bulk load "
            "into Neo4j is writing or stopped before its end, or the database was written by "
            "another version; the next load computes it, and when it stops with store_outdated, "
            "empty the database and load the plans again, with store_newer, load with the newer "
            "version): what is shown predates that"
        )
    elif not parents:
        note = f"no plan of a region above {plan.region_name} is loaded: nothing to align against"
    return PlanLineageReport(
        plan_id=plan.id,
        parents=parents,
        note=note,
        summary=plan_summary(rows),
        chapters=chapters(rows, reader.ask(PlanOutline(plan_id=plan.id))),
        innovations=reader.ask(LineageInnovations(plan_id=plan.id)),
        clauses=rows,
    )


def regions_above(region_code: str, parent_regions: Collection[str]) -> list[str]:
    """The regions above ``region_code`` a plan's lineage looked in for parent plans, nearest
    first: up to the nearest with a plan loaded (``parent_regions``, its parents'), or every one
    when none has any."""
    looked: list[str] = []
    for region in default_gazetteer().ancestors(region_code)[1:]:
        looked.append(region.code)
        if region.code in parent_regions:
            break
    return looked


def plan_coverage(catalog: Catalog, plan: PlanRow, report: PlanLineageReport) -> LineageCoverage:
    """What a plan's lineage read: the plan and its parents; and, as not loaded, every region
    it looked in above the plan's and found no plan of (a city's prefecture skipped on the way
    to its province, or the country when no national plan is loaded)."""
    parents = {parent.region_code for parent in report.parents}
    return lineage_coverage(
        catalog,
        plan_ids=[plan.id, *(parent.plan_id for parent in report.parents)],
        region_codes=[plan.region_code, *regions_above(plan.region_code, parents)],
    )


def region_coverage(
    catalog: Catalog, region_code: str, listed: list[LineageSummaryRow]
) -> LineageCoverage:
    """What a region's lineage read: the plans it lists (the region's own and those aligned
    against them), the plans its own were aligned against, and the plans below it whose lineage
    is pending (not listed: which plans they align against is not known yet); as not loaded, the
    region itself when it has no plan of its own, and every region above it looked in and found
    no plan of. A parent a load has replaced, still named until the load ends, is gone."""
    plans = {plan.id: plan for plan in catalog.plans}
    pending = [plan for plan in catalog.plans_under(region_code) if plan.lineage_pending]
    read = [*(plans[row.plan_id] for row in listed if row.plan_id in plans), *pending]
    looked: list[str] = []
    for row in listed:
        if row.region_code == region_code:
            parents = [plans[plan_id] for plan_id in row.parents if plan_id in plans]
            read += parents
            looked += regions_above(region_code, {parent.region_code for parent in parents})
    codes = [region_code, *(plan.region_code for plan in read), *looked]
    return lineage_coverage(
        catalog, plan_ids=[plan.id for plan in read], region_codes=list(dict.fromkeys(codes))
    )


def summary_counts(row: LineageSummaryRow) -> LabelCounts:
    """The counts and shares of a plan's summary row."""
    return shares(Counter(echo=row.echo, elaboration=row.elaboration, local=row.local))


def reuse_matrix(
    regions: list[RegionRow], summaries: list[LineageSummaryRow], counts: list[ReuseCountRow]
) -> list[ReuseCell]:
    """For each ordered pair of regions with plans, the share of the first's statement clauses
    that are in a family of near-same clauses with a clause of the second's."""
    statements = Counter[str]()
    for row in summaries:
        statements[row.region_code] += row.statements
    reused = {(c.region_code, c.other_region_code): c.reused for c in counts}
    with_plans = [r for r in regions if statements[r.code]]
    return [
        ReuseCell(
            region_code=a.code,
            region_name=a.name,
            other_region_code=b.code,
            other_region_name=b.name,
            statements=statements[a.code],
            reused=reused.get((a.code, b.code), 0),
            share=reused.get((a.code, b.code), 0) / statements[a.code],
        )
        for a, b in permutations(with_plans, 2)
    ]


def instrument_shares(cells: list[InstrumentCellRow]) -> list[InstrumentShare]:
    totals = Counter[str]()
    for cell in cells:
        totals[cell.region_code] += cell.clauses
    return [
        InstrumentShare(**cell.model_dump(), share=cell.clauses / totals[cell.region_code])
        for cell in cells
    ]
