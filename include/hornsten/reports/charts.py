"""Charts for the reports, drawn with matplotlib (headless Agg backend).

Every chart is rendered twice: PNG for e-mail (mail clients do not show SVG) and
SVG for HTML and PDF (sharp at any zoom). One calm palette, Swedish number
formats, labels on the bars rather than a legend to decode.

Every colour that carries data has a contrast of at least 3:1 against the white
background (WCAG 2.1, 1.4.11, which EN 301 549 and so the accessibility law
require); stacked segments are parted by white lines, so each borders white. The
same figures are in the text beside each chart (its ``alt``), for whoever cannot
tell the colours apart.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

from hornsten.reports.model import Chart

# Contrast against white in the comments.
BLUE = "#1f5f8b"  # 6.8:1
LIGHT = "#5a8db8"  # 3.5:1, BLUE's paler partner
ORANGE = "#b35900"  # 4.8:1, what a chart highlights
GREEN = "#2e7d32"  # 5.1:1, agreement
LIGHT_GREEN = "#689f38"  # 3.2:1, agreement with changes
RED = "#c62828"  # 5.6:1, disagreement, missing
GREY = "#616161"  # 6.2:1, no opinion, declined
PALE_GREY = "#949494"  # 3.0:1, no answer
FONT = "DejaVu Sans"


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update(
        {
            "font.family": FONT,
            "font.size": 9,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.titlesize": 10,
            "axes.titleweight": "bold",
            "svg.fonttype": "none",
            "svg.hashsalt": "hornsten",
        }
    )
    return plt


def _finish(fig, key: str, title: str, alt: str) -> Chart:
    plt = _pyplot()
    png, svg = io.BytesIO(), io.StringIO()
    fig.savefig(png, format="png", dpi=150, bbox_inches="tight", metadata={"Software": None})
    fig.savefig(svg, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    plt.close(fig)
    # The SVG goes inline into HTML: drop the XML prolog and doctype.
    text = re.sub(r"^.*?(<svg)", r"\1", svg.getvalue(), flags=re.S)
    return Chart(key=key, title=title, png=png.getvalue(), svg=text, alt=alt)


def inline_svg(chart: Chart) -> str:
    """The chart's SVG to put inline into a page: an image named by the chart's title (for
    screen readers, and WeasyPrint makes the <title> the PDF figure's alt text), its ids
    prefixed with the chart's key, since matplotlib numbers every chart's the same
    (figure_1, axes_1, …) and several charts share one page."""
    from markupsafe import escape

    key = chart.key
    text = re.sub(r'\bid="', f'id="{key}-', chart.svg)
    text = text.replace("url(#", f"url(#{key}-").replace('href="#', f'href="#{key}-')
    name = escape(chart.title)
    return re.sub(
        r"<svg\b([^>]*)>",
        lambda tag: f'<svg{tag.group(1)} role="img" aria-label="{name}"><title>{name}</title>',
        text,
        count=1,
    )


def _percent(value: float) -> str:
    return f"{value * 100:.0f} %"


def horizontal_bars(
    key: str,
    title: str,
    labels: Sequence[str],
    values: Sequence[float],
    as_share: bool = True,
    highlight: Sequence[bool] | None = None,
    xlabel: str = "",
) -> Chart:
    """Ranked bars, largest on top, each labelled with its value."""
    plt = _pyplot()
    height = 0.9 + 0.32 * max(len(labels), 1)
    fig, ax = plt.subplots(figsize=(7.2, height))
    positions = list(range(len(labels)))[::-1]
    colours = [ORANGE if (highlight and highlight[i]) else BLUE for i in range(len(labels))]
    ax.barh(positions, values, color=colours, height=0.65)
    ax.set_yticks(positions, labels=labels)
    top = max(values, default=0) or 1
    ax.set_xlim(0, top * 1.18)
    for y, value in zip(positions, values, strict=False):
        ax.text(
            value + top * 0.01,
            y,
            _percent(value) if as_share else f"{value:,.0f}".replace(",", "\u2009"),
            va="center",
            fontsize=8,
        )
    ax.xaxis.set_visible(False)
    ax.spines["bottom"].set_visible(False)
    ax.set_title(title, loc="left")
    if xlabel:
        ax.set_xlabel(xlabel)
    alt = f"{title}: " + "; ".join(
        f"{label} {_percent(v) if as_share else f'{v:,.0f}'}" for label, v in zip(labels, values, strict=False)
    )
    return _finish(fig, key, title, alt)


def compared_bars(
    key: str,
    title: str,
    labels: Sequence[str],
    first: Sequence[float],
    second: Sequence[float],
    first_label: str,
    second_label: str,
) -> Chart:
    """Two shares side by side per group (e.g. respondents against population)."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7.2, 0.9 + 0.42 * max(len(labels), 1)))
    positions = list(range(len(labels)))[::-1]
    ax.barh([p + 0.2 for p in positions], first, height=0.36, color=BLUE, label=first_label)
    ax.barh([p - 0.2 for p in positions], second, height=0.36, color=LIGHT, label=second_label)
    ax.set_yticks(positions, labels=labels)
    ax.xaxis.set_major_formatter(lambda v, _pos: _percent(v))
    ax.legend(loc="lower right", frameon=False, fontsize=8)
    ax.set_title(title, loc="left")
    alt = f"{title}: " + "; ".join(
        f"{label} {first_label.lower()} {_percent(a)}, {second_label.lower()} {_percent(b)}"
        for label, a, b in zip(labels, first, second, strict=False)
    )
    return _finish(fig, key, title, alt)


def daily_line(key: str, title: str, days: Sequence, counts: Sequence[int], cumulative: bool = True) -> Chart:
    """Responses per day as bars, the running total as a line on a second axis."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7.2, 2.8))
    ax.bar(days, counts, color=LIGHT, width=0.9, label="per dag")
    ax.set_ylabel("svar per dag")
    if cumulative and counts:
        running, total = [], 0
        for c in counts:
            total += c
            running.append(total)
        twin = ax.twinx()
        twin.plot(days, running, color=BLUE, linewidth=2, label="totalt")
        twin.set_ylabel("totalt")
        twin.spines["top"].set_visible(False)
    fig.autofmt_xdate()
    ax.set_title(title, loc="left")
    alt = f"{title}: {sum(counts)} svar på {len(counts)} dagar" + (f", flest {max(counts)} en dag" if counts else "")
    return _finish(fig, key, title, alt)


def stacked_positions(
    key: str, title: str, labels: Sequence[str], series: dict[str, Sequence[int]], colours: Sequence[str] | None = None
) -> Chart:
    """Counts per category stacked per row (e.g. remiss positions per cornerstone)."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7.2, 0.9 + 0.42 * max(len(labels), 1)))
    positions = list(range(len(labels)))[::-1]
    left = [0] * len(labels)
    palette = list(colours or [GREEN, LIGHT_GREEN, RED, GREY, PALE_GREY])
    for index, (name, values) in enumerate(series.items()):
        ax.barh(
            positions,
            values,
            left=left,
            color=palette[index % len(palette)],
            label=name,
            height=0.6,
            edgecolor="white",
            linewidth=1.5,
        )
        left = [a + b for a, b in zip(left, values, strict=False)]
    ax.set_yticks(positions, labels=labels)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=min(len(series), 5), frameon=False, fontsize=8)
    ax.set_title(title, loc="left")
    alt = f"{title}: " + "; ".join(
        f"{label}: " + ", ".join(f"{name} {values[i]}" for name, values in series.items())
        for i, label in enumerate(labels)
    )
    return _finish(fig, key, title, alt)
