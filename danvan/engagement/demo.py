"""Demo data of engagement for Phường Bắc Kạn (01843) and Xã Chợ Đồn (02020): last year's
annual dialogue with the Front, its questions and commitments (one done on time, one done
late, one overdue, one still running), an upcoming thematic dialogue open for questions,
and voters' petitions from two deputies' meetings (one answered, one sent upwards and still
waiting, one raised again). Idempotent: a commune that already has a dialogue is left
alone."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from danvan.accounts.models import Membership
from danvan.accounts.roles import Role
from danvan.engagement import services
from danvan.engagement.models import CompetentLevel, Dialogue, DialogueKind, PetitionSource
from danvan.territory.models import Unit

UNITS = ("01843", "02020")


def _at(day: date, hour: int = 8) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _leader(unit: Unit) -> Any:
    m = Membership.objects.filter(unit=unit, role=Role.LEADER).select_related("user").first()
    return m.user if m else None


def seed(stdout: Any = None) -> None:
    for code in UNITS:
        unit = Unit.objects.filter(code=code).first()
        leader = _leader(unit) if unit else None
        if unit is None or leader is None:
            if stdout:
                stdout.write(f"  engagement: {code} skipped (no unit or leader)")
            continue
        if Dialogue.objects.filter(unit=unit).exists():
            continue
        today = timezone.localdate()
        _dialogues(unit, leader, today)
        _petitions(unit, leader, today)
        if stdout:
            stdout.write(f"  engagement: {unit.name} ready")


def _dialogues(unit: Unit, leader: Any, today: date) -> None:
    held_day = date(today.year - 1, 12, 10)
    dialogue = services.dialogue_schedule(
        unit=unit,
        actor=leader,
        data=services.DialogueInput(
            kind=DialogueKind.ANNUAL,
            title=f"Đối thoại định kỳ năm {held_day.year} giữa Chủ tịch UBND và Nhân dân",
            scheduled_at=_at(held_day),
            place=f"Hội trường UBND {unit.name}",
            notice=(
                "UBND phối hợp với Ủy ban Mặt trận Tổ quốc tổ chức đối thoại với Nhân dân về "
                "giải phóng mặt bằng, đường giao thông nông thôn và thủ tục đất đai. Kính mời "
                "đại diện các thôn, tổ dân phố, các hộ gia đình quan tâm tham dự."
            ),
        ),
    )
    questions = [
        (
            "before",
            "Khi nào đường liên thôn qua tổ 5 được sửa lại? Mùa mưa đi lại rất khó.",
            "Tổ 5",
        ),
        (
            "during",
            "Hồ sơ cấp giấy chứng nhận quyền sử dụng đất bị chậm, xin UBND cho biết lý do.",
            "",
        ),
        ("during", "Đề nghị lắp thêm đèn chiếu sáng ở ngã ba chợ.", "Tổ 2"),
    ]
    recorded = [
        services.question_record(
            dialogue=dialogue, actor=leader, content=text, stage=stage, area=area
        )
        for stage, text, area in questions
    ]
    front = Membership.objects.filter(unit=unit, role=Role.FRONT).select_related("user").first()
    if front is not None:
        services.dialogue_confirm_front(dialogue=dialogue, actor=front.user)
    dialogue = services.dialogue_hold(
        dialogue=dialogue,
        actor=leader,
        held_at=_at(held_day),
        attendance=112,
        summary="Lãnh đạo UBND trả lời 3 nhóm câu hỏi và cam kết 4 việc có thời hạn.",
    )
    for q in recorded:
        services.question_answer(
            question=q, actor=leader, answer="UBND ghi nhận và cam kết thực hiện (xem cam kết)."
        )
    plans = [
        # (content, responsible, committed date, completed on or None)
        (
            "Sửa chữa đường liên thôn qua tổ 5",
            "Công chức Địa chính - Xây dựng",
            held_day + timedelta(days=20),
            held_day + timedelta(days=15),
        ),
        (
            "Giải quyết dứt điểm các hồ sơ đất đai chậm",
            "Văn phòng UBND",
            held_day + timedelta(days=10),
            held_day + timedelta(days=20),
        ),
        (
            "Lắp đèn chiếu sáng ngã ba chợ",
            "Công chức Địa chính - Xây dựng",
            max(held_day + timedelta(days=1), today - timedelta(days=20)),
            None,
        ),
        (
            "Công khai tiến độ bồi thường giải phóng mặt bằng hằng quý",
            "Văn phòng UBND",
            today + timedelta(days=60),
            None,
        ),
    ]
    for (content, responsible, committed, done), question in zip(
        plans, recorded + [None], strict=False
    ):
        commitment = services.commitment_record(
            dialogue=dialogue,
            actor=leader,
            data=services.CommitmentInput(
                content=content,
                responsible=responsible,
                committed_date=committed,
                question=question,
            ),
        )
        if done is not None:
            services.commitment_complete(
                commitment=commitment, actor=leader, result="Đã hoàn thành.", at=_at(done, 15)
            )
    services.dialogue_schedule(
        unit=unit,
        actor=leader,
        data=services.DialogueInput(
            kind=DialogueKind.THEMATIC,
            title="Đối thoại chuyên đề về chuyển đổi số và dịch vụ công trực tuyến",
            scheduled_at=_at(today + timedelta(days=14), 14),
            place=f"Nhà văn hóa {unit.name}",
            notice="Mời Nhân dân gửi câu hỏi trước về dịch vụ công trực tuyến, thanh toán phí.",
        ),
    )


def _petitions(unit: Unit, leader: Any, today: date) -> None:
    first_day = date(today.year - 1, 11, 20)
    second_day = max(today - timedelta(days=30), date(today.year - 1, 12, 20))
    first = services.meeting_record(
        unit=unit,
        actor=leader,
        held_on=first_day,
        place=f"Nhà văn hóa tổ 1, {unit.name}",
        session="Trước kỳ họp thường lệ cuối năm của HĐND",
        deputies="Các đại biểu HĐND đơn vị bầu cử số 1",
    )
    second = services.meeting_record(
        unit=unit,
        actor=leader,
        held_on=second_day,
        place=f"Nhà văn hóa tổ 3, {unit.name}",
        session="Sau kỳ họp HĐND",
    )
    received = _at(first_day + timedelta(days=2))

    def record(meeting, content, level, body="", previous=None, at=received):  # type: ignore[no-untyped-def]
        return services.petition_record(
            actor=leader,
            data=services.PetitionInput(
                meeting=meeting,
                content=content,
                source=PetitionSource.COUNCIL,
                competent_level=level,
                competent_body=body,
                area="Tổ 1",
                previous=previous,
                received_at=at,
            ),
        )

    answered = record(
        first, "Đề nghị nạo vét mương thoát nước khu dân cư tổ 1.", CompetentLevel.COMMUNE
    )
    services.petition_answer(
        petition=answered,
        actor=leader,
        answer="UBND đã bố trí kinh phí và nạo vét xong mương thoát nước.",
        at=received + timedelta(days=18),
    )
    record(
        first,
        "Đề nghị nâng cấp quốc lộ đoạn qua địa bàn, nhiều ổ gà gây mất an toàn.",
        CompetentLevel.HIGHER,
        "Sở Xây dựng tỉnh Thái Nguyên",
    )
    earlier = record(first, "Đề nghị sửa cầu treo qua suối, cầu xuống cấp.", CompetentLevel.COMMUNE)
    services.petition_answer(
        petition=earlier,
        actor=leader,
        answer="UBND sẽ đề xuất vốn sửa cầu trong kế hoạch năm sau.",
        at=received + timedelta(days=25),
    )
    record(
        second,
        "Cử tri tiếp tục đề nghị sửa cầu treo qua suối, chưa được sửa.",
        CompetentLevel.COMMUNE,
        previous=earlier,
        at=_at(second_day),
    )
