-- What the questions read besides the rows, made once the rows are in (faster than keeping it
-- up to date row by row; a graph file does not change once written): indexes; every region with
-- each of its ancestors (itself included) and their codes and levels, so no question walks
-- PART_OF; the counts of nodes by label and relationships by type, and of each plan's facts; the
-- cells of the region × program and region × group matrices, each with its first clause; a
-- trigram index over clause text (its rowid is the clause node's).
-- Parameters: none
-- Returns: nothing
CREATE INDEX node_label ON node (label, id);
CREATE INDEX node_plan ON node (plan_id, label) WHERE plan_id IS NOT NULL;
CREATE INDEX edge_source ON edge (source, type);
CREATE INDEX edge_target ON edge (target, type, source);
CREATE INDEX edge_type ON edge (type);
CREATE INDEX edge_plan ON edge (plan_id, type) WHERE plan_id IS NOT NULL;
CREATE TABLE region_ancestor (
  region_id TEXT NOT NULL,
  ancestor_id TEXT NOT NULL,
  ancestor_code TEXT NOT NULL,
  ancestor_level TEXT NOT NULL,
  PRIMARY KEY (region_id, ancestor_id)
) WITHOUT ROWID;
INSERT INTO region_ancestor (region_id, ancestor_id, ancestor_code, ancestor_level)
WITH RECURSIVE up (region_id, ancestor_id) AS (
  SELECT id, id FROM node WHERE label = 'Region'
  UNION
  SELECT up.region_id, part.target
  FROM up JOIN edge AS part ON part.source = up.ancestor_id AND part.type = 'PART_OF'
)
SELECT up.region_id, up.ancestor_id, ancestor.props ->> '$.code', ancestor.props ->> '$.level'
FROM up JOIN node AS ancestor ON ancestor.id = up.ancestor_id;
CREATE INDEX region_descendant ON region_ancestor (ancestor_id, region_id);
CREATE TABLE element_count (kind TEXT NOT NULL, name TEXT NOT NULL, total INTEGER NOT NULL);
INSERT INTO element_count (kind, name, total)
SELECT 'node', label, count(*) FROM node GROUP BY label
UNION ALL
SELECT 'relationship', type, count(*) FROM edge GROUP BY type;
CREATE TABLE plan_count (
  plan_id TEXT PRIMARY KEY,
  programs INTEGER NOT NULL,
  target_groups INTEGER NOT NULL,
  targets INTEGER NOT NULL,
  fundings INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO plan_count (plan_id, programs, target_groups, targets, fundings)
SELECT plan.id,
       count(*) FILTER (WHERE fact.type = 'COVERS' AND entity.label = 'Program'),
       count(*) FILTER (WHERE fact.type = 'COVERS' AND entity.label = 'TargetGroup'),
       count(*) FILTER (WHERE fact.type = 'SETS_TARGET'),
       count(*) FILTER (WHERE fact.type = 'FUNDS')
FROM node AS plan
LEFT JOIN edge AS fact ON fact.source = plan.id AND fact.type IN ('COVERS', 'SETS_TARGET', 'FUNDS')
LEFT JOIN node AS entity ON entity.id = fact.target
WHERE plan.label = 'Plan'
GROUP BY plan.id;
CREATE TABLE matrix_cell (
  relation TEXT NOT NULL,
  entity_label TEXT NOT NULL,
  region_id TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  clauses INTEGER NOT NULL,
  first_clause_id TEXT NOT NULL,
  first_evidence TEXT NOT NULL,
  PRIMARY KEY (relation, entity_label, region_id, entity_id)
) WITHOUT ROWID;
INSERT INTO matrix_cell
WITH fact (relation, entity_label, region_id, entity_id, plan_id, clause_ids, evidence) AS (
  SELECT rel.type, entity.label, issued.source, rel.target, rel.source,
         CASE rel.type WHEN 'FUNDS' THEN json_array(rel.props ->> '$.clause_id')
                       ELSE rel.props -> '$.clause_ids' END,
         rel.props ->> '$.evidence'
  FROM edge AS rel
  JOIN node AS entity ON entity.id = rel.target
  JOIN edge AS issued ON issued.target = rel.source AND issued.type = 'ISSUED'
  WHERE rel.type IN ('COVERS', 'FUNDS')
),
cell (relation, entity_label, region_id, entity_id, clauses, first_plan_id) AS (
  SELECT relation, entity_label, region_id, entity_id, sum(json_array_length(clause_ids)),
         min(plan_id)
  FROM fact
  GROUP BY relation, region_id, entity_id
),
first (relation, entity_label, region_id, entity_id, clauses, clause_id, evidence, position) AS (
  SELECT cell.relation, cell.entity_label, cell.region_id, cell.entity_id, cell.clauses, clause.id,
         coalesce(fact.evidence, clause.props ->> '$.text'),
         row_number() OVER (
           PARTITION BY cell.relation, cell.region_id, cell.entity_id
           ORDER BY clause.props ->> '$.ordinal'
         )
  FROM cell
  JOIN fact ON fact.relation = cell.relation AND fact.region_id = cell.region_id
           AND fact.entity_id = cell.entity_id AND fact.plan_id = cell.first_plan_id
  JOIN json_each(fact.clause_ids) AS supporting
  JOIN node AS clause ON clause.id = supporting.value
)
SELECT relation, entity_label, region_id, entity_id, clauses, clause_id, evidence
FROM first
WHERE position = 1;
CREATE VIRTUAL TABLE clause_text USING fts5 (text, content = '', tokenize = 'trigram');
INSERT INTO clause_text (rowid, text) SELECT rowid, props ->> '$.text' FROM node WHERE label = 'Clause';
ANALYZE;
