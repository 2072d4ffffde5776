"""One gathering: a province's month fetched from its deployment, checked against the
territory tables, and stored in place of the previous answer — or a failed run recorded, the
previous rows untouched. Never raises for a source's fault, so the next source still runs."""

from __future__ import annotations

import logging
from datetime import date

from django.conf import settings

from danvan.national import client, services
from danvan.national.client import GatherFailure
from danvan.national.models import GatherError, GatheringRun
from danvan.national.sources import Source
from danvan.national.validation import clean_rows
from danvan.territory.models import Province, Unit

log = logging.getLogger(__name__)


def _communes(province: Province) -> dict[str, str]:
    return dict(Unit.objects.filter(province=province).values_list("code", "name"))


def gather(source: Source, province: Province, period: date) -> GatheringRun:
    """Gather ``source``'s ``period`` for ``province`` and return the run's record."""
    url = client.page_url(source, period, 1)
    run = services.gathering_run_start(province=province, period=period, source_url=url)
    token = source.token()
    try:
        if not token:
            raise GatherFailure(
                GatherError.CONFIG, f"environment variable {source.token_env} is empty"
            )
        reply = client.fetch_month(
            source, period, token=token, timeout=settings.DANVAN_NATIONAL_TIMEOUT
        )
        rows = clean_rows(
            reply.rows, province=province.code, period=period, units=_communes(province)
        )
        return services.gathered_rows_replace(
            run=run,
            rows=rows,
            data_version=reply.data_version,
            method_version=reply.method_version,
        )
    except GatherFailure as failure:
        return services.gathering_run_fail(run=run, code=failure.code, detail=failure.detail)
    except Exception as exc:  # noqa: BLE001 — a fault of ours must not stop the other sources
        log.exception("gathering %s %s failed", province.code, period)
        return services.gathering_run_fail(
            run=run, code=GatherError.INTERNAL, detail=f"{type(exc).__name__}: {exc}"
        )
