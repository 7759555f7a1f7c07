-- The region × policy instrument profile (as cypher/instrument_profile.cypher).
-- Parameters: :region_codes
-- Returns: region_code, region_name, policy_instrument, policy_instrument_type, clauses, funds,
--          first_plan_id, first_clause_id, first_section_path, first_text
WITH committing AS (
  SELECT region.props ->> '$.code' AS region_code, region.props ->> '$.name' AS region_name,
         clause.props ->> '$.policy_instrument' AS policy_instrument,
         clause.props ->> '$.policy_instrument_type' AS policy_instrument_type,
         clause.id, clause.plan_id, clause.props ->> '$.section_id' AS section_id,
         clause.props ->> '$.text' AS text,
         EXISTS (
           SELECT 1 FROM edge AS funds
           WHERE funds.source = clause.plan_id AND funds.type = 'FUNDS'
             AND funds.props ->> '$.clause_id' = clause.id
         ) AS funds,
         row_number() OVER (
           PARTITION BY region.id, clause.props ->> '$.policy_instrument',
                        clause.props ->> '$.policy_instrument_type'
           ORDER BY clause.plan_id, clause.props ->> '$.ordinal'
         ) AS position
  FROM node AS clause
  JOIN edge AS issued ON issued.target = clause.plan_id AND issued.type = 'ISSUED'
  JOIN node AS region ON region.id = issued.source
  WHERE clause.label = 'Clause' AND clause.props ->> '$.policy_instrument' IS NOT NULL
    AND (:region_codes IS NULL
         OR region.props ->> '$.code' IN (SELECT value FROM json_each(:region_codes)))
)
SELECT json_object(
  'region_code', grouped.region_code, 'region_name', grouped.region_name,
  'policy_instrument', grouped.policy_instrument,
  'policy_instrument_type', grouped.policy_instrument_type, 'clauses', grouped.clauses,
  'funds', grouped.funds, 'first_plan_id', first.plan_id, 'first_clause_id', first.id,
  'first_section_path', section.props ->> '$.path', 'first_text', first.text
)
FROM (
  SELECT region_code, region_name, policy_instrument, policy_instrument_type,
         count(*) AS clauses, count(*) FILTER (WHERE funds) AS funds
  FROM committing
  GROUP BY region_code, policy_instrument, policy_instrument_type
) AS grouped
JOIN committing AS first
  ON first.region_code = grouped.region_code AND first.position = 1
  AND first.policy_instrument = grouped.policy_instrument
  AND first.policy_instrument_type = grouped.policy_instrument_type
JOIN node AS section ON section.id = first.section_id
ORDER BY grouped.region_code, grouped.policy_instrument, grouped.policy_instrument_type
