"""Dates as Vietnam writes them, whatever the browser's language: dd/mm/yyyy in every field.

Browsers' own date pickers (``type="date"``) show the date in the browser's locale
(mm/dd/yyyy in an English browser), so date fields are text fields with a dd/mm/yyyy
placeholder; ISO dates (yyyy-mm-dd, what a picker or a shared link sends) are accepted too.

An *event date* (a letter's receipt, a citizen's visit) cannot be more than a day ahead,
and one more than five years back is most likely a typing slip (2012 for 2021): the officer
is asked to confirm it with a box that appears with the message, keeping what was typed.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d",
]
FUTURE_TOLERANCE = timedelta(days=1)
CONFIRM_AFTER_YEARS = 5
CONFIRM_FIELD = "confirm_old_date"


class DayInput(forms.DateInput):
    input_type = "text"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        base = {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"}
        super().__init__(attrs={**base, **(attrs or {})}, format="%d/%m/%Y")


class MomentInput(forms.DateTimeInput):
    input_type = "text"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        base = {"placeholder": "dd/mm/yyyy hh:mm", "autocomplete": "off"}
        super().__init__(attrs={**base, **(attrs or {})}, format="%d/%m/%Y %H:%M")


def day_field(label: Any, **kwargs: Any) -> forms.DateField:
    """A date typed dd/mm/yyyy (yyyy-mm-dd accepted), shown dd/mm/yyyy."""
    kwargs.setdefault("input_formats", DATE_INPUT_FORMATS)
    kwargs.setdefault("widget", DayInput())
    kwargs.setdefault(
        "error_messages", {"invalid": _("Ngày không hợp lệ: nhập theo dạng dd/mm/yyyy.")}
    )
    return forms.DateField(label=label, **kwargs)


def _years_ago(today: date, years: int) -> date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


class EventDatesMixin(forms.Form):
    """For forms with event dates: list them in ``event_dates``. Call ``super().clean()``."""

    event_dates: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields[CONFIRM_FIELD] = forms.BooleanField(
            label=_("Tôi đã kiểm tra: ngày này đúng"),
            required=False,
            widget=forms.HiddenInput,
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data is None:  # a parent's clean() may keep cleaned_data by returning None
            data = self.cleaned_data
        confirmed = bool(data.get(CONFIRM_FIELD))
        today = timezone.localdate()
        oldest = _years_ago(today, CONFIRM_AFTER_YEARS)
        for name in self.event_dates:
            day = data.get(name)
            if not isinstance(day, date):
                continue
            if day > today + FUTURE_TOLERANCE:
                self.add_error(name, _("Ngày này ở tương lai: hãy kiểm tra lại (dd/mm/yyyy)."))
            elif day < oldest and not confirmed:
                # The box appears with the message; what was typed stays in the form.
                self.fields[CONFIRM_FIELD].widget = forms.CheckboxInput()
                self.add_error(
                    name,
                    _(
                        "Ngày này cách đây hơn %(years)s năm. Nếu đúng, hãy đánh dấu ô xác "
                        "nhận bên dưới rồi gửi lại."
                    )
                    % {"years": CONFIRM_AFTER_YEARS},
                )
        # The confirmation is the form's own business: views pass cleaned_data on whole.
        data.pop(CONFIRM_FIELD, None)
        return data
