"""FUNDS in any word order: what a plan pays, to whom, how much and how surely.

The vocabulary-driven reader (``relations.funding_facts``) finds money aimed at a
program the plan names. Plans also pay things that no vocabulary lists, in every
order a person writes: 对新认定的省级技能大师工作室给予10万元一次性资助, 给予1万元一次性
创业资助, 可申领1.2万元的…补贴, 按每人每月600元给予, 小微企业最高300万元 (the loan of the
clause before), 补贴资金从…专账中列支. ``funded`` names what such a clause pays; this module
walks a plan's clauses, chooses between the two readers, and describes every FUNDS:
instrument kind, amount in 元 and its kind, beneficiary group, commitment strength.

Skipped: retrospective clauses, table rows, and clauses whose money is a target
(发放创业担保贷款100亿元); ``money.commits_money`` says which other clauses pay.
"""

from __future__ import annotations

from collections.abc import Callable

from graph.model import GROUP, PROGRAM, Clause, Entity, Funding, Mention, Target
from loaders.commitment import strength
from loaders.funded import (
    ACTIVITY,
    QUOTED_NAME,
    Funded,
    funded_by,
    generic_recipient,
    included,
    named_as_excluded,
    source_programs,
)
from loaders.mentions import program_kind
from loaders.money import (
    AMOUNT,
    MONEY_UNITS,
    amount_of,
    commits_money,
    first_payment,
    instrument_kind,
    may_pay,
    money_instrument,
    named_by_kind,
    written_instrument,
)
from loaders.segments import segments
from loaders.vocabulary import entity_id


def _evidence(text: str, name: str) -> str:
    """The comma-delimited stretch from what is funded to the amount after it (or, with no
    amount, the word that pays): a clause may also speak of things that are not funded."""
    spans = segments(text)
    at = text.find(name)
    cue = AMOUNT.search(text, max(at, 0)) or first_payment(text)
    if cue is None or not spans:
        return text
    first = at if 0 <= at < cue.start() else cue.start()
    left = next(a for a, b in spans if a <= first < b)
    right = next(b for a, b in spans if a < cue.end() <= b)
    return text[left:right]


def _record(
    clause: Clause,
    program_id: str,
    evidence: str,
    instrument: str,
    mentions: list[Mention],
    entities: dict[str, Entity],
) -> Funding:
    """A FUNDS with what its evidence says of the money (the evidence holds the clause's
    amount whenever the clause states one), and the group the clause names."""
    amount, unit, yuan, kind = amount_of(evidence)
    group = next((m.entity_id for m in mentions if entities[m.entity_id].label == GROUP), None)
    return Funding(
        program_id=program_id,
        clause_id=clause.id,
        evidence=evidence,
        instrument=instrument,
        instrument_kind=instrument_kind(instrument, evidence),
        amount=amount,
        amount_unit=unit,
        amount_yuan=yuan,
        amount_kind=kind,
        group_id=group,
        strength=strength(clause.text),
    )


class _Fundings:
    """The FUNDS of one plan as they are found, and the programs only they name."""

    def __init__(self, entities: dict[str, Entity]) -> None:
        self.entities = dict(entities)
        self.fundings: list[Funding] = []
        self.new: dict[str, Entity] = {}

    def entity(self, funded: Funded) -> Entity:
        """The program funded: the known one, else a discovered one (never replacing a curated
        one that shares its id); an instrument tied to a program funds that program."""
        entity = funded.entity or self.entities.get(entity_id(PROGRAM, funded.name))
        if entity is None:
            entity = Entity(
                entity_id(PROGRAM, funded.name),
                PROGRAM,
                funded.name,
                kind=program_kind(funded.name),
                curated=False,
            )
            self.new[entity.id] = self.entities[entity.id] = entity
        if entity.program_id is not None and entity.program_id in self.entities:
            return self.entities[entity.program_id]
        return entity

    def add(
        self, clause: Clause, funded: Funded, mentions: list[Mention], subject: str | None = None
    ) -> Funded:
        """Record a FUNDS of ``funded``, or of ``subject`` (the program the clause's section is
        about) when ``funded`` is an instrument that belongs to no program."""
        instrument = funded.instrument or money_instrument(clause.text) or funded.name
        if subject is not None and named_by_kind(funded.name):
            funded = Funded(subject, self.entities.get(entity_id(PROGRAM, subject)), instrument)
        entity = self.entity(funded)
        self.fundings.append(
            _record(
                clause,
                entity.id,
                _evidence(clause.text, funded.name),
                instrument,
                mentions,
                self.entities,
            )
        )
        return Funded(funded.name, entity, funded.instrument)

    def add_named(
        self,
        clause: Clause,
        by_name: list[Funding],
        mentions: list[Mention],
        subject: str | None = None,
    ) -> Funded | None:
        """FUNDS the vocabulary reader found; their evidence widened to the clause when the
        amount lies outside it; a bare instrument pays the section's ``subject``."""
        if subject is not None:
            funded_ids = {f.program_id for f in by_name}
            written = {
                m.entity_id: written_instrument(clause.text, m.start, m.end)
                for m in mentions
                if m.entity_id in funded_ids
            }
            bare = [f for f in by_name if named_by_kind(written.get(f.program_id, ""))]
            if bare:  # however many, they pay the subject once: one FUNDS per clause and program
                by_name = [f for f in by_name if f not in bare]
                paid = self.add(
                    clause,
                    Funded(written[bare[0].program_id], None, bare[0].instrument),
                    mentions,
                    subject,
                )
                if not by_name:
                    return paid
        for f in by_name:
            evidence = (
                f.evidence
                if AMOUNT.search(f.evidence) or not AMOUNT.search(clause.text)
                else clause.text
            )
            self.fundings.append(
                _record(clause, f.program_id, evidence, f.instrument, mentions, self.entities)
            )
        first = self.entities.get(by_name[0].program_id)
        return Funded(first.name, first, by_name[0].instrument) if first else None


def _vocabulary_reading(
    clause: Clause, by_name: list[Funding], sources: set[str], entities: dict[str, Entity]
) -> list[Funding]:
    """The vocabulary reader's FUNDS, less those the clause's own words contradict (a program
    named as the source of the money, …)."""
    by_name = [f for f in by_name if f.program_id not in sources]
    if by_name and generic_recipient(clause.text) and QUOTED_NAME.search(clause.text):
        return []  # 评选“荆楚工匠”，对获评者给予5万元奖励 pays the title, not a scheme named before
    if (
        by_name
        and ACTIVITY.search(clause.text)
        and all(entities[f.program_id].kind == "instrument" for f in by_name)
    ):
        return []  # a subsidy for taking part in a training pays that training
    return by_name


def plan_fundings(
    clauses: list[Clause],
    skip: set[str],
    targets: list[Target],
    mentions: dict[str, list[Mention]],
    entities: dict[str, Entity],
    named: Callable[[Clause, list[Mention]], list[Funding]],
    subjects: dict[str, str] | None = None,
) -> tuple[list[Funding], list[Entity]]:
    """Every FUNDS of a plan, and the programs only funding clauses name.

    ``named`` is the vocabulary reader; where it finds nothing (or what the clause's words
    contradict) in a clause that pays, ``funded`` names what is paid. A clause that names
    nothing funded continues the clause before it in its paragraph (…创业担保贷款最高20万元，
    小微企业最高300万元，按规定给予贴息). ``subjects`` maps a section to the program its
    heading names (``funded.section_subject``).
    """
    found = _Fundings(entities)
    carried: Funded | None = None
    line = -1
    money_targets = {
        c for t in targets if t.unit in MONEY_UNITS for c in (t.clause_id, *t.restated_clause_ids)
    }
    for clause in clauses:
        if clause.line != line:
            carried, line = None, clause.line
        if (
            clause.id in skip
            or clause.id in money_targets
            or clause.cells
            or not may_pay(clause.text)
        ):
            continue
        mentioned = [
            m for m in mentions.get(clause.id, []) if not named_as_excluded(clause.text, m)
        ]
        subject = (subjects or {}).get(clause.section_id)
        sources = source_programs(
            clause.text, [m for m in mentioned if found.entities[m.entity_id].label == PROGRAM]
        )
        programs = [
            m
            for m in mentioned
            if found.entities[m.entity_id].label == PROGRAM and m.entity_id not in sources
        ]
        by_name = _vocabulary_reading(clause, named(clause, mentioned), sources, found.entities)
        if listed := included(clause, programs, found.entities):
            # 统筹使用…专账资金，将A、B纳入…资金支持范围: the listed items, and what else the clause pays.
            added = [found.add(clause, funded, mentioned).entity for funded in listed]
            if rest := [f for f in by_name if f.program_id not in {e.id for e in added if e}]:
                found.add_named(clause, rest, mentioned)
            continue
        if by_name:
            carried = found.add_named(clause, by_name, mentioned, subject) or carried
            continue
        if commits_money(clause.text) and (
            funded := funded_by(clause, programs, found.entities, carried)
        ):
            carried = found.add(clause, funded, mentioned, subject)
    return found.fundings, list(found.new.values())
