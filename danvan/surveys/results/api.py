"""``GET /api/v1/surveys/{id}/estimates?unit=CODE`` (issue #16, contract): the survey's
stored estimates, paged like ``GET /api/v1/letters``; rows ``{"question", "choice", "value",
"ci_low", "ci_high", "n"}`` in question order. ``unit`` narrows a province survey to one
commune's domain. A survey or unit the caller may not read is 404."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from danvan.accounts.auth import BearerAuth
from danvan.core.api_errors import ApiError
from danvan.core.api_helpers import PageQuery, page_of
from danvan.surveys.results import selectors

router = Router(tags=["surveys"])


class EstimateOut(Schema):
    question: str
    choice: str | None
    value: float | None
    ci_low: float | None
    ci_high: float | None
    n: int


class EstimatePage(Schema):
    count: int
    page: int
    page_size: int
    results: list[EstimateOut]


class EstimatesQuery(PageQuery):
    unit: str = Field("", max_length=10)


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def _row(e) -> dict:  # type: ignore[no-untyped-def]
    return {
        "question": e.question, "choice": e.choice, "value": _r(e.value),
        "ci_low": _r(e.ci_low), "ci_high": _r(e.ci_high), "n": e.n,
    }  # fmt: skip


@router.get("/surveys/{survey_id}/estimates", auth=BearerAuth(), response=EstimatePage)
def list_estimates(request: HttpRequest, survey_id: str, q: Query[EstimatesQuery]):  # type: ignore[no-untyped-def]
    try:
        survey = selectors.survey_for_user(request.auth, survey_id)
        unit = selectors.domain_for_user(request.auth, survey, q.unit or None)
    except Http404:
        raise ApiError(404, "not_found", _("Không tìm thấy.")) from None
    rows = selectors.estimates_of(survey, unit if survey.scope == "province" else None)
    return page_of(rows, q, _row)
