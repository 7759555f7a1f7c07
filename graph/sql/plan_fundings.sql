-- What one plan funds: each FUNDS link with program, instrument, amount, section and quote (as
-- cypher/plan_fundings.cypher).
-- Parameters: :plan_id
-- Returns: program_id, program_name, program_kind, instrument, amount, amount_unit, amount_yuan,
--          section_path, section_heading, clause_id, evidence, locator
SELECT json_object(
  'program_id', program.id, 'program_name', program.props ->> '$.name',
  'program_kind', program.props ->> '$.kind', 'instrument', funds.props ->> '$.instrument',
  'amount', funds.props -> '$.amount', 'amount_unit', funds.props ->> '$.amount_unit',
  'amount_yuan', funds.props -> '$.amount_yuan', 'section_path', section.props ->> '$.path',
  'section_heading', section.props ->> '$.heading', 'clause_id', funds.props ->> '$.clause_id',
  'evidence', funds.props ->> '$.evidence', 'locator', clause.props ->> '$.locator'
)
FROM edge AS funds
JOIN node AS program ON program.id = funds.target
JOIN node AS clause ON clause.id = funds.props ->> '$.clause_id'
JOIN node AS section ON section.id = clause.props ->> '$.section_id'
WHERE funds.source = :plan_id AND funds.type = 'FUNDS'
ORDER BY clause.props ->> '$.ordinal', program.id
