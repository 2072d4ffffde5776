"""Estimates per question, for the whole survey and for each commune, with 95 % confidence
intervals from the Rao–Wu bootstrap replicates of :mod:`danvan.surveys.weights` — computed
by ``svy`` (``method="replication"``), never by a formula written here.

* A ``select_one`` question gives one row per choice: its weighted share in percent, the
  interval from ``svy``'s ``prop`` (logit interval on the replicate variance). A choice nobody
  picked gets 0 and no interval (no replicate can show variance of a share never observed).
* A ``select_multiple`` question gives one row per choice: the weighted share in percent of
  respondents who ticked it (a yes/no per choice, ``svy``'s ``mean``), clipped to 0–100.
* A number question (``integer``, ``decimal``, or a ``calculate`` that yields a number) gives
  one row with ``choice`` None: the weighted mean and its interval.

``n`` is the number of respondents who answered the question in the domain. A row whose
``n`` is below :data:`SMALL_N` is flagged ``small``: its interval is shown but should not be
read as precise (PAPI's rule of thumb for a reported cell is similar).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from danvan.surveys.weights import DEFAULT_REPS, Population, Respondent, Weighted, weigh

SMALL_N = 30  # respondents in a domain below which a row is flagged
SELECT_ONE = "select_one"
SELECT_MULTIPLE = "select_multiple"
NUMBER = "number"
KINDS = (SELECT_ONE, SELECT_MULTIPLE, NUMBER)


@dataclass(frozen=True)
class Question:
    name: str
    kind: str
    choices: tuple[str, ...] = ()
    label: str = ""


@dataclass(frozen=True)
class Answered:
    """A respondent and its answers {question name: value}: a choice name for select_one, a
    list (or a space-separated string, as ODK stores it) for select_multiple, a number."""

    respondent: Respondent
    answers: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Estimate:
    question: str
    choice: str | None
    value: float | None
    ci_low: float | None
    ci_high: float | None
    n: int
    unit: str | None = None  # the commune's code; None for the whole survey
    small: bool = False


def estimate(
    questions: Sequence[Question],
    answered: Iterable[Answered],
    populations: Mapping[str, Population],
    *,
    reps: int = DEFAULT_REPS,
    seed: int = 0,
    by_commune: bool = True,
) -> tuple[list[Estimate], Weighted]:
    """Every question's rows for the whole survey, and per commune when ``by_commune``.
    Returns the rows and the weighted sample (its final weights are worth keeping)."""
    rows = list(answered)
    for q in questions:
        if q.kind not in KINDS:
            raise ValueError(f"unknown question kind {q.kind!r}")
    columns, plan = _columns(questions, rows)
    weighted = weigh([a.respondent for a in rows], populations, reps=reps, seed=seed, extra=columns)
    sample = weighted.sample
    out: list[Estimate] = []
    for q, cols in plan:
        for by in [None, "commune"] if by_commune else [None]:
            out.extend(_rows_for(sample, q, cols, by))
    return out, weighted


def _columns(
    questions: Sequence[Question], rows: list[Answered]
) -> tuple[dict[str, list[Any]], list[tuple[Question, dict[str | None, str]]]]:
    """One column per select_one or number question, one 0/1 column per choice of a
    select_multiple; columns are named by position (question names are free text)."""
    columns: dict[str, list[Any]] = {}
    plan: list[tuple[Question, dict[str | None, str]]] = []
    for i, q in enumerate(questions):
        values = [a.answers.get(q.name) for a in rows]
        if q.kind == SELECT_ONE:
            name = f"q{i}"
            columns[name] = [_text(v) for v in values]
            plan.append((q, {None: name}))
        elif q.kind == NUMBER:
            name = f"q{i}"
            columns[name] = [_number(v) for v in values]
            plan.append((q, {None: name}))
        else:
            ticked = [_ticks(v) for v in values]
            names: dict[str | None, str] = {}
            for j, choice in enumerate(q.choices):
                name = f"q{i}c{j}"
                columns[name] = [None if t is None else float(choice in t) for t in ticked]
                names[choice] = name
            plan.append((q, names))
    return columns, plan


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _number(value: Any) -> float | None:
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _ticks(value: Any) -> set[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return set(value.split()) if value.strip() else None
    return {str(v) for v in value}


def _rows_for(sample: Any, q: Question, cols: dict[str | None, str], by: str | None):
    """The rows of one question for the whole sample (``by`` None) or per commune."""
    data = sample.data
    if q.kind == SELECT_ONE:
        col = cols[None]
        if data[col].null_count() == data.height:
            return []
        table = sample.estimation.prop(col, by=by, method="replication", drop_nulls=True)
        found = {
            (r.get(by) if by else None, r[col]): r for r in table.to_polars().iter_rows(named=True)
        }
        counts = _answered_counts(data, col, by)
        choices = list(q.choices) or sorted({c for _d, c in found})
        extra = sorted({c for _d, c in found} - set(choices))  # answers outside the list
        out = []
        for domain, n in counts.items():
            for choice in choices + extra:
                r = found.get((domain, choice))
                if r is None:
                    out.append(_row(q, choice, 0.0, None, None, n, domain))
                else:
                    out.append(
                        _row(q, choice, 100 * r["est"], 100 * r["lci"], 100 * r["uci"], n, domain)
                    )
        return out
    if q.kind == NUMBER:
        col = cols[None]
        return _means(sample, q, col, None, by, scale=1.0)
    out = []
    for choice, col in cols.items():
        out.extend(_means(sample, q, col, choice, by, scale=100.0))
    return out


def _means(sample: Any, q: Question, col: str, choice: str | None, by: str | None, *, scale: float):
    data = sample.data
    if data[col].null_count() == data.height:
        return []
    table = sample.estimation.mean(col, by=by, method="replication", drop_nulls=True)
    counts = _answered_counts(data, col, by)
    out = []
    for r in table.to_polars().iter_rows(named=True):
        domain = r.get(by) if by else None
        n = counts.get(domain, 0)
        if not n:
            continue
        low, high = scale * r["lci"], scale * r["uci"]
        if scale == 100.0:  # a share: its interval stays within 0–100
            low, high = max(0.0, low), min(100.0, high)
        out.append(_row(q, choice, scale * r["est"], low, high, n, domain))
    return out


def _answered_counts(data: Any, col: str, by: str | None) -> dict[str | None, int]:
    import polars as pl

    answered = data.filter(pl.col(col).is_not_null())
    if by is None:
        return {None: answered.height} if answered.height else {}
    counts = answered.group_by(by).len()
    return dict(zip(counts[by].to_list(), counts["len"].to_list(), strict=True))


def _finite(x: float | None) -> float | None:
    return x if x is not None and math.isfinite(x) else None


def _row(q: Question, choice, value, low, high, n: int, unit) -> Estimate:  # type: ignore[no-untyped-def]
    return Estimate(
        question=q.name, choice=choice, value=_finite(value), ci_low=_finite(low),
        ci_high=_finite(high), n=int(n), unit=unit, small=n < SMALL_N,
    )  # fmt: skip
