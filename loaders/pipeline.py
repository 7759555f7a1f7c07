"""One plan file → one ``PlanExtraction``; many files → extractions plus errors.

Every stage is a pure function of its input; this module only wires them. A bad
file raises a ``PlanError`` that names it, and ``extract_many`` keeps going.
"""

from __future__ import annotations

import hashlib
import logging
import stat
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from graph.build import Graph, build_graph
from graph.errors import EmptyPlanError, ExtractionFailed, PlanError, PlanTooLarge
from graph.ids import plan_id
from graph.model import Mention, PlanExtraction
from graph.settings import get_settings
from loaders.document import source_lines
from loaders.funded import section_subject
from loaders.funding import plan_fundings
from loaders.gazetteer import Gazetteer, default_gazetteer
from loaders.instruments import policy_instruments
from loaders.mentions import discover_programs, find_mentions
from loaders.metadata import extract_metadata
from loaders.normalize import normalise, normalise_fragment, xml_legal
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
_LOADERS = Path(__file__).resolve().parent
PLAN_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ".shtml", ".pdf", ".docx", ".doc", ".wps"}


def extract_text(
    data: bytes,
    *,
    source: str,
    vocabulary: Vocabulary | None = None,
    gazetteer: Gazetteer | None = None,
    region: str | None = None,
) -> PlanExtraction:
    """Extract everything from one plan's bytes; ``source`` names it in errors and in the graph;
    ``region`` (from the sidecar) overrides the region the text names.
    Whatever goes wrong is this plan's error: an unexpected one (a bug, a number too long for
    Python) becomes an ``ExtractionFailed`` naming the stage, with the traceback in the log."""
    try:
        return _extract(
            data,
            source,
            vocabulary or default_vocabulary(),
            gazetteer or default_gazetteer(),
            region,
        )
    except PlanError:
        raise
    except Exception as exc:
        stage = _failing_stage(exc)
        log.error("extraction failed", exc_info=exc, extra={"source": source, "stage": stage})
        reason = f"{type(exc).__name__}: {exc}"
        raise ExtractionFailed(
            f"extraction failed in {stage} ({reason[:200]})", source=source, stage=stage
        ) from exc


def _failing_stage(exc: BaseException) -> str:
    """The loaders module the error rose in (``quantities``, ``pdf_reader``), deepest first."""
    stage = "pipeline"
    for frame, _ in traceback.walk_tb(exc.__traceback__):
        path = Path(frame.f_code.co_filename)
        if path.parent == _LOADERS:
            stage = path.stem
    return stage


def _extract(
    data: bytes, source: str, vocabulary: Vocabulary, gazetteer: Gazetteer, region: str | None
) -> PlanExtraction:
    limits = get_settings().limits
    sha256 = hashlib.sha256(data).hexdigest()
    read = read_plan_file(data, source=source)
    if len(read.text) > limits.max_plan_chars:
        raise PlanTooLarge(
            f"{len(read.text):,} characters, more than the limit of {limits.max_plan_chars:,} "
            "(POLICYGRAPH_MAX_PLAN_CHARS)",
            source=source,
        )
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
    if len(outline.clauses) > limits.max_plan_clauses:
        raise PlanTooLarge(
            f"{len(outline.clauses):,} clauses, more than the limit of "
            f"{limits.max_plan_clauses:,} (POLICYGRAPH_MAX_PLAN_CLAUSES)",
            source=source,
        )
    for clause in outline.clauses if sources else ():
        read_line = sources[clause.line]
        clause.locator = read_line.locator if read_line is not None else None
    meta = extract_metadata(text, outline.sections, gazetteer, source=source, region_named=region)
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
        source=xml_legal(source),  # a file name may hold control characters too
        sha256=sha256,
        text_sha256=hashlib.sha256(text.encode()).hexdigest(),
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
    extraction.instruments = policy_instruments(
        outline.clauses, mentions, fundings, lambda entity_id: entities[entity_id].label
    )
    for clause in outline.clauses:
        extraction.citations.extend(citations(clause, meta.title))
        if clause.is_heading or clause.id in past:
            continue
        extraction.servings.extend(serving_facts(clause, by_clause.get(clause.id, []), entities))
    return extraction


def extract_file(path: Path, **kwargs: object) -> PlanExtraction:
    limit = get_settings().limits.max_plan_bytes
    try:
        found = path.stat()
        if not stat.S_ISREG(found.st_mode):  # a device (/dev/zero) would be read forever
            raise PlanError("not a regular file", source=str(path))
        size = found.st_size
        if size > limit:
            raise PlanTooLarge(
                f"{size:,} bytes, more than the limit of {limit:,} (POLICYGRAPH_MAX_PLAN_BYTES)",
                source=str(path),
            )
        data = path.read_bytes()
    except OSError as exc:
        raise PlanError(f"cannot read: {exc.strerror}", source=str(path)) from exc
    provenance = read_sidecar(path)
    try:
        extraction = extract_text(data, source=path.name, region=provenance.region, **kwargs)  # type: ignore[arg-type]
    except PlanError as exc:
        # The graph names a plan by its file name; an error names the path it was read from.
        exc.source = str(path)
        raise
    extraction.source_url = provenance.url or extraction.source_url
    extraction.retrieved_on = provenance.retrieved_on
    extraction.publisher = provenance.publisher
    return extraction


def _in_folder(path: Path) -> bool:
    """A plan file of a folder: a plan's suffix, not a folder, not the folder's README."""
    return (
        path.suffix in PLAN_SUFFIXES
        and not path.is_dir()
        and not path.name.lower().startswith("readme.")
    )


def plan_files(paths: Iterable[Path]) -> list[Path]:
    """Files as given, folders expanded to their plan files, sorted for determinism."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if _in_folder(p)))
        else:
            files.append(path)
    return files


@dataclass
class LoadResult:
    extractions: list[PlanExtraction] = field(default_factory=list)
    errors: list[PlanError] = field(default_factory=list)


@dataclass(frozen=True)
class Duplicate:
    """A file that holds a plan already read: the same bytes (one plan, its names kept in
    ``duplicate_sources``) or the same text in other bytes (another encoding of it)."""

    source: str
    of: str
    same: Literal["bytes", "text"]
    kept: bool
    """For the same text: whether it was loaded as a plan of its own too."""

    def __str__(self) -> str:
        if self.same == "bytes":
            return f"{self.source}: the same bytes as {self.of}; one plan, both names kept"
        outcome = "loaded as well" if self.kept else "skipped (--same-text skip)"
        return f"{self.source}: the same text as {self.of} in other bytes; {outcome}"


SameText = Literal["keep", "skip"]


def _copies(files: list[Path]) -> dict[Path, list[Path]]:
    """First file → the later files with the same bytes (hashed as a stream, never held);
    a file that cannot be read or is over the size limit is left to its extraction to report."""
    limit = get_settings().limits.max_plan_bytes
    first: dict[str, Path] = {}
    copies: dict[Path, list[Path]] = {}
    for path in files:
        try:
            found = path.stat()
            if not stat.S_ISREG(found.st_mode) or found.st_size > limit:
                continue
            with path.open("rb") as stream:
                digest = hashlib.file_digest(stream, "sha256").hexdigest()
        except OSError:
            continue
        if digest in first:
            copies[first[digest]].append(path)
        else:
            first[digest] = path
            copies[path] = []
    return copies


def extract_each(
    files: list[Path],
    *,
    errors: list[PlanError],
    duplicates: list[Duplicate] | None = None,
    strict: bool = False,
    same_text: SameText = "keep",
    on_progress: Callable[[Path], None] | None = None,
) -> Iterator[PlanExtraction]:
    """Each file's extraction in turn, so a corpus is never held whole; one bad plan is added to
    ``errors`` and skipped unless ``strict``. A file with the same bytes as an earlier one is
    not read again: its name joins that plan's ``duplicate_sources``. A file with the same text
    in other bytes is loaded too (``same_text`` keep) or skipped; both go to ``duplicates``."""
    found = duplicates if duplicates is not None else []
    copies = _copies(files)
    later = {copy: first for first, group in copies.items() for copy in group}
    texts: dict[str, str] = {}
    for path in files:
        if path in later:
            if on_progress:
                on_progress(path)
            continue
        group = copies.get(path, [])
        try:
            extraction = extract_file(path)
        except PlanError as exc:
            if strict:
                raise
            log.info("plan rejected", extra={"source": exc.source, "reason": exc.reason})
            errors.append(exc)
            errors.extend(
                PlanError(f"the same bytes as {path.name}, rejected", source=str(copy))
                for copy in group
            )
            continue
        finally:
            if on_progress:
                on_progress(path)
        extraction.duplicate_sources = [xml_legal(copy.name) for copy in group]
        found.extend(Duplicate(copy.name, path.name, "bytes", kept=True) for copy in group)
        if (original := texts.setdefault(extraction.text_sha256, path.name)) != path.name:
            found.append(Duplicate(path.name, original, "text", kept=same_text == "keep"))
            if same_text == "skip":
                continue
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
