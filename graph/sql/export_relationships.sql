-- Relationships for export between nodes of :ids (a JSON list, null for all); a SERVES link
-- belongs to the plan that states it, so it comes only with that plan (as
-- cypher/export_relationships.cypher). In the properties, key is the relationship's identity.
-- Parameters: :ids
-- Returns: source, target, type, properties
WITH kept (id) AS (SELECT value FROM json_each(:ids))
SELECT json_object('source', source, 'target', target, 'type', type,
                   'properties', json_set(props, '$.key', key))
FROM edge
WHERE :ids IS NULL
   OR (source IN kept AND target IN kept AND (type <> 'SERVES' OR plan_id IN kept))
ORDER BY source, type, key, target
