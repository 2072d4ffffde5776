"""Create the shipped deadline rules that are missing; never overwrites corrections."""

from typing import Any

from django.core.management.base import BaseCommand

from danvan.deadlines.services import rules_seed


class Command(BaseCommand):
    help = "Create missing deadline rules from danvan/deadlines/data/rules.py (re-runnable)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Created {rules_seed()} deadline rules.")
