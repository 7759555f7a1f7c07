// After neo4j-admin imported a graph file: give %property% the empty list on every %type%
// relationship that has none (the importer cannot write empty lists; neo4j/neo4j#13566). Tokens
// are filled from the schema's types and the graph file's property names, checked as identifiers.
// Parameters: none
// Returns: nothing
MATCH ()-[r:%type%]->()
WHERE r.%property% IS NULL
CALL (r) { SET r.%property% = [] } IN TRANSACTIONS OF 10000 ROWS
