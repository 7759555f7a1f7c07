// The target groups, programs or indicators in the graph ($label: TargetGroup, Program or
// Indicator), with their aliases and how many plans cover, fund or set targets for them.
// Parameters: $label
// Returns: id, name, aliases, kind, curated, unit, plans
MATCH (entity)
WHERE $label IN labels(entity)
RETURN entity.id AS id, entity.name AS name, entity.aliases AS aliases, entity.kind AS kind,
       entity.curated AS curated, entity.unit AS unit,
       COUNT { (:Plan)-[:COVERS|SETS_TARGET]->(entity) } AS plans
ORDER BY id
