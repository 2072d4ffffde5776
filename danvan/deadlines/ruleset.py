"""The rules in memory: every version of every rule, looked up by id and start date.

The table lives in the database (``DeadlineRule``); this module keeps an in-process copy so
that ``compute_due`` never touches the database. The Django layer installs a loader (and
invalidates the copy when a rule is saved); without one — a bare script, or a database that
cannot be read yet — the shipped data (this app's file and the rules other apps ship) is used.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Iterable
from datetime import date

from danvan.deadlines.rulespec import DeadlineError, RuleSpec

logger = logging.getLogger(__name__)
_lock = threading.Lock()
_table: dict[str, tuple[RuleSpec, ...]] | None = None
# id -> ((from_ordinal, to_ordinal, spec), ...) newest first: the hot path's view of _table
_fast: dict[str, tuple[tuple[int, int, RuleSpec], ...]] | None = None
_MIN, _MAX = date.min.toordinal(), date.max.toordinal() + 1
_loader: Callable[[], list[RuleSpec]] | None = None


def spec_from_row(row: dict) -> RuleSpec:
    """A ``RuleSpec`` from a dict of the data file (unknown keys are ignored)."""
    fields = RuleSpec.__dataclass_fields__
    return RuleSpec(**{k: v for k, v in row.items() if k in fields})


def shipped_rows() -> list[dict]:
    """Every rule version shipped as data: the deadlines app's own file and the rules of law
    other apps ship through ``registries.deadline_rule_sources`` (``shipped``)."""
    from danvan.core.registry import registries
    from danvan.deadlines.data.rules import RULES

    rows = list(RULES)
    for source in registries.deadline_rule_sources:
        if source.shipped is not None:
            rows.extend(source.shipped())
    return rows


def shipped_rules() -> list[RuleSpec]:
    return [spec_from_row(r) for r in shipped_rows()]


def install_loader(loader: Callable[[], list[RuleSpec]]) -> None:
    global _loader
    _loader = loader
    invalidate()


def invalidate() -> None:
    global _table, _fast
    with _lock:
        _table = None
        _fast = None


def _index(specs: Iterable[RuleSpec]) -> dict[str, tuple[RuleSpec, ...]]:
    by_id: dict[str, list[RuleSpec]] = {}
    for s in specs:
        by_id.setdefault(s.id, []).append(s)
    return {
        k: tuple(sorted(v, key=lambda s: (s.effective_from or date.min, s.version)))
        for k, v in by_id.items()
    }


def table() -> dict[str, tuple[RuleSpec, ...]]:
    global _table, _fast
    t = _table
    if t is not None:
        return t
    with _lock:
        specs: list[RuleSpec] = []
        if _loader is not None:
            try:
                specs = _loader()
            except Exception:  # no database yet: the shipped file is the truth
                specs = []
        if not specs:
            specs = shipped_rules()
        _table = _index(specs)
        _fast = {
            k: tuple(
                (
                    s.effective_from.toordinal() if s.effective_from else _MIN,
                    s.effective_to.toordinal() if s.effective_to else _MAX,
                    s,
                )
                for s in reversed(v)
            )
            for k, v in _table.items()
        }
        return _table


def _from_sources(rule_id: str) -> RuleSpec | None:
    """Ask the rule sources other apps registered (one-stop procedures...)."""
    from danvan.core.registry import registries

    for source in registries.deadline_rule_sources:
        if source.resolve is not None and source.prefix and rule_id.startswith(source.prefix):
            found = source.resolve(rule_id)
            if found is not None:
                return found
    return None


def rule_for(rule_id: str, on: date) -> RuleSpec:
    """The version of ``rule_id`` in force on ``on`` (effective_from <= on < effective_to)."""
    fast = _fast
    if fast is None:
        table()
        fast = _fast or {}
    found_versions = fast.get(rule_id)
    if found_versions is not None:
        o = on.toordinal()
        for lo, hi, spec in found_versions:
            if lo <= o < hi:
                return spec
        raise _not_in_force(rule_id, on)
    versions = table().get(rule_id)
    if versions is None:
        found = _from_sources(rule_id)
        if found is None:
            raise DeadlineError(
                "unknown_rule",
                f"Không có quy định thời hạn mã “{rule_id}”.",
                f"There is no deadline rule “{rule_id}”.",
            )
        if not found.in_force(on):
            raise _not_in_force(rule_id, on)
        return found
    for spec in reversed(versions):
        if spec.in_force(on):
            return spec
    raise _not_in_force(rule_id, on)


def _not_in_force(rule_id: str, on: date) -> DeadlineError:
    return DeadlineError(
        "no_rule_in_force",
        f"Quy định “{rule_id}” không có hiệu lực vào ngày {on:%d/%m/%Y}.",
        f"Rule “{rule_id}” is not in force on {on:%d/%m/%Y}.",
    )


def rules_in_force(on: date, *, with_sources: bool = True) -> list[RuleSpec]:
    """One version per id: the one in force on ``on`` (ids with none in force are left out)."""
    out = []
    for versions in table().values():
        for spec in reversed(versions):
            if spec.in_force(on):
                out.append(spec)
                break
    if with_sources:
        from danvan.core.registry import registries

        for source in registries.deadline_rule_sources:
            if source.rules is None:
                continue
            try:
                out.extend(s for s in source.rules() if s.in_force(on))
            except Exception:  # a broken source must not hide the table
                logger.exception("deadline rule source %s failed", source.key)
    return sorted(out, key=lambda s: (s.area, s.id))


def rule_label(rule_id: str, lang: str = "vi", on: date | None = None) -> str:
    """A rule's name and citation for people ("Giải quyết khiếu nại lần đầu — Luật Khiếu nại
    2011, Điều 28"), never its id: ids are for the API. ``on``: the version in force that day
    (a case's receipt: the law its clock ran on), else the newest. Empty for an unknown id."""
    if not rule_id:
        return ""
    versions = table().get(rule_id)
    spec = versions[-1] if versions else _from_sources(rule_id)
    if on is not None and spec is not None:
        # No version in force that day: the newest is cited.
        with contextlib.suppress(DeadlineError):
            spec = rule_for(rule_id, on)
    if spec is None:
        return ""
    english = lang.startswith("en")
    name = (spec.name_en if english else spec.name_vi) or spec.name_vi
    citation = (spec.citation_en if english else spec.citation) or spec.citation
    return " — ".join(part for part in (name, citation) if part)
