"""The thresholds residents' decisions must reach, read from the rule data (versioned and
cited in ``danvan.deadlines.data.rules.DEMOCRACY_THRESHOLDS``), never written as constants."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import get_language

from danvan.deadlines.data.rules import DEMOCRACY_THRESHOLDS


@dataclass(frozen=True)
class Threshold:
    id: str
    numerator: int
    denominator: int
    strict: bool  # "more than" (> 50 %) rather than "at least" (≥ 2/3)
    base: str  # "households" or "villages"
    name_vi: str
    name_en: str
    citation: str
    citation_en: str
    confirmed: bool
    version: int

    def needed(self, total: int) -> int:
        """The smallest count that passes over ``total`` (exact integer arithmetic: 2/3 of
        9 is 6, more than half of 10 is 6)."""
        if self.strict:
            return total * self.numerator // self.denominator + 1
        return -(-total * self.numerator // self.denominator)

    def passes(self, count: int, total: int) -> bool:
        return total > 0 and count >= self.needed(total)

    @property
    def label(self) -> str:
        sign = ">" if self.strict else "≥"
        return f"{sign} {self.numerator}/{self.denominator}"

    def name(self) -> str:
        return self.name_en if (get_language() or "vi").startswith("en") else self.name_vi

    def cite(self) -> str:
        return self.citation_en if (get_language() or "vi").startswith("en") else self.citation


def threshold_for(rule_id: str, on: date) -> Threshold:
    """The version of ``rule_id`` in force on ``on`` (the latest version when none is)."""
    versions = [t for t in DEMOCRACY_THRESHOLDS if t["id"] == rule_id]
    if not versions:
        raise KeyError(rule_id)
    chosen = versions[-1]
    for t in versions:
        start, end = t.get("effective_from"), t.get("effective_to")
        if (start is None or on >= start) and (end is None or on < end):
            chosen = t
    return Threshold(
        id=chosen["id"],
        numerator=chosen["numerator"],
        denominator=chosen["denominator"],
        strict=chosen["strict"],
        base=chosen["base"],
        name_vi=chosen["name_vi"],
        name_en=chosen["name_en"],
        citation=chosen["citation"],
        citation_en=chosen["citation_en"],
        confirmed=chosen["confirmed"],
        version=chosen["version"],
    )
