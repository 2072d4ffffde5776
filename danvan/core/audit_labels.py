"""The audit log's actions in words: an entry stores a code (``letters.identity_read``), the
register shows "Xem danh tính người tố cáo". Codes stay in the database and the API.

An app names its own actions with ``register_action_labels`` (from its ``contributions``);
the table below holds those of the apps written before that hook. An action nobody named is
shown by its area and a generic verb read from its last word, never as its code.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

_extra: dict[str, Any] = {}


def register_action_labels(labels: dict[str, Any]) -> None:
    """Add ``action -> lazy label`` pairs (an app's own actions)."""
    _extra.update(labels)


ACTIONS: dict[str, Any] = {
    "accounts.login.success": _("Đăng nhập"),
    "accounts.login.failure": _("Đăng nhập sai mật khẩu"),
    "accounts.login.locked": _("Tài khoản tạm khóa do đăng nhập sai nhiều lần"),
    "accounts.password.change": _("Đổi mật khẩu"),
    "accounts.password.reset": _("Đặt lại mật khẩu"),
    "accounts.api_token.create": _("Tạo khóa API"),
    "accounts.api_token.revoke": _("Thu hồi khóa API"),
    "accounts.officer.create": _("Tạo tài khoản cán bộ"),
    "accounts.officers.import": _("Nhập danh sách cán bộ"),
    "accounts.officers.disable_inactive": _("Khóa tài khoản không sử dụng"),
    "accounts.membership.add": _("Gán vai trò cho cán bộ"),
    "accounts.membership.remove": _("Bỏ vai trò của cán bộ"),
    "accounts.membership.organisation": _("Đổi tổ chức của thành viên Mặt trận"),
    "cases.open": _("Mở việc"),
    "cases.case.open": _("Mở việc"),
    "cases.accept": _("Thụ lý"),
    "cases.assign": _("Giao xử lý"),
    "cases.hand_on": _("Chuyển bước xử lý"),
    "cases.pause": _("Tạm dừng, chờ người dân bổ sung"),
    "cases.resume": _("Tiếp tục tính thời hạn"),
    "cases.extend": _("Gia hạn"),
    "cases.close": _("Kết thúc việc"),
    "cases.case.close": _("Kết thúc việc"),
    "cases.event": _("Ghi một bước vào dòng thời gian"),
    "cases.set_due": _("Đặt lại hạn giải quyết"),
    "cases.reclassify": _("Đổi loại việc"),
    "cases.recompute_due": _("Tính lại hạn theo lịch mới"),
    "cases.redact_events": _("Che thông tin người được bảo vệ trong ghi chú"),
    "cases.update_applicant": _("Sửa thông tin người dân"),
    "core.notifications.redact": _("Xóa người nhận khỏi tin nhắn (người được bảo vệ)"),
    "deadlines.override.create": _("Thêm ngày nghỉ, ngày làm bù"),
    "deadlines.override.update": _("Sửa ngày nghỉ, ngày làm bù"),
    "deadlines.override.delete": _("Xóa ngày nghỉ, ngày làm bù"),
    "deadlines.override.import": _("Nhập ngày nghỉ, ngày làm bù"),
    "deadlines.rule.correct": _("Sửa quy định thời hạn"),
    "deadlines.rules.seed": _("Nạp bảng quy định thời hạn"),
    "dossiers.receive": _("Tiếp nhận hồ sơ"),
    "dossiers.hand_on": _("Chuyển xử lý hồ sơ (mẫu 05)"),
    "dossiers.supplement": _("Yêu cầu bổ sung hồ sơ (mẫu 02)"),
    "dossiers.supplement_received": _("Nhận hồ sơ bổ sung"),
    "dossiers.result_ready": _("Ghi nhận hồ sơ có kết quả"),
    "dossiers.return": _("Trả kết quả hồ sơ"),
    "dossiers.apology": _("Xin lỗi, hẹn lại ngày trả (mẫu 04)"),
    "dossiers.withdraw": _("Ghi nhận người nộp rút hồ sơ"),
    "dossiers.rate": _("Ghi nhận đánh giá của người dân"),
    "dossiers.refuse": _("Từ chối tiếp nhận hồ sơ"),
    "dossiers.desk.settings": _("Thiết lập bộ phận một cửa"),
    "dossiers.desk.procedures": _("Chọn thủ tục xã áp dụng"),
    "dossiers.procedure.import": _("Nhập danh mục thủ tục"),
    "dossiers.import_provincial": _("Nhập hồ sơ từ hệ thống của tỉnh"),
    "dossiers.provincial_import": _("Nhập hồ sơ từ hệ thống của tỉnh"),
    "dossiers.provincial_update": _("Cập nhật hồ sơ từ hệ thống của tỉnh"),
    "letters.receive": _("Vào sổ đơn"),
    "letters.classify": _("Phân loại đơn"),
    "letters.correct_kind": _("Sửa loại đơn"),
    "letters.decide.accepted": _("Thụ lý đơn"),
    "letters.decide.guided": _("Hướng dẫn người gửi đơn"),
    "letters.decide.forwarded": _("Chuyển đơn"),
    "letters.decide.not_eligible": _("Không xử lý đơn (không đủ điều kiện)"),
    "letters.decide.split": _("Tách đơn theo từng nội dung"),
    "letters.decide.information": _("Lưu tố cáo nặc danh làm thông tin"),
    "letters.answer": _("Trả lời người gửi đơn"),
    "letters.complaint_decided": _("Ban hành quyết định giải quyết khiếu nại"),
    "letters.denunciation_extended": _("Gia hạn giải quyết tố cáo"),
    "letters.denunciation_concluded": _("Kết luận nội dung tố cáo"),
    "letters.denunciation_published": _("Công khai kết luận tố cáo"),
    "letters.identity_read": _("Xem danh tính người tố cáo"),
    "letters.identity_refused": _("Bị từ chối xem danh tính người tố cáo"),
    "letters.identity_used_for_masking": _("Dùng danh tính người tố cáo để che trong ghi chú"),
    "letters.identity_used_for_split": _("Dùng danh tính người tố cáo khi tách đơn"),
    "letters.attachment_read": _("Mở tệp đính kèm của đơn"),
    "letters.reception_entry": pgettext_lazy("case event", "Vào sổ tiếp công dân"),
    "letters.session_scheduled": _("Lên lịch tiếp công dân"),
    "letters.session_marked": _("Ghi nhận buổi tiếp công dân"),
    "letters.redact_history": _("Che danh tính trong lịch sử đơn"),
    "territory.unit.update": _("Sửa thông tin xã, phường"),
    "territory.village.create": _("Thêm thôn, tổ dân phố"),
    "territory.village.update": _("Sửa thôn, tổ dân phố"),
    "territory.village.delete": _("Xóa thôn, tổ dân phố"),
    "territory.village.import": _("Nhập danh sách thôn, tổ dân phố"),
}

AREAS: dict[str, Any] = {
    "accounts": _("Tài khoản"),
    "cases": _("Việc"),
    "core": _("Hệ thống"),
    "deadlines": _("Thời hạn"),
    "democracy": _("Dân chủ ở cơ sở"),
    "dossiers": _("Hồ sơ một cửa"),
    "engagement": _("Đối thoại, tiếp xúc cử tri"),
    "evaluation": _("Đánh giá"),
    "letters": _("Đơn thư"),
    "outreach": _("Tuyên truyền, dân vận khéo"),
    "surveys": _("Khảo sát"),
    "territory": _("Địa bàn"),
}

VERBS: dict[str, Any] = {
    "create": _("tạo mới"),
    "add": _("thêm"),
    "update": _("sửa"),
    "delete": _("xóa"),
    "remove": _("bỏ"),
    "import": _("nhập từ tệp"),
    "receive": _("tiếp nhận"),
    "record": _("ghi nhận"),
    "answer": _("trả lời"),
    "publish": _("công khai"),
    "schedule": _("lên lịch"),
    "cast": _("bỏ phiếu"),
    "confirm": _("xác nhận"),
    "recognise": _("công nhận"),
    "register": _("đăng ký"),
    "complete": _("hoàn thành"),
    "save": _("lưu"),
    "set": _("thiết lập"),
    "respond": _("phản hồi"),
    "report": _("báo cáo"),
    "end": _("kết thúc"),
    "hold": _("tổ chức"),
}


def action_label(action: str) -> str:
    """``action`` in words in the active language; never the code itself."""
    label = _extra.get(action) or ACTIONS.get(action)
    if label is not None:
        return str(label)
    area, _dot, rest = (action or "").partition(".")
    area_label = AREAS.get(area, _("Hệ thống"))
    last = rest.replace(".", "_").rsplit("_", 1)[-1] if rest else ""
    verb = VERBS.get(last, _("thao tác khác"))
    return f"{area_label}: {verb}"


def action_choices(actions: list[str]) -> list[tuple[str, str]]:
    """(code, label) for a filter's options, by label."""
    return sorted(((a, action_label(a)) for a in actions), key=lambda pair: pair[1])
