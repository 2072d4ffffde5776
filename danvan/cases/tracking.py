"""Kind-specific links on the public tracking page (``/tra-cuu/<code>/?secret=S``).

An app that owns the detail of a case kind registers, in its ``contributions.register()``::

    from danvan.cases.tracking import register_tracking_link
    register_tracking_link("dossier", rating_link)

where ``rating_link(case) -> list[(label, url)]`` gives the links the holder of the slip may
follow next (e.g. rate the one-stop service once the result is ready). The page has already
checked the code and the secret, so a link may carry ``case.secret``. The cases app never
imports the apps that register here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)

TrackingLink = Callable[[Any], "list[tuple[str, str]]"]

# kind -> link providers, in registration order.
TRACKING_LINKS: dict[str, list[TrackingLink]] = {}


def register_tracking_link(kind: str, provider: TrackingLink) -> None:
    """Add ``provider`` for cases of ``kind`` (registering the same callable twice is a
    no-op, so ``register()`` may run again in tests)."""
    providers = TRACKING_LINKS.setdefault(kind, [])
    if provider not in providers:
        providers.append(provider)


def tracking_links(case: Any) -> list[tuple[str, str]]:
    """The (label, url) links to show for ``case``. A failing provider costs its links, not
    the citizen's tracking page."""
    links: list[tuple[str, str]] = []
    for provider in TRACKING_LINKS.get(case.kind, []):
        try:
            links.extend((str(label), str(url)) for label, url in provider(case) or [])
        except Exception:  # noqa: BLE001 — the page must answer whatever an app's hook does
            log.exception("tracking link provider %r failed for case %s", provider, case.pk)
    return links
