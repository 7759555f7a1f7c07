"""The ``policygraph`` command line.

Exit codes: 0 all plans built; 1 built, but some plans were rejected (each named
on stderr); 2 usage error; 3 nothing built (``--strict`` and a plan failed, or no
plan could be loaded).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table
from rich.tree import Tree

from api import logs
from graph.build import Graph
from graph.embedded_store import EmbeddedStore
from graph.errors import PlanError, PolicyGraphError
from graph.export import read_json, write_graph
from graph.settings import get_settings
from loaders.pipeline import LoadResult, build_knowledge_graph, extract_many, plan_files

EXIT_PARTIAL, EXIT_NOTHING = 1, 3
PROGRESS_THRESHOLD = 5
"""More files than this get a progress bar."""

app = typer.Typer(help="Knowledge graph of Chinese employment-promotion plans.", no_args_is_help=True)
out = Console()
err = Console(stderr=True)

PathsArg = Annotated[
    list[Path] | None,
    typer.Argument(help="Plan files or folders (default: the data/plans folder)."),
]


@app.callback()
def main(verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress.")] = False) -> None:
    logs.configure(verbose)


def _load(paths: list[Path] | None, strict: bool) -> LoadResult:
    files = plan_files(paths or [get_settings().plans_dir])
    if len(files) <= PROGRESS_THRESHOLD:
        return extract_many(files, strict=strict)
    with Progress(console=err, transient=True) as progress:
        task = progress.add_task("extracting plans", total=len(files))
        return extract_many(files, strict=strict, on_progress=lambda _: progress.advance(task))


def _graph_or_exit(paths: list[Path] | None, strict: bool) -> tuple[Graph, LoadResult]:
    try:
        result = _load(paths, strict)
    except PlanError as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(EXIT_NOTHING) from exc
    for error in result.errors:
        err.print(f"[yellow]rejected:[/] {error}")
    if not result.extractions:
        err.print("[red]error:[/] no plan could be loaded")
        raise typer.Exit(EXIT_NOTHING)
    return build_knowledge_graph(result.extractions), result


@app.command()
def build(
    paths: PathsArg = None,
    out_file: Annotated[Path, typer.Option("--out", help="Output file: .graphml or .json.")] = Path(
        "build/policygraph.json"
    ),
    strict: Annotated[bool, typer.Option(help="Any rejected plan is fatal.")] = False,
) -> None:
    """Build the knowledge graph from plan files and write it."""
    graph, result = _graph_or_exit(paths, strict)
    try:
        write_graph(graph, out_file)
    except PolicyGraphError as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(EXIT_NOTHING) from exc
    stats = EmbeddedStore(graph).stats()
    out.print(
        f"built {len(result.extractions)} plans → {out_file} "
        f"({stats.total_nodes} nodes, {stats.total_relationships} relationships)"
    )
    if result.errors:
        raise typer.Exit(EXIT_PARTIAL)


@app.command()
def stats(
    paths: PathsArg = None,
    graph_file: Annotated[Path | None, typer.Option("--graph", help="A graph written by build (.json).")] = None,
) -> None:
    """Count nodes by label and relationships by type."""
    graph = read_json(graph_file) if graph_file else _graph_or_exit(paths, strict=False)[0]
    store = EmbeddedStore(graph)
    result = store.stats()
    table = Table("label / type", "count", title="policygraph")
    for label, count in result.nodes.items():
        table.add_row(f"(:{label})", str(count))
    table.add_section()
    for rel, count in result.relationships.items():
        table.add_row(f"[:{rel}]", str(count))
    table.add_section()
    table.add_row("nodes", str(result.total_nodes))
    table.add_row("relationships", str(result.total_relationships))
    out.print(table)


@app.command()
def explain(
    plan: Annotated[str, typer.Argument(help="A plan file, or a plan's id or file name in data/plans.")],
) -> None:
    """Show one plan's metadata, outline and extracted facts, for a person to check."""
    path = Path(plan)
    graph = _graph_or_exit([path] if path.is_file() else None, strict=True)[0]
    store = EmbeddedStore(graph)
    try:
        node = store.plan(path.name if path.is_file() else plan)
    except PolicyGraphError as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(EXIT_NOTHING) from exc
    _print_metadata(node)
    _print_outline(store, node["id"])
    _print_facts(store, node["id"])


def _print_metadata(node: dict[str, object]) -> None:
    table = Table("field", "value", title=str(node.get("title")))
    for key in ("id", "source", "region_code", "kind", "issuer", "doc_number", "issued_on",
                "period_start", "period_end", "encoding", "sha256"):  # fmt: skip
        table.add_row(key, str(node.get(key, "")))
    out.print(table)


def _print_outline(store: EmbeddedStore, plan_id: str) -> None:
    tree = Tree("outline")
    branches = {plan_id: tree}
    for section in store.plan_sections(plan_id):
        parent = section["id"].rsplit(".", 1)[0] if "." in section["path"] else plan_id
        label = f"{section['path']} {section.get('heading') or '(front matter)'}"
        count = len(store.section_clauses(section["id"]))
        branches[section["id"]] = branches.get(parent, tree).add(f"{label} [dim]{count} clauses[/]")
    out.print(tree)


def _print_facts(store: EmbeddedStore, plan_id: str) -> None:
    names = store.graph.nodes
    targets = Table("indicator", "value", "unit", "cmp", "year", "scope", "main", "evidence", title="SETS_TARGET")
    for dst, a in store.out_edges(plan_id, "SETS_TARGET"):
        targets.add_row(
            names[dst]["name"], a["value_text"], a.get("unit", ""), a["comparator"],
            str(a.get("year", "")), a["scope"], "✓" if a["main"] else "", a["evidence"][:50],
        )  # fmt: skip
    out.print(targets)
    funds = Table("program", "instrument", "amount (yuan)", "evidence", title="FUNDS")
    for dst, a in store.out_edges(plan_id, "FUNDS"):
        funds.add_row(names[dst]["name"], a["instrument"], str(a.get("amount_yuan", "")), a["evidence"][:60])
    out.print(funds)
    covers = Table("label", "name", "mentions", title="COVERS")
    for dst, a in store.out_edges(plan_id, "COVERS"):
        covers.add_row(names[dst]["labels"][0], names[dst]["name"], str(a["mentions"]))
    out.print(covers)
    cites = [names[dst]["title"] for dst, _ in store.out_edges(plan_id, "CITES")]
    out.print("CITES: " + "；".join(f"《{t}》" for t in dict.fromkeys(cites)))
