"""The letters' panels on the case page (the letter kinds' manifests, danvan.letters.kinds)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.access import has_role
from danvan.letters.forms import AnswerForm
from danvan.letters.models import Letter, ReceptionEntry
from danvan.letters.services.decisions import ACTING_ROLES


def letter_panel(request: Any, case: Any) -> tuple[str, dict[str, Any]] | None:
    # The case page has already checked that the user may read the case.
    letter = Letter.objects.filter(case=case).select_related("duplicate_of__case").first()
    if letter is None:
        return None
    return "letters/_panel.html", {"letter": letter}


def reception_panel(request: Any, case: Any) -> tuple[str, dict[str, Any]] | None:
    entry = ReceptionEntry.objects.filter(case=case).first()
    if entry is None:
        return None
    # The answer (Law on Reception of Citizens Art. 28) is given from the case's own page.
    can_answer = case.closed_at is None and has_role(request.user, case.unit, *ACTING_ROLES)
    return "letters/_entry_panel.html", {
        "entry": entry,
        "protected": _("[bảo mật]"),
        "answer_form": AnswerForm(initial={"answered_on": timezone.localdate()})
        if can_answer
        else None,
    }
