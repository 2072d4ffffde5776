"""A small fixture whose figures are worked out by hand (see test_values.py), measured by
indicators registered for the test only, so the machinery is checked apart from the apps."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from danvan.cases.services import case_open
from danvan.core.registry import Indicator, registries
from danvan.territory.models import LegacyDistrict, LegacyProvince, LegacyUnit
from danvan.testing.factories import UnitFactory

VN = ZoneInfo("Asia/Ho_Chi_Minh")
OCT = date(2026, 10, 1)
SEP = date(2026, 9, 1)
_n = {"n": 0}


def at(y: int, m: int, d: int, hh: int = 9) -> datetime:
    return datetime(y, m, d, hh, tzinfo=VN)


def open_case(unit, **kwargs):  # type: ignore[no-untyped-def]
    _n["n"] += 1
    defaults = {
        "unit": unit,
        "kind": "reflection",
        "code": f"E-{unit.code}-{_n['n']:05d}",
        "title": "Đèn đường thôn 3 hỏng",
        "rule_id": "letter.process",
        "received_at": at(2026, 10, 2),
        "actor": None,
    }
    defaults.update(kwargs)
    return case_open(**defaults)


@pytest.fixture
def unit_c(province):
    return UnitFactory(code="99003", name="Xã Thử C", codename="xa_thu_c", province=province)


# Figures per (indicator, unit code, month): (numerator, denominator).
FIGURES: dict[tuple[str, str, date], tuple[float, float]] = {
    ("t.on_time", "99001", OCT): (8, 10),
    ("t.on_time", "99002", OCT): (9, 10),
    ("t.on_time", "99003", OCT): (3, 4),
    ("t.satisfied", "99001", OCT): (9, 10),
    ("t.satisfied", "99002", OCT): (5, 10),
    ("t.processed", "99001", OCT): (1, 2),
    ("t.processed", "99002", OCT): (4, 4),
    ("t.days", "99001", OCT): (20, 4),
    ("t.repeat", "99002", OCT): (1, 10),
    ("t.on_time", "99001", SEP): (9, 10),
}


def _compute(key: str):  # type: ignore[no-untyped-def]
    def compute(unit_ids, month_start, month_end):  # type: ignore[no-untyped-def]
        from danvan.territory.models import Unit

        codes = dict(Unit.objects.filter(pk__in=unit_ids).values_list("pk", "code"))
        out = {}
        for uid, code in codes.items():
            fig = FIGURES.get((key, code, month_start))
            if fig is not None:
                out[uid] = fig
        return out

    return compute


def _explain(unit_ids, month_start, month_end):  # type: ignore[no-untyped-def]
    return {
        uid: {
            "cases": ["C-1", "C-2"],
            "groups": {"Đất đai": 2},
            "queue": {"unit": uid, "kind": "dossier"},
        }
        for uid in unit_ids
    }


TEST_INDICATORS = [
    Indicator("t.on_time", 3, "Tỷ lệ đúng hạn", "On time", "higher", 95.0, "Thử", _compute("t.on_time"), explain=_explain),
    Indicator("t.satisfied", 3, "Tỷ lệ hài lòng", "Satisfied", "higher", 90.0, "Thử", _compute("t.satisfied")),
    Indicator("t.processed", 4, "Đơn xử lý đúng hạn", "Processed", "higher", 100.0, "Thử", _compute("t.processed")),
    Indicator("t.days", 3, "Số ngày", "Days", "lower", None, "Thử", _compute("t.days"), unit_label="ngày"),
    Indicator("t.repeat", 4, "Đơn tái diễn", "Repeat", "lower", None, "Thử", _compute("t.repeat")),
]  # fmt: skip


@pytest.fixture
def test_indicators():
    """Only the test's indicators are registered while it runs."""
    saved = dict(registries.indicators._items)
    registries.indicators._items.clear()
    for ind in TEST_INDICATORS:
        registries.indicators.register(ind.key, ind)
    yield TEST_INDICATORS
    registries.indicators._items.clear()
    registries.indicators._items.update(saved)


@pytest.fixture
def active(unit_a, unit_b, unit_c):
    """The three communes use the system (a case each)."""
    for unit in (unit_a, unit_b, unit_c):
        open_case(unit)
    return unit_a, unit_b, unit_c


@pytest.fixture
def old_communes(unit_a, unit_b):
    lp = LegacyProvince.objects.create(
        code="06", name="Tỉnh Bắc Kạn", codename="bac_kan", successor=unit_a.province
    )
    district = LegacyDistrict.objects.create(
        code="058", name="Thành phố Bắc Kạn", codename="tp_bac_kan", province=lp
    )
    # Codes are reused across the reform: 99001 was an old ward too, not the same place.
    split = LegacyUnit.objects.create(
        code="99001", name="Phường Cũ Một", kind="Phường", codename="p1", district=district,
        province=lp,
    )  # fmt: skip
    whole = LegacyUnit.objects.create(
        code="01846", name="Xã Cũ Hai", kind="Xã", codename="x2", district=district, province=lp
    )
    split.successors.set([unit_a, unit_b])
    whole.successors.set([unit_a])
    return split, whole
