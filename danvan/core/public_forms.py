"""Spam protection for the citizens' forms, without third parties (no CAPTCHA service).

A form people may fill in without signing in (a letter, a comment on a consultation, a
question before a dialogue) inherits :class:`HumanCheckedForm`: a field people do not see
(``website``: a robot fills it) and a signed token saying when the form was shown (a robot
answers within a few seconds; a token older than a day, or forged, is refused). The token also
names one filled form, so a double submit can be recognised. Each form has its own salt, so a
token of one form is worthless on another.
"""

from __future__ import annotations

import secrets
import time
from typing import Any, ClassVar

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

TOKEN_MAX_AGE = 24 * 3600


class HumanCheckedForm(forms.Form):
    form_salt: ClassVar[str]

    website = forms.CharField(required=False, label=_("Để trống ô này"))
    token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, min_seconds: int = 3, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.min_seconds = min_seconds

    @classmethod
    def issue_token(cls) -> str:
        # A nonce: two forms shown in the same second must not share a submission key.
        return signing.TimestampSigner(salt=cls.form_salt).sign(secrets.token_hex(16))

    def clean_token(self) -> str:
        token = self.cleaned_data["token"]
        signer = signing.TimestampSigner(salt=self.form_salt)
        try:
            signer.unsign(token, max_age=TOKEN_MAX_AGE)
            issued = signing.b62_decode(token.split(signing.Signer().sep)[1])
        except (signing.BadSignature, IndexError, ValueError) as exc:
            raise forms.ValidationError(_("Biểu mẫu đã hết hạn, vui lòng gửi lại.")) from exc
        if time.time() - issued < self.min_seconds:
            raise forms.ValidationError(_("Bạn gửi quá nhanh, vui lòng kiểm tra lại rồi gửi."))
        return token
