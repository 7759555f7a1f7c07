-- Graph statistics: how many nodes carry each label, how many relationships have each type (as
-- cypher/graph_stats.cypher), counted when the file was written.
-- Parameters: none
-- Returns: kind, name, count
SELECT json_object('kind', kind, 'name', name, 'count', total)
FROM element_count
ORDER BY kind, name
