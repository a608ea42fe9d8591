"""Timing and peak memory of a command run in its own process."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Measurement:
    """Wall time and peak resident memory of one child process."""

    seconds: float
    peak_mb: float


def run_measured(args: list[str]) -> Measurement:
    """Run `args` in a fresh process (via GNU time's approach: wait4 rusage) and measure it."""
    started = time.perf_counter()
    process = subprocess.Popen(args, env={**os.environ, "COLUMNS": "120"})
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(args)} failed with exit code {os.waitstatus_to_exitcode(status)}")
    return Measurement(elapsed, usage.ru_maxrss / 1024)


def python_snippet(code: str) -> list[str]:
    """Arguments that run a Python snippet with this interpreter."""
    return [sys.executable, "-c", code]


__all__ = ["Measurement", "python_snippet", "run_measured"]
