-- Plans with their metadata and how much they hold (as cypher/plans.cypher); :region_code and
-- :plan_id (null for all) keep one region's plans, or one plan. A plan written before plans had
-- formats is a text plan. The graph file computes lineage as it is written: none is pending.
-- Parameters: :region_code, :plan_id
-- Returns: id, title, region_code, region_name, kind, issuer, doc_number, issued_on,
--          period_start, period_end, source, sha256, encoding, source_format, page_count, source_url,
--          retrieved_on, publisher, replaces, duplicate_sources, lineage_pending, programs,
--          target_groups, targets, fundings
SELECT json_object(
  'id', plan.id, 'title', plan.props ->> '$.title', 'region_code', region.props ->> '$.code',
  'region_name', region.props ->> '$.name', 'kind', plan.props ->> '$.kind',
  'issuer', plan.props ->> '$.issuer', 'doc_number', plan.props ->> '$.doc_number',
  'issued_on', plan.props ->> '$.issued_on', 'period_start', plan.props ->> '$.period_start',
  'period_end', plan.props ->> '$.period_end', 'source', plan.props ->> '$.source',
  'sha256', plan.props ->> '$.sha256', 'encoding', plan.props ->> '$.encoding',
  'source_format', coalesce(plan.props ->> '$.source_format', 'text'),
  'page_count', plan.props ->> '$.page_count', 'source_url', plan.props ->> '$.source_url',
  'retrieved_on', plan.props ->> '$.retrieved_on', 'publisher', plan.props ->> '$.publisher',
  'replaces', coalesce(plan.props -> '$.replaces', json_array()),
  'duplicate_sources', coalesce(plan.props -> '$.duplicate_sources', json_array()),
  'lineage_pending', json('false'),
  'programs', counts.programs, 'target_groups', counts.target_groups,
  'targets', counts.targets, 'fundings', counts.fundings
)
FROM edge AS issued
JOIN node AS plan ON plan.id = issued.target
JOIN node AS region ON region.id = issued.source
JOIN plan_count AS counts ON counts.plan_id = plan.id
WHERE issued.type = 'ISSUED'
  AND (:region_code IS NULL OR region.props ->> '$.code' = :region_code)
  AND (:plan_id IS NULL OR plan.id = :plan_id)
ORDER BY region.props ->> '$.code', plan.id
