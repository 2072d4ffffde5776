"""Terms of office and the starting training programme, as data the province then edits in
the admin (a later release never overwrites: rows are created only when missing).

Terms: the 2021–2026 commune term began with the elections of 23/5/2021; the 2026–2031 term
with those of 15/3/2026 (the day before belongs to the old term)."""

from datetime import date

from django.db import migrations

TERMS = [
    ("2021-2026", "Nhiệm kỳ 2021–2026", date(2021, 5, 23), date(2026, 3, 14)),
    ("2026-2031", "Nhiệm kỳ 2026–2031", date(2026, 3, 15), date(2031, 3, 14)),
]
COURSES = [
    ("DV-01", "Kỹ năng dân vận cho cán bộ, công chức cấp xã", "mobilisation", 16),
    ("TCD-01", "Nghiệp vụ tiếp công dân, xử lý đơn thư", "reception", 16),
    ("DT-01", "Kỹ năng đối thoại với Nhân dân", "dialogue", 8),
    ("DC-01", "Luật Thực hiện dân chủ ở cơ sở 2022", "democracy", 8),
    ("MC-01", "Nghiệp vụ một cửa, một cửa liên thông", "one_stop", 16),
]
REQUIRED = [
    ("leader", "DV-01"),
    ("leader", "TCD-01"),
    ("leader", "DT-01"),
    ("leader", "DC-01"),
    ("one_stop", "MC-01"),
    ("one_stop", "DV-01"),
    ("specialist", "DV-01"),
]


def seed(apps, schema_editor):
    term = apps.get_model("outreach", "Term")
    course = apps.get_model("outreach", "Course")
    required = apps.get_model("outreach", "RequiredCourse")
    for code, name, starts, ends in TERMS:
        term.objects.get_or_create(code=code, defaults={"name": name, "starts": starts, "ends": ends})
    for code, name, topic, hours in COURSES:
        course.objects.get_or_create(code=code, defaults={"name": name, "topic": topic, "hours": hours})
    for role, code in REQUIRED:
        required.objects.get_or_create(role=role, course=course.objects.get(code=code))


class Migration(migrations.Migration):
    dependencies = [("outreach", "0002_training")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
