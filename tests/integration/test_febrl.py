"""FEBRL3 (public labelled records from another generator, Australian shapes, no sex, no NHS
number or UPN) through `lookout run`, from a drop the project builds (`lookout febrl`)."""

from __future__ import annotations

import csv

import pytest

from lookout.evaluate import evaluate
from lookout.evaluate.febrl import write_febrl_drop
from lookout.runs import pipeline
from lookout.runs.report import load_report
from lookout.workspace import Workspace

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def febrl3(tmp_path_factory):
    root = tmp_path_factory.mktemp("febrl3")
    counts = write_febrl_drop(root, dataset=3)
    workspace = Workspace(root / "ws")
    pipeline.run(root / "drop", workspace)
    return root, counts, workspace


def test_the_drop_holds_every_febrl3_record_with_its_entity(febrl3):
    root, counts, _ = febrl3
    assert sum(counts.values()) == 5000 and len(counts) == 3
    with (root / "truth" / "records.csv").open() as handle:
        truth = list(csv.DictReader(handle))
    assert len(truth) == 5000
    # rec-1496-org and rec-1496-dup-0 are one entity
    assert all(row["truth_id"] == row["record_id"].split("-")[1] for row in truth)


def test_febrl3_links_at_pairwise_f1_095_or_better(febrl3):
    root, _, workspace = febrl3
    figures = next(s for s in evaluate(workspace, root) if s.name == "linkage").figures
    assert figures["records_evaluated"] == 5000 and figures["true_pairs"] == 6538
    assert figures["f1"] >= 0.95
    assert figures["precision"] >= 0.99


def test_the_run_says_febrl_has_no_sex_nhs_number_or_upn(febrl3):
    _, _, workspace = febrl3
    lines = [line["text"] for line in load_report(workspace)["sections"]["link"]["lines"]]
    for field in ("sex", "UPN", "NHS number"):
        assert f"{field} not compared: no record has one" in lines
    assert any(line.startswith("records compared on given name, surname, date of birth, postcode, "
                               "address") for line in lines)
