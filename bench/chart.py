"""A grouped bar chart as a standalone SVG file (no plotting library needed)."""

from __future__ import annotations

import math
from html import escape
from pathlib import Path

COLOURS = ("#1d4ed8", "#0f766e", "#b45309", "#7c3aed", "#be123c")
WIDTH, ROW, BAR, LEFT, TOP = 760, 46, 10, 250, 56


def bar_chart_svg(title: str, unit: str, series: list[str],
                  groups: dict[str, list[float]], path: Path) -> None:
    """Bars per group (one per series), on a log scale so 2 ms and 500 ms both read."""
    values = [v for vs in groups.values() for v in vs if v > 0]
    low = 10 ** math.floor(math.log10(min(values)))
    high = 10 ** math.ceil(math.log10(max(values)))
    span = WIDTH - LEFT - 60

    def x(value: float) -> float:
        return LEFT + span * (math.log10(max(value, low)) - math.log10(low)) / (
            math.log10(high) - math.log10(low))

    height = TOP + ROW * len(groups) + 40
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
           f'font-family="sans-serif" font-size="12" role="img" aria-label="{escape(title)}">',
           f'<rect width="{WIDTH}" height="{height}" fill="white"/>',
           f'<text x="10" y="20" font-size="15" font-weight="bold">{escape(title)}</text>']
    for n, name in enumerate(series):
        out.append(f'<rect x="{LEFT + 130 * n}" y="30" width="12" height="12" '
                   f'fill="{COLOURS[n % len(COLOURS)]}"/><text x="{LEFT + 130 * n + 16}" '
                   f'y="40">{escape(name)}</text>')
    tick = low
    while tick <= high:
        out.append(f'<line x1="{x(tick):.1f}" y1="{TOP - 4}" x2="{x(tick):.1f}" '
                   f'y2="{height - 34}" stroke="#ddd"/><text x="{x(tick):.1f}" '
                   f'y="{height - 20}" text-anchor="middle">{tick:g} {escape(unit)}</text>')
        tick *= 10
    for row, (group, vs) in enumerate(groups.items()):
        y = TOP + ROW * row
        out.append(f'<text x="{LEFT - 8}" y="{y + ROW / 2:.0f}" text-anchor="end">'
                   f'{escape(group)}</text>')
        for n, value in enumerate(vs):
            top = y + 4 + n * (BAR + 1)
            out.append(f'<rect x="{LEFT}" y="{top}" width="{x(value) - LEFT:.1f}" '
                       f'height="{BAR}" fill="{COLOURS[n % len(COLOURS)]}"/>'
                       f'<text x="{x(value) + 4:.1f}" y="{top + BAR - 1}" font-size="10">'
                       f'{value:.1f}</text>')
    out.append("</svg>")
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
