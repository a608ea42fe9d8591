"""Any bytes in any contract file: every record is stored or quarantined, by line, and the
counts add up (property-based, Hypothesis)."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lookout.contract import ALL_FILES
from lookout.warehouse.database import open_warehouse
from lookout.warehouse.load import load_extract
from lookout.workspace import Workspace
from tests.conftest import write_extract

# Characters that break CSV files in the ways real exports do: separators, quotes, line ends,
# semicolons (lists), non-ASCII letters, a BOM, tabs
CELL = st.text(alphabet=st.sampled_from(list('ab1 ,;"\n\r\t-/:Té\ufeff0Y')), max_size=12)


@st.composite
def contract_files(draw):
    contract_file = draw(st.sampled_from(ALL_FILES))
    columns = list(contract_file.required_names) + draw(st.lists(
        st.sampled_from(contract_file.column_names), max_size=4, unique=True))
    columns = list(dict.fromkeys(columns))
    rows = draw(st.lists(st.lists(CELL, min_size=len(columns) - 1, max_size=len(columns) + 1),
                         max_size=15))
    body = "\n".join(",".join(row) for row in rows)
    tail = draw(st.sampled_from(["", "\n", "\r\n", '"', "\n\n"]))
    raw = (",".join(columns) + "\n" + body + tail).encode("utf-8")
    if draw(st.booleans()) and raw:   # now and then, a byte that is not UTF-8
        at = draw(st.integers(min_value=0, max_value=len(raw) - 1))
        raw = raw[:at] + draw(st.sampled_from([b"\xff", b"\xe9", b"\x00"])) + raw[at:]
    return contract_file, raw


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(made=contract_files())
def test_every_record_of_any_file_is_stored_or_quarantined(made) -> None:
    contract_file, raw = made
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        folder = write_extract(root / "drop", "x", contract_file.kind, {})
        (folder / contract_file.filename).write_bytes(raw)
        workspace = Workspace(root / "ws")
        con = open_warehouse(workspace)
        try:
            report = load_extract(con, folder)
            if report.status == "failed":   # refused whole, with its reason: nothing half-stored
                assert report.problem
                assert con.execute(f"SELECT count(*) FROM {contract_file.table}").fetchall()[0][0] == 0
                return
            (file,) = report.files
            assert file.rows_read == file.rows_loaded + file.rows_quarantined
            quarantined = {line for (line,) in con.execute("SELECT line FROM quarantine").fetchall()}
            assert len(quarantined) == file.rows_quarantined
            lines = len(re.split(rb"\r\n|\r|\n", raw))   # a lone CR ends a line too
            assert all(2 <= line <= lines for line in quarantined)
            if contract_file.filename != "attendance.csv":   # marks are stored as weekly counts
                stored = [line for (line,) in con.execute(
                    f"SELECT _line FROM {contract_file.table}").fetchall()]
                assert len(stored) == file.rows_loaded == len(set(stored))
                assert not set(stored) & quarantined
                assert all(2 <= line <= lines for line in stored)
        finally:
            con.close()
