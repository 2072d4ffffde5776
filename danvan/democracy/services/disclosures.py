"""Disclosures (Art. 11): what must be made public, where, for how long and by when.

The days come from the rule table: ``democracy.disclosure.deadline`` (5 working days after the
decision), ``democracy.disclosure.post`` (30 consecutive days), ``democracy.disclosure.
loudspeaker`` (3 days); items 4 and 13 stay posted permanently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

from danvan.core.services import audit_record
from danvan.core.uploads import recognise_upload
from danvan.deadlines.clock import compute_due
from danvan.democracy.categories import DISCLOSURE_BY_CODE, Place
from danvan.democracy.models import Disclosure, Posting
from danvan.democracy.services.common import ORGANISER_ROLES, VILLAGE_ROLES, one_line, require
from danvan.democracy.services.errors import DemocracyError
from danvan.territory.models import Unit, Village

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _read(upload: Any) -> bytes:
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read(MAX_DOCUMENT_BYTES + 1)
    if len(data) > MAX_DOCUMENT_BYTES:
        raise DemocracyError("too_large", _("Văn bản lớn hơn 10 MB."), "document")
    return data


def disclosure_create(
    *,
    actor: Any,
    unit: Unit,
    category: str,
    title: str,
    decided_on: date,
    document: Any,
    posted_on: date | None = None,
    places: list[str] | None = None,
) -> Disclosure:
    """Record a disclosure with its document; ``places`` (commune office, loudspeakers, the
    portal) are posted from ``posted_on``. Village houses are confirmed by village heads."""
    require(actor, unit, ORGANISER_ROLES)
    kind = DISCLOSURE_BY_CODE.get(category)
    if kind is None:
        raise DemocracyError("bad_category", _("Nhóm thông tin không hợp lệ."), "category")
    title = one_line(title, 300)
    if not title:
        raise DemocracyError("title_required", _("Cần nhập tiêu đề."), "title")
    if not isinstance(decided_on, date) or decided_on > timezone.localdate():
        raise DemocracyError("bad_date", _("Ngày ban hành không được sau hôm nay."), "decided_on")
    if document is None:
        raise DemocracyError("document_required", _("Cần đính kèm văn bản."), "document")
    data = _read(document)
    # Its name and its content must agree on PDF or DOCX (core's one check for every upload).
    content_type = recognise_upload(document, allowed=("pdf", "docx"))
    if content_type is None:
        raise DemocracyError("bad_document", _("Văn bản phải là tệp PDF hoặc DOCX."), "document")
    places = list(dict.fromkeys(places or []))
    if any(p not in Place.values or p == Place.VILLAGE_HOUSE for p in places):
        raise DemocracyError("bad_place", _("Nơi công khai không hợp lệ."), "places")
    if places and posted_on is None:
        raise DemocracyError("posted_on_required", _("Cần ngày niêm yết."), "posted_on")
    if posted_on is not None and (posted_on < decided_on or posted_on > timezone.localdate()):
        raise DemocracyError(
            "bad_posted_on",
            _("Ngày niêm yết phải từ ngày ban hành đến hôm nay."),
            "posted_on",
        )
    extension = ".pdf" if content_type == PDF else ".docx"
    name = get_valid_filename(f"{category}-{decided_on:%Y%m%d}{extension}")
    with transaction.atomic():
        disclosure = Disclosure(
            unit=unit,
            category=category,
            title=title,
            decided_on=decided_on,
            due_on=compute_due("democracy.disclosure.deadline", decided_on).due,
            document_type=content_type,
            created_by=actor,
        )
        disclosure.document.save(name, ContentFile(data), save=False)
        disclosure.save()
        Posting.objects.bulk_create(
            [Posting(unit=unit, disclosure=disclosure, place=p, starts=posted_on) for p in places]
        )
        audit_record(
            actor=actor,
            action="democracy.disclosure.create",
            obj=disclosure,
            unit_code=unit.code,
            detail={"category": category, "places": places},
        )
    return disclosure


def posting_confirm(
    *,
    actor: Any,
    disclosure: Disclosure,
    village: Village,
    starts: date | None = None,
) -> Posting:
    """A village head confirms (from a phone) that the disclosure is posted at the village's
    cultural house."""
    require(actor, disclosure.unit, VILLAGE_ROLES)
    if village.unit_id != disclosure.unit_id:
        raise DemocracyError("bad_village", _("Chọn thôn, tổ dân phố của xã."), "village")
    starts = starts or timezone.localdate()
    if starts < disclosure.decided_on or starts > timezone.localdate():
        raise DemocracyError(
            "bad_date", _("Ngày niêm yết phải từ ngày ban hành đến hôm nay."), "starts"
        )
    try:
        with transaction.atomic():
            posting = Posting.objects.create(
                unit=disclosure.unit,
                disclosure=disclosure,
                place=Place.VILLAGE_HOUSE,
                village=village,
                starts=starts,
                confirmed_by=actor,
                confirmed_at=timezone.now(),
            )
            audit_record(
                actor=actor,
                action="democracy.posting.confirm",
                obj=disclosure,
                unit_code=disclosure.unit.code,
                detail={"village": village.pk, "starts": starts.isoformat()},
            )
    except IntegrityError as exc:
        raise DemocracyError(
            "already_posted", _("Thôn này đã xác nhận niêm yết."), "village", status=409
        ) from exc
    return posting


def posting_end(*, actor: Any, posting: Posting, ends: date) -> Posting:
    require(actor, posting.unit, VILLAGE_ROLES)
    if ends < posting.starts:
        raise DemocracyError("bad_date", _("Ngày gỡ phải sau ngày niêm yết."), "ends")
    with transaction.atomic():
        posting.ends = ends
        posting.save(update_fields=["ends"])
        audit_record(
            actor=actor,
            action="democracy.posting.end",
            obj=posting.disclosure,
            unit_code=posting.unit.code,
            detail={"posting": posting.pk, "ends": ends.isoformat()},
        )
    return posting


@dataclass
class Compliance:
    disclosure: Disclosure
    first_posted: date | None
    late: bool
    too_short: list[str] = field(default_factory=list)
    missing_places: list[str] = field(default_factory=list)
    villages_missing: int = 0

    @property
    def complete(self) -> bool:
        return not self.missing_places and not self.villages_missing and not self.too_short

    @property
    def on_time_and_complete(self) -> bool:
        return not self.late and self.complete


def minimum_end(place: str, starts: date) -> date:
    rule = (
        "democracy.disclosure.loudspeaker"
        if place == Place.LOUDSPEAKER
        else "democracy.disclosure.post"
    )
    return compute_due(rule, starts).due


def compliance_of(disclosure: Disclosure, village_ids: set[int], today: date) -> Compliance:
    """How one disclosure stands against its posting rules (postings prefetched)."""
    kind = DISCLOSURE_BY_CODE[disclosure.category]
    postings = list(disclosure.postings.all())
    first = min((p.starts for p in postings), default=None)
    late = (first is None and today > disclosure.due_on) or (
        first is not None and first > disclosure.due_on
    )
    too_short = []
    for p in postings:
        if p.ends is None:
            continue
        if (
            kind.permanent
            and p.place != Place.LOUDSPEAKER
            or p.ends < minimum_end(p.place, p.starts)
        ):
            too_short.append(str(Place(p.place).label))
    places = {p.place for p in postings}
    missing = []
    if Place.COMMUNE_OFFICE not in places:
        missing.append(str(Place.COMMUNE_OFFICE.label))
    if kind.loudspeaker and Place.LOUDSPEAKER not in places:
        missing.append(str(Place.LOUDSPEAKER.label))
    posted_villages = {p.village_id for p in postings if p.place == Place.VILLAGE_HOUSE}
    return Compliance(
        disclosure=disclosure,
        first_posted=first,
        late=late,
        too_short=too_short,
        missing_places=missing,
        villages_missing=len(village_ids - posted_villages),
    )
