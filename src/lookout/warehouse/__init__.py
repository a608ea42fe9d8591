"""The warehouse: extracts loaded into embedded DuckDB, checked row by row, with POLE views."""
