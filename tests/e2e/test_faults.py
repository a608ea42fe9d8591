"""Faults a scheduled run meets, told plainly: unreadable entries refuse their extract, a run
with refused extracts says so in its exit code, older data still in use is named, and the
machine's failures end in a sentence, not a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lookout.warehouse.database import open_warehouse
from lookout.workspace import Workspace
from tests.conftest import csv_text, write_extract

NOMINALS = csv_text(["nominal_id", "surname", "forenames", "dob"],
                    [["N1", "Marsh", "Katie", "1991-04-17"], ["N2", "Hooper", "Jade", "1992-09-03"]])
PUPILS = csv_text(["upn", "school_urn", "surname", "forenames"], [["A123456789012", "1", "Ryan", "Chloe"]])


def lookout(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lookout", *args], capture_output=True, text=True,
                          env={**os.environ, "COLUMNS": "200"})


def _said(result: subprocess.CompletedProcess) -> str:
    return result.stdout + result.stderr


def test_a_contract_file_that_is_a_folder_refuses_its_extract_and_exits_3(drop, tmp_path) -> None:
    write_extract(drop, "police", "police", {"nominals.csv": NOMINALS})
    school = write_extract(drop, "school", "education", {})
    (school / "pupils.csv").mkdir()
    result = lookout("ingest", str(drop), "--workspace", str(tmp_path / "ws"))
    assert result.returncode == 3, _said(result)
    assert "pupils.csv: is a folder, not a file" in _said(result) and "Traceback" not in _said(result)
    con = open_warehouse(Workspace(tmp_path / "ws"), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM police_nominals").fetchall()[0][0] == 2
        assert con.execute("SELECT source FROM extract_failures").fetchall() == [("school",)]
    finally:
        con.close()


def test_a_broken_link_in_place_of_a_contract_file_refuses_its_extract(drop, tmp_path) -> None:
    police = write_extract(drop, "police", "police", {"nominals.csv": NOMINALS})
    (police / "incidents.csv").symlink_to(tmp_path / "nowhere.csv")
    result = lookout("ingest", str(drop), "--workspace", str(tmp_path / "ws"))
    assert result.returncode == 3 and "incidents.csv: is a broken link" in _said(result)


def test_a_folder_whose_name_is_not_utf8_is_refused_alone(drop, tmp_path) -> None:
    write_extract(drop, "police", "police", {"nominals.csv": NOMINALS})
    odd = os.path.join(os.fsencode(drop), b"\xe9cole")
    os.mkdir(odd)
    write_extract(drop, "school", "education", {"pupils.csv": PUPILS})
    os.rename(os.path.join(os.fsencode(drop), b"school"), os.path.join(odd, b"x"))
    result = lookout("run", str(drop), "--workspace", str(tmp_path / "ws"))
    assert result.returncode == 3, _said(result)
    assert "not UTF-8" in _said(result) and "Traceback" not in _said(result)
    con = open_warehouse(Workspace(tmp_path / "ws"), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM police_nominals").fetchall()[0][0] == 2
    finally:
        con.close()


def test_an_extract_missing_from_a_drop_or_sent_empty_is_named_as_still_in_use(tmp_path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    write_extract(first, "police", "police", {"nominals.csv": NOMINALS})
    write_extract(first, "school", "education", {"pupils.csv": PUPILS})
    write_extract(second, "police", "police", {"nominals.csv": "nominal_id,surname\n"},
                  extracted_at="2013-10-02T08:00:00")
    assert lookout("run", str(first), "--workspace", str(tmp_path / "ws")).returncode == 0
    result = lookout("run", str(second), "--workspace", str(tmp_path / "ws"))
    assert result.returncode == 0, _said(result)
    status = lookout("status", "--workspace", str(tmp_path / "ws")).stdout
    assert "police/nominals.csv has no rows: what earlier extracts of it sent is still in use" in status
    assert "school was not in this drop: its extract of 2013-09-02 is still in use" in status


def test_a_missing_drop_is_a_plain_error(tmp_path) -> None:
    result = lookout("run", str(tmp_path / "no-such-drop"), "--workspace", str(tmp_path / "ws"))
    assert result.returncode == 1 and "is not a folder" in _said(result)
    assert "Traceback" not in _said(result)


def test_a_second_command_on_a_workspace_in_use_is_told_who_holds_it(drop, tmp_path) -> None:
    write_extract(drop, "police", "police", {"nominals.csv": NOMINALS})
    assert lookout("ingest", str(drop), "--workspace", str(tmp_path / "ws")).returncode == 0
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from pathlib import Path; from lookout.workspace import Workspace; "
        "from lookout.runs.publish import publishing, note_stage\n"
        "with publishing(Workspace(Path(sys.argv[1])), 'run') as staged:\n"
        "    note_stage(staged, 'link'); print('held', flush=True); time.sleep(60)"),
        str(tmp_path / "ws")], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        result = lookout("ingest", str(drop), "--workspace", str(tmp_path / "ws"))
        assert result.returncode == 1, _said(result)
        assert "`lookout run` is already changing this workspace" in _said(result)
        assert "at link" in _said(result) and "Traceback" not in _said(result)
        status = lookout("status", "--workspace", str(tmp_path / "ws")).stdout
        assert "`lookout run` is in progress" in status
        # readers are served the last complete results meanwhile
        assert lookout("quarantine", "--workspace", str(tmp_path / "ws")).returncode == 0
    finally:
        holder.kill()
        holder.wait()
    status = lookout("status", "--workspace", str(tmp_path / "ws")).stdout
    assert "was interrupted at link and did not complete" in status
