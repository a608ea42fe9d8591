"""Tables and views derived from the loaded extracts, rebuilt after every load."""

from __future__ import annotations

import duckdb

from lookout.warehouse.attendance import build_attendance_weekly
from lookout.warehouse.pole import create_pole_views


def build_derived(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild every derived table and view in one transaction."""
    con.execute("BEGIN TRANSACTION")
    try:
        build_attendance_weekly(con)
        create_pole_views(con)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
