"""The letters' panels on the case page (the letter kinds' manifests, danvan.letters.kinds)."""

from __future__ import annotations

from typing import Any

from danvan.letters.models import Letter, ReceptionEntry


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
    return "letters/_entry_panel.html", {"entry": entry, "protected": "[bảo mật]"}
