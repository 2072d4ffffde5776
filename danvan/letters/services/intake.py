"""Receiving a letter from any channel, with repeat and duplicate detection."""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.cases import services as case_services
from danvan.cases.models import CaseStatus
from danvan.core.services import audit_record
from danvan.letters.models import (
    Channel,
    ComplaintTrack,
    Decision,
    DenunciationTrack,
    Letter,
    LetterAttachment,
    LetterKind,
)
from danvan.letters.models.letters import FORWARDING_CHANNELS, PROTECTED_KINDS, protected_q
from danvan.letters.services import casework, crypto
from danvan.letters.services.errors import LetterError
from danvan.letters.services.identity import Identity, identity_store, mask
from danvan.letters.services.notify import notify_sender
from danvan.territory.models import Unit

logger = logging.getLogger(__name__)

# Two letters from the same sender whose folded contents are this similar are "the same".
SAME_CONTENT_RATIO = 0.9
# A previous letter in one of these states has been answered: a repeat is not processed again.
ANSWERED = frozenset({Decision.GUIDED, Decision.FORWARDED, Decision.NOT_ELIGIBLE})


@dataclass
class Sender:
    name: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    id_number: str = ""
    relatives: str = ""

    @classmethod
    def of(cls, letter: Any, kept: Any = None) -> Sender:
        """``letter``'s sender for a letter made from it (a split part, a second complaint):
        ``kept``, the protected identity the caller read with its audited purpose, or else
        the letter's own sender fields."""
        if kept is not None:
            return cls(
                name=kept.name,
                phone=kept.phone,
                email=kept.email,
                address=kept.address,
                id_number=kept.id_number,
                relatives=kept.relatives,
            )
        return cls(
            name=letter.sender_name,
            phone=letter.sender_phone,
            email=letter.sender_email,
            address=letter.sender_address,
        )


@dataclass
class IncomingFile:
    upload: UploadedFile
    content_type: str


@dataclass
class LetterInput:
    unit: Unit
    kind: str
    content: str
    channel: str
    sender: Sender = field(default_factory=Sender)
    title: str = ""
    received_at: datetime | None = None
    forwarded_by: str = ""
    signers_count: int = 1
    has_originals: bool = False
    category: str = ""
    checks_several_places: bool = False
    is_over_level: bool | None = None
    files: list[IncomingFile] = field(default_factory=list)
    split_from: Letter | None = None
    # A letter whose protected sender this one shares without a copy (a second complaint
    # against a protected first one); a split part shares its ``split_from``'s.
    identity_of: Letter | None = None
    # Off for a split part or a second complaint: linked on purpose, never a repeat.
    check_repeats: bool = True
    submission_key: str | None = None


def _same_content(a: str, b: str) -> bool:
    fa, fb = crypto.folded(a), crypto.folded(b)
    if fa == fb:
        return True
    return SequenceMatcher(None, fa, fb, autojunk=False).ratio() >= SAME_CONTENT_RATIO


def find_previous(
    *, unit: Unit, sender_key: str, content: str, protected: bool = False
) -> Letter | None:
    """The latest earlier letter of the same sender with the same content, if any, on the
    same side of a denouncer's protection as the new one: a repeat linked across it would
    show, on the ordinary letter's page, the sender's name beside the protected letter."""
    if not sender_key:
        return None
    same_side = (
        Letter.objects.filter(protected_q()) if protected else Letter.objects.exclude(protected_q())
    )
    candidates = (
        same_side.filter(unit=unit, sender_key=sender_key)
        .select_related("case")
        .order_by("-received_at", "-id")[:20]
    )
    for candidate in candidates:
        if _same_content(candidate.content, content):
            return candidate
    return None


def _validate(data: LetterInput) -> None:
    if data.kind not in LetterKind.values:
        raise LetterError("bad_kind", _("Loại đơn không hợp lệ."))
    if data.channel not in Channel.values:
        raise LetterError("bad_channel", _("Nguồn đơn không hợp lệ."))
    if len(data.content.strip()) < 10:
        raise LetterError("content_short", _("Nội dung đơn quá ngắn (ít nhất 10 ký tự)."))
    if data.channel in FORWARDING_CHANNELS and not data.forwarded_by.strip():
        raise LetterError("forwarder_required", _("Ghi rõ cơ quan, người chuyển đơn."))
    if data.signers_count < 1:
        raise LetterError("bad_signers", _("Số người ký phải từ 1 trở lên."))


def _title(data: LetterInput, content: str) -> str:
    title = (
        (data.title or content).strip().splitlines()[0] if (data.title or content).strip() else ""
    )
    return title[:200]


@transaction.atomic
def letter_receive(*, data: LetterInput, actor: Any | None) -> Letter:
    """Register a letter: open its case on the intake rule of its kind, keep a denouncer's
    identity encrypted (never on the case), link a repeat to the earlier letter and, when
    that one was already answered, record it as a duplicate that is not processed again."""
    _validate(data)
    received_at = data.received_at or timezone.now()
    denunciation = data.kind == LetterKind.DENUNCIATION
    # A mixed letter may contain a denunciation: its sender is protected from receipt too.
    # A part split from a protected letter keeps that protection whatever its own kind, and
    # its sender is the same encrypted identity (read through the letter it came from,
    # ``identity.holder_id``), never a second copy (Law on Denunciation Art. 47).
    inherited = any(
        other is not None and other.identity_protected
        for other in (data.split_from, data.identity_of)
    )
    protected = data.kind in PROTECTED_KINDS or inherited
    sender = data.sender
    content = data.content.strip()
    identity = Identity(
        name=sender.name,
        phone=sender.phone,
        address=sender.address,
        email=sender.email,
        id_number=sender.id_number,
        relatives=sender.relatives,
        original_content=content,
    )
    if protected:
        content = mask(content, identity)
    key = crypto.sender_key(sender.name, sender.phone)
    previous = (
        find_previous(unit=data.unit, sender_key=key, content=content, protected=protected)
        if data.check_repeats
        else None
    )

    case = case_services.case_open(
        unit=data.unit,
        kind=casework.CASE_KIND[data.kind],
        code=casework.new_code(data.unit, casework.CASE_KIND[data.kind], received_at),
        title=_title(data, content),
        rule_id=casework.INTAKE_RULE[data.kind],
        received_at=received_at,
        actor=actor,
        channel=data.channel,
        applicant_name="" if protected else sender.name.strip()[:150],
        applicant_phone="" if protected else sender.phone.strip()[:20],
        applicant_email="" if protected else sender.email.strip(),
        applicant_address="" if protected else sender.address.strip()[:300],
        confidential=protected,
        is_complex=denunciation and data.checks_several_places,
        event_note=_("Đã nhận đơn."),
    )
    letter = Letter.objects.create(
        case=case,
        unit=data.unit,
        kind=data.kind,
        channel=data.channel,
        forwarded_by=data.forwarded_by.strip()[:200],
        received_at=received_at,
        title=case.title,
        content=content,
        category=data.category,
        sender_name="" if protected else sender.name.strip()[:150],
        sender_phone="" if protected else sender.phone.strip()[:20],
        sender_email="" if protected else sender.email.strip(),
        sender_address="" if protected else sender.address.strip()[:300],
        sender_key=key,
        content_key=crypto.content_key(content),
        anonymous=not sender.name.strip(),
        sender_protected=protected,
        signers_count=data.signers_count,
        has_originals=data.has_originals,
        is_over_level=(
            data.channel == Channel.SUPERIOR if data.is_over_level is None else data.is_over_level
        ),
        split_from=data.split_from,
        submission_key=data.submission_key,
        decision_due=case.due_date,
        is_repeat=previous is not None,
        duplicate_of=previous,
    )
    someone = any(v.strip() for v in (sender.name, sender.phone, sender.email, sender.address))
    if protected and not inherited and someone:
        identity_store(identity=identity, letter=letter)
    if denunciation:
        DenunciationTrack.objects.create(
            letter=letter, checks_several_places=data.checks_several_places
        )
    elif data.kind == LetterKind.COMPLAINT:
        ComplaintTrack.objects.create(letter=letter, remote=bool(data.unit.is_remote))
    _attach(letter, data.files)
    audit_record(
        actor=actor,
        action="letters.receive",
        obj=letter,
        unit_code=data.unit.code,
        object_repr=case.code,
        detail={"kind": data.kind, "channel": data.channel, "repeat": previous is not None},
    )
    if previous is not None and _answered(previous):
        _close_as_duplicate(letter, previous, actor, received_at)
    elif data.split_from is None:
        notify_sender(letter=letter, event="received")
    logger.info("letter received %s kind=%s channel=%s", case.code, data.kind, data.channel)
    return letter


def _answered(previous: Letter) -> bool:
    if previous.decision in ANSWERED or previous.decision == Decision.DUPLICATE:
        return True
    return previous.decision == Decision.ACCEPTED and not previous.case.is_open


def _suffix(original: str) -> str:
    """The file's extension, lower case, when it looks like one (``.pdf``), else nothing."""
    suffix = Path(original).suffix.lower()
    return suffix if re.fullmatch(r"\.[a-z0-9]{1,8}", suffix) else ""


def _stored_name(original: str) -> str:
    # A random name on disk: the citizen's file name (often their own name) never becomes a
    # guessable path; the original is kept in ``name`` for the officers' download, unless
    # the sender is protected (``neutral_name``).
    return uuid.uuid4().hex + _suffix(original)


def neutral_name(index: int, original: str) -> str:
    """``tep-dinh-kem-1.pdf``: the name a protected sender's file goes by. The original is
    often the sender's own name, and a denouncer's identity never sits in clear in a column
    (Law on Denunciation Art. 9, 47); the extension is kept, so the file still opens."""
    return f"tep-dinh-kem-{index}{_suffix(original)}"


def _attach(letter: Letter, files: Iterable[IncomingFile]) -> None:
    for index, item in enumerate(files, start=1):
        original = item.upload.name or ""
        item.upload.name = _stored_name(original)
        LetterAttachment.objects.create(
            letter=letter,
            file=item.upload,
            name=(
                neutral_name(index, original)
                if letter.sender_protected
                else Path(original).name[:200]
            ),
            content_type=item.content_type,
            size=item.upload.size or 0,
        )


def _close_as_duplicate(letter: Letter, previous: Letter, actor: Any, at: datetime) -> None:
    reason = _(
        "Đơn trùng nội dung, cùng người gửi với đơn %(code)s đã được %(what)s; không xử lý lại."
    ) % {"code": previous.code, "what": previous.get_decision_display().lower()}
    letter.decision = Decision.DUPLICATE
    letter.decided_at = at
    letter.decided_by = actor if getattr(actor, "is_authenticated", False) else None
    letter.reasons = reason
    letter.save(update_fields=["decision", "decided_at", "decided_by", "reasons", "updated_at"])
    case_services.case_close(
        case=letter.case,
        actor=actor,
        status=CaseStatus.REFUSED,
        at=at,
        note=reason,
        public_note=_("Đơn trùng với đơn đã được xử lý trước đây; không xử lý lại."),
    )
