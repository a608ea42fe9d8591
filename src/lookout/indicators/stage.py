"""The indicators stage: evidence, scores and levels with hindsight, the single-agency
baseline, and practitioners' overrides, written to the warehouse's result tables.

- `result_flags`: one row per child flagged `low` or above as of the run's date, in the data
  contract's columns (indicators and sources `;` separated) plus `agencies` (how many agency
  kinds' records corroborate the concerns), `computed_level` (before any override),
  `override_by`, `override_reason` and `as_of`.
- `result_flag_evidence`: for each flag, every record behind each indicator that counts,
  with its window (current, recent, lasting), source, record, event, line, date and the
  values of the fields the rule tested.
- `result_flags_computed`: the same before overrides (so an override can be applied, or
  withdrawn, without scoring again).
- `result_flags_single_agency`: the same scoring over each agency's own records alone (one
  row per record scored `low` or above), the baseline that measures what joining adds.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field

import duckdb

from lookout.indicators.catalogue import load_catalogue
from lookout.indicators.evidence import build_evidence
from lookout.indicators.overrides import resolve_overrides
from lookout.indicators.scoring import score_subjects
from lookout.indicators.seraf import load_scoring_rules
from lookout.workspace import Workspace
from lookout.warehouse.database import table_names, transaction

__all__ = ["IndicatorReport", "default_as_of", "run_indicators"]


@dataclass
class IndicatorReport:
    """What one run of the indicators stage did."""

    as_of: dt.date
    indicators: int
    evidence_rows: int
    flags: dict[str, int]
    single_agency_flags: dict[str, int]
    overrides_applied: int
    seconds: dict[str, float] = field(default_factory=dict)


def default_as_of(con: duckdb.DuckDBPyConnection) -> dt.date:
    """The date of the latest extract loaded: what the data can speak for."""
    row = con.execute("SELECT max(CAST(extracted_at AS DATE)) FROM loads").fetchall()[0][0]
    if row is None:
        raise ValueError("the warehouse holds no loaded extract: ingest a drop first")
    return row


def run_indicators(con: duckdb.DuckDBPyConnection, workspace: Workspace | None, *,
                   as_of: dt.date | None = None, publish: bool = True,
                   with_networks: bool = True) -> IndicatorReport:
    """Score every child as of `as_of` (default: the latest extract's date) and write the
    result tables. Overrides recorded in `workspace` are applied (none if it is None).
    The networks stage's links count as evidence when they exist, unless `with_networks` is
    false (the pipeline's first pass, which the networks stage starts from).

    With `publish=False` (a look back "as of" a past date) nothing published is replaced:
    the same tables are written as temporary `asof_*` tables of this connection."""
    tables = table_names(con)
    if "result_linkage" not in tables:
        raise ValueError("indicators need person ids: run the link stage (`lookout link`) first")
    seconds: dict[str, float] = {}
    mark = time.perf_counter()
    indicators = load_catalogue()
    rules = load_scoring_rules()
    as_of = as_of or default_as_of(con)
    evidence_rows = build_evidence(con, indicators, with_networks=with_networks)
    seconds["evidence"] = time.perf_counter() - mark

    mark = time.perf_counter()
    con.execute("""
        CREATE OR REPLACE TEMP TABLE ind_keyed_person AS
        WITH dobs AS (SELECT l.person_id, mode(r.dob) AS dob
                      FROM result_linkage l JOIN person_records r USING (source, record_id)
                      WHERE r.dob IS NOT NULL GROUP BY l.person_id)
        SELECT l.person_id AS subject, e.*, coalesce(d.dob, e.record_dob) AS dob
        FROM indicator_evidence e JOIN result_linkage l USING (source, record_id)
        LEFT JOIN dobs d USING (person_id)""")
    score_subjects(con, keyed="ind_keyed_person", as_of=as_of, rules=rules, prefix="ind_person")
    seconds["score"] = time.perf_counter() - mark

    mark = time.perf_counter()
    con.execute("""
        CREATE OR REPLACE TEMP TABLE ind_keyed_record AS
        SELECT source || '|' || record_id AS subject, e.*, e.record_dob AS dob FROM indicator_evidence e""")
    score_subjects(con, keyed="ind_keyed_record", as_of=as_of, rules=rules, prefix="ind_record")
    seconds["baseline"] = time.perf_counter() - mark

    day = f"DATE '{as_of.isoformat()}'"
    published = "" if publish else "TEMP "
    prefix = "result_" if publish else "asof_"
    with transaction(con):
        con.execute(f"""
            CREATE OR REPLACE {published}TABLE {prefix}flags_computed AS
            SELECT subject AS person_id, level, score, first_flagged_at,
                   array_to_string(indicators, ';') AS indicators,
                   array_to_string(sources, ';') AS sources, agencies, {day} AS as_of, first_medium_at
            FROM ind_person_levels ORDER BY person_id""")
        con.execute(f"""
            CREATE OR REPLACE {published}TABLE {prefix}flag_evidence AS
            SELECT e.subject AS person_id, e.indicator_id, r.version, e.tier, e.window, e.kind,
                   e.source, e.record_id, e.event_id, e.line, e.at, e.detail
            FROM ind_person_evidence e JOIN indicator_rules r USING (indicator_id)
            ORDER BY person_id, e.at, e.indicator_id, e.event_id""")
        con.execute(f"""
            CREATE OR REPLACE {published}TABLE {prefix}flags_single_agency AS
            SELECT s.kind, split_part(v.subject, '|', 1) AS source,
                   substr(v.subject, length(split_part(v.subject, '|', 1)) + 2) AS record_id,
                   l.person_id, v.level, v.score, v.first_flagged_at,
                   array_to_string(v.indicators, ';') AS indicators, {day} AS as_of, v.first_medium_at
            FROM ind_record_levels v
            JOIN sources s ON s.source = split_part(v.subject, '|', 1)
            LEFT JOIN result_linkage l ON l.source = split_part(v.subject, '|', 1)
             AND l.record_id = substr(v.subject, length(split_part(v.subject, '|', 1)) + 2)
            ORDER BY ALL""")
        # A look back shows what the records then held would have raised: no later judgement.
        applied = apply_overrides(con, workspace if publish else None, prefix=prefix,
                                  temporary=not publish)
    flags = dict(con.execute(f"SELECT level, count(*) FROM {prefix}flags GROUP BY level").fetchall())
    single = dict(con.execute(
        f"SELECT level, count(*) FROM {prefix}flags_single_agency GROUP BY level").fetchall())
    return IndicatorReport(as_of, len(indicators), evidence_rows, flags, single, applied, seconds)


def apply_overrides(con: duckdb.DuckDBPyConnection, workspace: Workspace | None, *,
                    prefix: str = "result_", temporary: bool = False) -> int:
    """(Re)write `{prefix}flags` from `{prefix}flags_computed` and the overrides in force;
    return how many overrides were applied. Cheap: no scoring, so it runs after each override."""
    overrides = resolve_overrides(con, workspace) if workspace is not None else {}
    con.execute("CREATE OR REPLACE TEMP TABLE ind_overrides (person_id VARCHAR, level VARCHAR, "
                "decided_by VARCHAR, reason VARCHAR, decided_at VARCHAR)")
    if overrides:
        con.executemany("INSERT INTO ind_overrides VALUES (?, ?, ?, ?, ?)",
                        [(p, o.level, o.by, o.reason, o.at) for p, o in overrides.items()])
    as_of = con.execute(f"SELECT max(as_of) FROM {prefix}flags_computed").fetchall()[0][0]
    con.execute(f"""
        CREATE OR REPLACE {"TEMP " if temporary else ""}TABLE {prefix}flags AS
        SELECT coalesce(c.person_id, o.person_id) AS person_id,
               coalesce(o.level, c.level) AS level, coalesce(c.score, 0) AS score,
               c.first_flagged_at, coalesce(c.indicators, '') AS indicators,
               coalesce(c.sources, '') AS sources, coalesce(c.agencies, 0) AS agencies,
               coalesce(c.level, 'none') AS computed_level, o.decided_by AS override_by,
               o.reason AS override_reason, o.decided_at AS override_at,
               coalesce(c.as_of, ?) AS as_of, c.first_medium_at
        FROM {prefix}flags_computed c FULL OUTER JOIN ind_overrides o USING (person_id)
        WHERE coalesce(o.level, c.level) <> 'none'
        ORDER BY person_id""", [as_of])
    return len(overrides)
