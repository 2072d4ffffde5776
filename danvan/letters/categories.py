"""Reflection categories: the Open311 service list and the online form's choices, as data."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Category:
    code: str
    name: object  # lazy translation
    description: object
    keywords: str


CATEGORIES = [
    Category(
        "roads",
        _("Đường giao thông, cầu cống"),
        _("Đường hỏng, sạt lở, cầu cống hư hại"),
        "đường cầu cống giao thông",
    ),
    Category(
        "lighting",
        _("Điện chiếu sáng công cộng"),
        _("Đèn đường hỏng, thiếu chiếu sáng"),
        "đèn chiếu sáng điện",
    ),
    Category(
        "environment",
        _("Môi trường, rác thải"),
        _("Rác thải, ô nhiễm, nước thải"),
        "rác môi trường ô nhiễm",
    ),
    Category(
        "water",
        _("Nước sạch, thủy lợi"),
        _("Nước sinh hoạt, kênh mương, thủy lợi"),
        "nước kênh mương thủy lợi",
    ),
    Category(
        "land",
        _("Đất đai, xây dựng"),
        _("Lấn chiếm đất, xây dựng trái phép, ranh giới"),
        "đất xây dựng lấn chiếm",
    ),
    Category(
        "public_order",
        _("An ninh, trật tự"),
        _("Trật tự công cộng, tiếng ồn, an toàn"),
        "trật tự an ninh ồn",
    ),
    Category(
        "attitude",
        _("Thái độ, tác phong cán bộ"),
        _("Thái độ phục vụ, nhũng nhiễu, chậm trễ"),
        "thái độ cán bộ phục vụ",
    ),
    Category("other", _("Lĩnh vực khác"), _("Các phản ánh, kiến nghị khác"), "khác"),
]
BY_CODE = {c.code: c for c in CATEGORIES}
CATEGORY_CHOICES = [(c.code, c.name) for c in CATEGORIES]
