"""The six areas of dân vận chính quyền (the 2017 Bắc Kạn study), the backbone of the index."""

from django.utils.translation import gettext_lazy as _

AREAS: dict[int, object] = {
    1: _("Tuyên truyền chủ trương, chính sách, pháp luật"),
    2: _("Thực hiện dân chủ ở cơ sở"),
    3: _("Cải cách hành chính, một cửa"),
    4: _("Tiếp công dân, giải quyết khiếu nại, tố cáo, kiến nghị, phản ánh"),
    5: _("Bồi dưỡng cán bộ về công tác dân vận"),
    6: _("Phối hợp với Mặt trận Tổ quốc và các đoàn thể"),
}
