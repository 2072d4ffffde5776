"""Connects the pure-Python clock to the database: the rule table and the overrides are read
from here into the in-memory structures, which are rebuilt when either changes.

Within a process, services invalidate the caches directly. Other processes (several web
workers, the task worker) notice a change through a cheap fingerprint polled every
``workcal.RECHECK_SECONDS``.
"""

from __future__ import annotations

from django.db.models import Count, Max

from danvan.deadlines import ruleset, workcal
from danvan.deadlines.rulespec import RuleSpec


def load_overrides() -> list[workcal.OverrideDay]:
    from danvan.deadlines.models import CalendarOverride

    return [
        workcal.OverrideDay(o.date, o.kind, o.name_vi, o.name_en, o.reference)
        for o in CalendarOverride.objects.all()
    ]


def load_rules() -> list[RuleSpec]:
    from danvan.deadlines.models import DeadlineRule

    global _seen
    # Taken before the read: a change made in between shows as a newer fingerprint at the
    # next check, and the rules are read again (the safe side).
    _seen = _read_fingerprint()
    return [r.to_spec() for r in DeadlineRule.objects.all()]


_seen: tuple | None = None


def _read_fingerprint() -> tuple:
    from danvan.deadlines.models import CalendarOverride, DeadlineRule

    o = CalendarOverride.objects.aggregate(n=Count("id"), at=Max("updated_at"))
    r = DeadlineRule.objects.aggregate(n=Count("id"), at=Max("updated_at"))
    return (o["n"], o["at"], r["n"], r["at"])


def fingerprint() -> tuple:
    """Changes when an override or a rule changes. One fingerprint serves both: when another
    process changed either since the rules were read, the calendar is rebuilt and the rules
    are read again with it."""
    global _seen
    fp = _read_fingerprint()
    if _seen is not None and fp != _seen:
        ruleset.invalidate()
    _seen = fp
    return fp


def install() -> None:
    workcal.install_loader(load_overrides, fingerprint)
    ruleset.install_loader(load_rules)


def invalidate_all() -> None:
    workcal.invalidate()
    ruleset.invalidate()
