"""Demo data for grassroots democracy, through the services: households in every village of
the demo communes, an open consultation, a ballot with votes, a disclosure and a People's
Inspection Board with a recommendation. Idempotent: a commune that has households is skipped.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from danvan.accounts.models import Membership
from danvan.accounts.roles import Role
from danvan.core.documents import OfficialDocument
from danvan.democracy.models import Household
from danvan.democracy.services.consultations import comment_add, consultation_create
from danvan.democracy.services.decisions import VoteInput, decision_create, vote_cast
from danvan.democracy.services.disclosures import disclosure_create
from danvan.democracy.services.households import households_import
from danvan.democracy.services.supervision import (
    board_create,
    board_member_add,
    recommendation_receive,
)
from danvan.territory.models import Village

SURNAMES = ["Nguyễn", "Hoàng", "Nông", "Triệu", "Lý", "Ma", "Hà", "Lục", "Dương", "Bế"]
GIVEN = ["Văn Thắng", "Thị Hoa", "Văn Đức", "Thị Lan", "Văn Sơn", "Thị Mai", "Văn Hùng"]
MAX_UNITS = 3


def _leaders() -> list[Membership]:
    return list(
        Membership.objects.filter(role=Role.LEADER, unit__villages__isnull=False)
        .select_related("unit", "user")
        .distinct()
        .order_by("unit__code")[:MAX_UNITS]
    )


def seed(stdout: Any = None) -> None:
    for membership in _leaders():
        unit, officer = membership.unit, membership.user
        if Household.objects.filter(unit=unit).exists():
            continue
        rng = random.Random(f"danvan-democracy-{unit.code}")  # noqa: S311 - reproducible demo
        villages = list(Village.objects.filter(unit=unit).order_by("name")[:6])
        for village in villages:
            lines = ["ma_ho,chu_ho,so_nhan_khau"]
            for n in range(1, rng.randint(25, 60)):
                lines.append(
                    f"H{n:03d},{rng.choice(SURNAMES)} {rng.choice(GIVEN)},{rng.randint(1, 7)}"
                )
            households_import(
                actor=officer,
                village=village,
                file=("\n".join(lines)).encode(),
                filename="ho-gia-dinh.csv",
            )
        _activities(unit, officer, villages, rng)
        if stdout:
            stdout.write(f"  democracy: {unit.name} ready")


def _activities(unit: Any, officer: Any, villages: list[Village], rng: random.Random) -> None:
    now = timezone.now()
    consultation = consultation_create(
        actor=officer,
        unit=unit,
        village=None,
        category="plans",
        title="Dự thảo kế hoạch phát triển kinh tế - xã hội năm 2027",
        summary="UBND xã lấy ý kiến Nhân dân về dự thảo kế hoạch năm 2027.",
        opens=now - timedelta(days=3),
        closes=now + timedelta(days=25),
    )
    for n in range(3):
        comment_add(
            consultation=consultation,
            name=f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}",
            phone=f"09{rng.randint(10_000_000, 99_999_999)}",
            content="Đề nghị ưu tiên đường giao thông nông thôn và kênh mương nội đồng.",
            at=now - timedelta(days=2 - n),
        )
    village = villages[0]
    decision = decision_create(
        actor=officer,
        unit=unit,
        village=village,
        scope="village",
        category="contribution",
        form="ballot",
        title="Đóng góp làm đường bê tông nội thôn",
        noticed_at=now - timedelta(days=4),
        opens=now - timedelta(days=1),
        closes=now + timedelta(days=6),
    )
    for household in Household.objects.filter(village=village)[:20]:
        vote_cast(
            decision=decision,
            actor=officer,
            data=VoteInput(household=household, choice=rng.choice(["yes", "yes", "no"])),
        )
    today = timezone.localdate()
    doc = OfficialDocument(
        issuer_parent="",
        issuer=f"UBND {unit.name}".upper(),
        number="Số: 01/QĐ-UBND",
        place=unit.name,
        date=today,
        title="QUYẾT ĐỊNH",
        subtitle="Phê duyệt dự toán ngân sách xã năm 2027",
        blocks=["Dự toán thu, chi ngân sách xã năm 2027 (kèm theo)."],
    )
    disclosure_create(
        actor=officer,
        unit=unit,
        category="budget",
        title="Dự toán ngân sách xã năm 2027",
        decided_on=today - timedelta(days=3),
        document=ContentFile(doc.to_docx(), name="du-toan-2027.docx"),
        posted_on=today - timedelta(days=1),
        places=["commune_office", "portal"],
    )
    board = board_create(
        actor=officer,
        unit=unit,
        kind="inspection",
        name="Ban Thanh tra nhân dân",
        term_start=date(today.year - 1, 1, 1),
        term_end=date(today.year + 4, 1, 1),
    )
    for v in villages[:5]:
        board_member_add(
            actor=officer,
            board=board,
            village=v,
            name=f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)} {v.pk}",
            term_start=board.term_start,
            term_end=board.term_end,
            is_commune_official=False,
        )
    recommendation_receive(
        actor=officer,
        board=board,
        title="Kiến nghị về tiến độ công trình nhà văn hóa",
        content="Công trình chậm tiến độ hai tháng; đề nghị UBND xã làm rõ nguyên nhân.",
    )
