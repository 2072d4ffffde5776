"""Demo data for Thái Nguyên (province 19): remote flags, population, villages.

DEMO DATA, NOT OFFICIAL. The remote / especially-difficult flags below follow a simple rule
(communes that took in the highland communes of old Bắc Kạn) so that the longer complaint
deadlines show up in the demo; the official lists are decided by the Government and must be
entered by each commune's administrator. Population, household counts and village names are
invented (plausible, not real). Idempotent: existing villages and figures are left alone.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from danvan.territory.loader import territory_load
from danvan.territory.models import LegacyUnit, Unit, UnitKind, Village, VillageKind
from danvan.territory.services import village_create

PROVINCE = "19"
OLD_BAC_KAN = "06"
# Old Bắc Kạn districts treated as "especially difficult" in the demo: Pác Nặm, Ngân Sơn, Na Rì.
DEMO_DIFFICULT_DISTRICTS = {"060", "062", "066"}

T, B, TDP, X = VillageKind.THON, VillageKind.BAN, VillageKind.TO_DAN_PHO, VillageKind.XOM

# Invented villages: (name, kind, households).
DEMO_VILLAGES: dict[str, list[tuple[str, str, int]]] = {
    "01843": [  # Phường Bắc Kạn
        ("Tổ dân phố 1A", TDP, 215),
        ("Tổ dân phố 2", TDP, 240),
        ("Tổ dân phố 4", TDP, 198),
        ("Tổ dân phố 7", TDP, 263),
        ("Tổ dân phố 9", TDP, 187),
        ("Tổ dân phố Sông Cầu", TDP, 231),
        ("Tổ dân phố Xuất Hóa", TDP, 176),
        ("Tổ dân phố Nà Cưởm", TDP, 142),
    ],
    "01840": [  # Phường Đức Xuân
        ("Tổ dân phố 3", TDP, 204),
        ("Tổ dân phố 5", TDP, 226),
        ("Tổ dân phố 8", TDP, 191),
        ("Tổ dân phố Huyền Tụng", TDP, 168),
        ("Tổ dân phố Khuổi Cuồng", TDP, 121),
        ("Tổ dân phố Minh Khai", TDP, 247),
    ],
    "01864": [  # Xã Bằng Thành (old Pác Nặm)
        ("Bản Khuổi Khí", B, 64),
        ("Bản Nà Phầy", B, 71),
        ("Thôn Lủng Vài", T, 58),
        ("Thôn Cốc Pục", T, 83),
        ("Bản Phiêng Pẻn", B, 49),
        ("Thôn Nặm Nhả", T, 77),
        ("Bản Khuổi Bốc", B, 52),
    ],
    "01906": [  # Xã Ba Bể
        ("Thôn Pác Ngòi", T, 96),
        ("Thôn Bó Lù", T, 74),
        ("Thôn Cốc Tộc", T, 88),
        ("Thôn Nà Mằm", T, 105),
        ("Thôn Khuổi Luông", T, 67),
        ("Thôn Nặm Dài", T, 81),
    ],
    "01912": [  # Xã Chợ Rã
        ("Tổ dân phố Tiểu khu 1", TDP, 182),
        ("Tổ dân phố Tiểu khu 2", TDP, 169),
        ("Thôn Nà Làng", T, 92),
        ("Thôn Pác Châm", T, 78),
        ("Thôn Bản Hon", T, 85),
        ("Thôn Thôm Bó", T, 71),
        ("Thôn Nà Đứa", T, 64),
    ],
    "01954": [  # Xã Ngân Sơn
        ("Thôn Nà Ản", T, 88),
        ("Thôn Cốc Lùng", T, 59),
        ("Thôn Khuổi Slản", T, 47),
        ("Thôn Bản Súng", T, 73),
        ("Thôn Nà Pán", T, 66),
        ("Tổ dân phố Vân Tùng", TDP, 154),
    ],
    "02020": [  # Xã Chợ Đồn
        ("Tổ dân phố Nà Pài", TDP, 201),
        ("Tổ dân phố Đông Kết", TDP, 177),
        ("Thôn Bản Tàn", T, 94),
        ("Thôn Nà Bưa", T, 83),
        ("Thôn Khuổi Tục", T, 61),
        ("Thôn Bản Lác", T, 76),
        ("Thôn Phiêng Lằm", T, 58),
        ("Thôn Nà Kham", T, 69),
    ],
    "02155": [  # Xã Na Rì
        ("Tổ dân phố Pàn Xả", TDP, 188),
        ("Tổ dân phố Chợ Mới", TDP, 163),
        ("Thôn Nà Hin", T, 87),
        ("Thôn Bản Đâng", T, 72),
        ("Thôn Khuổi Ba", T, 55),
        ("Thôn Pò Đon", T, 68),
    ],
    "02014": [  # Xã Bạch Thông
        ("Thôn Nà Pục", T, 81),
        ("Thôn Khuổi Chang", T, 63),
        ("Thôn Bản Pjạc", T, 77),
        ("Thôn Nà Cà", T, 70),
        ("Thôn Pác Cáp", T, 59),
    ],
    "02086": [  # Xã Chợ Mới
        ("Tổ dân phố Đồng Tâm", TDP, 212),
        ("Tổ dân phố Đông Kết", TDP, 185),
        ("Thôn Bản Áng", T, 97),
        ("Thôn Khe Thỉ", T, 84),
        ("Xóm Nà Ché", X, 66),
        ("Thôn Bản Cháo", T, 73),
        ("Thôn Pá Danh", T, 62),
    ],
}


def _demo_figures(code: str, kind: str) -> tuple[int, int]:
    """Invented but stable figures: households 900–3,500 (more in a phường), ~4 people each."""
    n = int(code)
    households = 900 + (n * 37) % 2600 + (1500 if kind == UnitKind.PHUONG else 0)
    return households * 4 + n % 300, households


def seed(stdout: Any = None) -> None:
    def say(text: str) -> None:
        if stdout is not None:
            stdout.write(text)

    if not Unit.objects.filter(province__code=PROVINCE).exists() or not LegacyUnit.objects.exists():
        result = territory_load()
        say(f"territory: loaded {result.counts}")
    units = {u.code: u for u in Unit.objects.filter(province__code=PROVINCE)}
    highland = _units_from_old_bac_kan()
    with transaction.atomic():
        changed = []
        for code, unit in units.items():
            before = (
                unit.is_remote,
                unit.is_especially_difficult,
                unit.population,
                unit.households,
            )
            if code in highland and unit.kind == UnitKind.XA and not unit.is_remote:
                unit.is_remote = True  # demo rule, see the module docstring
                unit.is_especially_difficult = bool(highland[code] & DEMO_DIFFICULT_DISTRICTS)
            if unit.population is None and unit.households is None:
                unit.population, unit.households = _demo_figures(code, unit.kind)
            if before != (
                unit.is_remote,
                unit.is_especially_difficult,
                unit.population,
                unit.households,
            ):
                changed.append(unit)
        Unit.objects.bulk_update(
            changed, ["is_remote", "is_especially_difficult", "population", "households"]
        )
        created = _seed_villages(units)
    say(f"territory: demo data for Thái Nguyên — {len(changed)} units updated, {created} villages")


def _units_from_old_bac_kan() -> dict[str, set[str]]:
    """New unit code -> codes of the old Bắc Kạn districts whose communes it took in."""
    through = LegacyUnit.successors.through
    rows = through.objects.filter(
        unit__province__code=PROVINCE, legacyunit__province__code=OLD_BAC_KAN
    ).values_list("unit__code", "legacyunit__district__code")
    result: dict[str, set[str]] = {}
    for unit_code, district_code in rows:
        result.setdefault(unit_code, set()).add(district_code)
    return result


def _seed_villages(units: dict[str, Unit]) -> int:
    existing = set(
        Village.objects.filter(unit__code__in=DEMO_VILLAGES).values_list("unit__code", "name")
    )
    created = 0
    for code, villages in DEMO_VILLAGES.items():
        unit = units.get(code)
        if unit is None:
            continue
        for name, kind, households in villages:
            if (code, name) in existing:
                continue
            village_create(
                actor=None,
                unit=unit,
                name=name,
                kind=kind,
                households=households,
                population=households * 4 + len(name),
            )
            created += 1
    return created
