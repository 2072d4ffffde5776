"""Conclusion 215-KL/TW (23/11/2025): the commune Party secretary's reception becomes at least
2 days a month. The first version ends where the new one starts (unless an administrator
already set an end), and the new version is seeded like every shipped rule."""

from datetime import date

from django.db import migrations

KEY = "reception.party_head.monthly"
FROM = date(2025, 11, 23)


def forward(apps, schema_editor):  # type: ignore[no-untyped-def]
    rule_model = apps.get_model("deadlines", "DeadlineRule")
    rule_model.objects.filter(key=KEY, version=1, effective_to__isnull=True).update(
        effective_to=FROM
    )
    from danvan.deadlines.data.rules import RULES

    fields = {f.name for f in rule_model._meta.get_fields()} - {"id"}
    have = set(rule_model.objects.filter(key=KEY).values_list("key", "version"))
    rule_model.objects.bulk_create(
        [
            rule_model(key=row["id"], **{k: v for k, v in row.items() if k in fields})
            for row in RULES
            if row["id"] == KEY and (row["id"], row["version"]) not in have
        ]
    )


def backward(apps, schema_editor):  # type: ignore[no-untyped-def]
    rule_model = apps.get_model("deadlines", "DeadlineRule")
    rule_model.objects.filter(key=KEY, version=2, effective_from=FROM).delete()
    rule_model.objects.filter(key=KEY, version=1, effective_to=FROM).update(effective_to=None)


class Migration(migrations.Migration):
    dependencies = [("deadlines", "0002_seed_rules")]
    operations = [migrations.RunPython(forward, backward)]
