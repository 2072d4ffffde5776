"""Demo data of the one-stop shop: the starter catalogue and a year of dossiers for ten
communes of Thái Nguyên (including Phường Bắc Kạn, 01843).

DEMO DATA, invented: names, phone numbers and outcomes are random (seeded, so every run
gives the same data). The dossiers are written in bulk — thousands through the services
would make ``make run`` slow — but exactly as the services write them: the same case
fields, the same timeline events with their ``clock`` data (so the legal clock replays them),
Decree 61 codes from the daily sequences, which are left at the last number used. Audit
entries are not invented: nobody did these things. Idempotent: skipped when the demo
communes already have dossiers.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from danvan.cases.models import Case, CaseEvent, CaseEventKind, CaseStatus
from danvan.cases.services import generate_secret
from danvan.deadlines.clock import add_working_days, compute_due, is_working_day
from danvan.dossiers import rules
from danvan.dossiers.catalogue_data import PROCEDURES
from danvan.dossiers.kinds import DOSSIER_KIND
from danvan.dossiers.models import DailySequence, Dossier, DossierStage, Procedure, Rating
from danvan.dossiers.services.codes import format_code
from danvan.territory.models import Unit

SEED = 2026
PROVINCE = "19"
PREFERRED = ["01843", "01840", "02020", "01864", "01906"]
COMMUNES = 10
PER_COMMUNE = (250, 420)
FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Hoàng",
    "Nông",
    "Ma",
    "Triệu",
    "Lý",
    "Hà",
    "Lục",
    "Đặng",
    "Dương",
    "Bế",
    "La",
    "Phạm",
]
MIDDLE_M = ["Văn", "Đức", "Minh", "Quang", "Xuân"]
MIDDLE_F = ["Thị", "Thu", "Ngọc", "Thanh", "Kim"]
GIVEN_M = ["Hùng", "Thắng", "Sơn", "Bình", "Tuấn", "Dũng", "Quân", "Cường", "Hải", "Long"]
GIVEN_F = ["Lan", "Mai", "Hoa", "Hương", "Nga", "Phương", "Thảo", "Hạnh", "Linh", "Yến"]
# Relative frequency of each procedure (same order as the catalogue).
WEIGHTS = [14, 6, 4, 8, 1, 1, 2, 4, 22, 6, 2, 8, 4, 4, 3, 1, 2, 1, 1, 2, 1]
INDICATORS = [
    "time",
    "bodies",
    "visits",
    "publicity",
    "attitude",
    "fees",
    "complaints",
    "online",
    "other",
]


def seed_catalogue() -> int:
    existing = set(Procedure.objects.values_list("code", flat=True))
    new = [
        Procedure(
            code=code, name=name, field=fld, level="commune", processing_days=days, fees=fees,
            required_documents=docs, legal_basis=basis, online=online, demo=True,
        )
        for code, name, fld, days, fees, docs, basis, online in PROCEDURES
        if code not in existing
    ]  # fmt: skip
    Procedure.objects.bulk_create(new)
    rules.invalidate()
    return len(new)


def _name(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_M)} {rng.choice(GIVEN_M)}"
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_F)} {rng.choice(GIVEN_F)}"


def _at(day: date, rng: random.Random, start_hour: int = 7, end_hour: int = 17) -> datetime:
    minutes = rng.randint(start_hour * 60 + 30, end_hour * 60 - 15)
    return timezone.make_aware(datetime.combine(day, time(minutes // 60, minutes % 60)))


@dataclass
class Plan:
    """The rows of one dossier before they are written."""

    case: Case
    dossier: Dossier
    events: list[tuple[str, datetime, str, dict[str, Any]]] = field(default_factory=list)
    rating: Rating | None = None


def _working_days(start: date, end: date) -> list[date]:
    days, d = [], start
    while d <= end:
        if is_working_day(d):
            days.append(d)
        d += timedelta(days=1)
    return days


def _start_event(rule_id: str, at: datetime) -> tuple[date, dict[str, Any]]:
    due = compute_due(rule_id, at).due
    return due, {
        "clock": "start",
        "rule_id": rule_id,
        "start": at.isoformat(),
        "due_date": due.isoformat(),
    }


def _plan(
    unit: Unit, procedure: Procedure, at: datetime, rng: random.Random, officer: Any, today: date
) -> Plan:
    secret = generate_secret()
    channel = rng.choices(["desk", "online", "post"], [60, 36, 4])[0]
    name = _name(rng)
    case = Case(
        unit=unit, province_code=unit.province.code, kind=DOSSIER_KIND, secret=secret,
        title=procedure.name[:300], channel=channel, applicant_name=name,
        applicant_phone=f"09{rng.randint(10_000_000, 99_999_999)}", search_name="",
        rule_id=procedure.rule_id, received_at=at, clock_start=at, assignee=officer,
        status=CaseStatus.IN_PROGRESS,
    )  # fmt: skip
    from danvan.cases.text import fold

    case.search_name = fold(name)[:150]
    dossier = Dossier(
        unit=unit, procedure=procedure, received_on=timezone.localtime(at).date(),
        documents_received=list(procedure.required_documents), stage=DossierStage.PROCESSING,
    )  # fmt: skip
    plan = Plan(case=case, dossier=dossier)
    roll = rng.random()
    if roll < 0.03:
        reason = "Hồ sơ không thuộc thẩm quyền giải quyết của Ủy ban nhân dân cấp xã"
        due, data = _start_event(procedure.rule_id, at)
        plan.events.append((CaseEventKind.RECEIVED, at, "Tiếp nhận hồ sơ.", data))
        plan.events.append(
            (CaseEventKind.REFUSED, at, f"Từ chối tiếp nhận: {reason}", {"status": "refused"})
        )
        case.status, case.closed_at, case.due_date, case.on_time = CaseStatus.REFUSED, at, due, True
        dossier.stage, dossier.refusal_reason, dossier.documents_received = (
            DossierStage.REFUSED,
            reason,
            [],
        )
        return plan
    start = at
    due, data = _start_event(procedure.rule_id, at)
    plan.events.append((CaseEventKind.RECEIVED, at, "Tiếp nhận hồ sơ.", data))
    if roll < 0.08:  # incomplete at the desk, completed a few days later
        back = _at(add_working_days(dossier.received_on, rng.randint(1, 4)), rng)
        if back.date() >= today:
            return plan  # stays waiting: left simple, counted as processing
        plan.events.append(
            (
                CaseEventKind.CLOCK_PAUSED,
                at,
                "Hồ sơ chưa đủ thành phần, cần bổ sung.",
                {"clock": "pause", "start": dossier.received_on.isoformat()},
            )
        )
        start = back
        due, data = _start_event(procedure.rule_id, back)
        plan.events.append((CaseEventKind.CLOCK_RESTARTED, back, "Đã nhận đủ hồ sơ bổ sung.", data))
        dossier.visits = 2
    requests = 0
    if 0.08 <= roll < 0.17:
        requests = 2 if roll > 0.16 else 1
        for _ in range(requests):
            asked = _at(add_working_days(timezone.localtime(start).date(), 1), rng)
            back = _at(add_working_days(asked.date(), rng.randint(1, 3)), rng)
            if back.date() >= today:
                break
            plan.events.append(
                (
                    CaseEventKind.SUPPLEMENT_REQUESTED,
                    asked,
                    "Cần bổ sung hồ sơ.",
                    {"clock": "pause", "start": asked.date().isoformat()},
                )
            )
            start = back
            due, data = _start_event(procedure.rule_id, back)
            plan.events.append(
                (CaseEventKind.CLOCK_RESTARTED, back, "Đã nhận đủ hồ sơ bổ sung.", data)
            )
            dossier.supplement_requests += 1
            dossier.visits += 1
    case.clock_start, case.due_date = start, due
    late = rng.random() < 0.07
    start_day = timezone.localtime(start).date()
    span = max(1, (due - start_day).days)
    finish_day = (
        add_working_days(due, rng.randint(1, 4))
        if late
        else start_day + timedelta(days=rng.randint(0, span))
    )
    while not is_working_day(finish_day):
        finish_day += timedelta(days=1)
    if late and rng.random() < 0.5:
        before = add_working_days(due, -1)
        if before >= start_day and before < today:
            new_due = add_working_days(due, rng.randint(3, 6))
            when = _at(before, rng)
            plan.events.append(
                (
                    CaseEventKind.APOLOGISED,
                    when,
                    f"Xin lỗi vì chậm trả kết quả; hẹn lại ngày {new_due:%d/%m/%Y}.",
                    {
                        "clock": "override",
                        "due_date": new_due.isoformat(),
                        "previous_due_date": due.isoformat(),
                        "counts_as_due": False,
                        "reason": "Chờ xác minh thông tin",
                    },
                )
            )
            dossier.apology_used, dossier.apology_reason = True, "Chờ xác minh thông tin"
            case.due_date = new_due
    if finish_day >= today:
        return plan  # still being processed
    ready = _at(finish_day, rng)
    ready = max(ready, start + timedelta(minutes=30))
    on_time = (ready.date() <= due) and dossier.supplement_requests <= 1
    plan.events.append(
        (
            CaseEventKind.RESOLVED,
            ready,
            "Hồ sơ đã có kết quả, mời người dân đến nhận.",
            {"status": "resolved", "on_time": on_time, "due_reference": due.isoformat()},
        )
    )
    case.status, case.closed_at, case.on_time = CaseStatus.RESOLVED, ready, on_time
    if not dossier.apology_used:
        case.due_date = due
    dossier.stage, dossier.result_ready_at = DossierStage.RESULT_READY, ready
    if rng.random() < 0.92:
        back_day = add_working_days(finish_day, rng.randint(0, 3))
        if back_day < today:
            returned = max(_at(back_day, rng), ready + timedelta(minutes=10))
            plan.events.append(
                (CaseEventKind.RETURNED, returned, "Đã trả kết quả cho người dân.", {})
            )
            dossier.stage, dossier.returned_at = DossierStage.RETURNED, returned
            if rng.random() < 0.4:
                scores = {
                    k: rng.choices([2, 1, 0], [88, 10, 2] if on_time else [50, 35, 15])[0]
                    for k in INDICATORS
                }
                rated = returned + timedelta(minutes=rng.randint(2, 600))
                plan.rating = Rating(
                    unit=unit,
                    channel=rng.choice(["desk", "online"]),
                    scores=scores,
                    total=sum(scores.values()),
                    satisfied=all(scores.values()),
                    at=rated,
                )
                plan.events.append(
                    (
                        CaseEventKind.RATED,
                        rated,
                        "Người dân đã đánh giá việc giải quyết hồ sơ.",
                        {"total": plan.rating.total},
                    )
                )
    return plan


def _units() -> list[Unit]:
    chosen = list(Unit.objects.select_related("province").filter(code__in=PREFERRED))
    more = (
        Unit.objects.select_related("province")
        .filter(province__code=PROVINCE)
        .exclude(code__in=PREFERRED)
        .order_by("code")
    )
    chosen += list(more[: max(0, COMMUNES - len(chosen))])
    return chosen


def seed_dossiers(
    stdout: Any = None,
    *,
    units: list[Unit] | None = None,
    days: int = 365,
    per_commune: tuple[int, int] = PER_COMMUNE,
) -> int:
    units = units if units is not None else _units()
    if not units or Dossier.objects.filter(unit__in=units).exists():
        return 0
    rng = random.Random(SEED)  # noqa: S311 — invented demo data, not secrets
    today = timezone.localdate()
    procedures = list(
        Procedure.objects.filter(code__in=[p[0] for p in PROCEDURES]).order_by("code")
    )
    by_code = {p.code: p for p in procedures}
    ordered = [by_code[p[0]] for p in PROCEDURES if p[0] in by_code]
    weights = WEIGHTS[: len(ordered)]
    workdays = _working_days(today - timedelta(days=days), today - timedelta(days=1))
    officers = _officers(units)
    plans: list[Plan] = []
    for unit in units:
        count = rng.randint(*per_commune)
        days_chosen = sorted(rng.choices(workdays, k=count))
        for day in days_chosen:
            procedure = rng.choices(ordered, weights)[0]
            plans.append(
                _plan(unit, procedure, _at(day, rng, 7, 16), rng, officers.get(unit.pk), today)
            )
    _write(plans)
    if stdout is not None:
        stdout.write(f"  {len(plans)} hồ sơ một cửa mẫu cho {len(units)} xã, phường\n")
    return len(plans)


def _officers(units: list[Unit]) -> dict[int, Any]:
    from danvan.accounts.models import Membership

    rows = (
        Membership.objects.filter(unit__in=units, role="one_stop")
        .select_related("user")
        .order_by("id")
    )
    out: dict[int, Any] = {}
    for m in rows:
        out.setdefault(m.unit_id, m.user)
    return out


@transaction.atomic
def _write(plans: list[Plan]) -> None:
    sequences: dict[tuple[int, date], int] = {}
    plans.sort(key=lambda p: (p.case.unit.pk, p.case.received_at))
    for plan in plans:
        key = (plan.case.unit.pk, plan.dossier.received_on)
        sequences[key] = sequences.get(key, 0) + 1
        plan.case.code = format_code(plan.case.unit.code, plan.dossier.received_on, sequences[key])
    Case.objects.bulk_create([p.case for p in plans], batch_size=1000)
    events = []
    for plan in plans:
        plan.dossier.case = plan.case
        actor = plan.case.assignee
        for kind, at, note, data in plan.events:
            who = None if kind == CaseEventKind.RATED else actor
            events.append(
                CaseEvent(case=plan.case, kind=kind, at=at, actor=who, note=note, data=data)
            )
    CaseEvent.objects.bulk_create(events, batch_size=2000)
    Dossier.objects.bulk_create([p.dossier for p in plans], batch_size=1000)
    ratings = []
    for plan in plans:
        if plan.rating is not None:
            plan.rating.dossier = plan.dossier
            ratings.append(plan.rating)
    Rating.objects.bulk_create(ratings, batch_size=1000)
    DailySequence.objects.bulk_create(
        [DailySequence(unit_id=u, day=d, last=n) for (u, d), n in sequences.items()],
        batch_size=2000,
        ignore_conflicts=True,
    )


def seed(stdout: Any = None) -> None:
    created = seed_catalogue()
    if stdout is not None:
        stdout.write(f"  {created} thủ tục hành chính mẫu\n")
    # The officers come from the accounts demo (order 20), the communes from territory (10).
    seed_dossiers(stdout)
