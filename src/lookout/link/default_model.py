"""The shipped default linkage model: what Lookout assumes when a drop cannot teach it.

Expectation maximisation needs a few hundred pairs of records that are almost all true matches
(Splink's own guidance: "usually at least a few hundred, but preferably at least a few
thousand"). A drop of forty records from an old case, or one school's register, has none. For
such drops Lookout takes the m-probabilities (how often the same person's two records fall in
each comparison level) from this model, and keeps the u-probabilities (how often two different
people's records do) the data's own, estimated from its random pairs, drawn towards this
model's reference values only as far as the drop is too small to say (see `shrink_u`).

`default_model.json` holds, for every comparison level by its label, m counted over the
labelled true pairs and u over random pairs of a simulated county whose recording errors are
documented in docs/simulator.md (names misheard and nicknamed, dates of birth mistyped,
stale postcodes, surnames changed, at per-agency rates). How it was made is in its
`provenance` block, and `python -m lookout.link.default_model COUNTY WORKSPACE OUT` makes it
again from any county with a truth folder.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = ["DEFAULT_MODEL_VERSION", "default_levels", "default_model", "derive", "shrink_u"]

DEFAULT_MODEL_VERSION = "default-v1"
# How many random pairs the reference u-values are worth. A drop's own estimate counts for
# half once it offers this many random pairs (about 450 records); a county's ten million
# sampled pairs outweigh it a hundred to one.
REFERENCE_PAIRS = 100_000


@lru_cache(maxsize=1)
def default_model() -> dict[str, Any]:
    """The shipped default model, as JSON."""
    text = resources.files("lookout.link").joinpath("default_model.json").read_text("utf-8")
    return json.loads(text)


def default_levels(comparison: str) -> dict[str, dict[str, float]]:
    """A comparison's levels in the default model: label -> m and u probabilities."""
    found = default_model()["comparisons"].get(comparison, {})
    return {level["label"]: level for level in found.get("levels", [])}


def shrink_u(sampled: float | None, reference: float, pairs: float) -> float:
    """A level's u-probability: the drop's own estimate from `pairs` random pairs, drawn towards
    the reference value as a Bayesian estimate with the reference worth `REFERENCE_PAIRS` pairs
    (Gelman et al., *Bayesian Data Analysis*, 3rd ed., 2.5: a proportion's posterior mean under
    a beta prior). A level the sample never saw counts as zero sightings."""
    seen = sampled or 0.0
    return (pairs * seen + REFERENCE_PAIRS * reference) / (pairs + REFERENCE_PAIRS)


def derive(county: Path, workspace_root: Path) -> dict[str, Any]:
    """Count m over the labelled true pairs and u over random pairs of a simulated county that
    has been ingested and linked into `workspace_root`; return the default model's JSON."""
    import duckdb
    import pyarrow.csv as pacsv
    from splink import Linker

    from lookout.link.engine import open_engine
    from lookout.link.model import U_SEED
    from lookout.link.settings import ModelShape, settings_for
    from lookout.link.standardise import LINK_RECORDS_COLUMNS
    from lookout.warehouse.database import open_warehouse
    from lookout.workspace import Workspace

    truth_dir = county / "truth" if (county / "truth").is_dir() else county
    con = open_warehouse(Workspace(workspace_root), read_only=True)
    try:
        con.register("truth_in", pacsv.read_csv(truth_dir / "records.csv", convert_options=pacsv.ConvertOptions(
            column_types={"record_id": "string", "truth_id": "string"})))
        records = con.sql(f"""
            SELECT {', '.join('l.' + c for c in LINK_RECORDS_COLUMNS)}, t.truth_id
            FROM link_records l JOIN truth_in t ON l.source = t.source AND l.record_id = t.record_id
        """).to_arrow_table()
    finally:
        con.close()
    engine = open_engine("duckdb", workspace_root / "tmp" / "derive")
    try:
        linker = Linker(engine.register(records, "county"),
                        settings_for("duckdb", ModelShape(term_frequencies=False)), log_level=None)
        linker.training.estimate_m_from_label_column("truth_id")
        linker.training.estimate_u_using_random_sampling(max_pairs=1e7, seed=U_SEED)
        comparisons = {}
        for comparison in linker._settings_obj.comparisons:
            levels = [{"label": level.label_for_charts, "m": level.m_probability,
                       "u": level.u_probability}
                      for level in comparison.comparison_levels if not level.is_null_level]
            comparisons[comparison.output_column_name] = {"levels": [
                {"label": lv["label"], "m_probability": round(lv["m"], 6),
                 "u_probability": float(f"{lv['u']:.4g}")} for lv in levels]}
    finally:
        engine.close()
    with duckdb.connect() as scratch:
        true_pairs = scratch.execute("""SELECT sum(n * (n - 1) / 2)::BIGINT FROM
            (SELECT count(*) n FROM records GROUP BY truth_id)""").fetchall()[0][0]
    return {
        "version": DEFAULT_MODEL_VERSION,
        "provenance": {
            "made_at": dt.date.today().isoformat(),
            "county": str(county.name),
            "records": records.num_rows,
            "true_pairs": int(true_pairs),
            "method": "m: share of the county's labelled true pairs in each level (Splink "
                      "estimate_m_from_label_column); u: share of 10 million random pairs "
                      "(Splink estimate_u_using_random_sampling, seed "
                      f"{U_SEED})",
        },
        "comparisons": comparisons,
    }


def main(argv: list[str] | None = None) -> None:
    """`python -m lookout.link.default_model COUNTY WORKSPACE OUT`: derive and write the model."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    if len(args) != 3:
        raise SystemExit("usage: python -m lookout.link.default_model COUNTY WORKSPACE OUT.json")
    model = derive(Path(args[0]), Path(args[1]))
    Path(args[2]).write_text(json.dumps(model, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
