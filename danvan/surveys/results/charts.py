"""The results' chart: each choice's weighted share with its 95 % interval, drawn like the
evaluation's charts (shared machinery in :mod:`danvan.core.charts`)."""

from __future__ import annotations

from typing import Any

from django.utils.safestring import SafeString

from danvan.core.charts import PALETTE, base, cached_svg


def share_chart(
    rows: list[tuple[str, float, float | None, float | None]], *, title: str, x_title: str
) -> SafeString:
    """Horizontal bars of ``(choice label, share %, ci_low, ci_high)`` with interval rules."""
    data = [
        {"c": c, "v": round(v, 2), "lo": None if lo is None else round(lo, 2),
         "hi": None if hi is None else round(hi, 2)}
        for c, v, lo, hi in rows
    ]  # fmt: skip

    def build() -> dict[str, Any]:
        import altair as alt

        order = [c for c, *_ in rows]
        y = alt.Y("c:N", title=None, sort=order)
        x_scale = alt.Scale(domain=[0, 100])
        bars = (
            alt.Chart(alt.Data(values=data))
            .mark_bar(color=PALETTE[0], opacity=0.75)
            .encode(x=alt.X("v:Q", title=x_title, scale=x_scale), y=y)
        )
        rules = (
            alt.Chart(alt.Data(values=[d for d in data if d["lo"] is not None]))
            .mark_rule(strokeWidth=2, color="#333333")
            .encode(x=alt.X("lo:Q", scale=x_scale), x2="hi:Q", y=y)
        )
        spec = {**base(420, max(40, 24 * len(rows))), **(bars + rules).to_dict()}
        spec.pop("$schema", None)
        return spec

    return cached_svg(["share", data, x_title], build, title, prefix="surveys")
