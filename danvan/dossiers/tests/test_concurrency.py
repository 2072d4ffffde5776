"""Parallel receptions on PostgreSQL: unique, gap-free codes; concurrent double submits."""

from __future__ import annotations

import contextlib
import threading

import pytest
from django.db import connection

from danvan.dossiers.models import Dossier
from danvan.dossiers.services import dossier_receive

from ..tests.conftest import vn

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL for real concurrency"
    ),
]


def _run(workers: int, job) -> list:
    results, errors = [], []
    barrier = threading.Barrier(workers)

    def work(i: int) -> None:
        from django.db import connections

        try:
            barrier.wait()
            results.extend(job(i))
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    return results


def test_parallel_receptions_get_unique_gap_free_codes(officer_a, unit_a, procedure):
    def job(i: int) -> list[str]:
        return [
            dossier_receive(
                unit=unit_a,
                procedure=procedure,
                actor=officer_a,
                applicant_name=f"Người {i}-{k}",
                received_at=vn(2026, 10, 5, 9, 0),
            ).case.code
            for k in range(5)
        ]

    codes = _run(8, job)
    assert len(codes) == 40 == len(set(codes))
    assert sorted(int(c.rsplit("-", 1)[1]) for c in codes) == list(range(1, 41))


def test_concurrent_double_submit_creates_one_dossier(officer_a, unit_a, procedure):
    def job(i: int) -> list[int]:
        d = dossier_receive(
            unit=unit_a,
            procedure=procedure,
            actor=officer_a,
            applicant_name="Nguyễn Văn Đức",
            idempotency_key="same-form",
            received_at=vn(2026, 10, 5, 9, 0),
        )
        return [d.pk]

    pks = _run(6, job)
    assert len(set(pks)) == 1 and Dossier.objects.count() == 1
    # The losers rolled back and gave their numbers back: the next code has no gap.
    nxt = dossier_receive(
        unit=unit_a,
        procedure=procedure,
        actor=officer_a,
        applicant_name="X",
        received_at=vn(2026, 10, 5, 10, 0),
    )
    assert nxt.case.code.endswith("-0002")


class _FirstSaveMeets:
    """Make the first ``save`` of ``model`` in each of two threads wait for the other one
    (at most ``timeout`` seconds), so both have read the rows before either writes — the
    moment two leaders pressing "save" together meet."""

    def __init__(self, monkeypatch, model, timeout: float = 2.0) -> None:
        self.barrier = threading.Barrier(2, timeout=timeout)
        self.seen = threading.local()
        original = model.save

        def save(instance, *args, **kwargs):
            if not getattr(self.seen, "done", False):
                self.seen.done = True
                # Broken: the other thread waits on a lock this one holds, so go on.
                with contextlib.suppress(threading.BrokenBarrierError):
                    self.barrier.wait()
            return original(instance, *args, **kwargs)

        monkeypatch.setattr(model, "save", save)


def test_two_leaders_saving_the_first_settings_at_once(officer_a, unit_a, monkeypatch):
    from danvan.accounts.roles import Role
    from danvan.dossiers.models import UnitOneStopSettings
    from danvan.dossiers.services import unit_settings_update
    from danvan.testing.factories import make_officer

    second = make_officer("lena", unit=unit_a, roles=[Role.LEADER])
    _FirstSaveMeets(monkeypatch, UnitOneStopSettings)
    typed = [("H15.1", "Bắc Kạn"), ("H15.2", "Chợ Mới")]

    def job(i: int) -> list:
        code, place = typed[i]
        leader = (officer_a, second)[i]
        unit_settings_update(
            actor=leader, unit=unit_a, agency_code=code, place_name=place, signer_name=""
        )
        return [i]

    assert sorted(_run(2, job)) == [0, 1]
    row = UnitOneStopSettings.objects.get(unit=unit_a)
    assert (row.agency_code, row.place_name) in typed


def test_two_leaders_switching_procedures_at_once(officer_a, unit_a, procedure, monkeypatch):
    from danvan.accounts.roles import Role
    from danvan.dossiers.models import Procedure, UnitProcedure
    from danvan.dossiers.selectors import procedures_for_unit
    from danvan.dossiers.services import unit_procedures_set
    from danvan.testing.factories import make_officer

    Procedure.objects.create(
        code="2.000001", name="Ủy quyền", field="Đất đai", level="province", processing_days=10
    )
    second = make_officer("lena", unit=unit_a, roles=[Role.LEADER])
    _FirstSaveMeets(monkeypatch, UnitProcedure)
    wanted = [{"2.000001"}, {"1.001193", "2.000001"}]

    def job(i: int) -> list:
        unit_procedures_set(actor=(officer_a, second)[i], unit=unit_a, enabled=wanted[i])
        return [i]

    assert sorted(_run(2, job)) == [0, 1]
    # One leader's whole choice, not a mix of the two.
    assert {p.code for p in procedures_for_unit(unit_a)} in wanted
