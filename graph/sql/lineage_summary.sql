-- Per plan (of :region_codes, a JSON list, or null for all): its parents, statement clauses and
-- how many echo, elaborate, are local or are in a family of near-same clauses across regions (as cypher/lineage_summary.cypher).
-- Parameters: :region_codes
-- Returns: plan_id, plan_title, region_code, region_name, parents, statements, echo,
--          elaboration, local, reused
SELECT json_object(
  'plan_id', plan.id, 'plan_title', plan.props ->> '$.title',
  'region_code', region.props ->> '$.code', 'region_name', region.props ->> '$.name',
  'parents', coalesce(plan.props -> '$.lineage_parents', json('[]')),
  'statements', count(clause.id),
  'echo', count(clause.id) FILTER (WHERE clause.props ->> '$.lineage' = 'echo'),
  'elaboration', count(clause.id) FILTER (WHERE clause.props ->> '$.lineage' = 'elaboration'),
  'local', count(clause.id) FILTER (WHERE clause.props ->> '$.lineage' = 'local'),
  'reused', count(clause.props ->> '$.reuse_family')
)
FROM node AS plan
JOIN edge AS issued ON issued.target = plan.id AND issued.type = 'ISSUED'
JOIN node AS region ON region.id = issued.source
LEFT JOIN node AS clause
  ON clause.plan_id = plan.id AND clause.label = 'Clause' AND clause.props ->> '$.statement'
WHERE plan.label = 'Plan'
  AND (:region_codes IS NULL
       OR region.props ->> '$.code' IN (SELECT value FROM json_each(:region_codes)))
GROUP BY plan.id
ORDER BY region.props ->> '$.code', plan.id
