"""A campaign's related consultations and letters, and the before/after of the letters
(issue #15: "after the campaign on land recovery, letters about compensation fell from … to
…").

Related letters are those of the campaign's commune of its field (``Campaign.topic``, a
letters category), with one of its keywords in their summary, or linked by hand; related
consultations are the commune's with a keyword in their title and open during the campaign's
windows, or linked by hand. The before/after compares windows of the campaign's own length
just before it starts and just after it ends; counts only, never the letters themselves.

Reads go through the letters' and democracy's selectors (same column: their public surface).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q
from django.utils import timezone

from danvan.democracy import selectors as democracy_selectors
from danvan.letters import selectors as letters_selectors
from danvan.outreach.models import Campaign, CampaignLink

MAX_KEYWORDS = 10


def keywords_of(campaign: Campaign) -> list[str]:
    return [w.strip() for w in campaign.keywords.split(",") if w.strip()][:MAX_KEYWORDS]


def links_of(campaign: Campaign) -> list[CampaignLink]:
    return list(
        campaign.links.select_related("letter", "letter__case", "consultation").order_by("id")
    )


@dataclass(frozen=True)
class Window:
    first: date
    last: date
    count: int


@dataclass(frozen=True)
class BeforeAfter:
    """Related letters in the window before, during and after the campaign. ``after`` is
    None while the campaign runs; ``after_complete`` is False while its window is still
    open (the count is then "so far")."""

    days: int
    before: Window
    during: Window
    after: Window | None
    after_complete: bool

    @property
    def change(self) -> str:
        if self.after is None or not self.after_complete:
            return ""
        if self.after.count < self.before.count:
            return "fell"
        if self.after.count > self.before.count:
            return "rose"
        return "same"


def has_criteria(campaign: Campaign, links: list[CampaignLink] | None = None) -> bool:
    links = links_of(campaign) if links is None else links
    return bool(campaign.topic or keywords_of(campaign) or any(x.letter_id for x in links))


def before_after(
    campaign: Campaign, today: date | None = None, links: list[CampaignLink] | None = None
) -> BeforeAfter | None:
    """The related letters before, during and after ``campaign`` (one query), or None when
    nothing says which letters are related."""
    links = links_of(campaign) if links is None else links
    if not has_criteria(campaign, links):
        return None
    today = today or timezone.localdate()
    days = (campaign.ends - campaign.starts).days + 1
    before = (campaign.starts - timedelta(days=days), campaign.starts - timedelta(days=1))
    during = (campaign.starts, campaign.ends)
    after = (campaign.ends + timedelta(days=1), campaign.ends + timedelta(days=days))
    ended = campaign.ends < today
    windows = [before, during] + ([(after[0], min(after[1], today))] if ended else [])
    counts = letters_selectors.related_letter_counts(
        campaign.unit_id,
        windows,
        category=campaign.topic,
        keywords=keywords_of(campaign),
        letter_ids=[x.letter_id for x in links if x.letter_id],
    )
    return BeforeAfter(
        days=days,
        before=Window(*before, counts[0]),
        during=Window(*during, counts[1]),
        after=Window(after[0], min(after[1], today), counts[2]) if ended else None,
        after_complete=ended and after[1] < today,
    )


def related_consultations(campaign: Campaign, links: list[CampaignLink] | None = None) -> list:
    """Consultations linked by hand, then the commune's others with a keyword in their title
    open between the start of the window before and the end of the window after."""
    links = links_of(campaign) if links is None else links
    linked = [x.consultation for x in links if x.consultation_id]
    words = keywords_of(campaign)
    if not words:
        return linked
    days = (campaign.ends - campaign.starts).days + 1
    match = Q()
    for word in words:
        match |= Q(title__icontains=word)
    found = (
        democracy_selectors.consultations_for_unit(campaign.unit)
        .filter(match)
        .filter(
            opens__date__lte=campaign.ends + timedelta(days=days),
            closes__date__gte=campaign.starts - timedelta(days=days),
        )
        .exclude(pk__in=[c.pk for c in linked])[:20]
    )
    return linked + list(found)
