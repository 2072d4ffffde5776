"""Refusals of the case services are Vietnamese, with their English: any app may show them."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import translation
from django.utils.translation import override

from danvan.cases import services
from danvan.cases.models import CaseEventKind
from danvan.cases.tests.conftest import at, open_case

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _default_language():  # type: ignore[no-untyped-def]
    translation.deactivate()
    yield
    translation.deactivate()


def _refusal(call) -> tuple[str, str, str]:  # type: ignore[no-untyped-def]
    """(code, Vietnamese, English) of the CaseError ``call()`` raises."""
    texts = []
    for lang in ("vi", "en"):
        with override(lang), pytest.raises(services.CaseError) as err:
            call()
        texts.append(str(err.value))
        code = err.value.code
    return code, texts[0], texts[1]


def _reclassify(case, officer):  # type: ignore[no-untyped-def]
    return lambda: services.case_reclassify(
        case=case, actor=officer, kind="complaint", rule_id="complaint.accept"
    )


def test_reclassify_refusals(unit_a, officer_a):
    accepted = open_case(unit_a)
    services.case_accept(case=accepted, actor=officer_a, accepted_at=at(2026, 3, 3))
    assert _refusal(_reclassify(accepted, officer_a)) == (
        "accepted",
        "Việc đã thụ lý: không phân loại lại, giữ nguyên loại việc và thời hạn.",
        "The case has been accepted: it keeps its kind and its deadline and cannot be "
        "reclassified.",
    )
    resumed = open_case(unit_a)
    services.case_pause(case=resumed, actor=officer_a, at=at(2026, 3, 3), reason="Chờ")
    services.case_resume(case=resumed, actor=officer_a, at=at(2026, 3, 4))
    overridden = open_case(unit_a)
    services.case_set_due(
        case=overridden,
        actor=officer_a,
        due_date=date(2026, 3, 20),
        kind=CaseEventKind.NOTE,
        note="Ấn định",
    )
    for case in (resumed, overridden):
        assert _refusal(_reclassify(case, officer_a)) == (
            "clock_moved",
            "Thời hạn đã được tạm dừng, gia hạn hoặc ấn định lại: không phân loại lại việc được.",
            "The deadline was paused, extended or set by hand: the case cannot be reclassified.",
        )


def test_update_applicant_unknown_field(unit_a, officer_a):
    case = open_case(unit_a)
    refused = _refusal(
        lambda: services.case_update_applicant(
            case=case, actor=officer_a, title="x", applicant_phone="0912000111", secret="y"
        )
    )
    assert refused == (
        "bad_field",
        "Không phải thông tin người nộp: secret, title.",
        "Not the applicant's details: secret, title.",
    )
    case.refresh_from_db()
    assert case.applicant_phone == "0912345678"
