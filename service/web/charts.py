"""Horizontal grouped bar charts as plain geometry, drawn by templates/_chart.html as inline SVG:
no script and no library, so the dashboard works offline and prints."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Series:
    zh: str
    en: str


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    series: int  # index into the chart's series: its colour and legend entry
    group: str
    value: str


@dataclass
class Chart:
    title_zh: str
    title_en: str
    series: list[Series]
    width: int
    label_width: int
    height: float = 0.0
    bars: list[Bar] = field(default_factory=list)
    labels: list[tuple[str, float]] = field(default_factory=list)  # group label and its centre line


def _number(v: float) -> str:
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.1f}"


def grouped_bars(title_zh: str, title_en: str, series: list[Series], rows: list[tuple[str, list[float]]], *,
                 width: int = 560, label_width: int = 150, bar: int = 14, gap: int = 12) -> Chart:
    """One group of bars per row (one bar per series), lengths on a shared scale from zero."""
    chart = Chart(title_zh, title_en, series, width, label_width)
    top = max((v for _, values in rows for v in values), default=0) or 1
    scale = (width - label_width - 60) / top  # room on the right for the value labels
    y = float(gap)
    for group, values in rows:
        first = y
        for i, v in enumerate(values):
            chart.bars.append(Bar(label_width, y, max(v * scale, 0.0), bar, i, group, _number(v)))
            y += bar + 2
        chart.labels.append((group, (first + y - 2) / 2))
        y += gap
    chart.height = max(y, 3.0 * gap)
    return chart
