-- Regions whose plans fund or cover a program, each row with the clause that says so (as
-- cypher/regions_for_program.cypher). :relation is FUNDS or COVERS; :level (null for any) keeps
-- regions of that level; with :include_subregions a sub-region's plan counts for its ancestor.
-- The page (:skip, :limit) is cut on keys the ids hold — region code, plan id, the clause's
-- ordinal — before any node is read, and each row carries the answer's size.
-- Parameters: :program_id, :relation, :level, :include_subregions, :skip, :limit
-- Returns: region_code, region_name, region_level, plan_id, plan_title, plan_region_code,
--          section_path, section_heading, clause_id, evidence, instrument, amount_yuan, locator,
--          plan_source_url
WITH hit (plan_id, issuer_id, rel, clause_id) AS (
  SELECT rel.source, issued.source, rel.props,
         CASE rel.type WHEN 'FUNDS' THEN rel.props ->> '$.clause_id'
                       ELSE rel.props -> '$.clause_ids' ->> 0 END
  FROM edge AS rel
  JOIN edge AS issued ON issued.target = rel.source AND issued.type = 'ISSUED'
  WHERE rel.target = :program_id AND rel.type = :relation
),
answer (region_id, region_code, issuer_id, plan_id, rel, clause_id, ordinal) AS (
  SELECT up.ancestor_id, up.ancestor_code, hit.issuer_id, hit.plan_id, hit.rel, hit.clause_id,
         CAST(substr(hit.clause_id, instr(hit.clause_id, '/c') + 2) AS INTEGER)
  FROM hit JOIN region_ancestor AS up ON up.region_id = hit.issuer_id
  WHERE (:level IS NULL AND up.ancestor_id = hit.issuer_id)
     OR (up.ancestor_level = :level AND (up.ancestor_id = hit.issuer_id OR :include_subregions))
),
page AS (
  SELECT * FROM answer ORDER BY region_code, plan_id, ordinal LIMIT :limit OFFSET :skip
)
SELECT json_object(
  'region_code', page.region_code, 'region_name', region.props ->> '$.name',
  'region_level', region.props ->> '$.level', 'plan_id', page.plan_id,
  'plan_title', plan.props ->> '$.title', 'plan_region_code', issuer.props ->> '$.code',
  'section_path', section.props ->> '$.path', 'section_heading', section.props ->> '$.heading',
  'clause_id', page.clause_id,
  'evidence', coalesce(page.rel ->> '$.evidence', clause.props ->> '$.text'),
  'instrument', page.rel ->> '$.instrument', 'amount_yuan', page.rel ->> '$.amount_yuan',
  'locator', clause.props ->> '$.locator', 'plan_source_url', plan.props ->> '$.source_url'
), (SELECT count(*) FROM answer)
FROM page
CROSS JOIN node AS region ON region.id = page.region_id
CROSS JOIN node AS issuer ON issuer.id = page.issuer_id
CROSS JOIN node AS plan ON plan.id = page.plan_id
CROSS JOIN node AS clause ON clause.id = page.clause_id
CROSS JOIN node AS section ON section.id = clause.props ->> '$.section_id'
ORDER BY page.region_code, page.plan_id, page.ordinal
