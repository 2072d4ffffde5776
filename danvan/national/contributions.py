"""What the national app contributes: its page, and — only on a deployment that has sources
configured — the daily gathering among the periodic jobs."""

from django.conf import settings

from danvan.core.registry import PeriodicJob, UrlMount, registries

GATHER_JOB = PeriodicJob("national.gather", "gather_national_indicators", 24 * 3600, ("--recent",))


def register_gathering_job() -> bool:
    """Register the daily gathering when ``DANVAN_NATIONAL_SOURCES`` is set (a province
    deployment has nothing to gather); returns whether it did."""
    if not (settings.DANVAN_NATIONAL_SOURCES or "").strip():
        return False
    registries.periodic_jobs.register(GATHER_JOB.key, GATHER_JOB)
    return True


def register() -> None:
    # Before the evaluation's mount (order 100) at the same prefix, so this path is ours.
    registries.url_mounts.register(
        "national",
        UrlMount("national", "danh-gia/toan-quoc/", "danvan.national.urls", order=99),
    )
    register_gathering_job()
