"""`python -m benchmarks [--children N] [--seed S] [--out DIR]`: run every benchmark."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from benchmarks import bench_app, bench_ingest, bench_linkage, bench_networks, bench_pseudonymise


def main() -> None:
    """Run the benchmarks and print their figures as JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--children", type=int, default=150_000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--out", type=Path, default=Path("bench-output"))
    args = parser.parse_args()
    figures = {"ingest": bench_ingest.run(args.out / "ingest", args.children, args.seed)}
    figures["linkage"] = bench_linkage.run(args.out / "linkage", args.out / "ingest" / "county",
                                           args.out / "ingest" / "workspace")
    figures["networks"] = bench_networks.run(args.out / "networks", args.out / "ingest" / "county",
                                             args.out / "ingest" / "workspace")
    figures["app"] = bench_app.run(args.out / "app", args.out / "ingest" / "workspace")
    figures["pseudonymise"] = bench_pseudonymise.run()
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
