"""Reads of the surveys app, and who may do what with a survey.

A commune survey is read by whoever may read its commune (``units_for_user``: its officers,
the province's viewers); a province survey by the province's officers (province roles) and,
for their own commune's submissions, by the officers of each commune of the province. Another
commune's survey is 404, as everywhere.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from danvan.accounts.access import can_read_unit, has_role, memberships_for, units_for_user
from danvan.accounts.models import Membership
from danvan.accounts.roles import PROVINCE_ROLES, Role
from danvan.core.types import User
from danvan.surveys.models import (
    EnumeratorAssignment,
    EnumeratorCredential,
    FormMedia,
    FormVersion,
    RespondentContact,
    Submission,
    SubmissionDraft,
    Survey,
)
from danvan.territory.models import Province, Unit, Village

# Who uploads forms, manages enumerators and exports raw submissions of a commune survey.
MANAGER_ROLES = (Role.LEADER.value, Role.ADMIN.value, Role.SPECIALIST.value)
# Who may read respondents' names and phones.
CONTACT_ROLES = (Role.LEADER.value, Role.ADMIN.value)
# Province roles that run a province survey.
PROVINCE_MANAGER_ROLES = (Role.APPRAISER.value,)


def _active(user: User | None) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def _province_role_ids(user: User | None, *roles: str) -> set[int]:
    wanted = set(roles) or set(PROVINCE_ROLES)
    return {
        m.province_id
        for m in memberships_for(user)
        if m.province_id is not None and m.role in PROVINCE_ROLES and m.role in wanted
    }


def _commune_province_ids(user: User | None) -> set[int]:
    return {m.unit.province_id for m in memberships_for(user) if m.unit_id is not None}


def surveys_for_user(user: User | None) -> QuerySet[Survey]:
    if not _active(user):
        return Survey.objects.none()
    if user.is_superuser:  # type: ignore[union-attr]
        return Survey.objects.all()
    provinces = _province_role_ids(user) | _commune_province_ids(user)
    return Survey.objects.filter(
        Q(unit__in=units_for_user(user)) | Q(unit__isnull=True, province_id__in=provinces)
    )


def survey_for_user(user: User | None, code: str) -> Survey:
    survey = (
        surveys_for_user(user)
        .select_related("unit", "province", "current_version")
        .filter(code=code)
        .first()
    )
    if survey is None:
        raise Http404("No such survey")
    return survey


def surveys_of_unit(user: User | None, unit: Unit) -> QuerySet[Survey]:
    """The surveys collecting in ``unit``: its own and its province's (readable ones)."""
    return surveys_for_user(user).filter(
        Q(unit=unit) | Q(unit__isnull=True, province_id=unit.province_id)
    )


def may_manage(user: User | None, survey: Survey) -> bool:
    if not _active(user):
        return False
    if survey.unit_id is not None:
        return has_role(user, survey.unit, *MANAGER_ROLES)
    return bool(user.is_superuser) or survey.province_id in _province_role_ids(  # type: ignore[union-attr]
        user, *PROVINCE_MANAGER_ROLES
    )


def may_create_in_province(user: User | None, province_id: int) -> bool:
    if not _active(user):
        return False
    return bool(user.is_superuser) or province_id in _province_role_ids(  # type: ignore[union-attr]
        user, *PROVINCE_MANAGER_ROLES
    )


def may_read_contacts(user: User | None, survey: Survey) -> bool:
    if not _active(user):
        return False
    if survey.unit_id is not None:
        return has_role(user, survey.unit, *CONTACT_ROLES)
    return bool(user.is_superuser) or survey.province_id in _province_role_ids(  # type: ignore[union-attr]
        user, *PROVINCE_MANAGER_ROLES
    )


def may_export(user: User | None, survey: Survey) -> bool:
    """Who may take the submissions away (raw or as answer tables): the survey's managers
    and those who may read its contacts."""
    return may_manage(user, survey) or may_read_contacts(user, survey)


def submissions_for_user(user: User | None, survey: Survey) -> QuerySet[Submission]:
    """The survey's submissions the user may read (``survey`` already read through
    :func:`survey_for_user`): all of them for a commune survey, or for a province survey
    its province's officers; a commune's officers see their commune's."""
    qs = Submission.objects.filter(survey=survey)
    if survey.unit_id is not None and can_read_unit(user, survey.unit):
        return qs
    if survey.unit_id is None and (
        bool(getattr(user, "is_superuser", False)) or survey.province_id in _province_role_ids(user)
    ):
        return qs
    return qs.filter(unit__in=units_for_user(user))


def current_submissions(survey: Survey) -> QuerySet[Submission]:
    """What counts: every stored submission not replaced by an edit."""
    return Submission.objects.filter(survey=survey, superseded_by__isnull=True)


# A form version's heavy columns: a list joining it reads only its version string.
VERSION_HEAVY = tuple(
    f"form_version__{name}" for name in ("xml", "xlsform", "questions", "warnings", "languages")
)


def submission_rows(user: User | None, survey: Survey) -> QuerySet[Submission]:
    """The officers' list: one query, no XML or answers loaded."""
    return (
        submissions_for_user(user, survey)
        .select_related("unit", "village", "enumerator", "form_version")
        .defer("xml", "answers", *VERSION_HEAVY)
        .order_by("-received_at", "-id")
    )


def contacts_of(submission_ids: list[int]) -> dict[int, RespondentContact]:
    return {
        c.submission_id: c
        for c in RespondentContact.objects.filter(submission_id__in=submission_ids)
    }


def survey_by_form_id(form_id: str) -> Survey | None:
    return (
        Survey.objects.select_related("unit", "province", "current_version")
        .filter(form_id=form_id)
        .first()
    )


def survey_by_code(code: str) -> Survey | None:
    return (
        Survey.objects.select_related("unit", "province", "current_version")
        .filter(code=code)
        .first()
    )


def version_by_idempotency_key(key: str) -> FormVersion | None:
    return FormVersion.objects.select_related("survey").filter(idempotency_key=key).first()


def live_credential(username: str) -> EnumeratorCredential | None:
    return (
        EnumeratorCredential.objects.select_related("user")
        .filter(username=username, revoked_at__isnull=True)
        .first()
    )


def credentials_of_users(user_ids: list[int]) -> list[EnumeratorCredential]:
    return list(
        EnumeratorCredential.objects.filter(user_id__in=user_ids)
        .select_related("user")
        .order_by("-created_at")
    )


def credential_by_id(pk: int) -> EnumeratorCredential | None:
    return EnumeratorCredential.objects.select_related("user").filter(pk=pk).first()


def is_assigned(user: User | None, survey: Survey) -> bool:
    if not _active(user):
        return False
    return EnumeratorAssignment.objects.filter(survey=survey, user=user).exists()


def assignments_of(survey: Survey) -> list[EnumeratorAssignment]:
    return list(
        EnumeratorAssignment.objects.filter(survey=survey)
        .select_related("user", "unit")
        .order_by("user__username")
    )


def collectable_surveys(user: User | None, *, assigned_only: bool) -> list[Survey]:
    """The open surveys ``user`` may send submissions to: assigned ones (digest: an
    enumerator's collection password is valid for these only), plus, for a Bearer client,
    those they manage."""
    if not _active(user):
        return []
    assigned = Survey.objects.filter(
        is_open=True, assignments__user=user, current_version__isnull=False
    )
    rows = list(assigned.select_related("current_version", "unit"))
    if not assigned_only:
        seen = {s.pk for s in rows}
        for survey in (
            surveys_for_user(user)
            .filter(is_open=True, current_version__isnull=False)
            .select_related("current_version", "unit")
        ):
            if survey.pk not in seen and may_manage(user, survey):
                rows.append(survey)
    return sorted(rows, key=lambda s: s.form_id)


def versions_with_media(version_ids: list[int]) -> set[int]:
    """Which of these form versions have media files: one query for a whole form list."""
    return set(
        FormMedia.objects.filter(form_version_id__in=version_ids).values_list(
            "form_version_id", flat=True
        )
    )


def may_collect(user: User | None, survey: Survey, *, assigned_only: bool) -> bool:
    if is_assigned(user, survey):
        return True
    return not assigned_only and may_manage(user, survey)


def draft_by_token(token: str) -> SubmissionDraft | None:
    return (
        SubmissionDraft.objects.select_related("survey", "form_version", "survey__unit")
        .filter(token=token)
        .first()
    )


def village_names(unit_code: str) -> list[str]:
    return list(
        Village.objects.filter(unit__code=unit_code).order_by("name").values_list("name", flat=True)
    )


def province_units(province_id: int) -> list[Unit]:
    return list(Unit.objects.filter(province_id=province_id).order_by("code")[:500])


def managed_provinces(user: User | None) -> list[Province]:
    """Provinces where the user may run a province survey."""
    if not _active(user):
        return []
    if user.is_superuser:  # type: ignore[union-attr]
        return list(Province.objects.filter(units__isnull=False).distinct().order_by("code")[:80])
    ids = _province_role_ids(user, *PROVINCE_MANAGER_ROLES)
    return list(Province.objects.filter(pk__in=ids).order_by("code"))


def versions_of(survey: Survey) -> list[FormVersion]:
    return list(
        survey.versions.select_related("created_by").defer("xlsform", "xml").order_by("-created_at")
    )


def export_rows(user: User | None, survey: Survey) -> QuerySet[Submission]:
    return (
        submissions_for_user(user, survey)
        .select_related("unit", "village", "form_version")
        .defer(*VERSION_HEAVY)
        .order_by("received_at", "id")
    )


def enumerators_in(units: list[Unit]) -> dict[int, tuple[Any, Unit]]:
    """The active enumerators of ``units``: ``{user id: (user, their unit)}``, one query."""
    by_id = {u.pk: u for u in units}
    rows = (
        Membership.objects.filter(
            unit_id__in=list(by_id), role=Role.ENUMERATOR, user__is_active=True
        )
        .select_related("user")
        .order_by("user__username")
    )
    return {m.user_id: (m.user, by_id[m.unit_id]) for m in rows}


def media_of(version: FormVersion) -> set[str]:
    return set(version.media.values_list("name", flat=True))
