"""The state of a case's legal clock, derived from the case row and its timeline.

Every event that moves the clock stores what it did in ``data["clock"]`` (``start``,
``pause``, ``resume``, ``extend``, ``override``) with its dates as ISO strings. Replaying the
timeline therefore gives back the inputs of the legal clock, so a recomputation after a
calendar change yields exactly what the original computation would have given under the new
calendar (the wrong-due-date lesson of docs/domain.md §10: never patch a due date by hand-made
arithmetic, always recompute from the facts).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from danvan.cases.models import Case, CaseEvent

# Values of ``CaseEvent.data["clock"]``.
CLOCK_START = "start"  # the clock starts (again) from ``start``, with ``rule_id``
CLOCK_PAUSE = "pause"  # paused from ``start`` (a date)
CLOCK_RESUME = "resume"  # resumed on ``end`` (a date); ``restart``: count again from zero
CLOCK_EXTEND = "extend"  # one extension, optionally ``days`` long, with its ``criteria``
CLOCK_OVERRIDE = "override"  # a due date set by a decision (``due_date``), e.g. an apology


# The one conversion of an instant to a day in Vietnam (kept importable from here).
from danvan.core.localtime import LOCAL_TZ, local_date  # noqa: E402,F401


def clock():  # type: ignore[no-untyped-def]
    """The legal clock module, imported late so the cases app loads without it."""
    from danvan.deadlines import clock as module

    return module


@dataclass
class ClockState:
    rule_id: str
    start: datetime
    remote: bool
    complex: bool
    # One entry per extension: its length in days, or None for the rule's standard length.
    extension_days: list[int | None] = field(default_factory=list)
    # The complexity criteria stated by the extension decisions (Decree 31/2019 Art. 3):
    # one makes the matter complex, two or more especially complex (a rule's
    # ``max_extensions_complex`` / ``max_extensions_especially_complex``).
    criteria: set[str] = field(default_factory=set)
    # (start, end or None while still paused, restart from zero on resuming)
    pauses: list[tuple[date, date | None, bool]] = field(default_factory=list)
    override_due: date | None = None
    override_counts_as_due: bool = False
    supplement_requests: int = 0

    @property
    def paused(self) -> bool:
        return bool(self.pauses) and self.pauses[-1][1] is None

    @property
    def extensions(self) -> int:
        return len(self.extension_days)

    @property
    def is_complex(self) -> bool:
        return self.complex or bool(self.criteria)

    @property
    def especially_complex(self) -> bool:
        return len(self.criteria) >= 2

    def rule(self) -> Any:
        """The rule version that applies to this count (the one in force at its start)."""
        return clock().compute_due(self.rule_id, self.start).rule

    def extensions_allowed(self) -> int:
        return self.rule().extensions_allowed(
            complex=self.is_complex, especially_complex=self.especially_complex
        )

    def resume(self, end: date, *, restart: bool = False) -> None:
        start = self.pauses[-1][0]
        self.pauses[-1] = (start, end, restart)

    def compute(self, *, pause_end: date | None = None) -> Any:
        """Run the legal clock. An open pause is closed at ``pause_end`` when given, and
        otherwise left out: while a case waits for the citizen its due date stays the one it
        had when the clock stopped, and moves when the clock resumes."""
        module = clock()
        pauses = []
        for start, end, restart in self.pauses:
            if end is None:
                if pause_end is None:
                    continue
                end = pause_end
            pauses.append(module.Pause(start=start, end=end, restart=restart))
        kwargs: dict[str, Any] = {
            "remote": self.remote,
            "complex": self.is_complex,
            "especially_complex": self.especially_complex,
            "extensions": self.extensions,
            "pauses": tuple(pauses),
        }
        if any(days is not None for days in self.extension_days):
            # The clock wants every extension's length once one is given explicitly.
            standard = self.rule().extension_amount
            kwargs["extension_days"] = [
                d if d is not None else standard for d in self.extension_days
            ]
        return module.compute_due(self.rule_id, self.start, **kwargs)


def _parse_date(value: Any) -> date | None:
    if not value:
        return None
    return date.fromisoformat(str(value)[:10])


def _parse_datetime(value: Any) -> datetime | None:
    if not value:
        return None
    return datetime.fromisoformat(str(value))


def replay(case: Case, events: list[CaseEvent] | None = None) -> ClockState:
    """Rebuild the clock inputs of ``case`` from its row and its ordered timeline."""
    if events is None:
        events = list(case.events.order_by("at", "id"))
    state = ClockState(
        rule_id=case.rule_id,
        start=case.clock_start,
        remote=bool(case.unit.is_remote),
        complex=case.is_complex,
    )
    for event in events:
        data = event.data or {}
        what = data.get("clock")
        if event.kind == "supplement_requested":
            state.supplement_requests += 1
        if what == CLOCK_START:
            # A (re)start forgets earlier pauses, extensions and overrides: they belonged to
            # the previous count (one-stop deficiency, or acceptance starting the real clock).
            state.rule_id = data.get("rule_id") or state.rule_id
            state.start = _parse_datetime(data.get("start")) or state.start
            state.pauses, state.extension_days, state.override_due = [], [], None
            state.criteria = set()
        elif what == CLOCK_PAUSE and not state.paused:
            start = _parse_date(data.get("start")) or local_date(event.at)
            state.pauses.append((start, None, False))
        elif what == CLOCK_RESUME and state.paused:
            end = _parse_date(data.get("end")) or local_date(event.at)
            state.resume(end, restart=bool(data.get("restart")))
        elif what == CLOCK_EXTEND:
            state.extension_days.append(int(data["days"]) if data.get("days") else None)
            state.criteria.update(str(c) for c in data.get("criteria") or [] if str(c).strip())
        elif what == CLOCK_OVERRIDE:
            state.override_due = _parse_date(data.get("due_date"))
            state.override_counts_as_due = bool(data.get("counts_as_due", False))
    # The row is authoritative for the variant and the current start (written with the
    # events in the same transaction); the events carry the history.
    state.complex = case.is_complex
    return state


def explanation(result: Any) -> dict[str, Any]:
    """What to store in an event's data about a computed due date."""
    return {
        "due_date": result.due.isoformat(),
        "rule": result.rule.id,
        "explanation_vi": [str(line) for line in result.explanation_vi],
        "explanation_en": [str(line) for line in result.explanation_en],
        "skipped": [[d.isoformat(), str(reason)] for d, reason in result.skipped][:60],
    }
