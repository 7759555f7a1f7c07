"""Stages that turn plan files into extractions: bytes → text → outline → facts."""
