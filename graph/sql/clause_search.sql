-- Clauses that contain :text exactly, with plan and section (as cypher/clause_search.cypher):
-- the trigram index narrows texts of three characters or more, shorter ones are scanned.
-- :region_code (null for all) keeps one region's plans.
-- Parameters: :text, :region_code
-- Returns: region_code, plan_id, plan_title, section_path, section_heading, clause_id, text,
--          locator, plan_source_url
WITH candidate AS (
  SELECT rowid FROM clause_text
  WHERE length(:text) >= 3 AND clause_text MATCH '"' || replace(:text, '"', '""') || '"'
  UNION ALL
  SELECT rowid FROM node WHERE length(:text) < 3 AND label = 'Clause'
)
SELECT json_object(
  'region_code', region.props ->> '$.code', 'plan_id', plan.id,
  'plan_title', plan.props ->> '$.title', 'section_path', section.props ->> '$.path',
  'section_heading', section.props ->> '$.heading', 'clause_id', clause.id,
  'text', clause.props ->> '$.text', 'locator', clause.props ->> '$.locator',
  'plan_source_url', plan.props ->> '$.source_url'
)
FROM candidate
JOIN node AS clause ON clause.rowid = candidate.rowid
JOIN node AS plan ON plan.id = clause.plan_id
JOIN edge AS issued ON issued.target = plan.id AND issued.type = 'ISSUED'
JOIN node AS region ON region.id = issued.source
JOIN node AS section ON section.id = clause.props ->> '$.section_id'
WHERE instr(clause.props ->> '$.text', :text) > 0
  AND (:region_code IS NULL OR region.props ->> '$.code' = :region_code)
ORDER BY plan.id, clause.props ->> '$.ordinal'
