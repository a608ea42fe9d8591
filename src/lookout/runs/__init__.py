"""Runs of the pipeline over a drop, and what they write out."""
