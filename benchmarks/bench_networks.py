"""Networks: graph build and analysis time on the county the ingest benchmark built (and the
linkage benchmark linked), with the networks evaluation against its truth.

The indicators stage runs first (without network evidence, as the pipeline's first pass does)
so the children at risk exist; then the networks stage runs in its own process, measured for
wall time and peak memory, and reports its own split: `build` (edges in SQL and the igraph
graph), `detect` (ties, Leiden communities, merging, roles, scoring) and `write`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from benchmarks.measure import python_snippet, run_measured

FLAGS = r'''
import sys
from pathlib import Path
from lookout.chronology import build_chronology
from lookout.indicators import run_indicators
from lookout.warehouse.database import open_warehouse
from lookout.workspace import Workspace
ws = Workspace(Path(sys.argv[1]))
con = open_warehouse(ws)
build_chronology(con)
run_indicators(con, ws, with_networks=False)
con.close()
'''

NETWORKS = r'''
import json, sys
from dataclasses import asdict
from pathlib import Path
from lookout.networks import run_networks
from lookout.warehouse.database import open_warehouse
from lookout.workspace import Workspace
con = open_warehouse(Workspace(Path(sys.argv[1])))
report = run_networks(con)
con.close()
Path(sys.argv[2]).write_text(json.dumps(asdict(report), default=str))
'''

EVALUATE = r'''
import json, sys
from pathlib import Path
from lookout.evaluate.networks import networks_section
from lookout.warehouse.database import open_warehouse
from lookout.workspace import Workspace
con = open_warehouse(Workspace(Path(sys.argv[1])), read_only=True)
Path(sys.argv[3]).write_text(json.dumps(networks_section(con, Path(sys.argv[2]) / "truth").figures))
con.close()
'''


def run(out: Path, county: Path, workspace: Path) -> dict:
    """Run the networks benchmark on a county already ingested and linked into `workspace`."""
    out.mkdir(parents=True, exist_ok=True)
    flags = run_measured(python_snippet(FLAGS) + [str(workspace)])
    stage = run_measured(python_snippet(NETWORKS) + [str(workspace), str(out / "report.json")])
    run_measured(python_snippet(EVALUATE) + [str(workspace), str(county), str(out / "evaluation.json")])
    report = json.loads((out / "report.json").read_text())
    evaluation = json.loads((out / "evaluation.json").read_text())
    figures = {
        "indicators_first_pass_seconds": round(flags.seconds, 1),
        "networks_seconds": round(stage.seconds, 1), "networks_peak_mb": round(stage.peak_mb),
        "graph_build_seconds": round(report["seconds"]["build"], 2),
        "analysis_seconds": round(report["seconds"]["detect"], 2),
        "write_seconds": round(report["seconds"]["write"], 2),
        "nodes": report["nodes"], "edges": report["edges"], "networks": report["networks"],
        "cross_area_networks": report["cross_area"],
        "evaluation": evaluation,
    }
    figures["targets_met"] = {
        "rings_recovered_at_least_90pc": (evaluation["ring_recall"] or 0) >= 0.9,
        "top_ten_false_at_most_true": evaluation["top_ten_false"] <= evaluation["top_ten_true"],
    }
    (out / "networks.json").write_text(json.dumps(figures, indent=2) + "\n")
    return figures


if __name__ == "__main__":
    print(json.dumps(run(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])), indent=2))
