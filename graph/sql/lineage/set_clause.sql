-- A clause's lineage: its label (echo, elaboration, local), the share of it its counterparts
-- cover, and a local clause's nearest parent clause, absent when it has none (as
-- cypher/lineage/set_clauses.cypher).
-- Parameters: :id, :label, :score, :nearest
-- Returns: nothing
UPDATE node SET props = CASE WHEN :nearest IS NULL
  THEN json_set(props, '$.lineage', :label, '$.lineage_score', :score)
  ELSE json_set(props, '$.lineage', :label, '$.lineage_score', :score, '$.lineage_nearest', :nearest)
END
WHERE id = :id
