"""What cases contributes to the shared registries, and its listener of calendar changes."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from danvan.accounts.roles import Role
from danvan.core.registry import (
    ApiRouterMount,
    DashboardCard,
    NavItem,
    PeriodicJob,
    PublicPage,
    UrlMount,
    registries,
)

OFFICER_ROLES = frozenset(
    {Role.ONE_STOP, Role.SPECIALIST, Role.LEADER, Role.COUNCIL, Role.PROVINCE_VIEWER, Role.ADMIN}
)


def _card(request: Any, units: Any = None) -> dict[str, Any]:
    from danvan.cases.selectors_outbox import outbox_units
    from danvan.cases.selectors_queue import queue_counts

    return {
        "counts": queue_counts(request.user),
        "outbox": outbox_units(request.user).exists(),
    }


def on_calendar_changed(sender: Any = None, dates: Any = (), **kwargs: Any) -> None:
    """Recompute, after the change commits, the open cases whose clock spans ``dates``."""
    iso = sorted({(d.isoformat() if hasattr(d, "isoformat") else str(d))[:10] for d in dates or ()})
    if not iso:
        return

    def enqueue() -> None:
        from danvan.cases.tasks import recompute_due_task

        recompute_due_task.enqueue(dates=iso)

    transaction.on_commit(enqueue)


def on_rules_changed(sender: Any = None, rule_ids: Any = (), **kwargs: Any) -> None:
    """Recompute the open cases under corrected rules, after the correction commits."""
    ids = sorted({str(r) for r in rule_ids or ()})
    if not ids:
        return

    def enqueue() -> None:
        from danvan.cases.tasks import recompute_rules_task

        recompute_rules_task.enqueue(rule_ids=ids)

    transaction.on_commit(enqueue)


def _connect_calendar() -> None:
    from danvan.deadlines.signals import calendar_changed, rules_changed

    calendar_changed.connect(on_calendar_changed, dispatch_uid="cases.recompute_due")
    rules_changed.connect(on_rules_changed, dispatch_uid="cases.recompute_rules")


def register() -> None:
    registries.periodic_jobs.register(
        "cases.clock", PeriodicJob("cases.clock", "run_clock", 60, ("--once",))
    )
    registries.url_mounts.register(
        "cases", UrlMount("cases", "ho-so-viec/", "danvan.cases.urls", order=70)
    )
    registries.url_mounts.register(
        "cases.public", UrlMount("cases.public", "tra-cuu/", "danvan.cases.public_urls", order=71)
    )
    registries.api_routers.register("cases", ApiRouterMount("cases", "danvan.cases.api", order=40))
    registries.nav.register(
        "cases.queue",
        NavItem(
            key="cases.queue",
            url_name="cases:queue",
            label=_("Việc cần làm"),
            roles=OFFICER_ROLES,
            order=10,
        ),
    )
    registries.nav.register(
        "cases.tracking",
        NavItem(
            key="cases.tracking",
            url_name="tracking:form",
            label=_("Tra cứu"),
            public=True,
            order=5,
        ),
    )
    registries.public_pages.register(
        "cases.tracking",
        PublicPage(
            key="cases.tracking",
            url_name="cases:track_form",
            title=_("Tra cứu hồ sơ, đơn thư"),
            description=_(
                "Xem tình trạng giải quyết bằng mã tra cứu và mã bí mật in trên phiếu hẹn."
            ),
            order=10,
        ),
    )
    registries.dashboard_cards.register(
        "cases.my_work",
        DashboardCard(
            key="cases.my_work",
            title=_("Việc của tôi"),
            template="cases/card.html",
            render=_card,
            roles=OFFICER_ROLES,
            order=10,
        ),
    )
    _connect_calendar()
