from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0003_queue_indexes"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                condition=models.Q(closed_at__isnull=False),
                fields=["-closed_at", "-id"],
                name="case_closed_recent_all",
            ),
        ),
    ]
