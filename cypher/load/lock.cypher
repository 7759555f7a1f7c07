// Take the graph's write lock for this load's transaction: the lock on the GraphInfo node is held
// until the transaction ends, so two loads run one after the other and each one's lineage sees
// the plans the other wrote.
// Parameters: $token
// Returns: nothing
MERGE (info:GraphInfo {id: 'graph'})
SET info.last_load = $token
