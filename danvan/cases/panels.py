"""Kind-specific panels on the officers' case page.

An app that owns the detail of a case kind (dossiers, letters...) registers, in its
``contributions.register()``::

    from danvan.cases.panels import register_panel
    register_panel("dossier", dossier_panel)

where ``dossier_panel(request, case) -> (template_name, context)`` or ``None`` (nothing to
show). The case page renders each registered panel of the case's kind, in registration order.
The cases app never imports the apps that register here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.template.loader import render_to_string

Panel = Callable[[Any, Any], "tuple[str, dict[str, Any]] | None"]

# kind -> panels; a plain dict so an app may also assign ``CASE_PANELS[kind] = callable``.
CASE_PANELS: dict[str, Panel | list[Panel]] = {}


def register_panel(kind: str, panel: Panel) -> None:
    """Add ``panel`` for cases of ``kind`` (registering the same callable twice is a no-op)."""
    current = CASE_PANELS.get(kind)
    if current is None:
        CASE_PANELS[kind] = [panel]
        return
    panels = current if isinstance(current, list) else [current]
    if panel not in panels:
        panels.append(panel)
    CASE_PANELS[kind] = panels


def panels_for(kind: str) -> list[Panel]:
    current = CASE_PANELS.get(kind)
    if current is None:
        return []
    return list(current) if isinstance(current, list) else [current]


def render_panels(request: Any, case: Any) -> list[str]:
    """The HTML of the panels to show for ``case``; each template gets its own context plus
    ``case`` and ``request``."""
    out = []
    for panel in panels_for(case.kind):
        result = panel(request, case)
        if result:
            template_name, context = result
            out.append(render_to_string(template_name, {"case": case, **context}, request))
    return out
