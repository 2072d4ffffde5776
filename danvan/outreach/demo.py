"""Demo data of dissemination for Phường Bắc Kạn (01843) and Xã Chợ Đồn (02020): villages'
languages, a land-recovery campaign with content in Vietnamese and Tày (Dao missing on
purpose, so the page shows which villages lack it) and sessions in most villages over the
past months. Idempotent: a commune that already has a campaign is left alone."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from danvan.accounts.roles import Role
from danvan.accounts.selectors import officers_of_unit
from danvan.outreach.models import Campaign, Course
from danvan.outreach.services import (
    CampaignInput,
    ModelInput,
    SessionInput,
    campaign_create,
    model_decide,
    model_progress_add,
    model_register,
    registrants_for,
    session_record,
    training_record,
    version_save,
    village_languages_set,
)
from danvan.territory.models import Unit, Village

UNITS = ("01843", "02020")
LANGUAGES = ("vi", "tay", "tay", "nung", "dao", "vi")


def _officer(unit: Unit) -> Any:
    return officers_of_unit(unit, Role.LEADER).first()


def seed(stdout: Any = None) -> None:
    today = timezone.localdate()
    for code in UNITS:
        unit = Unit.objects.filter(code=code).first()
        officer = _officer(unit) if unit else None
        if unit is None or officer is None:
            if stdout:
                stdout.write(f"  outreach: {code} skipped (no unit or officer)")
            continue
        if Campaign.objects.filter(unit=unit).exists():
            continue
        rng = random.Random(f"danvan-outreach-{code}")  # noqa: S311 - demo data, reproducible
        villages = list(Village.objects.filter(unit=unit).order_by("name"))
        village_languages_set(
            unit=unit,
            languages={v.pk: LANGUAGES[i % len(LANGUAGES)] for i, v in enumerate(villages)},
            actor=officer,
        )
        starts = today - timedelta(days=120)
        campaign = campaign_create(
            data=CampaignInput(
                unit=unit,
                subject="Luật Đất đai 2024: thu hồi đất, bồi thường, hỗ trợ, tái định cư",
                audiences=["village", "ethnic_group", "women"],
                channels=["meeting", "loudspeaker", "zalo"],
                languages=["vi", "tay", "dao"],
                starts=starts,
                ends=today + timedelta(days=60),
            ),
            actor=officer,
        )
        version_save(
            campaign=campaign,
            language="vi",
            title="Những điều cần biết khi Nhà nước thu hồi đất",
            body="Người có đất bị thu hồi được thông báo trước, được bồi thường theo giá đất cụ "
            "thể, được hỗ trợ ổn định đời sống và tái định cư.",
            author="Phòng Kinh tế xã",
            actor=officer,
        )
        version_save(
            campaign=campaign,
            language="tay",
            title="Nhằng điều cần hấu mỏ Nhà nước thu hồi đất",
            body="(Bản tiếng Tày do báo cáo viên của xã biên dịch, đọc trên loa truyền thanh.)",
            author="Báo cáo viên người Tày của xã",
            actor=officer,
        )
        for village in villages[: max(1, len(villages) * 3 // 4)]:
            for _n in range(rng.randint(1, 2)):
                session_record(
                    campaign=campaign,
                    data=SessionInput(
                        village_id=village.pk,
                        date=starts + timedelta(days=rng.randint(0, 110)),
                        channel=rng.choice(["meeting", "loudspeaker"]),
                        language=rng.choice(["vi", "tay"]),
                        attendees=(n := rng.randint(20, 90)),
                        attendees_female=n // 2,
                        attendees_minority=n * 2 // 3,
                        check_questions=5,
                        check_correct=rng.randint(2, 5),
                    ),
                    actor=officer,
                )
        _training_and_models(unit, officer, today)
        _party_reception_and_supervision(unit, officer, today)
        if stdout:
            stdout.write(f"  outreach: {unit.name} ready")


def _training_and_models(unit: Unit, officer: Any, today: date) -> None:
    """The leader trained in mass mobilisation this term (other courses still missing, so the
    alert shows), and one Party committee model recognised at commune level, exemplary."""
    course = Course.objects.filter(code="DV-01").first()
    if course is not None:
        training_record(
            unit=unit,
            course=course,
            day=today - timedelta(days=30),
            place="Trung tâm Chính trị",
            officer_ids=[officer.pk],
            actor=officer,
        )
    if not registrants_for(officer, unit):
        return
    model = model_register(
        data=ModelInput(
            unit=unit,
            year=today.year,
            registrant=registrants_for(officer, unit)[0],
            title="Cán bộ bám thôn vận động hiến đất làm đường liên thôn",
            topic="land",
            problem="Đường liên thôn hẹp, người dân chưa đồng thuận hiến đất.",
            objectives="100% hộ có đất trên tuyến đồng thuận; 3 km đường bê tông.",
            method="Mỗi cán bộ phụ trách 10 hộ; họp thôn công khai phương án; người có uy tín vận động.",
            area="Các thôn vùng cao, 240 hộ",
            forces="Đảng ủy chủ trì; Mặt trận, các đoàn thể phối hợp",
            resources="Ngân sách xã, Nhân dân góp công",
            starts=date(today.year, 1, 15),
            ends=date(today.year, 11, 30),
            outputs="Biên bản hiến đất; 3 km đường hoàn thành.",
        ),
        actor=officer,
    )
    model_progress_add(
        model=model,
        day=today - timedelta(days=20),
        result="2,1 km đường đã đổ bê tông; 180 hộ ký biên bản hiến đất.",
        evidence="Biên bản nghiệm thu ngày " + (today - timedelta(days=20)).strftime("%d/%m/%Y"),
        actor=officer,
    )
    model_decide(
        model=model, decision="recognise", level="commune", exemplary=True, day=today, actor=officer
    )


def _party_reception_and_supervision(unit: Unit, officer: Any, today: date) -> None:
    """The Party secretary's days of the last three months (two a month on working days, one
    not held with its reason), a visitor's matter in the register on its clock, and a joint
    supervision by the Women's Union with a recommendation answered."""
    from danvan.deadlines.workcal import get_calendar
    from danvan.letters.services import reception as letters_reception
    from danvan.outreach import party_reception
    from danvan.outreach.services import SupervisionInput, recommendation_add, supervision_create
    from danvan.outreach.services import recommendation_answer as answer

    calendar = get_calendar()
    first = (today.replace(day=1) - timedelta(days=70)).replace(day=1)
    for n in range(3):
        month = (first + timedelta(days=32 * n)).replace(day=1)
        days = []
        for offset in (9, 23):
            day = month + timedelta(days=offset)
            while not calendar.is_working_day(day):
                day += timedelta(days=1)
            if day < today:
                days.append(day)
        for k, day in enumerate(days):
            session = party_reception.schedule(
                unit=unit,
                day=day,
                host_name="Bí thư Đảng ủy",
                place="Trụ sở Đảng ủy",
                actor=officer,
            )
            not_held = n == 1 and k == 1
            letters_reception.session_mark(
                session=session,
                actor=officer,
                status="not_held" if not_held else "held",
                reason="Dự hội nghị của tỉnh" if not_held else "",
            )
            if n == 2 and k == 0:
                letters_reception.entry_record(
                    data=letters_reception.EntryInput(
                        unit=unit,
                        day=day,
                        session=session,
                        content="Đề nghị xem xét mức bồi thường khi thu hồi đất làm đường",
                        kind="petition",
                        visitor_name="Hoàng Văn Thắng",
                        visitor_address="Thôn Nà Pán",
                    ),
                    actor=officer,
                )
    supervision = supervision_create(
        data=SupervisionInput(
            unit=unit,
            organisation="women",
            subject="Giám sát việc chi trả tiền bồi thường, hỗ trợ khi thu hồi đất",
            starts=today - timedelta(days=40),
            ends=today - timedelta(days=36),
            participants="Hội Liên hiệp Phụ nữ xã, Mặt trận xã, đại diện UBND xã",
            findings="Đã chi trả cho 42/45 hộ; 3 hộ chưa nhận do vắng mặt, chưa được thông báo lại.",
        ),
        actor=officer,
    )
    answered = recommendation_add(
        supervision=supervision,
        text="Đề nghị UBND xã thông báo lại và chi trả cho 3 hộ còn lại",
        addressee="UBND xã",
        sent_on=today - timedelta(days=34),
        actor=officer,
    )
    answer(
        recommendation=answered,
        answer="Đã thông báo và chi trả cho 3 hộ ngày "
        + (today - timedelta(days=20)).strftime("%d/%m/%Y"),
        answered_on=today - timedelta(days=20),
        actor=officer,
    )
    recommendation_add(
        supervision=supervision,
        text="Đề nghị niêm yết công khai danh sách hộ được bồi thường tại nhà văn hóa thôn",
        addressee="UBND xã",
        sent_on=today - timedelta(days=5),
        actor=officer,
    )
