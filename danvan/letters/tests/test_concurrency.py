"""Two officers deciding the same letter at once, and a double submit of the online form,
with real concurrent transactions (PostgreSQL)."""

from __future__ import annotations

import time

from django.test import Client

from danvan.letters.models import Decision, Letter
from danvan.letters.services.decisions import DecisionInput, letter_decide
from danvan.letters.services.errors import LetterError
from danvan.testing.concurrency import POSTGRES_CONCURRENCY, run_together

from .conftest import at
from .test_public import _data

pytestmark = POSTGRES_CONCURRENCY


def test_two_officers_decide_at_once(receive, unit_a, officer_a, clerk_a):
    letter = receive(unit_a, "petition", "Kiến nghị làm đường vào thôn Nà Pài bị hỏng nặng.")

    def accept():
        return letter_decide(
            letter=Letter.objects.get(pk=letter.pk),
            actor=officer_a,
            data=DecisionInput(decision="accepted", at=at("28/01/2026")),
        )

    def guide():
        time.sleep(0.01)
        return letter_decide(
            letter=Letter.objects.get(pk=letter.pk),
            actor=clerk_a,
            data=DecisionInput(decision="guided", receiving_body="UBND tỉnh", at=at("28/01/2026")),
        )

    results = run_together(accept, guide)
    errors = [r for r in results if isinstance(r, Exception)]
    assert (
        len(errors) == 1
        and isinstance(errors[0], LetterError)
        and errors[0].code == "already_decided"
    )
    letter.refresh_from_db()
    assert letter.decision in (Decision.ACCEPTED, Decision.GUIDED)
    # exactly one closing or acceptance event, not both
    kinds = list(letter.case.events.values_list("kind", flat=True))
    assert ("accepted" in kinds) != ("guided" in kinds)


def test_double_submit_at_once(settings, unit_a):
    settings.DANVAN_PUBLIC_FORM_MIN_SECONDS = 0
    data = _data(unit_a.code)

    def send():
        return Client().post("/don-thu/gui/", data).status_code

    results = run_together(send, send, send)
    assert results == [302, 302, 302]
    assert Letter.objects.count() == 1


def test_two_officers_answer_a_reflection_at_once(receive, unit_a, officer_a, clerk_a):
    """The answer that closes a letter is given once: the second officer is refused, one
    SMS goes to the sender."""
    from danvan.core.models import Notification
    from danvan.letters.services.decisions import letter_answer

    letter = receive(unit_a, "reflection", "Đèn đường ở Tổ 5 hỏng nhiều ngày chưa sửa.")
    letter_decide(
        letter=letter, actor=officer_a, data=DecisionInput(decision="accepted", at=at("28/01/2026"))
    )

    def answer(actor, text):
        return lambda: letter_answer(
            letter=Letter.objects.get(pk=letter.pk), actor=actor, at=at("29/01/2026"), answer=text
        )

    results = run_together(answer(officer_a, "Đã thay bóng đèn."), answer(clerk_a, "Đã sửa."))
    refused = [r for r in results if isinstance(r, LetterError)]
    assert len(refused) == 1 and refused[0].code == "not_answerable", results
    assert (
        Notification.objects.filter(template="letters.answered", object_ref=letter.code).count()
        == 1
    )
    closing = Letter.objects.get(pk=letter.pk).case.events.filter(kind="resolved")
    assert closing.count() == 1
