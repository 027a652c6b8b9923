"""Charts as inline SVG, drawn here: the page needs no chart library and no
network, and a chart is in the DOM (and its numbers in its titles) before any
script runs."""

from __future__ import annotations

from html import escape

BAR_HEIGHT = 18
LABEL_WIDTH = 190
WIDTH = 560


def bars(name: str, items: list[tuple[str, float]], unit: str = "") -> str:
    """A horizontal bar chart of (label, value), largest first as given."""
    if not items:
        return f'<p class="empty">No {escape(name)}.</p>'
    top = max(value for _, value in items) or 1
    height = BAR_HEIGHT * len(items) + 8
    rows = []
    for row, (label, value) in enumerate(items):
        y = 4 + row * BAR_HEIGHT
        length = (WIDTH - LABEL_WIDTH - 70) * value / top
        shown = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
        rows.append(
            f'<g class="bar"><title>{escape(label)}: {shown}{unit}</title>'
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 13}" text-anchor="end">{escape(label)}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y + 2}" width="{length:.1f}" height="{BAR_HEIGHT - 5}"/>'
            f'<text x="{LABEL_WIDTH + length + 5:.1f}" y="{y + 13}">{shown}{unit}</text></g>'
        )
    return (
        f'<svg class="chart" data-chart="{escape(name)}" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" aria-label="{escape(name)}">'
        + "".join(rows)
        + "</svg>"
    )


def columns(name: str, items: list[tuple[str, float]]) -> str:
    """A column chart of (label, value) in the order given (a time series)."""
    if not items:
        return f'<p class="empty">No {escape(name)}.</p>'
    top = max(value for _, value in items) or 1
    height, base = 160, 130
    step = (WIDTH - 40) / len(items)
    cols = []
    for i, (label, value) in enumerate(items):
        h = (base - 10) * value / top
        x = 30 + i * step
        cols.append(
            f'<g class="bar"><title>{escape(label)}: {value:,.0f}</title>'
            f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{max(step - 2, 1):.1f}" '
            f'height="{h:.1f}"/></g>'
        )
    first, last = escape(items[0][0]), escape(items[-1][0])
    return (
        f'<svg class="chart" data-chart="{escape(name)}" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" aria-label="{escape(name)}">'
        + "".join(cols)
        + f'<text x="30" y="{base + 18}">{first}</text>'
        + f'<text x="{WIDTH - 10}" y="{base + 18}" text-anchor="end">{last}</text></svg>'
    )
