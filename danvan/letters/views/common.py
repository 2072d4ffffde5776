from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django.contrib import messages
from django.utils import timezone
from django.utils.translation import get_language

from danvan.letters.services.errors import LetterError


def aware(day: date, hour: int = 9) -> datetime:
    """A date picked in a form, as a moment of that day in Vietnam. Today's date means now
    (so the order of events of the same day is kept)."""
    if day == timezone.localdate():
        return timezone.now()
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def error_text(exc: Exception) -> str:
    """A refusal from a service, in the request's language."""
    if isinstance(exc, LetterError):
        return str(exc.message)
    message = getattr(exc, "message", None)
    if callable(message):  # DeadlineError.message(lang)
        return message(get_language() or "vi")
    return str(message or exc)


def refuse(request: Any, form: Any, exc: Exception) -> None:
    text = error_text(exc)
    if form is not None:
        form.add_error(None, text)
    else:
        messages.error(request, text)
