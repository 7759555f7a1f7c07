// A load announces itself before it writes, in a transaction of its own: readers that find an
// entry here wait (a Neo4j commit lands record by record, so a reader could otherwise see half
// of it), and readers that find one at the end of a question read again. An entry is the load's
// token and the server time it began (`token@millis`); entries older than $stale_ms were left by
// loads that died (kill -9), and are dropped here.
// Parameters: $token, $stale_ms
// Returns: nothing
MERGE (info:GraphInfo {id: 'graph'})
WITH info, timestamp() AS now
SET info.writing = [entry IN coalesce(info.writing, [])
                    WHERE toInteger(split(entry, '@')[1]) > now - $stale_ms]
                   + [$token + '@' + toString(now)]
