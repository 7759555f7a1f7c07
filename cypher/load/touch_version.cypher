// A new version of the graph, set in the transaction that changed it, so every reader sees the
// version and the data change together; and the statement rules its clauses were written under.
// Parameters: $statement_rules
// Returns: nothing
MERGE (info:GraphInfo {id: 'graph'})
SET info.version = randomUUID(), info.changed_at = datetime(),
    info.statement_rules = $statement_rules
