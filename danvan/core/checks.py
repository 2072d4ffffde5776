"""System checks of what the database must offer."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.checks import Error

# INSERT … ON CONFLICT … RETURNING (danvan.core.db.insert_unless_exists, the daily dossier
# sequence) needs SQLite 3.35; Django itself asks only for 3.31.
SQLITE_MIN = (3, 35, 0)


def sqlite_errors(
    engines: Iterable[str], version_info: tuple[int, ...], version: str
) -> list[Error]:
    if not any("sqlite" in engine for engine in engines) or tuple(version_info) >= SQLITE_MIN:
        return []
    return [
        Error(
            f"SQLite {version} is too old: danvan needs 3.35 or newer (INSERT … RETURNING).",
            hint="Use a Python built with a newer SQLite, or PostgreSQL (DATABASE_URL).",
            id="danvan.E001",
        )
    ]


def sqlite_version_check(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    engines = [db.get("ENGINE", "") for db in settings.DATABASES.values()]
    return sqlite_errors(engines, sqlite3.sqlite_version_info, sqlite3.sqlite_version)
