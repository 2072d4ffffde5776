"""The kinds of case of the yearly scoring: the commune's self-assessment and its appraisal,
each on the clock with the date the province set for the step."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danvan.cases.kinds import CaseKindManifest

SELF_KIND = "scoring_self"
APPRAISAL_KIND = "scoring_appraisal"
SELF_RULE = "evaluation.scoring.self_assessment"
APPRAISAL_RULE = "evaluation.scoring.appraisal"
PROVINCE_DATE = "scoring_province_date"


def hidden(case):  # type: ignore[no-untyped-def]
    # The steps end by submitting or appraising on the scoring pages, on the province's date.
    return ("assign", "hand_on", "extend", "pause", "resume", "close")


def assessment_panel(request, case):  # type: ignore[no-untyped-def]
    """On the case page: the year's assessment the case is a step of, with its link."""
    from danvan.evaluation.yearly.selectors import assessment_of_case

    assessment = assessment_of_case(case)
    if assessment is None:
        return None
    return "evaluation/scoring/case_panel.html", {"assessment": assessment}


SELF_MANIFEST = CaseKindManifest(
    key=SELF_KIND,
    app="evaluation",
    label=_("Tự đánh giá công tác dân vận chính quyền"),
    rules=(SELF_RULE,),
    code_prefix="DG",
    hidden_actions=hidden,
    panels=(assessment_panel,),
    event_kinds={PROVINCE_DATE: _("Hạn do tỉnh quy định")},
)
APPRAISAL_MANIFEST = CaseKindManifest(
    key=APPRAISAL_KIND,
    app="evaluation",
    label=_("Thẩm định kết quả tự đánh giá dân vận chính quyền"),
    rules=(APPRAISAL_RULE,),
    code_prefix="TD",
    hidden_actions=hidden,
    panels=(assessment_panel,),
    event_kinds={PROVINCE_DATE: _("Hạn do tỉnh quy định")},
)
