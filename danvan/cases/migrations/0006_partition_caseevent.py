"""Yearly partitions of ``cases_caseevent`` on ``at`` (PostgreSQL only; SQLite stays as it is).

See danvan/core/partitions.py and docs/deployment.md ("Yearly partitions")."""

from django.db import migrations

from danvan.core.partitions import partition_table, unpartition_table


def forward(apps, schema_editor):  # type: ignore[no-untyped-def]
    partition_table(schema_editor, "cases_caseevent", "at")


def backward(apps, schema_editor):  # type: ignore[no-untyped-def]
    unpartition_table(schema_editor, "cases_caseevent", "at")


class Migration(migrations.Migration):
    dependencies = [("cases", "0005_kind_from_manifests")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
