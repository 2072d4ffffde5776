"""Officers' roles. Codes are a contract (commands, imports, API); labels are translated."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ONE_STOP = "one_stop", _("Cán bộ một cửa")
    SPECIALIST = "specialist", _("Cán bộ chuyên môn")
    LEADER = "leader", _("Lãnh đạo UBND")
    COUNCIL = "council", _("Hội đồng nhân dân")
    FRONT = "front", _("Mặt trận Tổ quốc, đoàn thể")
    INSPECTION_BOARD = "inspection_board", _("Ban Thanh tra nhân dân")
    VILLAGE_HEAD = "village_head", _("Trưởng thôn, tổ trưởng tổ dân phố")
    PARTY_SECRETARY = "party_secretary", _("Bí thư Đảng ủy xã")
    ENUMERATOR = "enumerator", _("Điều tra viên khảo sát")
    PROVINCE_VIEWER = "province_viewer", _("Cán bộ cấp tỉnh (xem)")
    APPRAISER = "appraiser", _("Cán bộ thẩm định cấp tỉnh")
    ADMIN = "admin", _("Quản trị")


class Organisation(models.TextChoices):
    """Which body a ``front`` membership speaks for: the Fatherland Front itself or one of the
    mass organisations it coordinates. Each sees what is its own (joint programmes, models)."""

    FRONT = "front", _("Mặt trận Tổ quốc")
    FARMERS = "farmers", _("Hội Nông dân")
    WOMEN = "women", _("Hội Liên hiệp Phụ nữ")
    YOUTH = "youth", _("Đoàn Thanh niên")
    VETERANS = "veterans", _("Hội Cựu chiến binh")


# Roles attached to a province rather than to a commune.
PROVINCE_ROLES = frozenset({Role.PROVINCE_VIEWER, Role.APPRAISER})
# Roles that may read the audit log of their units.
AUDIT_READERS = frozenset({Role.LEADER, Role.ADMIN})
