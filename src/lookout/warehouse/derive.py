"""Tables and views derived from the loaded extracts, rebuilt after every load."""

from __future__ import annotations

import duckdb

from lookout.warehouse.database import transaction
from lookout.warehouse.pole import create_pole_views


def build_derived(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild every derived view in one transaction."""
    with transaction(con):
        create_pole_views(con)
