// What the database holds now: the version every load that changes it sets (load/touch_version),
// read before a request uses anything read earlier (the API's name catalogue). Null before the
// first load.
// Parameters: none
// Returns: version
OPTIONAL MATCH (info:GraphInfo {id: 'graph'})
RETURN info.version AS version
