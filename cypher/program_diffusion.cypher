// How a program spread: every plan that covers it (relation funds when the plan also funds it),
// ordered by issue date (undated last), then level (country first) and region; with the plan's
// first clause on it (its first statement naming it, a heading or metadata line only when no
// statement does; of a plan that funds it: its first funding clause, the FUNDS evidence), and
// the clauses on the program that its own clauses on it follow (both quoted): a parent
// plan's counterpart (ECHOES; relation echo or elaboration) or the family root of another region
// (REUSES; relation reuse), by the plan's clause order, echoes first, then rank.
// Parameters: $program_id
// Returns: region_code, region_name, level, plan_id, plan_title, issued_on, period_start,
//          relation, clause_id, section_path, text, locator, antecedents
MATCH (region:Region)-[:ISSUED]->(plan:Plan)-[covers:COVERS]->(program:Program {id: $program_id})
WITH region, plan, covers, program, COLLECT {
  MATCH (plan)-[funds:FUNDS]->(program)
  MATCH (funding:Clause {id: funds.clause_id})
  RETURN funding ORDER BY funding.ordinal LIMIT 1
} AS funding, COLLECT {
  UNWIND covers.clause_ids AS clause_id
  MATCH (stated:Clause {id: clause_id})
  WHERE stated.statement
  RETURN stated.id ORDER BY stated.ordinal LIMIT 1
} AS stated
MATCH (clause:Clause {id: coalesce(funding[0].id, stated[0], covers.clause_ids[0])})
MATCH (section:Section {id: clause.section_id})
CALL (program, covers) {
  UNWIND covers.clause_ids AS clause_id
  MATCH (own:Clause {id: clause_id})-[link:ECHOES|REUSES]->(other:Clause)-[:MENTIONS]->(program)
  MATCH (other_region:Region)-[:ISSUED]->(:Plan {id: other.plan_id})
  MATCH (own_section:Section {id: own.section_id})
  MATCH (other_section:Section {id: other.section_id})
  WITH own, own_section, link, other, other_region, other_section
  ORDER BY own.ordinal, type(link), coalesce(link.rank, 0), other.id
  RETURN collect({
    clause_id: own.id, section_path: own_section.path, text: own.text,
    relation: CASE type(link) WHEN 'REUSES' THEN 'reuse' ELSE link.lineage END,
    score: link.score,
    other_region_code: other_region.code, other_region_name: other_region.name,
    other_plan_id: other.plan_id, other_clause_id: other.id,
    other_section_path: other_section.path, other_text: other.text
  }) AS antecedents
}
RETURN region.code AS region_code, region.name AS region_name, region.level AS level,
       plan.id AS plan_id, plan.title AS plan_title, plan.issued_on AS issued_on,
       plan.period_start AS period_start,
       CASE WHEN funding <> [] THEN 'funds' ELSE 'covers' END AS relation,
       clause.id AS clause_id, section.path AS section_path, clause.text AS text,
       clause.locator AS locator, antecedents
ORDER BY coalesce(issued_on, '9999'),
         CASE level WHEN 'country' THEN 0 WHEN 'province' THEN 1 WHEN 'prefecture' THEN 2 ELSE 3 END,
         region_code, plan_id
