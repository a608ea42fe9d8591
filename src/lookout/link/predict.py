"""Scoring blocked pairs and bringing back the ones that matter, with their explanations.

Splink scores every blocked pair on the engine. Two kinds of pair come back to the warehouse:
- `link_pairs`: every pair at or above the review floor, with each comparison's level (gamma)
  and match weight (log2 of its Bayes factor, term-frequency adjustment included), so every
  link explains itself field by field; a comparison the model does not use is blank. A pair
  with a contradiction (`contradictions`) is never in the link band, and says why;
- `link_cannot_pairs`: pairs known to be different people, among records that have a strong
  link somewhere, so clustering never chains them together through a third record: pairs the
  model is sure of (weight at or below `CANNOT_LINK_WEIGHT`), and two records of one extract
  whose agency keeps one record per child (`INDEXED_KINDS`: a school's pupil register keyed by
  UPN). A reviewer who accepts such a pair still links it. Contradictions keep whole clusters
  apart (`lookout.link.identity`), not just the pair that shows one;
- `link_contradictions`: the contradictions that hold in this model, by id and reason.
"""

from __future__ import annotations

from typing import Any

import duckdb

from lookout.link.contradictions import active_contradictions, contradiction_sql
from lookout.link.settings import AUTO_LINK, CANNOT_LINK_WEIGHT, COMPARISONS, REVIEW_FLOOR

__all__ = ["INDEXED_KINDS", "level_labels", "no_pairs", "score_pairs"]

# Agencies whose extract holds one record per child, each under the agency's own identifier: a
# school's register is keyed by UPN, and two UPNs of one school one character apart are two
# pupils admitted together (serial numbers run on), not a slip. Police nominal indexes,
# clinics' patient numbers and A&E attendances are known to repeat people, and so do councils'
# case systems (a child re-referred under a new id is a familiar data-quality finding).
INDEXED_KINDS = ("education",)


def _weight(name: str, tf: bool) -> str:
    # Splink's per-comparison match weight plus its term-frequency adjustment, when it has one
    return f"mw_{name} + mw_tf_adj_{name} AS weight_{name}" if tf else f"mw_{name} AS weight_{name}"


def score_pairs(linker: Any, con: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    """Predict on the engine; write `link_pairs` and `link_cannot_pairs` to the warehouse."""
    indexed = [row[0] for row in con.execute(
        f"SELECT source FROM sources WHERE kind IN ({', '.join(repr(k) for k in INDEXED_KINDS)}) "
        "ORDER BY source").fetchall()]
    indexed_sql = ", ".join("'" + s.replace("'", "''") + "'" for s in indexed) or "NULL"
    predictions = linker.inference.predict()
    columns = {c.unquote().name for c in predictions.columns}
    parts = []
    for name in COMPARISONS:
        if f"gamma_{name}" in columns:
            parts.append(f"gamma_{name}")
            parts.append(_weight(name, f"mw_tf_adj_{name}" in columns))
        else:  # not compared in this model: nothing to weigh
            parts.append(f"CAST(NULL AS INTEGER) AS gamma_{name}")
            parts.append(f"CAST(NULL AS DOUBLE) AS weight_{name}")
    contradiction = contradiction_sql(linker)
    pairs = predictions.query_sql(f"""
        SELECT unique_id_l, unique_id_r, source_l, record_id_l, source_r, record_id_r,
               match_weight, match_probability, {', '.join(parts)},
               {contradiction} AS contradiction
        FROM {{this}} WHERE match_probability >= {REVIEW_FLOOR}""")
    strong = predictions.query_sql(f"""
        SELECT unique_id_l AS unique_id FROM {{this}} WHERE match_probability >= {AUTO_LINK}
        UNION SELECT unique_id_r FROM {{this}} WHERE match_probability >= {AUTO_LINK}""")
    cannot = predictions.query_sql(f"""
        SELECT p.unique_id_l, p.unique_id_r, p.match_weight FROM {{this}} p
        WHERE (p.match_weight <= {CANNOT_LINK_WEIGHT}
               OR (p.source_l = p.source_r AND p.source_l IN ({indexed_sql})))
          AND p.unique_id_l IN (SELECT unique_id FROM {strong.physical_name})
          AND p.unique_id_r IN (SELECT unique_id FROM {strong.physical_name})""")
    pairs_arrow = pairs.as_pyarrow_table()
    cannot_arrow = cannot.as_pyarrow_table()
    con.register("lk_pairs_in", pairs_arrow)
    con.register("lk_cannot_in", cannot_arrow)
    # The pair id is a short hash of the two records, so it is the same on every run and engine.
    con.execute("""
        CREATE OR REPLACE TABLE link_pairs AS
        SELECT left(sha256(unique_id_l || chr(10) || unique_id_r), 12) AS pair_id, *,
               CASE WHEN match_probability >= ? AND contradiction IS NULL THEN 'link'
                    ELSE 'review' END AS band
        FROM lk_pairs_in ORDER BY unique_id_l, unique_id_r""", [AUTO_LINK])
    con.execute("""CREATE OR REPLACE TABLE link_cannot_pairs AS
                   SELECT * FROM lk_cannot_in ORDER BY unique_id_l, unique_id_r""")
    con.execute("CREATE OR REPLACE TABLE link_contradictions (contradiction_id VARCHAR, reason VARCHAR)")
    active = [(rule.id, rule.reason) for rule, _ in active_contradictions(linker)]
    if active:
        con.executemany("INSERT INTO link_contradictions VALUES (?, ?)", active)
    con.unregister("lk_pairs_in")
    con.unregister("lk_cannot_in")
    for frame in (cannot, strong, pairs, predictions):
        frame.drop_table_from_database_and_remove_from_cache()
    return len(pairs_arrow), len(cannot_arrow)


def level_labels(linker: Any, con: duckdb.DuckDBPyConnection) -> None:
    """Write `link_levels(comparison, gamma, label, m_probability, u_probability)`: what each
    comparison level means, for explanations."""
    rows = []
    for comparison in linker._settings_obj.comparisons:
        for level in comparison.comparison_levels:
            null = level.is_null_level
            rows.append((comparison.output_column_name, level.comparison_vector_value,
                         level.label_for_charts, None if null else level.m_probability,
                         None if null else level.u_probability))
    con.execute("""CREATE OR REPLACE TABLE link_levels (comparison VARCHAR, gamma INTEGER,
                   label VARCHAR, m_probability DOUBLE, u_probability DOUBLE)""")
    con.executemany("INSERT INTO link_levels VALUES (?, ?, ?, ?, ?)", rows)


def no_pairs(con: duckdb.DuckDBPyConnection) -> None:
    """Write empty `link_pairs`, `link_cannot_pairs`, `link_contradictions` and `link_levels`: a
    drop with nothing to compare (one record, or no identity field filled twice) still
    resolves into people."""
    fields = ", ".join(f"gamma_{name} INTEGER, weight_{name} DOUBLE" for name in COMPARISONS)
    con.execute(f"""CREATE OR REPLACE TABLE link_pairs (pair_id VARCHAR, unique_id_l VARCHAR,
        unique_id_r VARCHAR, source_l VARCHAR, record_id_l VARCHAR, source_r VARCHAR,
        record_id_r VARCHAR, match_weight DOUBLE, match_probability DOUBLE, {fields},
        contradiction VARCHAR, band VARCHAR)""")
    con.execute("""CREATE OR REPLACE TABLE link_cannot_pairs (unique_id_l VARCHAR,
        unique_id_r VARCHAR, match_weight DOUBLE)""")
    con.execute("""CREATE OR REPLACE TABLE link_levels (comparison VARCHAR, gamma INTEGER,
                   label VARCHAR, m_probability DOUBLE, u_probability DOUBLE)""")
    con.execute("CREATE OR REPLACE TABLE link_contradictions (contradiction_id VARCHAR, reason VARCHAR)")
