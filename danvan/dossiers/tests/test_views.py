"""Officers' pages: reception form, dossier page and actions, tracking book, with officer_b
refused and anonymous users sent to sign in."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from danvan.dossiers.models import Dossier, DossierStage, Rating
from danvan.dossiers.services import dossier_result_ready
from danvan.testing.language import english

from .conftest import DOCS, vn

RATING = dict.fromkeys(
    ("time", "bodies", "visits", "publicity", "attitude", "fees", "complaints", "online", "other"),
    "2",
)


def reception_post(**changes):
    data = {
        "unit": "",
        "procedure": "1.001193",
        "token": "tok-1",
        "applicant_name": "Trần Thị Hoa",
        "applicant_phone": "0987654321",
        "channel": "desk",
        "documents": DOCS,
    }
    data.update(changes)
    return data


def test_reception_pages(client_a, procedure, unit_a):
    assert client_a.get("/mot-cua/tiep-nhan/").status_code == 200
    page = client_a.get("/mot-cua/tiep-nhan/?procedure=1.001193")
    assert page.status_code == 200 and "Giấy chứng sinh" in page.content.decode()
    assert client_a.get("/mot-cua/tiep-nhan/?procedure=nope").status_code == 400
    response = client_a.post("/mot-cua/tiep-nhan/", reception_post(unit=str(unit_a.pk)))
    dossier = Dossier.objects.get()
    assert (
        response.status_code == 302
        and response["Location"] == f"/mot-cua/ho-so/{dossier.case.code}/"
    )
    # A double submit of the same form: the same dossier.
    again = client_a.post("/mot-cua/tiep-nhan/", reception_post(unit=str(unit_a.pk)))
    assert again["Location"] == response["Location"] and Dossier.objects.count() == 1


def test_reception_bad_input_keeps_what_was_typed(client_a, procedure, unit_a):
    response = client_a.post(
        "/mot-cua/tiep-nhan/",
        reception_post(unit=str(unit_a.pk), applicant_phone="12ab", applicant_address="Thôn Nà Vị"),
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Số điện thoại không hợp lệ" in body and "Thôn Nà Vị" in body and "Trần Thị Hoa" in body
    response = client_a.post(
        "/mot-cua/tiep-nhan/", reception_post(unit=str(unit_a.pk), refuse="on")
    )
    assert response.status_code == 400 and "Phải ghi lý do từ chối" in response.content.decode()
    assert not Dossier.objects.exists()


def test_incomplete_reception_from_the_form(client_a, procedure, unit_a):
    client_a.post("/mot-cua/tiep-nhan/", reception_post(unit=str(unit_a.pk), documents=[DOCS[0]]))
    dossier = Dossier.objects.get()
    assert dossier.stage == DossierStage.INCOMPLETE and dossier.documents_missing == [DOCS[1]]


def test_reception_refused_to_officer_b_and_anonymous(client_b, citizen_client, procedure, unit_a):
    response = client_b.post("/mot-cua/tiep-nhan/", reception_post(unit=str(unit_a.pk)))
    assert response.status_code == 400  # unit A is not among B's choices
    assert not Dossier.objects.exists()
    assert citizen_client.get("/mot-cua/tiep-nhan/").status_code == 302


def test_detail_and_actions(client_a, client_b, citizen_client, receive):
    dossier = receive()
    url = f"/mot-cua/ho-so/{dossier.case.code}/"
    page = client_a.get(url)
    assert page.status_code == 200 and dossier.case.secret in page.content.decode()
    assert client_b.get(url).status_code == 404
    assert citizen_client.get(url).status_code == 302
    assert client_b.post(url + "co-ket-qua/").status_code == 404
    bad = client_a.post(url + "xin-loi/", {"new_date": "32/13/2026", "reason": "Chờ xác minh"})
    assert bad.status_code == 400 and "Chờ xác minh" in bad.content.decode()
    bad = client_a.post(url + "yeu-cau-bo-sung/", {"missing": "   "})
    assert bad.status_code == 400
    assert client_a.post(url + "chuyen/", {"to_department": "Địa chính"}).status_code == 302
    assert client_a.post(url + "co-ket-qua/", {"note": ""}).status_code == 302
    # Who received the result is recorded: in person without a name is refused, kept as typed.
    bad = client_a.post(
        url + "tra-ket-qua/", {"method": "in_person", "note": "Giấy ủy quyền số 12"}
    )
    assert bad.status_code == 400 and "Giấy ủy quyền số 12" in bad.content.decode()
    returned = client_a.post(
        url + "tra-ket-qua/",
        {"method": "post", "receiver": "Nguyễn Văn Nhận", "note": "Phiếu gửi EMS 123"},
    )
    assert returned.status_code == 302
    returned_dossier = Dossier.objects.get()
    assert (returned_dossier.returned_to, returned_dossier.return_method) == (
        "Nguyễn Văn Nhận",
        "post",
    )
    page = client_a.get(url).content.decode()
    assert "Nguyễn Văn Nhận" in page and "Phiếu gửi EMS 123" in page
    assert "Qua dịch vụ bưu chính công ích" in page
    response = client_a.post(url + "danh-gia/", RATING)
    assert response.status_code == 302
    assert (
        Dossier.objects.get().stage == DossierStage.RETURNED
        and Rating.objects.get().channel == "desk"
    )
    assert client_a.post(url + "unknown/").status_code == 404
    assert client_a.get(url + "co-ket-qua/").status_code == 405


def test_home_lists_only_own_dossiers(client_a, client_b, receive, django_assert_max_num_queries):
    for _ in range(5):
        receive()
    with django_assert_max_num_queries(12):
        page = client_a.get("/mot-cua/")
    import re

    assert len(set(re.findall(r"99001-261005-\d{4}", page.content.decode()))) == 5
    assert "99001-261005-" not in client_b.get("/mot-cua/").content.decode()


def test_tracking_book_xlsx(client_a, client_b, receive, officer_a, django_assert_max_num_queries):
    first = receive()
    dossier_result_ready(dossier=first, actor=officer_a, at=vn(2026, 10, 7, 9, 0))
    receive(documents_received=[DOCS[0]])
    receive(received_at=vn(2026, 11, 2, 9, 0))  # outside the range
    with django_assert_max_num_queries(12):
        page = client_a.get("/mot-cua/so-theo-doi/?start=01/10/2026&end=31/10/2026")
    import re

    assert page.status_code == 200
    assert len(set(re.findall(r"99001-2610\d\d-\d{4}", page.content.decode()))) == 2
    response = client_a.get("/mot-cua/so-theo-doi/?start=01/10/2026&end=31/10/2026&format=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[2][1] == "Mã hồ sơ"
    assert [r[1] for r in rows[3:]] == ["99001-261005-0001", "99001-261005-0002"]
    assert (
        rows[3][4] == "Nguyễn Văn Đức" and rows[3][7] == "08/10/2026" and rows[3][12] == "Đúng hạn"
    )
    assert "hướng dẫn bổ sung" in rows[4][13]
    b_book = client_b.get("/mot-cua/so-theo-doi/?start=01/10/2026&end=31/10/2026&format=xlsx")
    assert (
        len(list(load_workbook(io.BytesIO(b_book.content)).active.iter_rows())) == 3
    )  # headers only
    assert client_a.get("/mot-cua/so-theo-doi/?start=31/10/2026&end=01/10/2026").status_code == 400


class TestPublicRating:
    def _ready(self, receive, officer_a):
        return dossier_result_ready(dossier=receive(), actor=officer_a, at=vn(2026, 10, 7, 9, 0))

    def test_online_rating_with_the_secret_once(self, citizen_client, receive, officer_a):
        dossier = self._ready(receive, officer_a)
        url = f"/mot-cua/cong-khai/danh-gia/{dossier.case.code}/?secret={dossier.case.secret}"
        assert citizen_client.get(url).status_code == 200
        bad = citizen_client.post(url, {**RATING, "time": "5", "comment": "Cán bộ nhiệt tình"})
        assert bad.status_code == 400 and "Cán bộ nhiệt tình" in bad.content.decode()
        ok = citizen_client.post(url, {**RATING, "secret": dossier.case.secret})
        assert ok.status_code == 200 and "Cảm ơn" in ok.content.decode()
        again = citizen_client.post(url, {**RATING, "secret": dossier.case.secret})
        assert "đã được đánh giá" in again.content.decode()
        assert Rating.objects.count() == 1 and Rating.objects.get().channel == "online"

    def test_wrong_secret(self, citizen_client, receive, officer_a):
        dossier = self._ready(receive, officer_a)
        response = citizen_client.post(
            f"/mot-cua/cong-khai/danh-gia/{dossier.case.code}/?secret=WRONG", RATING
        )
        assert response.status_code == 404 and not Rating.objects.exists()

    def test_not_before_the_result(self, citizen_client, receive):
        dossier = receive()
        page = citizen_client.get(
            f"/mot-cua/cong-khai/danh-gia/{dossier.case.code}/?secret={dossier.case.secret}"
        )
        assert "chưa có kết quả" in page.content.decode()


def test_public_catalogue(citizen_client, procedure, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        page = citizen_client.get("/mot-cua/cong-khai/thu-tuc/?q=khai")
    assert "Đăng ký khai sinh" in page.content.decode()
    detail = citizen_client.get("/mot-cua/cong-khai/thu-tuc/1.001193/")
    assert detail.status_code == 200 and "Giấy chứng sinh" in detail.content.decode()
    assert citizen_client.get("/mot-cua/cong-khai/thu-tuc/0.000/").status_code == 404


def test_english_interface(client_a, receive):
    dossier = receive()
    page = english(client_a).get(f"/mot-cua/ho-so/{dossier.case.code}/")
    assert page.status_code == 200 and "Return date" in page.content.decode()
    bad = english(client_a).post(
        f"/mot-cua/ho-so/{dossier.case.code}/xin-loi/", {"new_date": "08/10/2026", "reason": "x"}
    )
    assert "The apology must be issued at least 1 working day before" in bad.content.decode()


@pytest.mark.parametrize("path", ["/mot-cua/", "/mot-cua/so-theo-doi/", "/mot-cua/thu-tuc/"])
def test_anonymous_sent_to_login(citizen_client, db, path):
    response = citizen_client.get(path)
    assert response.status_code == 302 and "/tai-khoan/" in response["Location"]


def test_date_display(receive, client_a):
    dossier = receive()
    assert dossier.case.due_date == date(2026, 10, 8)
    assert "08/10/2026" in client_a.get(f"/mot-cua/ho-so/{dossier.case.code}/").content.decode()


def test_dossier_panel_on_the_case_page(client_a, client_b, receive):
    code = receive().case.code
    page = client_a.get(f"/ho-so-viec/{code}/")
    assert page.status_code == 200
    assert f"/mot-cua/ho-so/{code}/" in page.content.decode()
    assert client_b.get(f"/ho-so-viec/{code}/").status_code == 404
