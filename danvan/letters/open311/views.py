"""Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) mapped onto reflections.

``jurisdiction_id`` is a commune code. GET answers carry no personal data (no names, phones
or e-mails). POST needs ``api_key``: an API token of an officer acting in the jurisdiction.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from danvan.accounts.access import has_role
from danvan.accounts.auth import user_for_token
from danvan.cases.services import CaseError
from danvan.core.idempotency import KeyTooLong, create_once, request_key, scoped_key
from danvan.letters.categories import BY_CODE, CATEGORIES
from danvan.letters.models import Channel, Letter, LetterKind
from danvan.letters.open311.render import error, respond
from danvan.letters.selectors import letter_by_any_submission_key, public_reflections
from danvan.letters.services import crypto
from danvan.letters.services.decisions import ACTING_ROLES
from danvan.letters.services.errors import LetterError
from danvan.letters.services.identity import Identity, mask
from danvan.letters.services.intake import LetterInput, Sender, letter_receive
from danvan.territory.models import Unit
from danvan.territory.selectors import only_unit, unit_with_province

FORMATS = ("json", "xml")
MAX_RESULTS = 1000


def _service(c: Any) -> dict[str, Any]:
    return {
        "service_code": c.code,
        "service_name": str(c.name),
        "description": str(c.description),
        "metadata": False,
        "type": "realtime",
        "keywords": c.keywords,
        "group": str(_("Phản ánh")),
    }


def _jurisdiction(request: HttpRequest, fmt: str, *, required: bool) -> Unit | HttpResponse | None:
    params = request.POST if request.method == "POST" else request.GET
    code = (params.get("jurisdiction_id") or "").strip()
    if not code:
        if not required:
            return None
        only = only_unit()
        if only is None:
            return error(fmt, 400, _("Thiếu jurisdiction_id (mã xã, phường)."))
        return only
    unit = unit_with_province(code)
    if unit is None:
        return error(fmt, 404, _("Không có xã, phường với mã này."))
    return unit


def discovery(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        return error("json", 404, "format")
    root = request.build_absolute_uri("/open311/v2/")
    payload = {
        "changeset": "2026-01-01T00:00:00Z",
        "contact": str(_("Ủy ban nhân dân xã, phường nơi gửi phản ánh")),
        "key_service": str(_("Khóa API do UBND xã cấp cho cán bộ")),
        "endpoints": [
            {
                "specification": "http://wiki.open311.org/GeoReport_v2",
                "url": root,
                "changeset": "2026-01-01T00:00:00Z",
                "type": "production",
                "formats": ["application/json", "text/xml"],
            }
        ],
    }
    return respond(fmt, "discovery", payload)


def services(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        return error("json", 404, "format")
    unit = _jurisdiction(request, fmt, required=False)
    if isinstance(unit, HttpResponse):
        return unit
    return respond(fmt, "services", [_service(c) for c in CATEGORIES])


def service_definition(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        return error("json", 404, "format")
    if code not in BY_CODE:
        return error(fmt, 404, _("Không có loại phản ánh này."))
    return respond(fmt, "service_definition", {"service_code": code, "attributes": []})


# Any e-mail address or Vietnamese phone number, however written: the feed is public.
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<!\d)(?:\+?84|0)(?:[\s.\-]?\d){8,10}(?!\d)")
HIDDEN = "[đã ẩn]"


def public_description(letter: Letter) -> str:
    """The letter's title without the sender's name, phone or e-mail (a citizen often
    starts with "Tôi là …, SĐT …"); officers still read the letter as written."""
    text = mask(letter.title, Identity(name=letter.sender_name, phone=letter.sender_phone))
    text = _EMAIL.sub(HIDDEN, text)
    return _PHONE.sub(HIDDEN, text)


def _request_row(letter: Letter) -> dict[str, Any]:
    case = letter.case
    category = BY_CODE.get(letter.category) or BY_CODE["other"]
    updated = case.closed_at or case.updated_at
    return {
        "service_request_id": case.code,
        "status": "open" if case.is_open else "closed",
        "status_notes": "" if case.is_open else str(case.get_status_display()),
        "service_name": str(category.name),
        "service_code": category.code,
        "description": public_description(letter),
        "agency_responsible": letter.unit.name,
        "service_notice": "",
        "requested_datetime": _w3c(letter.received_at),
        "updated_datetime": _w3c(updated),
        "expected_datetime": (
            f"{case.due_date.isoformat()}T17:00:00+07:00" if case.due_date else ""
        ),
        "address": "",
        "address_id": "",
        "zipcode": "",
        "lat": "",
        "long": "",
        "media_url": "",
    }


def _w3c(value: datetime) -> str:
    return timezone.localtime(value).isoformat(timespec="seconds")


def _reflections() -> Any:
    # A reflection that was once a denunciation stays confidential: never in the public feed.
    return public_reflections()


def _parse_when(value: str) -> datetime | None:
    try:
        parsed = parse_datetime(value.replace(" ", "+")) if value else None
    except ValueError:
        # Well-formed but impossible (31 February, hour 25): the caller answers 400.
        return None
    if parsed is not None and timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


@csrf_exempt
def requests_view(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        return error("json", 404, "format")
    if request.method == "POST":
        return _create(request, fmt)
    if request.method != "GET":
        return error(fmt, 405, _("Phương thức không được hỗ trợ."))
    unit = _jurisdiction(request, fmt, required=False)
    if isinstance(unit, HttpResponse):
        return unit
    qs = _reflections()
    if unit is not None:
        qs = qs.filter(unit=unit)
    ids = [i.strip() for i in request.GET.get("service_request_id", "").split(",") if i.strip()]
    if ids:
        qs = qs.filter(case__code__in=ids[:100])
    else:
        codes = [c.strip() for c in request.GET.get("service_code", "").split(",") if c.strip()]
        if any(c not in BY_CODE for c in codes):
            return error(fmt, 400, _("service_code không hợp lệ."))
        if codes:
            qs = qs.filter(category__in=codes)
        for name, lookup in (("start_date", "received_at__gte"), ("end_date", "received_at__lte")):
            raw = request.GET.get(name, "")
            if raw:
                when = _parse_when(raw)
                if when is None:
                    return error(
                        fmt,
                        400,
                        _("%(name)s phải theo định dạng W3C, ví dụ 2026-01-01T00:00:00Z.")
                        % {"name": name},
                    )
                qs = qs.filter(**{lookup: when})
        statuses = {s.strip() for s in request.GET.get("status", "").split(",") if s.strip()}
        if statuses - {"open", "closed"}:
            return error(fmt, 400, _("status chỉ nhận open hoặc closed."))
        if statuses == {"open"}:
            qs = qs.filter(case__closed_at__isnull=True)
        elif statuses == {"closed"}:
            qs = qs.filter(case__closed_at__isnull=False)
    rows = [_request_row(letter) for letter in qs.order_by("-received_at", "-id")[:MAX_RESULTS]]
    return respond(fmt, "requests", rows)


def request_detail(request: HttpRequest, request_id: str, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        return error("json", 404, "format")
    letter = _reflections().filter(case__code=request_id).first()
    if letter is None:
        return error(fmt, 404, _("Không tìm thấy phản ánh."))
    return respond(fmt, "requests", [_request_row(letter)])


def token_detail(request: HttpRequest, token: str, fmt: str) -> HttpResponse:
    # Requests are created at once, so the token is the request id itself.
    if fmt not in FORMATS:
        return error("json", 404, "format")
    letter = _reflections().filter(case__code=token).first()
    if letter is None:
        return error(fmt, 404, _("Không tìm thấy."))
    return respond(fmt, "requests", [{"service_request_id": letter.code, "token": token}])


# A phone app retries a POST whose answer it did not get (a network drop, a timeout). The
# same report from the same sender or device within this window is that retry, answered with
# the request already created: one letter, one deadline, one SMS.
RETRY_WINDOW = timedelta(minutes=10)


def _retry_keys(
    request: HttpRequest,
    user: Any,
    unit: Unit,
    code: str,
    description: str,
    place: str,
    sender: Sender,
) -> list[str]:
    """The keys under which this request's letter is stored and looked for: the client's
    own ``Idempotency-Key`` when it sends one; else a fingerprint of the report (commune,
    service, folded text and place, sender, device) in the current window of time, then the
    previous one (a retry just after a window's turn still finds its first attempt)."""
    explicit = request_key(request, scope="open311.requests", actor=user)
    if explicit:
        return [explicit]
    p = request.POST
    fingerprint = "\n".join(
        [
            unit.code,
            code,
            crypto.folded(description),
            crypto.folded(place),
            crypto.sender_key(sender.name, sender.phone),
            sender.email.lower(),
            (p.get("device_id") or "").strip()[:100],
            (p.get("account_id") or "").strip()[:64],
        ]
    )
    window = int(timezone.now().timestamp() // RETRY_WINDOW.total_seconds())
    return [
        scoped_key(scope=f"open311.retry.{w}", actor=user, raw=fingerprint) or ""
        for w in (window, window - 1)
    ]


def _retry_finder(keys: list[str]) -> Any:
    def find(_key: str) -> Letter | None:
        found = letter_by_any_submission_key(keys)
        if found is None:
            return None
        if len(keys) > 1 and found.received_at < timezone.now() - RETRY_WINDOW:
            return None  # the same report again, later: a new one (a repeat, linked)
        return found

    return find


def _create(request: HttpRequest, fmt: str) -> HttpResponse:
    p = request.POST
    user = user_for_token((p.get("api_key") or "").strip())
    if user is None:
        return error(fmt, 403, _("api_key không hợp lệ."))
    unit = _jurisdiction(request, fmt, required=True)
    if isinstance(unit, HttpResponse):
        return unit
    if not has_role(user, unit, *ACTING_ROLES):
        return error(fmt, 403, _("api_key không có quyền tại xã, phường này."))
    code = (p.get("service_code") or "").strip()
    if code not in BY_CODE:
        return error(fmt, 400, _("service_code không hợp lệ."))
    description = (p.get("description") or "").strip()
    if len(description) < 10 or len(description) > 4000:
        return error(fmt, 400, _("description phải từ 10 đến 4000 ký tự."))
    address = (p.get("address_string") or "").strip()[:300]
    lat, lon = (p.get("lat") or "").strip(), (p.get("long") or "").strip()
    if not address and not (lat and lon):
        return error(fmt, 400, _("Cần lat và long hoặc address_string."))
    if lat or lon:
        try:
            lat_f, lon_f = float(lat), float(lon)
        except ValueError:
            return error(fmt, 400, _("lat, long không hợp lệ."))
        if not (-90 <= lat_f <= 90 and -180 <= lon_f <= 180):
            return error(fmt, 400, _("lat, long không hợp lệ."))
    name = " ".join(
        x for x in ((p.get("last_name") or "").strip(), (p.get("first_name") or "").strip()) if x
    )
    place = address or f"{lat}, {lon}"
    sender = Sender(
        name=name[:150],
        phone=(p.get("phone") or "").strip()[:20],
        email=(p.get("email") or "").strip()[:254] if "@" in (p.get("email") or "") else "",
    )
    try:
        keys = _retry_keys(request, user, unit, code, description, place, sender)
    except KeyTooLong:
        return error(fmt, 400, _("Idempotency-Key không quá 255 ký tự."))

    def create() -> Letter:
        return letter_receive(
            data=LetterInput(
                unit=unit,
                kind=LetterKind.REFLECTION,
                content=f"{description}\n\nĐịa điểm: {place}",
                title=description.splitlines()[0][:200],
                channel=Channel.OPEN311,
                category=code,
                sender=sender,
                submission_key=keys[0],
            ),
            actor=user,
        )

    try:
        letter, _created = create_once(key=keys[0], find=_retry_finder(keys), create=create)
    except (LetterError, CaseError) as exc:
        return error(fmt, 400, str(exc.message))
    answer = {
        "service_request_id": letter.code,
        "service_notice": str(_("Đã tiếp nhận; thời hạn xử lý 10 ngày làm việc.")),
        "account_id": (p.get("account_id") or "")[:64],
    }
    return respond(fmt, "requests", [answer])
