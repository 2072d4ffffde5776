"""API of the yearly scoring, mounted under /api/v1/ by danvan.api.

- ``GET /evaluation/scoring/{year}?unit=CODE`` → ``{"unit","year","self_total",
  "appraised_total","grade","items":[{"code","max","self","appraised","reason","flagged"}]}``

A commune's officers read their commune, province roles their province; anything else 404.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from danvan.accounts.auth import BearerAuth
from danvan.core.api_errors import ApiError
from danvan.evaluation.yearly import selectors

router = Router(tags=["evaluation"])


class ScoringQuery(Schema):
    unit: str = Field(..., min_length=1, max_length=5)


class ItemOut(Schema):
    code: str
    max: float
    self: float | None
    appraised: float | None
    reason: str
    flagged: bool


class ScoringOut(Schema):
    unit: str
    year: int
    self_total: float | None
    appraised_total: float | None
    grade: str | None
    items: list[ItemOut]


@router.get("/evaluation/scoring/{year}", auth=BearerAuth(), response=ScoringOut)
def scoring_of(request: HttpRequest, year: int, q: Query[ScoringQuery]):  # type: ignore[no-untyped-def]
    if not selectors.YEARS[0] <= year <= selectors.YEARS[1]:
        raise ApiError(404, "not_found", _("Không tìm thấy."))
    unit = selectors.readable_unit(request.auth, q.unit)
    framework = selectors.framework_of(unit.province_id, year) if unit else None
    assessment = (
        selectors.assessment_for_user(request.auth, framework, q.unit) if framework else None
    )
    if assessment is None:
        raise ApiError(404, "not_found", _("Không tìm thấy."))
    return {
        "unit": unit.code,
        "year": year,
        "self_total": assessment.self_total,
        "appraised_total": assessment.appraised_total,
        "grade": assessment.grade or None,
        "items": [
            {
                "code": ln.item.code,
                "max": ln.item.max_points,
                "self": ln.self_points,
                "appraised": ln.appraised_points,
                "reason": ln.reason,
                "flagged": ln.flagged,
            }
            for ln in selectors.assessment_lines(assessment)
        ],
    }
