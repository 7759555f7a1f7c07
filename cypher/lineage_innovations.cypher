// A plan's local innovations: the programs it covers and the indicators it sets targets for that
// none of the plans it was aligned against (its parents) covers or sets a target for, nor names
// in a clause (a name found under another entity there: 就业见习 in 就业见习实习基地, a target
// discovered as 2.每年开发城乡公益性岗位), each with the clauses that name it and their lineage
// label. Empty for a plan without parents.
// Parameters: $plan_id
// Returns: plan_id, entity_id, entity_name, entity_label, relation, clause_id, section_path,
//          text, lineage
MATCH (plan:Plan {id: $plan_id})
WHERE plan.lineage_parents IS NOT NULL
MATCH (plan)-[fact:COVERS|SETS_TARGET]->(entity)
WHERE (entity:Program OR entity:Indicator)
  AND NOT EXISTS {
    MATCH (parent:Plan)-[:COVERS|SETS_TARGET]->(entity)
    WHERE parent.id IN plan.lineage_parents
  }
  AND NOT EXISTS {
    MATCH (theirs:Clause)
    WHERE theirs.plan_id IN plan.lineage_parents AND theirs.text CONTAINS entity.name
  }
UNWIND CASE type(fact) WHEN 'COVERS' THEN fact.clause_ids ELSE [fact.clause_id] END AS clause_id
WITH DISTINCT plan, entity, toLower(type(fact)) AS relation, clause_id
MATCH (clause:Clause {id: clause_id})
MATCH (section:Section {id: clause.section_id})
RETURN plan.id AS plan_id, entity.id AS entity_id, entity.name AS entity_name,
       labels(entity)[0] AS entity_label, relation, clause.id AS clause_id,
       section.path AS section_path, clause.text AS text, clause.lineage AS lineage
ORDER BY entity_label DESC, entity_id, clause.ordinal
