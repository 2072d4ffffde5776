"""Seed the rule table from danvan/deadlines/data/rules.py.

Re-runnable: only (key, version) pairs that are missing are created, so an administrator's
corrections are never overwritten; run ``manage.py seed_deadline_rules`` after the data file
gains rules.
"""

from django.db import migrations


def seed(apps, schema_editor):  # type: ignore[no-untyped-def]
    from danvan.deadlines.data.rules import RULES

    rule_model = apps.get_model("deadlines", "DeadlineRule")
    fields = {f.name for f in rule_model._meta.get_fields()} - {"id"}
    have = set(rule_model.objects.values_list("key", "version"))
    rows = [
        rule_model(key=row["id"], **{k: v for k, v in row.items() if k in fields})
        for row in RULES
        if (row["id"], row["version"]) not in have
    ]
    rule_model.objects.bulk_create(rows, batch_size=200)


def unseed(apps, schema_editor):  # type: ignore[no-untyped-def]
    from danvan.deadlines.data.rules import RULES

    rule_model = apps.get_model("deadlines", "DeadlineRule")
    for row in RULES:
        rule_model.objects.filter(key=row["id"], version=row["version"]).delete()


class Migration(migrations.Migration):
    dependencies = [("deadlines", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
