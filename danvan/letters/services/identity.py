"""The denouncer's identity: stored encrypted, read only by the entitled, every reading
audited (Law on Denunciation Art. 9, 47)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.accounts.access import has_role
from danvan.accounts.roles import Role
from danvan.core.services import audit_record
from danvan.letters.models import Letter, ProtectedIdentity, ReceptionEntry
from danvan.letters.services import crypto


@dataclass(frozen=True)
class Identity:
    name: str = ""
    phone: str = ""
    address: str = ""
    id_number: str = ""
    relatives: str = ""
    original_content: str = ""


def identity_store(
    *,
    identity: Identity,
    letter: Letter | None = None,
    entry: ReceptionEntry | None = None,
) -> ProtectedIdentity:
    """Encrypt and store; the caller's transaction covers it. Refused without a key."""
    row = ProtectedIdentity(
        letter=letter,
        entry=entry,
        name_enc=crypto.encrypt(identity.name.strip()),
        phone_enc=crypto.encrypt(identity.phone.strip()),
        address_enc=crypto.encrypt(identity.address.strip()),
        id_number_enc=crypto.encrypt(identity.id_number.strip()),
        relatives_enc=crypto.encrypt(identity.relatives.strip()),
        original_content_enc=crypto.encrypt(identity.original_content),
        blind_index=crypto.sender_key(identity.name, identity.phone),
    )
    row.save()
    return row


def mask(text: str, identity: Identity) -> str:
    """``text`` with the denouncer's name and phone replaced, so the letter itself can go
    to verifiers and into the work queue (Art. 47: identity stripped from the file)."""
    masked = text
    for secret in (identity.name.strip(), identity.phone.strip(), identity.id_number.strip()):
        if len(secret) >= 3:
            masked = re.sub(re.escape(secret), "[đã ẩn]", masked, flags=re.IGNORECASE)
    digits = crypto.normalize_phone(identity.phone)
    if len(digits) >= 6:
        # the phone written with spaces or dots: match its digits with separators between
        pattern = r"[\s.\-]?".join(re.escape(d) for d in digits)
        masked = re.sub(pattern, "[đã ẩn]", masked)
    return masked


def may_read_identity(user: Any, letter: Letter) -> bool:
    """The commune leader of the letter's unit and the case's assignee, nobody else."""
    if not getattr(user, "is_authenticated", False):
        return False
    if has_role(user, letter.unit, Role.LEADER):
        return True
    return letter.case.assignee_id is not None and letter.case.assignee_id == user.pk


def _decrypt(row: ProtectedIdentity) -> Identity:
    return Identity(
        name=crypto.decrypt(row.name_enc),
        phone=crypto.decrypt(row.phone_enc),
        address=crypto.decrypt(row.address_enc),
        id_number=crypto.decrypt(row.id_number_enc),
        relatives=crypto.decrypt(row.relatives_enc),
        original_content=crypto.decrypt(row.original_content_enc),
    )


@transaction.atomic
def identity_read(*, user: Any, letter: Letter, purpose: str) -> Identity:
    """Decrypt the identity for an entitled reader and write the reading in the audit log
    (by the letter's code and the stated purpose, never the name)."""
    if not may_read_identity(user, letter):
        audit_record(
            actor=user,
            action="letters.identity_refused",
            obj=letter,
            unit_code=letter.unit.code,
            object_repr=letter.code,
        )
        raise PermissionDenied(_("Bạn không có quyền xem thông tin người tố cáo."))
    if not purpose.strip():
        raise PermissionDenied(_("Phải nêu mục đích xem thông tin người tố cáo."))
    row = ProtectedIdentity.objects.filter(letter=letter).first()
    audit_record(
        actor=user,
        action="letters.identity_read",
        obj=letter,
        unit_code=letter.unit.code,
        object_repr=letter.code,
        detail={"purpose": purpose.strip()[:200]},
    )
    return _decrypt(row) if row is not None else Identity()


@transaction.atomic
def entry_identity_read(*, user: Any, entry: ReceptionEntry, purpose: str) -> Identity:
    """The same for a denunciation made in person (register entry): leaders only."""
    if not has_role(user, entry.unit, Role.LEADER):
        raise PermissionDenied(_("Bạn không có quyền xem thông tin người tố cáo."))
    row = ProtectedIdentity.objects.filter(entry=entry).first()
    audit_record(
        actor=user,
        action="letters.identity_read",
        obj=entry,
        unit_code=entry.unit.code,
        object_repr=f"{entry.number}/{entry.year}",
        detail={"purpose": purpose.strip()[:200]},
    )
    return _decrypt(row) if row is not None else Identity()


def identities_rotate(*, batch_size: int = 500) -> int:
    """Re-encrypt every identity with the newest key, in batches, each its own transaction
    (old keys keep decrypting meanwhile, so the service never stops). Returns rows done."""
    done, last_pk = 0, 0
    while True:
        with transaction.atomic():
            rows = list(
                ProtectedIdentity.objects.select_for_update()
                .filter(pk__gt=last_pk)
                .order_by("pk")[:batch_size]
            )
            if not rows:
                return done
            for row in rows:
                for field in ProtectedIdentity.ENCRYPTED_FIELDS:
                    setattr(row, field, crypto.rotate(getattr(row, field)))
                plain = _decrypt(row)
                row.blind_index = crypto.sender_key(plain.name, plain.phone)
            ProtectedIdentity.objects.bulk_update(
                rows, [*ProtectedIdentity.ENCRYPTED_FIELDS, "blind_index"]
            )
            last_pk = rows[-1].pk
            done += len(rows)
