"""The denouncer's identity: stored encrypted, read only by the entitled, every reading
audited (Law on Denunciation Art. 9, 47)."""

from __future__ import annotations

import re
import unicodedata
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
from danvan.letters.services.entitled import leader_or_assignee


@dataclass(frozen=True)
class Identity:
    name: str = ""
    phone: str = ""
    address: str = ""
    email: str = ""
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
        email_enc=crypto.encrypt(identity.email.strip()),
        address_enc=crypto.encrypt(identity.address.strip()),
        id_number_enc=crypto.encrypt(identity.id_number.strip()),
        relatives_enc=crypto.encrypt(identity.relatives.strip()),
        original_content_enc=crypto.encrypt(identity.original_content),
        blind_index=crypto.sender_key(identity.name, identity.phone),
    )
    row.save()
    return row


HIDDEN = "[đã ẩn]"


def _fold_char(c: str) -> str:
    base = unicodedata.normalize("NFD", c.lower())[:1] or c
    return "d" if base == "đ" else base


# Zero-width spaces: folded to one of them, which may stand between two words or inside one.
_ZERO_WIDTH_SPACES = frozenset("\u200b\u2060\ufeff")
_ZW = "\u200b"


def _folded(text: str) -> tuple[str, list[int]]:
    """``text`` folded (lower case, no diacritics) one visible character at a time, and the
    position in ``text`` of each folded character. Combining marks (diacritics typed apart,
    as "Unicode tổ hợp" keyboards and some phones do) and invisible format characters (soft
    hyphen, zero-width joiners, direction marks) fold to nothing; zero-width spaces are
    kept (:func:`_word`): a name they break up is still the name."""
    out: list[str] = []
    where: list[int] = []
    for i, c in enumerate(text):
        if c in _ZERO_WIDTH_SPACES:
            out.append(_ZW)
        elif unicodedata.combining(c) or unicodedata.category(c) == "Cf":
            continue
        else:
            out.append(_fold_char(c))
        where.append(i)
    return "".join(out), where


def _word(word: str) -> str:
    """A folded word as a pattern that a zero-width space inside it does not break."""
    return (re.escape(_ZW) + "*").join(re.escape(c) for c in word if c != _ZW)


def _hide(text: str, spans: list[tuple[int, int]], where: list[int]) -> str:
    """Replace the folded ``spans`` in ``text``, with the marks that belong to the last
    letter of each."""
    for start, end in reversed(spans):
        first, last = where[start], where[end - 1] + 1
        while last < len(text) and unicodedata.combining(text[last]):
            last += 1
        text = text[:first] + HIDDEN + text[last:]
    return text


def _mask_folded(text: str, name: str) -> str:
    """Replace ``name`` written with or without diacritics, in any case, with any spacing."""
    words = _folded(unicodedata.normalize("NFC", name))[0].replace(_ZW, " ").split()
    if not words or len("".join(words)) < 3:
        return text
    folded, where = _folded(text)
    pattern = re.compile(rf"[\s{_ZW}]+".join(_word(w) for w in words))
    return _hide(text, [m.span() for m in pattern.finditer(folded)], where)


def _mask_phrase(text: str, phrase: str) -> str:
    """Replace ``phrase`` (an address, or one part of it) written with or without
    diacritics, in any case, with any spacing or punctuation between its words; whole words
    only, so a short hamlet name never eats into a longer word."""
    words = re.findall(r"\w+", _folded(unicodedata.normalize("NFC", phrase))[0].replace(_ZW, " "))
    if len(words) < 2 or len("".join(words)) < 6:
        # One word ("Nà") would mask common words all over the letter.
        return text
    folded, where = _folded(text)
    pattern = re.compile(r"(?<!\w)" + r"[\W_]+".join(_word(w) for w in words) + r"(?!\w)")
    return _hide(text, [m.span() for m in pattern.finditer(folded)], where)


def _address_parts(address: str) -> list[str]:
    """The whole address, then its most precise part (the house or hamlet, before the first
    comma): a denouncer writes "tôi ở thôn Nà Pán" more often than their full address. The
    commune and district parts are left: they name the commune, not the person."""
    address = address.strip()
    first = re.split(r"[,;]", address, maxsplit=1)[0].strip()
    return [address, first] if first and first != address else [address]


def mask(text: str, identity: Identity) -> str:
    """``text`` with the denouncer's name, phone, address and representatives replaced, so
    the letter itself can go to verifiers and into the work queue (Art. 47: identity
    stripped from the file)."""
    # Composed, as the names are compared: a letter typed with separate diacritics is the
    # same text, and stored that way its words are found by every search.
    masked = unicodedata.normalize("NFC", text)
    secrets = (identity.phone, identity.id_number, identity.email)
    for secret in (s.strip() for s in secrets):
        if len(secret) >= 3:
            masked = re.sub(re.escape(secret), HIDDEN, masked, flags=re.IGNORECASE)
    for part in _address_parts(identity.address):
        masked = _mask_phrase(masked, part)
    masked = _mask_folded(masked, identity.name)
    # Relatives and a group's representatives: one name each, separated as typed.
    for other in re.split(r"[,;\n]+", identity.relatives or ""):
        masked = _mask_folded(masked, other)
    digits = crypto.normalize_phone(identity.phone)
    if len(digits) >= 6:
        # the phone written with spaces or dots, or as +84…: its digits with separators
        rest = r"[\s.\-]?".join(re.escape(d) for d in digits[1:])
        lead = r"(?:\+?84[\s.\-]?|0)" if digits.startswith("0") else re.escape(digits[0])
        masked = re.sub(lead + r"[\s.\-]?" + rest, HIDDEN, masked)
    return masked


def may_read_identity(user: Any, letter: Letter) -> bool:
    """The commune leader of the letter's unit and the case's assignee, nobody else (the
    assignee whatever their roles: the one the leader chose to handle it)."""
    return leader_or_assignee(user, letter)


def _decrypt(row: ProtectedIdentity) -> Identity:
    return Identity(
        name=crypto.decrypt(row.name_enc),
        phone=crypto.decrypt(row.phone_enc),
        email=crypto.decrypt(row.email_enc),
        address=crypto.decrypt(row.address_enc),
        id_number=crypto.decrypt(row.id_number_enc),
        relatives=crypto.decrypt(row.relatives_enc),
        original_content=crypto.decrypt(row.original_content_enc),
    )


def identity_read(*, user: Any, letter: Letter, purpose: str) -> Identity:
    """Decrypt the identity for an entitled reader and write the reading in the audit log
    (by the letter's code and the stated purpose, never the name)."""
    return _guarded_read(
        user=user,
        entitled=may_read_identity(user, letter),
        subject=letter,
        label=letter.code,
        purpose=purpose,
        row_filter={"letter_id": holder_id(letter)},
    )


def entry_identity_read(*, user: Any, entry: ReceptionEntry, purpose: str) -> Identity:
    """The same for a denunciation made in person (register entry): leaders only."""
    return _guarded_read(
        user=user,
        entitled=has_role(user, entry.unit, Role.LEADER),
        subject=entry,
        label=f"{entry.number}/{entry.year}",
        purpose=purpose,
        row_filter={"entry": entry},
    )


def identity_for_split(*, actor: Any, letter: Letter) -> Identity:
    """The protected sender of a mixed letter, used to mask them in the parts' texts and to
    key the parts' repeats; the parts store no copy of it (``holder_id``). Not a reading by
    a person: it is logged as a use, by the letter's code, and never shown."""
    return _used(actor=actor, letter=letter, action="letters.identity_used_for_split")


def entry_identity_for_masking(*, actor: Any, entry: ReceptionEntry) -> Identity:
    """The in-person denouncer, to mask them in a note typed later on their register entry
    (the answer's note). Logged as a use, never shown."""
    row = ProtectedIdentity.objects.filter(entry=entry).first()
    audit_record(
        actor=actor,
        action="letters.identity_used_for_masking",
        obj=entry,
        unit_code=entry.unit.code,
        object_repr=f"{entry.number}/{entry.year}",
    )
    return _decrypt(row) if row is not None else Identity()


def identity_for_masking(*, actor: Any, letter: Letter) -> Identity:
    """The protected sender, to mask their name and phone in a text an officer typed about
    the letter (a correction's reason) before it is stored. Logged as a use, never shown."""
    return _used(actor=actor, letter=letter, action="letters.identity_used_for_masking")


def holder_id(letter: Letter) -> int:
    """The letter whose encrypted row holds ``letter``'s sender: itself, or for a part split
    from a protected letter the letter it was split from, for a second complaint against a
    protected first one that first one. They share that one identity: a second encrypted
    copy would be one more place for it to leak from."""
    from danvan.letters.models import ComplaintTrack

    current, parent, seen = letter.pk, letter.split_from_id, set()
    while current not in seen:
        seen.add(current)
        if ProtectedIdentity.objects.filter(letter_id=current).exists():
            return current
        if parent is None:
            parent = (
                ComplaintTrack.objects.filter(letter_id=current, first__isnull=False)
                .values_list("first__letter_id", flat=True)
                .first()
            )
        if parent is None:
            break
        current = parent
        parent = Letter.objects.filter(pk=current).values_list("split_from_id", flat=True).first()
    return letter.pk


def _used(*, actor: Any, letter: Letter, action: str) -> Identity:
    row = ProtectedIdentity.objects.filter(letter_id=holder_id(letter)).first()
    audit_record(
        actor=actor,
        action=action,
        obj=letter,
        unit_code=letter.unit.code,
        object_repr=letter.code,
    )
    return _decrypt(row) if row is not None else Identity()


def _guarded_read(
    *,
    user: Any,
    entitled: bool,
    subject: Letter | ReceptionEntry,
    label: str,
    purpose: str,
    row_filter: dict[str, Any],
) -> Identity:
    if not entitled:
        # Outside the reading's transaction: the refusal is raised, and an atomic block
        # around it would roll the entry of the attempt back with it.
        audit_record(
            actor=user,
            action="letters.identity_refused",
            obj=subject,
            unit_code=subject.unit.code,
            object_repr=label,
        )
        raise PermissionDenied(_("Bạn không có quyền xem thông tin người tố cáo."))
    if not purpose.strip():
        raise PermissionDenied(_("Phải nêu mục đích xem thông tin người tố cáo."))
    with transaction.atomic():
        row = ProtectedIdentity.objects.filter(**row_filter).first()
        identity = _decrypt(row) if row is not None else Identity()
        # The purpose is typed by the reader and may name the person ("call Mr A back"); the
        # register is read by the unit's leaders and exported for inspectors: masked first.
        purpose = mask(purpose.strip(), identity)[:200]
        audit_record(
            actor=user,
            action="letters.identity_read",
            obj=subject,
            unit_code=subject.unit.code,
            object_repr=label,
            detail={"purpose": purpose},
        )
        return identity


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
