"""Writes of the national level: a gathering run's record, and a province-month's rows
replaced as a whole when a run succeeds."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import transaction
from django.utils import timezone

from danvan.accounts.services import check_username, normalize_username
from danvan.core.locks import hold
from danvan.core.services import audit_record
from danvan.core.types import Account, Actor
from danvan.national.models import GatheredValue, GatherError, GatheringRun, RunStatus
from danvan.national.validation import CleanRow
from danvan.territory.models import Province

# Longer than any run can last (every page's timeout many times over): a run of the same
# province-month still "running" after this was stopped halfway (a killed process).
INTERRUPTED_AFTER = timedelta(hours=1)


def gathering_run_start(*, province: Province, period: date, source_url: str) -> GatheringRun:
    now = timezone.now()
    GatheringRun.objects.filter(
        province=province,
        period=period,
        status=RunStatus.RUNNING,
        started_at__lt=now - INTERRUPTED_AFTER,
    ).update(
        status=RunStatus.FAILED,
        error_code=GatherError.INTERRUPTED,
        error="still running after an hour: the process stopped before the run ended",
        finished_at=now,
    )
    return GatheringRun.objects.create(
        province=province, period=period, source_url=source_url, started_at=now
    )


def gathering_run_fail(*, run: GatheringRun, code: str, detail: str) -> GatheringRun:
    """Record why the run failed; the province-month's previous rows stay as they were."""
    run.status = RunStatus.FAILED
    run.error_code = code
    run.error = detail[:2000]
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "error_code", "error", "finished_at"])
    return run


def gathered_rows_replace(
    *,
    run: GatheringRun,
    rows: Sequence[CleanRow],
    data_version: str = "",
    method_version: str = "",
) -> GatheringRun:
    """Replace the province-month's rows by ``rows`` in one transaction (a re-run gives the
    same table; readers never see half a month) and mark the run successful."""
    now = timezone.now()
    with transaction.atomic():
        # Two machines gathering the same province-month would both delete and both insert;
        # the second waits here and replaces the first's rows.
        hold(f"national.gather:{run.province_id}:{run.period:%Y-%m}")
        GatheredValue.objects.filter(province_id=run.province_id, period=run.period).delete()
        GatheredValue.objects.bulk_create(
            [
                GatheredValue(
                    province_id=run.province_id,
                    period=run.period,
                    unit_code=r.unit_code,
                    unit_name=r.unit_name,
                    key=r.key,
                    numerator=r.numerator,
                    denominator=r.denominator,
                    value=r.value,
                    ci_low=r.ci_low,
                    ci_high=r.ci_high,
                    fetched_at=now,
                    source_url=run.source_url,
                )
                for r in rows
            ],
            batch_size=1000,
        )
        run.status = RunStatus.OK
        run.rows = len(rows)
        run.data_version = data_version
        run.method_version = method_version
        run.finished_at = now
        run.save(update_fields=["status", "rows", "data_version", "method_version", "finished_at"])
        audit_record(
            actor=None,
            action="national.gathered",
            obj=run,
            detail={"province": run.province.code, "period": f"{run.period:%Y-%m}",
                    "rows": len(rows)},
        )  # fmt: skip
    return run


def national_reader_set(*, username: str, allowed: bool = True, actor: Actor = None) -> Account:
    """Make ``username`` a national reader (or no longer one). The account is created when
    missing, without a password and without any membership: a token-only account that reads
    the provinces' monthly aggregate rows and nothing of any commune."""
    model = get_user_model()
    name = normalize_username(username)
    check_username(name)
    permission = Permission.objects.get(
        content_type__app_label="evaluation", codename="read_all_provinces"
    )
    with transaction.atomic():
        user, created = model.objects.get_or_create(username=name)
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        if allowed:
            user.user_permissions.add(permission)
        else:
            user.user_permissions.remove(permission)
        audit_record(
            actor=actor,
            action="national.reader_granted" if allowed else "national.reader_revoked",
            obj=user,
            object_repr=user.get_username(),
            detail={"created": created},
        )
    return user
