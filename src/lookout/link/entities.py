"""Vehicles, phones and places as entities, keyed by their normalised form.

A registration, a phone number or a postcode written three ways by three agencies is one
thing: each becomes one entity keyed by its DVLA-style VRM, E.164 number or published
postcode, with every source record that mentions it (and the person, where the mention comes
from a person-record). Values that cannot be normalised are left out of the entity tables;
they stay in the warehouse views as recorded.
"""

from __future__ import annotations

import duckdb

from lookout.link.standardise import install_macros

__all__ = ["build_entities"]

_VEHICLES = """
    CREATE OR REPLACE TABLE entity_vehicles AS
    SELECT lk_vrm(o.value) AS vrm, o.source, o.event_id, o.record_id, l.person_id,
           o.value AS as_recorded
    FROM objects_as_recorded o
    LEFT JOIN result_linkage l ON l.source = o.source AND l.record_id = o.record_id
    WHERE o.object_type = 'vehicle' AND lk_vrm(o.value) IS NOT NULL
    ORDER BY ALL"""

_PHONES = """
    CREATE OR REPLACE TABLE entity_phones AS
    SELECT lk_phone(o.value) AS phone, o.source, o.event_id, o.record_id, l.person_id,
           o.value AS as_recorded
    FROM objects_as_recorded o
    LEFT JOIN result_linkage l ON l.source = o.source AND l.record_id = o.record_id
    WHERE o.object_type = 'phone' AND lk_phone(o.value) IS NOT NULL
    ORDER BY ALL"""

_PLACES = """
    CREATE OR REPLACE TABLE entity_places AS
    SELECT lk_postcode(p.postcode) AS postcode, p.source, p.event_id, p.record_id, l.person_id,
           p.postcode AS as_recorded, p.address
    FROM locations_as_recorded p
    LEFT JOIN result_linkage l ON l.source = p.source AND l.record_id = p.record_id
    WHERE lk_postcode(p.postcode) IS NOT NULL
    ORDER BY ALL"""


def build_entities(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rebuild the entity tables; return distinct entities per table."""
    install_macros(con)
    counts = {}
    for table, key, statement in (("entity_vehicles", "vrm", _VEHICLES),
                                  ("entity_phones", "phone", _PHONES),
                                  ("entity_places", "postcode", _PLACES)):
        con.execute(statement)
        counts[table] = con.execute(f"SELECT count(DISTINCT {key}) FROM {table}").fetchall()[0][0]
    return counts
