"""The demo seeder writes what the services would: replayable clocks, gap-free codes."""

from __future__ import annotations

from danvan.cases.clockstate import replay
from danvan.cases.models import CaseStatus
from danvan.dossiers import demo
from danvan.dossiers.catalogue_data import PROCEDURES
from danvan.dossiers.models import DailySequence, Dossier, Procedure, Rating
from danvan.dossiers.services import dossier_receive


def test_demo_is_consistent_and_idempotent(unit_a, officer_a):
    assert demo.seed_catalogue() == len(PROCEDURES)
    assert demo.seed_catalogue() == 0
    assert Procedure.objects.filter(demo=True).count() == len(PROCEDURES)
    created = demo.seed_dossiers(units=[unit_a], days=120, per_commune=(120, 120))
    assert created == 120
    assert demo.seed_dossiers(units=[unit_a]) == 0  # idempotent
    dossiers = list(Dossier.objects.select_related("case", "case__unit"))
    codes = [d.case.code for d in dossiers]
    assert len(set(codes)) == 120
    assert Rating.objects.exists()
    for d in dossiers:
        case = d.case
        assert case.code.startswith(f"99001-{d.received_on:%y%m%d}-")
        if case.status == CaseStatus.RESOLVED and not d.apology_used:
            # The clock replayed from the timeline gives the stored due date.
            assert replay(case).compute().due == case.due_date, case.code
    # The daily sequences continue where the demo stopped: the next code has no gap.
    seq = DailySequence.objects.order_by("-day").first()
    from datetime import datetime, time

    from django.utils import timezone

    at = timezone.make_aware(datetime.combine(seq.day, time(10, 0)))
    nxt = dossier_receive(
        unit=unit_a,
        procedure=Procedure.objects.get(code="1.001193"),
        actor=officer_a,
        applicant_name="A",
        received_at=at,
    )
    assert nxt.case.code.endswith(f"-{seq.last + 1:04d}")
