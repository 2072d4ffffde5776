"""Survey estimates: the time to weight and estimate S submissions × Q questions with R Rao–Wu
bootstrap replicates (the statistics only, over plain data: what ``estimates_compute`` runs
between reading the submissions and storing the rows).

    nice .venv/bin/python bench/surveys_estimates.py                 # 5,000 × 30, R = 200
    nice .venv/bin/python bench/surveys_estimates.py --s 20000 --communes 10

The synthetic survey: C communes (strata) × 10 sampled villages (PSUs), design weights drawn
from 5–40, sex × age population cells for every commune (post-stratified by cell); the
questions are 60 % select_one with 5 choices, 20 % select_multiple with 4 choices and 20 %
integers, each unanswered by 10 % of respondents. Prints the time of the weights (replicates
and post-stratification), of the estimates for the whole survey and per commune, the rows
produced and the peak memory of the process.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402

from danvan.surveys.estimates import Answered, Question, estimate  # noqa: E402
from danvan.surveys.weights import AGE_GROUPS, Population, Respondent, weigh  # noqa: E402


def build(s: int, q: int, communes: int, seed: int = 1):
    rng = np.random.default_rng(seed)
    questions = []
    for i in range(q):
        if i % 5 < 3:
            questions.append(Question(f"s{i}", "select_one", tuple(str(c) for c in range(1, 6))))
        elif i % 5 == 3:
            questions.append(Question(f"m{i}", "select_multiple", ("a", "b", "c", "d")))
        else:
            questions.append(Question(f"n{i}", "number"))
    ages = [a for a, _ in AGE_GROUPS]
    rows = []
    for k in range(s):
        c = k % communes
        respondent = Respondent(
            key=str(k), commune=f"C{c}", village=f"C{c}V{rng.integers(10)}",
            design_weight=float(rng.uniform(5, 40)), sex=("male", "female")[int(rng.integers(2))],
            age_group=ages[int(rng.integers(len(ages)))],
        )  # fmt: skip
        answers = {}
        for question in questions:
            if rng.random() < 0.1:
                continue
            if question.kind == "select_one":
                answers[question.name] = str(rng.integers(1, 6))
            elif question.kind == "select_multiple":
                answers[question.name] = [x for x in "abcd" if rng.random() < 0.4]
            else:
                answers[question.name] = int(rng.integers(0, 20))
        rows.append(Answered(respondent, answers))
    cells = {(sex, a): 2000 for sex in ("male", "female") for a in ages}
    pops = {f"C{c}": Population(cells=cells) for c in range(communes)}
    return questions, rows, pops


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--s", type=int, default=5000)
    parser.add_argument("--q", type=int, default=30)
    parser.add_argument("--reps", type=int, default=200)
    parser.add_argument("--communes", type=int, default=5)
    args = parser.parse_args()
    questions, rows, pops = build(args.s, args.q, args.communes)
    print(
        f"{args.s} submissions × {args.q} questions, {args.reps} replicates, {args.communes} communes"
    )

    started = time.perf_counter()
    weighted = weigh([a.respondent for a in rows], pops, reps=args.reps, seed=3)
    print(
        f"weights only (replicates + post-stratification): {time.perf_counter() - started:.2f} s; levels {set(weighted.levels.values())}"
    )

    for by_commune in (False, True):
        started = time.perf_counter()
        result, _w = estimate(questions, rows, pops, reps=args.reps, seed=3, by_commune=by_commune)
        label = "whole survey + each commune" if by_commune else "whole survey"
        print(f"estimates, {label}: {time.perf_counter() - started:.2f} s, {len(result)} rows")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
