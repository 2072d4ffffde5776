"""Reads of the yearly scoring, scoped by the caller's access; the results list is a fixed
number of queries whatever the number of communes."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from danvan.accounts.access import units_for_user
from danvan.evaluation.yearly.models import (
    Assessment,
    AssessmentItem,
    EvidenceFile,
    Framework,
)
from danvan.territory.models import Province, Unit

YEARS = (1990, 2100)  # a year outside is no scoring year (and no smallint to filter on)


def framework_of(province: Province | int, year: int) -> Framework | None:
    if not YEARS[0] <= year <= YEARS[1]:
        return None
    pid = province if isinstance(province, int) else province.pk
    return Framework.objects.filter(province_id=pid, year=year).select_related("province").first()


def frameworks_of(province: Province) -> list[Framework]:
    return list(Framework.objects.filter(province=province).order_by("-year"))


def framework_structure(framework: Framework) -> list[dict[str, Any]]:
    """Groups with their items, in order (two queries)."""
    groups = list(framework.groups.all())
    items = list(framework.items.all())
    out = []
    for g in groups:
        mine = [i for i in items if i.group_id == g.pk]
        out.append(
            {
                "group": g,
                "items": mine,
                "max": sum(i.max_points for i in mine),
            }
        )
    return out


def bands_of(framework: Framework) -> list[Any]:
    return list(framework.bands.all())


def assessment_for_user(user: Any, framework: Framework, code: str) -> Assessment | None:
    """The assessment of commune ``code`` if the user may read that commune, else None."""
    return (
        Assessment.objects.filter(framework=framework, unit__code=code)
        .filter(unit__in=units_for_user(user))
        .select_related("unit", "unit__province", "framework", "self_case", "appraisal_case")
        .first()
    )


def assessment_lines(assessment: Assessment) -> list[AssessmentItem]:
    return list(
        assessment.lines.select_related("item", "item__group").order_by("item__order", "item__code")
    )


def evidence_files(assessment: Assessment) -> list[EvidenceFile]:
    return list(assessment.files.select_related("item").order_by("uploaded_at"))


def evidence_file_for_user(user: Any, pk: int) -> EvidenceFile | None:
    from danvan.core.boundary import DB_INT_MAX

    if not 1 <= pk <= DB_INT_MAX:
        return None
    return (
        EvidenceFile.objects.filter(pk=pk, assessment__unit__in=units_for_user(user))
        .select_related("assessment")
        .first()
    )


def results(framework: Framework, units: QuerySet[Unit] | None = None) -> list[Assessment]:
    """Every commune's assessment of the year with its totals (one query)."""
    qs = Assessment.objects.filter(framework=framework).select_related("unit")
    if units is not None:
        qs = qs.filter(unit__in=units)
    rows = list(qs)
    rows.sort(
        key=lambda a: (
            a.appraised_total is None,
            -(a.appraised_total or 0),
            -(a.self_total or 0),
            a.unit.code,
        )
    )
    return rows


def unit_history(unit: Unit) -> list[Assessment]:
    """A commune's scores across the years, oldest first."""
    return list(
        Assessment.objects.filter(unit=unit).select_related("framework").order_by("framework__year")
    )


def readable_unit(user: Any, code: str) -> Unit | None:
    return units_for_user(user).select_related("province").filter(code=code).first()


def self_assessable(user: Any) -> list[Assessment]:
    """Open assessments of the communes the user leads (for the scoring's landing page)."""
    from danvan.accounts.access import acting_units
    from danvan.evaluation.yearly.services import SELF_ROLES

    return list(
        Assessment.objects.filter(unit__in=acting_units(user, *SELF_ROLES))
        .select_related("unit", "framework")
        .order_by("-framework__year", "unit__code")
    )


def assessment_of_case(case: Any) -> Assessment | None:
    """The assessment whose self-assessment or appraisal step ``case`` is."""
    from django.db.models import Q

    return (
        Assessment.objects.filter(Q(self_case=case) | Q(appraisal_case=case))
        .select_related("framework", "unit")
        .first()
    )


# The published decision, for everyone (no login): only a decided year with its publication
# time set, and of it only the commune, the appraised total and the grade.


def _published() -> QuerySet[Framework]:
    from danvan.evaluation.yearly.models import FrameworkStatus

    return Framework.objects.filter(status=FrameworkStatus.DECIDED, published_at__isnull=False)


def published_framework(province_code: str, year: int) -> Framework | None:
    """The year's decided and published scoring of province ``province_code``, else None."""
    # Province codes are two digits: anything else is no province (and no long string to query).
    if not YEARS[0] <= year <= YEARS[1] or not (
        len(province_code) == 2 and province_code.isdigit()
    ):
        return None
    found = _published().filter(province__code=province_code, year=year)
    return found.select_related("province").first()


def published_frameworks() -> list[Framework]:
    """Every published year of every province, newest first (one query)."""
    return list(_published().select_related("province").order_by("province__code", "-year"))


def published_results(framework: Framework) -> list[Assessment]:
    """The published list: every appraised commune of the year, best total first (one query)."""
    from danvan.evaluation.yearly.models import AssessmentStatus

    return list(
        Assessment.objects.filter(framework=framework, status=AssessmentStatus.APPRAISED)
        .exclude(appraised_total=None)
        .select_related("unit")
        .order_by("-appraised_total", "unit__name")
    )


def published_history(unit: Unit) -> list[Assessment]:
    """A commune's appraised results of the published years, newest first (one query)."""
    from danvan.evaluation.yearly.models import AssessmentStatus, FrameworkStatus

    return list(
        Assessment.objects.filter(
            unit=unit,
            status=AssessmentStatus.APPRAISED,
            framework__status=FrameworkStatus.DECIDED,
            framework__published_at__isnull=False,
        )
        .exclude(appraised_total=None)
        .select_related("framework", "framework__province")
        .order_by("-framework__year")
    )
