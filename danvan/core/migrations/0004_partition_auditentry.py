"""Yearly partitions of ``core_auditentry`` on ``at`` (PostgreSQL only; SQLite stays as it is).

See danvan/core/partitions.py and docs/deployment.md ("Yearly partitions")."""

from django.db import migrations

from danvan.core.partitions import partition_table, unpartition_table


def forward(apps, schema_editor):  # type: ignore[no-untyped-def]
    partition_table(schema_editor, "core_auditentry", "at")


def backward(apps, schema_editor):  # type: ignore[no-untyped-def]
    unpartition_table(schema_editor, "core_auditentry", "at")


class Migration(migrations.Migration):
    dependencies = [("core", "0003_notification_template_data")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
