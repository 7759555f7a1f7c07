// After neo4j-admin imported a graph file: give %property% the empty list on every %label% node
// that has none (the importer cannot write empty lists; neo4j/neo4j#13566). Tokens are filled
// from the schema's labels and the graph file's property names, checked as identifiers.
// Parameters: none
// Returns: nothing
MATCH (n:%label%)
WHERE n.%property% IS NULL
CALL (n) { SET n.%property% = [] } IN TRANSACTIONS OF 10000 ROWS
