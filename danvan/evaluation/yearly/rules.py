"""The scoring's arithmetic, free of the database so it can be checked by hand.

- A grade is the band with the highest floor the total reaches (floors inclusive): with
  tốt ≥ 80 and khá ≥ 75, 80 is tốt, 79.99 khá, 75 khá, 74.99 the band below.
- Measured points of an item: its indicator's yearly score 0–10 (the index's own
  normalisation) times the item's maximum ÷ 10.
- A self-score is flagged when it exceeds the measured points by more than ``margin`` times
  the item's maximum (0.2 on a 5-point item: more than 1 point above the measurements).
"""

from __future__ import annotations

from collections.abc import Iterable

EPSILON = 1e-9


def grade_of(total: float | None, bands: Iterable[tuple[str, float]]) -> str | None:
    """The label of the band ``total`` reaches; ``bands`` are ``(label, floor)``."""
    if total is None:
        return None
    best: tuple[str, float] | None = None
    for label, floor in bands:
        if total + EPSILON >= floor and (best is None or floor > best[1]):
            best = (label, floor)
    return best[0] if best else None


def measured_points(score10: float | None, max_points: float) -> float | None:
    if score10 is None:
        return None
    return round(max_points * score10 / 10.0, 2)


def is_flagged(
    self_points: float | None, measured: float | None, max_points: float, margin: float
) -> bool:
    if self_points is None or measured is None:
        return False
    return self_points - measured > margin * max_points + EPSILON


def parse_points(text: object) -> float | None:
    """Points typed in a form: "8", "8,5" or "8.5"; None when blank. ``ValueError`` when it
    is not a number."""
    if text is None:
        return None
    if isinstance(text, int | float):
        return float(text)
    raw = str(text).strip().replace(",", ".")
    if not raw:
        return None
    value = float(raw)
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(raw)
    return value
