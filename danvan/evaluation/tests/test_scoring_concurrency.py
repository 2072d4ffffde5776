"""Two leaders submitting the same self-assessment at once, and two appraisers completing
the same appraisal at once: one wins, the other is told, one appraisal case (PostgreSQL:
real concurrent transactions; SQLite serialises writers)."""

from __future__ import annotations

import threading
from datetime import date

from django.db import close_old_connections, connection

from danvan.accounts.roles import Role
from danvan.cases.models import Case
from danvan.evaluation.yearly.kinds import APPRAISAL_KIND
from danvan.evaluation.yearly.models import Assessment
from danvan.evaluation.yearly.services import (
    ScoringError,
    appraisal_save,
    cycle_open,
    framework_from_template,
    self_assessment_save,
)
from danvan.testing.concurrency import POSTGRES_CONCURRENCY
from danvan.testing.factories import make_officer

from .conftest import open_case

pytestmark = POSTGRES_CONCURRENCY


def _race(fns):  # type: ignore[no-untyped-def]
    barrier = threading.Barrier(len(fns))
    out: list[object] = [None] * len(fns)

    def run(i: int) -> None:
        try:
            barrier.wait()
            out[i] = fns[i]()
        except Exception as exc:  # noqa: BLE001 - the outcome is what the test checks
            out[i] = exc
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(fns))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return out


def test_double_submit_and_double_appraisal(province, unit_a):
    open_case(unit_a)
    appraisers = [
        make_officer(f"td{i}", roles=[Role.APPRAISER], province=province) for i in range(2)
    ]
    leaders = [make_officer(f"ld{i}", unit=unit_a, roles=[Role.LEADER]) for i in range(2)]
    fw = framework_from_template(province=province, year=2025, actor=appraisers[0])
    fw.self_due, fw.appraisal_due = date(2025, 12, 15), date(2026, 1, 15)
    fw.save()
    cycle_open(framework=fw, actor=appraisers[0])
    pk = Assessment.objects.get(framework=fw, unit=unit_a).pk
    entries = {i.code: (str(i.max_points), "") for i in fw.items.filter(awarded_above=False)}

    def submit(user):  # type: ignore[no-untyped-def]
        return lambda: self_assessment_save(
            assessment=Assessment.objects.get(pk=pk), actor=user, entries=entries, submit=True
        )

    out = _race([submit(u) for u in leaders])
    assert sum(isinstance(o, Assessment) for o in out) == 1
    assert [o.code for o in out if isinstance(o, ScoringError)] == ["not_open"]
    assert Case.objects.filter(unit=unit_a, kind=APPRAISAL_KIND).count() == 1

    def appraise(user, points):  # type: ignore[no-untyped-def]
        return lambda: appraisal_save(
            assessment=Assessment.objects.get(pk=pk), actor=user,
            entries={"9.1": (points, ""), "3.1": ("2", "Số liệu một cửa thấp")},
        )  # fmt: skip

    out = _race([appraise(appraisers[0], "8"), appraise(appraisers[1], "6")])
    assert all(isinstance(o, Assessment) for o in out), out  # both complete; last one stands
    a = Assessment.objects.get(pk=pk)
    line = a.lines.get(item__code="9.1")
    assert a.appraised_total == 90 - 6 + 2 + line.appraised_points
    assert Case.objects.get(pk=a.appraisal_case_id).closed_at is not None
