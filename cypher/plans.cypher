// Plans with their metadata and how much they hold; $region_code (null for all) keeps the plans of
// that region, $plan_id (null for all) one plan. A plan's lineage is pending when a bulk load has
// not computed it yet, or when the database was written by other rules than $statement_rules
// (graph.lineage.corpus.STATEMENT_RULES: its clauses are other statements) or $alignment_rules
// (graph.lineage.align.ALIGNMENT_RULES; the next load computes it again).
// Parameters: $region_code, $plan_id, $statement_rules, $alignment_rules
// Returns: id, title, region_code, region_name, kind, issuer, doc_number, issued_on,
//          period_start, period_end, source, sha256, encoding, source_format, page_count, source_url,
//          retrieved_on, publisher, replaces, duplicate_sources, lineage_pending, programs,
//          target_groups, targets, fundings
MATCH (region:Region)-[:ISSUED]->(plan:Plan)
WHERE ($region_code IS NULL OR region.code = $region_code) AND ($plan_id IS NULL OR plan.id = $plan_id)
RETURN plan.id AS id, plan.title AS title, region.code AS region_code, region.name AS region_name,
       plan.kind AS kind, plan.issuer AS issuer, plan.doc_number AS doc_number,
       plan.issued_on AS issued_on, plan.period_start AS period_start, plan.period_end AS period_end,
       plan.source AS source, plan.sha256 AS sha256, plan.encoding AS encoding,
       coalesce(plan.source_format, 'text') AS source_format, plan.page_count AS page_count,
       plan.source_url AS source_url, plan.retrieved_on AS retrieved_on, plan.publisher AS publisher,
       coalesce(plan.replaces, []) AS replaces,
       coalesce(plan.duplicate_sources, []) AS duplicate_sources,
       coalesce(plan.lineage_pending, false)
         OR NOT EXISTS {
           MATCH (:GraphInfo {id: 'graph', statement_rules: $statement_rules,
                              alignment_rules: $alignment_rules})
         }
         AS lineage_pending,
       COUNT { (plan)-[:COVERS]->(:Program) } AS programs,
       COUNT { (plan)-[:COVERS]->(:TargetGroup) } AS target_groups,
       COUNT { (plan)-[:SETS_TARGET]->() } AS targets,
       COUNT { (plan)-[:FUNDS]->() } AS fundings
ORDER BY region_code, id
