"""Remember that a letter's sender is protected, so a later correction of its kind cannot
lift the protection. Existing denunciations and mixed letters are marked, in batches of
primary keys (re-runnable: it only ever sets the flag)."""

from django.db import migrations, models

PROTECTED_KINDS = ("denunciation", "mixed")
BATCH = 10_000


def mark_protected(apps, schema_editor):
    Letter = apps.get_model("letters", "Letter")
    ids = Letter.objects.filter(kind__in=PROTECTED_KINDS, sender_protected=False)
    last = ids.order_by("-pk").values_list("pk", flat=True).first() or 0
    for start in range(0, last + 1, BATCH):
        ids.filter(pk__gte=start, pk__lt=start + BATCH).update(sender_protected=True)


class Migration(migrations.Migration):
    dependencies = [
        ("letters", "0002_protectedidentity_email"),
    ]

    operations = [
        migrations.AddField(
            model_name="letter",
            name="sender_protected",
            field=models.BooleanField(
                default=False, editable=False, verbose_name="Bảo mật danh tính người gửi"
            ),
        ),
        # Backwards the column is dropped with the field: nothing to undo.
        migrations.RunPython(mark_protected, migrations.RunPython.noop),
    ]
