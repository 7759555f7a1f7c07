// Graph statistics: how many nodes carry each label, how many relationships have each type (the
// store's own GraphInfo node is not graph content).
// Parameters: none
// Returns: kind, name, count
CALL () {
  MATCH (node)
  WHERE NOT node:GraphInfo
  UNWIND labels(node) AS name
  RETURN 'node' AS kind, name, count(*) AS count
  UNION ALL
  MATCH ()-[rel]->()
  RETURN 'relationship' AS kind, type(rel) AS name, count(*) AS count
}
RETURN kind, name, count
ORDER BY kind, name
