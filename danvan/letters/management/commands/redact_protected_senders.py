"""Hide every protected sender in the notes of their letter's case and in their attachments'
names (see ``danvan.letters.services.history``): for letters protected before the correction
of a kind did it itself, and for notes typed later on the case page. Needs the identity keys;
re-runnable."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from danvan.letters.models import Letter
from danvan.letters.services.history import letter_redact_history


class Command(BaseCommand):
    help = (
        "Ẩn danh tính người gửi được bảo mật trong ghi chú và tên tệp đính kèm / "
        "hide protected senders in case notes and attachment names."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--batch-size", type=int, default=200)

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        batch = max(1, options["batch_size"])
        letters = Letter.objects.filter(sender_protected=True).select_related("case", "unit")
        last, seen, events, files = 0, 0, 0, 0
        while True:
            rows = list(letters.filter(pk__gt=last).order_by("pk")[:batch])
            if not rows:
                break
            for letter in rows:
                # One transaction per letter: a failure leaves the others done.
                done_events, done_files = letter_redact_history(letter=letter, actor=None)
                events, files = events + done_events, files + done_files
            seen, last = seen + len(rows), rows[-1].pk
        self.stdout.write(
            self.style.SUCCESS(
                f"{seen} protected letters: {events} events redacted, {files} attachments renamed."
            )
        )
