"""Loading extracts into the warehouse: every row loaded or quarantined, nothing half-written.

One extract is loaded in one transaction. An extract whose content was loaded before is
skipped; a newer extract of the same source adds its rows and replaces rows with the same key
from older extracts. A crash part-way rolls the open transaction back, so the warehouse keeps
its last complete state and the next run loads what is missing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa

from lookout.contract import FILES_BY_KIND, MANIFEST_NAME, ContractFile, ExtractError, Manifest, read_manifest
from lookout.contract.csv_reader import read_header
from lookout.warehouse.checked_file import CheckedPart, FileToCheck, check_rows
from lookout.warehouse.register_marks import REGISTER_TABLE, store_weekly_counts
from lookout.warehouse.row_checks import RowChecker, ident
from lookout.warehouse.database import transaction

ProgressFn = Callable[[str, int], None]  # (what is being loaded, rows just read)


@dataclass
class FileReport:
    """What happened to one file of an extract."""

    file: str
    rows_read: int = 0
    rows_loaded: int = 0
    rows_quarantined: int = 0
    values_warned: int = 0  # implausible values of rows that were loaded (`load_warnings`)
    blank_lines: int = 0
    extra_columns: list[str] = field(default_factory=list)
    # optional columns of the contract the file's header does not have
    missing_columns: list[str] = field(default_factory=list)


@dataclass
class ExtractReport:
    """What happened to one extract folder: loaded, unchanged (seen before) or failed."""

    source: str
    kind: str | None
    status: str
    load_id: str | None = None
    files: list[FileReport] = field(default_factory=list)
    problem: str | None = None
    ignored_files: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _PlannedFile:
    contract_file: ContractFile
    path: Path
    header: list[str]


def ingest_drop(con: duckdb.DuckDBPyConnection, drop: Path, *, progress: ProgressFn | None = None,
                workers: int = 2) -> list[ExtractReport]:
    """Load every extract folder of a drop; return a report per extract, in name order.

    Extracts load side by side (`workers` at a time), each in its own transaction on its own
    cursor, and their large files are read and checked in byte ranges on a shared pool of
    `workers` threads (see `checked_file`): reading a CSV is single-threaded work, and one
    county's attendance registers outweigh everything else it sends. Extracts only ever
    append to shared tables or change their own rows, so their transactions never conflict."""
    if not drop.is_dir():
        raise FileNotFoundError(f"{drop} is not a folder: a drop is a folder of extract folders")
    folders = sorted(p for p in drop.iterdir() if p.is_dir() and not p.name.startswith("."))
    if not folders:
        raise FileNotFoundError(f"{drop} holds no extract folders")
    # Largest first, so the long loads start together and the small ones fill in around them.
    by_size = sorted(folders, key=lambda f: (-_folder_bytes(f), f.name))

    workers = max(1, workers)
    with ThreadPoolExecutor(max_workers=workers) as extracts, \
            ThreadPoolExecutor(max_workers=workers) as ranges:

        def load(folder: Path) -> ExtractReport:
            cursor = con.cursor()
            try:
                return load_extract(cursor, folder, progress=progress, executor=ranges, workers=workers)
            finally:
                cursor.close()

        reports = dict(zip(by_size, extracts.map(load, by_size)))
    return [reports[folder] for folder in folders]


def _folder_bytes(folder: Path) -> int:
    try:
        return sum(p.stat().st_size for p in folder.iterdir() if p.is_file())
    except OSError:
        return 0  # an unreadable folder is refused, with its reason, when it is loaded


def printable_name(name: str) -> str:
    """A file or folder name as text that can be stored and shown: bytes that are not UTF-8
    written as escapes (`\\xe9`)."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def load_extract(con: duckdb.DuckDBPyConnection, folder: Path, *, progress: ProgressFn | None = None,
                 executor: Executor | None = None, workers: int = 1) -> ExtractReport:
    """Load one extract folder in one transaction, or record why it could not be loaded.
    With an `executor`, large files are read in byte ranges on it, `workers` at a time."""
    digest = None
    try:
        if printable_name(folder.name) != folder.name:
            raise ExtractError(folder, "has a name that is not UTF-8 text: rename the folder "
                                       "(its name names every record it holds)")
        manifest = read_manifest(folder)
        planned, ignored = _plan(folder, manifest)
        digest, quoted = _content_sha256(folder, planned)
        load_id = f"{manifest.source}@{digest[:16]}"
        if con.execute("SELECT count(*) FROM loads WHERE load_id = ?", [load_id]).fetchall()[0][0]:
            return ExtractReport(manifest.source, manifest.kind, "unchanged", load_id,
                                 ignored_files=ignored)
        with transaction(con):
            reports = [_load_file(con, manifest, load_id, item, item.path in quoted, progress,
                                  executor, workers)
                       for item in planned]
            _record_load(con, manifest, load_id, digest, reports)
            _supersede_older_rows(con, manifest, load_id, planned)
        return ExtractReport(manifest.source, manifest.kind, "loaded", load_id, reports,
                             ignored_files=ignored)
    except ExtractError as error:
        name = printable_name(folder.name)
        con.execute(
            "INSERT INTO extract_failures VALUES (?, ?, ?, ?, ?, ?)",
            [name, printable_name(str(error.path)), error.line, error.problem, digest,
             dt.datetime.now(dt.timezone.utc)])
        return ExtractReport(name, None, "failed", problem=printable_name(str(error)))


def _plan(folder: Path, manifest: Manifest) -> tuple[list[_PlannedFile], list[str]]:
    """Find the contract files in the folder and check their headers before anything is written.
    A contract file that is not a readable file (a folder, a broken link, a device) refuses
    the extract: the agency meant to send it, and what it held must not vanish unseen."""
    try:
        entries = list(folder.iterdir())
    except OSError as error:
        raise ExtractError(folder, f"cannot be read: {error.strerror}") from error
    contract_names = {f.filename for f in FILES_BY_KIND[manifest.kind]} | {MANIFEST_NAME}
    for entry in entries:
        if entry.name.lower() in contract_names and not entry.is_file():
            what = ("a broken link" if entry.is_symlink() and not entry.exists()
                    else "a folder" if entry.is_dir() else "not a regular file")
            raise ExtractError(entry, f"is {what}, not a file: the extract cannot be loaded "
                                      "without it")
    by_name = {p.name.lower(): p for p in entries if p.is_file()}
    planned = []
    for contract_file in FILES_BY_KIND[manifest.kind]:
        path = by_name.pop(contract_file.filename, None)
        if path is None:
            continue
        header = read_header(path)
        lower = {name.lower() for name in header}
        missing = [name for name in contract_file.required_names if name not in lower]
        if missing:
            raise ExtractError(path, f"header lacks required column{'s' if len(missing) > 1 else ''} "
                                     f"{', '.join(missing)}", line=1)
        planned.append(_PlannedFile(contract_file, path, header))
    by_name.pop(MANIFEST_NAME, None)
    if not planned:
        raise ExtractError(folder, f"holds none of the files a {manifest.kind} extract may have "
                                   f"({', '.join(f.filename for f in FILES_BY_KIND[manifest.kind])})")
    return planned, sorted(by_name)


def _content_sha256(folder: Path, planned: list[_PlannedFile]) -> tuple[str, set[Path]]:
    """The extract's content hash, and which of its files hold a double quote anywhere (found
    in the same read, so the CSV reader need not scan them again)."""
    digest = hashlib.sha256()
    quoted: set[Path] = set()
    for path in [folder / MANIFEST_NAME, *sorted(item.path for item in planned)]:
        digest.update(path.name.encode() + b"\0")
        with path.open("rb") as handle:
            while chunk := handle.read(8 << 20):
                digest.update(chunk)
                if path not in quoted and b'"' in chunk:
                    quoted.add(path)
        digest.update(b"\0")
    return digest.hexdigest(), quoted


def _load_file(con: duckdb.DuckDBPyConnection, manifest: Manifest, load_id: str,
               item: _PlannedFile, has_quotes: bool, progress: ProgressFn | None,
               executor: Executor | None, workers: int) -> FileReport:
    # a day's grace: an extract taken at 08:00 may hold a time zone's tomorrow
    latest = (manifest.extracted_at + dt.timedelta(days=1)).date().isoformat()
    file = FileToCheck(item.contract_file, item.path, item.header, has_quotes, manifest.source,
                       load_id, latest)
    checker = RowChecker(file.contract_file, [name.lower() for name in item.header],
                         source=manifest.source, load_id=load_id, latest=latest)
    present = {name.lower() for name in item.header}
    report = FileReport(item.path.name, extra_columns=checker.extra,
                        missing_columns=[c for c in item.contract_file.column_names if c not in present])
    parts: list[CheckedPart] = []
    stream_error: list[ExtractError] = []

    def checked_batches():
        try:
            for table, raw_rows in check_rows(file, executor, workers, parts):
                if progress:
                    progress(f"{manifest.source}/{item.path.name}", raw_rows)
                yield from table.to_batches()
        except ExtractError as error:  # raised again below, outside the engine's scan
            stream_error.append(error)

    reader = pa.RecordBatchReader.from_batches(checker.schema, checked_batches())
    con.register("incoming_rows", reader)
    try:
        con.execute(f"INSERT INTO {file.contract_file.table} SELECT * FROM incoming_rows")
        if stream_error:
            raise stream_error[0]
        rejected = [entry for part in parts for entry in part.rejected]
        if file.is_register:
            rejected.extend(store_weekly_counts(
                con, [counts for part in parts for counts in part.weekly],
                path=item.path, header=item.header, checker=checker, load_id=load_id))
        else:
            rejected.extend(_quarantine_duplicates(con, file.contract_file, load_id))
    finally:
        con.unregister("incoming_rows")
    _store_quarantine(con, manifest.source, load_id, item.path.name, rejected)
    warnings = [entry for part in parts for entry in part.warnings]
    _store_warnings(con, manifest.source, load_id, item.path.name, warnings)
    report.values_warned = len(warnings)
    report.rows_quarantined = len(rejected)
    report.rows_read = sum(part.rows_read for part in parts)
    report.rows_loaded = report.rows_read - report.rows_quarantined
    report.blank_lines = sum(part.blank_lines for part in parts)
    return report


def _quarantine_duplicates(con: duckdb.DuckDBPyConnection, contract_file: ContractFile,
                           load_id: str) -> list[dict]:
    """Move rows whose key repeats within this load to quarantine; the first one stays."""
    keys = ", ".join(ident(k) for k in contract_file.key)
    table = contract_file.table
    # A hash pre-filter keeps the common case (no duplicates) to one cheap aggregate.
    suspects = con.execute(
        f"SELECT count(*) FROM (SELECT hash({keys}) AS h FROM {table} WHERE _load_id = ? "
        f"GROUP BY h HAVING count(*) > 1)", [load_id]).fetchall()[0][0]
    if not suspects:
        return []
    rows = con.execute(f"""
        SELECT _line, first_line, to_json(struct_pack({keys})) AS key_json FROM (
          SELECT _line, {keys}, min(_line) OVER (PARTITION BY {keys}) AS first_line
          FROM {table} WHERE _load_id = ?) WHERE _line <> first_line ORDER BY _line""",
        [load_id]).fetchall()
    if not rows:
        return []
    con.execute(f"DELETE FROM {table} WHERE _load_id = ? AND _line IN (SELECT unnest(?))",
                [load_id, [line for line, _, _ in rows]])
    names = " + ".join(contract_file.key)
    return [{"line": line, "column_name": contract_file.key[0], "value": None,
             "reason": f"repeats the {names} of line {first} ({key_json}); the first is kept",
             "raw": str(key_json)} for line, first, key_json in rows]


def _store_table(con: duckdb.DuckDBPyConnection, name: str, table: pa.Table) -> None:
    con.register("rows_to_store", table)
    try:
        con.execute(f"INSERT INTO {name} SELECT * FROM rows_to_store")
    finally:
        con.unregister("rows_to_store")


def _store_quarantine(con: duckdb.DuckDBPyConnection, source: str, load_id: str, file: str,
                      rows: list[dict]) -> None:
    if not rows:
        return
    _store_table(con, "quarantine", pa.table({
        "load_id": [load_id] * len(rows), "source": [source] * len(rows), "file": [file] * len(rows),
        "line": [r["line"] for r in rows], "column_name": [r["column_name"] for r in rows],
        "value": [r["value"] for r in rows], "reason": [r["reason"] for r in rows],
        "raw": [r["raw"] for r in rows],
    }))


def _store_warnings(con: duckdb.DuckDBPyConnection, source: str, load_id: str, file: str,
                    rows: list[dict]) -> None:
    if not rows:
        return
    _store_table(con, "load_warnings", pa.table({
        "load_id": [load_id] * len(rows), "source": [source] * len(rows), "file": [file] * len(rows),
        "line": [r["line"] for r in rows], "column_name": [r["column_name"] for r in rows],
        "value": [r["value"] for r in rows], "reason": [r["reason"] for r in rows],
    }))


def _record_load(con: duckdb.DuckDBPyConnection, manifest: Manifest, load_id: str, digest: str,
                 reports: list[FileReport]) -> None:
    con.execute(
        "INSERT INTO loads VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [load_id, manifest.source, manifest.kind, manifest.agency, manifest.area,
         manifest.extracted_at, manifest.period_start, manifest.period_end, manifest.legal_basis,
         digest, dt.datetime.now(dt.timezone.utc)])
    for r in reports:
        con.execute("INSERT INTO load_files VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [load_id, manifest.source, r.file, r.rows_read, r.rows_loaded,
                     r.rows_quarantined, r.blank_lines, r.extra_columns])


def _supersede_older_rows(con: duckdb.DuckDBPyConnection, manifest: Manifest, load_id: str,
                          planned: list[_PlannedFile]) -> None:
    """Where an earlier load of the same source holds a row with the same key, keep the row
    from the more recent extract (by `extracted_at`), so corrections replace, never duplicate.

    Register marks are replaced a pupil-week at a time: a newer register for a pupil's week
    replaces the older one whole, since its plain present marks are counted, not kept."""
    for item in planned:
        if item.contract_file.table == REGISTER_TABLE:
            if _supersede(con, "attendance_weekly", ("upn", "school_urn", "week_start"), manifest, load_id):
                con.execute(f"""
                    DELETE FROM {REGISTER_TABLE} a WHERE a._source = ? AND NOT EXISTS (
                      SELECT 1 FROM attendance_weekly w WHERE w._load_id = a._load_id AND w.upn = a.upn
                        AND w.school_urn = a.school_urn
                        AND w.week_start = CAST(date_trunc('week', a.date) AS DATE))""", [manifest.source])
        else:
            _supersede(con, item.contract_file.table, item.contract_file.key, manifest, load_id)


def _supersede(con: duckdb.DuckDBPyConnection, table: str, key: tuple[str, ...], manifest: Manifest,
               load_id: str) -> bool:
    """Keep, per key, the row of the most recent extract; False when no other load is present."""
    others = con.execute(f"SELECT count(*) FROM {table} WHERE _source = ? AND _load_id <> ?",
                         [manifest.source, load_id]).fetchall()[0][0]
    if not others:
        return False

    def join(alias: str) -> str:
        return " AND ".join(f"t.{ident(k)} = {alias}.{ident(k)}" for k in key)

    keys = ", ".join(ident(k) for k in key)
    con.execute(f"""
        DELETE FROM {table} t USING (SELECT {keys} FROM {table} WHERE _load_id = ?) n
        WHERE t._source = ? AND t._load_id <> ? AND {join('n')}
          AND (SELECT extracted_at FROM loads WHERE load_id = t._load_id) <= ?""",
                [load_id, manifest.source, load_id, manifest.extracted_at])
    con.execute(f"""
        DELETE FROM {table} t USING (
          SELECT {keys} FROM {table} WHERE _source = ? AND _load_id <> ?) o
        WHERE t._load_id = ? AND {join('o')}""", [manifest.source, load_id, load_id])
    return True
