"""The chronology: every agency's records in date order per person, pseudonymous by default,
with absence runs, as text, CSV and PDF."""

from __future__ import annotations

import csv

import pytest

from lookout.chronology import build_chronology, person_chronology, render_text, write_csv, write_pdf
from tests.integration.test_indicators_drop import AMY, CARA, _warehouse


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    from lookout.workspace import Workspace

    root = tmp_path_factory.mktemp("chronology")
    (root / "drop").mkdir()
    connection = _warehouse(root / "drop", Workspace(root / "ws"))
    build_chronology(connection)
    yield connection
    connection.close()


def test_every_agency_in_date_order(con):
    entries = person_chronology(con, AMY)
    assert {e.kind for e in entries} == {"police", "social_care", "education", "health_sexual", "health_emergency"}
    assert [e.at for e in entries] == sorted(e.at for e in entries)
    types = {e.event_type for e in entries}
    assert {"missing_episode", "care_missing_episode", "care_episode", "referral", "referral_decision",
            "police_incident", "intelligence", "school_concern", "school_absence", "school_attendance_month",
            "sexual_health_attendance", "emergency_attendance"} <= types


def test_entries_say_what_happened_and_where_it_is_recorded(con):
    entries = person_chronology(con, AMY)
    episode = next(e for e in entries if e.event_id == "missing:MP1")
    assert episode.source == "police" and episode.record_id == "N1" and episode.line == 2
    assert "found 02 Mar 2012 10:00 after 12.0 h at OX2 2BB" in episode.description
    runs = [e.description for e in entries if e.event_type == "school_absence"]
    # Mondays only: each run is one day's two sessions, unauthorised (O).
    assert len(runs) == 9 and all("2 sessions" in r and "codes O" in r for r in runs)
    month = next(e for e in entries if e.event_id.endswith("/2012-09"))
    assert "unauthorised" in month.description and month.kind == "education"


def test_pseudonymous_unless_revealed_and_a_reveal_shows_one_person(con):
    hidden = render_text(AMY, person_chronology(con, AMY))
    assert "Adams" not in hidden and "Bob Brown" not in hidden and f"[{AMY}]" in hidden
    shown = render_text(AMY, person_chronology(con, AMY, reveal=True))
    assert "seen with Amy Adams" in shown and "Bob" not in shown and "Brown" not in shown


def test_as_of_and_unknown_person(con):
    entries = person_chronology(con, CARA, as_of=__import__("datetime").date(2012, 3, 31))
    assert max(e.at for e in entries).date() <= __import__("datetime").date(2012, 3, 31)
    with pytest.raises(ValueError, match="no chronology entries"):
        person_chronology(con, "P-NOBODY")


def test_csv_and_pdf(con, tmp_path):
    entries = person_chronology(con, AMY)
    assert write_csv(entries, tmp_path / "c.csv") == len(entries)
    with (tmp_path / "c.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(entries) and rows[0]["kind"] == entries[0].kind
    path = write_pdf(AMY, entries, tmp_path / "c.pdf")
    assert path.read_bytes().startswith(b"%PDF") and path.stat().st_size > 2000
