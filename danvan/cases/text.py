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


def _channel_labels() -> dict[str, str]:
    from django.utils.translation import gettext as _

    return {
        "desk": _("Trực tiếp tại trụ sở"),
        "online": _("Trực tuyến"),
        "post": _("Qua bưu chính"),
        "portal": _("Cổng thông tin trực tuyến"),
        "email": _("Thư điện tử"),
        "open311": _("Ứng dụng (Open311)"),
        "reception": _("Tại buổi tiếp công dân"),
        "deputy": _("Đại biểu HĐND chuyển đến"),
        "front": _("Mặt trận Tổ quốc chuyển đến"),
        "press": _("Cơ quan báo chí chuyển đến"),
        "superior": _("Cơ quan cấp trên chuyển đến"),
        "board": _("Ban Thanh tra nhân dân"),
        "dialogue": _("Đối thoại với Nhân dân"),
        "provincial": _("Hệ thống một cửa của tỉnh"),
        "phone": _("Điện thoại"),
        "sms": _("Tin nhắn SMS"),
        "zalo": _("Zalo"),
    }


# The channel codes a case may carry (``Case.channel``): labels above, codes for the API.
CHANNEL_CODES = (
    "desk", "online", "post", "portal", "email", "open311", "reception", "deputy", "front",
    "press", "superior", "board", "dialogue", "provincial", "phone", "sms", "zalo",
)  # fmt: skip


def channel_label(code: str) -> str:
    """How a case came in, in words in the active language ("—" when unknown or blank)."""
    return _channel_labels().get(code or "", "—")
