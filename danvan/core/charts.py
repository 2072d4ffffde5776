"""Charts drawn on the server as SVG (Vega-Lite specs, built with altair, rendered by
vl-convert-python, which works offline): no CDN, no JavaScript. Every chart is shown beside a
data table with the same figures, for screen readers and for anyone who prefers numbers.

Rendering costs tens of milliseconds, so SVGs are cached by the hash of their inputs: a page
showing the same data twice renders once. The evaluation's and the surveys' charts are built
on these three functions.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from danvan.core.boundary import strip_controls_deep

FONT = "Noto Sans, DejaVu Sans, Arial, sans-serif"
PALETTE = ["#1f5fa8", "#c0392b", "#2e8540", "#8e44ad", "#d35400", "#16a085"]


def cached_svg(
    inputs: Any, build: Callable[[], dict[str, Any]], title: str, *, prefix: str
) -> SafeString:
    """The SVG for ``inputs`` from the cache, else ``build()``'s spec rendered (building the
    altair chart and rendering both cost tens of milliseconds; the key is the inputs')."""
    payload = json.dumps(inputs, sort_keys=True, default=str)
    key = f"{prefix}.svg." + hashlib.sha256(payload.encode()).hexdigest()[:32]
    svg = cache.get(key)
    if svg is None:
        import vl_convert as vlc

        svg = vlc.vegalite_to_svg(clean_spec(build()))
        cache.set(key, svg, 24 * 3600)
    return labelled(svg, title)


def clean_spec(spec: dict[str, Any]) -> dict[str, Any]:
    """``spec`` as plain JSON values with control characters stripped: names and labels are
    stored text, and the SVG (XML) or PNG renderer must get them cleaned once."""
    return strip_controls_deep(json.loads(json.dumps(spec, default=str)))


def labelled(svg: str, title: str) -> SafeString:
    # Announced as one image with its title; the table beside it carries the figures.
    svg = svg.replace(
        "<svg ", f'<svg role="img" aria-label="{escape(title)}" focusable="false" ', 1
    )
    return mark_safe(svg)  # noqa: S308 - produced by vl-convert from our own spec, title escaped


def base(width: int, height: int) -> dict[str, Any]:
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": width,
        "height": height,
        "config": {
            "font": FONT,
            "axis": {"labelFontSize": 11, "titleFontSize": 12},
            "legend": {"labelFontSize": 11, "titleFontSize": 12, "orient": "bottom"},
            "view": {"stroke": None},
        },
    }
