"""Errors a user's input can cause, in plain English with the file that caused them."""

from __future__ import annotations

from pathlib import Path


class ExtractError(Exception):
    """An extract cannot be loaded as a whole (its manifest, a header, an unreadable file).

    The extract is skipped and nothing of it is stored; other extracts still load.
    """

    def __init__(self, path: Path, problem: str, *, line: int | None = None) -> None:
        self.path = Path(path)
        self.problem = problem
        self.line = line
        where = f"{self.path}" + (f", line {line}" if line else "")
        super().__init__(f"{where}: {problem}")
