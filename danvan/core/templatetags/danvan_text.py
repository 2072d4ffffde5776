"""Template filters for product text."""

from __future__ import annotations

from django import template

from danvan.core.notes import translate_note

register = template.Library()


@register.filter
def timeline_note(note: str) -> str:
    """A stored timeline note in the page's language (see ``danvan.core.notes``)."""
    return translate_note(note)
