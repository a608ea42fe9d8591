"""Write, check, publish: a command that changes derived data changes a staged copy, and the
copy is swapped in whole only when the command completes.

Readers (the app, `lookout flags`, exports) are served from the workspace's published
warehouse, lake and run report, and never see a half-written run: a run killed at any moment
leaves the last complete results served, every table of them from the same run. The staged
copy starts as a copy of what is served (the DuckDB warehouse is copied; a Parquet lake is
linked file by file, so it costs no space), every stage writes to it, and publishing renames
it over the served one (`os.replace`, atomic on one file system; a lake is a link to its
generation, swapped the same way). Readers that opened the old files keep reading them.

One command at a time changes a workspace: the command holds an exclusive lock on `run.lock`
(released by the operating system however the process ends) and leaves `run-in-progress.json`
saying what it is doing. A second command waits for nothing: it is told plainly who holds the
workspace. A marker left behind with the lock free is a command that was killed or crashed;
`lookout status` says so, and the next command clears it.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import shutil
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from lookout.workspace import Workspace

__all__ = ["RunInProgress", "last_run_problem", "note_stage", "publishing"]

LOCK = "run.lock"
MARKER = "run-in-progress.json"


class RunInProgress(RuntimeError):
    """Another command is changing the workspace."""


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _marker(workspace: Workspace) -> Path:
    return workspace.root / MARKER


def _read_marker(workspace: Workspace) -> dict | None:
    try:
        return json.loads(_marker(workspace).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None


def _write_marker(workspace: Workspace, marker: dict) -> None:
    partial = _marker(workspace).with_suffix(".partial")
    partial.write_text(json.dumps(marker, indent=2) + "\n", encoding="utf-8")
    os.replace(partial, _marker(workspace))


# Fault injection: a command whose environment names a stage here is killed, as a power cut
# would kill it, the moment it reaches that stage (the tests' way to prove nothing is lost).
FAULT_AT = "LOOKOUT_FAULT_AT"


def note_stage(workspace: Workspace, stage: str) -> None:
    """Record the stage a staged command has reached (nothing for an unstaged workspace)."""
    if not workspace.staging:
        return
    marker = _read_marker(workspace)
    if marker is not None:
        _write_marker(workspace, {**marker, "stage": stage, "stage_started_at": _now()})
    if os.environ.get(FAULT_AT) == stage:
        os.kill(os.getpid(), signal.SIGKILL)


def _lock_is_free(workspace: Workspace) -> bool:
    path = workspace.root / LOCK
    if not path.exists():
        return True
    with path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        fcntl.flock(handle, fcntl.LOCK_UN)
        return True


def last_run_problem(workspace: Workspace) -> str | None:
    """A sentence when a command is changing the workspace now, or the last one did not
    complete; None when the last command completed."""
    marker = _read_marker(workspace)
    if marker is None:
        return None
    what, stage = marker.get("what", "a command"), marker.get("stage", "its start")
    started = marker.get("started_at", "an unknown time")
    if not _lock_is_free(workspace):
        return (f"`lookout {what}` is in progress (process {marker.get('pid')}, started {started}, "
                f"now at {stage}); the results shown are those of the last complete run")
    if marker.get("failed"):
        return (f"the last `lookout {what}` (started {started}) failed at {stage}: "
                f"{marker['failed']}; the results shown are those of the last complete run")
    return (f"the last `lookout {what}` (started {started}) was interrupted at {stage} and did "
            "not complete; the results shown are those of the last complete run")


@contextmanager
def publishing(workspace: Workspace, what: str) -> Iterator[Workspace]:
    """Hold the workspace, stage its derived data, yield the staged workspace to write to, and
    publish it when the block completes; on any failure the served data is left untouched."""
    served = workspace.served.ensure()
    handle = (served.root / LOCK).open("a")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        marker = _read_marker(served) or {}
        raise RunInProgress(
            f"`lookout {marker.get('what', 'a command')}` is already changing this workspace "
            f"(process {marker.get('pid', '?')}, started {marker.get('started_at', '?')}, at "
            f"{marker.get('stage', 'its start')}): wait for it to finish, then try again") from None
    try:
        _write_marker(served, {"what": what, "pid": os.getpid(), "started_at": _now(),
                               "stage": "staging"})
        staged = served.staged()
        _clear_staged(staged)
        _stage(served, staged)
        try:
            yield staged
            _check(staged)
        except BaseException as error:
            _clear_staged(staged)
            if getattr(error, "exit_code", None) is not None:
                # a command that stopped on purpose, saying why (a refused decision, say),
                # changed nothing and failed at nothing
                _marker(served).unlink(missing_ok=True)
            elif isinstance(error, Exception):
                marker = _read_marker(served) or {}
                _write_marker(served, {**marker, "failed": str(error) or type(error).__name__})
            raise
        _publish(served, staged)
        _marker(served).unlink(missing_ok=True)
    finally:
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()


def _report(workspace: Workspace) -> Path:
    from lookout.runs.report import report_path

    return report_path(workspace)


def _clear_staged(staged: Workspace) -> None:
    for path in (staged.warehouse_path, staged.warehouse_path.with_name(staged.warehouse_path.name + ".wal"),
                 _report(staged)):
        path.unlink(missing_ok=True)
    if staged.lake_path.is_symlink() or staged.lake_path.is_file():
        staged.lake_path.unlink()
    elif staged.lake_path.exists():
        shutil.rmtree(staged.lake_path)


def _stage(served: Workspace, staged: Workspace) -> None:
    """Begin the staged copy from what is served."""
    if served.warehouse_path.exists():
        shutil.copy2(served.warehouse_path, staged.warehouse_path)
        wal = served.warehouse_path.with_name(served.warehouse_path.name + ".wal")
        if wal.exists():  # left by a writer of an earlier version that did not close cleanly
            shutil.copy2(wal, staged.warehouse_path.with_name(staged.warehouse_path.name + ".wal"))
    if served.lake_path.exists():
        shutil.copytree(served.lake_path.resolve(), staged.lake_path, copy_function=os.link)
    if _report(served).exists():
        shutil.copy2(_report(served), _report(staged))


def _check(staged: Workspace) -> None:
    """The staged warehouse opens and reads: nothing half-written is ever published."""
    import duckdb

    if staged.warehouse_path.exists():
        con = duckdb.connect(str(staged.warehouse_path), read_only=True)
        try:
            con.execute("SELECT count(*) FROM information_schema.tables").fetchall()
        finally:
            con.close()


def _publish(served: Workspace, staged: Workspace) -> None:
    if staged.warehouse_path.exists():
        os.replace(staged.warehouse_path, served.warehouse_path)
        served.warehouse_path.with_name(served.warehouse_path.name + ".wal").unlink(missing_ok=True)
    if staged.lake_path.exists():
        _swap_lake(served, staged)
    if _report(staged).exists():
        os.replace(_report(staged), _report(served))


def _swap_lake(served: Workspace, staged: Workspace) -> None:
    """Make the staged lake the served one: a generation folder, and the served path a link to
    it swapped in one rename. The generation before stays for readers still using it."""
    root = served.root
    generation = root / f"lake-{dt.datetime.now(dt.timezone.utc).strftime('%Y%m%dT%H%M%S%f')}"
    os.rename(staged.lake_path, generation)
    if served.lake_path.exists() and not served.lake_path.is_symlink():
        os.rename(served.lake_path, root / "lake-before-generations")  # an earlier version's lake
    link = root / "lake.link"
    link.unlink(missing_ok=True)
    link.symlink_to(generation.name)
    previous = served.lake_path.resolve() if served.lake_path.is_symlink() else None
    os.replace(link, served.lake_path)
    keep = {generation.name, previous.name if previous else None}
    for old in root.glob("lake-*"):
        if old.name not in keep and old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
