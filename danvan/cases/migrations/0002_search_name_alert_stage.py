from django.db import migrations, models


def backfill_search_name(apps, schema_editor):
    from danvan.cases.text import fold

    Case = apps.get_model("cases", "Case")
    batch = []
    for case in Case.objects.exclude(applicant_name="").only("pk", "applicant_name").iterator(
        chunk_size=2000
    ):
        case.search_name = fold(case.applicant_name)[:150]
        batch.append(case)
        if len(batch) >= 2000:
            Case.objects.bulk_update(batch, ["search_name"])
            batch = []
    if batch:
        Case.objects.bulk_update(batch, ["search_name"])


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="search_name",
            field=models.CharField(blank=True, editable=False, max_length=150),
        ),
        migrations.AddField(
            model_name="case",
            name="alert_stage",
            field=models.PositiveSmallIntegerField(default=0, editable=False),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                condition=models.Q(status__in=["received", "in_progress", "waiting_citizen"]),
                fields=["due_date", "alert_stage"],
                name="case_clock_scan",
            ),
        ),
        migrations.RunPython(backfill_search_name, migrations.RunPython.noop),
    ]
