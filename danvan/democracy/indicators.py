"""Indicators of area 2 (grassroots democracy), per commune and month.

``compute(unit_ids, month_start, month_end) -> {unit_id: (numerator, denominator)}``; targets
on a 0–100 scale. Disclosures and consultations are few per commune (tens a year), so their
rules are checked row by row after one prefetching query; votes and cases are aggregated in
the database.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.db.models import Prefetch
from django.utils import timezone

from danvan.cases.models import Case
from danvan.cases.selectors import on_time_by_unit
from danvan.core.localtime import local_date
from danvan.core.periods import period, period_bounds
from danvan.core.registry import Indicator
from danvan.democracy.models import Consultation, Decision, Disclosure, Posting
from danvan.democracy.services.consultations import earliest_close
from danvan.democracy.services.decisions import decision_result
from danvan.democracy.services.disclosures import compliance_of
from danvan.territory.models import Village

Result = dict[int, tuple[float, float]]
SOURCE = "Luật Thực hiện dân chủ ở cơ sở 2022 (Luật 10/2022/QH15)"


def _tally(rows: Iterable[tuple[int, bool]]) -> Result:
    """``{unit_id: (passed, all)}`` of ``(unit_id, passed)`` pairs checked row by row."""
    out: dict[int, list[int]] = {}
    for unit_id, passed in rows:
        num_den = out.setdefault(unit_id, [0, 0])
        num_den[1] += 1
        num_den[0] += bool(passed)
    return {uid: (float(n), float(dd)) for uid, (n, dd) in out.items()}


def disclosures_on_time(unit_ids: list[int], month_start: date, month_end: date) -> Result:
    """Disclosures due in the month that were posted by their due date, at every required
    place (commune office, every village house, loudspeakers where required), long enough."""
    first, last = period(month_start, month_end)
    villages: dict[int, set[int]] = defaultdict(set)
    for vid, uid in Village.objects.filter(unit_id__in=unit_ids).values_list("pk", "unit_id"):
        villages[uid].add(vid)
    today = timezone.localdate()
    rows = Disclosure.objects.filter(
        unit_id__in=unit_ids, due_on__gte=first, due_on__lte=last
    ).prefetch_related(Prefetch("postings", queryset=Posting.objects.all()))
    return _tally(
        (d.unit_id, compliance_of(d, villages[d.unit_id], today).on_time_and_complete) for d in rows
    )


def consultations_complete(unit_ids: list[int], month_start: date, month_end: date) -> Result:
    """Consultations that closed in the month, ran at least the minimum of the rule
    ``democracy.consultation.min`` in force and whose synthesis is published."""
    start, end = period_bounds(month_start, month_end)
    rows = Consultation.objects.filter(
        unit_id__in=unit_ids, closes__gte=start, closes__lt=end
    ).only("unit_id", "opens", "closes", "synthesis_published_at")
    return _tally(
        (
            c.unit_id,
            local_date(c.closes) >= earliest_close(c.opens)
            and c.synthesis_published_at is not None,
        )
        for c in rows
    )


def decisions_passed(unit_ids: list[int], month_start: date, month_end: date) -> Result:
    """Residents' decisions closed in the month that reached their threshold over all the
    households of the village (the participation the law asks for)."""
    start, end = period_bounds(month_start, month_end)
    rows = Decision.objects.filter(unit_id__in=unit_ids, closes__gte=start, closes__lt=end)
    return _tally((d.unit_id, bool(decision_result(d)["passed"])) for d in rows)


def recommendations_answered(unit_ids: list[int], month_start: date, month_end: date) -> Result:
    """Inspection Board recommendations answered within 15 days: answered in the month on
    time, over those answered in the month plus those still open whose due date in the month
    has passed."""
    cases = Case.objects.filter(unit_id__in=unit_ids, kind="inspection_recommendation")
    return on_time_by_unit(cases, month_start, month_end)


INDICATORS = [
    Indicator(
        key="democracy.disclosures_on_time",
        area=2,
        name_vi="Thông tin công khai đúng hạn, đủ nơi, đủ thời gian",
        name_en="Disclosures posted on time, at every place, long enough",
        direction="higher",
        target=100.0,
        source=f"{SOURCE}, Điều 11",
        compute=disclosures_on_time,
    ),
    Indicator(
        key="democracy.consultations_complete",
        area=2,
        # The figure is the rule's (democracy.consultation.min), which an administrator
        # may correct: the name does not repeat it.
        name_vi="Lấy ý kiến đủ thời gian luật định và công bố báo cáo tổng hợp",
        name_en="Consultations of the legal length with a published synthesis",
        direction="higher",
        target=100.0,
        source=f"{SOURCE}, Điều 25, 28 (democracy.consultation.min)",
        compute=consultations_complete,
    ),
    Indicator(
        key="democracy.decisions_passed",
        area=2,
        name_vi="Nội dung Nhân dân quyết định đạt tỷ lệ hộ đồng ý",
        name_en="Residents' decisions reaching their threshold of households",
        direction="higher",
        target=80.0,
        source=f"{SOURCE}, Điều 15",
        compute=decisions_passed,
    ),
    Indicator(
        key="democracy.recommendations_answered",
        area=2,
        name_vi="Kiến nghị của Ban Thanh tra nhân dân được trả lời đúng hạn",
        name_en="Inspection Board recommendations answered on time",
        direction="higher",
        target=100.0,
        source=f"{SOURCE}, Điều 40 (inspection.answer)",
        compute=recommendations_answered,
    ),
]
