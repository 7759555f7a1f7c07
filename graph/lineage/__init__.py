"""Where a clause comes from: its parent plans' counterparts (vertical alignment), the near-same
clauses of other regions (horizontal reuse), and the policy instrument it commits to.

Everything here is computed over the plans a store holds together, after they are written, since
a clause's lineage changes when its parent's plan or another region's plan arrives.
"""
