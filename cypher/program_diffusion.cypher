// How a program spread: every plan that covers it (relation funds when the plan also funds it),
// ordered by issue date (undated last), then level (country first) and region; with the plan's
// first clause on it, and the plans whose clauses on the program its own clauses on it echo
// (ECHOES, a parent plan) or reuse (REUSES, an earlier plan of another region).
// Parameters: $program_id
// Returns: region_code, region_name, level, plan_id, plan_title, issued_on, period_start,
//          relation, clause_id, section_path, text, locator, echoes, reuses
MATCH (region:Region)-[:ISSUED]->(plan:Plan)-[covers:COVERS]->(program:Program {id: $program_id})
MATCH (clause:Clause {id: covers.clause_ids[0]})
MATCH (section:Section {id: clause.section_id})
CALL (program, covers) {
  UNWIND covers.clause_ids AS clause_id
  OPTIONAL MATCH (:Clause {id: clause_id})-[:ECHOES]->(parent:Clause)-[:MENTIONS]->(program)
  WITH DISTINCT parent.plan_id AS parent_plan
  ORDER BY parent_plan
  RETURN collect(parent_plan) AS echoes
}
CALL (program, covers) {
  UNWIND covers.clause_ids AS clause_id
  OPTIONAL MATCH (:Clause {id: clause_id})-[:REUSES]->(other:Clause)-[:MENTIONS]->(program)
  WITH DISTINCT other.plan_id AS other_plan
  ORDER BY other_plan
  RETURN collect(other_plan) AS reuses
}
RETURN region.code AS region_code, region.name AS region_name, region.level AS level,
       plan.id AS plan_id, plan.title AS plan_title, plan.issued_on AS issued_on,
       plan.period_start AS period_start,
       CASE WHEN EXISTS { (plan)-[:FUNDS]->(program) } THEN 'funds' ELSE 'covers' END AS relation,
       clause.id AS clause_id, section.path AS section_path, clause.text AS text,
       clause.locator AS locator, echoes, reuses
ORDER BY coalesce(issued_on, '9999'),
         CASE level WHEN 'country' THEN 0 WHEN 'province' THEN 1 WHEN 'prefecture' THEN 2 ELSE 3 END,
         region_code, plan_id
