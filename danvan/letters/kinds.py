"""The kinds of case letters owns, and their manifests for the case core.

The keys are data (stored in ``Case.kind`` of existing rows): never rename one.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.utils.translation import gettext_lazy as _


class LetterCaseKind(StrEnum):
    COMPLAINT = "complaint"
    DENUNCIATION = "denunciation"
    PETITION = "petition"
    REFLECTION = "reflection"
    MIXED_LETTER = "mixed_letter"
    RECEPTION = "reception"


LETTER_KINDS = (
    LetterCaseKind.COMPLAINT,
    LetterCaseKind.DENUNCIATION,
    LetterCaseKind.PETITION,
    LetterCaseKind.REFLECTION,
    LetterCaseKind.MIXED_LETTER,
)


def _letter_panel(request: Any, case: Any) -> Any:
    from danvan.letters.panels import letter_panel

    return letter_panel(request, case)


def _reception_panel(request: Any, case: Any) -> Any:
    from danvan.letters.panels import reception_panel

    return reception_panel(request, case)


def _letter_path(case: Any) -> Any:
    from danvan.letters.steps import letter_path

    return letter_path(case)


def _entry_path(case: Any) -> Any:
    from danvan.letters.steps import entry_path

    return entry_path(case)


def _part_links(case: Any) -> list[tuple[Any, str]]:
    """For the holder of a split letter's slip, a link to each part it was split into. The
    parts are the same sender's, and protected (a mixed letter's sender is never messaged):
    without these links they could not follow them. The page has checked code and secret."""
    from danvan.cases.selectors import tracking_url
    from danvan.letters.models import Letter

    parts = Letter.objects.filter(split_from__case=case).select_related("case").order_by("pk")
    return [
        (_("Theo dõi phần %(code)s") % {"code": part.case.code}, tracking_url(part.case))
        for part in parts
    ]


def manifests() -> list[Any]:
    from danvan.cases.kinds import CaseKindManifest

    def letter(key: str, label: Any, prefix: str, rules: tuple[str, ...], **kw: Any) -> Any:
        return CaseKindManifest(
            key=str(key),
            app="letters",
            label=label,
            rules=rules,
            code_prefix=prefix,
            panels=(_letter_panel,),
            path=_letter_path,
            **kw,
        )

    return [
        letter(
            LetterCaseKind.COMPLAINT,
            _("Khiếu nại"),
            "KN",
            ("complaint.accept", "complaint.resolve.first", "complaint.resolve.second"),
        ),
        # Law on Denunciation 2018 Art. 9, 47: the denouncer is protected, every case of the
        # kind is confidential whatever the desk says.
        letter(
            LetterCaseKind.DENUNCIATION,
            _("Tố cáo"),
            "TC",
            ("denunciation.check", "denunciation.forward", "denunciation.resolve"),
            always_confidential=True,
        ),
        letter(LetterCaseKind.PETITION, _("Kiến nghị"), "KG", ("letter.process",)),
        letter(LetterCaseKind.REFLECTION, _("Phản ánh"), "PA", ("letter.process",)),
        letter(
            LetterCaseKind.MIXED_LETTER,
            _("Đơn có nhiều nội dung"),
            "DT",
            ("letter.process",),
            tracking_links=(_part_links,),
        ),
        CaseKindManifest(
            key=str(LetterCaseKind.RECEPTION),
            app="letters",
            label=_("Yêu cầu tại buổi tiếp công dân"),
            rules=("reception.answer", "reception.party_head.answer"),
            code_prefix="TD",
            panels=(_reception_panel,),
            path=_entry_path,
        ),
    ]
