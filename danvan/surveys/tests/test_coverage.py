"""A statistical test: over repeated samples from a known simulated population, the 95 %
interval covers the true share in about 95 % of them.

The population (fixed seed): two communes of 60 villages each, 50–400 households per village,
one adult answering per household; each village has its own propensity to answer "yes"
(villages differ, so clustering matters). Each repetition draws a new plan (8 villages per
commune by PPS, 12 households per village), weights it, and estimates the share of "yes" with
200 Rao–Wu replicates. With R = 150 repetitions the coverage's own standard error is about
1.8 points; the test accepts 0.95 ± 0.045 (about 2.5 standard errors), which a badly wrong
variance (e.g. ignoring the clustering, which gives about 80 %) fails.
"""

from __future__ import annotations

import numpy as np

from danvan.surveys.estimates import Answered, Question, estimate
from danvan.surveys.sampling import FrameVillage, draw_plan
from danvan.surveys.weights import Population, Respondent

SEED = 20171030
REPETITIONS = 150
TOLERANCE = 0.045


def _population():
    rng = np.random.default_rng(SEED)
    frame, answers = [], {}
    for commune in ("C1", "C2"):
        for v in range(60):
            key = f"{commune}-{v}"
            size = int(rng.integers(50, 401))
            propensity = 1 / (
                1 + np.exp(-(rng.normal(0.0, 1.0) + (0.3 if commune == "C1" else -0.2)))
            )
            frame.append(FrameVillage(key=key, commune=commune, name=key, size=size))
            answers[key] = rng.random(size) < propensity
    totals = {c: sum(v.size for v in frame if v.commune == c) for c in ("C1", "C2")}
    true_share = 100 * sum(int(a.sum()) for a in answers.values()) / sum(totals.values())
    return frame, answers, totals, true_share


def _one_sample(frame, answers, totals, seed, *, clustered=True):
    plan = draw_plan(frame, villages_per_commune=8, respondents_per_village=12, seed=seed)
    rows = []
    for h in plan.households:
        yes = bool(answers[h.village][h.number - 1])
        respondent = Respondent(
            key=f"{h.village}/{h.number}", commune=h.commune,
            village=h.village if clustered else None, design_weight=h.design_weight,
        )  # fmt: skip
        rows.append(Answered(respondent, {"q": "yes" if yes else "no"}))
    pops = {c: Population(total=t) for c, t in totals.items()}
    question = Question("q", "select_one", ("yes", "no"))
    est, _w = estimate([question], rows, pops, reps=200, seed=seed, by_commune=False)
    return next(e for e in est if e.choice == "yes")


def test_interval_covers_the_true_share_in_about_95_percent_of_samples():
    frame, answers, totals, truth = _population()
    covered = 0
    for r in range(REPETITIONS):
        row = _one_sample(frame, answers, totals, seed=SEED + r)
        covered += row.ci_low <= truth <= row.ci_high
    coverage = covered / REPETITIONS
    assert abs(coverage - 0.95) <= TOLERANCE, coverage


def test_ignoring_the_villages_would_fail_the_same_check():
    """The check has teeth: treating respondents as independent (no village clusters)
    understates the variance and the coverage falls well below the tolerance."""
    frame, answers, totals, truth = _population()
    covered = 0
    for r in range(60):
        row = _one_sample(frame, answers, totals, seed=SEED + r, clustered=False)
        covered += row.ci_low <= truth <= row.ci_high
    assert covered / 60 < 0.95 - TOLERANCE
