// What the database holds now: the version every load that changes it sets (load/touch_version),
// read before a request uses anything read earlier (the API's name catalogue), and whether a load
// is writing (load/begin_writing; entries older than $stale_ms belong to loads that died). Version
// null before the first load.
// Parameters: $stale_ms
// Returns: version, writing
OPTIONAL MATCH (info:GraphInfo {id: 'graph'})
RETURN info.version AS version,
       any(entry IN coalesce(info.writing, [])
           WHERE toInteger(split(entry, '@')[1]) > timestamp() - $stale_ms) AS writing
