from __future__ import annotations

from typing import Any


class LetterError(ValueError):
    """A refused operation on a letter or the register; ``code`` is stable, ``message`` is
    for people (translated)."""

    def __init__(self, code: str, message: Any) -> None:
        super().__init__(str(message))
        self.code = code
        self.message = message
