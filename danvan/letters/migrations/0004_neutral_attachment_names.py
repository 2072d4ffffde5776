"""A protected sender's attachments go by neutral names (``tep-dinh-kem-1.pdf``): the
original file name is often the sender's own, and a denouncer's identity never sits in clear
in a column (Law on Denunciation Art. 9, 47). New letters are stored so; this renames the
files of letters protected before, in batches of primary keys. Re-runnable: a neutral name is
computed again to itself. Backwards nothing is undone: the names are not to come back."""

import re
from pathlib import Path

from django.db import migrations

BATCH = 2_000


def _neutral(index, original):
    suffix = Path(original).suffix.lower()
    suffix = suffix if re.fullmatch(r"\.[a-z0-9]{1,8}", suffix) else ""
    return f"tep-dinh-kem-{index}{suffix}"


def rename(apps, schema_editor):
    Letter = apps.get_model("letters", "Letter")
    LetterAttachment = apps.get_model("letters", "LetterAttachment")
    protected = Letter.objects.filter(sender_protected=True, attachments__isnull=False)
    last = protected.order_by("-pk").values_list("pk", flat=True).first() or 0
    for start in range(0, last + 1, BATCH):
        files = list(
            LetterAttachment.objects.filter(
                letter__sender_protected=True, letter_id__gte=start, letter_id__lt=start + BATCH
            ).order_by("letter_id", "pk")
        )
        index, previous, changed = 0, None, []
        for item in files:
            index = index + 1 if item.letter_id == previous else 1
            previous = item.letter_id
            name = _neutral(index, item.name)
            if name != item.name:
                item.name = name
                changed.append(item)
        LetterAttachment.objects.bulk_update(changed, ["name"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("letters", "0003_letter_sender_protected"),
    ]

    operations = [
        migrations.RunPython(rename, migrations.RunPython.noop),
    ]
