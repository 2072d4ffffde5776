"""Who has a say on one letter beyond the commune's roles: the leader of the letter's commune
and the officer its case is assigned to. Reading a denouncer's identity and correcting a
letter's kind both rest on this one rule; correcting also asks the assignee to be working in
that commune."""

from __future__ import annotations

from typing import Any

from danvan.accounts.access import has_role
from danvan.accounts.roles import Role
from danvan.letters.models import Letter


def leader_or_assignee(user: Any, letter: Letter, *, assignee_roles: tuple[str, ...] = ()) -> bool:
    """The leader of the letter's commune, or the officer its case is assigned to. With
    ``assignee_roles`` the assignee must also hold one of them in that commune."""
    if not getattr(user, "is_authenticated", False):
        return False
    if has_role(user, letter.unit, Role.LEADER):
        return True
    assignee = letter.case.assignee_id
    if assignee is None or assignee != user.pk:
        return False
    return not assignee_roles or has_role(user, letter.unit, *assignee_roles)
