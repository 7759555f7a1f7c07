-- Every plan with its region, for lineage (as cypher/lineage/plans.cypher).
-- Parameters: none
-- Returns: plan_id, region_code, issued_on
SELECT json_object(
  'plan_id', id, 'region_code', props ->> '$.region_code', 'issued_on', props ->> '$.issued_on'
)
FROM node
WHERE label = 'Plan'
ORDER BY id
