"""The kind manifest: how an app declares a kind of case to the case core.

Every kind of case is declared once, by the app that owns its detail, in that app's
``contributions.register()``::

    from danvan.cases.kinds import CaseKindManifest, register_kind

    register_kind(CaseKindManifest(
        key="water_leak",
        app="utilities",
        label=_("Báo rò rỉ nước"),
        rules=("utilities.water_leak.repair",),
        panels=(water_leak_panel,),
    ))

The case core reads the manifest and never names a kind: ``Case.kind`` holds ``key``, and an
unknown key is refused by ``case_open`` and ``case_reclassify``. The manifest is the one way
for a kind to shape the generic case: its label and its own timeline events, confidentiality,
the on-time policy, the panels on the officers' case page, the generic actions it hides and
the links on the public tracking page. What a kind contributes that is not about one case
(its URLs, API router, indicators, demo data, deadline rules) goes through
``danvan.core.registry.registries`` like any other contribution. See ``CONTRIBUTING.md``
(its worked example is a kind defined only under ``tests/``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.template.loader import render_to_string

from danvan.core.registry import Registry

log = logging.getLogger(__name__)

# (request, case) -> (template_name, context) or None
Panel = Callable[[Any, Any], "tuple[str, dict[str, Any]] | None"]
# case -> [(label, url)] shown on the public tracking page to the holder of the slip
TrackingLink = Callable[[Any], "list[tuple[str, str]]"]
# case -> names of the generic case-page actions to hide for this case
ActionFilter = Callable[[Any], Iterable[str]]
# (case, clock_state, on_time) -> on_time: a kind's own rule on top of "closed by the due date"
OnTimePolicy = Callable[[Any, Any, bool], bool]


@dataclass(frozen=True)
class PathStep:
    """One step of a kind's legal path as it stands for one case: ``state`` is "done",
    "current" or "todo" (a step the case skipped, e.g. no acceptance, is left out)."""

    label: Any
    state: str
    note: str = ""


# case -> the steps of its legal path, in order (shown at the top of every page of the case)
CasePath = Callable[[Any], "list[PathStep]"]


@dataclass(frozen=True)
class CaseKindManifest:
    key: str
    app: str
    label: Any  # a lazy translation: Vietnamese source, English in the catalogue
    # Deadline rule ids that may start this kind's clock (the first is the default).
    rules: tuple[str, ...] = ()
    # Prefix of the public tracking code when the kind's app makes codes of its own.
    code_prefix: str = ""
    # A kind whose every case is confidential (the person is protected by law), whatever the caller of ``case_open`` or ``case_reclassify`` says.
    always_confidential: bool = False
    on_time: OnTimePolicy | None = None
    # Rendered on the officers' case page, in order: template gets ``case`` + its context.
    panels: tuple[Panel, ...] = ()
    # Generic actions (assign, hand_on, pause, resume, extend, close) neither shown nor
    # accepted for a case, because the kind's own flow must be used instead.
    hidden_actions: ActionFilter | None = None
    # Links the holder of the slip may follow next; the page has checked code and secret.
    tracking_links: tuple[TrackingLink, ...] = ()
    # Timeline event kinds of its own, key -> lazy label (shown beside the core's).
    event_kinds: dict[str, Any] = field(default_factory=dict)
    # Where the case stands on its legal path; without it, the core's generic path
    # (received, in progress, closed) is shown.
    path: CasePath | None = None


kinds: Registry[CaseKindManifest] = Registry("case_kinds")


def register_kind(manifest: CaseKindManifest) -> CaseKindManifest:
    """Declare a kind. Registering an equal manifest again (``register()`` run twice) is a
    no-op; another manifest under a key already taken fails."""
    if manifest.key in kinds and kinds.get(manifest.key) == manifest:
        return kinds.get(manifest.key)
    return kinds.register(manifest.key, manifest)


def kind_manifest(key: str) -> CaseKindManifest | None:
    return kinds.get(key) if key in kinds else None


def is_kind(key: object) -> bool:
    return isinstance(key, str) and key in kinds


def kind_keys() -> list[str]:
    return kinds.keys()


def kind_label(key: str) -> str:
    """The label of a kind in the active language (the key itself for an unregistered kind,
    e.g. rows of an app that was removed)."""
    manifest = kind_manifest(key)
    return str(manifest.label) if manifest else key


def kind_labels() -> dict[str, str]:
    """key -> label, resolved once (for a page of rows)."""
    return {m.key: str(m.label) for m in kinds}


def kind_choices() -> list[tuple[str, str]]:
    return sorted(kind_labels().items(), key=lambda kv: kv[1])


@cache
def _core_event_kinds() -> dict[str, Any]:
    from danvan.cases.models import CaseEventKind

    return dict(CaseEventKind.choices)


def event_kind_labels() -> dict[str, Any]:
    """Every timeline event kind: the core's generic ones and those of each kind."""
    labels: dict[str, Any] = {}
    for manifest in kinds:
        labels.update(manifest.event_kinds)
    labels.update(_core_event_kinds())  # a kind may not relabel a generic step
    return labels


def is_event_kind(key: object) -> bool:
    if not isinstance(key, str):
        return False
    return key in _core_event_kinds() or any(key in m.event_kinds for m in kinds)


def event_label(key: str) -> str:
    return str(event_kind_labels().get(key, key))


def on_time_for(case: Any, state: Any, on_time: bool) -> bool:
    """``on_time`` as the kind's own policy has it (unchanged without a policy)."""
    manifest = kind_manifest(case.kind)
    if manifest is None or manifest.on_time is None:
        return on_time
    return bool(manifest.on_time(case, state, on_time))


def always_confidential(key: str) -> bool:
    manifest = kind_manifest(key)
    return bool(manifest and manifest.always_confidential)


def hidden_actions(case: Any) -> set[str]:
    """The generic actions the kind's app hides for ``case``."""
    manifest = kind_manifest(case.kind)
    if manifest is None or manifest.hidden_actions is None:
        return set()
    return set(manifest.hidden_actions(case) or ())


def generic_path(case: Any) -> list[PathStep]:
    """Received → being handled → closed, for a kind without a path of its own."""
    from django.utils.translation import gettext as _
    from django.utils.translation import pgettext

    from danvan.cases.models import CLOSED_STATUSES

    if case.status in CLOSED_STATUSES:
        return [
            PathStep(_("Tiếp nhận"), "done"),
            PathStep(_("Giải quyết"), "done"),
            PathStep(case.get_status_display(), "current"),
        ]
    return [
        PathStep(_("Tiếp nhận"), "done"),
        PathStep(_("Giải quyết"), "current"),
        PathStep(pgettext("case event", "Kết thúc"), "todo"),
    ]


def case_path(case: Any) -> list[PathStep]:
    """The steps of ``case``'s legal path as its kind's app draws them."""
    manifest = kind_manifest(case.kind)
    if manifest is None or manifest.path is None:
        return generic_path(case)
    try:
        return list(manifest.path(case))
    except Exception:  # noqa: BLE001 — the case page must answer whatever an app's hook does
        log.exception("path of kind %s failed for case %s", case.kind, case.pk)
        return generic_path(case)


def render_panels(request: Any, case: Any) -> list[str]:
    """The HTML of the kind's panels for ``case``; each template gets its own context plus
    ``case`` and ``request``."""
    manifest = kind_manifest(case.kind)
    out = []
    for panel in manifest.panels if manifest else ():
        result = panel(request, case)
        if result:
            template_name, context = result
            out.append(render_to_string(template_name, {"case": case, **context}, request))
    return out


def tracking_links(case: Any) -> list[tuple[str, str]]:
    """The (label, url) links to show for ``case``. A failing provider costs its links, not
    the citizen's tracking page."""
    manifest = kind_manifest(case.kind)
    links: list[tuple[str, str]] = []
    for provider in manifest.tracking_links if manifest else ():
        try:
            links.extend((str(label), str(url)) for label, url in provider(case) or [])
        except Exception:  # noqa: BLE001 — the page must answer whatever an app's hook does
            log.exception("tracking link provider %r failed for case %s", provider, case.pk)
    return links


@contextmanager
def temporary_kind(manifest: CaseKindManifest) -> Iterator[CaseKindManifest]:
    """Register ``manifest`` (replacing one under the same key) for the duration of a test."""
    items = kinds._items
    previous = items.get(manifest.key)
    items[manifest.key] = manifest
    try:
        yield manifest
    finally:
        if previous is None:
            items.pop(manifest.key, None)
        else:
            items[manifest.key] = previous
