// One plan's clauses with their lineage: the label (echo, elaboration, local), the share of the
// clause its counterparts cover, and one row per counterpart in the parent plans, best first,
// with both quotes and the child's words the counterpart lacks (a local clause: one row, with
// its nearest parent clause, if any shares a word, in place of a counterpart: no rank, no words).
// Parameters: $plan_id
// Returns: plan_id, clause_id, section_path, text, locator, label, score, rank, parent_plan_id,
//          parent_region_code, parent_clause_id, parent_section_path, parent_text,
//          parent_locator, counterpart_score, added
MATCH (clause:Clause {plan_id: $plan_id})
WHERE clause.lineage IS NOT NULL
MATCH (section:Section {id: clause.section_id})
OPTIONAL MATCH (clause)-[echo:ECHOES]->(counterpart:Clause)
OPTIONAL MATCH (nearest:Clause {id: clause.lineage_nearest})
WITH clause, section, echo, coalesce(counterpart, nearest) AS parent
OPTIONAL MATCH (parent_section:Section {id: parent.section_id})
OPTIONAL MATCH (parent_plan:Plan {id: parent.plan_id})
RETURN clause.plan_id AS plan_id, clause.id AS clause_id, section.path AS section_path,
       clause.text AS text, clause.locator AS locator, clause.lineage AS label,
       clause.lineage_score AS score, echo.rank AS rank, parent.plan_id AS parent_plan_id,
       parent_plan.region_code AS parent_region_code, parent.id AS parent_clause_id,
       parent_section.path AS parent_section_path, parent.text AS parent_text,
       parent.locator AS parent_locator,
       coalesce(echo.score, CASE WHEN parent IS NOT NULL THEN clause.lineage_score END)
         AS counterpart_score,
       echo.added AS added
ORDER BY clause.ordinal, rank
