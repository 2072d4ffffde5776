"""Real democracy objects for the project-wide robustness walk (tests/robustness): junk sent
to a page that finds its object reaches the form and the service behind it."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from danvan.core.documents import OfficialDocument
from danvan.democracy.models import Posting
from danvan.democracy.services.consultations import comment_add, consultation_create
from danvan.democracy.services.decisions import VoteInput, vote_cast
from danvan.democracy.services.disclosures import disclosure_create
from danvan.democracy.services.supervision import board_create, recommendation_receive

from .conftest import add_households, open_decision


def add_to_world(w: Any, unit: Any, village: Any, officer: Any) -> None:
    households = add_households(village, 3)
    decision = open_decision(village)
    vote = vote_cast(
        decision=decision, actor=officer, data=VoteInput(household=households[0], choice="yes")
    )
    now = timezone.now()
    consultation = consultation_create(
        actor=officer,
        unit=unit,
        village=None,
        category="plans",
        title="Kế hoạch 2027",
        summary="Dự thảo kế hoạch năm 2027.",
        opens=now - timedelta(days=1),
        closes=now + timedelta(days=25),
    )
    comment = comment_add(consultation=consultation, name="A", phone="0912000999", content="Ý kiến")
    doc = OfficialDocument(
        issuer_parent="", issuer="UBND", number="1", place="A", date=date(2026, 1, 1), title="QĐ"
    )
    disclosure = disclosure_create(
        actor=officer,
        unit=unit,
        category="budget",
        title="Dự toán",
        decided_on=timezone.localdate(),
        document=SimpleUploadedFile("a.docx", doc.to_docx()),
        posted_on=timezone.localdate(),
        places=["commune_office"],
    )
    board = board_create(
        actor=officer,
        unit=unit,
        kind="inspection",
        name="Ban TTND",
        term_start=date(2026, 1, 1),
        term_end=date(2030, 1, 1),
    )
    rec = recommendation_receive(
        actor=officer, board=board, title="K", content="Nội dung kiến nghị"
    )
    w.add("dan-chu/", "code", unit.code)
    w.add("dan-chu/bieu-quyet/", "pk", decision.pk)
    w.add("dan-chu/bieu-quyet/", "fmt", "docx", "pdf")
    w.add("dan-chu/thon/", "pk", village.pk)
    w.add("dan-chu/lay-y-kien/", "pk", consultation.pk)
    w.add("dan-chu/lay-y-kien/", "comment", comment.pk)
    w.add("dan-chu/cong-khai/", "pk", disclosure.pk)
    w.add("dan-chu/niem-yet/", "pk", Posting.objects.filter(disclosure=disclosure).first().pk)
    w.add("dan-chu/ban/", "pk", board.pk)
    w.add("dan-chu/kien-nghi/", "pk", rec.pk)
    w.add("dan-chu/cong-dan/", "pk", consultation.pk, disclosure.pk, village.pk)
    w.add("api/v1/democracy/", "decision_id", decision.pk)
    w.add("api/v1/democracy/", "consultation_id", consultation.pk)
    w.add("api/v1/democracy/", "receipt", vote.receipt)
