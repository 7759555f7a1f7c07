// A new version of the graph, set in the transaction that changed it, so every reader sees the
// version and the data change together; the statement rules its clauses were written under, and
// the alignment rules their lineage was computed by.
// Parameters: $statement_rules, $alignment_rules
// Returns: nothing
MERGE (info:GraphInfo {id: 'graph'})
SET info.version = randomUUID(), info.changed_at = datetime(),
    info.statement_rules = $statement_rules, info.alignment_rules = $alignment_rules
