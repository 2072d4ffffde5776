"""API router of deadlines, mounted under /api/v1/ by danvan.api.

Public reads (rules and the calendar are national, no commune's data): no authentication.
Messages follow the request language (Vietnamese; English with ``Accept-Language: en``).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Router

from danvan.core.api_errors import ApiError
from danvan.deadlines import selectors, workcal
from danvan.deadlines.clock import DueResult, compute_due
from danvan.deadlines.explain import skipped_groups
from danvan.deadlines.rulespec import DeadlineError

router = Router(tags=["deadlines"])

_STATUS = {"unknown_rule": 422, "no_rule_in_force": 422}


def _lang() -> str:
    return "en" if (get_language() or "vi").startswith("en") else "vi"


def _parse_start(value: str | None) -> date | datetime:
    if not value or not value.strip():
        raise ApiError(
            422, "start_required", _("Cần tham số start (YYYY-MM-DD hoặc YYYY-MM-DDTHH:MM).")
        )
    text = value.strip()
    try:
        if "T" in text or " " in text:
            return datetime.fromisoformat(text.replace("Z", "+00:00"))
        return date.fromisoformat(text)
    except ValueError:
        raise ApiError(
            422,
            "invalid_start",
            _("Ngày bắt đầu “%(v)s” không hợp lệ: dùng YYYY-MM-DD hoặc YYYY-MM-DDTHH:MM.")
            % {"v": text[:40]},
        ) from None


def _error(exc: DeadlineError) -> ApiError:
    return ApiError(_STATUS.get(exc.code, 422), exc.code, exc.message(_lang()))


def _due_body(result: DueResult, lang: str) -> dict[str, Any]:
    body = result.as_dict(lang)
    body["skipped_groups"] = [
        {"first": a.isoformat(), "last": b.isoformat(), "reason": label}
        for a, b, label, named in skipped_groups(result, lang)
        if named
    ]
    return body


@router.get("/deadlines/rules", summary="Rules in force, with citations", auth=None)
def rules(request: HttpRequest, on: date | None = None) -> dict[str, Any]:
    day = on or selectors.today_local()
    return {
        "on": day.isoformat(),
        "rules": [spec.as_dict() for spec in selectors.rules_in_force(day)],
    }


@router.get("/deadlines/due", summary="Compute a due date and explain it", auth=None)
def due(
    request: HttpRequest,
    rule: str | None = None,
    start: str | None = None,
    unit: str | None = None,
    remote: bool | None = None,
    complex: bool = False,
    especially_complex: bool = False,
    extensions: int = 0,
) -> dict[str, Any]:
    if not rule:
        raise ApiError(422, "rule_required", _("Cần tham số rule (mã quy định thời hạn)."))
    begin = _parse_start(start)
    is_remote = False
    if unit:
        flag = selectors.unit_remote(unit)
        if flag is None:
            raise ApiError(
                404, "unit_not_found", _("Không có xã, phường mã “%(c)s”.") % {"c": unit[:10]}
            )
        is_remote = flag
    if remote is not None:  # an explicit flag overrides the commune's
        is_remote = remote
    try:
        result = compute_due(
            rule,
            begin,
            remote=is_remote,
            complex=complex,
            especially_complex=especially_complex,
            extensions=extensions,
        )
    except DeadlineError as exc:
        raise _error(exc) from None
    return _due_body(result, _lang())


@router.get("/deadlines/calendar", summary="Days off of a year, with reasons", auth=None)
def calendar(request: HttpRequest, year: int) -> dict[str, Any]:
    if not workcal.FIRST_YEAR <= year <= workcal.LAST_YEAR:
        raise ApiError(
            422,
            "year_out_of_range",
            _("Năm phải trong khoảng %(a)s–%(b)s.")
            % {"a": workcal.FIRST_YEAR, "b": workcal.LAST_YEAR},
        )
    lang = _lang()
    data = selectors.calendar_year(year)

    def day(d: workcal.DayInfo) -> dict[str, Any]:
        return {
            "date": d.day.isoformat(),
            "name": d.name_en if lang == "en" else d.name_vi,
            "source": d.source,
            "reference": d.reference,
            # Taken from the package until an administrator records the decision.
            "to_confirm": d.to_confirm,
            "confirm_note": d.confirm_en if lang == "en" else d.confirm_vi,
        }

    return {
        "year": year,
        "working_days": data.working_count,
        "weekend_days": data.weekend_count,
        "days_off": [day(d) for d in data.days_off],
        "working_days_declared": [day(d) for d in data.working_weekend_days],
    }
