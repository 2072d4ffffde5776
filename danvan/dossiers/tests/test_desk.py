"""The commune's one-stop set-up by its leader: agency code, place, signatory, procedures."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from danvan.accounts.roles import Role
from danvan.core.models import AuditEntry
from danvan.dossiers import papers
from danvan.dossiers.models import Procedure, UnitOneStopSettings, UnitProcedure
from danvan.dossiers.selectors import procedures_for_unit
from danvan.dossiers.services import DossierError, dossier_apologise, unit_settings_update
from danvan.testing.factories import UserFactory, make_officer

from .conftest import vn

URL = "/mot-cua/thiet-lap/99001/"
PROCEDURES_URL = "/mot-cua/thiet-lap/99001/thu-tuc/"
TYPED = {"agency_code": "H15.50.05.13", "place_name": "Thử A", "signer_name": "Hoàng Văn Chủ"}


def login(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


@pytest.fixture
def one_stop_a(unit_a):
    return login(make_officer("olga", unit=unit_a, roles=[Role.ONE_STOP]))


@pytest.fixture
def province_procedure(db):
    return Procedure.objects.create(
        code="2.000001",
        name="Thủ tục cấp tỉnh ủy quyền cho xã",
        field="Đất đai",
        level="province",
        processing_days=10,
    )


def test_leader_edits_and_the_change_is_audited(client_a, unit_a):
    page = client_a.get(URL)
    assert page.status_code == 200 and 'data-testid="read-only"' not in page.content.decode()
    assert "chỉ áp dụng cho hồ sơ tiếp nhận từ nay về sau" in page.content.decode()
    response = client_a.post(URL, {**TYPED, "agency_code": " h15.50.05.13 "})
    assert response.status_code == 302 and response["Location"] == URL
    saved = UnitOneStopSettings.objects.get(unit=unit_a)
    assert (saved.agency_code, saved.place_name, saved.signer_name) == (
        "H15.50.05.13",
        "Thử A",
        "Hoàng Văn Chủ",
    )
    entry = AuditEntry.objects.get(action="dossiers.desk.settings")
    assert entry.unit_code == "99001" and entry.detail["changed"]["agency_code"] == [
        "",
        "H15.50.05.13",
    ]
    # Saving the same values again changes nothing and logs nothing.
    client_a.post(URL, TYPED)
    assert AuditEntry.objects.filter(action="dossiers.desk.settings").count() == 1


def test_one_stop_officer_views_but_cannot_save(one_stop_a, unit_a, procedure):
    UnitOneStopSettings.objects.create(unit=unit_a, agency_code="H15.50.05.13")
    page = one_stop_a.get(URL)
    body = page.content.decode()
    assert page.status_code == 200 and 'data-testid="read-only"' in body
    assert 'value="H15.50.05.13"' in body and "disabled" in body
    assert one_stop_a.post(URL, {**TYPED, "agency_code": "X1"}).status_code == 403
    assert UnitOneStopSettings.objects.get().agency_code == "H15.50.05.13"
    assert one_stop_a.get(PROCEDURES_URL).status_code == 200
    assert one_stop_a.post(PROCEDURES_URL, {}).status_code == 403
    assert procedures_for_unit(unit_a).exists()
    olga = make_officer("olga", unit=unit_a)  # the same officer (get or create)
    with pytest.raises(PermissionDenied, match="lãnh đạo"):
        unit_settings_update(
            actor=olga,
            unit=unit_a,
            agency_code="X1",
            place_name="",
            signer_name="",
        )


def test_other_commune_and_other_roles_are_refused(client_b, citizen_client, unit_a, unit_b):
    for url in (URL, PROCEDURES_URL):
        assert client_b.get(url).status_code == 404
        assert client_b.post(url, TYPED).status_code == 404
        assert citizen_client.get(url).status_code == 302
    specialist = login(make_officer("sam", unit=unit_a, roles=[Role.SPECIALIST]))
    assert specialist.get(URL).status_code == 403
    assert specialist.get("/mot-cua/thiet-lap/").status_code == 403
    assert not UnitOneStopSettings.objects.exists()
    # B's own leader lands on B's page.
    assert client_b.get("/mot-cua/thiet-lap/")["Location"] == "/mot-cua/thiet-lap/99002/"


@pytest.mark.parametrize(
    ("taken", "typed"),
    [
        ("settings", "h15.50.05.13"),  # another commune's agency code, any case
        ("territory", "99002"),  # B's territory code, which B's codes use by default
        ("issued", "CU.01"),  # the prefix of dossier codes B already issued
    ],
)
def test_duplicate_agency_code_is_refused_and_the_form_keeps_the_input(
    client_a, unit_a, unit_b, officer_b, procedure, taken, typed
):
    from danvan.dossiers.services import dossier_receive

    if taken == "settings":
        UnitOneStopSettings.objects.create(unit=unit_b, agency_code="H15.50.05.13")
    if taken == "issued":
        UnitOneStopSettings.objects.create(unit=unit_b, agency_code="CU.01")
        dossier_receive(
            unit=unit_b,
            procedure=procedure,
            actor=officer_b,
            applicant_name="Lê Văn C",
            received_at=vn(2026, 10, 5, 9, 0),
        )
        UnitOneStopSettings.objects.filter(unit=unit_b).update(agency_code="CU.02")
    response = client_a.post(URL, {**TYPED, "agency_code": typed})
    body = response.content.decode()
    assert response.status_code == 400
    assert "đã được đơn vị khác sử dụng" in body
    assert f'value="{typed}"' in body and 'value="Hoàng Văn Chủ"' in body
    assert 'value="Thử A"' in body
    assert not UnitOneStopSettings.objects.filter(unit=unit_a).exists()


@pytest.mark.parametrize("typed", ["H15 50", "H15-50", "Đ15.1", "H15..50", ".H15", "A" * 21])
def test_agency_code_format(client_a, typed):
    response = client_a.post(URL, {**TYPED, "agency_code": typed})
    assert response.status_code == 400
    assert "chữ cái không dấu, chữ số và dấu chấm" in response.content.decode()


def test_a_race_on_the_same_code_is_answered_like_a_duplicate(
    unit_a, unit_b, officer_a, monkeypatch
):
    # The check passed in both transactions; the unique constraint stops the second one.
    UnitOneStopSettings.objects.create(unit=unit_b, agency_code="H15.50.05.13")
    monkeypatch.setattr("danvan.dossiers.services.desk.agency_code_taken", lambda *a: False)
    with pytest.raises(DossierError) as err:
        unit_settings_update(
            actor=officer_a, unit=unit_a, agency_code="H15.50.05.13", place_name="", signer_name=""
        )
    assert err.value.code == "agency_code_taken"


def test_english(client_a, unit_b):
    UnitOneStopSettings.objects.create(unit=unit_b, agency_code="H15.50.05.13")
    client_a.cookies["django_language"] = "en"
    page = client_a.get(URL).content.decode()
    assert "Commune one-stop settings" in page and "only to dossiers received from now on" in page
    body = client_a.post(URL, TYPED).content.decode()
    assert "already used by another unit" in body and "đã được đơn vị khác" not in body
    assert "Procedures handled by the commune" in client_a.get(PROCEDURES_URL).content.decode()


def test_new_code_on_the_next_dossier_and_new_signatory_on_the_next_slip(
    client_a, receive, officer_a, unit_a
):
    before = receive()
    assert before.case.code == "99001-261005-0001"
    client_a.post(URL, {**TYPED, "signer_name": "Người Ký Cũ"})
    apologised = dossier_apologise(
        dossier=before,
        actor=officer_a,
        new_date=date(2026, 10, 13),
        reason="Chờ xác minh",
        at=vn(2026, 10, 6, 9, 0),
    )
    unit_a.refresh_from_db()  # the fixture's unit object, as a new request would load it
    after = receive()
    # The number is the commune's count of the day, whatever the prefix.
    assert after.case.code == "H15.50.05.13-261005-0002"
    before.case.refresh_from_db()
    assert before.case.code == "99001-261005-0001"  # issued codes never change
    assert client_a.post(URL, TYPED).status_code == 302
    after = dossier_apologise(
        dossier=after,
        actor=officer_a,
        new_date=date(2026, 10, 13),
        reason="Chờ xác minh",
        at=vn(2026, 10, 6, 9, 0),
    )
    assert papers.build(after, "04").signer_name == "Hoàng Văn Chủ"
    assert papers.build(after, "01").place == "Thử A"
    # A reprint of the earlier apology keeps the chairman who signed it.
    assert papers.build(apologised, "04").signer_name == "Người Ký Cũ"


def test_leader_switches_procedures(client_a, unit_a, procedure, province_procedure, receive):
    page = client_a.get(PROCEDURES_URL).content.decode()
    assert "1.001193" in page and "2.000001" in page
    # Off: the commune-level procedure; on: the delegated province-level one.
    response = client_a.post(PROCEDURES_URL, {"enabled": ["2.000001"]})
    assert response.status_code == 302
    assert list(procedures_for_unit(unit_a)) == [province_procedure]
    rows = {(r.procedure.code, r.enabled) for r in UnitProcedure.objects.all()}
    assert rows == {("1.001193", False), ("2.000001", True)}
    with pytest.raises(DossierError):
        receive()
    entry = AuditEntry.objects.get(action="dossiers.desk.procedures")
    assert entry.detail == {"on": ["2.000001"], "off": ["1.001193"]}
    # Back to the default: the exception rows go away.
    client_a.post(PROCEDURES_URL, {"enabled": ["1.001193"]})
    assert not UnitProcedure.objects.exists()
    assert receive().case.code.endswith("-0001")


def test_unknown_procedure_keeps_the_ticks(client_a, procedure, province_procedure):
    response = client_a.post(PROCEDURES_URL, {"enabled": ["2.000001", "9.999"]})
    body = response.content.decode()
    assert response.status_code == 400 and "9.999" in body
    assert 'value="2.000001"' in body and 'value="1.001193" id="p-1" aria-label' in body
    assert not UnitProcedure.objects.exists()


def test_procedures_page_queries_do_not_grow(client_a, django_assert_max_num_queries):
    for i in range(30):
        Procedure.objects.create(
            code=f"9.{i:03d}", name=f"Thủ tục {i}", field="X", processing_days=1
        )
    with django_assert_max_num_queries(12):
        assert client_a.get(PROCEDURES_URL).status_code == 200


def test_links_for_leaders_and_one_stop_officers(client_a, one_stop_a, unit_a):
    assert 'data-testid="desk-link"' in client_a.get("/mot-cua/").content.decode()
    assert 'data-testid="desk-link"' in one_stop_a.get("/mot-cua/").content.decode()
    specialist = login(make_officer("sam", unit=unit_a, roles=[Role.SPECIALIST]))
    assert 'data-testid="desk-link"' not in specialist.get("/mot-cua/").content.decode()
    assert 'href="/mot-cua/thiet-lap/"' in client_a.get("/mot-cua/").content.decode()


def test_superuser_finds_and_edits_any_commune(unit_a):
    admin = login(UserFactory(username="root", is_superuser=True, is_staff=True))
    found = admin.get("/mot-cua/thiet-lap/", {"q": "Thử A"}).content.decode()
    assert URL in found
    assert admin.post(URL, TYPED).status_code == 302
    assert UnitOneStopSettings.objects.get(unit=unit_a).signer_name == "Hoàng Văn Chủ"


def test_the_provincial_series_cannot_be_taken_for_the_desk(client_a, unit_a, procedure):
    from danvan.dossiers.services import provincial_import

    export = (
        "MaHoSo,MaTTHC,NgayTiepNhan,NgayHenTra,TrangThaiHoSo\n"
        "H56.1-261005-0001,1.001193,20261005090000,20261008170000,4\n"
    )
    assert provincial_import(unit=unit_a, file=export.encode(), filename="t.csv").created == 1
    response = client_a.post(URL, {**TYPED, "agency_code": "h56.1"})
    assert response.status_code == 400 and "sẽ trùng số" in response.content.decode()
    assert client_a.post(URL, {**TYPED, "agency_code": "H56.2"}).status_code == 302


def test_the_agency_code_check_reads_no_case(unit_a, unit_b, officer_a, procedure, receive):
    # The cases table is the biggest of the product: a leader's save must not scan it.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    receive()
    with CaptureQueriesContext(connection) as ctx:
        unit_settings_update(
            actor=officer_a, unit=unit_a, agency_code="H15.9", place_name="", signer_name=""
        )
    tables = " ".join(q["sql"] for q in ctx.captured_queries)
    assert "cases_case" not in tables and "dossiers_dossier" not in tables


@pytest.mark.parametrize("source", ["desk", "provincial"])
def test_a_prefix_another_commune_used_stays_taken(client_a, unit_b, officer_b, procedure, source):
    from danvan.dossiers.services import dossier_receive, provincial_import

    if source == "desk":
        UnitOneStopSettings.objects.create(unit=unit_b, agency_code="CU.01")
        dossier_receive(
            unit=unit_b,
            procedure=procedure,
            actor=officer_b,
            applicant_name="Lê Văn C",
            received_at=vn(2026, 10, 5, 9, 0),
        )
        UnitOneStopSettings.objects.filter(unit=unit_b).update(agency_code="")
    else:
        export = (
            "MaHoSo,MaTTHC,NgayTiepNhan,NgayHenTra,TrangThaiHoSo\n"
            "cu.01-261005-0001,1.001193,20261005090000,20261008170000,4\n"
        )
        assert provincial_import(unit=unit_b, file=export.encode(), filename="t.csv").ok
    response = client_a.post(URL, {**TYPED, "agency_code": "CU.01"})
    assert response.status_code == 400
    assert "đã được đơn vị khác sử dụng" in response.content.decode()
    if source == "desk":  # B itself may take it back
        unit_settings_update(
            actor=officer_b, unit=unit_b, agency_code="CU.01", place_name="", signer_name=""
        )
    else:  # the provincial series, though, is never the desk's (see below)
        with pytest.raises(DossierError) as err:
            unit_settings_update(
                actor=officer_b, unit=unit_b, agency_code="CU.01", place_name="", signer_name=""
            )
        assert err.value.code == "agency_code_provincial"


def test_prefixes_already_issued_are_recorded_by_the_migration(unit_a, unit_b, receive, officer_b):
    from importlib import import_module

    from django.apps import apps

    from danvan.dossiers.models import CodePrefix
    from danvan.dossiers.services import provincial_import

    receive()
    export = (
        "MaHoSo,MaTTHC,NgayTiepNhan,NgayHenTra,TrangThaiHoSo\n"
        "h56.1-261005-0001,1.001193,20261005090000,20261008170000,4\n"
        "NODASH,1.001193,20261005090000,20261008170000,4\n"
    )
    assert provincial_import(unit=unit_b, file=export.encode(), filename="t.csv").ok
    CodePrefix.objects.all().delete()
    migration = import_module("danvan.dossiers.migrations.0005_code_prefix")
    migration.record_issued_prefixes(apps, None)
    migration.record_issued_prefixes(apps, None)  # re-runnable
    rows = set(CodePrefix.objects.values_list("unit__code", "prefix", "source"))
    assert rows == {("99001", "99001", "danvan"), ("99002", "H56.1", "provincial")}
