"""Yearly scoring and review reports: opening a cycle (pre-filling every item from a year of
indicator values), the results page's queries and time, building a province report.

Run: .venv/bin/python bench/evaluation_scoring.py [communes]  (uses a throw-away SQLite database unless
DATABASE_URL is set; then it uses that database's test copy via Django's test runner setup).
"""

from __future__ import annotations

import sys
import time

from _common import run, test_database

old_name = test_database()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def main() -> None:
    from datetime import date

    from django.test import Client
    from django.utils import timezone

    from danvan.accounts.roles import Role
    from danvan.accounts.services import membership_add, officer_create
    from danvan.cases.services import case_open
    from danvan.core.registry import registries
    from danvan.evaluation.models import Era, IndicatorValue, Origin
    from danvan.evaluation.reports.services import report_build, report_request
    from danvan.evaluation.yearly.services import cycle_open, framework_from_template
    from danvan.territory.models import Province, Unit

    communes = int(sys.argv[1]) if len(sys.argv) > 1 else 92
    province = Province.objects.create(
        code="19", name="Tỉnh Thái Nguyên", division_type="tỉnh", codename="tn"
    )
    units = Unit.objects.bulk_create(
        Unit(code=f"9{i:04d}", name=f"Xã {i}", kind="xa", codename=f"xa_{i}", province=province)
        for i in range(communes)
    )
    appraiser, _, _ = officer_create(username="thamdinh", password="x", must_change_password=False)
    membership_add(user=appraiser, role=Role.APPRAISER, province=province)
    now = timezone.now()
    keys = registries.indicators.keys()[:20]
    rows = []
    for u in units:
        case_open(
            unit=u,
            kind="reflection",
            code=f"B-{u.code}",
            title="Đèn đường hỏng",
            rule_id="letter.process",
            received_at=now,
            actor=None,
        )
        for m in range(1, 13):
            for n, key in enumerate(keys):
                ind = registries.indicators.get(key)
                den = 10 + (n + m) % 7
                num = den * ((n * 7 + m * 3 + int(u.code)) % 10) / 10
                rows.append(
                    IndicatorValue(
                        era=Era.CURRENT,
                        unit=u,
                        province_code="19",
                        period=date(2025, m, 1),
                        key=key,
                        area=ind.area,
                        numerator=num,
                        denominator=den,
                        value=ind.value_of(num, den),
                        origin=Origin.COMPUTED,
                        computed_at=now,
                        data_version="b",
                    )
                )
    IndicatorValue.objects.bulk_create(rows, batch_size=5000)
    print(f"{communes} communes, {len(rows)} indicator values for 2025 ({len(keys)} indicators)")
    fw = framework_from_template(province=province, year=2025, actor=appraiser)
    fw.self_due, fw.appraisal_due = date(2025, 12, 15), date(2026, 1, 15)
    fw.save()
    start = time.perf_counter()
    cycle_open(framework=fw, actor=appraiser)
    took = time.perf_counter() - start
    print(
        f"open the cycle (pre-fill {fw.items.count()} items per commune)"
        f"{'':<8} {took:8.2f} s  ({took / communes * 1000:.1f} ms per commune)"
    )
    client = Client()
    client.force_login(appraiser)
    client.get("/danh-gia/cham-diem/2025/ket-qua/")
    with CaptureQueriesContext(connection) as ctx:
        start = time.perf_counter()
        page = client.get("/danh-gia/cham-diem/2025/ket-qua/")
        took = time.perf_counter() - start
    assert page.status_code == 200 and page.content.count(b"<tr>") > communes, page.status_code
    print(f"results page (chart cached)  {len(ctx):>4} queries  {took * 1000:8.1f} ms")
    for fmt in ("xlsx", "docx", "pdf"):
        # Queued for the worker (the database backend); built here to time it alone.
        report, _c = report_request(
            actor=appraiser,
            province=province,
            first=date(2025, 1, 1),
            last=date(2025, 12, 1),
            fmt=fmt,
        )
        start = time.perf_counter()
        done = report_build(report.pk)
        took = time.perf_counter() - start
        print(
            f"province report {fmt:<5} 12 months  {took:8.2f} s  {done.file.size / 1024:8.0f} KB"
            f"  ({done.status})"
        )


if __name__ == "__main__":
    run(main, old_name)
