"""One file read and checked, in byte ranges side by side when it is large and has no quotes.

Reading a CSV file and checking its rows are single-threaded work. A county's attendance
registers run to gigabytes, so a large file without a double quote anywhere is cut into byte
ranges at line ends (`line_spans`) and the ranges are read, checked and (for registers) counted
on a thread pool, a few at a time, then handed on in file order with their lines made whole-file
lines. Any other file is read as one stream. Either way the rows, quarantine entries and counts
are exactly those of reading the file from top to bottom.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from concurrent.futures import Executor, Future
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from lookout.contract import ContractFile
from lookout.contract.csv_reader import LINE_COLUMN, CsvBatches, line_spans
from lookout.warehouse.register_marks import REGISTER_TABLE, RegisterMarks
from lookout.warehouse.row_checks import RowChecker

SPAN_BYTES = 64 << 20  # a range per task: large enough that a task's fixed costs do not show


@dataclass
class FileToCheck:
    """A contract file of one load, with what checking its rows needs."""

    contract_file: ContractFile
    path: Path
    header: list[str]
    has_quotes: bool
    source: str
    load_id: str
    latest: str | None = None  # the last possible date of a record (see row_checks)

    @property
    def is_register(self) -> bool:
        return self.contract_file.table == REGISTER_TABLE


@dataclass
class CheckedPart:
    """What reading and checking a file, or one byte range of it, found.

    Lines are counted from the part's start; `shift` turns them into whole-file lines."""

    rejected: list[dict] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)
    blank_lines: int = 0
    rows_read: int = 0
    last_line: int = 0
    weekly: list[pa.Table] = field(default_factory=list)  # a register's partial weekly counts

    def shift(self, lines: int) -> None:
        """Move the part's lines on by `lines` (the lines of the file before it)."""
        for entry in (*self.rejected, *self.warnings):
            entry["line"] += lines


def check_rows(file: FileToCheck, executor: Executor | None, workers: int,
               part_done: list[CheckedPart]) -> Iterator[tuple[pa.Table, int]]:
    """The file's valid rows to store, in file order, each table with the number of raw rows
    it came from; every part's findings are appended to `part_done` (lines whole-file) as the
    part is handed on, the last when the iteration ends."""
    spans = line_spans(file.path, SPAN_BYTES) if executor and not file.has_quotes else []
    if len(spans) < 2:
        part = CheckedPart()
        yield from _check_part(file, None, part)
        part_done.append(part)
        return
    pending: deque[Future] = deque()
    queued = iter(spans)
    offset = 0

    def submit_next() -> None:
        span = next(queued, None)
        if span is not None:
            pending.append(executor.submit(_check_span, file, span))

    for _ in range(workers + 1):  # keep every worker busy and one range ready
        submit_next()
    try:
        while pending:
            tables, part = pending.popleft().result()
            submit_next()
            part.shift(offset)
            for table, raw_rows in tables:
                if offset:
                    table = table.set_column(table.schema.get_field_index(LINE_COLUMN), LINE_COLUMN,
                                             pc.add(table[LINE_COLUMN], offset))
                yield table, raw_rows
            offset += part.last_line
            part_done.append(part)
    finally:
        for future in pending:
            future.cancel()


def _check_span(file: FileToCheck, span: tuple[int, int]) -> tuple[list[tuple[pa.Table, int]], CheckedPart]:
    part = CheckedPart()
    return list(_check_part(file, span, part)), part


def _check_part(file: FileToCheck, span: tuple[int, int] | None,
                part: CheckedPart) -> Iterator[tuple[pa.Table, int]]:
    lower = [name.lower() for name in file.header]
    checker = RowChecker(file.contract_file, lower, source=file.source, load_id=file.load_id,
                         latest=file.latest)
    marks = RegisterMarks() if file.is_register else None
    batches = CsvBatches(file.path, file.header, has_quotes=file.has_quotes, span=span)
    for raw in batches:
        valid, bad, warned = checker.check(raw.rename_columns([*lower, LINE_COLUMN]))
        part.rejected.extend(bad)
        part.warnings.extend(warned)
        yield (marks.take(valid) if marks else valid), raw.num_rows
    if marks:
        part.weekly = marks.counts()
    part.rejected.extend({"line": m.line, "column_name": None, "value": None, "reason": m.problem,
                          "raw": m.text} for m in batches.malformed)
    part.blank_lines = batches.blank_lines
    part.rows_read = batches.rows_yielded + len(batches.malformed)
    part.last_line = batches.last_line
