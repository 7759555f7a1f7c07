// What one plan funds: each FUNDS link with program, instrument, amount, section and quote.
// Parameters: $plan_id
// Returns: program_id, program_name, program_kind, instrument, amount, amount_unit, amount_yuan,
//          section_path, section_heading, clause_id, evidence, locator
MATCH (plan:Plan {id: $plan_id})-[funds:FUNDS]->(program:Program)
MATCH (section:Section)-[:HAS_CLAUSE]->(clause:Clause {id: funds.clause_id})
RETURN program.id AS program_id, program.name AS program_name, program.kind AS program_kind,
       funds.instrument AS instrument, funds.amount AS amount, funds.amount_unit AS amount_unit,
       funds.amount_yuan AS amount_yuan, section.path AS section_path,
       section.heading AS section_heading, funds.clause_id AS clause_id, funds.evidence AS evidence,
       clause.locator AS locator
ORDER BY clause.ordinal, program_id
