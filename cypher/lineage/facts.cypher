// What each clause names or commits to, for lineage (as
// graph/sql/lineage/facts.sql): the groups, programs and indicators it mentions, the programs it
// funds and the indicators it sets a target for; `funds` is true for a funding.
// Parameters: none
// Returns: clause_id, entity_id, funds
MATCH (clause:Clause)-[:MENTIONS]->(entity)
RETURN clause.id AS clause_id, entity.id AS entity_id, false AS funds
UNION ALL
MATCH (:Plan)-[fact:FUNDS|SETS_TARGET]->(entity)
RETURN fact.clause_id AS clause_id, entity.id AS entity_id, type(fact) = 'FUNDS' AS funds
