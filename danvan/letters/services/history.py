"""Hiding a protected sender in what was written about their letter before the protection.

When a letter turns out to be a denunciation, its sender may already be named in the notes
officers typed on its case (an assignment naming the caller, a pause's reason) and in its
attachments' names (a scan is often named after its owner). The rule is that a denouncer's
identity never sits in a database column in clear (Law on Denunciation Art. 9, 47): the
notes are masked like the letter itself, through the case core, and the files get neutral
names. ``letter_redact_history`` does the same afterwards for a letter already protected
(letters corrected before this existed, a note typed later on the case page), from the
encrypted identity; the ``redact_protected_senders`` command runs it over every one.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from danvan.cases.services import case_redact_events
from danvan.core.services import audit_record
from danvan.letters.models import Letter, LetterAttachment
from danvan.letters.services.identity import Identity, identity_for_masking, mask
from danvan.letters.services.intake import neutral_name


def hide_sender(*, letter: Letter, actor: Any, identity: Identity) -> tuple[int, int]:
    """Mask ``identity`` in the notes of the letter's case and give its attachments neutral
    names, inside the caller's transaction. Returns (events, attachments) changed."""
    events = case_redact_events(
        case=letter.case, actor=actor, redact=lambda text: mask(text, identity)
    )
    renamed = []
    for index, item in enumerate(letter.attachments.order_by("pk"), start=1):
        name = neutral_name(index, item.name)
        if name != item.name:
            item.name = name
            renamed.append(item)
    if renamed:
        LetterAttachment.objects.bulk_update(renamed, ["name"])
    return events, len(renamed)


@transaction.atomic
def letter_redact_history(*, letter: Letter, actor: Any) -> tuple[int, int]:
    """``hide_sender`` for a letter whose sender is protected already, with the identity
    read from its encrypted copy (a logged use, never shown). Nothing for another letter.
    Safe to run again: what is masked stays masked."""
    if not letter.identity_protected:
        return 0, 0
    identity = identity_for_masking(actor=actor, letter=letter)
    events, files = hide_sender(letter=letter, actor=actor, identity=identity)
    audit_record(
        actor=actor,
        action="letters.redact_history",
        obj=letter,
        unit_code=letter.unit.code,
        object_repr=letter.code,
        detail={"events": events, "attachments": files},
    )
    return events, files
