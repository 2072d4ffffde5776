"""The kind manifest: how an app declares a kind of case to the case core.

Every kind of case (a dossier, a letter of each kind, a voter's petition, a commitment made at
a dialogue...) is declared once, by the app that owns its detail, in that app's
``contributions.register()``::

    from danvan.cases.kinds import CaseKindManifest, register_kind

    register_kind(CaseKindManifest(
        key="voter_petition",
        app="democracy",
        label=_("Kiến nghị cử tri"),
        rules=("democracy.voter_petition.answer",),
        panel=petition_panel,
    ))

The case core reads the manifest and never names a kind: ``Case.kind`` holds ``key``, and an
unknown key is refused by ``case_open``. What a kind contributes that is not about one case
(its URLs, API router, indicators, demo data, deadline rules) goes through
``danvan.core.registry.registries`` like any other contribution.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from danvan.core.registry import Registry

# (request, case) -> (template_name, context) or None
Panel = Callable[[Any, Any], "tuple[str, dict[str, Any]] | None"]
# case -> [(label, url)] shown on the public tracking page to the holder of the slip
TrackingLink = Callable[[Any], "list[tuple[str, str]]"]
# case -> names of the generic case-page actions to hide for this case
ActionFilter = Callable[[Any], Iterable[str]]
# (case, clock_state, on_time) -> on_time: a kind's own rule on top of "closed by the due date"
OnTimePolicy = Callable[[Any, Any, bool], bool]


@dataclass(frozen=True)
class CaseKindManifest:
    key: str
    app: str
    label: Any  # a lazy translation: Vietnamese source, English in the catalogue
    # Deadline rule ids that may start this kind's clock (the first is the default).
    rules: tuple[str, ...] = ()
    # Prefix of the public tracking code when the kind's app makes codes of its own.
    code_prefix: str = ""
    # A kind whose every case is confidential (a denunciation: Law on Denunciation Art. 9).
    always_confidential: bool = False
    on_time: OnTimePolicy | None = None
    panels: tuple[Panel, ...] = ()
    hidden_actions: ActionFilter | None = None
    tracking_links: tuple[TrackingLink, ...] = ()
    # Timeline event kinds of its own, key -> lazy label (shown beside the core's).
    event_kinds: dict[str, Any] = field(default_factory=dict)


kinds: Registry[CaseKindManifest] = Registry("case_kinds")


def register_kind(manifest: CaseKindManifest) -> CaseKindManifest:
    return kinds.register(manifest.key, manifest)


def kind_manifest(key: str) -> CaseKindManifest | None:
    return kinds.get(key) if key in kinds else None
