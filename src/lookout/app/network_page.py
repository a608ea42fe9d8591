"""Suspected networks for the app: the ranked list and one network with its picture
(pseudonymous: person ids, VRMs, numbers and postcodes, never names)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import duckdb

from lookout.app.warehouse import WarehouseUnavailable, table_names
from lookout.networks.draw import write_svg
from lookout.networks.explain import NetworkExplanation, explain_network, ranked_networks

__all__ = ["network_list", "network_picture", "one_network"]


def network_list(con: duckdb.DuckDBPyConnection, sources: frozenset[str] | None) -> list[dict]:
    """Every network, best first; for an agency's user only networks with one of its children."""
    if "result_network_summary" not in table_names(con):
        raise WarehouseUnavailable("no networks yet: the networks stage has not run in this workspace")
    rows = ranked_networks(con)
    if sources is None:
        return rows
    mine = {r[0] for r in con.execute("""
        SELECT DISTINCT n.network_id FROM result_networks n JOIN result_linkage l
          ON n.entity_type = 'person' AND l.person_id = n.entity_key
        WHERE list_contains(?, l.source)""", [sorted(sources)]).fetchall()}
    return [r for r in rows if r["network_id"] in mine]


def one_network(con: duckdb.DuckDBPyConnection, network_id: str) -> NetworkExplanation | None:
    """The network explained, or None if there is no such network."""
    if "result_network_summary" not in table_names(con):
        raise WarehouseUnavailable("no networks yet: the networks stage has not run in this workspace")
    try:
        return explain_network(con, network_id)
    except ValueError:
        return None


def network_picture(network: NetworkExplanation) -> str:
    """The network drawn as SVG markup (lookout.networks.draw's picture)."""
    with tempfile.TemporaryDirectory() as folder:
        path = write_svg(network, Path(folder) / "network.svg")
        return path.read_text(encoding="utf-8")
