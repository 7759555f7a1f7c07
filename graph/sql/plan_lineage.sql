-- One plan's clauses with their lineage and one row per counterpart, best first; a local
-- clause's row has its nearest parent clause in place of a counterpart (as
-- cypher/plan_lineage.cypher).
-- Parameters: :plan_id
-- Returns: plan_id, clause_id, section_path, text, locator, label, score, rank, parent_plan_id,
--          parent_region_code, parent_clause_id, parent_section_path, parent_text,
--          parent_locator, counterpart_score, added
SELECT json_object(
  'plan_id', clause.plan_id, 'clause_id', clause.id, 'section_path', section.props ->> '$.path',
  'text', clause.props ->> '$.text', 'locator', clause.props ->> '$.locator',
  'label', clause.props ->> '$.lineage', 'score', clause.props -> '$.lineage_score',
  'rank', echo.props -> '$.rank', 'parent_plan_id', parent.plan_id,
  'parent_region_code', parent_plan.props ->> '$.region_code', 'parent_clause_id', parent.id,
  'parent_section_path', parent_section.props ->> '$.path',
  'parent_text', parent.props ->> '$.text', 'parent_locator', parent.props ->> '$.locator',
  'counterpart_score', coalesce(
    echo.props -> '$.score',
    CASE WHEN parent.id IS NOT NULL THEN clause.props -> '$.lineage_score' END
  ),
  'added', echo.props -> '$.added'
)
FROM node AS clause
JOIN node AS section ON section.id = clause.props ->> '$.section_id'
LEFT JOIN edge AS echo ON echo.source = clause.id AND echo.type = 'ECHOES'
LEFT JOIN node AS parent
  ON parent.id = coalesce(echo.target, clause.props ->> '$.lineage_nearest')
LEFT JOIN node AS parent_section ON parent_section.id = parent.props ->> '$.section_id'
LEFT JOIN node AS parent_plan ON parent_plan.id = parent.plan_id
WHERE clause.plan_id = :plan_id AND clause.label = 'Clause'
  AND clause.props ->> '$.lineage' IS NOT NULL
ORDER BY clause.props ->> '$.ordinal', echo.props ->> '$.rank'
