-- The plans a plan was aligned against (as cypher/lineage/set_plans.cypher).
-- Parameters: :id, :parents
-- Returns: nothing
UPDATE node SET props = json_set(props, '$.lineage_parents', json(:parents)) WHERE id = :id
