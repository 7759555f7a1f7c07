-- A clause's family of near-same clauses across regions: the id of its root, the family's
-- earliest clause (as cypher/lineage/set_families.cypher).
-- Parameters: :id, :family
-- Returns: nothing
UPDATE node SET props = json_set(props, '$.reuse_family', :family) WHERE id = :id
