"""Rich renderings of graph content for the command line: plans, facts, quality reports."""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Console
from rich.table import Table
from rich.tree import Tree

from api.lineage_models import PlanLineageReport
from evaluation.gold import SETS, Accuracy, PlanScores, Score, total
from evaluation.instruments import InstrumentScores
from evaluation.lineage import GOLD_LABELS, AlignmentScores
from graph.coverage_table import CoverageTable
from graph.questions import (
    IndicatorTargets,
    PlanCitations,
    PlanFundings,
    PlanOutline,
    ProgramsForGroup,
    RegionCoverage,
    Store,
)
from graph.rows import PlanRow, RegionProgramRow, SectionRow, StatRow
from loaders.discovered import Discovered
from loaders.instrument_lexicon import CLASSES

PLAN_FIELDS = (
    "id", "source", "region_code", "kind", "issuer", "doc_number", "issued_on",
    "period_start", "period_end", "encoding", "sha256", "source_format", "page_count", "source_url",
    "retrieved_on", "publisher",
)  # fmt: skip


def stats_table(rows: list[StatRow]) -> Table:
    """The ``graph_stats`` rows: counts by label, then by relationship type, then totals."""
    table = Table("label / type", "count", title="policygraph")
    for kind, show in (("node", "(:{})"), ("relationship", "[:{}]")):
        for row in rows:
            if row.kind == kind:
                table.add_row(show.format(row.name), str(row.count))
        table.add_section()
    for kind, name in (("node", "nodes"), ("relationship", "relationships")):
        table.add_row(name, str(sum(row.count for row in rows if row.kind == kind)))
    return table


LEVEL_INDENT = {"country": "", "province": "", "prefecture": "  ", "county": "    "}


def coverage_table(found: CoverageTable) -> Table:
    """One line per region: its own plans (kinds, periods, formats) and those of regions under
    it; provinces without any plan are dim, so the gaps show."""
    summary = found.summary
    table = Table(
        "region", "code", "plans", "below", "kinds", "periods", "formats",
        title=f"{summary.plans} plans: {summary.provinces_loaded} of {summary.provinces} "
        f"provinces have their own, {summary.provinces_reached} have one of their own or below",
    )  # fmt: skip
    for row in found.regions:
        table.add_row(
            LEVEL_INDENT.get(row.level, "") + row.name,
            row.code,
            str(len(row.plans)),
            str(row.plans_below),
            ", ".join(row.kinds),
            ", ".join(row.periods),
            ", ".join(row.formats),
            style=None if row.loaded or row.plans_below else "dim",
        )
    return table


def print_plan(out: Console, store: Store, plan: PlanRow, curated: dict[str, bool | None]) -> None:
    """Metadata, outline and facts of one plan, for a person to check against the text;
    ``curated`` tells discovered programs from the vocabulary's, by id."""
    meta = Table("field", "value", title=str(plan.title))
    for key in PLAN_FIELDS:
        meta.add_row(key, str(getattr(plan, key) or ""))
    out.print(meta)
    out.print(_outline(store.ask(PlanOutline(plan_id=plan.id))))
    for table in _facts(store, plan.id, curated):
        out.print(table)
    titles = [row.title for row in store.ask(PlanCitations(plan_id=plan.id))]
    out.print("CITES: " + "；".join(f"《{t}》" for t in dict.fromkeys(titles)))


def _outline(sections: list[SectionRow]) -> Tree:
    tree = Tree("outline")
    branches: dict[str, Tree] = {}
    for section in sections:
        label = f"{section.path} {section.heading or '(front matter)'}"
        parent = branches.get(section.path.rpartition(".")[0], tree)
        branches[section.path] = parent.add(f"{label} [dim]{section.clauses} clauses[/]")
    return tree


def _facts(store: Store, plan_id: str, curated: dict[str, bool | None]) -> list[Table]:
    targets = Table(
        "indicator", "value", "unit", "cmp", "year", "scope", "main", "normalised", "evidence",
        title="SETS_TARGET",
    )  # fmt: skip
    for t in store.ask(IndicatorTargets(plan_id=plan_id)):
        normalised = (
            f"{t.normalized_value:g} {t.normalized_unit}" if t.normalized_value is not None else ""
        )
        targets.add_row(
            t.indicator, t.value_text, t.unit or "", t.comparator, str(t.year or ""),
            t.scope, "✓" if t.main else "", normalised, _quoted(t.evidence[:40], t.locator),
        )  # fmt: skip
    funds = Table("program", "instrument", "amount (yuan)", "evidence", title="FUNDS")
    for f in store.ask(PlanFundings(plan_id=plan_id)):
        funds.add_row(
            f.program_name,
            f.instrument,
            _amount(f.amount_yuan),
            _quoted(f.evidence[:60], f.locator),
        )
    serves = Table("program", "group", "evidence", title="SERVES")
    for s in store.ask(ProgramsForGroup(plan_id=plan_id)):
        serves.add_row(s.program_name, s.group_name, s.evidence[:60])
    covers = Table("label", "name", "curated", "mentions", title="COVERS")
    for c in store.ask(RegionCoverage(plan_id=plan_id)):
        mark = "" if c.label != "Program" else ("✓" if curated.get(c.entity_id) else "discovered")
        covers.add_row(c.label, c.name, mark, str(c.mentions))
    return [targets, funds, serves, covers]


def _quoted(evidence: str, locator: str | None) -> str:
    """A quote with where it stands in the published file, when that is a page (p. 7)."""
    return f"{evidence} ({locator})" if locator and locator.startswith("p") else evidence


def _amount(yuan: float | None) -> str:
    return "" if yuan is None else f"{yuan:g}"


def funders_table(program: str, rows: list[RegionProgramRow]) -> Table:
    """``regions_for_program`` rows for FUNDS: region, plan, section, amount and quote."""
    table = Table("region", "level", "plan", "section", "amount (yuan)", title=f"FUNDS → {program}")
    table.add_column("evidence", overflow="fold", ratio=1)
    for row in rows:
        section = f"{row.section_path} {row.section_heading or ''}".strip()
        table.add_row(
            row.region_name,
            row.region_level,
            row.plan_title,
            section,
            _amount(row.amount_yuan),
            row.evidence,
        )
    return table


def discovered_table(entries: list[Discovered]) -> Table:
    """Discovered indicators and programs, most widespread first, with example quotes."""
    table = Table(
        "label",
        "name",
        "unit / kind",
        "plans",
        "count",
        "examples",
        title="discovered, not in data/vocab",
    )
    for d in entries:
        e = d.entity
        table.add_row(
            e.label,
            e.name,
            e.unit or e.kind or "",
            str(len(d.plans)),
            str(d.count),
            "\n".join(d.examples),
        )
    return table


def _fraction(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _ratio(score: Score, precision: bool) -> str:
    if precision:
        return f"{_fraction(score.precision)} {score.matched_found}/{score.found}"
    return f"{_fraction(score.recall)} {score.matched_gold}/{score.gold}"


def _rate(accuracy: Accuracy) -> str:
    return _fraction(accuracy.rate)


QUALITY_WIDTH = 210
"""Characters the quality report needs to show every column."""

QUALITY_COLUMNS: tuple[tuple[str, Callable[[PlanScores], str]], ...] = (
    ("main R", lambda s: _ratio(s.main_targets, False)),
    ("main P", lambda s: _ratio(s.main_targets, True)),
    ("all R", lambda s: _ratio(s.targets, False)),
    ("all P", lambda s: _ratio(s.targets, True)),
    ("FUNDS R", lambda s: _ratio(s.funds, False)),
    ("FUNDS P", lambda s: _ratio(s.funds, True)),
    ("not-funds", lambda s: str(s.not_funds)),
    ("groups R", lambda s: _ratio(s.target_groups, False)),
    ("programs R", lambda s: _ratio(s.programs, False)),
    ("main flag", lambda s: _rate(s.main_flag)),
    ("year", lambda s: _rate(s.year)),
    ("scope", lambda s: _rate(s.scope)),
    ("cmp", lambda s: _rate(s.comparator)),
    ("amount", lambda s: _rate(s.amount)),
    ("meta", lambda s: _rate(s.metadata)),
    ("dup", lambda s: str(s.duplicates)),
    ("retro", lambda s: str(s.retrospective)),
)
"""What the quality report shows: P/R with their counts, accuracies over matched facts,
and counts of errors that must be zero (FUNDS on look-alikes, duplicates, past figures)."""


def quality_table(scores: list[PlanScores], *, per_plan: bool = False) -> Table:
    """One row per document set (seeds, fixtures, corpus dev and blind halves) and overall;
    with ``per_plan``, a row per document inside each set."""
    table = Table(
        "set / plan",
        *(name for name, _ in QUALITY_COLUMNS),
        title="extraction quality against gold annotations",
    )
    for name in SETS:
        members = [s for s in scores if s.set == name]
        if not members:
            continue
        if per_plan:
            for score in members:
                table.add_row(
                    score.plan + (" (rejected)" if score.error else ""),
                    *(cell(score) for _, cell in QUALITY_COLUMNS),
                )
        table.add_row(
            name, *(cell(total(members, name)) for _, cell in QUALITY_COLUMNS), style="bold"
        )
        table.add_section()
    table.add_row("overall", *(cell(total(scores)) for _, cell in QUALITY_COLUMNS), style="bold")
    return table


def lineage_tables(plan: PlanRow, report: PlanLineageReport) -> list[Table | str]:
    """A plan's lineage for a person: what it was aligned against, the shares per chapter, each
    clause with its best counterpart, and the local innovations."""
    if not report.parents:
        return [f"{plan.title}: {report.note}"]
    parents = "、".join(f"{p.title} ({p.region_code})" for p in report.parents)
    chapters = Table("chapter", "heading", "statements", "echo", "elaboration", "local",
                     title=f"{plan.title} aligned against {parents}")  # fmt: skip
    for c in [*report.chapters, report.summary]:
        chapter = getattr(c, "chapter", "all")
        chapters.add_row(
            chapter, getattr(c, "heading", None) or "", str(c.statements),
            *(f"{n} ({share:.0%})" if share is not None else "0"
              for n, share in ((c.echo, c.echo_share), (c.elaboration, c.elaboration_share),
                               (c.local, c.local_share))),
        )  # fmt: skip
    clauses = Table("section", "label", "score", title="clauses and their best counterpart")
    clauses.add_column("clause", overflow="fold", ratio=1)
    clauses.add_column("parent section", overflow="fold")
    clauses.add_column(
        "counterpart in the parent plan (local: the nearest)", overflow="fold", ratio=1
    )
    for row in report.clauses:
        if row.rank in (None, 1):
            clauses.add_row(
                row.section_path, row.label, f"{row.score:.2f}", row.text,
                row.parent_section_path or "", row.parent_text or "",
            )  # fmt: skip
    innovations = Table("what", "name", "section", title="local innovations: the parents lack")
    innovations.add_column("clause", overflow="fold", ratio=1)
    for item in report.innovations:
        innovations.add_row(item.entity_label, item.entity_name, item.section_path, item.text)
    return [chapters, clauses, innovations]


def alignment_table(scores: list[AlignmentScores]) -> Table:
    """Precision and recall per label for each aligned pair of plans, the confusion matrix (a
    row per gold label, what it was found as), and how often the best counterpart found is one
    the gold names."""
    found_as = " / ".join(GOLD_LABELS)
    table = Table("set", "child → parent", "label", "gold", "found", "precision", "recall",
                  f"found as {found_as}",
                  title="lineage: clause labels against the alignment gold")  # fmt: skip
    for score in scores:
        for label in GOLD_LABELS:
            counts = score.score(label)
            table.add_row(
                score.set, f"{score.child} → {score.parent}", label, str(counts.gold),
                str(counts.found), _fraction(counts.precision), _fraction(counts.recall),
                " / ".join(str(score.confusion[(label, found)]) for found in GOLD_LABELS),
            )  # fmt: skip
        right = (
            score.counterpart_hits / score.counterpart_total if score.counterpart_total else None
        )
        table.add_row(
            score.set, "", "best counterpart right", str(score.counterpart_total), "", "",
            _fraction(right), "", style="dim",
        )  # fmt: skip
        table.add_section()
    return table


def instrument_table(scores: list[InstrumentScores]) -> Table:
    """Accuracy of the instrument class and sub-type per document set, with the class confusion
    matrix (rows: gold, columns: found)."""
    table = Table("sample", "set", "clauses", "class accuracy", "sub-type accuracy",
                  *(f"gold {g}: found S / D / E" for g in CLASSES),
                  title="policy instruments against the instrument gold")  # fmt: skip
    for score in scores:
        table.add_row(
            score.sample, score.set, str(score.total), _fraction(score.accuracy),
            _fraction(score.subtype_accuracy),
            *(" / ".join(str(score.confusion[(g, f)]) for f in CLASSES) for g in CLASSES),
        )  # fmt: skip
    return table
