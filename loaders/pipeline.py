"""One plan file → one ``PlanExtraction``; many files → extractions plus errors.

Every stage is a pure function of its input; this module only wires them. A bad
file raises a ``PlanError`` that names it, and ``extract_many`` keeps going.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from graph.build import Graph, build_graph
from graph.errors import EmptyPlanError, PlanError
from graph.ids import plan_id
from graph.model import Mention, PlanExtraction
from loaders.document import source_lines
from loaders.funded import section_subject
from loaders.funding import plan_fundings
from loaders.gazetteer import Gazetteer, default_gazetteer
from loaders.mentions import discover_programs, find_mentions
from loaders.metadata import extract_metadata
from loaders.normalize import normalise, normalise_fragment
from loaders.outline import build_outline
from loaders.provenance import read_sidecar
from loaders.reading import read_plan_file
from loaders.relations import citations, funding_facts, serving_facts
from loaders.sections import SectionRoles
from loaders.table_layout import pipe_tables
from loaders.target_context import TargetContext
from loaders.targets import extract_targets
from loaders.vocabulary import Matcher, Vocabulary, default_vocabulary

log = logging.getLogger(__name__)
PLAN_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ".shtml", ".pdf", ".docx", ".doc", ".wps"}


def extract_text(
    data: bytes,
    *,
    source: str,
    vocabulary: Vocabulary | None = None,
    gazetteer: Gazetteer | None = None,
) -> PlanExtraction:
    """Extract everything from one plan's bytes; ``source`` names it in errors and in the graph."""
    vocabulary = vocabulary or default_vocabulary()
    gazetteer = gazetteer or default_gazetteer()
    sha256 = hashlib.sha256(data).hexdigest()
    read = read_plan_file(data, source=source)
    text = normalise(pipe_tables(read.text))
    if not text:
        raise EmptyPlanError("no text left after normalisation", source=source)
    pid = plan_id(sha256)
    sources = (
        source_lines(list(read.lines), text.split("\n"), normalise_fragment) if read.lines else []
    )
    # The first line, marked or not, is the document's title, not a section of it.
    marked = {
        n: line.heading_level
        for n, line in enumerate(sources)
        if n and line is not None and line.heading_level
    }
    outline = build_outline(pid, text, marked)
    for clause in outline.clauses if sources else ():
        read_line = sources[clause.line]
        clause.locator = read_line.locator if read_line is not None else None
    meta = extract_metadata(text, outline.sections, gazetteer, source=source)
    sections = {s.id: s for s in outline.sections}
    roles = SectionRoles(outline.sections)
    discovered = discover_programs(outline.clauses, sections, vocabulary)
    matcher = Matcher([*vocabulary.entities, *discovered])
    mentions = find_mentions(outline.clauses, matcher)
    past = roles.past_clauses(outline.clauses)
    targets, new_indicators = extract_targets(
        outline.clauses, TargetContext(meta, roles, vocabulary, text, gazetteer), past
    )
    by_clause: dict[str, list[Mention]] = {}
    for mention in mentions:
        by_clause.setdefault(mention.clause_id, []).append(mention)
    # An indicator a target introduced (not in the vocabulary) is mentioned by its clause.
    new_by_id = {i.id: i for i in new_indicators}
    texts = {c.id: c.text for c in outline.clauses}
    for target in targets:
        indicator = new_by_id.get(target.indicator_id)
        if indicator is not None and (start := texts[target.clause_id].find(indicator.name)) >= 0:
            mentions.append(
                Mention(
                    target.clause_id,
                    indicator.id,
                    indicator.name,
                    start,
                    start + len(indicator.name),
                    target.strength,
                )
            )
    entities = {e.id: e for e in [*vocabulary.entities, *discovered, *new_indicators]}
    extraction = PlanExtraction(
        id=pid,
        source=source,
        sha256=sha256,
        encoding=read.encoding,
        source_format=read.source_format,
        page_count=read.page_count,
        source_url=read.source_url,
        meta=meta,
        text=text,
        sections=outline.sections,
        clauses=outline.clauses,
        mentions=mentions,
        targets=targets,
        discovered=[*discovered, *new_indicators],
    )
    fundings, funded_programs = plan_fundings(
        outline.clauses,
        past,
        targets,
        by_clause,
        entities,
        lambda c, found: list(funding_facts(c, found, entities)),
        {s.id: name for s in outline.sections if (name := section_subject(s.heading))},
    )
    extraction.fundings = fundings
    extraction.discovered.extend(funded_programs)
    for clause in outline.clauses:
        extraction.citations.extend(citations(clause, meta.title))
        if clause.is_heading or clause.id in past:
            continue
        extraction.servings.extend(serving_facts(clause, by_clause.get(clause.id, []), entities))
    return extraction


def extract_file(path: Path, **kwargs: object) -> PlanExtraction:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PlanError(f"cannot read: {exc.strerror}", source=str(path)) from exc
    provenance = read_sidecar(path)
    try:
        extraction = extract_text(data, source=path.name, **kwargs)  # type: ignore[arg-type]
    except PlanError as exc:
        # The graph names a plan by its file name; an error names the path it was read from.
        raise type(exc)(exc.reason, source=str(path), line=exc.line) from exc
    extraction.source_url = provenance.url or extraction.source_url
    extraction.retrieved_on = provenance.retrieved_on
    extraction.publisher = provenance.publisher
    return extraction


def plan_files(paths: Iterable[Path]) -> list[Path]:
    """Files as given, folders expanded to their plan files, sorted for determinism."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.suffix in PLAN_SUFFIXES))
        else:
            files.append(path)
    return files


@dataclass
class LoadResult:
    extractions: list[PlanExtraction] = field(default_factory=list)
    errors: list[PlanError] = field(default_factory=list)


def extract_each(
    files: list[Path],
    *,
    errors: list[PlanError],
    strict: bool = False,
    on_progress: Callable[[Path], None] | None = None,
) -> Iterator[PlanExtraction]:
    """Each file's extraction in turn, so a corpus is never held whole; one bad plan is added to
    ``errors`` and skipped unless ``strict``."""
    for path in files:
        try:
            extraction = extract_file(path)
        except PlanError as exc:
            if strict:
                raise
            log.info("plan rejected", extra={"source": exc.source, "reason": exc.reason})
            errors.append(exc)
            continue
        finally:
            if on_progress:
                on_progress(path)
        yield extraction


def extract_many(
    files: list[Path],
    *,
    strict: bool = False,
    on_progress: Callable[[Path], None] | None = None,
) -> LoadResult:
    """Extract every file; one bad plan is reported and skipped unless ``strict``."""
    result = LoadResult()
    result.extractions = list(
        extract_each(files, errors=result.errors, strict=strict, on_progress=on_progress)
    )
    return result


def build_knowledge_graph(
    extractions: list[PlanExtraction],
    *,
    vocabulary: Vocabulary | None = None,
    gazetteer: Gazetteer | None = None,
) -> Graph:
    """The graph of these plans, with their regions' chains up to the country."""
    vocabulary = vocabulary or default_vocabulary()
    gazetteer = gazetteer or default_gazetteer()
    chains = {
        x.meta.region_code: gazetteer.ancestors(x.meta.region_code)
        for x in extractions
        if x.meta.region_code
    }
    return build_graph(extractions, chains, vocabulary.by_id)
