"""Timeline notes in the reader's language.

Services write a case event's note with gettext when it happens (``"Đã nhận đơn."``,
``"Tiếp nhận hồ sơ thủ tục Đăng ký khai sinh."``), so the stored text is Vietnamese, the
language pages are in unless a person picks English. A reader who picked English should read
the timeline in English: the note is looked up in the catalog of the active language, first
as a whole, then against the catalog's messages with placeholders (``%(name)s``, ``%(n)d``),
whose values are carried over. A note an officer typed matches nothing and is shown as is.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from django.utils import translation
from django.utils.translation import trans_real

_PLACEHOLDER = re.compile(r"%\((\w+)\)([sd])")


@lru_cache(maxsize=8)
def _patterns(language: str) -> list[tuple[re.Pattern[str], str]]:
    catalog = trans_real.translation(language)._catalog  # type: ignore[attr-defined]
    out = []
    for msgid, msgstr in catalog.items():
        if not isinstance(msgid, str) or "%(" not in msgid or not msgstr or msgid == msgstr:
            continue
        parts, names, last = [], set(), 0
        for m in _PLACEHOLDER.finditer(msgid):
            parts.append(re.escape(msgid[last : m.start()]))
            name, kind = m.groups()
            if name in names:  # a repeated placeholder: match it again by value
                parts.append(f"(?P={name})")
            else:
                names.add(name)
                parts.append(f"(?P<{name}>\\d+)" if kind == "d" else f"(?P<{name}>.+?)")
            last = m.end()
        parts.append(re.escape(msgid[last:]))
        out.append((re.compile("".join(parts), re.S), msgstr))
    # Longer literal text first: the most specific message wins.
    out.sort(key=lambda p: -len(_PLACEHOLDER.sub("", p[1])))
    return out


def translate_note(note: str, language: str | None = None) -> str:
    """``note`` in ``language`` (the active one by default) when it is one of the product's
    messages, else ``note`` unchanged."""
    if not note:
        return note
    language = language or translation.get_language() or "vi"
    if language.startswith("vi"):
        return note
    with translation.override(language):
        whole = translation.gettext(note)
    if whole != note:
        return whole
    for pattern, msgstr in _patterns(language):
        m = pattern.fullmatch(note)
        if m is None:
            continue
        values: dict[str, Any] = {
            k: (int(v) if v.isdigit() and f"%({k})d" in msgstr else v)
            for k, v in m.groupdict().items()
        }
        try:
            return msgstr % values
        except (KeyError, TypeError, ValueError):
            continue
    return note
