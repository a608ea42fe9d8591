"""A full disk and a read-only workspace, made real with small file systems mounted for the
test (it is skipped where the machine does not allow mounting): the run ends in a sentence
with the next step, the last complete results stay served and readable, and `lookout status`
says what happened."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from lookout.warehouse.database import open_warehouse
from lookout.workspace import Workspace
from tests.conftest import csv_text, write_extract
from tests.e2e.test_faults import _said, lookout

NOMINALS = csv_text(["nominal_id", "surname", "forenames", "dob"],
                    [["N1", "Marsh", "Katie", "1991-04-17"], ["N2", "Hooper", "Jade", "1992-09-03"]])
MORE = csv_text(["nominal_id", "surname", "forenames", "dob", "address"],
                [[f"N{i}", f"Surname{i}", "Forename", "1990-01-01", "x" * 4000] for i in range(1, 3000)])


@pytest.fixture
def mount(tmp_path):
    """Mount a tmpfs of a given size at a folder; unmounted after the test."""
    mounted = []

    def make(size: str, where: Path) -> Path:
        where.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                              capture_output=True, text=True)
        if done.returncode != 0:
            pytest.skip(f"cannot mount a file system here: {done.stderr.strip()}")
        mounted.append(where)
        return where

    yield make
    for where in reversed(mounted):
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


def _served_nominals(workspace: Path) -> int:
    con = open_warehouse(Workspace(workspace), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM police_nominals").fetchall()[0][0]
    finally:
        con.close()


def _first_run(drop: Path, home: Path) -> Path:
    write_extract(drop, "police", "police", {"nominals.csv": NOMINALS})
    workspace = home / "ws"
    result = lookout("ingest", str(drop), "--workspace", str(workspace))
    assert result.returncode == 0, _said(result)
    return workspace


def test_a_full_disk_ends_in_a_sentence_and_keeps_the_last_results_served(drop, tmp_path, mount) -> None:
    built = _first_run(drop, tmp_path)
    used = sum(p.stat().st_size for p in built.rglob("*") if p.is_file())
    small = mount(f"{used + 6 * 1024 * 1024}", tmp_path / "small")
    shutil.copytree(built, small / "ws")
    (drop / "police" / "nominals.csv").write_text(MORE, encoding="utf-8")   # about 12 MB to load
    result = lookout("ingest", str(drop), "--workspace", str(small / "ws"))
    assert result.returncode == 1, _said(result)
    assert "the disk is full" in _said(result) and "Traceback" not in _said(result)
    assert _served_nominals(small / "ws") == 2
    status = lookout("status", "--workspace", str(small / "ws"))
    assert "did not complete" in _said(status) or "failed" in _said(status), _said(status)
    assert lookout("quarantine", "--workspace", str(small / "ws")).returncode == 0


def test_a_read_only_workspace_ends_in_a_sentence_and_stays_readable(drop, tmp_path, mount) -> None:
    built = _first_run(drop, tmp_path)
    frozen = mount("64m", tmp_path / "frozen")
    shutil.copytree(built, frozen / "ws")
    remounted = subprocess.run(["mount", "-o", "remount,ro", str(frozen)], capture_output=True, text=True)
    if remounted.returncode != 0:
        pytest.skip(f"cannot remount read-only here: {remounted.stderr.strip()}")
    result = lookout("ingest", str(drop), "--workspace", str(frozen / "ws"))
    assert result.returncode == 1, _said(result)
    assert "cannot be written" in _said(result) and "Traceback" not in _said(result)
    assert _served_nominals(frozen / "ws") == 2
    assert lookout("quarantine", "--workspace", str(frozen / "ws")).returncode == 0
