"""Template helpers of letters: the dashboard card's figures."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def letters_card_figures(context: Any) -> dict[str, Any] | None:
    """The card's figures for the signed-in user: those the dashboard passed in (the card's
    ``render``) or, when the dashboard only includes the template, computed here."""
    given = context.get("letters_figures")
    if given is not None:
        return given
    request = context.get("request")
    if request is None:
        return None
    from danvan.letters.selectors import dashboard_figures

    return dashboard_figures(request.user)
