"""Create the shipped deadline rules that are missing; never overwrites corrections."""

from typing import Any

from django.core.management.base import BaseCommand

from danvan.deadlines.services import rules_seed


class Command(BaseCommand):
    help = (
        "Create missing deadline rules: danvan/deadlines/data/rules.py and the rules apps ship "
        "through deadline_rule_sources (re-runnable, never overwrites a correction)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Created {rules_seed()} deadline rules.")
