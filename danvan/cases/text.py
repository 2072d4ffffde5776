"""Text folding for accent-insensitive search of Vietnamese names."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Lower case, without diacritics, spaces collapsed: "Nguyễn Văn Đức" → "nguyen van duc".

    Done in Python rather than with PostgreSQL's ``unaccent`` so SQLite and PostgreSQL agree
    and no database extension is needed.
    """
    text = (text or "").replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(stripped.lower().split())
