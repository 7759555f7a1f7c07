// Remove entities and documents that no plan refers to any more (after a plan was replaced).
// Regions stay: the gazetteer's hierarchy is not plan content.
// Parameters: none
// Returns: nothing
MATCH (node)
WHERE (node:Program OR node:TargetGroup OR node:Indicator OR node:Document) AND NOT (node)--()
DELETE node
