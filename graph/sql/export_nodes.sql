-- Nodes for export, with their labels and properties (as cypher/export_nodes.cypher); :ids (a
-- JSON list, null for all) keeps those nodes.
-- Parameters: :ids
-- Returns: id, labels, properties
SELECT json_object('id', id, 'labels', json_array(label), 'properties', json(props))
FROM node
WHERE :ids IS NULL OR id IN (SELECT value FROM json_each(:ids))
ORDER BY id
