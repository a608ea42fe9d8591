"""Stream a contract CSV file as Arrow batches of strings, every row with its physical line.

The contract's general rules: UTF-8 (a BOM is tolerated), one header row, comma separated,
RFC 4180 quoting (values may hold quoted newlines). Parsing is done by Arrow's CSV reader,
which reports malformed records (wrong number of values, an unterminated quote) by record
number. Record numbers are turned into physical line numbers here, so a user is told the line
an editor shows, even after values with embedded newlines.

A quote left open is the one way a CSV file can hide records: everything up to the next quote
becomes one value. A record whose quoted value runs over lines that each read, on their own, as
a record of the file (the header's number of values) is taken to have swallowed them: its first
line is quarantined ("a quoted value opened here is never closed") and every line it swallowed
is read again on its own, so no record is lost unseen. A note that legitimately runs over lines
is kept whole unless one of its lines happens to hold exactly as many commas as a record does.

A large file without a double quote anywhere can be read in byte ranges side by side
(`line_spans`): no value can then hold a newline, so every range starting after a newline starts
a record, and a range's lines follow from the number of records in the ranges before it.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from lookout.contract.errors import ExtractError

LINE_COLUMN = "_line"
_BLOCK_SIZE = 32 << 20
_STRINGS = pa.dictionary(pa.int32(), pa.string())


@dataclass(frozen=True)
class MalformedRecord:
    """A record the CSV parser could not split into the header's columns."""

    line: int
    text: str
    problem: str


def read_header(path: Path) -> list[str]:
    """The header row's column names as written (stripped), or an ExtractError."""
    try:
        with path.open("rb") as handle:
            raw = handle.readline()
            while raw.count(b'"') % 2 == 1:  # a quoted header name holds a newline
                more = handle.readline()
                if not more:
                    break
                raw += more
        header = next(csv.reader([raw.decode("utf-8-sig")]), None)
    except UnicodeDecodeError as exc:
        raise ExtractError(path, f"is not UTF-8 text (byte 0x{exc.object[exc.start]:02X})", line=1) from exc
    except OSError as exc:
        raise ExtractError(path, f"cannot be read: {exc.strerror}") from exc
    if not header or all(not name.strip() for name in header):
        raise ExtractError(path, "is empty: it has no header row", line=1)
    names = [name.strip() for name in header]
    seen: dict[str, int] = {}
    for position, name in enumerate(names, start=1):
        if not name:
            raise ExtractError(path, f"header column {position} has no name", line=1)
        if name.lower() in seen:
            raise ExtractError(
                path, f"header names column {name!r} twice (columns {seen[name.lower()]} and {position})",
                line=1)
        seen[name.lower()] = position
    return names


@dataclass
class _LineTracker:
    """Maps the parser's record numbers (header = 1) to physical line numbers."""

    next_record: int = 2  # the header is record 1; a span after the header starts at 1
    extra_lines: int = 0  # newlines inside quoted values of all records already placed
    pending: list[tuple[int, str]] = field(default_factory=list)  # malformed, not yet placed

    def place(self, newline_counts: np.ndarray) -> tuple[np.ndarray, list[tuple[int, str]]]:
        """Lines of the next valid rows, and the malformed records (line, text) before them."""
        n = len(newline_counts)
        if not self.pending and not newline_counts.any():  # the common case: a clean block
            lines = np.arange(self.next_record, self.next_record + n, dtype=np.int64) + self.extra_lines
            self.next_record += n
            return lines, []
        pending_numbers = np.array([number for number, _ in self.pending], dtype=np.int64)
        candidates = np.arange(self.next_record, self.next_record + n + len(pending_numbers),
                               dtype=np.int64)
        records = np.setdiff1d(candidates, pending_numbers, assume_unique=True)[:n]
        last = records[-1] if n else self.next_record - 1
        placed = [(num, text) for num, text in self.pending if num < last or n == 0]
        self.pending = [(num, text) for num, text in self.pending if not (num < last or n == 0)]

        all_numbers = np.concatenate([records, np.array([num for num, _ in placed], dtype=np.int64)])
        all_newlines = np.concatenate([
            newline_counts.astype(np.int64),
            np.array([text.count("\n") for _, text in placed], dtype=np.int64),
        ])
        order = np.argsort(all_numbers, kind="stable")
        shifted = np.empty_like(all_numbers)
        ordered_newlines = all_newlines[order]
        shifted[order] = self.extra_lines + np.cumsum(ordered_newlines) - ordered_newlines
        lines = all_numbers + shifted
        self.extra_lines += int(all_newlines.sum())
        if len(all_numbers):
            self.next_record = int(all_numbers.max()) + 1
        return lines[:n], [(int(line), text) for line, (_, text) in zip(lines[n:], placed)]


class CsvBatches:
    """Iterate a CSV file's records as Arrow batches of strings with a `_line` column.

    Columns are named by the header as written; every value is a string ('' when blank),
    dictionary-encoded per batch (the reader hashes each value as it converts it, which costs
    less than building plain strings and encoding them after).
    Malformed records and entirely blank lines never reach the batches: malformed ones are
    collected in `malformed` (complete once iteration ends), blank ones counted.
    """

    def __init__(self, path: Path, header: list[str], *, has_quotes: bool | None = None,
                 span: tuple[int, int] | None = None) -> None:
        """`has_quotes`: whether the file holds a double quote anywhere, if the caller already
        knows (it read the file to hash it); otherwise the file is scanned for one.

        `span`: read only the bytes [start, end) of a file without quotes, as `line_spans`
        gives them. Lines then count from the span's start (its first record is line 1, or
        line 2 in the span holding the header), and `last_line` says where the span ended."""
        self.path = path
        self.header = header
        self._has_quotes = has_quotes
        self.span = span
        self.malformed: list[MalformedRecord] = []
        self.blank_lines = 0
        self.rows_yielded = 0
        self._after_header = span is not None and span[0] > 0
        self._tracker = _LineTracker(next_record=1 if self._after_header else 2)
        self._quoted = True  # whether any value may hold a quoted newline

    @property
    def last_line(self) -> int:
        """The last line read (counted as `_line` is), once iteration has ended."""
        return self._tracker.next_record - 1 + self._tracker.extra_lines

    def __iter__(self) -> Iterator[pa.RecordBatch]:
        width = len(self.header)
        internal = [f"c{i}" for i in range(width)]
        self._quoted = _has_quotes(self.path) if self._has_quotes is None else self._has_quotes
        if self.span is not None and self._quoted:
            raise ValueError(f"{self.path} holds double quotes: it cannot be read in byte ranges")

        def on_invalid(row: pacsv.InvalidRow) -> str:
            self._tracker.pending.append((row.number, row.text))
            return "skip"

        try:
            reader = pacsv.open_csv(
                self._source(),
                read_options=pacsv.ReadOptions(
                    use_threads=False, block_size=_BLOCK_SIZE, column_names=internal,
                    skip_rows=0 if self._after_header else 1),
                parse_options=pacsv.ParseOptions(
                    # Only a quoted value can hold a newline; files without quotes parse faster.
                    newlines_in_values=self._quoted, ignore_empty_lines=False,
                    invalid_row_handler=on_invalid),
                convert_options=pacsv.ConvertOptions(
                    column_types={name: _STRINGS for name in internal},
                    strings_can_be_null=False, quoted_strings_can_be_null=False),
            )
            for batch in reader:
                yield from self._finish(batch, width)
        except pa.ArrowInvalid as exc:
            raise self._explain(exc) from exc
        lines, placed = self._tracker.place(np.zeros(0, dtype=np.int64))
        recovered = self._record_malformed(placed, width)
        if recovered:
            yield self._batch_of(recovered, width)

    def _source(self) -> Path | pa.BufferReader:
        if self.span is None:
            return self.path
        start, end = self.span
        mapped = pa.memory_map(str(self.path))  # the slice keeps the mapping open while read
        return pa.BufferReader(mapped.read_buffer().slice(start, end - start))

    def _finish(self, batch: pa.RecordBatch, width: int) -> Iterator[pa.RecordBatch]:
        columns = [batch.column(i) for i in range(width)]
        newlines = np.zeros(batch.num_rows, dtype=np.int64)
        if self._quoted:  # without quotes no value can hold a newline
            for column in columns:
                counts = pc.count_substring(column.dictionary, "\n")
                if pc.max(counts).as_py():
                    newlines += pc.take(counts, column.indices).to_numpy(zero_copy_only=False)
        lines, placed = self._tracker.place(newlines)
        recovered = self._record_malformed(placed, width)

        table = pa.RecordBatch.from_arrays(
            [*columns, pa.array(lines, type=pa.int64())], names=[*self.header, LINE_COLUMN])
        if self._quoted and newlines.any():
            swallowers = self._swallowers(columns, newlines, width)
            if swallowers:
                for row in swallowers:
                    recovered += self._unswallow(int(lines[row]), int(newlines[row]), width)
                keep = np.ones(batch.num_rows, dtype=bool)
                keep[swallowers] = False
                table = table.filter(pa.array(keep))
        if recovered:
            yield self._batch_of(recovered, width)
        # A row whose every value is empty ('' or ',,,') is a blank line, not a record.
        blank = pc.equal(columns[0], "")
        if pc.any(blank).as_py():
            for column in columns[1:]:
                blank = pc.and_(blank, pc.equal(column, ""))
            if pc.any(blank).as_py():
                self.blank_lines += pc.sum(blank).as_py()
                table = table.filter(pc.invert(blank))
        self.rows_yielded += table.num_rows
        if table.num_rows:
            yield table

    def _record_malformed(self, placed: list[tuple[int, str]], width: int) -> list[tuple[int, list[str]]]:
        """Note malformed records; return records recovered from lines a malformed one swallowed."""
        recovered: list[tuple[int, list[str]]] = []
        for line, text in placed:
            inner = text.split("\n")
            if len(inner) > 1 and any(_reads_as_record(part, width) for part in inner[1:]):
                recovered += self._split(line, inner, width)
                continue
            self.malformed.append(MalformedRecord(line, text, _describe_malformed(text, width)))
        return recovered

    def _swallowers(self, columns: list, newlines: np.ndarray, width: int) -> list[int]:
        """Rows with a value running over lines that each read as a record of their own."""
        found = []
        for row in np.flatnonzero(newlines):
            for column in columns:
                value = column[int(row)].as_py()
                if value and "\n" in value and any(
                        _reads_as_record(part, width) for part in value.split("\n")[1:]):
                    found.append(int(row))
                    break
        return found

    def _unswallow(self, line: int, newlines: int, width: int) -> list[tuple[int, list[str]]]:
        """Quarantine the first physical line of a swallowing record and read the lines it
        swallowed again, each on its own."""
        return self._split(line, self._physical_lines(line, line + newlines), width)

    def _split(self, line: int, texts: list[str], width: int) -> list[tuple[int, list[str]]]:
        self.malformed.append(MalformedRecord(
            line, texts[0], f"a quoted value opened on this line is never closed where it should "
                            f"be: it ran on over the next {len(texts) - 1} line(s), which are read "
                            "again on their own"))
        recovered = []
        for offset, text in enumerate(texts[1:], start=1):
            if not text.strip():
                self.blank_lines += 1
                continue
            values = _values(text)
            if values is not None and len(values) == width:
                recovered.append((line + offset, values))
            else:
                self.malformed.append(MalformedRecord(line + offset, text,
                                                      _describe_malformed(text, width)))
        return recovered

    def _physical_lines(self, first: int, last: int) -> list[str]:
        """Lines `first` to `last` of the file (1-based, as `_line` counts), as text."""
        found = []
        with self.path.open("rb") as handle:
            for number, raw in enumerate(handle, start=1):
                if number > last:
                    break
                if number >= first:
                    found.append(raw.decode("utf-8-sig" if number == 1 else "utf-8").rstrip("\r\n"))
        return found

    def _batch_of(self, rows: list[tuple[int, list[str]]], width: int) -> pa.RecordBatch:
        """Recovered records as a batch shaped like the parser's."""
        arrays = [pa.array([values[i] for _, values in rows], type=pa.string()).dictionary_encode()
                  for i in range(width)]
        arrays.append(pa.array([line for line, _ in rows], type=pa.int64()))
        self.rows_yielded += len(rows)
        return pa.RecordBatch.from_arrays(arrays, names=[*self.header, LINE_COLUMN])

    def _explain(self, exc: pa.ArrowInvalid) -> ExtractError:
        # a byte that is not UTF-8 is the commonest cause, whatever the parser stumbled on
        line, byte = _first_invalid_utf8(self.path)
        if byte is not None:
            return ExtractError(self.path, f"is not UTF-8 text (byte 0x{byte:02X}); re-export it as UTF-8",
                                line=line)
        return ExtractError(self.path, f"cannot be parsed as CSV: {exc}")


def line_spans(path: Path, size: int) -> list[tuple[int, int]]:
    """Byte ranges [start, end) of about `size` bytes covering the file, each ending just after
    a newline (or at the end of the file). Only for files without double quotes."""
    total = path.stat().st_size
    spans: list[tuple[int, int]] = []
    start = 0
    with path.open("rb") as handle:
        while start < total:
            handle.seek(min(start + size, total))
            end = handle.tell()
            while end < total:
                window = handle.read(1 << 16)
                newline = window.find(b"\n")
                if newline >= 0:
                    end += newline + 1
                    break
                end += len(window)
            spans.append((start, min(end, total)))
            start = min(end, total)
    return spans


def _has_quotes(path: Path) -> bool:
    with path.open("rb") as handle:
        while chunk := handle.read(_BLOCK_SIZE):
            if b'"' in chunk:
                return True
    return False


def _values(text: str) -> list[str] | None:
    try:
        return next(csv.reader([text]), [])
    except csv.Error:
        return None


def _reads_as_record(text: str, width: int) -> bool:
    """True when one line, on its own, holds exactly the header's number of values."""
    values = _values(text)
    return values is not None and len(values) == width and width > 1 and any(v.strip() for v in values)


def _describe_malformed(text: str, width: int) -> str:
    try:
        values = next(csv.reader(io.StringIO(text)), [])
    except csv.Error:
        values = []
    if text.count('"') % 2 == 1:
        return "a quoted value is never closed (unbalanced double quote)"
    return f"has {len(values)} values but the header has {width} columns"


def _first_invalid_utf8(path: Path) -> tuple[int, int | None]:
    """The line and byte of the file's first byte that is not UTF-8; (last line, None) if none."""
    line = 1
    with path.open("rb") as handle:
        for raw in handle:
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                return line, raw[exc.start]
            line += 1
    return line, None


def _quiet_invalid_row_decoding(unraisable) -> None:
    """Arrow decodes a malformed row's text before handing it to our handler; a row holding a
    byte that is not UTF-8 fails there, is reported as an unraisable exception, and the parse
    then fails, which `_explain` turns into "not UTF-8 text" naming the line. The report is
    noise; anything else unraisable is reported as usual."""
    if isinstance(unraisable.exc_value, UnicodeDecodeError) and "on_invalid" in repr(unraisable.object):
        return
    _DEFAULT_UNRAISABLE(unraisable)


_DEFAULT_UNRAISABLE = sys.unraisablehook
sys.unraisablehook = _quiet_invalid_row_decoding
