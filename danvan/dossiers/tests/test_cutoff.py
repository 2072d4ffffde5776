"""The one-stop desk's 15:00 cut-off on real receptions (Decree 61/2018 Art. 18(2)): a
dossier received after 15:00, or on a day off, counts from the next working day. The clock's
own tests give the rule the flag by hand; these go through ``dossier_receive`` and the
procedure's rule, so turning the flag off for real procedures fails here (issue #11, 15)."""

from __future__ import annotations

from datetime import date

import pytest

from .conftest import vn

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("received", "due"),
    [
        # Monday 05/10/2026, a 3-working-day procedure
        (vn(2026, 10, 5, 14, 59), date(2026, 10, 8)),
        (vn(2026, 10, 5, 15, 0), date(2026, 10, 8)),
        (vn(2026, 10, 5, 15, 1), date(2026, 10, 9)),  # counted from Tuesday
        (vn(2026, 10, 5, 16, 30), date(2026, 10, 9)),
        (vn(2026, 10, 4, 10, 0), date(2026, 10, 8)),  # Sunday: counted from Monday
        (vn(2026, 10, 9, 15, 30), date(2026, 10, 15)),  # Friday afternoon: from Monday
    ],
)
def test_a_real_reception_after_1500_counts_from_the_next_working_day(receive, received, due):
    dossier = receive(received_at=received)
    assert dossier.case.due_date == due


def test_the_shift_is_explained_on_the_case(receive):
    dossier = receive(received_at=vn(2026, 10, 5, 15, 30))
    received = dossier.case.events.get(kind="received")
    assert any("15:00" in line for line in received.data["explanation_vi"])
