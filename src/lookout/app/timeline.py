"""The chronology as a timeline picture: one lane per agency kind, one mark per entry, drawn
as SVG on the server (no script, nothing fetched), each mark titled with its date and what
happened. Entries that are evidence for the flag are drawn larger, ringed."""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape

from lookout.chronology.render import ChronologyEntry

__all__ = ["LANES", "timeline_svg"]

LANES = {"police": ("Police", "#1f3b73"), "education": ("Schools", "#2ca02c"),
         "social_care": ("Social care", "#d62728"), "health_sexual": ("Sexual health", "#9467bd"),
         "health_emergency": ("Emergency dept", "#ff7f0e")}
WIDTH, LANE_HEIGHT, LEFT, RIGHT, TOP = 960, 34, 120, 20, 28


def timeline_svg(entries: list[ChronologyEntry], evidence: set[tuple[str, str]]) -> str:
    """The entries as an inline SVG element (an empty string if there are none)."""
    if not entries:
        return ""
    kinds = [k for k in LANES if any(e.kind == k for e in entries)] + \
        sorted({e.kind for e in entries} - set(LANES))
    start = min(e.at for e in entries).date().replace(month=1, day=1)
    end = dt.date(max(e.at for e in entries).year + 1, 1, 1)
    span = (end - start).days or 1
    height = TOP + LANE_HEIGHT * len(kinds) + 24

    def x(day: dt.date) -> float:
        return LEFT + (WIDTH - LEFT - RIGHT) * (day - start).days / span

    parts = [f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
             f'role="img" aria-label="Timeline of {len(entries)} chronology entries">']
    for year in range(start.year, end.year + 1):
        gx = x(dt.date(year, 1, 1))
        parts.append(f'<line x1="{gx:.1f}" y1="{TOP - 6}" x2="{gx:.1f}" y2="{height - 20}" class="tick"/>')
        if year < end.year:
            parts.append(f'<text x="{gx + 3:.1f}" y="{TOP - 10}" class="year">{year}</text>')
    for lane, kind in enumerate(kinds):
        label, colour = LANES.get(kind, (kind, "#555"))
        y = TOP + LANE_HEIGHT * lane + LANE_HEIGHT / 2
        parts.append(f'<text x="8" y="{y + 4:.1f}" class="lane">{escape(label)}</text>'
                     f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" class="lane-line"/>')
        for entry in (e for e in entries if e.kind == kind):
            key = (entry.source, entry.event_id)
            radius, ring = (7, ' stroke="#000" stroke-width="2"') if key in evidence else (4, "")
            title = f"{entry.at:%d %b %Y %H:%M} {entry.agency}: {entry.description}"
            parts.append(f'<circle cx="{x(entry.at.date()):.1f}" cy="{y:.1f}" r="{radius}" fill="{colour}" '
                         f'fill-opacity="0.8"{ring}><title>{escape(title)}</title></circle>')
    parts.append(f'<text x="{LEFT}" y="{height - 4}" class="legend">Larger ringed marks are evidence '
                 'for the flag. Hover a mark for the entry.</text></svg>')
    return "".join(parts)
