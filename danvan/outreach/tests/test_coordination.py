"""Coordination: yearly joint programmes, tasks as cases on the clock (due = the agreed
deadline, on time or late), quarterly review meetings, each organisation sees its own."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from danvan.accounts.roles import Role
from danvan.cases.models import Case
from danvan.core.localtime import LOCAL_TZ as VN
from danvan.outreach.models import JointTask, ReviewMeeting
from danvan.outreach.services import (
    OutreachError,
    joint_task_add,
    joint_task_done,
    programme_create,
    review_record,
)
from danvan.testing.factories import make_officer

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


@pytest.fixture
def women(unit_a):
    return make_officer("phunu", unit=unit_a, roles=[Role.FRONT], organisation="women")


@pytest.fixture
def farmers(unit_a):
    return make_officer("nongdan", unit=unit_a, roles=[Role.FRONT], organisation="farmers")


@pytest.fixture
def programme(unit_a, officer_a):
    return programme_create(
        unit=unit_a,
        year=timezone.localdate().year,
        organisation="women",
        title="Chương trình phối hợp với Hội Phụ nữ",
        signed_on=date(timezone.localdate().year, 1, 10),
        actor=officer_a,
    )


def test_task_is_a_case_due_on_the_agreed_deadline(programme, officer_a, women):
    deadline = timezone.localdate() + timedelta(days=20)
    task = joint_task_add(
        programme=programme,
        title="Vận động hội viên hiến đất",
        owner="Hội Phụ nữ",
        deadline=deadline,
        actor=officer_a,
    )
    case = Case.objects.get(pk=task.case_id)
    assert case.kind == "joint_task"
    assert case.due_date == deadline
    assert case.rule_id == "outreach.joint_task"
    joint_task_done(task=task, actor=women)
    case.refresh_from_db()
    assert case.closed_at is not None and case.on_time is True


def test_task_done_late_is_late(programme, officer_a, women, monkeypatch):
    deadline = timezone.localdate() + timedelta(days=1)
    task = joint_task_add(
        programme=programme,
        title="Tổ chức hội nghị đối thoại",
        owner="UBND xã",
        deadline=deadline,
        actor=officer_a,
    )
    later = datetime.combine(deadline + timedelta(days=3), datetime.min.time(), tzinfo=VN).replace(
        hour=10
    )
    monkeypatch.setattr(timezone, "now", lambda: later)
    joint_task_done(task=task, actor=officer_a)
    assert Case.objects.get(pk=task.case_id).on_time is False


def test_bad_task_input(programme, officer_a, farmers):
    with pytest.raises(OutreachError) as err:
        joint_task_add(
            programme=programme,
            title="Việc cũ",
            owner="A B",
            deadline=date(2020, 1, 1),
            actor=officer_a,
        )
    assert err.value.code == "deadline"
    with pytest.raises(OutreachError) as err:
        joint_task_add(
            programme=programme,
            title="Việc của hội khác",
            owner="Hội",
            deadline=timezone.localdate(),
            actor=farmers,
        )
    assert err.value.code == "forbidden"
    assert not JointTask.objects.exists() and not Case.objects.exists()


def test_review_meetings(programme, women):
    year = programme.year
    review_record(
        programme=programme,
        quarter=1,
        held_on=date(year, 3, 28),
        minutes="Đánh giá kết quả quý I, thống nhất nhiệm vụ quý II.",
        actor=women,
    )
    with pytest.raises(OutreachError) as err:
        review_record(
            programme=programme,
            quarter=1,
            held_on=date(year, 3, 29),
            minutes="Họp lần hai trong cùng một quý.",
            actor=women,
        )
    assert err.value.code == "quarter"
    with pytest.raises(OutreachError) as err:
        review_record(
            programme=programme,
            quarter=2,
            held_on=date(year, 9, 1),
            minutes="Ngày không thuộc quý hai của năm.",
            actor=women,
        )
    assert err.value.code == "held_on"
    assert ReviewMeeting.objects.count() == 1


def test_each_organisation_sees_its_own(unit_a, programme, women, farmers):
    url = reverse("outreach:programme", args=[programme.pk])
    assert _client(women).get(url).status_code == 200
    assert _client(farmers).get(url).status_code == 404
    listed = _client(farmers).get(reverse("outreach:programmes", args=[unit_a.code]))
    assert programme.title not in listed.content.decode()
    # A member of the Front cannot create programmes (the People's Committee signs them).
    assert (
        _client(women)
        .post(reverse("outreach:programmes", args=[unit_a.code]), {"title": "x"})
        .status_code
        == 403
    )


def test_pages_and_bad_input(client_a, unit_a, programme):
    url = reverse("outreach:programmes", args=[unit_a.code])
    bad = client_a.post(
        url,
        {
            "year": str(programme.year),
            "organisation": "women",
            "title": "Chương trình thứ hai",
            "signed_on": "01/02/2026",
        },
    )
    assert bad.status_code == 422 and 'value="Chương trình thứ hai"' in bad.content.decode()
    page = reverse("outreach:programme", args=[programme.pk])
    bad = client_a.post(
        page, {"t-title": "Nhiệm vụ không hạn", "t-owner": "UBND", "t-deadline": "hôm nay"}
    )
    assert bad.status_code == 422 and 'value="Nhiệm vụ không hạn"' in bad.content.decode()
    deadline = (timezone.localdate() + timedelta(days=5)).strftime("%d/%m/%Y")
    ok = client_a.post(
        page, {"t-title": "Nhiệm vụ có hạn", "t-owner": "UBND", "t-deadline": deadline}
    )
    assert ok.status_code == 302
    task = JointTask.objects.get()
    assert (
        client_a.post(reverse("outreach:task_done", args=[programme.pk, task.pk])).status_code
        == 302
    )
    assert Case.objects.get().closed_at is not None


def test_another_commune_refused(client_b, programme, officer_a):
    task = joint_task_add(
        programme=programme,
        title="Nhiệm vụ của xã A",
        owner="UBND",
        deadline=timezone.localdate(),
        actor=officer_a,
    )
    assert (
        client_b.get(reverse("outreach:programmes", args=[programme.unit.code])).status_code == 404
    )
    assert client_b.get(reverse("outreach:programme", args=[programme.pk])).status_code == 404
    assert (
        client_b.post(reverse("outreach:task_done", args=[programme.pk, task.pk])).status_code
        == 404
    )
    assert Case.objects.get().closed_at is None
