// Queries to start from in Neo4j Browser: each block is a title line, then the query. The API
// serves them as a guide (:play http://localhost:8000/browser-guide) and the README lists them.

// Which plans did each region issue?
MATCH (r:Region)-[:ISSUED]->(p:Plan) RETURN r, p

// Which regions fund 返乡入乡创业园 (by its name or an alias), and what do they say?
MATCH (r:Region)-[:ISSUED]->(p:Plan)-[f:FUNDS]->(program:Program)
WHERE program.name = '返乡入乡创业园' OR '返乡创业园' IN program.aliases
RETURN r.name AS region, f.instrument AS instrument, f.evidence AS evidence

// 城镇新增就业, region by region, from the plans' main targets
MATCH (r:Region)-[:ISSUED]->(:Plan)-[t:SETS_TARGET {main: true}]->(:Indicator {name: '城镇新增就业'})
RETURN r.name AS region, t.value_text AS target, t.normalized_value AS persons, t.scope AS scope,
       t.evidence AS evidence ORDER BY r.code

// Clauses about 零工市场 (quote the term: the cjk index matches a quoted term as a phrase)
CALL db.index.fulltext.queryNodes('clause_text', '"零工市场"') YIELD node, score
RETURN node.text AS clause, score LIMIT 10

// Programs directed at 高校毕业生
MATCH (program:Program)-[:SERVES]->(:TargetGroup {name: '高校毕业生'})
RETURN program.name AS program, count(*) AS statements ORDER BY statements DESC

// Two regions side by side: the programs both cover, with a quote from each
MATCH (a:Region {short_name: '重庆'})-[:ISSUED]->(:Plan)-[ca:COVERS]->(program:Program)
MATCH (b:Region {short_name: '宁夏'})-[:ISSUED]->(:Plan)-[cb:COVERS]->(program)
MATCH (qa:Clause {id: ca.clause_ids[0]}), (qb:Clause {id: cb.clause_ids[0]})
RETURN program.name AS program, qa.text AS chongqing, qb.text AS ningxia

// Programs found in the text but not yet in the vocabulary, plan by plan
MATCH (p:Plan)-[:COVERS]->(program:Program {curated: false})
RETURN p.title AS plan, collect(program.name) AS discovered

// 巴彦淖尔市 up to the country
MATCH path = (:Region {name: '巴彦淖尔市'})-[:PART_OF*]->(:Region) RETURN path

// 巴彦淖尔's clauses and the 内蒙古 clauses they echo or elaborate on (ECHOES), both quoted
MATCH (c:Clause)-[e:ECHOES {rank: 1}]->(p:Clause)
MATCH (:Region {short_name: '巴彦淖尔'})-[:ISSUED]->(:Plan {id: c.plan_id})
RETURN e.lineage AS label, e.score AS score, c.text AS clause, p.text AS counterpart, e.added AS added
ORDER BY c.ordinal

// A plan's share of echo, elaboration and local clauses
MATCH (r:Region)-[:ISSUED]->(p:Plan)
WHERE p.lineage_parents IS NOT NULL
MATCH (c:Clause {plan_id: p.id}) WHERE c.lineage IS NOT NULL
RETURN r.name AS region, c.lineage AS label, count(*) AS clauses ORDER BY region, label

// Near-same clauses of two regions (REUSES: a clause to the earliest clause of its family)
MATCH (a:Region)-[:ISSUED]->(:Plan)-[:HAS_SECTION*]->(:Section)-[:HAS_CLAUSE]->(c:Clause)-[u:REUSES]->(o:Clause)
MATCH (b:Region)-[:ISSUED]->(:Plan {id: o.plan_id})
RETURN a.name AS region, b.name AS other_region, u.score AS score, c.text AS clause, o.text AS other
ORDER BY score DESC LIMIT 25

// How 零工市场 spread: the plans covering it, oldest first, with the clause /programs/…/diffusion
// quotes (a plan that funds it: its first funding clause; else its first statement naming it)
// and the clauses on it of a parent plan (echo, elaboration) or another region (reuse) they follow
MATCH (r:Region)-[:ISSUED]->(p:Plan)-[c:COVERS]->(program:Program {name: '零工市场'})
WITH r, p, c, program, COLLECT {
  MATCH (p)-[f:FUNDS]->(program) MATCH (x:Clause {id: f.clause_id}) RETURN x ORDER BY x.ordinal
} + COLLECT {
  UNWIND c.clause_ids AS id MATCH (x:Clause {id: id}) WHERE x.statement RETURN x ORDER BY x.ordinal
} + COLLECT { MATCH (x:Clause {id: c.clause_ids[0]}) RETURN x } AS quoted
WITH r, p, c, program, quoted[0] AS first
OPTIONAL MATCH (own:Clause)-[link:ECHOES|REUSES]->(other:Clause)-[:MENTIONS]->(program)
WHERE own.id IN c.clause_ids
RETURN p.issued_on AS issued_on, r.level AS level, r.name AS region, first.text AS clause,
       collect(coalesce(link.lineage, 'reuse') + ': ' + other.text) AS follows
ORDER BY coalesce(issued_on, '9999'), region

// Policy instruments by region: supply, demand and environment side
MATCH (r:Region)-[:ISSUED]->(p:Plan)
MATCH (c:Clause {plan_id: p.id}) WHERE c.policy_instrument IS NOT NULL
RETURN r.name AS region, c.policy_instrument AS instrument, c.policy_instrument_type AS type,
       count(*) AS clauses ORDER BY region, instrument, type
