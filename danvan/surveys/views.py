"""Officers' survey pages (/khao-sat/): the surveys they may read, uploading a form (the
refusal shown as a table of lines), a survey with its versions, its submissions (paged, no
query per row), raw exports, enumerators' assignments and collection passwords."""

from __future__ import annotations

import json
from xml.sax.saxutils import quoteattr

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.accounts.access import acting_units, signed_in
from danvan.core.boundary import parse_int
from danvan.surveys import selectors
from danvan.surveys.services.credentials import (
    assignment_add,
    assignment_remove,
    credential_issue,
    credential_revoke,
)
from danvan.surveys.services.forms import (
    MAX_MEDIA_BYTES,
    FormMediaError,
    form_import,
    form_media_add,
    survey_export_record,
    survey_set_flags,
)
from danvan.surveys.xlsform import MAX_FORM_BYTES, FormRefused, media_names
from danvan.territory.selectors import province_by_code, unit_with_province

PAGE_SIZE = 50


class UploadForm(forms.Form):
    unit = forms.ChoiceField(label=gettext_lazy("Khảo sát của"))
    file = forms.FileField(
        label=gettext_lazy("Tệp XLSForm (.xlsx hoặc .xls)"),
        help_text=gettext_lazy("Trang “settings” nên có form_id và version; tối đa 5 MB."),
    )


def _upload_places(user) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    units = acting_units(user, *selectors.MANAGER_ROLES).select_related("province").order_by("code")
    places = [(u.code, f"{u.name} ({u.code})") for u in units[:300]]
    for province in selectors.managed_provinces(user):
        places.append((province.code, _("Toàn tỉnh: %(name)s") % {"name": province.name}))
    return places


@login_required
def home(request: HttpRequest) -> HttpResponse:
    surveys = list(
        selectors.surveys_for_user(request.user)
        .select_related("unit", "province", "current_version")
        .order_by("-created_at")[:200]
    )
    return render(
        request,
        "surveys/home.html",
        {"surveys": surveys, "can_upload": bool(_upload_places(request.user))},
    )


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    places = _upload_places(request.user)
    if not places:
        raise PermissionDenied(_("Bạn không có quyền tạo khảo sát."))
    form = UploadForm(request.POST or None, request.FILES or None)
    form.fields["unit"].choices = places
    report = None
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        code = form.cleaned_data["unit"]
        if upload_file.size > MAX_FORM_BYTES:
            form.add_error("file", _("Tệp biểu mẫu lớn quá 5 MB."))
        else:
            target = (
                {"unit": unit_with_province(code)}
                if len(code) == 5
                else {"province": province_by_code(code)}
            )
            try:
                result = form_import(
                    actor=signed_in(request.user),
                    data=upload_file.read(),
                    filename=upload_file.name,
                    **target,
                )
            except FormRefused as exc:
                report = [e.as_dict() for e in exc.errors]
            else:
                messages.success(
                    request,
                    _("Đã nhập biểu mẫu %(id)s phiên bản %(v)s.")
                    % {"id": result.survey.form_id, "v": result.version.version},
                )
                return redirect("surveys:detail", code=result.survey.code)
    status = 422 if report else 400 if form.errors else 200
    return render(request, "surveys/upload.html", {"form": form, "report": report}, status=status)


@login_required
def detail(request: HttpRequest, code: str) -> HttpResponse:
    survey = selectors.survey_for_user(request.user, code)
    manage = selectors.may_manage(request.user, survey)
    if request.method == "POST":
        if not manage:
            raise PermissionDenied(_("Bạn không có quyền thay đổi khảo sát này."))
        action = request.POST.get("action")
        if action == "media":
            return _media_upload(request, survey)
        flags = {
            "open": {"is_open": True},
            "close": {"is_open": False},
            "publish": {"is_public": True},
            "withdraw": {"is_public": False},
        }.get(action or "")
        if flags:
            survey_set_flags(actor=signed_in(request.user), survey=survey, **flags)
        return redirect("surveys:detail", code=survey.code)
    return _detail(request, survey, manage)


def _media_upload(request: HttpRequest, survey) -> HttpResponse:  # type: ignore[no-untyped-def]
    upload_file = request.FILES.get("media")
    version = survey.current_version
    if upload_file is None or version is None:
        return _detail(request, survey, True, media_error=_("Hãy chọn tệp."), status=400)
    if upload_file.size > MAX_MEDIA_BYTES:
        return _detail(
            request, survey, True, media_error=_("Tệp đính kèm lớn quá 10 MB."), status=413
        )
    try:
        form_media_add(
            actor=signed_in(request.user),
            version=version,
            name=upload_file.name,
            data=upload_file.read(),
        )
    except FormMediaError as exc:
        return _detail(request, survey, True, media_error=exc.message, status=422)
    messages.success(request, _("Đã thêm tệp %(name)s.") % {"name": upload_file.name})
    return redirect("surveys:detail", code=survey.code)


def _detail(request, survey, manage, media_error="", status=200):  # type: ignore[no-untyped-def]
    versions = selectors.versions_of(survey)
    media = []
    if survey.current_version is not None:
        present = selectors.media_of(survey.current_version)
        media = [
            {"name": name, "present": name in present}
            for name in media_names(survey.current_version.xml)
        ]
    return render(
        request,
        "surveys/detail.html",
        {
            "media": media,
            "media_error": media_error,
            "survey": survey,
            "versions": versions,
            "manage": manage,
            "count": selectors.submissions_for_user(request.user, survey).count(),
            "may_fill": selectors.may_collect(request.user, survey, assigned_only=False),
            "public_url": request.build_absolute_uri(f"/khao-sat/tra-loi/{survey.code}/"),
            "formlist_url": request.build_absolute_uri("/openrosa/"),
        },
        status=status,
    )


@login_required
def submissions(request: HttpRequest, code: str) -> HttpResponse:
    survey = selectors.survey_for_user(request.user, code)
    rows = selectors.submission_rows(request.user, survey)
    page = Paginator(rows, PAGE_SIZE).get_page(parse_int(request.GET.get("trang"), lo=1) or 1)
    contacts = {}
    if selectors.may_read_contacts(request.user, survey):
        contacts = selectors.contacts_of([s.pk for s in page.object_list])
    for row in page.object_list:
        row.contact_row = contacts.get(row.pk)
    return render(
        request,
        "surveys/submissions.html",
        {
            "survey": survey,
            "page": page,
            "contacts": contacts,
            "export": selectors.may_export(request.user, survey),
        },
    )


@login_required
def export(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    """Raw submissions as JSON or XML. Names and phones only with ``?lien-he=1`` and a role
    that may read them (never in the XML: they were taken out at reception)."""
    survey = selectors.survey_for_user(request.user, code)
    if fmt not in ("json", "xml"):
        raise Http404("format")
    if not selectors.may_export(request.user, survey):
        raise PermissionDenied(_("Bạn không có quyền xuất dữ liệu khảo sát này."))
    with_contacts = (
        fmt == "json"
        and request.GET.get("lien-he") == "1"
        and selectors.may_read_contacts(request.user, survey)
    )
    rows = list(selectors.export_rows(request.user, survey))
    survey_export_record(
        actor=signed_in(request.user), survey=survey, fmt=fmt, contacts=with_contacts
    )
    if fmt == "xml":
        body = "".join(s.xml for s in rows)
        content = (
            '<?xml version="1.0" encoding="UTF-8"?>'
            f"<submissions form_id={quoteattr(survey.form_id)} survey={quoteattr(survey.code)}>"
            f"{body}</submissions>"
        )
        response = HttpResponse(content, content_type="application/xml; charset=utf-8")
    else:
        contacts = selectors.contacts_of([s.pk for s in rows]) if with_contacts else {}
        data = [
            {
                "instance_id": s.instance_id,
                "form_version": s.form_version.version,
                "received_at": s.received_at.isoformat(),
                "unit": s.unit.code if s.unit_id else None,
                "village": s.village.name if s.village_id else None,
                "current": s.superseded_by_id is None,
                "deprecated_id": s.deprecated_id,
                "answers": s.answers,
                **(
                    {
                        "contact": {"name": contacts[s.pk].name, "phone": contacts[s.pk].phone}
                        if s.pk in contacts
                        else None
                    }
                    if with_contacts
                    else {}
                ),
            }
            for s in rows
        ]
        response = HttpResponse(
            json.dumps(
                {"survey": survey.code, "form_id": survey.form_id, "submissions": data},
                ensure_ascii=False,
            ),
            content_type="application/json; charset=utf-8",
        )
    response["Content-Disposition"] = f'attachment; filename="{survey.form_id}.{fmt}"'
    return response


@login_required
def assignments(request: HttpRequest, code: str) -> HttpResponse:
    survey = selectors.survey_for_user(request.user, code)
    if not selectors.may_manage(request.user, survey):
        raise PermissionDenied(_("Bạn không có quyền phân công điều tra viên."))
    units = [survey.unit] if survey.unit_id else selectors.province_units(survey.province_id)
    found = selectors.enumerators_in(units)
    candidates = {pk: user for pk, (user, _unit) in found.items()}
    if request.method == "POST":
        user_id = parse_int(request.POST.get("user"), lo=1)
        user = candidates.get(user_id) if user_id else None
        if user is None:
            raise Http404("no such enumerator")
        actor = signed_in(request.user)
        if request.POST.get("action") == "remove":
            assignment_remove(actor=actor, survey=survey, user=user)
        else:
            unit = found[user.pk][1]
            assignment_add(actor=actor, survey=survey, user=user, unit=unit)
        return redirect("surveys:assignments", code=survey.code)
    assigned = selectors.assignments_of(survey)
    assigned_ids = {a.user_id for a in assigned}
    return render(
        request,
        "surveys/assignments.html",
        {
            "survey": survey,
            "assigned": assigned,
            "candidates": [u for u in candidates.values() if u.pk not in assigned_ids],
        },
    )


@login_required
def credentials(request: HttpRequest) -> HttpResponse:
    """Enumerators' collection passwords in the communes the officer manages: issue (the
    password is shown on this answer only), revoke."""
    units = list(acting_units(request.user, *selectors.MANAGER_ROLES).order_by("code")[:60])
    if not units:
        raise PermissionDenied(_("Bạn không có quyền quản lý điều tra viên."))
    enumerators = {pk: user for pk, (user, _unit) in selectors.enumerators_in(units).items()}
    shown = None
    if request.method == "POST":
        actor = signed_in(request.user)
        action = request.POST.get("action")
        if action == "issue":
            user = enumerators.get(parse_int(request.POST.get("user"), lo=1) or 0)
            if user is None:
                raise Http404("no such enumerator")
            issued = credential_issue(actor=actor, user=user)
            shown = {"username": user.get_username(), "password": issued.password}
        elif action == "revoke":
            credential = selectors.credential_by_id(
                parse_int(request.POST.get("credential"), lo=1) or 0
            )
            if credential is None or credential.user_id not in enumerators:
                raise Http404("no such credential")
            credential_revoke(actor=actor, credential=credential)
            messages.success(request, _("Đã thu hồi mật khẩu thu thập."))
            return redirect("surveys:credentials")
    rows = selectors.credentials_of_users(list(enumerators))
    live = {c.user_id: c for c in rows if c.revoked_at is None}
    table = [{"user": user, "credential": live.get(pk)} for pk, user in enumerators.items()]
    response = render(request, "surveys/credentials.html", {"enumerators": table, "shown": shown})
    if shown:
        response["Cache-Control"] = "no-store"
    return response
