"""Re-encrypt every denouncer's identity with the newest key (the first of
DANVAN_ENCRYPTION_KEYS), in batches, while the service keeps running."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from danvan.letters.services.identity import identities_rotate


class Command(BaseCommand):
    help = "Mã hóa lại thông tin người tố cáo bằng khóa mới nhất / re-encrypt identities."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        done = identities_rotate(batch_size=max(1, options["batch_size"]))
        self.stdout.write(self.style.SUCCESS(f"{done} identities re-encrypted."))
