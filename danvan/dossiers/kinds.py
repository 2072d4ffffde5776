"""The dossier as a kind of case: its key (data: never rename it) and its manifest."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

DOSSIER_KIND = "dossier"

# A dossier's clock and end go through its own steps on the dossier page (a supplement
# request pauses, the documents restart the clock, the result or a withdrawal ends it), so
# the dossier row always says the same as its case; a provincial dossier moves with the
# next export. Assigning and handing on stay on the generic case page.
DOSSIER_HIDDEN = ("pause", "resume", "extend", "close")


def on_time(case: Any, state: Any, on_time: bool) -> bool:
    """Decision 766/QĐ-TTg: a dossier for which more than one supplement was requested counts
    as late, whatever the date it was closed on."""
    return on_time and state.supplement_requests <= 1


def _panel(request: Any, case: Any) -> Any:
    from danvan.dossiers.views.officer import dossier_panel

    return dossier_panel(request, case)


def _hidden_actions(case: Any) -> tuple[str, ...]:
    return DOSSIER_HIDDEN


def _rating_link(case: Any) -> list[tuple[Any, str]]:
    """The online rating for the holder of the slip, once the result is ready and until
    the dossier is rated (the same conditions as the rating page itself)."""
    from urllib.parse import urlencode

    from django.urls import reverse

    from danvan.cases.models import CaseStatus
    from danvan.dossiers.models import Dossier, DossierStage, Rating

    if case.status not in (CaseStatus.RESOLVED, CaseStatus.RETURNED):
        return []
    stage = Dossier.objects.filter(case=case).values_list("pk", "stage").first()
    if stage is None or stage[1] not in (DossierStage.RESULT_READY, DossierStage.RETURNED):
        return []
    if Rating.objects.filter(dossier_id=stage[0]).exists():
        return []
    url = reverse("dossiers:public_rate", args=[case.code])
    return [(_("Đánh giá việc giải quyết hồ sơ"), f"{url}?{urlencode({'secret': case.secret})}")]


def path(case: Any) -> list[Any]:
    """Decree 61/2018 Art. 18–20: received at the desk, handled by the specialists (handed
    on, with a supplement requested at most once), result ready, returned to the applicant.
    A dossier refused at the desk, incomplete or cancelled ends where it stopped."""
    from django.utils.translation import gettext as _t

    from danvan.cases.kinds import PathStep
    from danvan.dossiers.models import Dossier, DossierStage

    stage = Dossier.objects.filter(case=case).values_list("stage", flat=True).first()
    if stage in (DossierStage.INCOMPLETE, DossierStage.REFUSED, DossierStage.CANCELLED):
        return [PathStep(_t("Tiếp nhận"), "done"), PathStep(DossierStage(stage).label, "current")]
    order = [
        (_t("Tiếp nhận"), None),
        (_t("Giải quyết"), (DossierStage.PROCESSING, DossierStage.WAITING_SUPPLEMENT)),
        (_t("Có kết quả, chờ trả"), (DossierStage.RESULT_READY,)),
        (_t("Trả kết quả"), (DossierStage.RETURNED,)),
    ]
    at = next((i for i, (_l, st) in enumerate(order) if st and stage in st), 1)
    steps = []
    for i, (label, _st) in enumerate(order):
        state = "done" if i < at else "current" if i == at else "todo"
        note = ""
        if i == at and stage == DossierStage.WAITING_SUPPLEMENT:
            note = str(DossierStage.WAITING_SUPPLEMENT.label)
        steps.append(PathStep(label, state, note))
    return steps


def manifest() -> Any:
    from danvan.cases.kinds import CaseKindManifest

    return CaseKindManifest(
        key=DOSSIER_KIND,
        app="dossiers",
        label=_("Hồ sơ thủ tục hành chính"),
        # Each procedure's own rule (``onestop.procedure.<CODE>``, see ``dossiers.rules``).
        rules=(),
        on_time=on_time,
        panels=(_panel,),
        hidden_actions=_hidden_actions,
        tracking_links=(_rating_link,),
        path=path,
    )
