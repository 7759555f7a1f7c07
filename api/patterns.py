"""The patterns a parameter's value must match: in the OpenAPI schema, and in the 422 that says,
for a person, what a refused value lacks (api/errors.py)."""

from __future__ import annotations

from graph.catalog import LIST_SEPARATORS

NOT_BLANK = r"[^ \t\n\r\f\v]"
r"""A character other than ASCII white space, spelled out: ``\S`` differs between Python's regex
and the JSON Schema (ECMAScript) one the OpenAPI page promises (U+0085 is white space to one and
not the other), and a value the schema allows must never be a 422."""
NOT_ONLY_SEPARATORS = rf"[^{LIST_SEPARATORS[1:-1]} \t\n\r\f\v]"
"""A list of regions names one: a character other than blank and the separators (, ， 、)."""
