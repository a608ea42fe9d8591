"""A run killed at any moment leaves the last complete results served, and the next run gives
what a run that was never killed gives (fault injection: SIGKILL at each stage's start, and
part-way through the longer stages)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lookout.contract.results import RESULT_FILES
from lookout.runs.publish import FAULT_AT, MARKER
from lookout.simulate import simulate_county
from tests import drop_shapes

pytestmark = pytest.mark.slow
STAGES = ("ingest", "link", "indicators before networks", "networks", "indicators", "accountability")


def lookout(*args: str, fault_at: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "200"}
    if fault_at:
        env[FAULT_AT] = fault_at
    return subprocess.run([sys.executable, "-m", "lookout", *args], capture_output=True, text=True, env=env)


def _export(workspace: Path, out: Path) -> dict[str, bytes]:
    result = lookout("export", str(out), "--workspace", str(workspace))
    assert result.returncode == 0, result.stdout + result.stderr
    return {name: (out / name).read_bytes() for name in RESULT_FILES}


@pytest.fixture(scope="module")
def drops(tmp_path_factory) -> tuple[Path, Path, Path]:
    """Two drops (the second with an extract more) and a workspace holding the first's run."""
    root = tmp_path_factory.mktemp("killed")
    simulate_county(root / "county", children=1000, seed=4)
    first = drop_shapes.copy_sources(root / "county" / "drop", root / "first",
                                     ["oxon-police", "oxon-schools", "oxford-ed", "sexual-health"])
    second = root / "county" / "drop"
    base = root / "base"
    assert lookout("run", str(first), "--workspace", str(base)).returncode == 0
    return first, second, base


@pytest.fixture(scope="module")
def clean(drops, tmp_path_factory) -> dict[str, bytes]:
    """What the second drop's run gives when nothing kills it."""
    _, second, base = drops
    root = tmp_path_factory.mktemp("clean")
    shutil.copytree(base, root / "ws")
    assert lookout("run", str(second), "--workspace", str(root / "ws")).returncode == 0
    return _export(root / "ws", root / "out")


@pytest.mark.parametrize("stage", STAGES)
def test_a_run_killed_at_a_stage_serves_the_last_complete_run_then_reruns_clean(
        drops, clean, tmp_path, stage) -> None:
    _, second, base = drops
    workspace = tmp_path / "ws"
    shutil.copytree(base, workspace)
    before = _export(workspace, tmp_path / "before")
    killed = lookout("run", str(second), "--workspace", str(workspace), fault_at=stage)
    assert killed.returncode == -signal.SIGKILL
    assert _export(workspace, tmp_path / "served") == before
    status = lookout("status", "--workspace", str(workspace)).stdout
    assert f"was interrupted at {stage} and did not complete" in status
    assert lookout("run", str(second), "--workspace", str(workspace)).returncode == 0
    assert _export(workspace, tmp_path / "after") == clean
    assert not (workspace / MARKER).exists()


@pytest.mark.parametrize("stage, into", [("link", 0.3), ("networks", 0.02)])
def test_a_run_killed_part_way_through_a_stage_serves_the_last_complete_run(
        drops, clean, tmp_path, stage, into) -> None:
    _, second, base = drops
    workspace = tmp_path / "ws"
    shutil.copytree(base, workspace)
    before = _export(workspace, tmp_path / "before")
    run = subprocess.Popen([sys.executable, "-m", "lookout", "run", str(second), "--workspace",
                            str(workspace)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and f'"stage": "{stage}"' not in (
            (workspace / MARKER).read_text() if (workspace / MARKER).exists() else ""):
        time.sleep(0.005)
    time.sleep(into)   # inside the stage
    run.send_signal(signal.SIGKILL)
    assert run.wait() == -signal.SIGKILL, "the run ended before it could be killed"
    assert _export(workspace, tmp_path / "served") == before
    assert lookout("run", str(second), "--workspace", str(workspace)).returncode == 0
    assert _export(workspace, tmp_path / "after") == clean
