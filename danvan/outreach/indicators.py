"""Indicators of dissemination (area 1 of the study), per commune and period.

Each ``compute(unit_ids, start, end)`` returns ``{unit_id: (numerator, denominator)}`` from a
few aggregate queries (never one per row); the evaluation shows numerator ÷ denominator on a
0–100 scale."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from django.db.models import Count, Q, Sum

from danvan.core.periods import period
from danvan.core.registry import Indicator
from danvan.outreach.models import Campaign, ContentVersion, Session, VillageLanguage
from danvan.territory.models import Village

Result = dict[int, tuple[float, float]]
SOURCE = "Sổ theo dõi tuyên truyền của xã (danvan.outreach)"


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def quarter_last_working_day(year: int, quarter: int) -> date:
    """The quarter's last working day by the working-day calendar (its last day when the
    calendar has none left, which does not happen in practice): a quarter has ended for
    the review meetings once that day is reached."""
    from datetime import timedelta

    from danvan.deadlines.workcal import get_calendar

    last = date(year + quarter // 4, quarter % 4 * 3 + 1, 1) - timedelta(days=1)
    calendar, day = get_calendar(), last
    while not calendar.is_working_day(day) and day > last - timedelta(days=14):
        day -= timedelta(days=1)
    return day if calendar.is_working_day(day) else last


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


def households_reached(unit_ids: list[int], start: date, end: date) -> Result:
    """Area 1, the population's share: people who attended a session in the quarter up to
    the period's end ÷ the commune's households (``Unit.households``, else the sum of its
    villages' households), the numerator capped at the denominator — one attendee stands
    for a household at a village meeting, as in a village's ``reached_share``. Communes of
    unknown households have no data. Three queries."""
    from danvan.territory.models import Unit

    first, last = period(start, end)
    first = quarter_start(first)
    base = {
        pk: households
        for pk, households in Unit.objects.filter(pk__in=unit_ids).values_list("pk", "households")
        if households
    }
    missing = [uid for uid in unit_ids if uid not in base]
    if missing:
        for uid, total in (
            Village.objects.filter(unit_id__in=missing, households__isnull=False)
            .values("unit_id")
            .annotate(n=Sum("households"))
            .values_list("unit_id", "n")
        ):
            if total:
                base[uid] = total
    attendees = dict(
        Session.objects.filter(unit_id__in=list(base), date__gte=first, date__lte=last)
        .values("unit_id")
        .annotate(n=Sum("attendees"))
        .values_list("unit_id", "n")
    )
    return {
        uid: (float(min(attendees.get(uid) or 0, households)), float(households))
        for uid, households in base.items()
    }


def explain_households_reached(unit_ids: list[int], start: date, end: date) -> dict[int, Any]:
    """The attendees behind the share, per village of each commune (one query)."""
    first, last = period(start, end)
    out: dict[int, Any] = {}
    for unit_id, name, people in (
        Session.objects.filter(unit_id__in=unit_ids, date__gte=quarter_start(first), date__lte=last)
        .values("unit_id", "village__name")
        .annotate(n=Sum("attendees"))
        .order_by("unit_id", "village__name")
        .values_list("unit_id", "village__name", "n")
    ):
        out.setdefault(unit_id, {"cases": [], "groups": {}})["groups"][name] = people or 0
    return out


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
    from danvan.accounts.selectors import officer_memberships
    from danvan.outreach.models import Attendance, RequiredCourse, Term

    _first, last = period(start, end)
    term = Term.objects.filter(starts__lte=last, ends__gte=last).first()
    if term is None:
        return {}
    required: dict[str, set[str]] = defaultdict(set)
    for role, code in RequiredCourse.objects.values_list("role", "course__code"):
        required[role].add(code)
    needs: dict[tuple[int, int], set[str]] = defaultdict(set)
    for unit_id, user_id, role in officer_memberships(unit_ids, *required).values_list(
        "unit_id", "user_id", "role"
    ):
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


def training_hours(unit_ids: list[int], start: date, end: date) -> Result:
    """Area 5: hours of the courses the commune's officers completed from 1 January to the
    period's end ÷ the commune's officers (active accounts with a commune role). A year to
    date, so that a month without a class does not read as zero. Two queries."""
    from danvan.accounts.selectors import officer_memberships
    from danvan.outreach.models import Attendance

    _first, last = period(start, end)
    officers = dict(
        officer_memberships(unit_ids)
        .values("unit_id")
        .annotate(n=Count("user_id", distinct=True))
        .values_list("unit_id", "n")
    )
    hours = dict(
        Attendance.objects.filter(
            unit_id__in=unit_ids,
            completed=True,
            session__date__gte=date(last.year, 1, 1),
            session__date__lte=last,
        )
        .values("unit_id")
        .annotate(h=Sum("session__course__hours"))
        .values_list("unit_id", "h")
    )
    return {uid: (float(hours.get(uid) or 0), float(n)) for uid, n in officers.items() if n}


def explain_training_hours(unit_ids: list[int], start: date, end: date) -> dict[int, Any]:
    """The hours behind the figure, per course (one query)."""
    from danvan.outreach.models import Attendance

    _first, last = period(start, end)
    out: dict[int, Any] = {}
    for unit_id, code, hours in (
        Attendance.objects.filter(
            unit_id__in=unit_ids,
            completed=True,
            session__date__gte=date(last.year, 1, 1),
            session__date__lte=last,
        )
        .values("unit_id", "session__course__code")
        .annotate(h=Sum("session__course__hours"))
        .order_by("unit_id", "session__course__code")
        .values_list("unit_id", "session__course__code", "h")
    ):
        out.setdefault(unit_id, {"cases": [], "groups": {}})["groups"][code] = hours or 0
    return out


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
    quarter = (last.month - 1) // 3 + 1
    quarters_ended = (
        quarter if last >= quarter_last_working_day(last.year, quarter) else quarter - 1
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


def explain_party_reception_days(unit_ids: list[int], start: date, end: date) -> dict[int, Any]:
    """The Party secretary's days of the period by status (held, not held, scheduled)."""
    from danvan.outreach.party_reception import days_by_status

    return days_by_status(unit_ids, start, end)


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
        key="outreach.households_reached",
        area=1,
        name_vi="Tỷ lệ hộ dân được tuyên truyền trực tiếp trong quý (số người dự ÷ số hộ của xã)",
        name_en="Households reached by dissemination sessions this quarter (attendees ÷ households)",
        direction="higher",
        target=60.0,
        source=SOURCE + "; số hộ của xã (danh mục đơn vị hành chính)",
        compute=households_reached,
        explain=explain_households_reached,
        min_denominator=20.0,
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
        key="outreach.training_hours",
        area=5,
        name_vi="Số giờ bồi dưỡng bình quân mỗi cán bộ từ đầu năm",
        name_en="Training hours per officer, year to date",
        direction="higher",
        target=16.0,
        source="Lớp bồi dưỡng và danh sách tham dự của xã (danvan.outreach)",
        compute=training_hours,
        explain=explain_training_hours,
        unit_label="giờ",
        unit_label_en="hours",
        multiplier=1.0,
        # 0 hours scores 0; two 8-hour courses a year score 10 (a province may change it).
        goalposts=(0.0, 16.0),
        min_denominator=3.0,
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
        explain=explain_party_reception_days,
        min_denominator=2.0,
    ),
]
