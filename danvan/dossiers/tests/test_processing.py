"""Processing: deficiency in appraisal, hand-offs, result, return, apology, rating."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from danvan.cases.models import CaseStatus
from danvan.core.models import Notification
from danvan.dossiers.models import DossierStage, Rating
from danvan.dossiers.services import (
    DossierError,
    dossier_apologise,
    dossier_hand_on,
    dossier_rate,
    dossier_request_supplement,
    dossier_result_ready,
    dossier_return,
    dossier_supplement_received,
)

from .conftest import vn

SCORES = dict.fromkeys(
    ("time", "bodies", "visits", "publicity", "attitude", "fees", "complaints", "online", "other"),
    2,
)


def test_deficiency_pauses_then_restarts_from_zero(receive, officer_a):
    dossier = receive()  # Mon 5/10, due Thu 8/10
    dossier = dossier_request_supplement(
        dossier=dossier,
        actor=officer_a,
        missing=["Bản sao giấy đăng ký kết hôn"],
        at=vn(2026, 10, 7, 9, 0),
    )
    assert dossier.stage == DossierStage.WAITING_SUPPLEMENT
    assert dossier.case.status == CaseStatus.WAITING_CITIZEN
    assert dossier.deficiency_due == date(2026, 10, 8)  # 3 working days from reception
    assert dossier.papers.filter(form="02").exists()
    dossier = dossier_supplement_received(
        dossier=dossier, actor=officer_a, at=vn(2026, 10, 12, 9, 0)
    )
    dossier.case.refresh_from_db()
    assert dossier.case.due_date == date(2026, 10, 15)  # 3 working days from Mon 12/10
    dossier = dossier_result_ready(dossier=dossier, actor=officer_a, at=vn(2026, 10, 14, 16, 0))
    assert dossier.case.on_time is True and dossier.case.status == CaseStatus.RESOLVED


def test_second_supplement_request_counts_as_late(receive, officer_a):
    dossier = receive()
    for day in (6, 8):
        dossier = dossier_request_supplement(
            dossier=dossier, actor=officer_a, missing=["Giấy tờ"], at=vn(2026, 10, day, 9, 0)
        )
        dossier = dossier_supplement_received(
            dossier=dossier, actor=officer_a, at=vn(2026, 10, day, 15, 0)
        )
    assert dossier.supplement_requests == 2
    dossier = dossier_result_ready(dossier=dossier, actor=officer_a, at=vn(2026, 10, 9, 9, 0))
    assert dossier.case.on_time is False  # Decision 766


def test_late_result_is_late(receive, officer_a):
    dossier = dossier_result_ready(dossier=receive(), actor=officer_a, at=vn(2026, 10, 9, 9, 0))
    assert dossier.case.on_time is False
    assert Notification.objects.filter(template="dossier.result_ready").exists()


def test_supplement_request_needs_content(receive, officer_a):
    with pytest.raises(DossierError) as err:
        dossier_request_supplement(dossier=receive(), actor=officer_a, missing=["  "])
    assert err.value.code == "missing_required"


def test_hand_on_records_form_05_step(receive, officer_a):
    dossier = dossier_hand_on(
        dossier=receive(), actor=officer_a, to_user=officer_a, to_department="Tư pháp - Hộ tịch"
    )
    dossier.case.refresh_from_db()
    assert dossier.case.department == "Tư pháp - Hộ tịch"
    assert dossier.case.events.filter(kind="handed_on").count() == 1


def test_hand_on_to_an_officer_of_another_commune_is_refused(receive, officer_a, officer_b):
    with pytest.raises(DossierError) as err:
        dossier_hand_on(dossier=receive(), actor=officer_a, to_user=officer_b)
    assert err.value.code == "bad_target"


def test_officer_b_cannot_process_a_dossier_of_a(receive, officer_b):
    dossier = receive()
    with pytest.raises(PermissionDenied):
        dossier_result_ready(dossier=dossier, actor=officer_b)
    with pytest.raises(PermissionDenied):
        dossier_request_supplement(dossier=dossier, actor=officer_b, missing=["x"])


def test_return_after_result_only(receive, officer_a):
    dossier = receive()
    with pytest.raises(DossierError):
        dossier_return(dossier=dossier, actor=officer_a)
    dossier = dossier_result_ready(dossier=dossier, actor=officer_a, at=vn(2026, 10, 7, 9, 0))
    dossier = dossier_return(dossier=dossier, actor=officer_a, at=vn(2026, 10, 8, 9, 0))
    assert dossier.stage == DossierStage.RETURNED and dossier.returned_at is not None
    assert dossier.case.events.filter(kind="returned").exists()


class TestApology:
    def test_once_before_due_with_a_later_date(self, receive, officer_a):
        dossier = receive()  # due Thu 8/10
        dossier = dossier_apologise(
            dossier=dossier,
            actor=officer_a,
            new_date=date(2026, 10, 13),
            reason="Chờ xác minh",
            at=vn(2026, 10, 7, 9, 0),
        )
        dossier.case.refresh_from_db()
        assert dossier.apology_used and dossier.case.due_date == date(2026, 10, 13)
        assert dossier.papers.filter(form="04").exists()
        sms = Notification.objects.get(template="dossier.apology")
        assert "13/10/2026" in sms.body
        with pytest.raises(DossierError) as err:
            dossier_apologise(
                dossier=dossier,
                actor=officer_a,
                new_date=date(2026, 10, 14),
                reason="x",
                at=vn(2026, 10, 8, 9, 0),
            )
        assert err.value.code == "apology_once"

    def test_not_on_the_due_date(self, receive, officer_a):
        with pytest.raises(DossierError) as err:
            dossier_apologise(
                dossier=receive(),
                actor=officer_a,
                new_date=date(2026, 10, 13),
                reason="x",
                at=vn(2026, 10, 8, 8, 0),
            )
        assert err.value.code == "apology_too_late"

    def test_new_date_after_the_old_one(self, receive, officer_a):
        with pytest.raises(DossierError) as err:
            dossier_apologise(
                dossier=receive(),
                actor=officer_a,
                new_date=date(2026, 10, 8),
                reason="x",
                at=vn(2026, 10, 6, 8, 0),
            )
        assert err.value.code == "apology_date"

    def test_new_date_is_a_working_day(self, receive, officer_a):
        with pytest.raises(DossierError) as err:
            dossier_apologise(
                dossier=receive(),
                actor=officer_a,
                new_date=date(2026, 10, 10),
                reason="x",
                at=vn(2026, 10, 6, 8, 0),
            )
        assert err.value.code == "apology_holiday"

    def test_apology_does_not_make_a_late_dossier_on_time(self, receive, officer_a):
        dossier = dossier_apologise(
            dossier=receive(),
            actor=officer_a,
            new_date=date(2026, 10, 13),
            reason="Chờ xác minh",
            at=vn(2026, 10, 6, 9, 0),
        )
        dossier = dossier_result_ready(dossier=dossier, actor=officer_a, at=vn(2026, 10, 12, 9, 0))
        assert dossier.case.on_time is False


class TestRating:
    def _finished(self, receive, officer_a):
        return dossier_result_ready(dossier=receive(), actor=officer_a, at=vn(2026, 10, 7, 9, 0))

    def test_once_per_dossier(self, receive, officer_a):
        dossier = self._finished(receive, officer_a)
        rating = dossier_rate(dossier=dossier, scores=SCORES, channel="online")
        assert rating.total == 18 and rating.satisfied
        with pytest.raises(DossierError) as err:
            dossier_rate(dossier=dossier, scores=SCORES, channel="desk", actor=officer_a)
        assert err.value.code == "already_rated"
        assert Rating.objects.count() == 1

    def test_a_zero_is_a_dislike(self, receive, officer_a):
        rating = dossier_rate(
            dossier=self._finished(receive, officer_a),
            scores={**SCORES, "attitude": 0},
            channel="online",
        )
        assert rating.total == 16 and not rating.satisfied

    @pytest.mark.parametrize("bad", [{**SCORES, "time": 3}, {**SCORES, "time": "x"}, {"time": 2}])
    def test_bad_scores(self, receive, officer_a, bad):
        with pytest.raises(DossierError) as err:
            dossier_rate(dossier=self._finished(receive, officer_a), scores=bad, channel="online")
        assert err.value.code == "bad_score"
        assert not Rating.objects.exists()

    def test_not_before_the_result(self, receive):
        with pytest.raises(DossierError) as err:
            dossier_rate(dossier=receive(), scores=SCORES, channel="online")
        assert err.value.code == "not_finished"

    def test_desk_rating_needs_an_officer_of_the_unit(self, receive, officer_a, officer_b):
        with pytest.raises(PermissionDenied):
            dossier_rate(
                dossier=self._finished(receive, officer_a),
                scores=SCORES,
                channel="desk",
                actor=officer_b,
            )


def test_withdrawal_ends_the_dossier_and_its_case_together(receive, officer_a, client_a, client_b):
    from danvan.dossiers import indicators as ind
    from danvan.dossiers.services import dossier_withdraw

    dossier = receive()
    code = dossier.case.code
    page = client_a.get(f"/mot-cua/ho-so/{code}/").content.decode()
    assert 'data-testid="withdraw"' in page
    # Bad input: a clear message, the page again, nothing changed.
    response = client_a.post(f"/mot-cua/ho-so/{code}/rut-ho-so/", {"reason": "  "})
    assert response.status_code == 400
    assert client_b.post(f"/mot-cua/ho-so/{code}/rut-ho-so/", {"reason": "x"}).status_code == 404
    response = client_a.post(
        f"/mot-cua/ho-so/{code}/rut-ho-so/", {"reason": "Đơn rút hồ sơ ngày 06/10/2026"}
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    dossier.case.refresh_from_db()
    assert dossier.stage == DossierStage.CANCELLED
    assert dossier.case.status == CaseStatus.WITHDRAWN and dossier.case.closed_at is not None
    with pytest.raises(DossierError) as twice:
        dossier_withdraw(dossier=dossier, actor=officer_a, reason="lần hai")
    assert twice.value.code == "not_open"
    # Nothing is due any more: October's on-time rate no longer counts it as overdue.
    result = ind.on_time_rate([dossier.unit_id], date(2026, 10, 1), date(2026, 10, 31))
    assert result.get(dossier.unit_id, (0, 0))[1] == 0


def test_the_generic_case_page_leaves_a_dossier_s_clock_to_the_dossier_page(receive, client_a):
    code = receive().case.code
    page = client_a.get(f"/ho-so-viec/{code}/").content.decode()
    for action in ("pause", "extend", "close"):
        assert f"/ho-so-viec/{code}/{action}/" not in page
    assert f"/ho-so-viec/{code}/hand_on/" in page
