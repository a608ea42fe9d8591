"""From rules to records: each indicator compiled to SQL over its fact, and run.

`build_evidence` writes `indicator_evidence`: one row per record that meets an indicator's
conditions, with a `detail` naming each field tested and its value on that record, so the
trace of a flag shows which conditions held on which records. Counting (three episodes in 90
days) and age are applied later, per person, in `lookout.indicators.scoring`.
"""

from __future__ import annotations

import duckdb

from lookout.indicators.catalogue import Condition, Evidence, Indicator
from lookout.indicators.facts import FACT_SQL, WORDS, fact_columns
from lookout.indicators.recorded import build_recorded_concerns
from lookout.indicators.vocabulary import FACTS, FieldType
from lookout.warehouse.database import table_names

__all__ = ["build_evidence", "condition_sql", "FACT_ROWS_TABLE", "RULES_TABLE"]

RULES_TABLE = "indicator_rules"
FACT_ROWS_TABLE = "indicator_fact_rows"


def _literal(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return "'" + str(value).replace("'", "''") + "'"


def condition_sql(condition: Condition, alias: str = "f") -> str:
    """SQL true exactly when `condition` holds on the fact row `alias` (NULL counts as not)."""
    column = f"{alias}.{condition.field}"
    value = condition.value
    match condition.op:
        case "is":
            return f"coalesce({column} = {_literal(value)}, false)"
        case "at_least":
            return f"coalesce({column} >= {_literal(value)}, false)"
        case "at_most":
            return f"coalesce({column} <= {_literal(value)}, false)"
        case "equals":
            return f"coalesce({column} = {_literal(value)}, false)"
        case "in":
            return f"coalesce({column} IN ({', '.join(map(_literal, value))}), false)"
        case "not_in":
            return f"coalesce({column} NOT IN ({', '.join(map(_literal, value))}), true)"
        case "contains_any":
            return f"coalesce(list_has_any({column}, [{', '.join(map(_literal, value))}]), false)"
        case "not_empty":
            return f"coalesce(len({column}) > 0, false)"
    raise ValueError(f"no SQL for the test {condition.op!r}")  # the catalogue rejects unknown tests


def _detail_sql(evidence: Evidence, alias: str = "f") -> str:
    """`field=value; ...` for every field the evidence tests (or a note that it tests none),
    and the words recorded where the fact was read from text."""
    parts = []
    for name in dict.fromkeys(c.field for c in evidence.where):
        column = f"{alias}.{name}"
        if FACTS[evidence.fact].fields[name] is FieldType.CODE_LIST:
            shown = f"array_to_string({column}, ',')"
        else:
            shown = f"CAST({column} AS VARCHAR)"
        parts.append(f"'{name}=' || coalesce({shown}, 'not recorded')")
    if WORDS in fact_columns(evidence.fact):
        parts.append(f"'words: ' || coalesce({alias}.{WORDS}, '')")
    return " || '; ' || ".join(parts) if parts else f"'{evidence.fact}'"


def network_links_view(con: duckdb.DuckDBPyConnection, *, with_networks: bool = True) -> bool:
    """Create the temporary view `ind_network_links` over the networks stage's
    `result_network_links`, one row for each day a link's counts grew
    (`result_network_link_counts`), or empty when there are none (or `with_networks` is
    false); return whether network links are used."""
    tables = table_names(con)
    if with_networks and {"result_network_links", "result_network_link_counts"} <= tables:
        con.execute("""CREATE OR REPLACE TEMP VIEW ind_network_links AS
                       SELECT l.source, l.record_id, l.event_id, c.known_at AS at,
                              c.children_at_risk_linked, c.network_children_at_risk, l.cross_area
                       FROM result_network_links l JOIN result_network_link_counts c
                         USING (network_id, person_id)""")
        return True
    con.execute("""CREATE OR REPLACE TEMP VIEW ind_network_links AS
                   SELECT NULL::VARCHAR AS source, NULL::VARCHAR AS record_id, NULL::VARCHAR AS event_id,
                          NULL::TIMESTAMP AS at, NULL::INTEGER AS children_at_risk_linked,
                          NULL::INTEGER AS network_children_at_risk, NULL::BOOLEAN AS cross_area
                   WHERE false""")
    return False


def build_evidence(con: duckdb.DuckDBPyConnection, indicators: list[Indicator], *,
                   with_networks: bool = True) -> int:
    """(Re)build `indicator_rules` and `indicator_evidence`; return the evidence row count.
    Network links are used when the networks stage has written them and `with_networks`."""
    network_links_view(con, with_networks=with_networks)
    build_recorded_concerns(con)
    con.execute(f"""CREATE OR REPLACE TABLE {RULES_TABLE} (
        indicator_id VARCHAR, version INTEGER, name VARCHAR, tier VARCHAR, fact VARCHAR,
        at_least INTEGER, within_days INTEGER, age_at_least INTEGER, age_at_most INTEGER,
        lasts_days INTEGER, raises_to VARCHAR, practitioner VARCHAR, guidance VARCHAR[],
        conditions VARCHAR[], file VARCHAR)""")
    con.executemany(f"INSERT INTO {RULES_TABLE} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
        (i.id, i.version, i.name, i.tier, i.fact, i.at_least, i.within_days, i.age_at_least,
         i.age_at_most, i.lasts_days, i.raises_to, i.practitioner, list(i.guidance),
         i.describe_conditions(), i.file) for i in indicators])
    fact_rows = {}
    for fact in sorted({e.fact for i in indicators for e in i.evidence}):
        columns = ", ".join(f'"{c}"' for c in fact_columns(fact))
        con.execute(f"CREATE OR REPLACE TEMP TABLE ind_fact_{fact} AS "
                    f"SELECT * FROM ({FACT_SQL[fact]}) AS f({columns}) WHERE f.at IS NOT NULL")
        fact_rows[fact] = con.execute(f"SELECT count(*) FROM ind_fact_{fact}").fetchall()[0][0]
    # What each indicator could look at: an indicator whose every kind of record is absent
    # from the drop could not be applied, and the run report says so.
    con.execute(f"""CREATE OR REPLACE TABLE {FACT_ROWS_TABLE} (
        indicator_id VARCHAR, fact VARCHAR, fact_rows BIGINT)""")
    con.executemany(f"INSERT INTO {FACT_ROWS_TABLE} VALUES (?, ?, ?)",
                    [(i.id, e.fact, fact_rows[e.fact]) for i in indicators for e in i.evidence])
    selects = []
    for i in indicators:
        for evidence in i.evidence:
            where = " AND ".join(condition_sql(c) for c in evidence.where) or "true"
            selects.append(f"""
                SELECT '{i.id}' AS indicator_id, f.source, f.record_id, f.event_id, f.line, f.at,
                       f.ends_at, f.record_dob, {_detail_sql(evidence)} AS detail
                FROM ind_fact_{evidence.fact} f WHERE {where}""")
    con.execute(f"""
        CREATE OR REPLACE TABLE indicator_evidence AS
        SELECT e.*, s.kind FROM ({' UNION ALL '.join(selects)}) e JOIN sources s USING (source)""")
    return con.execute("SELECT count(*) FROM indicator_evidence").fetchall()[0][0]
