"""Who and what keep meeting: the graph's nodes and edges, built in SQL from the linked
warehouse, every edge traceable to the records behind it.

Nodes are people (Lookout person ids from `result_linkage`), vehicles (VRM), phones (E.164)
and places (postcode), as the link stage's entity tables key them. An edge joins two nodes
recorded together:

- in one event: found with a missing child (`found_with`), driver and passenger
  (`driver_passenger`), in the same incident (`same_incident`), named in the same
  intelligence report (`same_intelligence`), found at or seen at a place (`found_at`,
  `incident_place`), in a vehicle stopped at an incident (`in_vehicle`);
- on a person's own police record: the phone on a nominal (`phone_of`), the vehicle a
  nominal was recorded with (`vehicle_of`), the address of a nominal (`lives_at`). Only
  police nominals give `lives_at`: school, care and clinic addresses are children's homes,
  which tie households and neighbours together, not exploiters to children.

`network_edge_evidence` holds one row per co-occurrence (both ends, the kind, the source,
the event, each end's record and the date `seen_at`); `network_edges` one row per pair of nodes with
how often (`occurrences`, distinct events) and how recently (`weight`) they met.
"""

from __future__ import annotations

import duckdb
from lookout.warehouse.database import table_names

__all__ = ["HALF_LIFE_DAYS", "build_edges"]

# SERAF counts an indicator fully while current (the last 6 months) and less once only
# recent (6-12 months): a co-occurrence counts 1 when it happens and half as much every six
# months after, so old meetings still count but fresh ones count most.
HALF_LIFE_DAYS = 183

# Every mention of a node in a dated event: people by their person-record, objects and
# places by the event that names them.
_MENTIONS = """
    CREATE OR REPLACE TEMP TABLE nw_mentions AS
    SELECT 'person' AS entity_type, l.person_id AS entity_key, p.source, p.event_id,
           p.record_id, p.role, e.event_type, e.at AS seen_at
    FROM event_participants p
    JOIN result_linkage l USING (source, record_id)
    JOIN events e USING (source, event_id)
    WHERE e.event_type IN ('police_incident', 'missing_episode', 'intelligence')
    UNION ALL
    SELECT 'vehicle', v.vrm, v.source, v.event_id, NULL, 'vehicle', e.event_type, e.at
    FROM entity_vehicles v JOIN events e USING (source, event_id)
    UNION ALL
    SELECT 'phone', p.phone, p.source, p.event_id, NULL, 'phone', e.event_type, e.at
    FROM entity_phones p JOIN events e USING (source, event_id)
    UNION ALL
    SELECT 'location', p.postcode, p.source, p.event_id, NULL, 'place', e.event_type, e.at
    FROM entity_places p JOIN events e USING (source, event_id)"""

_EVENT_KIND = """
    CASE
        WHEN a.event_type = 'missing_episode' AND b.entity_type = 'location' THEN 'found_at'
        WHEN a.event_type = 'missing_episode' THEN 'found_with'
        WHEN a.event_type = 'intelligence' THEN 'same_intelligence'
        WHEN b.entity_type = 'location' THEN 'incident_place'
        WHEN b.entity_type = 'vehicle' THEN 'in_vehicle'
        WHEN (a.role = 'driver' AND b.role = 'passenger') OR (a.role = 'passenger' AND b.role = 'driver')
            THEN 'driver_passenger'
        ELSE 'same_incident'
    END"""

# Pairs are written once, ordered so that a person comes first and otherwise by key; both
# ends keep their own record id (NULL for objects named by the event itself).
_EVIDENCE = f"""
    CREATE OR REPLACE TABLE network_edge_evidence AS
    WITH mentions AS (SELECT DISTINCT * FROM nw_mentions),
    event_pairs AS (
        SELECT a.entity_type AS a_type, a.entity_key AS a_key, b.entity_type AS b_type,
               b.entity_key AS b_key, {_EVENT_KIND} AS kind, a.source, a.event_id,
               a.record_id AS a_record_id, b.record_id AS b_record_id, a.seen_at
        FROM mentions a JOIN mentions b
          ON a.source = b.source AND a.event_id = b.event_id
         AND (a.entity_type, a.entity_key) <> (b.entity_type, b.entity_key)
        WHERE (a.entity_type = 'person' AND (b.entity_type <> 'person' OR a.entity_key < b.entity_key))
           OR (a.entity_type <> 'person' AND b.entity_type <> 'person'
               AND a.entity_type || ':' || a.entity_key < b.entity_type || ':' || b.entity_key)),
    own_records AS (
        SELECT 'phone' AS b_type, phone AS b_key, 'phone_of' AS kind, source, record_id, person_id
        FROM entity_phones WHERE event_id IS NULL AND person_id IS NOT NULL
        UNION ALL
        SELECT 'vehicle', vrm, 'vehicle_of', source, record_id, person_id
        FROM entity_vehicles WHERE person_id IS NOT NULL
        UNION ALL
        SELECT 'location', p.postcode, 'lives_at', p.source, p.record_id, p.person_id
        FROM entity_places p JOIN sources s USING (source)
        WHERE p.event_id IS NULL AND p.person_id IS NOT NULL AND s.kind = 'police'),
    record_pairs AS (
        -- a record's own details are dated by the extract that holds them
        SELECT DISTINCT 'person' AS a_type, o.person_id AS a_key, o.b_type, o.b_key, o.kind,
               o.source, NULL AS event_id, o.record_id AS a_record_id, NULL AS b_record_id,
               s.extracted_at AS seen_at
        FROM own_records o JOIN sources s USING (source))
    SELECT DISTINCT * FROM event_pairs
    UNION ALL
    SELECT * FROM record_pairs
    ORDER BY ALL"""

_EDGES = f"""
    CREATE OR REPLACE TABLE network_edges AS
    WITH per_occasion AS (
        -- one occasion per event (or per record for a record's own details)
        SELECT a_type, a_key, b_type, b_key, source, coalesce(event_id, a_record_id) AS occasion,
               min(seen_at) AS met_at, list(DISTINCT kind ORDER BY kind) AS kinds
        FROM network_edge_evidence GROUP BY ALL)
    SELECT a_type, a_key, b_type, b_key, count(*) AS occurrences,
           round(sum(pow(0.5, greatest(date_diff('day', CAST(met_at AS DATE), ?), 0) / {HALF_LIFE_DAYS})), 4)
               AS weight,
           min(met_at) AS first_at, max(met_at) AS last_at,
           list_sort(list_distinct(flatten(list(kinds)))) AS kinds
    FROM per_occasion GROUP BY a_type, a_key, b_type, b_key
    ORDER BY a_type, a_key, b_type, b_key"""


def build_edges(con: duckdb.DuckDBPyConnection, as_of) -> dict[str, int]:
    """(Re)build `network_edge_evidence` and `network_edges` as of a date (for recency);
    return their row counts."""
    tables = table_names(con)
    missing = [t for t in ("result_linkage", "entity_vehicles", "entity_phones", "entity_places")
               if t not in tables]
    if missing:
        raise ValueError(f"networks need the link stage's tables ({', '.join(missing)} missing): "
                         "run `lookout link` first")
    con.execute(_MENTIONS)
    con.execute(_EVIDENCE)
    con.execute(_EDGES, [as_of])
    return {"evidence": con.execute("SELECT count(*) FROM network_edge_evidence").fetchall()[0][0],
            "edges": con.execute("SELECT count(*) FROM network_edges").fetchall()[0][0]}
