"""Building the `chronology` table: every dated entry of every linked person, in date order."""

from __future__ import annotations

import duckdb

from lookout.chronology.entries import ENTRY_QUERIES
from lookout.warehouse.database import table_names

__all__ = ["CHRONOLOGY_COLUMNS", "build_chronology"]

CHRONOLOGY_COLUMNS = ("person_id", "at", "kind", "agency", "area", "source", "record_id",
                      "event_type", "event_id", "line", "role", "description")


def build_chronology(con: duckdb.DuckDBPyConnection) -> int:
    """(Re)build `chronology` from the warehouse and `result_linkage`; return its row count.

    One row per person, record and entry: an incident with a victim and a suspect appears in
    both people's chronologies, each saying the role that person played. Entries of records
    that linkage has not resolved are left out (every record gets a person id when the link
    stage has run)."""
    tables = table_names(con)
    if "result_linkage" not in tables:
        raise ValueError("the chronology needs person ids: run the link stage (`lookout link`) first")
    union = "\nUNION ALL\n".join(f"SELECT * FROM ({q})" for q in ENTRY_QUERIES)
    con.execute(f"""
        CREATE OR REPLACE TABLE chronology AS
        WITH entries AS (
            SELECT e.col0 AS source, e.col1 AS record_id, e.col2 AS at, e.col3 AS event_type,
                   e.col4 AS event_id, e.col5 AS line, e.col6 AS role, e.col7 AS description
            FROM ({union}) AS e(col0, col1, col2, col3, col4, col5, col6, col7))
        SELECT l.person_id, e.at, s.kind, s.agency, s.area, e.source, e.record_id, e.event_type,
               e.event_id, CAST(e.line AS BIGINT) AS line, e.role, e.description
        FROM entries e JOIN sources s USING (source)
        JOIN result_linkage l USING (source, record_id)
        WHERE e.at IS NOT NULL
        ORDER BY l.person_id, e.at, s.kind, e.event_id""")
    return con.execute("SELECT count(*) FROM chronology").fetchall()[0][0]
