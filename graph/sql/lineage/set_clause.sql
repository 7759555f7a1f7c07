-- A clause's lineage: its label (echo, elaboration, local) and the share of it its
-- counterparts cover (as cypher/lineage/set_clauses.cypher).
-- Parameters: :id, :label, :score
-- Returns: nothing
UPDATE node SET props = json_set(props, '$.lineage', :label, '$.lineage_score', :score)
WHERE id = :id
