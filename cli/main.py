"""The ``policygraph`` command line.

Exit codes: 0 success; 1 built, but some plans were rejected (each named on stderr), or
loaded into Neo4j without their lineage (the next load computes it);
2 usage error (bad option or argument); 3 nothing built (``--strict`` and a plan
failed, no plan could be loaded, or the output could not be written) or a graph file that
cannot be read; 4 a name or plan that is not in the graph; 5 the Neo4j server does not answer.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from api import logs
from api.lineage_models import PlanLineagePublic
from api.lineage_tables import plan_coverage, plan_report
from cli import render
from cli.common import (
    EXIT_NO_STORE,
    EXIT_NOT_FOUND,
    EXIT_PARTIAL,
    PathsArg,
    SameTextOpt,
    SourceUrlOpt,
    err,
    fail,
    files_to_read,
    neo4j_or_exit,
    out,
    plan_or_exit,
    progress,
    report,
)
from cli.load import load
from evaluation.instruments import score_instrument_samples
from evaluation.lineage import score_alignment
from evaluation.run import evaluate as evaluate_gold
from graph.build import Graph
from graph.catalog import Catalog
from graph.coverage_table import coverage_table
from graph.embedded_store import EmbeddedStore
from graph.errors import (
    GraphFileError,
    InvalidInput,
    NotFound,
    PlanError,
    PolicyGraphError,
    StoreUnavailable,
)
from graph.export import WRITERS, graph_from_store, write_graph
from graph.graph_file import GRAPH_FILE_SUFFIX, writing
from graph.model import INDICATOR, PROGRAM
from graph.questions import GraphStats, RegionsForProgram
from graph.settings import get_settings
from loaders.discovered import as_vocabulary, discovered
from loaders.gazetteer import default_gazetteer
from loaders.normalize import normalise_fragment
from loaders.pipeline import (
    Duplicate,
    LoadResult,
    SameText,
    build_knowledge_graph,
    extract_each,
    extract_many,
)

app = typer.Typer(
    help="Knowledge graph of Chinese employment-promotion plans.", no_args_is_help=True
)
GraphOpt = Annotated[
    Path | None,
    typer.Option("--graph", help="A graph file written by build (.db) instead of the plans."),
]


@app.callback()
def main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress.")] = False,
) -> None:
    logs.configure(verbose)


def _extract(paths: list[Path] | None, strict: bool, source_url: str | None = None) -> LoadResult:
    files = files_to_read(paths, source_url)
    with progress(len(files), "extracting plans") as advance:
        result = extract_many(files, strict=strict, on_progress=lambda _: advance())
    for extraction in result.extractions:
        extraction.source_url = source_url or extraction.source_url
    return result


def _graph_or_exit(
    paths: list[Path] | None, strict: bool, source_url: str | None = None
) -> tuple[Graph, LoadResult]:
    try:
        result = _extract(paths, strict, source_url)
    except PlanError as exc:
        raise fail(exc) from exc
    for error in result.errors:
        err.print(f"[yellow]rejected:[/] {error}")
    if not result.extractions:
        raise fail(PolicyGraphError("no plan could be loaded"))
    return build_knowledge_graph(result.extractions), result


def _store(paths: list[Path] | None, graph_file: Path | None) -> EmbeddedStore:
    if graph_file is not None:
        try:
            return EmbeddedStore.open(graph_file)
        except GraphFileError as exc:
            raise fail(exc) from exc
    return EmbeddedStore.from_graph(_graph_or_exit(paths, strict=False)[0])


def _write_graph_file(
    files: list[Path], path: Path, strict: bool, source_url: str | None, same_text: SameText
) -> list[PlanError]:
    """Build plan by plan into the graph file at ``path``: one plan in memory at a time."""
    errors: list[PlanError] = []
    duplicates: list[Duplicate] = []
    try:
        with progress(len(files), "building plans") as advance, writing(path) as writer:
            for extraction in extract_each(
                files,
                errors=errors,
                duplicates=duplicates,
                strict=strict,
                same_text=same_text,
                on_progress=lambda _: advance(),
            ):
                extraction.source_url = source_url or extraction.source_url
                writer.add(build_knowledge_graph([extraction]))
            if not writer.plans:
                raise PolicyGraphError("no plan could be loaded")
    except (PolicyGraphError, OSError) as exc:
        raise fail(exc) from exc
    finally:
        report(errors, duplicates)
    return errors


@app.command()
def build(
    paths: PathsArg = None,
    out_file: Annotated[
        Path,
        typer.Option("--out", help="The graph file the store reads (.db), or .graphml or .json."),
    ] = Path("build/policygraph.db"),
    strict: Annotated[bool, typer.Option(help="Any rejected plan is fatal.")] = False,
    source_url: SourceUrlOpt = None,
    same_text: SameTextOpt = "keep",
) -> None:
    """Build the knowledge graph from plan files and write it."""
    files = files_to_read(paths, source_url)
    suffix = out_file.suffix.lower()
    if suffix != GRAPH_FILE_SUFFIX and suffix not in WRITERS:
        raise fail(
            InvalidInput(f"{out_file}: unknown format {suffix!r}; use .db, .graphml or .json"), 2
        )
    with tempfile.TemporaryDirectory() as scratch:
        graph_file = out_file if suffix == GRAPH_FILE_SUFFIX else Path(scratch, "graph.db")
        errors = _write_graph_file(files, graph_file, strict, source_url, same_text)
        store = EmbeddedStore.open(graph_file)
        try:
            if graph_file != out_file:
                write_graph(graph_from_store(store), out_file)
            counts = {(row.kind, row.name): row.count for row in store.ask(GraphStats())}
        except (PolicyGraphError, OSError) as exc:
            raise fail(exc) from exc
        finally:
            store.close()
    nodes = sum(n for (kind, _), n in counts.items() if kind == "node")
    out.print(
        f"built {counts[('node', 'Plan')]} plans → {out_file} "
        f"({nodes} nodes, {sum(counts.values()) - nodes} relationships)"
    )
    if errors:
        raise typer.Exit(EXIT_PARTIAL)


@app.command()
def stats(paths: PathsArg = None, graph_file: GraphOpt = None) -> None:
    """Count nodes by label and relationships by type."""
    out.print(render.stats_table(_store(paths, graph_file).ask(GraphStats())))


@app.command()
def explain(
    plan: Annotated[
        str, typer.Argument(help="A plan file, or a plan's id or file name in data/plans.")
    ],
) -> None:
    """Show one plan's metadata, outline and extracted facts, for a person to check."""
    path = Path(plan)
    store = EmbeddedStore.from_graph(
        _graph_or_exit([path] if path.is_file() else None, strict=True)[0]
    )
    catalog = Catalog(store)
    found = plan_or_exit(catalog, path.name if path.is_file() else plan)
    curated = {row.id: row.curated for row in catalog.entities["Program"]}
    render.print_plan(out, store, found, curated)


@app.command()
def lineage(
    plan: Annotated[
        str, typer.Argument(help="A plan's id, file name or hash prefix, or a region.")
    ],
    paths: PathsArg = None,
    graph_file: GraphOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON, for scripts.")] = False,
) -> None:
    """Where a plan's clauses come from: each aligned with the plans of the nearest region above
    (echo, elaboration or local, with the counterpart), shares per chapter, local innovations."""
    store = _store(paths, graph_file)
    catalog = Catalog(store)
    found = plan_or_exit(catalog, plan)
    answer = plan_report(catalog, store, found)
    if as_json:
        searched = plan_coverage(catalog, found, answer)
        out.print_json(PlanLineagePublic(**dict(answer), coverage=searched).model_dump_json())
        return
    for part in render.lineage_tables(found, answer):
        out.print(part)


@app.command()
def coverage(
    paths: PathsArg = None,
    graph_file: GraphOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON, for scripts.")] = False,
) -> None:
    """What is loaded where: every province-level region (loaded or not) and every region below
    with a plan, each with its plans' kinds, periods and formats."""
    found = coverage_table(Catalog(_store(paths, graph_file)))
    if as_json:
        out.print_json(found.model_dump_json())
        return
    out.print(render.coverage_table(found))


@app.command()
def funders(
    program: Annotated[str, typer.Argument(help="A program's name or alias, e.g. 返乡创业园.")],
    paths: PathsArg = None,
    graph_file: GraphOpt = None,
) -> None:
    """Which regions' plans commit money to a program — each with its quote."""
    store = _store(paths, graph_file)
    try:
        found = Catalog(store).entity("Program", program)
    except NotFound as exc:
        raise fail(exc, EXIT_NOT_FOUND) from exc
    rows = store.ask(RegionsForProgram(program_id=found.id, relation="FUNDS"))
    if rows:
        out.print(render.funders_table(program, rows))
        return
    covering = store.ask(RegionsForProgram(program_id=found.id, relation="COVERS"))
    regions = "、".join(dict.fromkeys(row.region_name for row in covering))
    out.print(
        f"no plan commits money to {found.name}; {len(covering)} of "
        f"{len(Catalog(store).plans)} plans mention it" + (f" ({regions})" if regions else "")
    )


vocab_app = typer.Typer(
    help="The curated vocabularies and what plans name beyond them.", no_args_is_help=True
)
app.add_typer(vocab_app, name="vocab")
app.command()(load)


@vocab_app.command("discovered")
def vocab_discovered(
    paths: PathsArg = None,
    label: Annotated[str, typer.Option(help="indicator, program or all.")] = "all",
    min_plans: Annotated[
        int,
        typer.Option("--min-plans", min=1, help="Only names found in at least this many plans."),
    ] = 1,
    as_yaml: Annotated[
        bool, typer.Option("--yaml", help="Print entries to paste into data/vocab/*.yaml.")
    ] = False,
) -> None:
    """Indicators and programs the plans name that data/vocab does not: counts, plans, example quotes."""
    labels = {"indicator": (INDICATOR,), "program": (PROGRAM,), "all": (INDICATOR, PROGRAM)}.get(
        label
    )
    if labels is None:
        raise fail(PolicyGraphError(f"--label must be indicator, program or all, not {label!r}"), 2)
    entries = [
        d
        for d in discovered(_graph_or_exit(paths, strict=False)[1].extractions, labels)
        if len(d.plans) >= min_plans
    ]
    if as_yaml:
        for entry in entries:
            out.print(as_vocabulary(entry), highlight=False, markup=False, soft_wrap=True)
        return
    Console(width=max(out.width, render.QUALITY_WIDTH)).print(render.discovered_table(entries))


@app.command()
def evaluate(
    gold_dir: Annotated[
        Path | None,
        typer.Option(
            "--gold", help="Folder of gold annotation files (default: the test fixtures)."
        ),
    ] = None,
    plan_dirs: Annotated[
        list[Path] | None,
        typer.Option("--plans", help="Where the annotated plans are (repeatable)."),
    ] = None,
    per_plan: Annotated[
        bool, typer.Option("--per-plan", help="A row per document, not only per set.")
    ] = False,
    misses: Annotated[
        bool, typer.Option("--misses", help="List what was missed or wrongly found.")
    ] = False,
    lineage: Annotated[
        bool,
        typer.Option(
            "--lineage",
            help="Score lineage instead: clause alignment and policy instruments "
            "(gold in tests/fixtures/lineage).",
        ),
    ] = False,
) -> None:
    """Score extraction against gold annotations: precision and recall per document set."""
    fixtures = get_settings().paths.data_dir.parent / "tests" / "fixtures"
    folders = plan_dirs or [get_settings().paths.plans_dir, fixtures / "plans", fixtures / "corpus"]
    wide = Console(width=max(out.width, render.QUALITY_WIDTH))
    if lineage:
        lineage_gold = gold_dir or fixtures / "lineage"
        try:
            alignments = [
                score_alignment(p, folders) for p in sorted(lineage_gold.glob("align_*.yaml"))
            ]
            instruments = score_instrument_samples(lineage_gold, folders)
        except PolicyGraphError as exc:
            raise fail(exc) from exc
        wide.print(render.alignment_table(alignments))
        wide.print(render.instrument_table(instruments))
        return
    try:
        scores = evaluate_gold(gold_dir or fixtures / "gold", folders)
    except PolicyGraphError as exc:
        raise fail(exc) from exc
    wide.print(render.quality_table(scores, per_plan=per_plan))
    if misses:
        for score in scores:
            for measure, lines in score.misses.items():
                for line in lines:
                    out.print(
                        f"{score.plan} {measure}: {line}",
                        highlight=False,
                        soft_wrap=True,
                        markup=False,
                    )


@app.command()
def export(
    out_file: Annotated[Path, typer.Option("--out", help="Output file.")],
    source: Annotated[
        str, typer.Option("--from", help="embedded (built from the plans) or neo4j.")
    ] = "embedded",
    fmt: Annotated[str, typer.Option("--format", help="graphml or json.")] = "graphml",
    region: Annotated[
        str | None,
        typer.Option("--region", help="Only this region's part: a code (620000) or a name (甘肃)."),
    ] = None,
    paths: PathsArg = None,
) -> None:
    """Export the graph, or one region's part of it, for Gephi, igraph or R."""
    if source not in ("embedded", "neo4j"):
        raise fail(PolicyGraphError(f"--from must be embedded or neo4j, not {source!r}"), 2)
    code = _region_code(region) if region else None
    if source == "neo4j":
        with neo4j_or_exit() as store:
            graph = graph_from_store(store, code)
    else:
        built = EmbeddedStore.from_graph(_graph_or_exit(paths, strict=False)[0])
        graph = graph_from_store(built, code)
    try:
        write_graph(graph, out_file, fmt)
    except (PolicyGraphError, OSError) as exc:
        raise fail(exc) from exc
    out.print(
        f"exported {graph.number_of_nodes()} nodes, {graph.number_of_edges()} relationships → {out_file}"
    )


def _region_code(name_or_code: str) -> str:
    regions = default_gazetteer().lookup(normalise_fragment(name_or_code))
    if len(regions) != 1:
        found = "several regions" if regions else "no region"
        raise fail(NotFound(f"{found} named {name_or_code!r}"), EXIT_NOT_FOUND)
    return regions[0].code


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[
        int, typer.Option(min=1, help="Processes answering requests; each opens its own store.")
    ] = 1,
    reload: Annotated[
        bool, typer.Option(help="Restart when the code changes (development).")
    ] = False,
) -> None:
    """Serve the REST API under granian: Neo4j when NEO4J_URI is set, else the embedded graph
    (POLICYGRAPH_GRAPH_FILE, or built from the plans). Docs at /docs. A graph file that cannot
    be read exits 3, a Neo4j that does not answer 5, each with one line."""
    from granian import Granian
    from granian.constants import Interfaces
    from granian.log import LogLevels

    from api.app import check_store  # the web stack, only for the command that serves it

    try:
        check_store(get_settings())
    except GraphFileError as exc:
        raise fail(exc) from exc
    except StoreUnavailable as exc:
        raise fail(exc, EXIT_NO_STORE) from exc
    err.print(f"listening on http://{host}:{port} (docs at http://{host}:{port}/docs)")

    Granian(
        "api.app:create_app",
        address=host,
        port=port,
        interface=Interfaces.ASGI,
        workers=workers,
        factory=True,
        log_level=LogLevels.warning,
        reload=reload,
    ).serve()
