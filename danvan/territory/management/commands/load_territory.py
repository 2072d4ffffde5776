"""Placeholder until the territory loader lands."""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        self.stdout.write("load_territory: not implemented yet")
