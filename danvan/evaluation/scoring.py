"""The index's arithmetic, kept free of the database so it can be checked by hand.

- Each indicator's value becomes a score 0–10 between two anchors: ``10 × (value − worst) ÷
  (anchor − worst)``, clipped to 0–10, where the anchor is the best value (normalisation by
  goalposts: 100 % on time scores 10) or the target (distance to target: reaching the target
  scores 10). The same formula serves "higher is better" and "lower is better" indicators,
  since their worst anchor lies on the other side.
- An area's score is the weighted mean of the scores of its indicators that have data.
- ``total`` (out of 60) is six times the mean of the areas that have a score, reported with
  ``areas_measured``; a commune with fewer than two measured areas is not ranked.
- Uncertainty: Monte Carlo draws of the weights (each ± ``spread``) and of the normalisation
  method give each commune's rank in every draw; its interval is the 5th–95th percentile,
  widened to hold the rank under the method in force.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

AREAS = (1, 2, 3, 4, 5, 6)
MIN_AREAS_FOR_RANK = 2
SEED = 20171030  # fixed: the same data gives the same intervals (Decision 1878-QĐ/TU's date)


@dataclass(frozen=True)
class Spec:
    """An indicator as the method in force scores it."""

    key: str
    area: int
    weight: float
    worst: float
    best: float
    target: float | None

    def anchor(self, method: str) -> float:
        if method == "target" and self.target is not None and self.target != self.worst:
            return self.target
        return self.best


def score(value: float | None, spec: Spec, method: str) -> float | None:
    if value is None:
        return None
    anchor = spec.anchor(method)
    if anchor == spec.worst:
        return None
    return float(10.0 * min(1.0, max(0.0, (value - spec.worst) / (anchor - spec.worst))))


def area_scores(
    values: dict[str, float | None], specs: list[Spec], method: str, weights: dict[str, float]
) -> dict[int, float | None]:
    sums: dict[int, float] = {}
    wsum: dict[int, float] = {}
    for spec in specs:
        s = score(values.get(spec.key), spec, method)
        w = weights.get(spec.key, spec.weight)
        if s is None or w <= 0:
            continue
        sums[spec.area] = sums.get(spec.area, 0.0) + w * s
        wsum[spec.area] = wsum.get(spec.area, 0.0) + w
    return {a: (sums[a] / wsum[a] if wsum.get(a) else None) for a in AREAS}


def total_of(areas: dict[int, float | None]) -> tuple[float | None, int]:
    measured = [s for s in areas.values() if s is not None]
    if not measured:
        return None, 0
    return 6.0 * sum(measured) / len(measured), len(measured)


def competition_ranks(totals: dict[int, float]) -> dict[int, int]:
    """1 + the number of communes strictly ahead (ties share a rank)."""
    ordered = sorted(totals.values(), reverse=True)
    out = {}
    for uid, t in totals.items():
        out[uid] = 1 + sum(1 for x in ordered if x > t)
    return out


def rank_intervals(
    unit_values: dict[int, dict[str, float | None]],
    specs: list[Spec],
    *,
    draws: int,
    spread: float,
    point_ranks: dict[int, int],
    seed: int = SEED,
) -> dict[int, tuple[int, int]]:
    """5th–95th percentile of each ranked commune's rank over ``draws`` random methods."""
    units = list(point_ranks)
    if not units or not specs or draws <= 0:
        return {}
    n_ind = len(specs)
    # Scores under both normalisations: (method, commune, indicator); NaN where no data.
    scores = np.full((2, len(units), n_ind), np.nan)
    for m, method in enumerate(("goalposts", "target")):
        for c, uid in enumerate(units):
            vals = unit_values.get(uid, {})
            for i, spec in enumerate(specs):
                s = score(vals.get(spec.key), spec, method)
                if s is not None:
                    scores[m, c, i] = s
    mask = ~np.isnan(scores[0])
    filled = np.nan_to_num(scores)
    membership = np.zeros((n_ind, len(AREAS)))
    for i, spec in enumerate(specs):
        if spec.area in AREAS:
            membership[i, AREAS.index(spec.area)] = 1.0
    base = np.array([spec.weight for spec in specs])
    rng = np.random.default_rng(seed)
    weights = base * rng.uniform(1 - spread, 1 + spread, size=(draws, n_ind))
    methods = rng.integers(0, 2, size=draws)
    totals = np.empty((draws, len(units)))
    for m in (0, 1):
        picked = np.nonzero(methods == m)[0]
        if not len(picked):
            continue
        w = weights[picked]  # (d, i)
        num = np.einsum("ci,di,ia->dca", filled[m] * mask, w, membership)
        den = np.einsum("ci,di,ia->dca", mask.astype(float), w, membership)
        with np.errstate(invalid="ignore", divide="ignore"):
            area = np.where(den > 0, num / np.where(den > 0, den, 1), np.nan)
        measured = (~np.isnan(area)).sum(axis=2)
        totals[picked] = 6.0 * np.nansum(area, axis=2) / np.maximum(measured, 1)
    # Rank in each draw: 1 + the communes strictly ahead (sorting keeps memory linear).
    neg = -totals
    ordered = np.sort(neg, axis=1)
    ranks = np.empty_like(totals, dtype=int)
    for d in range(draws):
        ranks[d] = np.searchsorted(ordered[d], neg[d], side="left") + 1
    low = np.floor(np.percentile(ranks, 5, axis=0)).astype(int)
    high = np.ceil(np.percentile(ranks, 95, axis=0)).astype(int)
    out = {}
    for c, uid in enumerate(units):
        point = point_ranks[uid]
        out[uid] = (min(int(low[c]), point), max(int(high[c]), point))
    return out
