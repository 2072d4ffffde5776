from __future__ import annotations

from typing import Any


class DemocracyError(Exception):
    """A refusal with a stable ``code`` (API), a translated ``message`` and the form
    ``field`` it belongs to ("" for the whole form)."""

    def __init__(self, code: str, message: Any, field: str = "", status: int = 422) -> None:
        super().__init__(str(message))
        self.code = code
        self.message = message
        self.field = field
        self.status = status
