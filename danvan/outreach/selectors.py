"""Reads of dissemination: campaigns in the communes a user may read, reach per village,
villages still lacking the content in their language, the year's plan."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, QuerySet, Sum
from django.http import Http404

from danvan.accounts.access import units_for_user
from danvan.core.types import User
from danvan.outreach.models import Campaign, ContentVersion, Language, Session, VillageLanguage
from danvan.territory.models import Unit, Village


def campaigns_of_unit(unit: Unit) -> QuerySet[Campaign]:
    return (
        Campaign.objects.filter(unit=unit)
        .select_related("unit")
        .annotate(session_count=Count("sessions"))
        .order_by("-starts", "-id")
    )


def campaign_for_user(user: User | None, campaign_id: int | str) -> Campaign:
    """The campaign if ``user`` may read its commune, else ``Http404`` (no hint it exists)."""
    try:
        pk = int(campaign_id)
    except (TypeError, ValueError):
        raise Http404("No such campaign") from None
    campaign = (
        Campaign.objects.select_related("unit", "unit__province")
        .filter(pk=pk, unit__in=units_for_user(user))
        .first()
    )
    if campaign is None:
        raise Http404("No such campaign")
    return campaign


def campaign_by_id(campaign_id: int) -> Campaign | None:
    """Unscoped: for writes, which then check the acting role (403, not 404)."""
    return Campaign.objects.select_related("unit", "unit__province").filter(pk=campaign_id).first()


def villages_of_unit(unit: Unit) -> list[Village]:
    return list(Village.objects.filter(unit=unit).order_by("name"))


def village_languages(unit: Unit) -> dict[int, str]:
    return dict(VillageLanguage.objects.filter(unit=unit).values_list("village_id", "language"))


def versions_of(campaign: Campaign) -> list[ContentVersion]:
    return list(campaign.versions.order_by("language"))


def sessions_of(campaign: Campaign) -> QuerySet[Session]:
    return campaign.sessions.select_related("village").order_by("-date", "-id")


@dataclass(frozen=True)
class VillageReach:
    village: Village
    sessions: int
    attendees: int
    households: int | None
    reached_share: float | None


def reached_share(attendees: int, households: int | None) -> float | None:
    """``min(1, attendees ÷ households)``, four decimals; None when households are unknown
    (or zero): a share of nothing is not 100%."""
    if not households:
        return None
    return round(min(1.0, attendees / households), 4)


def reach(campaign: Campaign) -> list[VillageReach]:
    """Every village of the campaign's commune, reached or not, by name. Attendees are summed
    over the campaign's sessions in the village: one household may come twice, so the share
    is an upper bound, which is why it is capped at 1."""
    totals = {
        row["village_id"]: row
        for row in Session.objects.filter(campaign=campaign)
        .values("village_id")
        .annotate(n=Count("id"), people=Sum("attendees"))
    }
    out = []
    for village in villages_of_unit(campaign.unit):
        row = totals.get(village.pk, {"n": 0, "people": 0})
        out.append(
            VillageReach(
                village=village,
                sessions=row["n"],
                attendees=row["people"] or 0,
                households=village.households,
                reached_share=reached_share(row["people"] or 0, village.households),
            )
        )
    return out


@dataclass(frozen=True)
class LackingVillage:
    village: Village
    language: str

    @property
    def language_label(self) -> str:
        return str(Language(self.language).label)


def villages_lacking_language(campaign: Campaign) -> list[LackingVillage]:
    """Villages whose language is known and for which the campaign has no content version in
    that language yet (villages of unknown language are not counted either way)."""
    have = set(campaign.versions.values_list("language", flat=True))
    rows = (
        VillageLanguage.objects.filter(unit=campaign.unit)
        .exclude(language__in=have)
        .select_related("village")
        .order_by("village__name")
    )
    return [LackingVillage(village=row.village, language=row.language) for row in rows]


def year_plan(unit: Unit, year: int) -> list[tuple[int, list[Session]]]:
    """The commune's sessions of ``year``, month by month (all twelve, empty ones too)."""
    months: dict[int, list[Session]] = {m: [] for m in range(1, 13)}
    sessions = (
        Session.objects.filter(unit=unit, date__gte=date(year, 1, 1), date__lte=date(year, 12, 31))
        .select_related("village", "campaign")
        .order_by("date", "id")
    )
    for session in sessions:
        months[session.date.month].append(session)
    return list(months.items())


def campaigns_running(unit: Unit, year: int) -> list[Campaign]:
    return list(
        Campaign.objects.filter(
            unit=unit, starts__lte=date(year, 12, 31), ends__gte=date(year, 1, 1)
        ).order_by("starts", "id")
    )


def campaign_by_key(key: str) -> Campaign | None:
    return Campaign.objects.filter(submission_key=key).first()


def session_by_key(key: str) -> Session | None:
    return Session.objects.filter(submission_key=key).first()


def session_count(campaign: Campaign) -> int:
    return campaign.sessions.count()
