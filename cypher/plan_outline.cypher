// A plan's outline: its sections in document order, with their clause counts.
// Parameters: $plan_id
// Returns: section_id, path, heading, level, kind, clauses
MATCH (plan:Plan {id: $plan_id})-[:HAS_SECTION*1..]->(section:Section)
OPTIONAL MATCH (section)-[:HAS_CLAUSE]->(clause:Clause)
WITH section, count(clause) AS clauses
RETURN section.id AS section_id, section.path AS path, section.heading AS heading,
       section.level AS level, section.kind AS kind, clauses
ORDER BY section.position
