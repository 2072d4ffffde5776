"""Indicators of dissemination (area 1 of the study), per commune and period.

Each ``compute(unit_ids, start, end)`` returns ``{unit_id: (numerator, denominator)}`` from a
few aggregate queries (never one per row); the evaluation shows numerator ÷ denominator on a
0–100 scale."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db.models import Count, Q, Sum

from danvan.core.periods import period
from danvan.core.registry import Indicator
from danvan.outreach.models import Campaign, ContentVersion, Session, VillageLanguage
from danvan.territory.models import Village

Result = dict[int, tuple[float, float]]
SOURCE = "Sổ theo dõi tuyên truyền của xã (danvan.outreach)"


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def villages_reached(unit_ids: list[int], start: date, end: date) -> Result:
    """Villages with at least one session in the quarter up to the period's end ÷ the
    commune's villages. A monthly figure thus reads "reached so far this quarter"."""
    first, last = period(start, end)
    first = quarter_start(first)
    villages = dict(
        Village.objects.filter(unit_id__in=unit_ids)
        .values("unit_id")
        .annotate(n=Count("id"))
        .values_list("unit_id", "n")
    )
    reached = dict(
        Session.objects.filter(unit_id__in=unit_ids, date__gte=first, date__lte=last)
        .values("unit_id")
        .annotate(n=Count("village_id", distinct=True))
        .values_list("unit_id", "n")
    )
    return {uid: (float(reached.get(uid, 0)), float(n)) for uid, n in villages.items() if n}


def villages_lacking_language(unit_ids: list[int], start: date, end: date) -> Result:
    """Villages of known language that some campaign running in the period has no content
    for in their language ÷ villages of known language (communes with a campaign running)."""
    first, last = period(start, end)
    campaigns = list(
        Campaign.objects.filter(
            unit_id__in=unit_ids, starts__lte=last, ends__gte=first
        ).values_list("id", "unit_id")
    )
    if not campaigns:
        return {}
    have: dict[int, set[str]] = defaultdict(set)
    for campaign_id, language in ContentVersion.objects.filter(
        campaign_id__in=[c for c, _u in campaigns]
    ).values_list("campaign_id", "language"):
        have[campaign_id].add(language)
    by_unit: dict[int, list[int]] = defaultdict(list)
    for campaign_id, unit_id in campaigns:
        by_unit[unit_id].append(campaign_id)
    languages: dict[int, list[str]] = defaultdict(list)
    for unit_id, language in VillageLanguage.objects.filter(unit_id__in=list(by_unit)).values_list(
        "unit_id", "language"
    ):
        languages[unit_id].append(language)
    out: Result = {}
    for unit_id, known in languages.items():
        lacking = sum(
            1 for language in known if any(language not in have[c] for c in by_unit[unit_id])
        )
        out[unit_id] = (float(lacking), float(len(known)))
    return out


def comprehension(unit_ids: list[int], start: date, end: date) -> Result:
    """Right answers ÷ questions asked at the comprehension checks of the period's sessions."""
    first, last = period(start, end)
    rows = (
        Session.objects.filter(
            unit_id__in=unit_ids, date__gte=first, date__lte=last, check_questions__gt=0
        )
        .values("unit_id")
        .annotate(q=Sum("check_questions"), ok=Sum("check_correct"))
    )
    return {r["unit_id"]: (float(r["ok"]), float(r["q"])) for r in rows if r["q"]}


def officers_trained(unit_ids: list[int], start: date, end: date) -> Result:
    """Officers in roles that require training (leaders, one-stop officers…) who completed
    every course their roles require within the term of the period's last day ÷ those
    officers. Three queries whatever the number of communes."""
    from danvan.accounts.models import Membership
    from danvan.outreach.models import Attendance, RequiredCourse, Term

    _first, last = period(start, end)
    term = Term.objects.filter(starts__lte=last, ends__gte=last).first()
    if term is None:
        return {}
    required: dict[str, set[str]] = defaultdict(set)
    for role, code in RequiredCourse.objects.values_list("role", "course__code"):
        required[role].add(code)
    needs: dict[tuple[int, int], set[str]] = defaultdict(set)
    for unit_id, user_id, role in Membership.objects.filter(
        unit_id__in=unit_ids, role__in=list(required), user__is_active=True
    ).values_list("unit_id", "user_id", "role"):
        needs[(unit_id, user_id)] |= required[role]
    done: dict[tuple[int, int], set[str]] = defaultdict(set)
    for unit_id, user_id, code in Attendance.objects.filter(
        unit_id__in=unit_ids,
        completed=True,
        session__date__gte=term.starts,
        session__date__lte=min(last, term.ends),
    ).values_list("unit_id", "officer_id", "session__course__code"):
        done[(unit_id, user_id)].add(code)
    num: dict[int, float] = defaultdict(float)
    den: dict[int, float] = defaultdict(float)
    for key, courses in needs.items():
        den[key[0]] += 1
        if courses <= done[key]:
            num[key[0]] += 1
    return {uid: (num[uid], d) for uid, d in den.items()}


def _models_of_year(unit_ids: list[int], start: date, end: date):  # type: ignore[no-untyped-def]
    from danvan.outreach.models import ModelStatus, SkilfulModel

    _first, last = period(start, end)
    return SkilfulModel.objects.filter(unit_id__in=unit_ids, year=last.year).exclude(
        status=ModelStatus.REMOVED
    ), ModelStatus


def models_registered(unit_ids: list[int], start: date, end: date) -> Result:
    """Bodies (the Party committee, the Front, four organisations) that registered at least
    one model for the year ÷ the six bodies: each must register one."""
    from danvan.outreach.models import Registrant

    rows, _status = _models_of_year(unit_ids, start, end)
    bodies: dict[int, set[str]] = defaultdict(set)
    for unit_id, registrant in rows.values_list("unit_id", "registrant"):
        bodies[unit_id].add(registrant)
    total = float(len(Registrant.values))
    return {uid: (float(len(bodies.get(uid, ()))), total) for uid in unit_ids}


def models_recognised(unit_ids: list[int], start: date, end: date) -> Result:
    """Models of the year recognised (at any level) ÷ models of the year not removed."""
    rows, status = _models_of_year(unit_ids, start, end)
    counts = rows.values("unit_id").annotate(
        n=Count("id"), ok=Count("id", filter=Q(status=status.RECOGNISED))
    )
    return {r["unit_id"]: (float(r["ok"]), float(r["n"])) for r in counts if r["n"]}


def joint_tasks_on_time(unit_ids: list[int], start: date, end: date) -> Result:
    """Joint-programme tasks done by their agreed deadline ÷ tasks due: done in the period,
    plus still open with a deadline in the period already passed."""
    from danvan.cases.models import Case
    from danvan.cases.selectors import on_time_by_unit
    from danvan.outreach.kinds import JOINT_TASK_KIND

    cases = Case.objects.filter(unit_id__in=unit_ids, kind=JOINT_TASK_KIND)
    return on_time_by_unit(cases, start, end)


def review_meetings_held(unit_ids: list[int], start: date, end: date) -> Result:
    """Quarterly review meetings held ÷ meetings due: one per programme of the year for each
    quarter ended by the period's end."""
    from danvan.outreach.models import JointProgramme, ReviewMeeting

    _first, last = period(start, end)
    quarters_ended = (
        (last.month // 3) if last.month % 3 == 0 and last.day >= 28 else (last.month - 1) // 3
    )
    if quarters_ended == 0:
        return {}
    programmes = dict(
        JointProgramme.objects.filter(unit_id__in=unit_ids, year=last.year)
        .values("unit_id")
        .annotate(n=Count("id"))
        .values_list("unit_id", "n")
    )
    held = dict(
        ReviewMeeting.objects.filter(
            unit_id__in=unit_ids, programme__year=last.year, quarter__lte=quarters_ended
        )
        .values("unit_id")
        .annotate(n=Count("id"))
        .values_list("unit_id", "n")
    )
    return {
        uid: (float(held.get(uid, 0)), float(n * quarters_ended)) for uid, n in programmes.items()
    }


def party_reception_days(unit_ids: list[int], start: date, end: date) -> Result:
    """The Party secretary's reception days held ÷ the days the rule requires (each month
    counted up to its requirement; see ``party_reception.days_held``)."""
    from danvan.outreach.party_reception import days_held

    return days_held(unit_ids, start, end)


INDICATORS = [
    Indicator(
        key="outreach.villages_reached",
        area=1,
        name_vi="Tỷ lệ thôn được tuyên truyền trực tiếp trong quý",
        name_en="Villages reached by a dissemination session this quarter",
        direction="higher",
        target=100.0,
        source=SOURCE,
        compute=villages_reached,
    ),
    Indicator(
        key="outreach.villages_lacking_language",
        area=1,
        name_vi="Tỷ lệ thôn chưa có tài liệu tuyên truyền bằng tiếng của mình",
        name_en="Villages lacking dissemination content in their language",
        direction="lower",
        target=0.0,
        source=SOURCE,
        compute=villages_lacking_language,
    ),
    Indicator(
        key="outreach.comprehension",
        area=1,
        name_vi="Điểm kiểm tra hiểu biết sau buổi tuyên truyền",
        name_en="Comprehension check score after dissemination sessions",
        direction="higher",
        target=80.0,
        source=SOURCE,
        compute=comprehension,
    ),
    Indicator(
        key="outreach.officers_trained",
        area=5,
        name_vi="Tỷ lệ cán bộ giữ vị trí then chốt được bồi dưỡng đủ trong nhiệm kỳ",
        name_en="Officers in key roles trained as their roles require this term",
        direction="higher",
        target=100.0,
        source="Khóa bồi dưỡng bắt buộc theo vai trò (do tỉnh quy định, danvan.outreach)",
        compute=officers_trained,
    ),
    Indicator(
        key="outreach.models_registered",
        area=6,
        name_vi="Tỷ lệ tổ chức đăng ký mô hình Dân vận khéo trong năm",
        name_en="Bodies registering a Dân vận khéo model this year",
        direction="higher",
        target=100.0,
        source="Phong trào thi đua Dân vận khéo (docs/domain.md §7)",
        compute=models_registered,
    ),
    Indicator(
        key="outreach.models_recognised",
        area=6,
        name_vi="Tỷ lệ mô hình Dân vận khéo được công nhận",
        name_en="Dân vận khéo models recognised",
        direction="higher",
        target=80.0,
        source="Phong trào thi đua Dân vận khéo (docs/domain.md §7)",
        compute=models_recognised,
    ),
    Indicator(
        key="outreach.joint_tasks_on_time",
        area=6,
        name_vi="Tỷ lệ nhiệm vụ chương trình phối hợp hoàn thành đúng hạn",
        name_en="Joint-programme tasks done on time",
        direction="higher",
        target=90.0,
        source="Chương trình phối hợp giữa UBND xã và Mặt trận, các đoàn thể",
        compute=joint_tasks_on_time,
    ),
    Indicator(
        key="outreach.review_meetings_held",
        area=6,
        name_vi="Tỷ lệ cuộc họp giao ban quý được tổ chức",
        name_en="Quarterly review meetings held",
        direction="higher",
        target=100.0,
        source="Chương trình phối hợp giữa UBND xã và Mặt trận, các đoàn thể",
        compute=review_meetings_held,
    ),
    Indicator(
        key="outreach.party_reception_days",
        area=6,
        name_vi="Tỷ lệ ngày tiếp dân của Bí thư Đảng ủy xã được thực hiện so với quy định",
        name_en="Party secretary's reception days held against the required number",
        direction="higher",
        target=100.0,
        source=(
            "Lịch và sổ tiếp công dân của xã; Quy định 11-QĐi/TW, sửa đổi bởi Kết luận "
            "215-KL/TW (reception.party_head.monthly)"
        ),
        compute=party_reception_days,
        min_denominator=2.0,
    ),
]
