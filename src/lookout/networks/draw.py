"""A picture of one network, with pseudonymous labels (person ids, VRMs, numbers, postcodes;
never names). SVG is written directly (no drawing library, so it works on any machine); PNG
with Pillow. The layout is igraph's Fruchterman-Reingold, seeded so a picture is repeatable.
"""

from __future__ import annotations

import random
from pathlib import Path
from xml.sax.saxutils import escape

import igraph

from lookout.networks.explain import NetworkExplanation

__all__ = ["layout", "write_png", "write_svg"]

SIZE = 800
MARGIN = 90
COLOURS = {"child_at_risk": "#d62728", "suspected_offender": "#1f3b73", "associate": "#7f7f7f",
           "place": "#2ca02c", "vehicle": "#ff7f0e", "phone": "#9467bd"}


def layout(network: NetworkExplanation) -> dict[str, tuple[float, float]]:
    """Node name -> (x, y) in pixels."""
    names = [f"{t}:{k}" for t, k, _ in network.members]
    index = {n: i for i, n in enumerate(names)}
    graph = igraph.Graph(n=len(names), edges=[(index[e.a], index[e.b]) for e in network.edges
                                              if e.a in index and e.b in index])
    igraph.set_random_number_generator(random.Random(0))
    try:
        coords = graph.layout_fruchterman_reingold(niter=500).coords if names else []
    finally:
        igraph.set_random_number_generator(random)
    xs = [c[0] for c in coords] or [0.0]
    ys = [c[1] for c in coords] or [0.0]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    inner = SIZE - 2 * MARGIN
    wide = inner - 80  # room on the right for the longest label
    return {n: (MARGIN + wide * (x - min(xs)) / span_x, MARGIN + inner * (y - min(ys)) / span_y)
            for n, (x, y) in zip(names, coords)}


def _legend() -> list[tuple[str, str]]:
    return [(role.replace("_", " "), colour) for role, colour in COLOURS.items()]


def write_svg(network: NetworkExplanation, path: Path) -> Path:
    """Write the network as an SVG picture."""
    where = layout(network)
    roles = {f"{t}:{k}": r for t, k, r in network.members}
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{SIZE}" height="{SIZE}" '
             f'viewBox="0 0 {SIZE} {SIZE}" font-family="sans-serif" font-size="11">',
             f'<rect width="{SIZE}" height="{SIZE}" fill="white"/>',
             f'<text x="10" y="20" font-size="14">Network {escape(network.summary["network_id"])} '
             f'(pseudonymous)</text>']
    for edge in network.edges:
        if edge.a in where and edge.b in where:
            (x1, y1), (x2, y2) = where[edge.a], where[edge.b]
            width = 1 + min(edge.occurrences, 6)
            parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#999" '
                         f'stroke-width="{width}"><title>{escape(", ".join(edge.kinds))}: '
                         f'{edge.occurrences} record(s)</title></line>')
    for name, (x, y) in where.items():
        colour = COLOURS.get(roles[name], "#444")
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="9" fill="{colour}"><title>{escape(roles[name])}'
                     f'</title></circle>')
        parts.append(f'<text x="{x + 12:.1f}" y="{y + 4:.1f}">{escape(name)}</text>')
    for i, (label, colour) in enumerate(_legend()):
        parts.append(f'<circle cx="20" cy="{SIZE - 110 + 16 * i}" r="6" fill="{colour}"/>'
                     f'<text x="32" y="{SIZE - 106 + 16 * i}">{escape(label)}</text>')
    parts.append("</svg>")
    path.write_text("\n".join(parts) + "\n", encoding="utf-8")
    return path


def write_png(network: NetworkExplanation, path: Path) -> Path:
    """Write the network as a PNG picture."""
    from PIL import Image, ImageDraw

    where = layout(network)
    roles = {f"{t}:{k}": r for t, k, r in network.members}
    image = Image.new("RGB", (SIZE, SIZE), "white")
    draw = ImageDraw.Draw(image)
    draw.text((10, 8), f"Network {network.summary['network_id']} (pseudonymous)", fill="black")
    for edge in network.edges:
        if edge.a in where and edge.b in where:
            draw.line([where[edge.a], where[edge.b]], fill="#999999", width=1 + min(edge.occurrences, 6))
    for name, (x, y) in where.items():
        draw.ellipse([x - 9, y - 9, x + 9, y + 9], fill=COLOURS.get(roles[name], "#444444"))
        draw.text((x + 12, y - 5), name, fill="black")
    for i, (label, colour) in enumerate(_legend()):
        y = SIZE - 110 + 16 * i
        draw.ellipse([14, y - 6, 26, y + 6], fill=colour)
        draw.text((32, y - 6), label, fill="black")
    image.save(path, format="PNG")
    return path
