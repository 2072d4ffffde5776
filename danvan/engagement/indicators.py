"""Indicators of area 6 (coordination with the Fatherland Front: dialogues and voters'
petitions), per commune and month, each from one or two aggregate queries.

The period is ``month_start`` … ``month_end`` inclusive (or exclusive of a first-of-month
end, see ``danvan.core.periods``); days are local (Asia/Ho_Chi_Minh).
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from danvan.cases.models import Case, CaseStatus
from danvan.cases.selectors import on_time_by_unit
from danvan.core.periods import period, period_bounds
from danvan.core.registry import Indicator
from danvan.engagement.models import Dialogue, DialogueKind, DialogueStatus, VoterPetition

Result = dict[int, tuple[float, float]]
DC = "Luật Thực hiện dân chủ ở cơ sở 2022"


def dialogues_held(unit_ids: list[int], month_start: date, month_end: date) -> Result:
    """The yearly requirement (Art. 32): has the commune held its annual dialogue with the
    Front in the year up to the end of the period? 1 of 1 if so, 0 of 1 if not — every
    commune owes one, so every commune asked gets a value."""
    first, last = period(month_start, month_end)
    year_start = timezone.make_aware(datetime.combine(date(last.year, 1, 1), time.min))
    _start, end = period_bounds(first, last)
    held = set(
        Dialogue.objects.filter(
            unit_id__in=unit_ids,
            kind=DialogueKind.ANNUAL,
            status=DialogueStatus.HELD,
            held_at__gte=year_start,
            held_at__lt=end,
        ).values_list("unit_id", flat=True)
    )
    return {uid: (1.0 if uid in held else 0.0, 1.0) for uid in unit_ids}


def _on_time(kind: str, unit_ids: list[int], month_start: date, month_end: date) -> Result:
    """Closed on time / due: closed in the period, plus still open with a due date in the
    period that has passed (the dossiers' Decision 766 arithmetic, applied to this kind)."""
    cases = Case.objects.filter(unit_id__in=unit_ids, kind=kind)
    return on_time_by_unit(cases, month_start, month_end, closed_status=CaseStatus.RESOLVED)


def commitments_on_time(unit_ids: list[int], month_start: date, month_end: date) -> Result:
    return _on_time("commitment", unit_ids, month_start, month_end)


def petitions_on_time(unit_ids: list[int], month_start: date, month_end: date) -> Result:
    return _on_time("voter_petition", unit_ids, month_start, month_end)


def petitions_reraised(unit_ids: list[int], month_start: date, month_end: date) -> Result:
    """Petitions received in the period that were raised before / petitions received."""
    start, end = period_bounds(month_start, month_end)
    rows: Any = (
        VoterPetition.objects.filter(
            unit_id__in=unit_ids, case__received_at__gte=start, case__received_at__lt=end
        )
        .values("unit_id")
        .annotate(n=Count("id"), again=Count("id", filter=Q(previous__isnull=False)))
    )
    return {r["unit_id"]: (float(r["again"]), float(r["n"])) for r in rows if r["n"]}


INDICATORS = [
    Indicator(
        key="engagement.dialogues_held",
        area=6,
        name_vi="Tổ chức đối thoại định kỳ hằng năm với Nhân dân",
        name_en="Yearly dialogue with residents held",
        direction="higher",
        target=100.0,
        source=f"{DC}, Điều 32 (UBND xã phối hợp Mặt trận đối thoại ít nhất mỗi năm một lần)",
        compute=dialogues_held,
    ),
    Indicator(
        key="engagement.commitments_on_time",
        area=6,
        name_vi="Tỷ lệ cam kết tại đối thoại được thực hiện đúng hạn",
        name_en="Dialogue commitments carried out on time",
        direction="higher",
        target=90.0,
        source="Cam kết của lãnh đạo tại đối thoại (hạn là ngày đã cam kết)",
        compute=commitments_on_time,
    ),
    Indicator(
        key="engagement.petitions_on_time",
        area=6,
        name_vi="Tỷ lệ kiến nghị cử tri được trả lời đúng hạn",
        name_en="Voters' petitions answered on time",
        direction="higher",
        target=90.0,
        source="Quy định engagement.voter_petition.answer (đề xuất, chờ xác nhận nguồn)",
        compute=petitions_on_time,
    ),
    Indicator(
        key="engagement.petitions_reraised",
        area=6,
        name_vi="Tỷ lệ kiến nghị cử tri phải kiến nghị lại",
        name_en="Voters' petitions raised again",
        direction="lower",
        target=10.0,
        source="Kiến nghị cử tri của xã (kiến nghị lại được liên kết với lần trước)",
        compute=petitions_reraised,
    ),
]
