"""The kind apps' say over the generic actions of the officers' case page.

The case page offers assign, hand on, pause, resume, extend and close to every open case. An
app that owns a kind may hide some of them for a given case, where its own flow must be used
instead (a dossier taken from the provincial system moves there, not here). In its
``contributions.register()``::

    from danvan.cases.actions import register_action_filter
    register_action_filter("dossier", hidden_for_dossier)

where ``hidden_for_dossier(case) -> Iterable[str]`` names the actions to hide (``()`` for
none). Hidden actions are neither shown nor accepted. The cases app never imports the apps
that register here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

ActionFilter = Callable[[Any], Iterable[str]]
_FILTERS: dict[str, list[ActionFilter]] = {}


def register_action_filter(kind: str, action_filter: ActionFilter) -> None:
    """Add ``action_filter`` for cases of ``kind`` (the same callable twice is a no-op)."""
    filters = _FILTERS.setdefault(kind, [])
    if action_filter not in filters:
        filters.append(action_filter)


def hidden_actions(case: Any) -> set[str]:
    """The generic actions the kind's app hides for ``case``."""
    hidden: set[str] = set()
    for action_filter in _FILTERS.get(case.kind, ()):
        hidden.update(action_filter(case))
    return hidden
