"""The plain description of a deadline rule, shared by the rule table, the rule sources other
apps register (one-stop procedures) and the clock."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

# Units: "working" and "calendar" count days; the periodic units say how often something must
# happen at least (the chairman receives citizens every week).
UNITS = ("working", "calendar", "week", "month", "quarter", "year")
PERIODIC_UNITS = ("week", "month", "quarter", "year")
# Kinds: a "deadline" is the latest date to act; a "minimum" is the earliest date a period
# (posting, consultation) may end; "before" counts back from an event (notice before a
# meeting, apology before the due date); "periodic" is a recurring obligation.
KINDS = ("deadline", "minimum", "before", "periodic")


class DeadlineError(ValueError):
    """A due date cannot be computed; ``code`` is stable (used by the API and forms)."""

    def __init__(self, code: str, message_vi: str, message_en: str = "") -> None:
        super().__init__(message_vi)
        self.code = code
        self.message_vi = message_vi
        self.message_en = message_en or message_vi

    def message(self, lang: str = "vi") -> str:
        return self.message_en if lang.startswith("en") else self.message_vi


@dataclass(frozen=True)
class RuleSpec:
    """One version of one rule. Only ``id``, ``amount``, ``unit`` and ``citation`` are needed;
    everything else has a default, so an app can build one in a line::

        RuleSpec(id="onestop.procedure.1.001", amount=5, unit="working",
                 citation="Quyết định 123/QĐ-UBND", one_stop_cutoff=True)

    Variants: ``remote_amount`` (remote area, "vùng sâu, vùng xa"), ``complex_amount``,
    ``remote_complex_amount``; a value of None falls back to the simpler variant.
    Extensions: at most ``max_extensions`` (``max_extensions_complex`` when the matter was
    declared complex, ``max_extensions_especially_complex`` when especially complex), each
    of at most ``extension_amount`` days in ``unit``; ``extension_requires`` says what the
    written extension decision must state ("reason" or "criterion").
    """

    id: str
    amount: int
    unit: str = "working"
    citation: str = ""
    citation_en: str = ""
    name_vi: str = ""
    name_en: str = ""
    area: str = ""
    kind: str = "deadline"
    start_event_vi: str = ""
    start_event_en: str = ""
    remote_amount: int | None = None
    complex_amount: int | None = None
    remote_complex_amount: int | None = None
    max_extensions: int = 0
    max_extensions_complex: int | None = None
    max_extensions_especially_complex: int | None = None
    extension_amount: int = 0
    extension_requires: str = ""
    restart_from_zero: bool = False
    one_stop_cutoff: bool = False
    effective_from: date | None = None
    effective_to: date | None = None  # exclusive: in force while from <= start < to
    confirmed: bool = True
    version: int = 1
    note_vi: str = ""
    note_en: str = ""
    extra: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    def amount_for(self, *, remote: bool = False, complex: bool = False) -> int:
        if remote and complex and self.remote_complex_amount is not None:
            return self.remote_complex_amount
        if remote and self.remote_amount is not None:
            if complex and self.complex_amount is not None:
                # remote + complex without its own value: the larger of the two variants
                return max(self.remote_amount, self.complex_amount)
            return self.remote_amount
        if complex and self.complex_amount is not None:
            return self.complex_amount
        return self.amount

    def extensions_allowed(self, *, complex: bool = False, especially_complex: bool = False) -> int:
        if especially_complex and self.max_extensions_especially_complex is not None:
            return self.max_extensions_especially_complex
        if (complex or especially_complex) and self.max_extensions_complex is not None:
            return self.max_extensions_complex
        return self.max_extensions

    def in_force(self, on: date) -> bool:
        if self.effective_from is not None and on < self.effective_from:
            return False
        return not (self.effective_to is not None and on >= self.effective_to)

    def name(self, lang: str) -> str:
        return (
            (self.name_en or self.name_vi or self.id)
            if lang.startswith("en")
            else (self.name_vi or self.id)
        )

    def cite(self, lang: str) -> str:
        return (self.citation_en or self.citation) if lang.startswith("en") else self.citation

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready description (API, public pages)."""
        return {
            "id": self.id,
            "version": self.version,
            "kind": self.kind,
            "amount": self.amount,
            "unit": self.unit,
            "remote_amount": self.remote_amount,
            "complex_amount": self.complex_amount,
            "remote_complex_amount": self.remote_complex_amount,
            "max_extensions": self.max_extensions,
            "max_extensions_complex": self.max_extensions_complex,
            "max_extensions_especially_complex": self.max_extensions_especially_complex,
            "extension_amount": self.extension_amount,
            "extension_requires": self.extension_requires,
            "restart_from_zero": self.restart_from_zero,
            "one_stop_cutoff": self.one_stop_cutoff,
            "name_vi": self.name_vi,
            "name_en": self.name_en,
            "area": self.area,
            "start_event_vi": self.start_event_vi,
            "start_event_en": self.start_event_en,
            "citation": self.citation,
            "citation_en": self.citation_en,
            "effective_from": self.effective_from.isoformat() if self.effective_from else None,
            "effective_to": self.effective_to.isoformat() if self.effective_to else None,
            "confirmed": self.confirmed,
            "note_vi": self.note_vi,
            "note_en": self.note_en,
        }
