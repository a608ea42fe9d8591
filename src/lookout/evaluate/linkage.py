"""Linkage against the truth: pairwise precision, recall and F1; split and over-merged people.

Pairwise measures count pairs of records (Christen, *Data Matching*, 2012, ch. 7): a predicted
pair is two records given the same person id, a true pair two records of the same real
person. Only records both in the warehouse and in the truth are counted (quarantined rows
never reach the warehouse). A split person is a real person whose records carry more than one
person id; an over-merged person id holds records of more than one real person. Lookalikes
(`decoys.csv`, twins and cousins planted to look the same on paper) merged with anyone are
counted on their own, because those are the merges that put one child's record on another's.
A truth folder may also hold labelled look-alike pairs (`lookalikes.csv`: truth_id_a,
truth_id_b, kind); a pair is merged when any record of one shares a person id with any record
of the other.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from lookout.evaluate.report import SECTIONS, Section

__all__ = ["linkage_section"]


def linkage_section(con: duckdb.DuckDBPyConnection, truth: Path) -> Section:
    """Evaluate `result_linkage` against `truth/records.csv` (and `decoys.csv` if present)."""
    cur = con.cursor()
    cur.execute("CREATE TEMP TABLE truth_records AS SELECT source, record_id, truth_id "
                "FROM read_csv(?, all_varchar = true)", [str(truth / "records.csv")])
    cur.execute("""CREATE TEMP TABLE ev AS SELECT l.person_id, t.truth_id
                   FROM result_linkage l JOIN truth_records t USING (source, record_id)""")
    counts = cur.execute("""
        WITH cells AS (SELECT person_id, truth_id, count(*) AS n FROM ev GROUP BY ALL),
             persons AS (SELECT person_id, count(*) AS n, count(DISTINCT truth_id) AS t
                         FROM ev GROUP BY ALL),
             truths AS (SELECT truth_id, count(*) AS n, count(DISTINCT person_id) AS p
                        FROM ev GROUP BY ALL)
        SELECT (SELECT count(*) FROM ev),
               (SELECT count(*) FROM result_linkage),
               (SELECT sum(n * (n - 1) / 2) FROM cells),
               (SELECT sum(n * (n - 1) / 2) FROM persons),
               (SELECT sum(n * (n - 1) / 2) FROM truths),
               (SELECT count(*) FROM truths),
               (SELECT count(*) FROM truths WHERE p > 1),
               (SELECT count(*) FROM persons WHERE t > 1)""").fetchall()[0]
    matched, linked_records, true_pos, predicted, actual, people, split, over = counts
    precision = true_pos / predicted if predicted else 1.0
    recall = true_pos / actual if actual else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    figures = {
        "records_evaluated": matched, "records_linked": linked_records, "true_people": people,
        "predicted_pairs": int(predicted or 0), "true_pairs": int(actual or 0),
        "correct_pairs": int(true_pos or 0), "precision": round(precision, 5),
        "recall": round(recall, 5), "f1": round(f1, 5), "split_people": split,
        "over_merged_person_ids": over}
    details = {}
    if (truth / "decoys.csv").exists():
        merged = cur.execute("""
            WITH look AS (SELECT truth_id FROM read_csv(?, all_varchar = true)
                          WHERE decoy_type = 'lookalike'),
                 mixed AS (SELECT person_id FROM ev GROUP BY ALL HAVING count(DISTINCT truth_id) > 1)
            SELECT DISTINCT e.truth_id FROM ev e JOIN look USING (truth_id)
            WHERE e.person_id IN (SELECT person_id FROM mixed) ORDER BY 1""",
            [str(truth / "decoys.csv")]).fetchall()
        looks = cur.execute("""SELECT count(DISTINCT e.truth_id) FROM ev e JOIN read_csv(?,
            all_varchar = true) d USING (truth_id) WHERE d.decoy_type = 'lookalike'""",
            [str(truth / "decoys.csv")]).fetchall()[0][0]
        figures["lookalikes_with_records"] = looks
        figures["lookalikes_merged"] = len(merged)
        details["lookalikes_merged"] = [m[0] for m in merged]
    if (truth / "lookalikes.csv").exists():
        pairs = cur.execute("""
            WITH pairs AS (SELECT truth_id_a, truth_id_b, kind FROM read_csv(?, all_varchar = true))
            SELECT p.kind, p.truth_id_a, p.truth_id_b, EXISTS (
                SELECT 1 FROM ev a JOIN ev b USING (person_id)
                WHERE a.truth_id = p.truth_id_a AND b.truth_id = p.truth_id_b) AS merged
            FROM pairs p ORDER BY ALL""", [str(truth / "lookalikes.csv")]).fetchall()
        figures["lookalike_pairs"] = len(pairs)
        figures["lookalike_pairs_merged"] = sum(1 for *_, merged in pairs if merged)
        details["lookalike_pairs_merged"] = [
            {"kind": kind, "truth_id_a": a, "truth_id_b": b} for kind, a, b, merged in pairs if merged]
    details["over_merged_examples"] = [r[0] for r in cur.execute("""
        SELECT person_id FROM ev GROUP BY ALL HAVING count(DISTINCT truth_id) > 1
        ORDER BY count(*) DESC, person_id LIMIT 10""").fetchall()]
    cur.close()
    return Section("linkage", figures, details)


SECTIONS.append(("linkage", "result_linkage", ("records.csv",),
                 linkage_section))
