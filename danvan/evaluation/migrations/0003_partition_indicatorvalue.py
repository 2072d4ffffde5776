"""Yearly partitions of ``evaluation_indicatorvalue`` on ``period`` (PostgreSQL only; SQLite stays as it is).

See danvan/core/partitions.py and docs/deployment.md ("Yearly partitions")."""

from django.db import migrations

from danvan.core.partitions import partition_table, unpartition_table


def forward(apps, schema_editor):  # type: ignore[no-untyped-def]
    partition_table(schema_editor, "evaluation_indicatorvalue", "period")


def backward(apps, schema_editor):  # type: ignore[no-untyped-def]
    unpartition_table(schema_editor, "evaluation_indicatorvalue", "period")


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0002_scoring_reports_study")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
