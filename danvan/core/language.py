"""The language a page is being written in, for code that picks between the Vietnamese and
the English of stored data (indicator names, units, rule texts)."""

from __future__ import annotations

from django.utils.translation import get_language


def is_english() -> bool:
    """Whether the active language is English (Vietnamese when none is active)."""
    return (get_language() or "vi").startswith("en")
