"""The sampling plan and the weights over plain data (no database)."""

from __future__ import annotations

import numpy as np
import pytest

from danvan.surveys.sampling import FrameVillage, SamplingError, draw_plan
from danvan.surveys.weights import (
    LEVEL_DESIGN,
    LEVEL_SEX,
    LEVEL_SEX_AGE,
    LEVEL_TOTAL,
    Population,
    Respondent,
    age_group,
    weigh,
)


def _frame():
    sizes = {"A": [1000, 50, 60, 70, 80, 90, 100, 120], "B": [100, 200], "C": [300, 0, 150]}
    return [
        FrameVillage(key=f"{c}{i}", commune=c, name=f"Thôn {i}", size=s)
        for c, row in sizes.items()
        for i, s in enumerate(row)
    ]


def _expected_probabilities(frame, n):
    """PPS with certainty units removed step by step (the oracle the draw must match)."""
    out = {}
    communes = {v.commune for v in frame}
    for c in communes:
        rest = [v for v in frame if v.commune == c and v.size > 0]
        k = n
        while len(rest) > k:
            total = sum(v.size for v in rest)
            big = [v for v in rest if k * v.size / total >= 1]
            if not big:
                break
            for v in big:
                out[v.key] = 1.0
            rest = [v for v in rest if v not in big]
            k -= len(big)
        total = sum(v.size for v in rest)
        for v in rest:
            out[v.key] = min(1.0, k * v.size / total)
    return out


def test_plan_draws_pps_with_certainty_and_keeps_probabilities():
    frame = _frame()
    plan = draw_plan(frame, villages_per_commune=3, respondents_per_village=5, seed=11)
    expected = _expected_probabilities(frame, 3)
    per_commune = {c: [v for v in plan.villages if v.commune == c] for c in "ABC"}
    assert len(per_commune["A"]) == 3
    assert {v.key for v in per_commune["B"]} == {"B0", "B1"}  # fewer villages than asked: all
    assert {v.key for v in per_commune["C"]} == {"C0", "C2"}  # the village of size 0 is out
    assert [v.key for v in plan.excluded] == ["C1"]
    a0 = next(v for v in plan.villages if v.key == "A0")
    assert a0.certainty and a0.probability == 1.0
    for v in plan.villages:
        assert v.probability == pytest.approx(expected[v.key])
    assert len(plan.households) == 5 * len(plan.villages)
    for h in plan.households:
        size = next(v.size for v in frame if v.key == h.village)
        assert h.household_probability == pytest.approx(5 / size)
        assert 1 <= h.number <= size


def test_plan_is_reproducible_with_its_seed_and_changes_with_another():
    frame = _frame()
    one = draw_plan(frame, villages_per_commune=3, respondents_per_village=5, seed=4)
    two = draw_plan(frame, villages_per_commune=3, respondents_per_village=5, seed=4)
    assert one.villages == two.villages and one.households == two.households
    others = [
        draw_plan(frame, villages_per_commune=3, respondents_per_village=5, seed=s).households
        for s in (5, 6, 7)
    ]
    assert any(o != one.households for o in others)


def test_pps_selects_in_proportion_to_size_over_many_draws():
    frame = [
        FrameVillage(key=f"v{i}", commune="A", name="", size=s)
        for i, s in enumerate([10, 20, 30, 40, 100])
    ]
    hits = dict.fromkeys([v.key for v in frame], 0)
    for seed in range(400):
        for v in draw_plan(
            frame, villages_per_commune=2, respondents_per_village=1, seed=seed
        ).villages:
            hits[v.key] += 1
    expected = _expected_probabilities(frame, 2)
    for key, count in hits.items():
        assert count / 400 == pytest.approx(expected[key], abs=0.07)


def test_household_list_is_used_when_present_systematic_and_random():
    listed = tuple(f"Hộ {i:02d}" for i in range(1, 41))
    frame = [FrameVillage(key="v", commune="A", name="Thôn", size=40, households=listed)]
    sys = draw_plan(frame, villages_per_commune=1, respondents_per_village=8, seed=3)
    numbers = [h.number for h in sys.households]
    assert [b - a for a, b in zip(numbers, numbers[1:], strict=False)] == [5] * 7  # every 5th
    assert all(h.household == listed[h.number - 1] for h in sys.households)
    rnd = draw_plan(
        frame, villages_per_commune=1, respondents_per_village=8, seed=3, method="random"
    )
    assert len({h.number for h in rnd.households}) == 8


def test_plan_refuses_bad_requests_with_a_code():
    with pytest.raises(SamplingError) as err:
        draw_plan([], villages_per_commune=2, respondents_per_village=3, seed=1)
    assert err.value.code == "empty_frame"
    with pytest.raises(SamplingError) as err:
        draw_plan(_frame(), villages_per_commune=0, respondents_per_village=3, seed=1)
    assert err.value.code == "bad_size"


def test_age_groups():
    assert age_group(17) is None and age_group("x") is None
    assert age_group(18) == "18_29" and age_group(44) == "40_49" and age_group(90) == "60_plus"


def _respondents(seed=0):
    rng = np.random.default_rng(seed)
    out = []
    for c in ("A", "B", "C", "D"):
        for v in range(6):
            for h in range(20):
                out.append(
                    Respondent(
                        key=f"{c}{v}-{h}", commune=c, village=f"{c}{v}",
                        design_weight=float(rng.uniform(5, 40)), certainty=(c == "D" and v == 0),
                        sex=("male", "female")[h % 2], age_group=("young", "old")[(h // 2) % 2],
                    )
                )  # fmt: skip
    return out


def test_weights_sum_to_each_commune_population_at_every_level():
    cells = {
        ("male", "young"): 400,
        ("male", "old"): 600,
        ("female", "young"): 450,
        ("female", "old"): 550,
    }
    pops = {
        "A": Population(cells=cells),
        "B": Population(total=5000),
        "C": Population(
            cells={**cells, ("female", "very_old"): 100}
        ),  # a cell nobody is in: by sex
    }
    w = weigh(_respondents(), pops, reps=30, seed=1)
    assert w.levels == {"A": LEVEL_SEX_AGE, "B": LEVEL_TOTAL, "C": LEVEL_SEX, "D": LEVEL_DESIGN}
    weights = w.weights()

    def total(prefix, cond=lambda k: True):
        return sum(x for k, x in weights.items() if k.startswith(prefix) and cond(k))

    assert total("A") == pytest.approx(2000)
    assert total("B") == pytest.approx(5000)
    assert total("C") == pytest.approx(2100)
    # A's cells: male ↔ even h, young ↔ (h // 2) even
    male_young = total(
        "A", lambda k: int(k.split("-")[1]) % 2 == 0 and (int(k.split("-")[1]) // 2) % 2 == 0
    )
    assert male_young == pytest.approx(400)
    design_d = sum(r.design_weight for r in _respondents() if r.commune == "D")
    assert total("D") == pytest.approx(design_d)  # unknown population: design weights kept


def test_replicates_are_post_stratified_too():
    import polars as pl

    w = weigh(_respondents(), {c: Population(total=1000) for c in "ABCD"}, reps=20, seed=2)
    data = w.sample.data
    rep_cols = [c for c in data.columns if c.startswith("w_final") and c != "w_final"]
    assert len(rep_cols) == 20
    sums = data.group_by("commune").agg([pl.col(c).sum() for c in rep_cols])
    for row in sums.iter_rows(named=True):
        assert all(row[c] == pytest.approx(1000) for c in rep_cols)


def test_a_cell_some_replicate_empties_falls_back_to_a_coarser_level():
    rows = _respondents()
    # one respondent alone in its cell: a replicate that drops its village empties the cell
    lonely = rows[0]
    rows[0] = Respondent(key=lonely.key, commune="A", village=lonely.village,
                         design_weight=lonely.design_weight, sex="male", age_group="rare")  # fmt: skip
    cells = {
        ("male", "young"): 400,
        ("male", "old"): 600,
        ("female", "young"): 450,
        ("female", "old"): 550,
        ("male", "rare"): 5,
    }
    w = weigh(rows, {"A": Population(cells=cells)}, reps=50, seed=3)
    assert w.levels["A"] == LEVEL_SEX
    assert sum(x for k, x in w.weights().items() if k.startswith("A")) == pytest.approx(2005)
