"""Two officers correcting the same letter's kind at once, in real concurrent transactions
(PostgreSQL): the row lock makes the second wait and read what the first wrote."""

from __future__ import annotations

import pytest

from danvan.cases.models import CaseEventKind
from danvan.cases.services import case_assign
from danvan.letters.models import Letter, ProtectedIdentity
from danvan.letters.services.errors import LetterError
from danvan.letters.services.kinds import letter_correct_kind
from danvan.testing.concurrency import POSTGRES_CONCURRENCY, run_together

pytestmark = POSTGRES_CONCURRENCY


@pytest.fixture
def letter(receive, unit_a, officer_a, clerk_a):
    letter = receive(
        unit_a,
        "reflection",
        "Tôi là Nguyễn Văn Dân, phản ánh cán bộ địa chính thu tiền sai quy định.",
    )
    case_assign(case=letter.case, actor=officer_a, assignee=clerk_a)
    return letter


def _correct(pk, actor, kind, expected="reflection"):
    def run():
        return letter_correct_kind(
            letter=Letter.objects.get(pk=pk),
            actor=actor,
            kind=kind,
            reason="Phân loại nhầm tại bộ phận tiếp nhận",
            expected_kind=expected,
        )

    return run


def test_two_corrections_at_once_one_wins(letter, officer_a, clerk_a):
    results = run_together(
        _correct(letter.pk, officer_a, "complaint"), _correct(letter.pk, clerk_a, "denunciation")
    )
    errors = [r for r in results if isinstance(r, Exception)]
    assert len(errors) == 1, results
    assert isinstance(errors[0], LetterError) and errors[0].code == "changed_meanwhile"
    letter.refresh_from_db()
    case = letter.case
    assert case.events.filter(kind=CaseEventKind.CLASSIFIED).count() == 1
    assert letter.kind in ("complaint", "denunciation") and case.kind == letter.kind
    assert (
        case.rule_id
        == {"complaint": "complaint.accept", "denunciation": "denunciation.check"}[letter.kind]
    )
    protected = letter.kind == "denunciation"
    assert case.confidential == protected == letter.identity_protected
    assert ProtectedIdentity.objects.filter(letter=letter).exists() == protected
    assert (letter.sender_name == "") == protected


def test_same_correction_twice_at_once(letter, officer_a, clerk_a):
    results = run_together(
        _correct(letter.pk, officer_a, "denunciation", expected=None),
        _correct(letter.pk, clerk_a, "denunciation", expected=None),
    )
    errors = [r for r in results if isinstance(r, Exception)]
    assert len(errors) == 1 and errors[0].code == "same_kind", results
    letter.refresh_from_db()
    assert letter.case.events.filter(kind=CaseEventKind.CLASSIFIED).count() == 1
    assert ProtectedIdentity.objects.filter(letter=letter).count() == 1
