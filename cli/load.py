"""``policygraph load``: plans into Neo4j, many to a transaction, and their lineage after the
last one; a plan Neo4j refuses is reported by name and the others still load."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Annotated, TypeVar

import typer
from neo4j.exceptions import Neo4jError, ServiceUnavailable, SessionExpired

from cli.common import (
    EXIT_NO_STORE,
    EXIT_PARTIAL,
    PathsArg,
    SameTextOpt,
    SourceUrlOpt,
    err,
    fail,
    files_to_read,
    neo4j_or_exit,
    out,
    progress,
    report,
)
from graph.errors import PlanError, PolicyGraphError, StoreIncompatible, StoreUnavailable
from graph.model import PlanExtraction
from graph.neo4j_load import PlanGraph
from graph.neo4j_store import Neo4jStore
from graph.questions import GraphStats
from graph.settings import get_settings
from loaders.pipeline import Duplicate, build_knowledge_graph, extract_each

T = TypeVar("T")
log = logging.getLogger(__name__)


def load(
    paths: PathsArg = None,
    strict: Annotated[bool, typer.Option(help="Any rejected plan is fatal.")] = False,
    source_url: SourceUrlOpt = None,
    same_text: SameTextOpt = "keep",
) -> None:
    """Build plans and load them into Neo4j (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE).

    Plans are extracted one at a time and written many to a transaction
    (POLICYGRAPH_NEO4J_PLANS_PER_TRANSACTION): a changed file replaces its earlier version, the
    same bytes change nothing, and the other plans are left as they were. A plan Neo4j refuses
    is reported by name and the others still load. Lineage is computed once, after the last
    plan (or by the next load, when this one stops early).
    """
    files = files_to_read(paths, source_url)
    per_transaction = get_settings().neo4j.plans_per_transaction
    errors: list[PlanError] = []
    duplicates: list[Duplicate] = []
    loaded = 0
    with neo4j_or_exit() as store:
        store.setup_schema()
        with progress(len(files), "loading plans into Neo4j") as advance:
            extractions = extract_each(
                files,
                errors=errors,
                duplicates=duplicates,
                strict=strict,
                same_text=same_text,
                on_progress=lambda _: advance(),
            )
            rejected: PlanError | None = None
            try:
                for chunk in _batches(extractions, per_transaction):
                    for x in chunk:
                        x.source_url = source_url or x.source_url
                    loaded += _load_chunk(store, chunk, errors)
            except PlanError as exc:  # --strict: the plans written still get their lineage
                rejected = exc
            except (StoreIncompatible, ServiceUnavailable, SessionExpired) as exc:
                report(errors, duplicates)
                raise _store_failure(exc, f"Neo4j stopped answering after {loaded} plans") from exc
        try:
            with err.status("computing the lineage of the plans loaded"):
                store.complete_lineage()
        except (StoreIncompatible, ServiceUnavailable, SessionExpired, Neo4jError) as exc:
            report([*errors, *([rejected] if rejected else [])], duplicates)
            raise _store_failure(
                exc, "the plans are loaded, but Neo4j failed computing their lineage"
            ) from exc
        if rejected is not None:
            report(errors, duplicates)
            raise fail(rejected)
        stats = {(row.kind, row.name): row.count for row in store.ask(GraphStats())}
    report(errors, duplicates)
    if strict and errors:
        raise fail(PolicyGraphError(f"{len(errors)} plans not loaded (--strict)"))
    if not loaded and errors:
        raise fail(PolicyGraphError("no plan could be loaded"))
    nodes = sum(n for (kind, _), n in stats.items() if kind == "node")
    rels = sum(n for (kind, _), n in stats.items() if kind == "relationship")
    out.print(
        f"loaded {loaded} plans into Neo4j (it now holds {nodes} nodes, {rels} relationships)"
    )
    if errors:
        raise typer.Exit(EXIT_PARTIAL)


def _store_failure(
    exc: StoreIncompatible | ServiceUnavailable | SessionExpired | Neo4jError, what: str
) -> typer.Exit:
    """The exit for a load Neo4j stopped: the plans written stay, and whatever lineage they
    still lack is computed by the next load."""
    if isinstance(exc, StoreIncompatible):
        return fail(exc)
    if isinstance(exc, Neo4jError):
        return fail(
            PolicyGraphError(f"{what} ({exc.code}): the next load computes it"), EXIT_PARTIAL
        )
    stopped = StoreUnavailable(f"{what}: {exc} (the next load computes their lineage)")
    return fail(stopped, EXIT_NO_STORE)


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items`` in lists of ``size`` (the last shorter), drawn lazily."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _load_chunk(store: Neo4jStore, chunk: list[PlanExtraction], errors: list[PlanError]) -> int:
    """Write ``chunk`` in one transaction; when Neo4j refuses it, each plan on its own, so the
    plan it refuses is reported by name and the others still load. Returns the plans written."""
    plans = [PlanGraph(x.id, x.source, build_knowledge_graph([x])) for x in chunk]
    try:
        store.load_plans(plans, lineage=False)
        return len(plans)
    except Neo4jError:
        if len(plans) == 1:
            return _load_alone(store, plans[0], errors)
    return sum(_load_alone(store, plan, errors) for plan in plans)


def _load_alone(store: Neo4jStore, plan: PlanGraph, errors: list[PlanError]) -> int:
    try:
        store.load_plans([plan], lineage=False)
    except Neo4jError as exc:
        log.warning("plan refused by Neo4j", extra={"source": plan.source, "code": exc.code})
        errors.append(
            PlanError(
                f"Neo4j refused it ({exc.code}); the other plans were loaded", source=plan.source
            )
        )
        return 0
    return 1
