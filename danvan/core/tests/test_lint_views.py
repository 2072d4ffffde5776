"""Convention (DESIGN §5.3): objects reach a view only through access functions that scope
by commune and role. A bare ``.objects.get(`` in a view or API handler is how one commune's
record leaks to another's officer, so it is refused here."""

from __future__ import annotations

import re
from pathlib import Path

DANVAN = Path(__file__).resolve().parents[2]
BARE_GET = re.compile(r"\.objects\.get\(")


def _view_modules() -> list[Path]:
    found = []
    for path in DANVAN.rglob("*.py"):
        parts = path.relative_to(DANVAN).parts
        if "tests" in parts or "migrations" in parts:
            continue
        in_views = path.name.startswith("views") or "views" in parts
        if in_views or path.name in {"api.py", "officer_views.py"}:
            found.append(path)
    return found


def test_view_modules_are_found():
    names = {p.relative_to(DANVAN).as_posix() for p in _view_modules()}
    assert "cases/views.py" in names and "letters/open311/views.py" in names
    assert "dossiers/api.py" in names


def test_no_bare_objects_get_in_views_or_api_handlers():
    offenders = [
        f"{path.relative_to(DANVAN)}:{number}"
        for path in _view_modules()
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if BARE_GET.search(line)
    ]
    assert offenders == []
