"""Writes of deadlines: calendar overrides and rule corrections.

Every change of the calendar invalidates the in-memory calendar at once (so the same request
sees it) and, after the transaction commits, sends ``signals.calendar_changed`` with the dates
whose working/non-working status changed, so that open cases recompute their due dates.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core.services import audit_record
from danvan.core.types import Actor, account_of
from danvan.deadlines import loaders, ruleset, workcal
from danvan.deadlines.models import CalendarOverride, DeadlineRule, RuleCorrection
from danvan.deadlines.signals import calendar_changed, rules_changed


def _status(dates: Iterable[date]) -> dict[date, bool]:
    cal = workcal.get_calendar()
    out = {}
    for d in dates:
        try:
            out[d] = cal.is_working_day(d)
        except workcal.CalendarRangeError:
            continue
    return out


def _after_change(candidates: set[date], before: dict[date, bool]) -> list[date]:
    """Rebuild the calendar and announce the dates whose status changed (after commit)."""
    loaders.invalidate_all()
    after = _status(candidates)
    changed = sorted(d for d in candidates if before.get(d) != after.get(d))

    def announce() -> None:
        loaders.invalidate_all()  # other connections' view, once committed
        calendar_changed.send(sender=CalendarOverride, dates=changed)

    transaction.on_commit(announce)
    return changed


def _validate(kind: str, name_vi: str, reference: str, day: date) -> None:
    errors: dict[str, str] = {}
    if kind not in CalendarOverride.Kind.values:
        errors["kind"] = _("Loại phải là “day_off” (ngày nghỉ) hoặc “working_day” (ngày làm việc).")
    if not name_vi.strip():
        errors["name_vi"] = _("Cần nhập tên ngày (ví dụ: Nghỉ bù Quốc khánh).")
    if not reference.strip():
        errors["reference"] = _("Cần nhập số văn bản công bố.")
    if not workcal.FIRST_YEAR <= day.year <= workcal.LAST_YEAR:
        errors["date"] = _("Ngày phải trong các năm %(a)s–%(b)s.") % {
            "a": workcal.FIRST_YEAR,
            "b": workcal.LAST_YEAR,
        }
    if errors:
        raise ValidationError(errors)


def override_create(
    *,
    actor: Actor,
    day: date,
    kind: str,
    name_vi: str,
    reference: str,
    name_en: str = "",
) -> CalendarOverride:
    _validate(kind, name_vi, reference, day)
    with transaction.atomic():
        if CalendarOverride.objects.filter(date=day).exists():
            raise ValidationError({"date": _("Ngày này đã có điều chỉnh.")})
        before = _status([day])
        obj = CalendarOverride.objects.create(
            date=day,
            kind=kind,
            name_vi=name_vi.strip(),
            name_en=name_en.strip(),
            reference=reference.strip(),
            created_by=account_of(actor),
        )
        audit_record(
            actor=actor,
            action="deadlines.override.create",
            obj=obj,
            detail={"date": day.isoformat(), "kind": kind, "reference": obj.reference},
        )
        _after_change({day}, before)
    return obj


def override_update(
    *,
    actor: Actor,
    override: CalendarOverride,
    day: date,
    kind: str,
    name_vi: str,
    reference: str,
    name_en: str = "",
) -> CalendarOverride:
    _validate(kind, name_vi, reference, day)
    with transaction.atomic():
        old = CalendarOverride.objects.select_for_update().get(pk=override.pk)
        if day != old.date and CalendarOverride.objects.filter(date=day).exists():
            raise ValidationError({"date": _("Ngày này đã có điều chỉnh.")})
        candidates = {old.date, day}
        before = _status(candidates)
        old_values = {"date": old.date.isoformat(), "kind": old.kind, "reference": old.reference}
        old.date, old.kind = day, kind
        old.name_vi, old.name_en, old.reference = (
            name_vi.strip(),
            name_en.strip(),
            reference.strip(),
        )
        old.save()
        audit_record(
            actor=actor,
            action="deadlines.override.update",
            obj=old,
            detail={
                "old": old_values,
                "new": {"date": day.isoformat(), "kind": kind, "reference": old.reference},
            },
        )
        _after_change(candidates, before)
    return old


def override_delete(*, actor: Actor, override: CalendarOverride) -> list[date]:
    with transaction.atomic():
        override = CalendarOverride.objects.select_for_update().get(pk=override.pk)
        day = override.date  # as stored, whatever the caller's copy says
        before = _status([day])
        audit_record(
            actor=actor,
            action="deadlines.override.delete",
            obj=override,
            detail={
                "date": day.isoformat(),
                "kind": override.kind,
                "reference": override.reference,
            },
        )
        override.delete()
        return _after_change({day}, before)


def overrides_import(*, actor: Actor, rows: list[dict[str, Any]]) -> list[CalendarOverride]:
    """Create or replace overrides from parsed rows (``date, kind, name_vi, name_en,
    reference``), all or nothing; one ``calendar_changed`` for the whole import."""
    with transaction.atomic():
        days = {r["date"] for r in rows}
        before = _status(days)
        existing = {o.date: o for o in CalendarOverride.objects.filter(date__in=days)}
        out = []
        for r in rows:
            _validate(r["kind"], r["name_vi"], r["reference"], r["date"])
            obj = existing.get(r["date"]) or CalendarOverride(date=r["date"])
            obj.kind, obj.name_vi = r["kind"], r["name_vi"].strip()
            obj.name_en, obj.reference = r.get("name_en", "").strip(), r["reference"].strip()
            if obj.pk is None and getattr(actor, "is_authenticated", False):
                obj.created_by = actor
            obj.save()
            out.append(obj)
        audit_record(
            actor=actor,
            action="deadlines.override.import",
            object_repr=f"{len(out)} overrides",
            detail={"dates": sorted(d.isoformat() for d in days)},
        )
        _after_change(days, before)
    return out


def rule_correct(
    *, actor: Actor, rule: DeadlineRule, changes: dict[str, Any], reference: str
) -> RuleCorrection | None:
    """Change a rule's values and keep the history; ``reference`` (the document that
    justifies the correction) is required. Returns None if nothing actually changed."""
    if not reference.strip():
        raise ValidationError({"reference": _("Cần nêu căn cứ của việc sửa quy định.")})
    unknown = (
        set(changes)
        - set(DeadlineRule.VALUE_FIELDS)
        - {"name_vi", "name_en", "note_vi", "note_en", "start_event_vi", "start_event_en", "area"}
    )
    if unknown:
        raise ValidationError(_("Không sửa được trường: %(f)s") % {"f": ", ".join(sorted(unknown))})
    with transaction.atomic():
        current = DeadlineRule.objects.select_for_update().get(pk=rule.pk)
        diff = {}
        for name, new in changes.items():
            old = getattr(current, name)
            if old != new:
                diff[name] = [_jsonable(old), _jsonable(new)]
                setattr(current, name, new)
        if not diff:
            return None
        current.full_clean()
        current.save()
        correction = RuleCorrection.objects.create(
            rule=current,
            by=account_of(actor),
            changes=diff,
            reference=reference.strip(),
        )
        audit_record(
            actor=actor,
            action="deadlines.rule.correct",
            obj=current,
            detail={"changes": diff, "reference": correction.reference},
        )
        ruleset.invalidate()
        key = current.key

        def announce() -> None:
            ruleset.invalidate()
            rules_changed.send(sender=DeadlineRule, rule_ids=[key])

        transaction.on_commit(announce)
    rule.refresh_from_db()
    return correction


def _jsonable(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    return value


def rules_seed(*, actor: Actor = None, audit: bool = True) -> int:
    """Create the shipped rules that are missing (by key + version), this app's and those
    other apps ship (``ruleset.shipped_rows``); never overwrite an administrator's
    correction. Re-runnable; returns how many rows were created. ``audit=False`` for the
    seeding after ``migrate``, which is the operator's act, like a data migration."""
    created = 0
    with transaction.atomic():
        have = set(DeadlineRule.objects.values_list("key", "version"))
        new = []
        for row in ruleset.shipped_rows():
            if (row["id"], row["version"]) in have:
                continue
            new.append(rule_row(row))
            created += 1
        DeadlineRule.objects.bulk_create(new)
        if created and audit:
            audit_record(actor=actor, action="deadlines.rules.seed", object_repr=f"{created} rules")
        ruleset.invalidate()
    return created


def rule_row(row: dict[str, Any]) -> DeadlineRule:
    fields = {f.name for f in DeadlineRule._meta.get_fields()}
    data = {k: v for k, v in row.items() if k in fields and k != "id"}
    return DeadlineRule(key=row["id"], **data)
