"""How a rule is named and cited for people (``ruleset.rule_label``)."""

from __future__ import annotations


def test_a_rule_is_cited_in_the_version_the_case_ran_on():
    """A denunciation received in 2018 ran on the 2011 Law on Denunciation: its page cites
    that law, not the version in force today."""
    from datetime import date
    from types import SimpleNamespace

    from django.utils import timezone

    from danvan.cases.templatetags.cases_tags import rule_label as case_rule_label
    from danvan.deadlines.ruleset import rule_label

    assert "Luật Tố cáo 2011" in rule_label("denunciation.resolve", "vi", on=date(2018, 6, 1))
    assert "Luật Tố cáo 2018" in rule_label("denunciation.resolve", "vi")
    received = timezone.make_aware(timezone.datetime(2018, 6, 1, 9))
    old = SimpleNamespace(rule_id="denunciation.resolve", received_at=received)
    assert "Luật Tố cáo 2011" in case_rule_label(old)
    assert "Luật Tố cáo 2018" in case_rule_label("denunciation.resolve")
