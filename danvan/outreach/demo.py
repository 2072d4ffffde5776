"""Demo data of dissemination for Phường Bắc Kạn (01843) and Xã Chợ Đồn (02020): villages'
languages, a land-recovery campaign with content in Vietnamese and Tày (Dao missing on
purpose, so the page shows which villages lack it) and sessions in most villages over the
past months. Idempotent: a commune that already has a campaign is left alone."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from django.utils import timezone

from danvan.accounts.models import Membership
from danvan.accounts.roles import Role
from danvan.outreach.models import Campaign
from danvan.outreach.services import (
    CampaignInput,
    SessionInput,
    campaign_create,
    session_record,
    version_save,
    village_languages_set,
)
from danvan.territory.models import Unit, Village

UNITS = ("01843", "02020")
LANGUAGES = ("vi", "tay", "tay", "nung", "dao", "vi")


def _officer(unit: Unit) -> Any:
    membership = (
        Membership.objects.filter(unit=unit, role__in=[Role.LEADER, Role.SPECIALIST])
        .select_related("user")
        .order_by("role")
        .first()
    )
    return membership.user if membership else None


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
        if stdout:
            stdout.write(f"  outreach: {unit.name} ready")
