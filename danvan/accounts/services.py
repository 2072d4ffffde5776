"""Writes of accounts: officers, their memberships, and bulk import. All audited.

Also the writes behind sign-in: API tokens (checked by ``danvan.accounts.auth``), the second
factor (verified by ``danvan.accounts.twofactor``) and the password history (read by
``danvan.accounts.passwords``). The import's validation lives in ``danvan.accounts.importing``
(it only reads and reports) and calls :func:`officers_import`.
"""

from __future__ import annotations

import os
import secrets
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.validators import ASCIIUsernameValidator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from danvan.accounts.access import forget_memberships, has_role, memberships_for
from danvan.accounts.auth import (
    DEFAULT_TOKEN_DAYS,
    MAX_TOKEN_DAYS,
    new_token_plaintext,
    token_digest,
)
from danvan.accounts.models import ApiToken, Membership, OfficerProfile, PasswordHistory
from danvan.accounts.roles import PROVINCE_ROLES, Organisation, Role
from danvan.core.services import audit_record
from danvan.core.types import Account, Actor
from danvan.territory.models import Province, Unit

BACKUP_CODES = 8
TOTP_DEVICE_NAME = "danvan"

User = get_user_model()
_username_validator = ASCIIUsernameValidator()
# Letters without look-alikes, for passwords read aloud or copied from a printed sheet.
_PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def generate_password(length: int = 14) -> str:
    return "".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(length))


def normalize_username(raw: str) -> str:
    """Usernames are stored lower-case so that ``Lan.NV`` and ``lan.nv`` are one officer."""
    return (raw or "").strip().lower()


def check_username(username: str) -> None:
    """Raise ``ValidationError`` unless ``username`` is 3–150 ASCII letters, digits, ``.@+-_``."""
    if not (3 <= len(username) <= 150):
        raise ValidationError(_("Tên đăng nhập phải dài từ 3 đến 150 ký tự."))
    try:
        _username_validator(username)
    except ValidationError:
        raise ValidationError(
            _(
                "Tên đăng nhập “%(name)s” không hợp lệ: chỉ dùng chữ không dấu, chữ số và "
                "các ký tự . @ + - _"
            )
            % {"name": username}
        ) from None


def check_email(email: str) -> None:
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise ValidationError(
                _("Địa chỉ thư điện tử “%(email)s” không hợp lệ.") % {"email": email}
            ) from None


def parse_role(code: str) -> Role:
    """The role with code ``code``; ``ValidationError`` naming the valid codes otherwise."""
    try:
        return Role((code or "").strip().lower())
    except ValueError:
        raise ValidationError(
            _("Vai trò “%(code)s” không tồn tại. Các vai trò: %(codes)s.")
            % {"code": code, "codes": ", ".join(Role.values)}
        ) from None


def parse_organisation(code: str, role: Role | str) -> str:
    """The organisation code of a membership with ``role``, "" when none was given.

    Only a ``front`` membership speaks for an organisation (the Fatherland Front itself or one
    of its mass organisations); any other role given one is refused, naming the rule."""
    code = (code or "").strip().lower()
    if not code:
        return ""
    if str(role) != Role.FRONT.value:
        raise ValidationError(
            _(
                "Chỉ vai trò “front” (Mặt trận Tổ quốc, đoàn thể) gắn với một tổ chức; vai trò "
                "“%(role)s” không nhận tổ chức “%(code)s”."
            )
            % {"role": str(role), "code": code}
        )
    try:
        return Organisation(code).value
    except ValueError:
        raise ValidationError(
            _("Tổ chức “%(code)s” không tồn tại. Các tổ chức: %(codes)s.")
            % {"code": code, "codes": ", ".join(Organisation.values)}
        ) from None


def resolve_place(role: Role, code: str) -> tuple[Unit | None, Province | None]:
    """The unit (commune roles) or province (province roles) a membership attaches to.

    Commune roles take a 5-digit commune code, province roles a 2-digit province code; codes
    given without their leading zeros are padded ("1843" is "01843").
    """
    code = (code or "").strip()
    if role in PROVINCE_ROLES:
        if not code.isdigit() or len(code) > 2:
            raise ValidationError(
                _(
                    "Vai trò “%(role)s” gắn với một tỉnh: hãy nhập mã tỉnh (2 chữ số), không phải “%(code)s”."
                )
                % {"role": role.value, "code": code}
            )
        province = Province.objects.filter(code=code.zfill(2)).first()
        if province is None:
            raise ValidationError(_("Không có tỉnh mang mã “%(code)s”.") % {"code": code})
        return None, province
    if not code.isdigit() or len(code) > 5:
        raise ValidationError(
            _("Mã đơn vị cấp xã “%(code)s” không hợp lệ (5 chữ số).") % {"code": code}
        )
    unit = Unit.objects.filter(code=code.zfill(5)).first()
    if unit is None:
        raise ValidationError(
            _("Không có đơn vị cấp xã mang mã “%(code)s” (đã nạp dữ liệu địa bàn chưa?).")
            % {"code": code}
        )
    return unit, None


def _membership_repr(membership: Membership) -> str:
    text = f"{membership.user.get_username()} — {membership.role}"
    return f"{text} ({membership.organisation})" if membership.organisation else text


def _audit_code(membership: Membership) -> str:
    if membership.unit is not None:
        return membership.unit.code
    return f"P{membership.province.code}" if membership.province is not None else ""


def officer_create(
    *,
    username: str,
    full_name: str = "",
    email: str = "",
    phone: str = "",
    password: str | None = None,
    actor: Actor = None,
    unit_code: str = "",
    must_change_password: bool | None = None,
) -> tuple[Any, str | None, bool]:
    """Create the officer ``username``, or update the given details of an existing one.

    Returns ``(user, password, created)``; ``password`` is the generated one when a new user
    was created without a password (to show once), else None. An existing user keeps their
    password unless ``password`` is given. A password set here was chosen by somebody else,
    so by default the officer must change it at the next sign-in.
    """
    username = normalize_username(username)
    check_username(username)
    check_email(email)
    generated: str | None = None
    with transaction.atomic():
        user = User.objects.select_for_update().filter(username=username).first()
        created = user is None
        if user is None:
            if password is None:
                generated = password = generate_password()
            user = User(username=username)
            user.set_password(password)
        elif password is not None:
            user.set_password(password)
        if full_name:
            user.first_name, user.last_name = full_name.strip()[:150], ""
        if email:
            user.email = email
        user.save()
        profile: dict[str, Any] = {"phone": phone} if phone or created else {}
        password_set = created or password is not None
        if must_change_password is None:
            must_change_password = password_set
        if password_set:
            profile["must_change_password"] = must_change_password
        if profile:
            OfficerProfile.objects.update_or_create(user=user, defaults=profile)
        audit_record(
            actor=actor,
            action="accounts.officer.create" if created else "accounts.officer.update",
            obj=user,
            unit_code=unit_code,
            object_repr=username,
            detail={"password_changed": password is not None},
        )
    return user, generated, created


def _require_manager(actor: Actor, unit: Unit | None) -> None:
    """An acting officer manages roles only where they are ``admin`` (province roles: a
    superuser only). ``actor=None`` is the command line and the demo, trusted by the shell."""
    if actor is None:
        return
    if unit is None:
        allowed = bool(getattr(actor, "is_superuser", False) and actor.is_active)
    else:
        allowed = has_role(actor, unit, Role.ADMIN)
    if not allowed:
        raise PermissionDenied(_("Bạn không có quyền quản lý cán bộ của đơn vị này."))


def membership_add(
    *,
    user: Account,
    role: Role | str,
    unit: Unit | None = None,
    province: Province | None = None,
    organisation: str = "",
    actor: Actor = None,
) -> tuple[Membership, bool]:
    """Give ``user`` the role ``role`` in ``unit`` (or ``province`` for province roles).

    Idempotent: returns ``(membership, created)``. An ``actor`` must be admin of ``unit``:
    the check lives here, not only in the view, so no other caller can skip it.
    ``organisation`` (``front`` memberships only; the Fatherland Front itself when omitted)
    is the body the officer speaks for; given again for an existing membership, it changes it.
    """
    _require_manager(actor, unit)
    role = parse_role(str(role))
    organisation = parse_organisation(organisation, role)
    if role in PROVINCE_ROLES:
        if province is None or unit is not None:
            raise ValidationError(_("Vai trò cấp tỉnh phải gắn với một tỉnh, không phải một xã."))
        lookup: dict[str, Any] = {"province": province}
    else:
        if unit is None or province is not None:
            raise ValidationError(_("Vai trò cấp xã phải gắn với một đơn vị cấp xã."))
        lookup = {"unit": unit}
    default_organisation = organisation or (Organisation.FRONT.value if role == Role.FRONT else "")
    with transaction.atomic():
        membership, created = Membership.objects.get_or_create(
            user=user, role=role, **lookup, defaults={"organisation": default_organisation}
        )
        if created:
            audit_record(
                actor=actor,
                action="accounts.membership.add",
                obj=membership,
                unit_code=_audit_code(membership),
                object_repr=_membership_repr(membership),
            )
        elif organisation and membership.organisation != organisation:
            before = membership.organisation
            membership.organisation = organisation
            membership.save(update_fields=["organisation", "updated_at"])
            audit_record(
                actor=actor,
                action="accounts.membership.organisation",
                obj=membership,
                unit_code=_audit_code(membership),
                object_repr=_membership_repr(membership),
                detail={"before": before, "after": organisation},
            )
    forget_memberships(user)
    return membership, created


def membership_remove(*, membership: Membership, actor: Actor = None) -> None:
    """Take a role away from an officer (an ``actor`` must be admin of its unit)."""
    _require_manager(actor, membership.unit)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="accounts.membership.remove",
            obj=membership,
            unit_code=_audit_code(membership),
            object_repr=f"{membership.user.get_username()} — {membership.role}",
        )
        membership.delete()
    forget_memberships(membership.user)


@dataclass(frozen=True)
class OfficerRow:
    """One validated row of an officers import: a membership of a (possibly new) officer."""

    line: int
    username: str
    full_name: str
    email: str
    phone: str
    role: Role
    unit: Unit | None
    province: Province | None
    organisation: str = ""


@dataclass
class ImportResult:
    created_users: list[str] = field(default_factory=list)
    passwords: dict[str, str] = field(default_factory=dict)
    memberships_added: int = 0
    memberships_existing: int = 0


def _hash_all(passwords: dict[str, str]) -> dict[str, str]:
    # PBKDF2 releases the GIL: hashing hundreds of generated passwords on every core turns
    # minutes into seconds, and it happens before the transaction opens.
    if len(passwords) < 4:
        return {name: make_password(pw) for name, pw in passwords.items()}
    with ThreadPoolExecutor(max_workers=min(8, os.cpu_count() or 1)) as pool:
        hashes = pool.map(make_password, passwords.values())
        return dict(zip(passwords, hashes, strict=True))


def officers_import(
    *, rows: list[OfficerRow], actor: Actor = None, update_existing: bool = True
) -> ImportResult:
    """Write validated rows in one transaction: all of them or, on any error, none.

    Set-based (a few queries whatever the number of rows). New officers get a generated
    password (returned once in the result); existing officers keep theirs and get the name,
    email and phone of the sheet when given (unless ``update_existing`` is off: a commune
    administrator must not rename another commune's officer). One audit entry per unit touched lists the
    memberships added there, so each commune's leaders see what was done in their unit.
    """
    result = ImportResult()
    first: dict[str, OfficerRow] = {}
    for row in rows:
        first.setdefault(row.username, row)
    existing = {u.username: u for u in User.objects.filter(username__in=list(first))}
    new_names = [name for name in first if name not in existing]
    result.passwords = {name: generate_password() for name in new_names}
    hashes = _hash_all(result.passwords)
    with transaction.atomic():
        created = User.objects.bulk_create(
            User(
                username=name,
                password=hashes[name],
                first_name=first[name].full_name[:150],
                email=first[name].email,
            )
            for name in new_names
        )
        if created and created[0].pk is None:  # backends without RETURNING
            created = list(User.objects.filter(username__in=new_names))
        users = {**existing, **{u.username: u for u in created}}
        result.created_users = sorted(new_names)
        if update_existing:
            _update_existing(existing, first)
        _profiles(
            users if update_existing else {n: users[n] for n in new_names}, first, set(new_names)
        )
        added = _memberships(rows, users)
        result.memberships_added = len(added)
        result.memberships_existing = len(rows) - len(added)
        by_place: dict[str, list[str]] = {}
        for m in added:
            code = _audit_code(m)
            by_place.setdefault(code, []).append(
                f"{m.user.username}:{m.role}" + (f":{m.organisation}" if m.organisation else "")
            )
        for code, items in sorted(by_place.items()):
            audit_record(
                actor=actor,
                action="accounts.officers.import",
                unit_code=code,
                object_repr=_("%(n)s vai trò") % {"n": len(items)},
                detail={"memberships": items[:500], "users_created": len(new_names)},
            )
        if not by_place:
            audit_record(actor=actor, action="accounts.officers.import", detail={"rows": len(rows)})
    for user in users.values():
        forget_memberships(user)
    return result


def _update_existing(existing: dict[str, Any], first: dict[str, OfficerRow]) -> None:
    changed = []
    for name, user in existing.items():
        row = first[name]
        before = (user.first_name, user.email)
        if row.full_name:
            user.first_name, user.last_name = row.full_name[:150], ""
        if row.email:
            user.email = row.email
        if (user.first_name, user.email) != before:
            changed.append(user)
    if changed:
        User.objects.bulk_update(changed, ["first_name", "last_name", "email"])


def _profiles(users: dict[str, Any], first: dict[str, OfficerRow], created: set[str]) -> None:
    have = {p.user_id: p for p in OfficerProfile.objects.filter(user__in=list(users.values()))}
    new, changed = [], []
    for name, user in users.items():
        phone = first[name].phone
        profile = have.get(user.pk)
        if profile is None:
            # A generated password, handed over on paper: replaced at the first sign-in.
            new.append(OfficerProfile(user=user, phone=phone, must_change_password=name in created))
        elif phone and profile.phone != phone:
            profile.phone = phone
            changed.append(profile)
    OfficerProfile.objects.bulk_create(new)
    if changed:
        OfficerProfile.objects.bulk_update(changed, ["phone"])


def _memberships(rows: list[OfficerRow], users: dict[str, Any]) -> list[Membership]:
    ids = [u.pk for u in users.values()]
    have = set(
        Membership.objects.filter(user_id__in=ids).values_list(
            "user_id", "role", "unit_id", "province_id"
        )
    )
    added = []
    for row in rows:
        user = users[row.username]
        unit_id = row.unit.pk if row.unit else None
        province_id = row.province.pk if row.province else None
        if (user.pk, row.role.value, unit_id, province_id) in have:
            continue
        organisation = row.organisation or (
            Organisation.FRONT.value if row.role == Role.FRONT else ""
        )
        added.append(
            Membership(
                user=user,
                role=row.role,
                unit=row.unit,
                province=row.province,
                organisation=organisation,
            )
        )
    Membership.objects.bulk_create(added)
    return added


def officers_disable_inactive(
    *, days: int = 45, now: datetime | None = None, actor: Actor = None, dry_run: bool = False
) -> list[str]:
    """Disable accounts unused for ``days`` days (level-3 systems, Decree 85/2016 guidance).

    An account never used counts from the day it was created. Superusers are left alone so
    that the system cannot lock its last administrator out; they are few and use 2FA.
    Returns the usernames disabled (or that would be, with ``dry_run``).
    """
    cutoff = (now or timezone.now()) - timedelta(days=days)
    stale = User.objects.filter(is_active=True, is_superuser=False).filter(
        Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff)
    )
    names = sorted(stale.values_list("username", flat=True))
    if dry_run or not names:
        return names
    with transaction.atomic():
        User.objects.filter(username__in=names).update(is_active=False)
        audit_record(
            actor=actor,
            action="accounts.officers.disable_inactive",
            detail={"days": days, "usernames": names[:1000], "count": len(names)},
        )
    return names


def password_change(*, user: Account, new_password: str) -> None:
    """The officer replaces their own password (already validated by the form: Django's
    validators and the last-10 rule). Clears the must-change flag; audited in every unit of
    the account so each commune's leaders see it, never with the password."""
    with transaction.atomic():
        user.set_password(new_password)
        user.save(update_fields=["password"])
        OfficerProfile.objects.update_or_create(user=user, defaults={"must_change_password": False})
        account_audit(account=user, actor=user, action="accounts.password.change")


def password_set_by_other(*, user: Account, actor: Actor) -> None:
    """Somebody else (an administrator) chose ``user``'s password: it is temporary, to be
    replaced at the next sign-in (docs/domain.md §9). Audited, like the officer's own change."""
    with transaction.atomic():
        OfficerProfile.objects.update_or_create(user=user, defaults={"must_change_password": True})
        account_audit(account=user, actor=actor, action="accounts.password.reset")


def account_audit(
    *, account: Account | None, actor: Actor, action: str, detail: dict[str, Any] | None = None
) -> None:
    """One entry per unit (or province) of ``account``, so each commune's leaders see what
    happened to their officers' accounts; one entry without a unit when it has none or does
    not exist. Named by username, never with a password."""
    memberships = memberships_for(account) if account is not None else []
    codes = sorted({_audit_code(m) for m in memberships}) or [""]
    for code in codes:
        audit_record(
            actor=actor,
            action=action,
            obj=account,
            unit_code=code,
            object_repr=account.get_username() if account is not None else "",
            detail=detail,
        )


# --------------------------------------------------------------------------- API tokens


def api_token_create(
    *, user: Account, label: str = "", actor: Actor = None, days: int = DEFAULT_TOKEN_DAYS
) -> tuple[ApiToken, str]:
    """Issue a new token for ``user``, valid ``days`` days; returns the row and the
    plaintext (shown once)."""
    if not 1 <= days <= MAX_TOKEN_DAYS:
        raise ValueError(f"days must be between 1 and {MAX_TOKEN_DAYS}")
    plaintext = new_token_plaintext()
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            digest=token_digest(plaintext),
            prefix=plaintext[:10],
            label=(label or "")[:100],
            expires_at=timezone.now() + timedelta(days=days),
        )
        audit_record(
            actor=actor or user,
            action="accounts.api_token.create",
            obj=token,
            object_repr=f"{token.prefix}… ({user.get_username()})",
        )
    return token, plaintext


def api_token_revoke(*, token: ApiToken, actor: Actor = None) -> ApiToken:
    """Revoke ``token`` (idempotent: revoking twice keeps the first time)."""
    with transaction.atomic():
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at", "updated_at"])
            audit_record(
                actor=actor or token.user,
                action="accounts.api_token.revoke",
                obj=token,
                object_repr=f"{token.prefix}… ({token.user.get_username()})",
            )
    return token


def api_token_touch(*, token: ApiToken, at: datetime) -> None:
    """Record that ``token`` was used. Not audited: it runs on API calls, at most once a
    minute per token (the caller decides), and carries no decision of anybody."""
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=at)


# --------------------------------------------------------------------------- second factor


def totp_device_start(*, user: Account) -> TOTPDevice:
    """The unconfirmed device the officer is setting up; the same one across page reloads.
    Not audited: nothing is enrolled until :func:`totp_confirm`."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


def totp_confirm(*, user: Account, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm ``device`` with a code from the app; returns fresh backup codes, or None."""
    if device.user_id != user.pk or device.confirmed:
        return None
    with transaction.atomic():
        if not device.verify_token(code):
            return None
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        # Older authenticators of this user are replaced by the new one.
        TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
        codes = _backup_codes_replace(user)
        audit_record(
            actor=user, action="accounts.2fa.enrol", obj=device, object_repr=user.get_username()
        )
    return codes


def backup_codes_renew(*, user: Account) -> list[str]:
    """Replace the user's backup codes with new ones (each usable once); audited."""
    with transaction.atomic():
        codes = _backup_codes_replace(user)
        audit_record(
            actor=user, action="accounts.2fa.backup_codes", object_repr=user.get_username()
        )
    return codes


def _backup_codes_replace(user: Account) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="backup", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


# --------------------------------------------------------------------------- password history


def password_history_record(*, user: Account, keep: int) -> None:
    """Remember ``user``'s live hash and forget all but the newest ``keep`` (docs/domain.md §9: no
    reuse of the last 10). Called by Django through the password validator whenever a
    password is set; the act itself is audited by the service that set it."""
    PasswordHistory.objects.create(user=user, password=user.password)
    newest = (
        PasswordHistory.objects.filter(user=user)
        .order_by("-created_at", "-pk")
        .values_list("pk", flat=True)[:keep]
    )
    PasswordHistory.objects.filter(user=user).exclude(pk__in=list(newest)).delete()
