"""The policygraph command line (and, later, the REST API)."""
