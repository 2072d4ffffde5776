"""The results of the legal clock: ``Pause`` (an input) and ``DueResult`` (the output).

``DueResult`` is a frozen dataclass for its users; the clock builds it through ``_plain`` and
``_result``, which fill the instance dict directly — a frozen dataclass's ``__init__`` sets
each field with ``object.__setattr__`` and that alone cost half a computation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from functools import cached_property
from typing import Any

from danvan.deadlines.rulespec import RuleSpec


@dataclass(frozen=True)
class Pause:
    """The clock stops on ``start`` and resumes on ``end`` (None = still paused).

    Days ``start`` … ``end - 1`` do not count. ``restart=True`` makes the period start again
    from ``end`` instead of continuing (one-stop dossier completed after a deficiency)."""

    start: date
    end: date | None
    restart: bool = False


@dataclass(frozen=True)
class DueResult:
    """A due date with everything needed to explain it (built lazily)."""

    due: date
    rule: RuleSpec
    start: date  # the day the count starts from (after the cut-off shift, a restart...)
    received: date  # the start event's local date as given
    received_time: time | None = None
    amount: int = 0  # the period actually counted (variant + extensions)
    base_amount: int = 0  # the variant's amount before extensions
    extension_days: tuple[int, ...] = ()
    remote: bool = False
    complex: bool = False
    especially_complex: bool = False
    cutoff_shift: bool = False
    pauses: tuple[Pause, ...] = ()  # the pauses that moved the due date
    restarted_from: date | None = None
    raw_end: date | None = None  # last day before the Art. 148 shift (calendar periods)
    paused: bool = False  # a pause is still open: the due date assumes it ends today
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @cached_property
    def skipped(self) -> list[tuple[date, str]]:
        from danvan.deadlines.explain import skipped_days

        return skipped_days(self, "vi")

    @cached_property
    def skipped_en(self) -> list[tuple[date, str]]:
        from danvan.deadlines.explain import skipped_days

        return skipped_days(self, "en")

    @cached_property
    def explanation_vi(self) -> list[str]:
        from danvan.deadlines.explain import explain

        return explain(self, "vi")

    @cached_property
    def explanation_en(self) -> list[str]:
        from danvan.deadlines.explain import explain

        return explain(self, "en")

    def explanation(self, lang: str) -> list[str]:
        return self.explanation_en if lang.startswith("en") else self.explanation_vi

    def as_dict(self, lang: str = "vi") -> dict[str, Any]:
        return {
            "due": self.due.isoformat(),
            "start": self.start.isoformat(),
            "received": self.received.isoformat(),
            "amount": self.amount,
            "unit": self.rule.unit,
            "paused": self.paused,
            "rule": self.rule.as_dict(),
            "explanation": self.explanation(lang),
            "skipped": [
                {"date": d.isoformat(), "reason": r}
                for d, r in (self.skipped_en if lang.startswith("en") else self.skipped)
            ],
        }


_FIELDS = tuple(f for f in DueResult.__dataclass_fields__ if f != "extra")
_new = object.__new__


def _result(*values: Any) -> DueResult:
    """Build a ``DueResult`` without the frozen dataclass's per-field ``object.__setattr__``
    (half the cost of a computation otherwise). Positional order: the dataclass fields."""
    r = _new(DueResult)
    d = dict(zip(_FIELDS, values, strict=True))
    d["extra"] = {}
    r.__dict__.update(d)
    return r


_fromordinal = date.fromordinal


def _plain(due: date, rule: RuleSpec, received: date, received_time: time | None) -> DueResult:
    r = _new(DueResult)
    r.__dict__.update(
        {
            "due": due,
            "rule": rule,
            "start": received,
            "received": received,
            "received_time": received_time,
            "amount": rule.amount,
            "base_amount": rule.amount,
            "extension_days": (),
            "remote": False,
            "complex": False,
            "especially_complex": False,
            "cutoff_shift": False,
            "pauses": (),
            "restarted_from": None,
            "raw_end": None,
            "paused": False,
            "extra": {},
        }
    )
    return r
