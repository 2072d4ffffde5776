"""Residents comment (Art. 25): a consultation runs at least 20 days (Art. 28), comments come
online (one per phone number) or are entered by officers from meetings and paper with their
source, each gets its answer in the synthesis, and the synthesis is published."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.idempotency import create_once
from danvan.core.localtime import local_date
from danvan.core.services import audit_record
from danvan.deadlines.clock import compute_due
from danvan.democracy.categories import CommentResponse, CommentSource, ConsultationCategory
from danvan.democracy.models import Comment, Consultation
from danvan.democracy.services.common import ORGANISER_ROLES, aware, one_line, require
from danvan.democracy.services.errors import DemocracyError
from danvan.territory.models import Unit, Village

PHONE = re.compile(r"^\+?[0-9]{9,15}$")


def normalise_phone(phone: str) -> str:
    digits = re.sub(r"[\s.\-()]", "", phone or "")
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    return digits


def earliest_close(opens: datetime) -> Any:
    """The first day a consultation opened at ``opens`` may end (``democracy.consultation.min``)."""
    return compute_due("democracy.consultation.min", opens).due


def minimum_rule(opens: datetime) -> Any:
    """The rule in force for a consultation opened at ``opens`` (its value and citation are
    what the messages say, never a figure written here)."""
    return compute_due("democracy.consultation.min", opens).rule


def _existing(key: str) -> Consultation | None:
    return Consultation.objects.filter(idempotency_key=key).first()


def consultation_create(
    *,
    actor: Any,
    unit: Unit,
    village: Village | None,
    category: str,
    title: str,
    summary: str,
    opens: datetime,
    closes: datetime,
    idempotency_key: str | None = None,
) -> Consultation:
    require(actor, unit, ORGANISER_ROLES)
    found = _existing(idempotency_key) if idempotency_key else None
    if found is not None:
        return found
    title = one_line(title, 300)
    summary = (summary or "").strip()[:10000]
    if category not in ConsultationCategory.values:
        raise DemocracyError("bad_category", _("Nội dung lấy ý kiến không hợp lệ."), "category")
    if not title:
        raise DemocracyError("title_required", _("Cần nhập tiêu đề."), "title")
    if len(summary) < 10:
        raise DemocracyError("summary_required", _("Cần tóm tắt nội dung lấy ý kiến."), "summary")
    if village is not None and village.unit_id != unit.pk:
        raise DemocracyError("bad_village", _("Chọn thôn, tổ dân phố của xã."), "village")
    aware(opens, "opens")
    aware(closes, "closes")
    first_end = earliest_close(opens)
    if local_date(closes) < first_end:
        raise DemocracyError(
            "too_short",
            _(
                "Thời gian lấy ý kiến ít nhất %(n)d ngày: kết thúc sớm nhất ngày %(day)s "
                "(%(citation)s)."
            )
            % {
                "n": minimum_rule(opens).amount,
                "day": first_end.strftime("%d/%m/%Y"),
                "citation": minimum_rule(opens).citation,
            },
            "closes",
        )

    def create() -> Consultation:
        consultation = Consultation.objects.create(
            unit=unit,
            village=village,
            category=category,
            title=title,
            summary=summary,
            opens=opens,
            closes=closes,
            created_by=actor,
            idempotency_key=idempotency_key,
        )
        audit_record(
            actor=actor,
            action="democracy.consultation.create",
            obj=consultation,
            unit_code=unit.code,
            detail={"category": category},
        )
        return consultation

    # A concurrent twin with the same key may win the unique column: return its row.
    consultation, _created = create_once(key=idempotency_key, find=_existing, create=create)
    return consultation


def comment_add(
    *,
    consultation: Consultation,
    name: str,
    phone: str,
    content: str,
    actor: Any = None,
    source: str = CommentSource.ONLINE,
    source_note: str = "",
    at: datetime | None = None,
    submission_key: str | None = None,
) -> Comment:
    """A comment: online by a resident (``actor`` None: phone required, one per phone, only
    while open), or entered by an officer from a meeting or paper with its source."""
    at = at or timezone.now()
    name = one_line(name, 150)
    content = (content or "").strip()
    phone = normalise_phone(phone)
    if submission_key:
        found = Comment.objects.filter(submission_key=submission_key).first()
        if found is not None:
            return found
    if actor is None:
        source = CommentSource.ONLINE
        if not (consultation.opens <= at < consultation.closes):
            raise DemocracyError(
                "closed", _("Đã hết thời gian góp ý (hoặc chưa bắt đầu)."), status=409
            )
        if not PHONE.match(phone):
            raise DemocracyError("bad_phone", _("Số điện thoại không hợp lệ."), "phone")
    else:
        require(actor, consultation.unit, ORGANISER_ROLES + ("village_head",))
        if source not in (CommentSource.MEETING, CommentSource.PAPER):
            raise DemocracyError("bad_source", _("Chọn nguồn ý kiến."), "source")
        if not source_note.strip():
            raise DemocracyError(
                "source_required",
                _("Ghi rõ nguồn (hội nghị ngày…, phiếu số…)."),
                "source_note",
            )
        if phone and not PHONE.match(phone):
            raise DemocracyError("bad_phone", _("Số điện thoại không hợp lệ."), "phone")
    if not name:
        raise DemocracyError("name_required", _("Cần nhập họ và tên."), "name")
    if not 5 <= len(content) <= 5000:
        raise DemocracyError("bad_content", _("Ý kiến cần từ 5 đến 5.000 ký tự."), "content")
    if phone and Comment.objects.filter(consultation=consultation, phone=phone).exists():
        raise DemocracyError(
            "duplicate", _("Số điện thoại này đã góp ý cho nội dung này."), "phone", status=409
        )
    try:
        with transaction.atomic():
            comment = Comment.objects.create(
                unit=consultation.unit,
                consultation=consultation,
                name=name,
                phone=phone,
                content=content,
                source=source,
                source_note=one_line(source_note, 200),
                created_at=at,
                recorded_by=actor,
                submission_key=submission_key,
            )
            audit_record(
                actor=actor,
                action="democracy.comment.add",
                obj=consultation,
                unit_code=consultation.unit.code,
                object_repr=str(consultation.pk),
                detail={"comment": comment.pk, "source": source},
            )
    except IntegrityError as exc:
        # A double submit of the same form: the other request stored it.
        found = (
            Comment.objects.filter(submission_key=submission_key).first()
            if submission_key
            else None
        )
        if found is not None:
            return found
        raise DemocracyError(
            "duplicate", _("Số điện thoại này đã góp ý cho nội dung này."), "phone", status=409
        ) from exc
    return comment


def comment_respond(*, comment: Comment, actor: Any, response: str, note: str) -> Comment:
    require(actor, comment.unit, ORGANISER_ROLES)
    if response not in (
        CommentResponse.ACCEPTED,
        CommentResponse.PARTLY,
        CommentResponse.EXPLAINED,
    ):
        raise DemocracyError("bad_response", _("Chọn cách tiếp thu."), "response")
    note = (note or "").strip()[:5000]
    if response != CommentResponse.ACCEPTED and len(note) < 5:
        raise DemocracyError(
            "note_required", _("Tiếp thu một phần hoặc giải trình phải nêu lý do."), "note"
        )
    if comment.consultation.synthesis_published_at is not None:
        raise DemocracyError("published", _("Báo cáo tổng hợp đã công bố."), status=409)
    with transaction.atomic():
        comment.response, comment.response_note = response, note
        comment.save(update_fields=["response", "response_note"])
        audit_record(
            actor=actor,
            action="democracy.comment.respond",
            obj=comment.consultation,
            unit_code=comment.unit.code,
            detail={"comment": comment.pk, "response": response},
        )
    return comment


def synthesis_publish(
    *, consultation: Consultation, actor: Any, synthesis: str, at: datetime | None = None
) -> Consultation:
    """Publish the synthesis once the consultation is over and every comment is answered."""
    require(actor, consultation.unit, ORGANISER_ROLES)
    at = at or timezone.now()
    if at < consultation.closes:
        raise DemocracyError("still_open", _("Chưa hết thời gian lấy ý kiến."), status=409)
    if consultation.synthesis_published_at is not None:
        raise DemocracyError("published", _("Báo cáo tổng hợp đã công bố."), status=409)
    synthesis = (synthesis or "").strip()[:20000]
    if len(synthesis) < 20:
        raise DemocracyError("synthesis_required", _("Cần nhập báo cáo tổng hợp."), "synthesis")
    if consultation.comments.filter(response="").exists():
        raise DemocracyError(
            "unanswered",
            _("Còn ý kiến chưa được tiếp thu hoặc giải trình."),
            "synthesis",
            status=409,
        )
    with transaction.atomic():
        consultation.synthesis, consultation.synthesis_published_at = synthesis, at
        consultation.save(update_fields=["synthesis", "synthesis_published_at", "updated_at"])
        audit_record(
            actor=actor,
            action="democracy.consultation.publish",
            obj=consultation,
            unit_code=consultation.unit.code,
        )
    return consultation
