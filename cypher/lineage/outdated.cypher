// How many clauses were written by a policygraph older than lineage (they have no `statement`):
// lineage over such a database would leave them out.
// Parameters: none
// Returns: clauses
MATCH (clause:Clause)
WHERE clause.statement IS NULL
RETURN count(clause) AS clauses
