"""Public tracking by code and secret: no personal data, no oracle, rate-limited."""

from __future__ import annotations

from dataclasses import replace

import pytest
from django.urls import reverse

from danvan.cases import kinds, services
from danvan.cases.tests.conftest import at

pytestmark = pytest.mark.django_db

PERSONAL = ("Nguyễn Thị Hoa", "0912345678", "Thôn 3", "Đèn đường")


def _private_step(case, officer):  # type: ignore[no-untyped-def]
    services.case_record_event(
        case=case, kind="note", actor=officer, note="Ghi chú nội bộ bí mật", public=False
    )
    services.case_assign(case=case, actor=officer, assignee=officer, note="Giao cho Alice riêng")


def test_right_secret_shows_status_and_steps_without_personal_data(client, case_a, officer_a):
    _private_step(case_a, officer_a)
    response = client.get(reverse("cases:track", args=[case_a.code]), {"secret": "abcd2345"})
    assert response.status_code == 200
    html = response.content.decode()
    assert case_a.code in html and "16/03/2026" in html and "Xã Thử A" in html
    assert "Tiếp nhận" in html and "Giao xử lý" in html
    assert "Đã quá hạn" in html  # due 16/03/2026, still open
    for text in (*PERSONAL, "Ghi chú nội bộ bí mật", "Giao cho Alice", "alice"):
        assert text not in html


def test_form_post_and_get_both_work(client, case_a):
    form = client.get(reverse("cases:track_form"))
    assert form.status_code == 200 and 'name="secret"' in form.content.decode()
    posted = client.post(reverse("cases:track_form"), {"code": case_a.code, "secret": "ABCD2345"})
    assert posted.status_code == 200 and "16/03/2026" in posted.content.decode()
    got = client.get(reverse("cases:track_form"), {"code": case_a.code, "secret": "ABCD2345"})
    assert got.status_code == 200 and "16/03/2026" in got.content.decode()


def test_wrong_secret_and_unknown_code_say_the_same(client, case_a):
    wrong = client.post(reverse("cases:track_form"), {"code": case_a.code, "secret": "ZZZZ9999"})
    unknown = client.post(reverse("cases:track_form"), {"code": "NO-SUCH", "secret": "ZZZZ9999"})
    assert wrong.status_code == unknown.status_code == 404
    assert "Không tìm thấy hồ sơ" in wrong.content.decode()
    assert wrong.context["error"] == unknown.context["error"]
    assert "16/03/2026" not in wrong.content.decode()
    # What was typed stays in the form.
    assert case_a.code in wrong.content.decode()


def test_missing_fields_re_render_with_errors(client):
    response = client.post(reverse("cases:track_form"), {"code": "", "secret": ""})
    assert response.status_code == 400
    assert "errorlist" in response.content.decode()


def test_closed_case_shows_on_time(client, case_a, officer_a):
    services.case_close(
        case=case_a, actor=officer_a, status="resolved", at=at(2026, 3, 10), public_note="Đã sửa"
    )
    html = client.get(reverse("cases:track", args=[case_a.code]), {"secret": "ABCD2345"}).content
    assert "Đúng hạn" in html.decode() and "Đã sửa" in html.decode()


def test_rate_limit_per_ip(client, case_a, settings):
    settings.DANVAN_TRACK_RATE_LIMIT = 3
    url = reverse("cases:track_form")
    for _ in range(3):
        assert client.post(url, {"code": case_a.code, "secret": "ZZZZ9999"}).status_code == 404
    blocked = client.post(url, {"code": case_a.code, "secret": "ABCD2345"})
    assert blocked.status_code == 429
    assert "quá nhiều lần" in blocked.content.decode()
    assert "16/03/2026" not in blocked.content.decode()
    other_ip = client.post(url, {"code": case_a.code, "secret": "ABCD2345"}, REMOTE_ADDR="10.0.0.9")
    assert other_ip.status_code == 200


def test_api_track(client, case_a, officer_a):
    _private_step(case_a, officer_a)
    response = client.get(f"/api/v1/track/{case_a.code}", {"secret": "ABCD2345"})
    assert response.status_code == 200
    body = response.json()
    assert body["code"] == case_a.code and body["due_date"] == "2026-03-16"
    assert body["unit"] == {"code": "99001", "name": "Xã Thử A"}
    assert body["status"] == "in_progress" and body["on_time"] is None
    assert body["overdue"] is True and body["paused"] is False
    assert [s["kind"] for s in body["steps"]] == ["received", "assigned"]
    raw = response.content.decode()
    for text in (*PERSONAL, "Ghi chú nội bộ", "Alice", "applicant", "secret"):
        assert text not in raw


def test_api_wrong_secret_is_404_and_rate_limited(client, case_a, settings):
    settings.DANVAN_TRACK_RATE_LIMIT = 2
    wrong = client.get(f"/api/v1/track/{case_a.code}", {"secret": "ZZZZ9999"})
    assert wrong.status_code == 404 and wrong.json()["code"] == "not_found"
    unknown = client.get("/api/v1/track/NOPE", {"secret": "ZZZZ9999"})
    assert unknown.status_code == 429 or unknown.json() == wrong.json()
    limited = client.get(f"/api/v1/track/{case_a.code}", {"secret": "ABCD2345"})
    assert limited.status_code == 429 and limited.json()["code"] == "rate_limited"


def test_tracking_url_opens_the_case(client, case_a):
    from danvan.cases.selectors import tracking_url

    url = tracking_url(case_a)
    assert url.endswith(f"/{case_a.code}/?secret=ABCD2345")
    assert tracking_url(case_a, absolute=True).startswith("http")
    response = client.get(url)
    assert response.status_code == 200 and "16/03/2026" in response.content.decode()


@pytest.mark.urls("danvan.cases.tests.urls_with_tracking")
def test_public_urls_at_tra_cuu(client, case_a):
    assert reverse("tracking:form") == "/tra-cuu/"
    form = client.get("/tra-cuu/")
    assert form.status_code == 200 and 'action="/tra-cuu/"' in form.content.decode()
    response = client.get(f"/tra-cuu/{case_a.code}/", {"secret": "ABCD2345"})
    assert response.status_code == 200 and "16/03/2026" in response.content.decode()
    posted = client.post("/tra-cuu/", {"code": case_a.code, "secret": "ABCD2345"})
    assert posted.status_code == 200


def test_link_with_code_only_asks_for_the_secret(client, case_a):
    response = client.get(reverse("cases:track_form"), {"code": case_a.code})
    assert response.status_code == 200
    html = response.content.decode()
    assert f'value="{case_a.code}"' in html and "errorlist" not in html
    assert "16/03/2026" not in html


class TestTrackingLinks:
    """The links a kind's manifest adds to the tracking page."""

    @staticmethod
    def links(case, *providers):  # type: ignore[no-untyped-def]
        from danvan.cases.kinds import kind_manifest, temporary_kind

        return temporary_kind(replace(kind_manifest(case.kind), tracking_links=providers))

    def test_registered_links_are_shown_for_their_kind_only(self, client, case_a):
        def provider(case):  # type: ignore[no-untyped-def]
            return [("Việc tiếp theo", f"/tiep-theo/{case.code}/")]

        other = next(m for m in kinds.kinds if m.key != case_a.kind)
        with (
            self.links(case_a, provider),
            kinds.temporary_kind(replace(other, tracking_links=(lambda c: [("Khác", "/khac/")],))),
        ):
            response = client.get(
                reverse("cases:track", args=[case_a.code]), {"secret": "ABCD2345"}
            )
        html = response.content.decode()
        assert html.count(f"/tiep-theo/{case_a.code}/") == 1 and "/khac/" not in html

    def test_a_failing_provider_does_not_break_the_page(self, client, case_a):
        def broken(case):  # type: ignore[no-untyped-def]
            raise RuntimeError("boom")

        with self.links(case_a, broken, lambda case: [("Tiếp", "/tiep/")]):
            response = client.get(
                reverse("cases:track", args=[case_a.code]), {"secret": "ABCD2345"}
            )
        assert response.status_code == 200 and "/tiep/" in response.content.decode()

    def test_wrong_secret_calls_no_provider(self, client, case_a):
        calls = []
        with self.links(case_a, lambda case: calls.append(case) or []):
            client.get(reverse("cases:track", args=[case_a.code]), {"secret": "ZZZZ9999"})
        assert calls == []
