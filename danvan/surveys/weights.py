"""Survey weights over plain data: design weights, Rao–Wu bootstrap replicates, then
post-stratification to each commune's population — all through ``svy``.

1. **Design weight** of a respondent = 1 ÷ (π_village × π_household | village), from the
   sampling plan (:mod:`danvan.surveys.sampling`). A respondent outside any plan (a web form
   filled without one) weighs 1 and is its own cluster.
2. **Design for the variance**: strata are communes and PSUs are the sampled villages. A
   village taken with certainty is not sampled, so it is its own stratum and its households
   are the PSUs (the usual treatment of self-representing units); a stratum left with a single
   PSU is declared ``self_representing`` to svy, since one PSU cannot show variance.
3. **Replicates**: ``svy``'s stratified Rao–Wu(–Yue) rescaling bootstrap resamples villages
   within each commune, ``reps`` times, with a fixed seed.
4. **Post-stratification**: the full-sample weight and every replicate are scaled, commune by
   commune, so they add up to the commune's population — by sex × age group when the commune's
   population is known in those cells, else by sex, else to the total. A commune falls back to
   a coarser level when a cell has population but no respondent, when a respondent's sex or age
   is missing, or when some bootstrap replicate leaves a cell empty (a weight cannot be scaled
   from zero). A commune whose population is unknown keeps its design weights (its control is
   its own estimated total). Each commune's level is reported.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

SEXES = ("male", "female")
# Age groups of adult respondents (the built-in instruments' ``age_group`` choices), each with
# its inclusive lower bound.
AGE_GROUPS = (("18_29", 18), ("30_39", 30), ("40_49", 40), ("50_59", 50), ("60_plus", 60))
DEFAULT_REPS = 200

LEVEL_SEX_AGE = "sex_age"
LEVEL_SEX = "sex"
LEVEL_TOTAL = "total"
LEVEL_DESIGN = "design"  # population unknown: design weights kept


def age_group(age: Any) -> str | None:
    """The label of ``age``'s group, None below 18 or when not a number."""
    try:
        years = int(age)
    except (TypeError, ValueError):
        return None
    label = None
    for name, lower in AGE_GROUPS:
        if years >= lower:
            label = name
    return label


@dataclass(frozen=True)
class Population:
    """A commune's population: ``total``, and ``cells`` {(sex, age group): count} when known
    (then the total is their sum)."""

    total: int | None = None
    cells: Mapping[tuple[str, str], int] = field(default_factory=dict)

    @property
    def target(self) -> float | None:
        if self.cells:
            return float(sum(self.cells.values()))
        return float(self.total) if self.total else None

    def by_sex(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for (sex, _age), count in self.cells.items():
            out[sex] = out.get(sex, 0) + count
        return out


@dataclass(frozen=True)
class Respondent:
    """One counted submission. ``village`` is the plan's village key (None: no plan)."""

    key: str  # the submission's instanceID
    commune: str
    village: str | None = None
    design_weight: float = 1.0
    certainty: bool = False  # its village was taken with certainty
    sex: str | None = None
    age_group: str | None = None


@dataclass
class Weighted:
    """The weighted sample: ``sample`` is an ``svy.Sample`` whose design weight is the final
    (post-stratified) weight and which carries ``reps`` replicate weights; ``levels`` says
    how each commune was post-stratified."""

    sample: Any
    levels: dict[str, str]
    reps: int

    def weights(self) -> dict[str, float]:
        """Each respondent's final weight, by key."""
        data = self.sample.data
        return dict(zip(data["key"].to_list(), data[WEIGHT].to_list(), strict=True))


WEIGHT = "w_final"


def design_frame(respondents: Iterable[Respondent], extra: Mapping[str, list[Any]] | None = None):  # type: ignore[no-untyped-def]
    """The polars frame svy works on: one row per respondent with its stratum, PSU and design
    weight (and any ``extra`` columns, in the same order)."""
    import polars as pl

    rows = list(respondents)
    stratum, psu = [], []
    for r in rows:
        if r.village is None:  # no plan: a respondent is its own cluster within its commune
            stratum.append(r.commune)
            psu.append(f"r:{r.key}")
        elif r.certainty:  # a self-representing village: its own stratum, households as PSUs
            stratum.append(f"{r.commune}/{r.village}")
            psu.append(f"r:{r.key}")
        else:
            stratum.append(r.commune)
            psu.append(f"v:{r.village}")
    columns: dict[str, Any] = {
        "key": [r.key for r in rows],
        "commune": [r.commune for r in rows],
        "stratum": stratum,
        "psu": psu,
        "w_design": [float(r.design_weight) for r in rows],
        "sex": [r.sex for r in rows],
        "age": [r.age_group for r in rows],
    }
    for name, values in (extra or {}).items():
        columns[name] = values
    return pl.DataFrame(columns, strict=False)


def weigh(
    respondents: Iterable[Respondent],
    populations: Mapping[str, Population],
    *,
    reps: int = DEFAULT_REPS,
    seed: int = 0,
    extra: Mapping[str, list[Any]] | None = None,
) -> Weighted:
    """Design weights → Rao–Wu replicates → post-stratification (see the module docstring)."""
    import polars as pl
    import svy

    frame = design_frame(respondents, extra)
    if frame.height == 0:
        raise ValueError("no respondents")
    design = svy.Design(
        stratum="stratum", psu="psu", wgt="w_design", singleton=svy.Singleton("self_representing")
    )
    sample = svy.Sample(frame, design)
    sample = sample.weighting.create_bs_wgts(n_reps=reps, rep_prefix="rw", rstate=seed)
    rep_cols = [f"rw{i}" for i in range(1, reps + 1)]
    levels, cells, controls = _cells(sample.data, populations, rep_cols)
    labelled = sample.data.with_columns(
        pl.col("key").replace_strict(cells, return_dtype=pl.String).alias("ps_cell")
    )
    sample = svy.Sample(labelled, sample.design)
    sample = sample.weighting.poststratify(controls=controls, cells="ps_cell", wgt_name=WEIGHT)
    return Weighted(sample=sample, levels=levels, reps=reps)


def _cells(data, populations: Mapping[str, Population], rep_cols: list[str]):  # type: ignore[no-untyped-def]
    """Each respondent's post-stratification cell and each cell's control (population)."""
    import polars as pl

    levels: dict[str, str] = {}
    cell_of: dict[str, str] = {}
    controls: dict[str, float] = {}
    weights = ["w_design", *rep_cols]
    for (commune,), part in data.group_by(["commune"], maintain_order=True):
        pop = populations.get(commune) or Population()
        candidates: list[tuple[str, dict[str, float], Any]] = []
        if pop.cells:
            candidates.append(
                (
                    LEVEL_SEX_AGE,
                    {f"{s}|{a}": float(n) for (s, a), n in pop.cells.items() if n > 0},
                    pl.concat_str([pl.col("sex"), pl.col("age")], separator="|"),
                )
            )
            candidates.append(
                (
                    LEVEL_SEX,
                    {s: float(n) for s, n in pop.by_sex().items() if n > 0},
                    pl.col("sex"),
                )
            )
        level, chosen = LEVEL_TOTAL, None
        for name, targets, expr in candidates:
            labelled = part.with_columns(expr.alias("_cell"))
            if _feasible(labelled, targets, weights):
                level, chosen = name, (targets, labelled)
                break
        if chosen is not None:
            targets, labelled = chosen
            for key, label in zip(
                labelled["key"].to_list(), labelled["_cell"].to_list(), strict=True
            ):
                cell_of[key] = f"{commune}#{label}"
            for label, count in targets.items():
                controls[f"{commune}#{label}"] = count
        else:
            target = pop.target
            if target is None:  # unknown population: the design weights' own total
                level, target = LEVEL_DESIGN, float(part["w_design"].sum())
            for key in part["key"].to_list():
                cell_of[key] = f"{commune}#"
            controls[f"{commune}#"] = target
        levels[commune] = level
    return levels, cell_of, controls


def _feasible(labelled, targets: dict[str, float], weights: list[str]) -> bool:  # type: ignore[no-untyped-def]
    """Every respondent falls in a cell with population, and every such cell has weight in the
    full sample and in every replicate."""
    import polars as pl

    labels = labelled["_cell"]
    if labels.null_count() or not set(labels.to_list()) <= set(targets):
        return False
    sums = labelled.group_by("_cell").agg([pl.col(w).sum() for w in weights])
    if set(sums["_cell"].to_list()) != set(targets):
        return False  # a cell with population and no respondent
    return bool(sums.select(pl.min_horizontal([pl.col(w).min() for w in weights])).item() > 0)
