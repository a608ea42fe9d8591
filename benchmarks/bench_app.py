"""Casework app: review queue and child page latency under concurrent users.

The app is served by `lookout serve` in its own process (one uvicorn worker) over a county
the pipeline has run on; each of 20 simulated users signs in through the JSON API, then in
turn opens the review queue and a flagged child's page (chosen at random, seeded), for a
fixed number of rounds. Every request is timed at the client; the figures are per page:
median, 95th and 99th percentile and worst latency, plus requests per second overall.
Traffic goes only to 127.0.0.1, and the run stops by itself.

`python -m benchmarks.bench_app [--children N] [--users U] [--rounds R]` simulates and runs a
county first; `python -m benchmarks` runs it on the county the other benchmarks built.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import httpx

PASSWORD = "benchmark password"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _accounts(database_url: str, users: int) -> list[str]:
    from lookout.app.accounts import create_user
    from lookout.app.store import open_store

    store = open_store(database_url)
    names = [f"analyst{i:02d}" for i in range(users)]
    with store.write() as session:
        for name in names:
            create_user(session, username=name, password=PASSWORD, role="analyst")
    store.dispose()
    return names


def _flagged(workspace: Path) -> list[str]:
    con = duckdb.connect(str(workspace / "warehouse.duckdb"), read_only=True)
    try:
        return [r[0] for r in con.execute("SELECT person_id FROM result_flags ORDER BY person_id").fetchall()]
    finally:
        con.close()


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def _summary(samples: list[float]) -> dict:
    return {"requests": len(samples), "median_ms": round(1000 * statistics.median(samples), 1),
            "p95_ms": round(1000 * _percentile(samples, 0.95), 1),
            "p99_ms": round(1000 * _percentile(samples, 0.99), 1), "max_ms": round(1000 * max(samples), 1)}


def run(out: Path, workspace: Path, *, users: int = 20, rounds: int = 10, seed: int = 1) -> dict:
    """Serve `workspace` and measure queue and child pages under `users` concurrent users."""
    out.mkdir(parents=True, exist_ok=True)
    store = out / "casework.sqlite"
    for leftover in out.glob("casework.sqlite*"):
        leftover.unlink()
    database_url = f"sqlite:///{store.as_posix()}"
    names = _accounts(database_url, users)
    children = _flagged(workspace)
    if not children:
        raise RuntimeError(f"{workspace} has no flagged children: run the pipeline first")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "lookout", "serve", "--workspace", str(workspace), "--port", str(port),
         "--database-url", database_url],
        env={**os.environ, "LOOKOUT_SECRET_KEY": "benchmark-secret-key-" + "x" * 32},
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError("the app did not start: " + (server.stderr.read().decode() if server.stderr else ""))
            time.sleep(0.2)
        timings: dict[str, list[float]] = {"queue": [], "child": []}
        errors: list[str] = []
        lock = threading.Lock()
        start = threading.Barrier(users)

        def user(name: str, number: int) -> None:
            pick = random.Random(seed * 1000 + number)
            # Cookies are Secure; over plain HTTP to localhost a browser keeps them, httpx
            # needs the session cookie handed on explicitly.
            with httpx.Client(base_url=base, timeout=60) as client:
                signed = client.post("/api/session", json={"username": name, "password": PASSWORD})
                if signed.status_code != 200:
                    with lock:
                        errors.append(f"{name}: sign-in {signed.status_code}")
                    return
                cookie = {"lookout_session": signed.cookies.get("lookout_session")}
                start.wait()
                for _ in range(rounds):
                    for page, path in (("queue", "/queue"), ("child", f"/children/{pick.choice(children)}")):
                        began = time.perf_counter()
                        response = client.get(path, cookies=cookie)
                        elapsed = time.perf_counter() - began
                        with lock:
                            if response.status_code == 200:
                                timings[page].append(elapsed)
                            else:
                                errors.append(f"{path}: {response.status_code}")

        began = time.perf_counter()
        threads = [threading.Thread(target=user, args=(name, i)) for i, name in enumerate(names)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=900)
        wall = time.perf_counter() - began
    finally:
        server.terminate()
        server.wait(timeout=30)
    total = sum(len(v) for v in timings.values())
    figures = {"users": users, "rounds": rounds, "flagged_children": len(children),
               "requests_per_second": round(total / wall, 1), "errors": len(errors),
               "first_errors": errors[:5]}
    for page, samples in timings.items():
        if samples:
            figures[page] = _summary(samples)
    (out / "figures.json").write_text(json.dumps(figures, indent=2))
    return figures


def main() -> None:
    """Simulate a county, run the pipeline, and measure the app under concurrent users."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--children", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--out", type=Path, default=Path("bench-output") / "app")
    parser.add_argument("--workspace", type=Path, help="Use this workspace instead of simulating one.")
    args = parser.parse_args()
    workspace = args.workspace
    if workspace is None:
        county, workspace = args.out / "county", args.out / "workspace"
        if not (workspace / "warehouse.duckdb").exists():
            subprocess.run([sys.executable, "-m", "lookout", "simulate", "--children", str(args.children),
                            "--seed", str(args.seed), "--out", str(county)], check=True,
                           stdout=subprocess.DEVNULL)
            subprocess.run([sys.executable, "-m", "lookout", "run", str(county / "drop"),
                            "--workspace", str(workspace)], check=True, stdout=subprocess.DEVNULL)
    print(json.dumps(run(args.out, workspace, users=args.users, rounds=args.rounds), indent=2))


if __name__ == "__main__":
    main()
