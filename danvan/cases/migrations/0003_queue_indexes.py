from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0002_search_name_alert_stage"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                condition=models.Q(status__in=["received", "in_progress", "waiting_citizen"]),
                fields=["unit", "due_date", "id"],
                name="case_open_by_due",
            ),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                condition=models.Q(closed_at__isnull=False),
                fields=["unit", "-closed_at", "-id"],
                name="case_closed_recent",
            ),
        ),
    ]
