"""The chronology's timeline picture."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from lookout.app.timeline import timeline_svg
from lookout.chronology.render import ChronologyEntry

SVG = "{http://www.w3.org/2000/svg}"


def _entry(day: str, kind: str, event_id: str, text: str = "seen") -> ChronologyEntry:
    return ChronologyEntry(dt.datetime.fromisoformat(day), kind, f"{kind} agency", f"{kind}-src", "R1",
                           "incident", event_id, 3, "victim", text)


def test_one_mark_per_entry_in_its_agencys_lane_with_evidence_ringed() -> None:
    entries = [_entry("2011-03-01T10:00", "police", "I1", "found with <adult> & others"),
               _entry("2012-06-01T10:00", "education", "C1"),
               _entry("2012-12-31T23:00", "police", "I2")]
    root = ET.fromstring(timeline_svg(entries, {("police-src", "I2")}))
    marks = root.findall(f"{SVG}circle")
    assert len(marks) == 3
    lanes = {t.text for t in root.findall(f"{SVG}text") if t.get("class") == "lane"}
    assert lanes == {"Police", "Schools"}
    ringed = [m for m in marks if m.get("stroke")]
    assert len(ringed) == 1 and "31 Dec 2012" in ringed[0].find(f"{SVG}title").text
    assert "found with <adult> & others" in marks[0].find(f"{SVG}title").text  # escaped, then parsed back
    x = {m.find(f"{SVG}title").text[:11]: float(m.get("cx")) for m in marks}
    assert x["01 Mar 2011"] < x["01 Jun 2012"] < x["31 Dec 2012"]  # time runs left to right


def test_no_entries_draw_nothing() -> None:
    assert timeline_svg([], set()) == ""
