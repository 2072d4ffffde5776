"""What goes into a review report, and the three files made of it.

The figures are the materialised rows (``IndicatorValue``, ``IndexScore``, ``Finding``): a
commune's own, or for a province the sums of its communes' rows, never scans of cases. A
report covering twelve months or more is a year-end review (tổng kết), a shorter one a
mid-term review (sơ kết).
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Sum
from django.utils import timezone

from danvan.core.boundary import append_row
from danvan.core.documents import Image, OfficialDocument, Paragraph, Table
from danvan.core.registry import registries
from danvan.evaluation.areas import AREAS
from danvan.evaluation.models import Era, Finding, IndexScore, IndicatorValue, Origin
from danvan.evaluation.periods import label, months_between

KIND_TITLES = {
    "strength": "Ưu điểm",
    "limitation": "Hạn chế",
    "cause": "Nguyên nhân",
}


@dataclass
class ReportData:
    scope_name: str
    province_name: str
    is_province: bool
    first: date
    last: date
    indicators: list[dict[str, Any]] = field(default_factory=list)  # per key over the period
    trend: list[tuple[date, float]] = field(default_factory=list)  # total /60 per month
    area_trend: list[tuple[int, date, float]] = field(default_factory=list)  # area, month, /10
    ranking: list[dict[str, Any]] = field(default_factory=list)  # province: last month
    findings: list[dict[str, Any]] = field(default_factory=list)

    @property
    def year_end(self) -> bool:
        return len(months_between(self.first, self.last)) >= 12

    @property
    def kind_title(self) -> str:
        return "tổng kết" if self.year_end else "sơ kết"


def _fmt(x: float | None, digits: int = 1) -> str:
    if x is None:
        return "—"
    return f"{x:,.{digits}f}".replace(",", " ").replace(".", ",")


def collect(*, unit: Any = None, province: Any = None, first: date, last: date) -> ReportData:
    """The report's figures, in a fixed number of queries."""
    if unit is not None:
        rows = IndicatorValue.objects.filter(
            era=Era.CURRENT, unit=unit, period__gte=first, period__lte=last
        )
        scores = IndexScore.objects.filter(unit=unit, period__gte=first, period__lte=last)
        data = ReportData(unit.name, unit.province.name, False, first, last)
    else:
        rows = IndicatorValue.objects.filter(
            era=Era.CURRENT, province_code=province.code, period__gte=first, period__lte=last
        )
        scores = IndexScore.objects.filter(
            province_code=province.code, period__gte=first, period__lte=last
        )
        data = ReportData(province.name, province.name, True, first, last)
    sums = rows.values("key").annotate(num=Sum("numerator"), den=Sum("denominator"))
    for r in sums:
        if r["key"] not in registries.indicators:
            continue
        ind = registries.indicators.get(r["key"])
        data.indicators.append(
            {
                "key": r["key"],
                "area": ind.area,
                "name": ind.name_vi,
                "numerator": r["num"],
                "denominator": r["den"],
                "value": ind.value_of(r["num"], r["den"]),
                "unit_label": ind.unit_label,
                "target": ind.target,
            }
        )
    data.indicators.sort(key=lambda r: (r["area"], r["name"]))
    per_month: dict[date, list[float]] = defaultdict(list)
    per_area: dict[tuple[int, date], list[float]] = defaultdict(list)
    latest = []
    for s in scores.select_related("unit"):
        if s.total is not None:
            per_month[s.period].append(s.total)
        for a, v in (s.areas or {}).items():
            if v is not None:
                per_area[(int(a), s.period)].append(v)
        if s.period == last:
            latest.append(s)
    data.trend = [(m, sum(v) / len(v)) for m, v in sorted(per_month.items())]
    data.area_trend = [(a, m, sum(v) / len(v)) for (a, m), v in sorted(per_area.items())]
    if data.is_province:
        latest.sort(key=lambda s: (s.rank is None, s.rank or 0, -(s.total or 0)))
        data.ranking = [
            {"name": s.unit.name, "total": s.total, "rank": s.rank, "low": s.rank_low,
             "high": s.rank_high, "areas": s.areas_measured}
            for s in latest
        ]  # fmt: skip
    findings = Finding.objects.filter(period=last).exclude(status="dismissed")
    findings = (
        findings.filter(unit=unit)
        if unit is not None
        else findings.filter(unit__province=province, severity="high")
    )
    order = {"high": 0, "medium": 1, "low": 2}
    data.findings = sorted(
        (
            {"kind": f.kind, "severity": f.severity, "text": f.text_vi, "unit": f.unit.name,
             "cases": (f.evidence or {}).get("cases", [])[:10]}
            for f in findings.select_related("unit")[:200]
        ),
        key=lambda f: (list(KIND_TITLES).index(f["kind"]) if f["kind"] in KIND_TITLES else 9,
                       order.get(f["severity"], 3)),
    )  # fmt: skip
    return data


def _indicator_tables(data: ReportData) -> list[Any]:
    blocks: list[Any] = []
    by_area: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for r in data.indicators:
        by_area[r["area"]].append(r)
    for n, name in AREAS.items():
        blocks.append(Paragraph(f"{n}. {name}", bold=True, align="left", indent=False))
        rows = by_area.get(n)
        if not rows:
            blocks.append("Chưa có dữ liệu trong kỳ.")
            continue
        blocks.append(
            Table(
                header=["STT", "Chỉ số", "Tử số / mẫu số", "Kết quả", "Mục tiêu"],
                rows=[
                    [
                        str(i),
                        r["name"],
                        f"{_fmt(r['numerator'], 0)} / {_fmt(r['denominator'], 0)}",
                        f"{_fmt(r['value'])} {r['unit_label']}",
                        f"{_fmt(r['target'], 0)} {r['unit_label']}"
                        if r["target"] is not None
                        else "—",
                    ]
                    for i, r in enumerate(rows, start=1)
                ],  # fmt: skip
                widths=[0.6, 4, 1.8, 1.4, 1.2],
            )
        )
    return blocks


def document(data: ReportData, pngs: list[tuple[bytes, str]]) -> OfficialDocument:
    today = timezone.localdate()
    period = f"từ tháng {label(data.first)} đến tháng {label(data.last)}"
    blocks: list[Any] = [
        Paragraph("I. KẾT QUẢ THỰC HIỆN", bold=True, align="left", indent=False),
        f"Báo cáo {data.kind_title} công tác dân vận chính quyền của {data.scope_name} {period}, "
        "lập từ số liệu hệ thống tự tính hằng tháng (không nhập tay).",
    ]
    if data.trend:
        first_total, last_total = data.trend[0][1], data.trend[-1][1]
        what = "bình quân các xã" if data.is_province else "tổng điểm"
        blocks.append(
            f"Điểm đánh giá ({what}, thang 60) từ {_fmt(first_total)} tháng "
            f"{label(data.trend[0][0])} đến {_fmt(last_total)} tháng {label(data.trend[-1][0])}."
        )
    for png, caption in pngs:
        blocks.append(Image(png, caption=caption))
    blocks.extend(_indicator_tables(data))
    if data.ranking:
        blocks.append(Paragraph(f"Xếp hạng các xã tháng {label(data.last)}", bold=True,
                                align="left", indent=False))  # fmt: skip
        blocks.append(
            Table(
                header=["Hạng", "Xã, phường", "Điểm /60", "Khoảng hạng", "Số lĩnh vực có dữ liệu"],
                rows=[
                    [
                        str(r["rank"] or "—"),
                        r["name"],
                        _fmt(r["total"]),
                        f"{r['low']}–{r['high']}" if r["rank"] else "không xếp hạng",
                        str(r["areas"]),
                    ]
                    for r in data.ranking
                ],  # fmt: skip
                widths=[0.8, 3.5, 1.2, 1.5, 1.5],
            )
        )
    blocks.append(Paragraph("II. ƯU ĐIỂM, HẠN CHẾ VÀ NGUYÊN NHÂN", bold=True, align="left",
                            indent=False))  # fmt: skip
    for kind, title in KIND_TITLES.items():
        mine = [f for f in data.findings if f["kind"] == kind]
        blocks.append(Paragraph(f"{title}:", bold=True, italic=True, align="left", indent=False))
        if not mine:
            blocks.append("Không có nhận định trong kỳ.")
        for f in mine:
            prefix = f"{f['unit']}: " if data.is_province else ""
            cases = f" (hồ sơ: {', '.join(f['cases'])})" if f["cases"] else ""
            blocks.append(f"- {prefix}{f['text']}{cases}")
    blocks.append(Paragraph("III. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI", bold=True, align="left",
                            indent=False))  # fmt: skip
    blocks.append("(Đơn vị bổ sung phương hướng, nhiệm vụ và đề xuất, kiến nghị.)")
    if data.is_province:
        issuer_parent, issuer = "", f"UBND {data.scope_name.upper()}"
        recipients = ["Bộ Nội vụ (để b/c);", "Thường trực Tỉnh ủy (để b/c);", "Lưu: VT."]
        place = data.scope_name.replace("Tỉnh ", "").replace("Thành phố ", "")
    else:
        issuer_parent, issuer = (
            f"UBND {data.province_name.upper()}",
            f"UBND {data.scope_name.upper()}",
        )
        recipients = ["UBND tỉnh (để b/c);", "Đảng ủy xã (để b/c);", "Lưu: VT."]
        place = data.scope_name.split(" ", 1)[-1]  # "Phường Bắc Kạn" → "Bắc Kạn"
    return OfficialDocument(
        issuer_parent=issuer_parent,
        issuer=issuer,
        number="Số:      /BC-UBND",
        place=place,
        date=today,
        title="BÁO CÁO",
        subtitle=f"{data.kind_title.capitalize()} công tác dân vận chính quyền {period}",
        blocks=blocks,
        recipients=recipients,
        signer_title="TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH",
    )


def values_xlsx(
    *, unit: Any = None, province: Any = None, first: date, last: date,
    progress: Callable[[int], None] | None = None,
) -> bytes:  # fmt: skip
    """Every indicator value of the scope and period, one row each (write-only workbook)."""
    from openpyxl import Workbook

    rows = IndicatorValue.objects.filter(era=Era.CURRENT, period__gte=first, period__lte=last)
    rows = rows.filter(unit=unit) if unit is not None else rows.filter(province_code=province.code)
    rows = rows.order_by("unit__code", "period", "key").values_list(
        "unit__code", "unit__name", "period", "area", "key", "numerator", "denominator",
        "value", "origin",
    )  # fmt: skip
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Gia tri chi so")
    append_row(sheet, ["Mã xã", "Tên xã", "Tháng", "Lĩnh vực", "Mã chỉ số", "Tên chỉ số",
                       "Tử số", "Mẫu số", "Giá trị", "Đơn vị", "Nguồn"])  # fmt: skip
    names = {i.key: (i.name_vi, i.unit_label) for i in registries.indicators}
    # Labels resolved once, not per row (a province's year is tens of thousands of rows).
    origins = {k: str(v) for k, v in Origin.choices}
    total = rows.count() or 1
    for n, (code, uname, period, area, key, num, den, value, origin) in enumerate(
        rows.iterator(chunk_size=5000), start=1
    ):
        name, unit_label = names.get(key, (key, ""))
        append_row(
            sheet,
            [code, uname, f"{period:%Y-%m}", area, key, name, num, den,
             None if value is None else round(value, 4), unit_label, origins.get(origin, origin)],
        )  # fmt: skip
        if progress is not None and n % 5000 == 0:
            progress(10 + int(80 * n / total))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def chart_pngs(data: ReportData) -> list[tuple[bytes, str]]:
    """The report's charts as PNG with their captions: the total by month, each area by
    month (for a province, the means of its communes)."""
    from danvan.evaluation.charts import line_chart_png

    out = []
    if data.trend:
        series = "Bình quân các xã" if data.is_province else "Tổng điểm /60"
        out.append((
            line_chart_png([(series, m, v) for m, v in data.trend], y_title="Điểm /60", y_max=60),
            "Biểu đồ 1: điểm đánh giá theo tháng (thang 60)",
        ))  # fmt: skip
    if data.area_trend:
        points = [(f"{a}. {AREAS.get(a, a)}"[:40], m, v) for a, m, v in data.area_trend]
        out.append((
            line_chart_png(points, y_title="Điểm /10", y_max=10, series_title="Lĩnh vực",
                           height=260),
            "Biểu đồ 2: điểm từng lĩnh vực theo tháng (thang 10)",
        ))  # fmt: skip
    return out
