-- Clauses that contain one of :terms (a JSON list) exactly, with plan and section (as
-- cypher/clause_search.cypher): the trigram index narrows the candidates when every term has
-- three characters or more; otherwise every clause is scanned. :region_code (null for all)
-- keeps one region's plans.
-- Parameters: :terms, :region_code
-- Returns: region_code, plan_id, plan_title, section_path, section_heading, clause_id, text,
--          locator, plan_source_url
WITH term (text) AS (SELECT value FROM json_each(:terms)),
indexed (usable, phrases) AS (
  SELECT min(length(text)) >= 3, group_concat('"' || replace(text, '"', '""') || '"', ' OR ')
  FROM term
),
candidate AS (
  SELECT rowid FROM clause_text
  WHERE (SELECT usable FROM indexed) AND clause_text MATCH (SELECT phrases FROM indexed)
  UNION ALL
  SELECT rowid FROM node WHERE NOT (SELECT usable FROM indexed) AND label = 'Clause'
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
WHERE EXISTS (SELECT 1 FROM term WHERE instr(clause.props ->> '$.text', term.text) > 0)
  AND (:region_code IS NULL OR region.props ->> '$.code' = :region_code)
ORDER BY plan.id, clause.props ->> '$.ordinal'
