"""Officers' memberships of units, and API tokens."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.accounts.roles import Organisation, Role
from danvan.core.models import TimeStampedModel
from danvan.territory.models import Province, Unit


class Membership(TimeStampedModel):
    """An officer holds ``role`` in ``unit`` (a commune) or, for province roles, ``province``."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("Vai trò"), max_length=20, choices=Role.choices)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("Xã"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    province = models.ForeignKey(
        Province,
        verbose_name=_("Tỉnh"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    # For a ``front`` membership: the organisation the officer acts for (blank otherwise).
    organisation = models.CharField(
        _("Tổ chức"), max_length=20, choices=Organisation.choices, blank=True
    )

    class Meta:
        verbose_name = _("Vai trò của cán bộ")
        verbose_name_plural = _("Vai trò của cán bộ")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(unit__isnull=False, province__isnull=True)
                    | Q(unit__isnull=True, province__isnull=False)
                ),
                name="membership_unit_xor_province",
            ),
            # Only a front membership speaks for an organisation (blank there means the
            # Fatherland Front itself, as for memberships made before organisations).
            models.CheckConstraint(
                condition=Q(role="front") | Q(organisation=""),
                name="membership_organisation_only_front",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "unit"],
                condition=Q(unit__isnull=False),
                name="membership_unique_unit_role",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "province"],
                condition=Q(province__isnull=False),
                name="membership_unique_province_role",
            ),
        ]

    def __str__(self) -> str:
        where = self.unit or self.province
        return f"{self.user} — {self.get_role_display()} — {where}"

    def clean(self) -> None:
        # The admin's form says it in words before the database constraint would refuse it.
        if self.organisation and self.role != Role.FRONT:
            raise ValidationError(
                {
                    "organisation": _(
                        "Chỉ vai trò “front” (Mặt trận Tổ quốc, đoàn thể) gắn với một tổ chức; "
                        "hãy để trống tổ chức."
                    )
                }
            )


class ApiToken(TimeStampedModel):
    """A Bearer token for the API. Only a SHA-256 digest is stored; the token is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    digest = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=12)
    label = models.CharField(max_length=100, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # A token nobody remembers must not work for ever; set at issue (api_token_create).
    expires_at = models.DateTimeField(_("Hết hạn lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("Khóa API")
        verbose_name_plural = _("Khóa API")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"


class OfficerProfile(TimeStampedModel):
    """What an officer's account needs beyond Django's user: a phone number for contact.

    The full name is kept in ``User.first_name`` whole (Vietnamese names do not split into a
    Western first/last pair) and ``last_name`` stays empty.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="officer_profile"
    )
    phone = models.CharField(_("Điện thoại"), max_length=20, blank=True)
    # Set when somebody else chose the password (a new account, an import, a reset): the
    # officer must replace it at the next sign-in (docs/domain.md §9, level-3 systems).
    must_change_password = models.BooleanField(_("Phải đổi mật khẩu"), default=False)

    class Meta:
        verbose_name = _("Hồ sơ cán bộ")
        verbose_name_plural = _("Hồ sơ cán bộ")

    def __str__(self) -> str:
        return str(self.user)


class PasswordHistory(models.Model):
    """The hashes of an account's recent passwords, so none of the last
    ``PASSWORD_HISTORY_SIZE`` can be chosen again (docs/domain.md §9, level-3 systems). Only hashes,
    made by the same hasher as the live password, never the passwords."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="password_history"
    )
    password = models.CharField(max_length=128)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["user", "-created_at"], name="password_history_recent")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.created_at:%Y-%m-%d}"
