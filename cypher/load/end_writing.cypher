// A load is over (committed or rolled back): its entry leaves the list begin_writing added it to.
// Parameters: $token
// Returns: nothing
MATCH (info:GraphInfo {id: 'graph'})
SET info.writing = [entry IN coalesce(info.writing, []) WHERE NOT entry STARTS WITH $token + '@']
