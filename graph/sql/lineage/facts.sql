-- What each clause names or commits to, for lineage (as cypher/lineage/facts.cypher): the
-- groups, programs and indicators it mentions, the programs it funds and the indicators it sets
-- a target for; ``funds`` is true for a funding.
-- Parameters: none
-- Returns: clause_id, entity_id, funds
SELECT json_object('clause_id', source, 'entity_id', target, 'funds', json('false'))
FROM edge WHERE type = 'MENTIONS'
UNION ALL
SELECT json_object(
  'clause_id', props ->> '$.clause_id', 'entity_id', target,
  'funds', json(CASE type WHEN 'FUNDS' THEN 'true' ELSE 'false' END)
)
FROM edge WHERE type IN ('FUNDS', 'SETS_TARGET')
