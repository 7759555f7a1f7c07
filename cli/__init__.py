"""The command line: build, load, serve, export, explain, evaluate."""
