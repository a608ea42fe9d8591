"""Pairwise linkage measures against a hand-made truth (lookout.evaluate.linkage)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from lookout.evaluate.linkage import linkage_section


def test_pairwise_precision_recall_split_and_over_merged(tmp_path: Path) -> None:
    # truth: T1 = a, b, c; T2 = d, e; T3 = f (a lookalike)
    (tmp_path / "records.csv").write_text(
        "source,record_id,truth_id\ns,a,T1\ns,b,T1\ns,c,T1\ns,d,T2\ns,e,T2\ns,f,T3\n")
    (tmp_path / "decoys.csv").write_text("truth_id,decoy_type\nT3,lookalike\nT2,illness_absence\n")
    con = duckdb.connect()
    # predicted: P1 = a, b; P2 = c; P3 = d, e, f (T3 merged into T2)
    con.execute("CREATE TABLE result_linkage (source VARCHAR, record_id VARCHAR, "
                "person_id VARCHAR, match_probability DOUBLE)")
    con.execute("""INSERT INTO result_linkage VALUES ('s','a','P1',0.99), ('s','b','P1',0.99),
                   ('s','c','P2',NULL), ('s','d','P3',1.0), ('s','e','P3',1.0), ('s','f','P3',0.995)""")
    figures = linkage_section(con, tmp_path).figures
    # predicted pairs: ab, de, df, ef = 4; true pairs: ab, ac, bc, de = 4; correct: ab, de = 2
    assert figures["predicted_pairs"] == 4 and figures["true_pairs"] == 4
    assert figures["correct_pairs"] == 2
    assert figures["precision"] == pytest.approx(0.5) and figures["recall"] == pytest.approx(0.5)
    assert figures["split_people"] == 1            # T1 spread over P1 and P2
    assert figures["over_merged_person_ids"] == 1  # P3 holds T2 and T3
    assert figures["lookalikes_merged"] == 1


def test_labelled_lookalike_pairs_merged_are_counted_by_kind(tmp_path: Path) -> None:
    # truth: twins T1 (a, b) and T2 (c); father T3 (d) and son T4 (e); T5 (f) and T6 (g)
    (tmp_path / "records.csv").write_text(
        "source,record_id,truth_id\ns,a,T1\ns,b,T1\ns,c,T2\ns,d,T3\ns,e,T4\ns,f,T5\ns,g,T6\n")
    (tmp_path / "lookalikes.csv").write_text(
        "truth_id_a,truth_id_b,kind\nT1,T2,twins\nT3,T4,father_son\nT5,T6,siblings\n")
    con = duckdb.connect()
    con.execute("CREATE TABLE result_linkage (source VARCHAR, record_id VARCHAR, "
                "person_id VARCHAR, match_probability DOUBLE)")
    # b (twin 1) is merged with c (twin 2); father and son stay apart; f and g apart
    con.execute("""INSERT INTO result_linkage VALUES ('s','a','P1',0.99), ('s','b','P2',0.99),
                   ('s','c','P2',0.99), ('s','d','P3',NULL), ('s','e','P4',NULL), ('s','f','P5',NULL),
                   ('s','g','P6',NULL)""")
    section = linkage_section(con, tmp_path)
    assert section.figures["lookalike_pairs"] == 3
    assert section.figures["lookalike_pairs_merged"] == 1
    assert section.details["lookalike_pairs_merged"] == [
        {"kind": "twins", "truth_id_a": "T1", "truth_id_b": "T2"}]
