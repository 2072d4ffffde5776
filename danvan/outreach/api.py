"""API of dissemination, mounted under /api/v1/ by danvan.api (contract of issue #15).

``GET /outreach/campaigns?unit=`` (paged), ``POST /outreach/campaigns``,
``POST /outreach/campaigns/{id}/sessions`` (both honour ``Idempotency-Key``) and
``GET /outreach/campaigns/{id}/reach``. Another commune's campaign is 404 on read and 403 on
write."""

from __future__ import annotations

from datetime import date
from typing import Literal

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from danvan.accounts.auth import BearerAuth
from danvan.core.api_errors import ApiError
from danvan.core.api_helpers import page_of
from danvan.outreach import models_selectors, selectors, training
from danvan.outreach.api_common import (
    UnitQuery,
    forbidden,
    invalid,
    key_for,
    read_unit,
    write_unit,
)
from danvan.outreach.models import Audience, Campaign, Channel, Language, Session
from danvan.outreach.services import (
    CampaignInput,
    OutreachError,
    SessionInput,
    campaign_create,
    can_act,
    session_record,
)

router = Router(tags=["outreach"])

AudienceCode = Literal[tuple(Audience.values)]  # type: ignore[valid-type]
ChannelCode = Literal[tuple(Channel.values)]  # type: ignore[valid-type]
LanguageCode = Literal[tuple(Language.values)]  # type: ignore[valid-type]


class CampaignIn(Schema):
    unit: str = Field(..., min_length=5, max_length=5)
    subject: str = Field(..., min_length=1, max_length=300)
    audiences: list[AudienceCode] = Field(..., min_length=1, max_length=5)  # type: ignore[valid-type]
    channels: list[ChannelCode] = Field(..., min_length=1, max_length=6)  # type: ignore[valid-type]
    languages: list[LanguageCode] = Field(..., min_length=1, max_length=5)  # type: ignore[valid-type]
    starts: date
    ends: date


class CampaignOut(Schema):
    id: int
    unit: str
    subject: str
    audiences: list[str]
    channels: list[str]
    languages: list[str]
    starts: date
    ends: date
    sessions: int


class CampaignPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[CampaignOut]


class SessionIn(Schema):
    village: int = Field(..., ge=1, le=2**31 - 1)
    date: date
    channel: ChannelCode  # type: ignore[valid-type]
    language: LanguageCode  # type: ignore[valid-type]
    attendees: int = Field(..., ge=0, le=100000)
    attendees_female: int = Field(..., ge=0, le=100000)
    attendees_minority: int = Field(..., ge=0, le=100000)
    check_questions: int = Field(0, ge=0, le=50)
    check_correct: int = Field(0, ge=0, le=50)


class SessionOut(Schema):
    id: int
    campaign: int
    village: int
    date: date
    channel: str
    language: str
    attendees: int
    attendees_female: int
    attendees_minority: int
    comprehension_score: float | None


class ReachOut(Schema):
    village: int
    village_name: str
    sessions: int
    attendees: int
    households: int | None
    reached_share: float | None


def _campaign_row(campaign: Campaign, sessions: int | None = None) -> dict[str, object]:
    return {
        "id": campaign.pk,
        "unit": campaign.unit.code,
        "subject": campaign.subject,
        "audiences": campaign.audiences,
        "channels": campaign.channels,
        "languages": campaign.languages,
        "starts": campaign.starts,
        "ends": campaign.ends,
        "sessions": getattr(campaign, "session_count", sessions or 0),
    }


def _session_row(session: Session) -> dict[str, object]:
    return {
        "id": session.pk,
        "campaign": session.campaign_id,
        "village": session.village_id,
        "date": session.date,
        "channel": session.channel,
        "language": session.language,
        "attendees": session.attendees,
        "attendees_female": session.attendees_female,
        "attendees_minority": session.attendees_minority,
        "comprehension_score": session.comprehension_score,
    }


@router.get("/outreach/campaigns", auth=BearerAuth(), response=CampaignPage)
def list_campaigns(request: HttpRequest, q: Query[UnitQuery]):  # type: ignore[no-untyped-def]
    unit = read_unit(request, q.unit)
    return page_of(selectors.campaigns_of_unit(unit), q, _campaign_row)


@router.post("/outreach/campaigns", auth=BearerAuth(), response={201: CampaignOut})
def create_campaign(request: HttpRequest, payload: CampaignIn):  # type: ignore[no-untyped-def]
    unit = write_unit(payload.unit)
    if unit is None or not can_act(request.auth, unit):
        # The same answer for an unknown unit and another commune's: no oracle.
        raise forbidden()
    key = key_for(
        request,
        "api.outreach.campaigns",
        find=selectors.campaign_by_key,
        parent=lambda first: first.unit_id,
        parent_pk=unit.pk,
        message=_("Mã chống gửi trùng đã được dùng cho một đơn vị khác."),
    )
    try:
        campaign = campaign_create(
            data=CampaignInput(
                unit=unit,
                subject=payload.subject,
                audiences=list(payload.audiences),
                channels=list(payload.channels),
                languages=list(payload.languages),
                starts=payload.starts,
                ends=payload.ends,
                submission_key=key,
            ),
            actor=request.auth,
        )
    except OutreachError as exc:
        raise invalid(exc) from exc
    return 201, _campaign_row(campaign, selectors.session_count(campaign))


@router.post(
    "/outreach/campaigns/{campaign_id}/sessions", auth=BearerAuth(), response={201: SessionOut}
)
def create_session(request: HttpRequest, campaign_id: int, payload: SessionIn):  # type: ignore[no-untyped-def]
    campaign = selectors.campaign_by_id(campaign_id) if 0 < campaign_id < 2**31 else None
    if campaign is None or not can_act(request.auth, campaign.unit):
        raise forbidden()
    key = key_for(
        request,
        "api.outreach.sessions",
        find=selectors.session_by_key,
        parent=lambda first: first.campaign_id,
        parent_pk=campaign.pk,
        message=_("Mã chống gửi trùng đã được dùng cho một chiến dịch khác."),
    )
    try:
        session = session_record(
            campaign=campaign,
            data=SessionInput(
                village_id=payload.village,
                date=payload.date,
                channel=payload.channel,
                language=payload.language,
                attendees=payload.attendees,
                attendees_female=payload.attendees_female,
                attendees_minority=payload.attendees_minority,
                check_questions=payload.check_questions,
                check_correct=payload.check_correct,
                submission_key=key,
            ),
            actor=request.auth,
        )
    except OutreachError as exc:
        raise invalid(exc) from exc
    return 201, _session_row(session)


@router.get("/outreach/campaigns/{campaign_id}/reach", auth=BearerAuth(), response=list[ReachOut])
def campaign_reach(request: HttpRequest, campaign_id: int):  # type: ignore[no-untyped-def]
    campaign = selectors.campaign_for_user(request.auth, campaign_id)
    return [
        {
            "village": row.village.pk,
            "village_name": row.village.name,
            "sessions": row.sessions,
            "attendees": row.attendees,
            "households": row.households,
            "reached_share": row.reached_share,
        }
        for row in selectors.reach(campaign)
    ]


class WindowOut(Schema):
    first: date
    last: date
    count: int


class RelatedOut(Schema):
    days: int | None
    before: WindowOut | None
    during: WindowOut | None
    after: WindowOut | None
    after_complete: bool
    change: str
    consultations: list[dict[str, object]]
    linked_letters: int


@router.get("/outreach/campaigns/{campaign_id}/related", auth=BearerAuth(), response=RelatedOut)
def campaign_related(request: HttpRequest, campaign_id: int):  # type: ignore[no-untyped-def]
    """Counts of related letters before, during and after the campaign (never the letters)
    and the related consultations."""
    from danvan.outreach import links

    campaign = selectors.campaign_for_user(request.auth, campaign_id)
    rows = links.links_of(campaign)
    ba = links.before_after(campaign, links=rows)

    def window(w):  # type: ignore[no-untyped-def]
        return None if w is None else {"first": w.first, "last": w.last, "count": w.count}

    return {
        "days": ba.days if ba else None,
        "before": window(ba.before) if ba else None,
        "during": window(ba.during) if ba else None,
        "after": window(ba.after) if ba else None,
        "after_complete": bool(ba and ba.after_complete),
        "change": ba.change if ba else "",
        "consultations": [
            {"id": c.pk, "title": c.title, "opens": c.opens, "closes": c.closes}
            for c in links.related_consultations(campaign, links=rows)
        ],
        "linked_letters": sum(1 for x in rows if x.letter_id),
    }


class CoverageQuery(Schema):
    unit: str = Field(..., min_length=1, max_length=5)
    term: str = Field("", max_length=16)


class CoverageOut(Schema):
    officer: str
    name: str
    role: str
    required: list[str]
    done: list[str]
    missing: list[str]


@router.get("/outreach/training/coverage", auth=BearerAuth(), response=list[CoverageOut])
def training_coverage(request: HttpRequest, q: Query[CoverageQuery]):  # type: ignore[no-untyped-def]
    unit = read_unit(request, q.unit)
    term = training.term_by_code(q.term) if q.term else training.term_of(timezone.localdate())
    if term is None:
        raise ApiError(422, "term", _("Không có nhiệm kỳ này."))
    return [
        {
            "officer": row.username,
            "name": row.name,
            "role": row.role,
            "required": row.required,
            "done": row.done,
            "missing": row.missing,
        }
        for row in training.coverage(unit, term)
    ]


class ModelOut(Schema):
    id: int
    unit: str
    year: int
    registrant: str
    title: str
    topic: str
    status: str
    level: str
    exemplary: bool
    starts: date
    ends: date


class ModelPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[ModelOut]


@router.get("/outreach/models", auth=BearerAuth(), response=ModelPage)
def list_models(request: HttpRequest, q: Query[UnitQuery]):  # type: ignore[no-untyped-def]
    """The commune's "Dân vận khéo" models the caller sees (a Front or organisation member:
    those of its own organisations)."""
    unit = read_unit(request, q.unit)
    rows = models_selectors.models_for_user(request.auth, unit)
    return page_of(
        rows,
        q,
        lambda m: {
            "id": m.pk,
            "unit": unit.code,
            "year": m.year,
            "registrant": m.registrant,
            "title": m.title,
            "topic": m.topic,
            "status": m.status,
            "level": m.level,
            "exemplary": m.exemplary,
            "starts": m.starts,
            "ends": m.ends,
        },
    )


# Coordination's endpoints live in their own module, on this router.
from danvan.outreach import api_coordination  # noqa: E402

router.add_router("", api_coordination.router)
