"""API router of accounts, mounted under /api/v1/ by danvan.api."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from danvan.accounts.access import memberships_for
from danvan.accounts.auth import BearerAuth

router = Router(tags=["accounts"])


class UnitRoleOut(Schema):
    role: str
    role_label: str
    unit_code: str
    unit_name: str


class ProvinceRoleOut(Schema):
    role: str
    role_label: str
    province_code: str
    province_name: str


class MeOut(Schema):
    username: str
    full_name: str
    email: str
    is_superuser: bool
    unit_roles: list[UnitRoleOut]
    province_roles: list[ProvinceRoleOut]


@router.get("/me", response=MeOut, auth=BearerAuth(), summary="The officer owning the token")
def me(request: HttpRequest) -> dict:
    user = request.auth  # type: ignore[attr-defined]
    unit_roles = []
    province_roles = []
    for m in memberships_for(user):
        if m.unit is not None:
            unit_roles.append(
                {
                    "role": m.role,
                    "role_label": str(m.get_role_display()),
                    "unit_code": m.unit.code,
                    "unit_name": m.unit.name,
                }
            )
        elif m.province is not None:
            province_roles.append(
                {
                    "role": m.role,
                    "role_label": str(m.get_role_display()),
                    "province_code": m.province.code,
                    "province_name": m.province.name,
                }
            )
    return {
        "username": user.get_username(),
        "full_name": user.get_full_name(),
        "email": user.email or "",
        "is_superuser": user.is_superuser,
        "unit_roles": unit_roles,
        "province_roles": province_roles,
    }
