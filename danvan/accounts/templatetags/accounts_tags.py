"""Template helpers of accounts: roles in words (their codes are for commands and the API)."""

from __future__ import annotations

from django import template

from danvan.accounts.roles import Role

register = template.Library()


@register.filter
def role_label(code: str) -> str:
    """``{{ membership.role|role_label }}``: "Cán bộ một cửa", not ``one_stop``."""
    try:
        return str(Role(code).label)
    except ValueError:
        return "—"
