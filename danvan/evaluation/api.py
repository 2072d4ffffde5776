"""API router of the evaluation, mounted under /api/v1/ by danvan.api. Lists are paged like
``GET /api/v1/letters`` (``count``, ``page``, ``page_size``, ``results``).

- ``GET /evaluation/values?unit=CODE&from=YYYY-MM&to=YYYY-MM[&key=K][&era=legacy]``
- ``GET /evaluation/index?province=19&period=YYYY-MM``
- ``GET /evaluation/findings?unit=CODE&period=YYYY-MM``
- ``GET /evaluation/monthly?province=19&period=YYYY-MM`` — the national path's contract: every
  commune's indicator rows of the month (aggregates only), for the province's viewers and
  appraisers and for a national reader (``evaluation.read_all_provinces``); see
  docs/deployment.md, "The national path".

Province viewers read their province; commune officers their commune; anything else is 404.
"""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from danvan.accounts.access import units_for_user
from danvan.accounts.auth import BearerAuth
from danvan.core.api_errors import ApiError
from danvan.core.api_helpers import PageQuery, page_of
from danvan.evaluation import selectors
from danvan.evaluation.periods import parse_month
from danvan.evaluation.scoring import AREAS
from danvan.evaluation.services import DATA_VERSION

router = Router(tags=["evaluation"])


class ValueOut(Schema):
    unit: str
    period: str
    key: str
    numerator: float
    denominator: float
    value: float | None
    ci_low: float | None
    ci_high: float | None


class ValuePage(Schema):
    count: int
    page: int
    page_size: int
    results: list[ValueOut]


class IndexOut(Schema):
    unit: str
    total: float | None
    areas_measured: int
    areas: dict[str, float | None]
    rank: int | None
    rank_low: int | None
    rank_high: int | None


class IndexPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[IndexOut]


class FindingOut(Schema):
    area: int
    kind: str
    text: str
    severity: str
    evidence: dict[str, Any]


class FindingPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[FindingOut]


class MonthlyValueOut(ValueOut):
    unit_name: str


class MonthlyPage(Schema):
    province: str
    period: str
    data_version: str
    method_version: str
    generated_at: str
    count: int
    page: int
    page_size: int
    results: list[MonthlyValueOut]


class MonthlyQuery(PageQuery):
    # A province-month is a few thousand rows at most: the national gatherer takes 1000 a page.
    page_size: int = Field(50, ge=1, le=1000)
    province: str = Field(..., min_length=1, max_length=2)
    # Checked by _month, so a malformed month gets the same clear message as elsewhere.
    period: str = Field(..., min_length=1, max_length=20)


class Paging(PageQuery):
    # A province's index is one row per commune: up to 500 in one page (one province).
    page_size: int = Field(50, ge=1, le=500)


class ValuesQuery(Paging):
    unit: str = Field(..., min_length=1, max_length=5)
    from_: str = Field(..., alias="from", min_length=7, max_length=7)
    to: str = Field(..., min_length=7, max_length=7)
    key: str = Field("", max_length=80)
    era: Literal["current", "legacy"] = "current"


class IndexQuery(Paging):
    province: str = Field(..., min_length=1, max_length=2)
    period: str = Field(..., min_length=7, max_length=7)


class FindingsQuery(Paging):
    unit: str = Field(..., min_length=1, max_length=5)
    period: str = Field(..., min_length=7, max_length=7)


def _month(text: str, field: str):  # type: ignore[no-untyped-def]
    month = parse_month(text)
    if month is None:
        raise ApiError(422, "bad_period", _("%(field)s phải có dạng YYYY-MM.") % {"field": field})
    return month


def _not_found() -> ApiError:
    return ApiError(404, "not_found", _("Không tìm thấy."))


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


@router.get("/evaluation/values", auth=BearerAuth(), response=ValuePage)
def list_values(request: HttpRequest, q: Query[ValuesQuery]):  # type: ignore[no-untyped-def]
    first, last = _month(q.from_, "from"), _month(q.to, "to")
    if q.era == "legacy":
        legacy = selectors.legacy_unit_for_user(request.auth, q.unit)
        if legacy is None:
            raise _not_found()
        qs = selectors.values(legacy=legacy, first=first, last=last, key=q.key or None)
        code = legacy.code
    else:
        unit = units_for_user(request.auth).filter(code=q.unit).first()
        if unit is None:
            raise _not_found()
        qs = selectors.values(unit=unit, first=first, last=last, key=q.key or None)
        code = unit.code
    return page_of(
        qs,
        q,
        lambda v: {
            "unit": code,
            "period": f"{v.period:%Y-%m}",
            "key": v.key,
            "numerator": _r(v.numerator),
            "denominator": _r(v.denominator),
            "value": _r(v.value),
            "ci_low": _r(v.ci_low),
            "ci_high": _r(v.ci_high),
        },
    )


@router.get("/evaluation/index", auth=BearerAuth(), response=IndexPage)
def list_index(request: HttpRequest, q: Query[IndexQuery]):  # type: ignore[no-untyped-def]
    period = _month(q.period, "period")
    readable = units_for_user(request.auth).filter(province__code=q.province)
    if not readable.exists():
        raise _not_found()
    whole = selectors.readable_provinces(request.auth).filter(code=q.province).exists()
    scores = selectors.index_rows(q.province, period, None if whole else readable)
    rows = [
        {
            "unit": s.unit.code,
            "total": _r(s.total),
            "areas_measured": s.areas_measured,
            "areas": {str(a): _r((s.areas or {}).get(str(a))) for a in AREAS},
            "rank": s.rank,
            "rank_low": s.rank_low,
            "rank_high": s.rank_high,
        }
        for s in scores
    ]
    return page_of(rows, q)


@router.get("/evaluation/findings", auth=BearerAuth(), response=FindingPage)
def list_findings(request: HttpRequest, q: Query[FindingsQuery]):  # type: ignore[no-untyped-def]
    period = _month(q.period, "period")
    unit = units_for_user(request.auth).filter(code=q.unit).first()
    if unit is None:
        raise _not_found()
    english = (get_language() or "vi").startswith("en")
    rows = [
        {
            "area": f.area,
            "kind": f.kind,
            "text": f.text_en if english else f.text_vi,
            "severity": f.severity,
            "evidence": f.evidence,
        }
        for f in selectors.findings_for(unit, period)
    ]
    return page_of(rows, q)


@router.get("/evaluation/monthly", auth=BearerAuth(), response=MonthlyPage)
def list_monthly(request: HttpRequest, q: Query[MonthlyQuery]):  # type: ignore[no-untyped-def]
    period = _month(q.period, "period")
    province = selectors.monthly_readable(request.auth, q.province)
    if province is None:
        raise _not_found()
    page = page_of(
        selectors.monthly_rows(province.code, period),
        q,
        lambda v: {
            "unit": v.unit.code,
            "unit_name": v.unit.name,
            "period": f"{v.period:%Y-%m}",
            "key": v.key,
            "numerator": _r(v.numerator),
            "denominator": _r(v.denominator),
            "value": _r(v.value),
            "ci_low": _r(v.ci_low),
            "ci_high": _r(v.ci_high),
        },
    )
    return {
        "province": province.code,
        "period": f"{period:%Y-%m}",
        "data_version": DATA_VERSION,
        "method_version": selectors.method_version(province, period),
        "generated_at": timezone.now().isoformat(),
        **page,
    }
