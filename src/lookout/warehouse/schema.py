"""Warehouse tables: one typed table per contract file, plus the record of every load.

Every loaded row keeps the extract folder it came from (`_source`), the load that brought it
(`_load_id`) and its physical line in the file (`_line`); columns the contract does not name are
kept as a JSON object in `_extra`. (Contract columns never start with an underscore.)
"""

from __future__ import annotations

import duckdb

from lookout.contract import ALL_FILES, ColumnType, ContractFile
from lookout.warehouse.attendance import WEEKLY_DDL

SQL_TYPES = {
    ColumnType.TEXT: "VARCHAR",
    ColumnType.IDENTIFIER: "VARCHAR",
    ColumnType.CODE: "VARCHAR",
    ColumnType.DATE: "DATE",
    ColumnType.DMY_DATE: "DATE",
    ColumnType.DATETIME: "TIMESTAMP",
    ColumnType.FLAG: "BOOLEAN",
    ColumnType.CODE_LIST: "VARCHAR[]",
    ColumnType.TEXT_LIST: "VARCHAR[]",
}

BOOKKEEPING = (
    """CREATE TABLE IF NOT EXISTS loads (
        load_id VARCHAR PRIMARY KEY, source VARCHAR NOT NULL, kind VARCHAR NOT NULL,
        agency VARCHAR, area VARCHAR, extracted_at TIMESTAMP, period_start DATE,
        period_end DATE, legal_basis VARCHAR, content_sha256 VARCHAR NOT NULL,
        loaded_at TIMESTAMPTZ NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS load_files (
        load_id VARCHAR NOT NULL, source VARCHAR NOT NULL, file VARCHAR NOT NULL,
        rows_read BIGINT NOT NULL, rows_loaded BIGINT NOT NULL, rows_quarantined BIGINT NOT NULL,
        blank_lines BIGINT NOT NULL, extra_columns VARCHAR[])""",
    """CREATE TABLE IF NOT EXISTS quarantine (
        load_id VARCHAR NOT NULL, source VARCHAR NOT NULL, file VARCHAR NOT NULL,
        line BIGINT NOT NULL, column_name VARCHAR, value VARCHAR, reason VARCHAR NOT NULL,
        raw VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS load_warnings (
        load_id VARCHAR NOT NULL, source VARCHAR NOT NULL, file VARCHAR NOT NULL,
        line BIGINT NOT NULL, column_name VARCHAR NOT NULL, value VARCHAR, reason VARCHAR NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS extract_failures (
        source VARCHAR NOT NULL, path VARCHAR NOT NULL, line BIGINT, problem VARCHAR NOT NULL,
        content_sha256 VARCHAR, failed_at TIMESTAMPTZ NOT NULL)""",
)


def table_ddl(contract_file: ContractFile) -> str:
    """CREATE TABLE statement for a contract file's warehouse table."""
    columns = ",\n  ".join(
        f"{column.name.lower()} {SQL_TYPES[column.type]}" for column in contract_file.columns)
    return (f"CREATE TABLE IF NOT EXISTS {contract_file.table} (\n"
            f"  _source VARCHAR NOT NULL, _load_id VARCHAR NOT NULL, _line BIGINT NOT NULL,\n"
            f"  {columns},\n  _extra VARCHAR)")


def create_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create every warehouse table that does not exist yet."""
    for statement in (*BOOKKEEPING, WEEKLY_DDL):
        con.execute(statement)
    for contract_file in ALL_FILES:
        con.execute(table_ddl(contract_file))


def ingest_tables() -> tuple[str, ...]:
    """Every table ingest writes: the bookkeeping, the attendance summary and one per file."""
    return ("loads", "load_files", "quarantine", "load_warnings", "extract_failures", "attendance_weekly",
            *(f.table for f in ALL_FILES))
