// Whether lineage can run over the database: how many plans and clauses it holds, and the
// statement rules (graph.lineage.corpus.STATEMENT_RULES) they were written under; null when
// written before policygraph recorded them. Clauses of other rules are other statements: lineage
// would compare them with clauses told apart differently. And the alignment rules
// (graph.lineage.align.ALIGNMENT_RULES) the lineage was computed by: under others, all of it is
// computed again. Rules newer than this policygraph's are refused.
// Parameters: none
// Returns: plans, clauses, statement_rules, alignment_rules
CALL () {
  MATCH (plan:Plan)
  RETURN count(plan) AS plans
}
CALL () {
  MATCH (clause:Clause)
  RETURN count(clause) AS clauses
}
OPTIONAL MATCH (info:GraphInfo {id: 'graph'})
RETURN plans, clauses, info.statement_rules AS statement_rules, info.alignment_rules AS alignment_rules
