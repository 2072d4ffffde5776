from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from danvan.accounts.access import has_role, unit_for_user
from danvan.democracy.services.errors import DemocracyError
from danvan.territory.models import Unit


def readable_unit(request: Any, code: str) -> Unit:
    return unit_for_user(request.user, code[:10])


def require_role(request: Any, unit: Unit, roles: tuple[str, ...]) -> None:
    if not has_role(request.user, unit, *roles):
        raise PermissionDenied(_("Bạn không có quyền thực hiện việc này tại đơn vị này."))


def refuse(form: Any, exc: DemocracyError) -> None:
    """Put a service's refusal on its field when the form has it, else on the form."""
    field = exc.field if exc.field in getattr(form, "fields", {}) else None
    form.add_error(field, str(exc.message))
