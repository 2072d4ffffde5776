"""The letters' side of the case core and the legal clock: codes and rule choice.

Everything here goes through ``danvan.cases.services`` and ``danvan.deadlines.clock``; the
only thing letters adds is *which* rule and variant applies, which is letters' knowledge.
"""

from __future__ import annotations

import secrets
from datetime import date, datetime
from typing import Any

from django.db import transaction

from danvan.cases import services as case_services
from danvan.cases.clockstate import CLOCK_START
from danvan.cases.models import Case, CaseEventKind
from danvan.core.localtime import local_date  # noqa: F401  (callers use casework.local_date)
from danvan.letters.kinds import LetterCaseKind
from danvan.territory.models import Unit

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_PREFIX = {
    LetterCaseKind.COMPLAINT: "KN",
    LetterCaseKind.DENUNCIATION: "TC",
    LetterCaseKind.PETITION: "KG",
    LetterCaseKind.REFLECTION: "PA",
    LetterCaseKind.MIXED_LETTER: "DT",
    LetterCaseKind.RECEPTION: "TD",
}
CASE_KIND = {
    "complaint": LetterCaseKind.COMPLAINT,
    "denunciation": LetterCaseKind.DENUNCIATION,
    "petition": LetterCaseKind.PETITION,
    "reflection": LetterCaseKind.REFLECTION,
    "mixed": LetterCaseKind.MIXED_LETTER,
}
INTAKE_RULE = {
    "complaint": "complaint.accept",
    "denunciation": "denunciation.check",
    "petition": "letter.process",
    "reflection": "letter.process",
    "mixed": "letter.process",
}


def new_code(unit: Unit, kind: str, at: datetime) -> str:
    """``PA-01843-26-7K3M9QXR``: kind, commune, year, random part (not guessable)."""
    random_part = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    return f"{CODE_PREFIX.get(kind, 'DT')}-{unit.code}-{at:%y}-{random_part}"


def clock():  # type: ignore[no-untyped-def]
    from danvan.deadlines import clock as module

    return module


def compute_due(rule_id: str, start: datetime | date, **kwargs: Any) -> Any:
    return clock().compute_due(rule_id, start, **kwargs)


def accept(
    *,
    case: Case,
    actor: Any,
    accepted_at: datetime,
    rule_id: str,
    note: str = "",
    complex: bool = False,
    criteria: list[str] | None = None,
) -> Case:
    """Accept and start the resolution clock. A complex variant decided at acceptance (a
    complaint's 45/60 days) is declared to the case core, which keeps it through every later
    recomputation; the criteria stated go on the acceptance event."""
    data = {"criteria": list(criteria or [])} if complex else None
    return case_services.case_accept(
        case=case,
        actor=actor,
        accepted_at=accepted_at,
        rule_id=rule_id,
        note=note,
        is_complex=complex,
        data=data,
    )


def explain(result: Any, lang: str = "vi") -> str:
    """The clock's explanation as one text (it may come as a list of sentences)."""
    value = getattr(result, "explanation_en" if lang.startswith("en") else "explanation_vi", "")
    if isinstance(value, (list, tuple)):
        return " ".join(str(v) for v in value)
    return str(value or "")


def corrected_at(case: Case) -> datetime | None:
    """When the letter's kind was last corrected (its clock restarted on the new kind's
    rule, see ``services.kinds``), if ever: no decision on the letter may be dated before."""
    return (
        case.events.filter(kind=CaseEventKind.CLASSIFIED, data__clock=CLOCK_START)
        .order_by("-at", "-id")
        .values_list("at", flat=True)
        .first()
    )


def follow_recomputed_due(sender: Any = None, cases: Any = (), **kwargs: Any) -> None:
    """``due_recomputed`` receiver: a letter still waiting for its processing decision keeps
    that deadline as ``decision_due`` (the on-time indicator reads it), so it moves with the
    case when a day off is added or a rule corrected.

    Done after the recomputation commits, in a short transaction of its own: the sender holds
    locks on the cases, and the letters' services lock a letter before its case, so taking
    letter rows here could deadlock with an officer deciding a letter. Copying the case's date
    again is harmless, so a later run fixes any letter missed."""
    due = {case.pk: case.due_date for case in cases}
    if due:
        transaction.on_commit(lambda: _copy_decision_due(due))


def _copy_decision_due(due: dict[int, Any]) -> None:
    from danvan.letters.models import Decision, Letter

    with transaction.atomic():
        pending = list(
            Letter.objects.filter(case_id__in=list(due), decision=Decision.PENDING).only(
                "pk", "case_id", "decision_due"
            )
        )
        moved = [letter for letter in pending if letter.decision_due != due[letter.case_id]]
        for letter in moved:
            letter.decision_due = due[letter.case_id]
        if moved:
            Letter.objects.bulk_update(moved, ["decision_due"])
