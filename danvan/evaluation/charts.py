"""The evaluation's charts: lines over months and rank intervals, drawn as SVG on the server
by the shared machinery of :mod:`danvan.core.charts` (altair → vl-convert, cached, each shown
beside a data table)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.utils.safestring import SafeString

from danvan.core.charts import PALETTE, base, cached_svg, clean_spec


def _cached(inputs: Any, build: Any, title: str) -> SafeString:
    return cached_svg(inputs, build, title, prefix="evaluation")


def _line_data(points: Sequence[tuple[str, date | int, float]]) -> list[dict[str, Any]]:
    """The rows of a line chart: a month is labelled ``YYYY-MM``, a year ``YYYY``."""
    return [
        {"s": s, "m": f"{m:%Y-%m}" if isinstance(m, date) else str(m), "v": round(v, 2)}
        for s, m, v in points
    ]


def line_chart(
    points: Sequence[tuple[str, date | int, float]],
    *,
    title: str,
    y_title: str,
    y_max: float,
    series_title: str = "",
    width: int = 560,
    height: int = 220,
) -> SafeString:
    """Lines per series over months or years: ``points`` are ``(series, month, value)`` with
    the month a date, or ``(series, year, value)`` with the year an int."""
    data = _line_data(points)

    def build() -> dict[str, Any]:
        return _line_spec(points, data, y_title, y_max, series_title, width, height)

    return _cached(["line", data, y_title, y_max, series_title, width, height], build, title)


def _line_spec(
    points: Sequence[tuple[str, date | int, float]],
    data: list[dict[str, Any]],
    y_title: str,
    y_max: float,
    series_title: str,
    width: int,
    height: int,
) -> dict[str, Any]:
    import altair as alt

    series = sorted({p[0] for p in points})
    chart = (
        alt.Chart(alt.Data(values=data))
        .mark_line(point=True)
        .encode(
            x=alt.X("m:O", title=None, axis=alt.Axis(labelAngle=-45)),
            y=alt.Y("v:Q", title=y_title, scale=alt.Scale(domain=[0, y_max])),
            color=alt.Color(
                "s:N",
                title=series_title or None,
                scale=alt.Scale(domain=series, range=PALETTE[: max(1, len(series))]),
                legend=alt.Legend() if len(series) > 1 else None,
            ),
        )
    )
    return _spec(chart, width, height)


def _spec(chart: Any, width: int, height: int) -> dict[str, Any]:
    """The Vega-Lite spec of an altair chart on the shared base (no schema URL: nothing is
    fetched)."""
    spec = {**base(width, height), **chart.to_dict()}
    spec.pop("$schema", None)
    return spec


def line_chart_png(
    points: list[tuple[str, date, float]],
    *,
    y_title: str,
    y_max: float,
    series_title: str = "",
    width: int = 560,
    height: int = 220,
) -> bytes:
    """The same line chart as a PNG (for the printed review reports), at twice the scale."""
    import vl_convert as vlc

    spec = _line_spec(points, _line_data(points), y_title, y_max, series_title, width, height)
    return vlc.vegalite_to_png(clean_spec(spec), scale=2)


def rank_chart(rows: list[tuple[str, int, int, int]], *, title: str, x_title: str) -> SafeString:
    """Each commune's point rank and its 5–95 % interval: ``(name, rank, low, high)``."""
    data = [{"n": n, "r": r, "lo": lo, "hi": hi} for n, r, lo, hi in rows]

    def build() -> dict[str, Any]:
        import altair as alt

        order = [n for n, *_ in rows]
        top = max([hi for *_, hi in rows] + [1])
        y = alt.Y("n:N", title=None, sort=order)
        x_scale = alt.Scale(domain=[top + 0.5, 0.5])  # rank 1 on the right: better is further
        rules = (
            alt.Chart(alt.Data(values=data))
            .mark_rule(strokeWidth=3, color="#9bb7d4")
            .encode(
                x=alt.X(
                    "lo:Q", title=x_title, scale=x_scale, axis=alt.Axis(tickMinStep=1, format="d")
                ),
                x2="hi:Q",
                y=y,
            )
        )
        dots = (
            alt.Chart(alt.Data(values=data))
            .mark_point(filled=True, size=70, color="#1f5fa8")
            .encode(x=alt.X("r:Q", scale=x_scale), y=y)
        )
        return _spec(rules + dots, 480, max(60, 22 * len(rows)))

    return _cached(["rank", data, x_title], build, title)


def bar_chart(
    rows: list[tuple[str, str, float]],
    *,
    title: str,
    y_title: str,
    y_max: float,
    series_title: str = "",
    width: int = 560,
    height: int = 240,
) -> SafeString:
    """Grouped bars: ``rows`` are ``(category, series, value)`` (e.g. a commune, "tự chấm" or
    "thẩm định", its points), categories in the order given."""
    data = [{"c": c, "s": s, "v": round(v, 2)} for c, s, v in rows]

    def build() -> dict[str, Any]:
        import altair as alt

        order = list(dict.fromkeys(c for c, _s, _v in rows))
        series = list(dict.fromkeys(s for _c, s, _v in rows))
        chart = (
            alt.Chart(alt.Data(values=data))
            .mark_bar()
            .encode(
                x=alt.X("c:N", title=None, sort=order, axis=alt.Axis(labelAngle=-45)),
                xOffset=alt.XOffset("s:N", sort=series),
                y=alt.Y("v:Q", title=y_title, scale=alt.Scale(domain=[0, y_max])),
                color=alt.Color(
                    "s:N",
                    title=series_title or None,
                    sort=series,
                    scale=alt.Scale(domain=series, range=PALETTE[: max(1, len(series))]),
                ),
            )
        )
        return _spec(chart, width, height)

    return _cached(["bar", data, y_title, y_max, series_title, width, height], build, title)
