"""The messages a dossier sends to its applicant (Vietnamese: they go to citizens' phones)."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from danvan.core.notifications import notification_enqueue

TEMPLATES = {
    "dossier.received": (
        "{unit}: da tiep nhan ho so {code}. Hen tra ket qua ngay {due}. "
        "Tra cuu: {url} (ma bi mat {secret})."
    ),
    "dossier.supplement": (
        "{unit}: ho so {code} can bo sung giay to: {missing}. "
        "Vui long bo sung de tiep tuc giai quyet."
    ),
    "dossier.result_ready": "{unit}: ho so {code} da co ket qua. Moi ong/ba den nhan ket qua.",
    "dossier.apology": (
        "{unit} xin loi ong/ba: ho so {code} cham tra ket qua. Ngay hen moi: {due}. "
        "Ly do: {reason}."
    ),
}
SUBJECTS = {
    "dossier.received": "Giấy tiếp nhận hồ sơ {code}",
    "dossier.supplement": "Hồ sơ {code} cần bổ sung",
    "dossier.result_ready": "Hồ sơ {code} đã có kết quả",
    "dossier.apology": "Thư xin lỗi và hẹn lại ngày trả kết quả hồ sơ {code}",
}


def _ascii(text: str) -> str:
    """SMS in plain ASCII: Vietnamese letters cost three times as many SMS segments."""
    from danvan.territory.tabular import normalize_header

    return " ".join(
        normalize_header(word).replace("_", " ") if not word.startswith("http") else word
        for word in str(text).split(" ")
    )


def notify_applicant(dossier: Any, template: str, *, seq: int = 0, **values: Any) -> None:
    """Queue the SMS and the email of ``template`` (inside the caller's transaction)."""
    case = dossier.case
    context = {
        "unit": case.unit.name,
        "code": case.code,
        "secret": case.secret,
        "due": case.due_date.strftime("%d/%m/%Y") if case.due_date else "",
        "url": f"{settings.SITE_ROOT}/tra-cuu/{case.code}/?secret={case.secret}",
        **values,
    }
    key = f"dossier:{case.code}:{template}:{seq}"
    if case.applicant_phone:
        sms_context = {
            k: _ascii(v) if k in ("unit", "reason", "missing") else v for k, v in context.items()
        }
        sms_context["unit"] = sms_context["unit"].title()
        notification_enqueue(
            channel="sms",
            recipient=case.applicant_phone,
            template=template,
            body=TEMPLATES[template].format(**sms_context),
            idempotency_key=f"{key}:sms",
            unit_code=case.unit.code,
            object_ref=case.code,
            data=_zns_values(context),
        )
    if case.applicant_email:
        body = EMAIL_BODIES[template].format(**context)
        notification_enqueue(
            channel="email",
            recipient=case.applicant_email,
            template=template,
            subject=SUBJECTS[template].format(**context),
            body=body,
            idempotency_key=f"{key}:email",
            unit_code=case.unit.code,
            object_ref=case.code,
        )


def _zns_values(context: dict[str, Any]) -> dict[str, str]:
    """The named values a Zalo template of ours may use (the link is the template's button)."""
    return {k: str(v) for k, v in context.items() if k != "url" and v not in (None, "")}


EMAIL_BODIES = {
    "dossier.received": (
        "{unit} đã tiếp nhận hồ sơ {code} của ông/bà.\n"
        "Ngày hẹn trả kết quả: {due}.\nTra cứu tình trạng: {url}\nMã bí mật: {secret}\n"
    ),
    "dossier.supplement": (
        "Hồ sơ {code} của ông/bà cần bổ sung: {missing}.\n"
        "Thời hạn giải quyết được tính lại từ đầu khi hồ sơ đầy đủ.\nTra cứu: {url}\n"
    ),
    "dossier.result_ready": "Hồ sơ {code} đã có kết quả. Mời ông/bà đến nhận.\nTra cứu: {url}\n",
    "dossier.apology": (
        "{unit} chân thành xin lỗi ông/bà vì hồ sơ {code} chậm trả kết quả.\n"
        "Lý do: {reason}.\nNgày hẹn trả kết quả mới: {due}.\nTra cứu: {url}\n"
    ),
}
