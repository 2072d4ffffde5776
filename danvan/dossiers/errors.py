"""The refusal every dossier service raises: a stable code and a translated message."""

from __future__ import annotations

from typing import Any


class DossierError(ValueError):
    def __init__(self, code: str, message: Any, *, field: str = "") -> None:
        super().__init__(str(message))
        self.code = code
        self.message = message
        self.field = field
