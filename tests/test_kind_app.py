"""The proof of the kind manifest: ``tests.kindapp`` adds a kind of case (a broken street
light) with its own rule, panel, tracking link, timeline step and indicator, and not one file
under ``danvan/`` names it. Installed by ``tests/settings.py`` only."""

from __future__ import annotations

import subprocess
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from danvan.cases import services
from danvan.cases.kinds import kind_manifest
from danvan.cases.models import CaseEventKind
from danvan.core.models import Notification
from danvan.core.registry import registries
from danvan.deadlines.models import DeadlineRule
from tests.kindapp.kind import KIND, LAMP_REPLACED
from tests.kindapp.rule_data import RULE_ID
from tests.kindapp.services import street_light_report

VN = ZoneInfo("Asia/Ho_Chi_Minh")
ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.django_db


@pytest.fixture
def report(unit_a, officer_a):  # type: ignore[no-untyped-def]
    # Monday 2/3/2026 09:00: five working days → Monday 9/3/2026.
    return street_light_report(
        unit=unit_a,
        actor=officer_a,
        place="Cột số 12, đường trục thôn Nà Pán",
        name="Hoàng Văn Đèn",
        phone="0977000999",
        received_at=datetime(2026, 3, 2, 9, 0, tzinfo=VN),
    )


def test_no_file_under_danvan_names_the_test_kind():
    found = subprocess.run(
        ["grep", "-rIl", "-e", "kindapp", "-e", KIND, str(ROOT / "danvan")],
        capture_output=True,
        text=True,
    )
    assert found.stdout == "" and found.returncode == 1


def test_its_rule_reaches_the_table_and_the_public_rules_page(client):
    rule = DeadlineRule.objects.get(key=RULE_ID)
    assert (rule.version, rule.amount, rule.unit) == (1, 5, "working")
    body = client.get(reverse("deadlines:rules")).content.decode()
    assert f'id="{RULE_ID}"' in body and "Chiếu sáng công cộng" in body


def test_it_opens_on_its_rule_and_unknown_kinds_are_refused(report, unit_a, officer_a):
    assert report.kind == KIND and report.rule_id == RULE_ID
    assert report.due_date == date(2026, 3, 9)
    assert report.get_kind_display() == "Báo hỏng đèn đường"
    with pytest.raises(services.CaseError) as refused:
        services.case_open(
            unit=unit_a,
            kind="street_lamp",  # a typo: nobody registered it
            code="X-1",
            title="x",
            rule_id=RULE_ID,
            received_at=timezone.now(),
            actor=officer_a,
        )
    assert refused.value.code == "bad_kind"


def test_its_own_timeline_step_is_accepted_and_labelled(report, officer_a, client_a):
    services.case_record_event(case=report, kind=LAMP_REPLACED, actor=officer_a, note="Bóng LED")
    with pytest.raises(services.CaseError):
        services.case_record_event(case=report, kind="lamp_stolen", actor=officer_a)
    html = client_a.get(reverse("cases:detail", args=[report.code])).content.decode()
    assert "Đã thay bóng đèn" in html


def test_it_runs_on_the_clock(report, officer_a, django_capture_on_commit_callbacks):
    officer_a.email = "alice@xa-a.gov.vn"
    officer_a.save(update_fields=["email"])
    services.case_assign(case=report, actor=officer_a, assignee=officer_a)
    with django_capture_on_commit_callbacks(execute=False):
        call_command("run_clock", "--once", stdout=open("/dev/null", "w"))  # noqa: SIM115
    # received in March 2026, due 9/3/2026: overdue today, one reminder to the assignee.
    sent = Notification.objects.get(recipient="alice@xa-a.gov.vn")
    assert report.code in sent.body and "Báo hỏng đèn đường" in sent.body
    assert "09/03/2026" in sent.body
    assert report.events.filter(kind=CaseEventKind.NOTIFIED).exists()


def test_it_shows_on_the_queue_with_its_panel_and_hidden_action(report, client_a, client_b):
    queue = client_a.get(reverse("cases:queue"), {"kind": KIND, "tab": "all"})
    html = queue.content.decode()
    assert report.code in html and "Báo hỏng đèn đường" in html
    assert f'<option value="{KIND}" selected' in html
    page = client_a.get(reverse("cases:detail", args=[report.code])).content.decode()
    assert 'data-testid="street-light-panel"' in page and "Cột số 12" in page
    assert reverse("cases:act", args=[report.code, "extend"]) not in page
    assert reverse("cases:act", args=[report.code, "pause"]) in page
    refused = client_a.post(reverse("cases:act", args=[report.code, "extend"]), {})
    assert refused.status_code in (302, 403, 404)
    report.refresh_from_db()
    assert report.extensions == 0
    # another commune's officer sees neither the case nor its row
    assert client_b.get(reverse("cases:detail", args=[report.code])).status_code in (403, 404)
    assert report.code not in client_b.get(reverse("cases:queue"), {"kind": KIND}).content.decode()


def test_the_tracking_page_shows_its_label_and_link(report, client):
    tracked = client.get(reverse("cases:track", args=[report.code]), {"secret": report.secret})
    html = tracked.content.decode()
    link = reverse("kindapp:status", args=[report.code])
    assert tracked.status_code == 200 and "Báo hỏng đèn đường" in html and link in html
    assert "Hoàng Văn Đèn" not in html and "0977000999" not in html
    status = client.get(link, {"secret": report.secret})
    assert status.status_code == 200 and "09/03/2026" in status.content.decode()
    assert client.get(link, {"secret": "WRONG123"}).status_code == 404


def test_its_indicator_is_registered_and_computes(report, officer_a, unit_a, client):
    indicator = registries.indicators.get("kindapp.street_lights_on_time")
    closed_at = datetime(2026, 3, 6, 15, 0, tzinfo=VN)
    services.case_close(case=report, actor=officer_a, status="resolved", at=closed_at)
    assert indicator.compute([unit_a.pk], date(2026, 3, 1), date(2026, 3, 31)) == {
        unit_a.pk: (1.0, 1.0)
    }
    assert "Tỷ lệ đèn đường được sửa đúng hạn" in client.get("/danh-gia/chi-so/").content.decode()


def test_the_privacy_crawl_and_the_robustness_walk_discover_it(unit_a):
    from tests.privacy.discovery import kinds_to_crawl, mounted_get_routes
    from tests.robustness.urlwalk import all_routes

    assert KIND in [m.key for m in kinds_to_crawl()]
    assert "den-duong/{code}/" in [r.template for r in mounted_get_routes()]
    assert "den-duong/{code}/" in [r.template for r in all_routes()]
    assert kind_manifest(KIND).app == "kindapp"


def test_a_late_repair_is_late(report, officer_a):
    late = report.received_at + timedelta(days=30)
    closed = services.case_close(case=report, actor=officer_a, status="resolved", at=late)
    assert closed.on_time is False
