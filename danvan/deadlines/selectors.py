"""Reads of deadlines for views and the API (rules, versions, the calendar of a year)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Prefetch, QuerySet

from danvan.deadlines import ruleset, workcal
from danvan.deadlines.clock import LOCAL_TZ
from danvan.deadlines.data.rules import AREAS
from danvan.deadlines.models import DeadlineRule, RuleCorrection
from danvan.deadlines.rulespec import RuleSpec


def today_local() -> date:
    return datetime.now(LOCAL_TZ).date()


def areas() -> dict[str, tuple[str, str]]:
    """Area -> (vi, en): this app's and those the apps shipping rules name."""
    from danvan.core.registry import registries

    names = dict(AREAS)
    for source in registries.deadline_rule_sources:
        names.update(source.areas)
    return names


def area_label(area: str, lang: str) -> str:
    vi, en = areas().get(area, (area or "Khác", area or "Other"))
    return en if lang.startswith("en") else vi


def rules_in_force(on: date | None = None) -> list[RuleSpec]:
    return ruleset.rules_in_force(on or today_local())


def rule_choices(lang: str, on: date | None = None) -> list[tuple[str, list[tuple[str, str]]]]:
    """Rules in force grouped by area, for a <select> with <optgroup>s."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for spec in rules_in_force(on):
        label = area_label(spec.area, lang)
        groups.setdefault(label, []).append((spec.id, f"{spec.name(lang)} ({spec.id})"))
    return list(groups.items())


def rules_with_history() -> QuerySet[DeadlineRule]:
    """Every version of every rule with its corrections, for the rules page (2 queries)."""
    return DeadlineRule.objects.prefetch_related(
        Prefetch("corrections", queryset=RuleCorrection.objects.order_by("-at", "-id"))
    ).order_by("area", "key", "version")


@dataclass(frozen=True)
class CalendarYear:
    year: int
    days_off: list[workcal.DayInfo]  # holidays, swaps, overrides (no plain weekends)
    working_weekend_days: list[workcal.DayInfo]
    weekend_count: int
    working_count: int


def calendar_year(year: int) -> CalendarYear:
    cal = workcal.get_calendar()
    special = cal.special_days(year)
    days_off = [d for d in special if not d.working]
    working_weekend = [d for d in special if d.working]
    non_working = cal.non_working_days(year)
    weekends = sum(1 for d in non_working if d.source == "weekend")
    first = date(year, 1, 1)
    working = cal.working_days_between(first, date(year, 12, 31)) + cal.is_working_day(first)
    return CalendarYear(year, days_off, working_weekend, weekends, working)


def unit_remote(code: str) -> bool | None:
    """The remote-area flag of commune ``code``; None if there is no such commune."""
    from danvan.territory.models import Unit

    flags = list(Unit.objects.filter(code=code).values_list("is_remote", flat=True)[:1])
    return flags[0] if flags else None
