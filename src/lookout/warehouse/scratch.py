"""Private in-memory engines for the small queries that check rows as they stream.

Making an engine costs more than the queries it runs, so engines are kept and lent out, one
borrower at a time: a borrower may be any thread, and no two ever share an engine at once.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import duckdb

_FREE: list[duckdb.DuckDBPyConnection] = []
_LOCK = threading.Lock()


@contextmanager
def scratch_engine() -> Iterator[duckdb.DuckDBPyConnection]:
    """Borrow a one-thread in-memory engine for the length of the `with` block."""
    with _LOCK:
        con = _FREE.pop() if _FREE else None
    if con is None:
        con = duckdb.connect(config={"threads": 1})
    try:
        yield con
    finally:
        with _LOCK:
            _FREE.append(con)
