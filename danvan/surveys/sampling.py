"""A PAPI-style sampling plan over plain data: villages drawn with probability proportional to
size within each commune, then respondents within each drawn village.

Stage 1 — villages (the primary sampling units, PSUs): within each commune (a stratum),
``villages_per_commune`` villages are drawn by systematic PPS on their measure of size (the
number of households, else the population), through ``svy``'s ``pps_sys``. A village whose
size share would give it an inclusion probability of 1 or more is taken with certainty
(probability 1); a commune with no more villages than asked takes them all.

Stage 2 — respondents: ``respondents_per_village`` households in each drawn village, from the
village's household list when there is one (systematic with a random start, or simple random
sampling), else by household number 1…N along the enumerator's route (N = the village's
measure of size). The within-village probability is m ÷ N.

Every draw goes through one ``numpy`` generator seeded with ``seed``: the same frame and seed
give the same plan. Each sampled household keeps its inclusion probabilities, so its design
weight is 1 ÷ (π_village × π_household | village) (see :mod:`danvan.surveys.weights`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from django.utils.translation import gettext_noop

METHODS = ("systematic", "random")


class SamplingError(ValueError):
    """A frame or a request the plan cannot be drawn from; ``code`` is stable, ``message``
    is for people."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class FrameVillage:
    """One village of the frame. ``size`` is its measure of size (households, else
    population); ``households`` the labels of its household list when it has one."""

    key: str
    commune: str
    name: str
    size: int
    households: tuple[str, ...] = ()


@dataclass(frozen=True)
class SampledVillage:
    key: str
    commune: str
    name: str
    size: int
    probability: float  # π of the village in its commune
    certainty: bool


@dataclass(frozen=True)
class SampledHousehold:
    village: str  # FrameVillage.key
    commune: str
    order: int  # 1…m within the village, the order the enumerator visits
    household: str  # the list's label, or "Hộ số k" counted along the route
    number: int  # position 1…N in the list or along the route
    village_probability: float
    household_probability: float  # π of the household given its village

    @property
    def probability(self) -> float:
        return self.village_probability * self.household_probability

    @property
    def design_weight(self) -> float:
        return 1.0 / self.probability


@dataclass
class Plan:
    seed: int
    method: str
    villages: list[SampledVillage] = field(default_factory=list)
    households: list[SampledHousehold] = field(default_factory=list)
    excluded: list[FrameVillage] = field(default_factory=list)  # size 0 or unknown

    def households_of(self, village_key: str) -> list[SampledHousehold]:
        return [h for h in self.households if h.village == village_key]


def draw_plan(
    frame: Iterable[FrameVillage],
    *,
    villages_per_commune: int,
    respondents_per_village: int,
    seed: int,
    method: str = "systematic",
) -> Plan:
    """Draw villages then households from ``frame`` (see the module docstring)."""
    if villages_per_commune < 1 or respondents_per_village < 1:
        raise SamplingError(
            "bad_size",
            gettext_noop("Số thôn mỗi xã và số người trả lời mỗi thôn phải từ 1 trở lên."),
        )
    if method not in METHODS:
        raise SamplingError("bad_method", gettext_noop("Cách chọn hộ không hợp lệ."))
    villages = list(frame)
    usable = [v for v in villages if v.size and v.size > 0]
    plan = Plan(seed=seed, method=method, excluded=[v for v in villages if v not in usable])
    if not usable:
        raise SamplingError(
            "empty_frame", gettext_noop("Không có thôn nào có số hộ hoặc dân số để chọn mẫu.")
        )
    keys = [v.key for v in usable]
    if len(set(keys)) != len(keys):
        raise SamplingError("duplicate_village", gettext_noop("Khung mẫu có thôn bị lặp."))
    rng = np.random.default_rng(seed)
    plan.villages = _draw_villages(usable, villages_per_commune, rng)
    by_key = {v.key: v for v in usable}
    for sampled in plan.villages:
        plan.households.extend(
            _draw_households(by_key[sampled.key], sampled, respondents_per_village, method, rng)
        )
    return plan


def _draw_villages(
    villages: list[FrameVillage], n: int, rng: np.random.Generator
) -> list[SampledVillage]:
    import polars as pl
    import svy

    chosen: list[SampledVillage] = []
    by_commune: dict[str, list[FrameVillage]] = {}
    for v in villages:
        by_commune.setdefault(v.commune, []).append(v)
    drawn_communes = []
    for commune, members in sorted(by_commune.items()):
        if len(members) <= n:  # every village: nothing to draw
            chosen.extend(_sampled(v, 1.0, True) for v in members)
        else:
            drawn_communes.append(commune)
    if drawn_communes:
        rows = [v for c in drawn_communes for v in by_commune[c]]
        frame = pl.DataFrame(
            {
                "commune": [v.commune for v in rows],
                "key": [v.key for v in rows],
                "size": [float(v.size) for v in rows],
            }
        )
        design = svy.Design(stratum="commune", psu="key", mos="size")
        selected = (
            svy.Sample(frame, design)
            .sampling.pps_sys(n=n, rstate=rng, certainty_threshold=1.0)
            .data
        )
        by_key = {v.key: v for v in rows}
        for row in selected.iter_rows(named=True):
            probability = min(1.0, float(row["svy_prob_selection"]))
            chosen.append(_sampled(by_key[row["key"]], probability, bool(row.get("svy_certainty"))))
    order = {v.key: i for i, v in enumerate(villages)}
    return sorted(chosen, key=lambda s: (s.commune, order[s.key]))


def _sampled(v: FrameVillage, probability: float, certainty: bool) -> SampledVillage:
    return SampledVillage(
        key=v.key, commune=v.commune, name=v.name, size=v.size,
        probability=probability, certainty=certainty or probability >= 1.0,
    )  # fmt: skip


def _draw_households(
    village: FrameVillage,
    sampled: SampledVillage,
    m: int,
    method: str,
    rng: np.random.Generator,
) -> list[SampledHousehold]:
    listed = list(village.households)
    total = len(listed) if listed else village.size
    take = min(m, total)
    positions = _positions(total, take, method, rng)
    return [
        SampledHousehold(
            village=village.key, commune=village.commune, order=i,
            household=listed[p - 1] if listed else f"Hộ số {p}", number=p,
            village_probability=sampled.probability, household_probability=take / total,
        )
        for i, p in enumerate(positions, start=1)
    ]  # fmt: skip


def _positions(total: int, take: int, method: str, rng: np.random.Generator) -> list[int]:
    """``take`` distinct positions among 1…``total`` (each with probability take ÷ total)."""
    if take >= total:
        return list(range(1, total + 1))
    if method == "random":
        return sorted(int(p) + 1 for p in rng.choice(total, size=take, replace=False))
    # Systematic with a fractional interval: start u in [0, k), then u, u+k, u+2k, …; each
    # position is hit by exactly one of the take points with probability take ÷ total.
    step = total / take
    start = rng.uniform(0, step)
    return [int(np.floor(start + i * step)) + 1 for i in range(take)]
