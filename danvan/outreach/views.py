"""Officers' pages of dissemination (mounted at /tuyen-truyen/): the commune's campaigns, a
campaign with its content versions and reach per village, recording a session from a phone,
the villages' languages and the year's plan."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.access import signed_in, unit_for_user, units_for_user
from danvan.outreach import selectors
from danvan.outreach.forms import (
    CampaignForm,
    LinkForm,
    RelateForm,
    SessionForm,
    VersionForm,
    VillageLanguagesForm,
)
from danvan.outreach.models import Campaign, Language
from danvan.outreach.services import (
    CampaignInput,
    OutreachError,
    SessionInput,
    campaign_create,
    campaign_link_add,
    campaign_link_remove,
    campaign_relate_set,
    can_act,
    session_record,
    version_save,
    village_languages_set,
)

LIST_LIMIT = 200


def _require_act(request: HttpRequest, unit: object) -> None:
    if not can_act(request.user, unit):
        raise PermissionDenied(_("Bạn không có quyền thực hiện việc này tại đơn vị này."))


def _form_error(form: object, exc: OutreachError) -> None:
    field = exc.field if exc.field in form.fields else None  # type: ignore[attr-defined]
    form.add_error(field, str(exc.message))  # type: ignore[attr-defined]


@login_required
def home(request: HttpRequest) -> HttpResponse:
    units = list(units_for_user(request.user).order_by("code")[:LIST_LIMIT])
    if len(units) == 1:
        return redirect("outreach:campaigns", code=units[0].code)
    return render(request, "outreach/home.html", {"units": units})


@login_required
def campaigns(request: HttpRequest, code: str) -> HttpResponse:
    unit = unit_for_user(request.user, code)
    rows = list(selectors.campaigns_of_unit(unit)[:LIST_LIMIT])
    context = {
        "unit": unit,
        "campaigns": rows,
        "can_act": can_act(request.user, unit),
        "year": timezone.localdate().year,
    }
    return render(request, "outreach/campaigns.html", context)


@login_required
def campaign_new(request: HttpRequest, code: str) -> HttpResponse:
    unit = unit_for_user(request.user, code)
    _require_act(request, unit)
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            campaign = campaign_create(
                data=CampaignInput(
                    unit=unit,
                    subject=data["subject"],
                    audiences=data["audiences"],
                    channels=data["channels"],
                    languages=data["languages"],
                    starts=data["starts"],
                    ends=data["ends"],
                ),
                actor=signed_in(request.user),
            )
        except OutreachError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Đã tạo chiến dịch tuyên truyền."))
            return redirect("outreach:campaign", campaign_id=campaign.pk)
    status = 422 if form.errors else 200
    return render(
        request, "outreach/campaign_form.html", {"unit": unit, "form": form}, status=status
    )


def _related_context(request: HttpRequest, campaign: Campaign, relate_form=None, link_form=None):  # type: ignore[no-untyped-def]
    """The campaign's related consultations and letters, the before/after counts and the
    forms that set them (issue #15)."""
    from danvan.democracy import selectors as democracy_selectors
    from danvan.letters import selectors as letters_selectors
    from danvan.outreach import links

    rows = links.links_of(campaign)
    letter_ids = [x.letter_id for x in rows if x.letter_id]
    # Codes only of the linked letters the reader may read; the rest is counted.
    readable = dict(
        letters_selectors.letters_for_user(request.user)
        .filter(pk__in=letter_ids)
        .values_list("pk", "case__code")
    )
    categories = letters_selectors.letter_categories()
    return {
        "before_after": links.before_after(campaign, links=rows),
        "consultations": links.related_consultations(campaign, links=rows),
        "letter_links": [(x, readable.get(x.letter_id)) for x in rows if x.letter_id],
        "consultation_links": {x.consultation_id: x for x in rows if x.consultation_id},
        "topic_label": dict(categories).get(campaign.topic, ""),
        "relate_form": relate_form
        or RelateForm(
            initial={"topic": campaign.topic, "keywords": campaign.keywords},
            categories=categories,
        ),
        "link_form": link_form
        or LinkForm(
            consultations=list(democracy_selectors.consultations_for_unit(campaign.unit)[:100])
        ),
    }


@login_required
def campaign_related(request: HttpRequest, campaign_id: int) -> HttpResponse:
    """POST: set the related field and keywords, link or unlink a letter or consultation."""
    from danvan.democracy import selectors as democracy_selectors
    from danvan.letters import selectors as letters_selectors
    from danvan.outreach import links

    campaign = selectors.campaign_for_user(request.user, campaign_id)
    if request.method != "POST":
        return redirect("outreach:campaign", campaign_id=campaign.pk)
    _require_act(request, campaign.unit)
    user = signed_in(request.user)
    action = request.POST.get("action")
    relate_form = link_form = None
    try:
        if action == "relate":
            relate_form = RelateForm(request.POST, categories=letters_selectors.letter_categories())
            if relate_form.is_valid():
                campaign_relate_set(campaign=campaign, actor=user, **relate_form.cleaned_data)
                messages.success(request, _("Đã lưu."))
                return redirect("outreach:campaign", campaign_id=campaign.pk)
        elif action == "unlink":
            link = next(
                (x for x in links.links_of(campaign) if str(x.pk) == request.POST.get("link")),
                None,
            )
            if link is not None:
                campaign_link_remove(link=link, actor=user)
            return redirect("outreach:campaign", campaign_id=campaign.pk)
        else:
            link_form = LinkForm(
                request.POST,
                consultations=list(democracy_selectors.consultations_for_unit(campaign.unit)[:100]),
            )
            if link_form.is_valid():
                campaign_link_add(campaign=campaign, actor=user, **link_form.cleaned_data)
                messages.success(request, _("Đã liên kết."))
                return redirect("outreach:campaign", campaign_id=campaign.pk)
    except OutreachError as exc:
        _form_error(relate_form or link_form, exc)
    return _campaign_page(
        request, campaign, _related_context(request, campaign, relate_form, link_form), 422
    )


def _campaign_page(
    request: HttpRequest, campaign: Campaign, related=None, status: int = 200
) -> HttpResponse:  # type: ignore[no-untyped-def]
    versions = {v.language: v for v in selectors.versions_of(campaign)}
    languages = [
        (code, Language(code).label, versions.get(code)) for code in campaign.languages
    ] + [
        (code, Language(code).label, version)
        for code, version in versions.items()
        if code not in campaign.languages
    ]
    context = {
        "campaign": campaign,
        "unit": campaign.unit,
        "content_languages": languages,
        "lacking": selectors.villages_lacking_language(campaign),
        "reach": selectors.reach(campaign),
        "sessions": list(selectors.sessions_of(campaign)[:LIST_LIMIT]),
        "can_act": can_act(request.user, campaign.unit),
        **(related or _related_context(request, campaign)),
    }
    return render(request, "outreach/campaign.html", context, status=status)


@login_required
def campaign_detail(request: HttpRequest, campaign_id: int) -> HttpResponse:
    return _campaign_page(request, selectors.campaign_for_user(request.user, campaign_id))


@login_required
def session_new(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = selectors.campaign_for_user(request.user, campaign_id)
    _require_act(request, campaign.unit)
    villages = selectors.villages_of_unit(campaign.unit)
    kwargs = {"villages": villages, "channels": campaign.channels, "languages": campaign.languages}
    if request.method != "POST":
        form = SessionForm(initial={"token": uuid.uuid4().hex}, **kwargs)
        return render(request, "outreach/session_form.html", {"campaign": campaign, "form": form})
    form = SessionForm(request.POST, **kwargs)
    if form.is_valid():
        data = form.cleaned_data
        user = signed_in(request.user)
        token = data.get("token") or ""
        try:
            session_record(
                campaign=campaign,
                data=SessionInput(
                    village_id=data["village"],
                    date=data["date"],
                    channel=data["channel"],
                    language=data["language"],
                    attendees=data["attendees"],
                    attendees_female=data["attendees_female"],
                    attendees_minority=data["attendees_minority"],
                    check_questions=data.get("check_questions") or 0,
                    check_correct=data.get("check_correct") or 0,
                    # A double tap on a slow connection records the session once.
                    submission_key=f"form:{user.pk}:{token}"[:64] if token else None,
                ),
                actor=user,
            )
        except OutreachError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Đã ghi nhận buổi tuyên truyền."))
            return redirect("outreach:campaign", campaign_id=campaign.pk)
    return render(
        request, "outreach/session_form.html", {"campaign": campaign, "form": form}, status=422
    )


@login_required
def version_edit(request: HttpRequest, campaign_id: int, language: str) -> HttpResponse:
    campaign = selectors.campaign_for_user(request.user, campaign_id)
    if language not in Language.values:
        raise Http404("No such language")
    _require_act(request, campaign.unit)
    current = {v.language: v for v in selectors.versions_of(campaign)}.get(language)
    initial = (
        {"title": current.title, "body": current.body, "author": current.author} if current else {}
    )
    form = VersionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            version_save(
                campaign=campaign,
                language=language,
                actor=signed_in(request.user),
                **form.cleaned_data,
            )
        except OutreachError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Đã lưu bản nội dung."))
            return redirect("outreach:campaign", campaign_id=campaign.pk)
    context = {"campaign": campaign, "form": form, "language": Language(language).label}
    return render(
        request, "outreach/version_form.html", context, status=422 if form.errors else 200
    )


@login_required
def village_languages(request: HttpRequest, code: str) -> HttpResponse:
    unit = unit_for_user(request.user, code)
    villages = selectors.villages_of_unit(unit)
    editable = can_act(request.user, unit)
    current = selectors.village_languages(unit)
    initial = {f"v{pk}": language for pk, language in current.items()}
    form = VillageLanguagesForm(
        request.POST if request.method == "POST" else None, villages=villages, initial=initial
    )
    if request.method == "POST":
        _require_act(request, unit)
        if form.is_valid():
            try:
                changed = village_languages_set(
                    unit=unit, languages=form.languages(), actor=signed_in(request.user)
                )
            except OutreachError as exc:
                _form_error(form, exc)
            else:
                messages.success(
                    request, _("Đã cập nhật ngôn ngữ của %(n)d thôn.") % {"n": changed}
                )
                return redirect("outreach:village_languages", code=unit.code)
    if not editable:
        for field in form.fields.values():
            field.disabled = True
    context = {"unit": unit, "form": form, "editable": editable}
    return render(
        request, "outreach/village_languages.html", context, status=422 if form.errors else 200
    )


@login_required
def plan(request: HttpRequest, code: str, year: int) -> HttpResponse:
    unit = unit_for_user(request.user, code)
    if not 2000 <= year <= 2100:
        raise Http404("No such year")
    context = {
        "unit": unit,
        "year": year,
        "months": selectors.year_plan(unit, year),
        "campaigns": selectors.campaigns_running(unit, year),
    }
    return render(request, "outreach/plan.html", context)
