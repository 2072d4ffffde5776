"""The visitor's province, to rank search results from it first.

A deployment serves one province (``DANVAN_HOME_PROVINCE``); a visitor who opened a commune
of another province gets that province remembered in a cookie (no personal data: a province
code), so "song cau" finds the Thái Nguyên ward first for a Thái Nguyên visitor and the
Đắk Lắk ward first for one from Đắk Lắk.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse

COOKIE = "danvan_tinh"
COOKIE_AGE = 365 * 24 * 3600


def visitor_province(request: HttpRequest) -> str:
    code = request.COOKIES.get(COOKIE, "")
    if len(code) == 2 and code.isdigit():
        return code
    return str(getattr(settings, "DANVAN_HOME_PROVINCE", "") or "")


def remember_province(response: HttpResponse, code: str) -> HttpResponse:
    response.set_cookie(COOKIE, code, max_age=COOKIE_AGE, samesite="Lax", httponly=True)
    return response
