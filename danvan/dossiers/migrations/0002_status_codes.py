"""Seed the national status codes (TrangThaiHoSo, docs/domain.md §10) as data; re-runnable."""

from django.db import migrations

CODES = [
    (1, "Mới", "New", ""),
    (2, "Đang tiếp nhận", "Receiving", "incomplete"),
    (3, "Chưa giải quyết", "Unresolved", ""),
    (4, "Đang xử lý", "Processing", "processing"),
    (5, "Chờ công dân bổ sung", "Waiting for the citizen", "waiting_supplement"),
    (6, "Đang thanh toán", "Paying", ""),
    (7, "Đã hủy", "Cancelled", ""),
    (8, "Từ chối", "Denied", "refused"),
    (9, "Đang trả kết quả", "Releasing", "result_ready"),
    (10, "Đã hoàn thành", "Done", "returned"),
    (11, "Khác", "Other", ""),
]


def seed(apps, schema_editor):
    StatusCode = apps.get_model("dossiers", "StatusCode")
    for code, vi, en, stages in CODES:
        StatusCode.objects.update_or_create(
            code=code, defaults={"name_vi": vi, "name_en": en, "stages": stages}
        )


def unseed(apps, schema_editor):
    apps.get_model("dossiers", "StatusCode").objects.filter(code__in=[c[0] for c in CODES]).delete()


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
