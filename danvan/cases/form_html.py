"""The HTML of the case page's empty action forms, kept per process.

A case page offers up to six actions; through Django's form renderer their dozen widgets
(and an option template per officer offered) cost about a third of the page's CPU
(``docs/benchmarks.md``). An empty form's HTML depends only on the action, the language and
the officers offered with their labels (role, workload), so it is rendered once per
combination and reused; a bound form (errors, what the officer typed) is always rendered.
The CSRF token is outside this HTML (``cases/_action.html``).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

# Actions × languages × distinct officer lists in use: a few per commune.
MAX_ENTRIES = 2048

_cache: OrderedDict[tuple[Any, ...], str] = OrderedDict()
_lock = threading.Lock()


def _offered(form: Any) -> tuple[tuple[int, str], ...]:
    """The officers a form offers, in the order offered, with their labels
    (``OfficerChoiceField.described``)."""
    return tuple(
        item for field in form.fields.values() for item in getattr(field, "described", {}).items()
    )


def form_html(name: str, form: Any) -> SafeString:
    """``cases/_form.html`` for ``form``: from this process's cache when it is empty."""
    if form.is_bound:
        return render_to_string("cases/_form.html", {"form": form})
    key = (name, type(form), get_language(), _offered(form))
    with _lock:
        html = _cache.get(key)
        if html is not None:
            _cache.move_to_end(key)
    if html is None:
        html = render_to_string("cases/_form.html", {"form": form})
        with _lock:
            _cache[key] = html
            while len(_cache) > MAX_ENTRIES:
                _cache.popitem(last=False)
    return mark_safe(html)  # noqa: S308 - rendered by the template above, autoescaped
