"""Enumerators' collection passwords and their survey assignments."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from danvan.core.services import audit_record
from danvan.core.types import Account, Actor, account_of
from danvan.surveys.digest import ha1_for, realm
from danvan.surveys.models import EnumeratorAssignment, EnumeratorCredential, Survey
from danvan.territory.models import Unit

# Easy to type on a phone keyboard, no look-alikes (0/O, 1/l).
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
PASSWORD_LENGTH = 12


@dataclass
class Issued:
    credential: EnumeratorCredential
    password: str  # shown once, never stored


def credential_issue(*, actor: Actor, user: Account) -> Issued:
    """A new collection password for ``user`` (revoking the one they had)."""
    password = "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(PASSWORD_LENGTH))
    username = user.get_username()
    with transaction.atomic():
        EnumeratorCredential.objects.filter(
            username=username, revoked_at__isnull=True
        ).select_for_update().update(revoked_at=timezone.now())
        credential = EnumeratorCredential.objects.create(
            user=user,
            username=username,
            realm=realm(),
            ha1=ha1_for(username, password),
            created_by=account_of(actor),
        )
        audit_record(actor=actor, action="surveys.credential_issue", obj=credential)
    return Issued(credential, password)


def credential_revoke(*, actor: Actor, credential: EnumeratorCredential) -> None:
    with transaction.atomic():
        EnumeratorCredential.objects.filter(pk=credential.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        audit_record(actor=actor, action="surveys.credential_revoke", obj=credential)


def assignment_add(
    *, actor: Actor, survey: Survey, user: Account, unit: Unit | None = None
) -> EnumeratorAssignment:
    with transaction.atomic():
        assignment, _created = EnumeratorAssignment.objects.update_or_create(
            survey=survey,
            user=user,
            defaults={"unit": unit or survey.unit, "created_by": account_of(actor)},
        )
        audit_record(
            actor=actor,
            action="surveys.assignment_add",
            obj=survey,
            detail={"user": user.get_username()},
        )
    return assignment


def assignment_remove(*, actor: Actor, survey: Survey, user: Account) -> None:
    with transaction.atomic():
        EnumeratorAssignment.objects.filter(survey=survey, user=user).delete()
        audit_record(
            actor=actor,
            action="surveys.assignment_remove",
            obj=survey,
            detail={"user": user.get_username()},
        )
