"""An ingest killed half-way leaves the last complete warehouse; the next run completes it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from lookout.runs import pipeline
from lookout.warehouse.database import open_warehouse
from lookout.workspace import Workspace
from tests.conftest import write_extract


def _attendance(pupils: int, days: int) -> str:
    rows = ["upn,school_urn,date,session,code"]
    for p in range(pupils):
        for d in range(days):
            month, day = divmod(d, 28)
            rows.append(f"A{p:06d},100001,2012-{month + 1:02d}-{day + 1:02d},AM,/")
            rows.append(f"A{p:06d},100001,2012-{month + 1:02d}-{day + 1:02d},PM,O")
    return "\n".join(rows) + "\n"


def _counts(workspace: Workspace) -> tuple:
    con = open_warehouse(workspace, read_only=True)
    try:
        return con.execute("""SELECT (SELECT count(*) FROM police_nominals),
                                     (SELECT coalesce(sum(marks), 0) FROM attendance_weekly),
                                     (SELECT count(*) FROM loads),
                                     (SELECT count(*) FROM load_files)""").fetchall()[0]
    finally:
        con.close()


def test_killed_ingest_rolls_back_and_the_next_run_completes(tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    write_extract(drop, "a-police", "police", {"nominals.csv": "nominal_id,surname\nN1,Smith\n"})
    workspace = Workspace(tmp_path / "ws")
    pipeline.ingest(drop, workspace)
    before = _counts(workspace)

    # 2.4 million marks: the first progress line comes after the first 32 MB block is read,
    # about half way through the file, so killing at that line kills the load half-done.
    write_extract(drop, "b-schools", "education", {"attendance.csv": _attendance(6000, 200)})
    process = subprocess.Popen(
        [sys.executable, "-m", "lookout", "ingest", str(drop), "--workspace", str(workspace.root)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "COLUMNS": "200"})
    assert process.stdout is not None
    for line in process.stdout:
        if "b-schools/attendance.csv" in line:
            process.send_signal(signal.SIGKILL)
            break
    process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL, "the ingest finished before it could be interrupted"

    assert _counts(workspace) == before  # the last complete state, nothing half-written

    report = pipeline.ingest(drop, workspace)
    assert [r.status for r in report.extracts] == ["unchanged", "loaded"]
    clean = Workspace(tmp_path / "clean")
    pipeline.ingest(drop, clean)
    assert _counts(workspace) == _counts(clean) == (1, 2_400_000, 2, 2)
