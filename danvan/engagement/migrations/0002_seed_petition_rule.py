"""Put ``engagement.voter_petition.answer`` in the rule table of databases migrated before
the rule was added to danvan/deadlines/data/rules.py (``deadlines.0002`` seeds only what the
file held when it ran). Re-runnable: a row already there, maybe corrected by an
administrator, is left alone."""

from django.db import migrations

RULE_ID = "engagement.voter_petition.answer"


def seed(apps, schema_editor):  # type: ignore[no-untyped-def]
    from danvan.deadlines.data.rules import RULES

    rule_model = apps.get_model("deadlines", "DeadlineRule")
    fields = {f.name for f in rule_model._meta.get_fields()} - {"id"}
    have = set(rule_model.objects.filter(key=RULE_ID).values_list("key", "version"))
    rows = [
        rule_model(key=row["id"], **{k: v for k, v in row.items() if k in fields})
        for row in RULES
        if row["id"] == RULE_ID and (row["id"], row["version"]) not in have
    ]
    rule_model.objects.bulk_create(rows)


class Migration(migrations.Migration):
    dependencies = [("engagement", "0001_initial"), ("deadlines", "0002_seed_rules")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
