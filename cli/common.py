"""What the commands share: the consoles, the exit codes, the options several commands take,
and how a command reports rejected plans and stops with an error."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress

from graph.catalog import Catalog
from graph.errors import AmbiguousName, NotFound, PlanError, StoreUnavailable
from graph.neo4j_store import Neo4jStore
from graph.rows import PlanRow
from graph.settings import get_settings
from loaders.pipeline import Duplicate, SameText, plan_files

EXIT_PARTIAL, EXIT_NOTHING, EXIT_NOT_FOUND, EXIT_NO_STORE = 1, 3, 4, 5
PROGRESS_THRESHOLD = 5
"""More files than this get a progress bar."""

out = Console()
err = Console(stderr=True)

PathsArg = Annotated[
    list[Path] | None,
    typer.Argument(help="Plan files or folders (default: the data/plans folder)."),
]
SourceUrlOpt = Annotated[
    str | None,
    typer.Option(
        "--source-url",
        help="Where the one plan file given was published (else its sidecar's or page's URL).",
    ),
]
SameTextOpt = Annotated[
    SameText,
    typer.Option(
        "--same-text",
        help="A file with the same text as an earlier one in other bytes (another encoding): "
        "keep it as a plan of its own too, or skip it. Either way it is reported.",
    ),
]


@contextmanager
def progress(total: int, description: str) -> Iterator[Callable[[], None]]:
    """An ``advance`` callback, drawing a progress bar on stderr when there is more than a handful to do."""
    if total <= PROGRESS_THRESHOLD:
        yield lambda: None
        return
    with Progress(console=err, transient=True) as bar:
        task = bar.add_task(description, total=total)
        yield lambda: bar.advance(task)


def files_to_read(paths: list[Path] | None, source_url: str | None) -> list[Path]:
    """The plan files under ``paths`` (default: data/plans); ``--source-url`` names one file's."""
    files = plan_files(paths or [get_settings().paths.plans_dir])
    if source_url is not None and len(files) != 1:
        raise typer.BadParameter(
            f"names where one file came from, and {len(files)} files were given",
            param_hint="--source-url",
        )
    return files


def fail(exc: Exception, code: int = EXIT_NOTHING) -> typer.Exit:
    err.print(f"[red]error:[/] {exc}")
    if isinstance(exc, NotFound) and exc.suggestions:
        err.print("did you mean: " + "、".join(exc.suggestions))
    if isinstance(exc, AmbiguousName):
        err.print("one of: " + "、".join(exc.candidates))
    return typer.Exit(code)


def plan_or_exit(catalog: Catalog, name: str) -> PlanRow:
    """The plan ``name`` stands for, or exit 4 naming what was not found, or the regions a name
    several bear (鼓楼区: give the code)."""
    try:
        return catalog.plan(name)
    except (NotFound, AmbiguousName) as exc:
        raise fail(exc, EXIT_NOT_FOUND) from exc


def report(errors: list[PlanError], duplicates: list[Duplicate]) -> None:
    for duplicate in duplicates:
        err.print(f"[yellow]duplicate:[/] {duplicate}")
    for error in errors:
        err.print(f"[yellow]rejected:[/] {error}")


def neo4j_or_exit() -> Neo4jStore:
    try:
        return Neo4jStore.connect(get_settings().neo4j)
    except StoreUnavailable as exc:
        raise fail(exc, EXIT_NO_STORE) from exc
