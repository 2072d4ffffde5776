"""OpenRosa 1.0 for ODK Collect: form list, form download, manifest, submission.

Authentication: HTTP Digest against an enumerator's collection password (valid for the
surveys they are assigned to), or the API's ``Authorization: Bearer dv_…`` token for other
clients (valid for assigned surveys and those its owner manages). Every answer carries
``X-OpenRosa-Version: 1.0``. Errors are ``{"code","message"}`` JSON, except for a client that
speaks OpenRosa (sends ``X-OpenRosa-Version``) and does not ask for JSON: it gets the same
message in an ``OpenRosaResponse`` document, which Collect shows to the enumerator.
"""

from __future__ import annotations

from email.utils import formatdate
from typing import Any
from xml.sax.saxutils import escape

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from danvan.accounts.auth import user_for_token
from danvan.cases.ratelimit import allow
from danvan.surveys import digest, selectors
from danvan.surveys.instance import InstanceError, parse_instance
from danvan.surveys.services.collection import Attachment, submission_receive

OPENROSA_VERSION = "1.0"
# What Collect may send in one POST; it splits larger submissions over several POSTs.
ACCEPT_CONTENT_LENGTH = 10 * 1024 * 1024
# The whole request body may exceed that by the multipart framing only.
MAX_REQUEST_BYTES = ACCEPT_CONTENT_LENGTH + 64 * 1024
XFORMS_LIST_NS = "http://openrosa.org/xforms/xformsList"
MANIFEST_NS = "http://openrosa.org/xforms/xformsManifest"
RESPONSE_NS = "http://openrosa.org/http/response"


def _headers(response: HttpResponse) -> HttpResponse:
    response["X-OpenRosa-Version"] = OPENROSA_VERSION
    response["X-OpenRosa-Accept-Content-Length"] = str(ACCEPT_CONTENT_LENGTH)
    response["Date"] = formatdate(usegmt=True)
    return response


def _xml(body: str, status: int = 200) -> HttpResponse:
    return _headers(
        HttpResponse(
            '<?xml version="1.0" encoding="UTF-8"?>' + body,
            status=status,
            content_type="text/xml; charset=utf-8",
        )
    )


def _wants_xml(request: HttpRequest) -> bool:
    accept = request.headers.get("Accept", "")
    return bool(request.headers.get("X-OpenRosa-Version")) and "application/json" not in accept


def _error(request: HttpRequest, status: int, code: str, message: str) -> HttpResponse:
    if _wants_xml(request):
        return _xml(
            f'<OpenRosaResponse xmlns="{RESPONSE_NS}">'
            f'<message nature="error">{escape(message)}</message></OpenRosaResponse>',
            status,
        )
    return _headers(JsonResponse({"code": code, "message": message}, status=status))


class _Caller:
    def __init__(self, user: Any, assigned_only: bool) -> None:
        self.user = user
        self.assigned_only = assigned_only


def _authenticate(request: HttpRequest) -> _Caller | HttpResponse:
    """The caller, or the 401 that asks for credentials (Digest; Bearer also accepted)."""
    header = request.headers.get("Authorization", "")
    if header[:7].lower() == "bearer ":
        user = user_for_token(header[7:].strip())
        if user is not None:
            return _Caller(user, assigned_only=False)
        return _unauthorised(request, stale=False)
    answer = digest.parse_authorization(header)
    if answer is None:
        return _unauthorised(request, stale=False)
    state = digest.nonce_state(answer.nonce)
    if state == "bad":
        return _unauthorised(request, stale=False)
    credential = selectors.live_credential(answer.username)
    ok = (
        credential is not None
        and credential.realm == digest.realm()
        and credential.user.is_active
        and digest.check(answer, credential.ha1, request.method or "GET", request.get_full_path())
    )
    if not ok:
        # Guessing collection passwords costs a rate-limited attempt per try.
        if not allow(request, scope="surveys.digest"):
            return _error(
                request, 429, "rate_limited", _("Thử quá nhiều lần; hãy đợi rồi thử lại.")
            )
        return _unauthorised(request, stale=False)
    if state == "stale":
        return _unauthorised(request, stale=True)
    return _Caller(credential.user, assigned_only=True)  # type: ignore[union-attr]


def _unauthorised(request: HttpRequest, *, stale: bool) -> HttpResponse:
    response = _error(
        request,
        401,
        "unauthenticated",
        _("Cần đăng nhập bằng mật khẩu thu thập của điều tra viên."),
    )
    response["WWW-Authenticate"] = digest.challenge(stale=stale)
    return response


@require_http_methods(["GET", "HEAD"])
def form_list(request: HttpRequest) -> HttpResponse:
    caller = _authenticate(request)
    if isinstance(caller, HttpResponse):
        return caller
    wanted = request.GET.get("formID", "")
    items = []
    surveys = [
        s
        for s in selectors.collectable_surveys(caller.user, assigned_only=caller.assigned_only)
        if not wanted or s.form_id == wanted
    ]
    with_media = selectors.versions_with_media([s.current_version_id for s in surveys])
    for survey in surveys:
        version = survey.current_version
        download = request.build_absolute_uri(reverse("openrosa:form_xml", args=[survey.code]))
        manifest = ""
        if survey.current_version_id in with_media:
            url = request.build_absolute_uri(reverse("openrosa:manifest", args=[survey.code]))
            manifest = f"<manifestUrl>{escape(url)}</manifestUrl>"
        items.append(
            "<xform>"
            f"<formID>{escape(survey.form_id)}</formID>"
            f"<name>{escape(version.title)}</name>"  # type: ignore[union-attr]
            f"<version>{escape(version.version)}</version>"  # type: ignore[union-attr]
            f"<hash>md5:{version.xml_md5}</hash>"  # type: ignore[union-attr]
            f"<downloadUrl>{escape(download)}</downloadUrl>"
            f"{manifest}"
            "</xform>"
        )
    return _xml(f'<xforms xmlns="{XFORMS_LIST_NS}">{"".join(items)}</xforms>')


def _collectable(request: HttpRequest, code: str) -> tuple[_Caller, Any] | HttpResponse:
    caller = _authenticate(request)
    if isinstance(caller, HttpResponse):
        return caller
    survey = selectors.survey_by_code(code)
    if survey is None or not selectors.may_collect(
        caller.user, survey, assigned_only=caller.assigned_only
    ):
        return _error(request, 404, "not_found", _("Không tìm thấy biểu mẫu."))
    if survey.current_version is None:
        return _error(request, 404, "not_found", _("Không tìm thấy biểu mẫu."))
    return caller, survey


@require_http_methods(["GET", "HEAD"])
def form_xml(request: HttpRequest, code: str) -> HttpResponse:
    found = _collectable(request, code)
    if isinstance(found, HttpResponse):
        return found
    _caller, survey = found
    response = _headers(
        HttpResponse(survey.current_version.xml, content_type="text/xml; charset=utf-8")
    )
    return response


@require_http_methods(["GET", "HEAD"])
def manifest(request: HttpRequest, code: str) -> HttpResponse:
    found = _collectable(request, code)
    if isinstance(found, HttpResponse):
        return found
    _caller, survey = found
    files = []
    for media in survey.current_version.media.only("name", "md5"):  # not the files' bytes
        url = request.build_absolute_uri(reverse("openrosa:media", args=[survey.code, media.name]))
        files.append(
            "<mediaFile>"
            f"<filename>{escape(media.name)}</filename>"
            f"<hash>md5:{media.md5}</hash>"
            f"<downloadUrl>{escape(url)}</downloadUrl>"
            "</mediaFile>"
        )
    return _xml(f'<manifest xmlns="{MANIFEST_NS}">{"".join(files)}</manifest>')


@require_http_methods(["GET"])
def media(request: HttpRequest, code: str, name: str) -> HttpResponse:
    found = _collectable(request, code)
    if isinstance(found, HttpResponse):
        return found
    _caller, survey = found
    item = survey.current_version.media.filter(name=name).first()
    if item is None:
        return _error(request, 404, "not_found", _("Không tìm thấy tệp."))
    return _headers(HttpResponse(bytes(item.data), content_type=item.content_type))


@csrf_exempt
@require_http_methods(["HEAD", "POST"])
def submission(request: HttpRequest) -> HttpResponse:
    """``HEAD`` → 204 with the accepted size; ``POST`` multipart ``xml_submission_file`` and
    attachments → 201 (stored, or already stored: a resend is answered the same)."""
    caller = _authenticate(request)
    if isinstance(caller, HttpResponse):
        return caller
    if request.method == "HEAD":
        return _headers(HttpResponse(status=204))
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_REQUEST_BYTES:
        return _error(
            request, 413, "too_large", _("Phiếu và tệp đính kèm gửi một lần không quá 10 MB.")
        )
    if not (request.content_type or "").startswith("multipart/form-data"):
        return _error(
            request,
            400,
            "bad_request",
            _("Cần gửi multipart/form-data với tệp xml_submission_file."),
        )
    try:
        files = request.FILES
    except Exception:  # noqa: BLE001 — a broken multipart body raises several kinds
        return _error(request, 400, "bad_request", _("Nội dung multipart không hợp lệ."))
    xml_file = files.get("xml_submission_file")
    if xml_file is None:
        return _error(request, 400, "bad_request", _("Thiếu tệp xml_submission_file."))
    attachments = []
    for field_name, upload in files.items():
        if field_name == "xml_submission_file":
            continue
        if upload.size > ACCEPT_CONTENT_LENGTH:
            return _error(request, 413, "too_large", _("Tệp đính kèm lớn quá 10 MB."))
        name = (upload.name or field_name).replace("/", "_").replace("\\", "_")[:200]
        attachments.append(
            Attachment(
                name=name,
                content_type=(upload.content_type or "application/octet-stream")[:100],
                data=upload.read(),
            )
        )
    try:
        instance = parse_instance(xml_file.read())
    except InstanceError as exc:
        status = 413 if exc.code == "too_large" else 400 if exc.code == "bad_xml" else 422
        return _error(request, status, exc.code, exc.message)
    survey = selectors.survey_by_form_id(instance.form_id)
    if survey is None or not selectors.may_collect(
        caller.user, survey, assigned_only=caller.assigned_only
    ):
        # Unknown form and a form this enumerator is not assigned to look the same.
        return _error(request, 404, "unknown_form", _("Không tìm thấy biểu mẫu của phiếu này."))
    try:
        received = submission_receive(
            survey=survey, instance=instance, actor=caller.user, attachments=attachments
        )
    except InstanceError as exc:
        status = 413 if exc.code == "too_large" else 409 if exc.code == "closed" else 422
        return _error(request, status, exc.code, exc.message)
    message = (
        _("Đã nhận phiếu. Cảm ơn!") if received.created else _("Phiếu này đã được nhận trước đó.")
    )
    response = _xml(
        f'<OpenRosaResponse xmlns="{RESPONSE_NS}">'
        f'<message nature="submit_success">{escape(message)}</message>'
        "</OpenRosaResponse>",
        201,
    )
    response["Location"] = request.build_absolute_uri(reverse("openrosa:submission"))
    return response
