// The documents one plan cites in 《》, with the clause that cites each.
// Parameters: $plan_id
// Returns: document_id, title, clause_id, text
MATCH (plan:Plan {id: $plan_id})-[cites:CITES]->(document:Document)
MATCH (clause:Clause {id: cites.clause_id})
RETURN document.id AS document_id, document.title AS title, cites.clause_id AS clause_id,
       clause.text AS text
ORDER BY clause.ordinal, document_id
