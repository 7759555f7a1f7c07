// The target groups, programs or indicators in the graph ($label: TargetGroup, Program or
// Indicator), with their aliases and how many plans cover, fund or set targets for them. $text
// (null for all) keeps those whose name or an alias contains it; $kind (null for all) one kind.
// Parameters: $label, $text, $kind
// Returns: id, name, aliases, kind, curated, unit, plans
MATCH (entity)
WHERE $label IN labels(entity) AND ($kind IS NULL OR entity.kind = $kind)
  AND ($text IS NULL OR entity.name CONTAINS $text OR any(alias IN entity.aliases WHERE alias CONTAINS $text))
RETURN entity.id AS id, entity.name AS name, entity.aliases AS aliases, entity.kind AS kind,
       entity.curated AS curated, entity.unit AS unit,
       COUNT { (:Plan)-[:COVERS|SETS_TARGET]->(entity) } AS plans
ORDER BY id
