-- The plans a plan was aligned against (as cypher/lineage/write.cypher).
-- Parameters: :id, :parents
-- Returns: nothing
UPDATE node SET props = json_set(props, '$.lineage_parents', json(:parents)) WHERE id = :id
