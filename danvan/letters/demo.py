"""Demo data of letters for Thái Nguyên communes: a year of the chairman's reception
sessions and about 130 letters per commune (mostly land complaints), some processed late,
a few denunciations with encrypted identities. Like a real commune, most matters are closed
once their time is up (mostly on time, some late): what stays open is recent, plus a small
backlog of overdue ones (``BACKLOG_SHARE``). Idempotent: a commune that already has letters
(or reception sessions) is left alone."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from danvan.accounts.access import acting_units
from danvan.accounts.models import Membership
from danvan.accounts.roles import Role
from danvan.letters.models import Letter, ReceptionSession
from danvan.letters.services import crypto
from danvan.letters.services.decisions import DecisionInput, letter_decide
from danvan.letters.services.errors import LetterError
from danvan.letters.services.intake import LetterInput, Sender, letter_receive
from danvan.letters.services.reception import (
    EntryInput,
    entry_answer,
    entry_record,
    session_mark,
    session_schedule,
)
from danvan.territory.models import Unit

UNITS = ("01843", "02020")
LETTERS_PER_UNIT = 130  # a year's worth; scaled to the span of the history
# The history starts with the two-tier system (the evaluation's trends need 18 months).
HISTORY_START = date(2025, 7, 1)
# Of the matters whose time is up: the share answered late, and the share still open (the
# backlog a leader sees as overdue in the work queue).
LATE_SHARE = 0.15
BACKLOG_SHARE = 0.02

SURNAMES = [
    "Nguyễn",
    "Hoàng",
    "Nông",
    "Triệu",
    "Lý",
    "Ma",
    "Hà",
    "Đàm",
    "Lục",
    "Bàn",
    "Dương",
    "Lương",
]
MIDDLE = ["Văn", "Thị", "Đức", "Thị Thu", "Văn Hải", "Ngọc"]
GIVEN = [
    "Sơn",
    "Hoa",
    "Thắng",
    "Lan",
    "Bình",
    "Mai",
    "Tuấn",
    "Hương",
    "Quân",
    "Thảo",
    "Chiến",
    "Nga",
]
VILLAGES = ["Tổ 1", "Tổ 5", "Tổ 9", "Thôn Nà Pài", "Thôn Khuổi Cuồng", "Thôn Bản Áng", "Thôn Nà Cà"]

COMPLAINTS = [
    "Khiếu nại quyết định thu hồi đất của UBND đối với thửa đất số {n} tờ bản đồ số {m} của gia đình tôi; giá bồi thường thấp hơn giá thị trường.",
    "Khiếu nại việc cấp giấy chứng nhận quyền sử dụng đất cho hộ liền kề lấn sang {n} m² đất của gia đình tôi tại {v}.",
    "Khiếu nại phương án bồi thường, hỗ trợ tái định cư dự án mở rộng đường tỉnh lộ 257 đoạn qua {v}.",
    "Khiếu nại quyết định xử phạt vi phạm hành chính về xây dựng nhà ở tại {v}, gia đình tôi đã có giấy phép.",
]
PETITIONS = [
    "Kiến nghị sớm cấp giấy chứng nhận quyền sử dụng đất cho các hộ tại {v} đã nộp hồ sơ từ năm {y}.",
    "Kiến nghị xem xét hỗ trợ hộ nghèo sửa chữa nhà bị hư hỏng do mưa lũ tại {v}.",
    "Kiến nghị bố trí kinh phí bê tông hóa đường vào {v}, mùa mưa đi lại rất khó khăn.",
]
REFLECTIONS = [
    (
        "roads",
        "Đường liên thôn đoạn qua {v} bị sạt lở, ô tô không đi được, đề nghị xã kiểm tra khắc phục.",
    ),
    ("lighting", "Đèn chiếu sáng công cộng tại {v} hỏng đã hơn một tháng, buổi tối rất tối."),
    ("environment", "Rác thải tập kết tại đầu {v} lâu ngày không được thu gom, bốc mùi hôi."),
    ("water", "Nước sinh hoạt ở {v} bị đục, có mùi lạ từ đầu tháng, đề nghị kiểm tra nguồn nước."),
    (
        "attitude",
        "Cán bộ bộ phận một cửa hẹn trả kết quả nhiều lần nhưng không trả, không giải thích lý do.",
    ),
]
DENUNCIATIONS = [
    "Tố cáo cán bộ địa chính xã nhận tiền của người dân khi làm thủ tục cấp giấy chứng nhận quyền sử dụng đất tại {v}.",
    "Tố cáo trưởng thôn {v} thu các khoản đóng góp trái quy định của các hộ dân.",
]


def _name(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def _phone(rng: random.Random) -> str:
    return "09" + "".join(str(rng.randint(0, 9)) for _ in range(8))


def _officer(unit: Unit) -> Any:
    membership = (
        Membership.objects.filter(unit=unit, role__in=[Role.ONE_STOP, Role.SPECIALIST, Role.LEADER])
        .select_related("user")
        .order_by("role")
        .first()
    )
    return membership.user if membership else None


def _moment(day: date, rng: random.Random) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(rng.randint(8, 16), rng.randint(0, 59))))


def _working(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def seed(stdout: Any = None) -> None:
    can_protect = bool(crypto.configured_keys()) or settings.DEBUG
    today = timezone.localdate()
    for index, code in enumerate(UNITS):
        unit = Unit.objects.filter(code=code).first()
        officer = _officer(unit) if unit else None
        if unit is None or officer is None or not acting_units(officer).filter(pk=unit.pk).exists():
            if stdout:
                stdout.write(f"  letters: {code} skipped (no unit or officer)")
            continue
        rng = random.Random(f"danvan-letters-{code}")  # noqa: S311 - demo data, reproducible
        # One transaction per commune: the services' own transactions become savepoints, so
        # the disk syncs once instead of once per letter (seconds instead of minutes).
        with transaction.atomic():
            if not ReceptionSession.objects.filter(unit=unit).exists():
                _sessions(unit, officer, today, rng)
            if not Letter.objects.filter(unit=unit).exists():
                _letters(unit, officer, today, rng, can_protect)
        if stdout:
            stdout.write(f"  letters: {unit.name} ready ({index + 1}/{len(UNITS)})")


def _sessions(unit: Unit, officer: Any, today: date, rng: random.Random) -> None:
    monday = today - timedelta(days=today.weekday())
    weeks = max(52, (today - HISTORY_START).days // 7)
    for week in range(weeks, -3, -1):
        day = monday - timedelta(weeks=week) + timedelta(days=3)  # Thursdays
        session = session_schedule(
            unit=unit, actor=officer, day=day, host_name="Chủ tịch UBND", place="Trụ sở UBND"
        )
        if day >= today:
            continue
        roll = rng.random()
        if roll < 0.85:
            session = session_mark(session=session, actor=officer, status="held")
            if rng.random() < 0.5:
                entry = entry_record(
                    data=EntryInput(
                        unit=unit,
                        day=day,
                        session=session,
                        kind="complaint",
                        content=rng.choice(COMPLAINTS).format(
                            n=rng.randint(10, 400),
                            m=rng.randint(1, 40),
                            v=rng.choice(VILLAGES),
                            y=2023,
                        ),
                        visitor_name=_name(rng),
                        visitor_address=rng.choice(VILLAGES),
                        guidance="Hướng dẫn gửi đơn khiếu nại đến UBND xã.",
                    ),
                    actor=officer,
                )
                _answer(entry, officer, today, rng)
        elif roll < 0.93 and day < date(2026, 7, 1):
            session_mark(
                session=session,
                actor=officer,
                status="delegated",
                delegate_name="Phó Chủ tịch UBND",
            )
        else:
            session_mark(
                session=session, actor=officer, status="not_held", reason="Chủ tịch đi họp tại tỉnh"
            )


def _closing_day(start: date, due: date, today: date, rng: random.Random) -> date | None:
    """When a matter started on ``start`` and due on ``due`` is closed: on time mostly, late
    sometimes; None when it stays open (a recent matter, or one of the backlog)."""
    if rng.random() < LATE_SHARE:
        end = _working(due + timedelta(days=rng.randint(1, 20)))
    else:
        end = start + timedelta(days=rng.randint(1, max(1, (due - start).days)))
        end = _working(end) if _working(end) <= due else end
    if end > today:
        return None
    if due < today and rng.random() < BACKLOG_SHARE:
        return None
    return end


def _answer(entry: Any, officer: Any, today: date, rng: random.Random) -> None:
    """The written answer to the visitor, within the 10 working days mostly."""
    due = entry.case.due_date
    end = _closing_day(entry.date, due, today, rng) if due else None
    if end is None:
        return
    entry_answer(
        entry=entry,
        actor=officer,
        answer="guided",
        at=_moment(end, rng),
        note="Đã trả lời bằng văn bản, hướng dẫn gửi đơn.",
    )


def _letters(unit: Unit, officer: Any, today: date, rng: random.Random, can_protect: bool) -> None:
    span = max(365, (today - HISTORY_START).days)
    start = today - timedelta(days=span)
    count = LETTERS_PER_UNIT * span // 365
    earlier: list[tuple[str, str, Sender, str]] = []
    for i in range(count):
        day = _working(start + timedelta(days=int(i * span / count)))
        if day > today:
            break
        roll = rng.random()
        village = rng.choice(VILLAGES)
        fmt = {
            "n": rng.randint(10, 400),
            "m": rng.randint(1, 40),
            "v": village,
            "y": rng.randint(2019, 2024),
        }
        category = ""
        if roll < 0.55:
            kind, content = "complaint", rng.choice(COMPLAINTS).format(**fmt)
        elif roll < 0.72:
            kind, content = "petition", rng.choice(PETITIONS).format(**fmt)
        elif roll < 0.94 or not can_protect:
            kind = "reflection"
            category, text = rng.choice(REFLECTIONS)
            content = text.format(**fmt)
        else:
            kind, content = "denunciation", rng.choice(DENUNCIATIONS).format(**fmt)
        channel = rng.choice(
            ["desk", "desk", "post", "portal", "reception", "deputy", "front", "superior"]
        )
        sender = Sender(name=_name(rng), phone=_phone(rng), address=f"{village}, {unit.name}")
        if earlier and rng.random() < 0.07:
            # Some people send the same letter again (a repeat; a duplicate once answered).
            kind, content, sender, category = rng.choice(earlier)
        elif kind != "denunciation":
            earlier.append((kind, content, sender, category))
        letter = letter_receive(
            data=LetterInput(
                unit=unit,
                kind=kind,
                content=content,
                channel=channel,
                forwarded_by={
                    "deputy": "Đại biểu HĐND tỉnh",
                    "front": "Ủy ban MTTQ xã",
                    "superior": "Thanh tra tỉnh",
                }.get(channel, ""),
                sender=sender,
                received_at=_moment(day, rng),
                category=category,
                signers_count=rng.choice([1, 1, 1, 1, 2, 5, 12]),
            ),
            actor=officer,
        )
        _process(letter, officer, today, rng)


def _process(letter: Letter, officer: Any, today: date, rng: random.Random) -> None:
    due = letter.decision_due
    if due is None or letter.decision != "pending":
        return
    late = rng.random() < 0.15
    received = timezone.localtime(letter.received_at).date()
    decided = (
        due + timedelta(days=rng.randint(1, 10))
        if late
        else received + timedelta(days=rng.randint(1, max(1, (due - received).days)))
    )
    if decided > today:
        return
    roll = rng.random()
    try:
        if letter.kind in ("complaint", "denunciation") and roll < 0.7:
            letter_decide(
                letter=letter,
                actor=officer,
                data=DecisionInput(decision="accepted", at=_moment(decided, rng)),
            )
        elif letter.kind == "denunciation":
            letter_decide(
                letter=letter,
                actor=officer,
                data=DecisionInput(
                    decision="forwarded",
                    receiving_body="Thanh tra tỉnh Thái Nguyên",
                    at=_moment(decided, rng),
                ),
            )
        elif roll < 0.85:
            if letter.kind == "complaint":
                letter_decide(
                    letter=letter,
                    actor=officer,
                    data=DecisionInput(
                        decision="guided",
                        receiving_body="UBND tỉnh Thái Nguyên",
                        reasons="Không thuộc thẩm quyền của xã",
                        at=_moment(decided, rng),
                    ),
                )
            else:
                letter_decide(
                    letter=letter,
                    actor=officer,
                    data=DecisionInput(decision="accepted", at=_moment(decided, rng)),
                )
        else:
            letter_decide(
                letter=letter,
                actor=officer,
                data=DecisionInput(
                    decision="not_eligible",
                    reasons="Đơn không ghi rõ nội dung, không ký tên",
                    ground="no_signature",
                    at=_moment(decided, rng),
                ),
            )
    except LetterError:
        return
    _finish(letter, officer, today, rng, decided)


def _finish(letter: Letter, officer: Any, today: date, rng: random.Random, decided: date) -> None:
    from danvan.cases.services import case_close
    from danvan.letters.services.complaints import complaint_decide
    from danvan.letters.services.denunciations import denunciation_conclude

    letter.refresh_from_db()
    if letter.decision != "accepted":
        return
    letter.case.refresh_from_db()
    case_due = letter.case.due_date
    if case_due is None:
        return
    end = _closing_day(decided, case_due, today, rng)
    if end is None:
        return
    at = _moment(end, rng)
    if letter.kind == "complaint":
        complaint_decide(
            letter=letter,
            actor=officer,
            decided_at=at,
            summary="Giữ nguyên quyết định hành chính bị khiếu nại.",
        )
    elif letter.kind == "denunciation":
        denunciation_conclude(
            letter=letter,
            actor=officer,
            at=at,
            summary="Tố cáo đúng một phần; kiểm điểm cán bộ liên quan.",
        )
    else:
        case_close(
            case=letter.case,
            actor=officer,
            status="resolved",
            at=at,
            public_note="Đã xử lý, trả lời người gửi.",
        )
