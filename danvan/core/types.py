"""Type aliases the apps share, so signatures say who they take instead of ``Any``.

``type`` statements are evaluated lazily, so importing them costs nothing at run time and
needs no model to be loaded: ``from danvan.core.types import User``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.auth.models import User as _Account

# An account (danvan uses Django's user model): an officer, an administrator.
type Account = _Account
# Whoever a request carries: an account or the anonymous visitor. Access functions take it.
type User = _Account | AnonymousUser
# Who did something: whoever the request carries (views pass ``request.user``), or None for
# the system (commands, tasks, the demo). Stored as an account only when signed in:
# :func:`account_of`.
type Actor = _Account | AnonymousUser | None


def account_of(actor: Actor) -> Account | None:
    """The account behind ``actor``, None for the system or an anonymous visitor (what a
    ``created_by``-style foreign key stores)."""
    if actor is None or not actor.is_authenticated:
        return None
    return actor
