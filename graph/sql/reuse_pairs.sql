-- Near-same clauses of plans of different regions, pair by pair, as the reuse matrix counts them
-- (as cypher/reuse_pairs.cypher): each statement clause of a family with each other region's
-- earliest clause of the family. :region_codes (a JSON list, or null) keeps both sides among
-- those regions.
-- Parameters: :region_codes
-- Returns: region_code, region_name, plan_id, clause_id, section_path, text, other_region_code,
--          other_region_name, other_plan_id, other_clause_id, other_section_path, other_text,
--          family
WITH member AS (
  SELECT clause.id, clause.plan_id, clause.props ->> '$.reuse_family' AS family,
         clause.props ->> '$.statement' AS statement, clause.props ->> '$.section_id' AS section_id,
         clause.props ->> '$.text' AS text, clause.props ->> '$.ordinal' AS ordinal,
         coalesce(plan.props ->> '$.issued_on', '9999') AS issued_on,
         region.props ->> '$.code' AS code, region.props ->> '$.name' AS name
  FROM node AS clause
  JOIN node AS plan ON plan.id = clause.plan_id
  JOIN edge AS issued ON issued.target = clause.plan_id AND issued.type = 'ISSUED'
  JOIN node AS region ON region.id = issued.source
  WHERE clause.label = 'Clause' AND clause.props ->> '$.reuse_family' IS NOT NULL
    AND (:region_codes IS NULL
         OR region.props ->> '$.code' IN (SELECT value FROM json_each(:region_codes)))
),
pair AS (
  SELECT member.id, member.plan_id, member.section_id, member.text, member.code, member.name,
         member.family, other.id AS other_id, other.plan_id AS other_plan_id,
         other.section_id AS other_section_id, other.text AS other_text,
         other.code AS other_code, other.name AS other_name,
         row_number() OVER (
           PARTITION BY member.id, other.code
           ORDER BY other.issued_on, other.plan_id, other.ordinal
         ) AS rank
  FROM member
  JOIN member AS other ON other.family = member.family AND other.code <> member.code
  WHERE member.statement
)
SELECT json_object(
  'region_code', pair.code, 'region_name', pair.name, 'plan_id', pair.plan_id,
  'clause_id', pair.id, 'section_path', section.props ->> '$.path', 'text', pair.text,
  'other_region_code', pair.other_code, 'other_region_name', pair.other_name,
  'other_plan_id', pair.other_plan_id, 'other_clause_id', pair.other_id,
  'other_section_path', other_section.props ->> '$.path', 'other_text', pair.other_text,
  'family', pair.family
)
FROM pair
JOIN node AS section ON section.id = pair.section_id
JOIN node AS other_section ON other_section.id = pair.other_section_id
WHERE pair.rank = 1
ORDER BY pair.code, pair.other_code, pair.id, pair.other_id
