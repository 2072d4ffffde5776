"""``{% rule_in_force "rule.id" as rule %}``: the version of a deadline rule in force today,
so a page's hint says the rule's value and citation (``{{ rule.amount }}``,
``{{ rule.citation }}``) instead of a figure written into the template, which would go stale
when an administrator corrects the rule or a new version takes effect."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from danvan.deadlines.ruleset import rule_for

register = template.Library()


@register.simple_tag
def rule_in_force(rule_id: str) -> Any:
    return rule_for(rule_id, timezone.localdate())
