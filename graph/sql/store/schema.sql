-- The embedded store's graph file: nodes and relationships as rows, properties as JSON. Each
-- node has exactly one label; a Section's or Clause's plan, and the plan a relationship belongs
-- to, are columns so a plan's part is one index range. What is derived from the rows — indexes,
-- the region ancestry, counts, the clause text index — is made once they are all in (index.sql).
-- Parameters: none
-- Returns: nothing
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE node (
  id TEXT PRIMARY KEY,
  label TEXT NOT NULL,
  plan_id TEXT,
  props TEXT NOT NULL
);
CREATE TABLE edge (
  source TEXT NOT NULL,
  type TEXT NOT NULL,
  key TEXT NOT NULL,
  target TEXT NOT NULL,
  plan_id TEXT,
  props TEXT NOT NULL
);
