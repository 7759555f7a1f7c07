// Schema, created once and idempotently (IF NOT EXISTS): a uniqueness constraint on `id` for every
// label, indexes for the lookups the named queries make, and the full-text index on clause text
// with the `cjk` analyzer (bigrams: 2-, 3- and 4-character queries all work as phrases).
// Statements end with `;` and run in order; the last waits until the indexes are online.
// Parameters: none
// Returns: nothing
CREATE CONSTRAINT region_id IF NOT EXISTS FOR (n:Region) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT plan_id IF NOT EXISTS FOR (n:Plan) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT section_id IF NOT EXISTS FOR (n:Section) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT clause_id IF NOT EXISTS FOR (n:Clause) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT target_group_id IF NOT EXISTS FOR (n:TargetGroup) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT program_id IF NOT EXISTS FOR (n:Program) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT indicator_id IF NOT EXISTS FOR (n:Indicator) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT document_id IF NOT EXISTS FOR (n:Document) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT graph_info_id IF NOT EXISTS FOR (n:GraphInfo) REQUIRE n.id IS UNIQUE;
CREATE INDEX region_code IF NOT EXISTS FOR (n:Region) ON (n.code);
CREATE INDEX plan_source IF NOT EXISTS FOR (n:Plan) ON (n.source);
CREATE INDEX section_plan IF NOT EXISTS FOR (n:Section) ON (n.plan_id);
CREATE INDEX clause_plan IF NOT EXISTS FOR (n:Clause) ON (n.plan_id);
CREATE INDEX clause_family IF NOT EXISTS FOR (n:Clause) ON (n.reuse_family);
CREATE INDEX serves_plan IF NOT EXISTS FOR ()-[r:SERVES]-() ON (r.plan_id);
CREATE FULLTEXT INDEX clause_text IF NOT EXISTS FOR (n:Clause) ON EACH [n.text] OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
CALL db.awaitIndexes(300);
