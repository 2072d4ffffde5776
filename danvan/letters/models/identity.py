"""The denouncer's identity, encrypted at rest (Law on Denunciation Art. 9, 47, 56)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.models import TimeStampedModel


class ProtectedIdentity(TimeStampedModel):
    """Fernet tokens only; read through ``services.identity.identity_read``, which audits.

    Belongs to a letter, or to a register entry of a denunciation made in person.
    """

    letter = models.OneToOneField(
        "letters.Letter", null=True, blank=True, on_delete=models.CASCADE, related_name="identity"
    )
    entry = models.OneToOneField(
        "letters.ReceptionEntry",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="identity",
    )
    name_enc = models.TextField(blank=True)
    phone_enc = models.TextField(blank=True)
    email_enc = models.TextField(blank=True)
    address_enc = models.TextField(blank=True)
    id_number_enc = models.TextField(blank=True)
    # Spouse, parents, children: protected too (Art. 47).
    relatives_enc = models.TextField(blank=True)
    # The letter as written, before the denouncer's name and phone were masked in it.
    original_content_enc = models.TextField(blank=True)
    blind_index = models.CharField(max_length=64, blank=True, db_index=True)

    ENCRYPTED_FIELDS = (
        "name_enc",
        "phone_enc",
        "email_enc",
        "address_enc",
        "id_number_enc",
        "relatives_enc",
        "original_content_enc",
    )

    class Meta:
        verbose_name = _("Thông tin người tố cáo (mã hóa)")
        verbose_name_plural = _("Thông tin người tố cáo (mã hóa)")

    def __str__(self) -> str:
        return f"identity-{self.pk}"
