"""Extraction quality: gold annotations read, extractions scored against them per document set."""
