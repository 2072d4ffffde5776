"""The demo's yearly scoring in the demo province (Thái Nguyên, 19): last year's cycle
complete — self-assessed (rounded up, as communes do), appraised with some changes and their
reasons, decided — and this year's open for the communes to fill. Idempotent.

Also creates the demo appraiser ``thamdinh.thainguyen`` (password ``danvan-demo``, listed in
the README), flagged to change it at the first sign-in outside development like the other
demo accounts."""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from danvan.accounts.roles import Role
from danvan.evaluation.yearly.models import AssessmentStatus, Framework, FrameworkStatus
from danvan.evaluation.yearly.services import (
    appraisal_save,
    cycle_open,
    decision_publish,
    framework_from_template,
    self_assessment_save,
)
from danvan.territory.models import Province

VN = ZoneInfo("Asia/Ho_Chi_Minh")
PROVINCE = "19"
APPRAISER = ("thamdinh.thainguyen", "Phan Văn Đức")
DEMO_PASSWORD = "danvan-demo"  # noqa: S105 - documented demo password


def demo_appraiser(province: Province) -> Any:
    from danvan.accounts.services import membership_add, officer_create

    model = get_user_model()
    user = model.objects.filter(username=APPRAISER[0]).first()
    if user is None:
        user = officer_create(
            username=APPRAISER[0],
            full_name=APPRAISER[1],
            password=DEMO_PASSWORD,
            # On a training server (DEBUG off) a published password must not outlive the first
            # sign-in, as for the accounts app's demo accounts.
            must_change_password=not settings.DEBUG,
        )[0]
    membership_add(user=user, role=Role.APPRAISER, unit=None, province=province)
    return user


def _leader(unit: Any) -> Any:
    from danvan.accounts.models import Membership

    m = (
        Membership.objects.filter(unit=unit, role__in=(Role.LEADER, Role.PARTY_SECRETARY))
        .select_related("user")
        .order_by("role", "user__username")
        .first()
    )
    return m.user if m else None


def _vi(x: Any) -> str:
    return "—" if x is None else f"{x:.1f}".replace(".", ",")


def _at(y: int, m: int, d: int) -> datetime:
    return datetime(y, m, d, 9, tzinfo=VN)


def _rounded_up(line: Any) -> float:
    """What a commune types: the maximum where nothing is measured or the measurement is
    fair, at least 80 % of the maximum elsewhere (everyone scored ≥ 80 in Ngân Sơn, 2020)."""
    top = line.item.max_points
    if line.measured is None or line.measured >= 0.6 * top:
        return top
    return math.ceil(0.8 * top * 2) / 2


def _led_units(province: Province) -> list[Any]:
    """The demo communes with a leader to fill the self-assessment (other communes with
    demo cases have no demo accounts, so nobody could submit theirs)."""
    from danvan.accounts.models import Membership
    from danvan.territory.models import Unit

    ids = Membership.objects.filter(
        unit__province=province, role__in=(Role.LEADER, Role.PARTY_SECRETARY)
    ).values_list("unit_id", flat=True)
    return list(Unit.objects.filter(pk__in=ids).select_related("province").order_by("code"))


def complete_last_year(province: Province, year: int, appraiser: Any) -> Framework | None:
    framework = Framework.objects.filter(province=province, year=year).first()
    if framework is None:
        framework = framework_from_template(province=province, year=year, actor=appraiser)
    if framework.status == FrameworkStatus.DRAFT:
        framework.self_due, framework.appraisal_due = date(year, 12, 15), date(year + 1, 1, 15)
        framework.decision_due = date(year + 1, 1, 31)
        framework.save()
        units = _led_units(province)
        if not units:
            return framework
        cycle_open(framework=framework, actor=appraiser, units=units, at=_at(year, 11, 3))
    for n, a in enumerate(framework.assessments.select_related("unit").order_by("unit__code")):
        leader = _leader(a.unit)
        if a.status == AssessmentStatus.DRAFT and leader is not None:
            lines = a.lines.select_related("item").filter(item__awarded_above=False)
            entries = {ln.item.code: (str(_rounded_up(ln)), "") for ln in lines}
            a = self_assessment_save(
                assessment=a, actor=leader, entries=entries, submit=True, at=_at(year, 12, 8 + n)
            )
        if a.status == AssessmentStatus.SUBMITTED:
            changes: dict[str, tuple[str, str]] = {"9.1": (str(8 - n % 3), "")}
            for ln in a.lines.select_related("item").filter(flagged=True):
                changes[ln.item.code] = (
                    str(round(ln.measured + 0.2 * ln.item.max_points, 1)),
                    f"Số liệu đo được năm {year}: {_vi(ln.evidence.get('value'))} "
                    f"{ln.evidence.get('unit_label', '')} ({ln.evidence.get('name_vi', '')}); "
                    "xã chưa nộp minh chứng giải trình mức tự chấm.",
                )
            no_evidence = a.lines.filter(item__code="1.1").first()
            if no_evidence is not None and not a.files.exists():
                changes["1.1"] = (
                    str(max(0.0, (no_evidence.self_points or 0) - 1)),
                    "Kế hoạch năm ban hành muộn (tháng 3), chưa phân công cụ thể.",
                )
            appraisal_save(
                assessment=a, actor=appraiser, entries=changes, at=_at(year + 1, 1, 8 + n)
            )
    if framework.status == FrameworkStatus.OPEN and framework.assessments.exists():
        decision_publish(
            framework=framework,
            actor=appraiser,
            number="25/QĐ-UBND",
            decided_on=date(year + 1, 1, 25),
        )
    return framework


def open_this_year(province: Province, year: int, appraiser: Any) -> Framework:
    framework = Framework.objects.filter(province=province, year=year).first()
    if framework is None:
        framework = framework_from_template(province=province, year=year, actor=appraiser)
    if framework.status == FrameworkStatus.DRAFT:
        framework.self_due, framework.appraisal_due = date(year, 12, 20), date(year + 1, 1, 15)
        framework.decision_due = date(year + 1, 1, 31)
        framework.save()
        units = _led_units(province)
        if units:
            cycle_open(framework=framework, actor=appraiser, units=units)
    return framework


@transaction.atomic
def seed(stdout: Any = None) -> None:
    province = Province.objects.filter(code=PROVINCE).first()
    if province is None:
        return
    appraiser = demo_appraiser(province)
    year = timezone.localdate().year
    last = complete_last_year(province, year - 1, appraiser)
    this = open_this_year(province, year, appraiser)
    if stdout is not None:
        stdout.write(
            f"  chấm điểm dân vận chính quyền: năm {year - 1} "
            f"{last.assessments.count() if last else 0} xã đã có quyết định, năm {year} "
            f"{this.assessments.count()} xã đang tự đánh giá; "
            f"tài khoản thẩm định {APPRAISER[0]} / {DEMO_PASSWORD}\n"
        )
