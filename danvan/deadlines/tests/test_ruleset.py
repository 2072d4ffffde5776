"""How a rule is named and cited for people (``ruleset.rule_label``)."""

from __future__ import annotations

from datetime import date

from danvan.deadlines.ruleset import rule_label


def test_a_rule_is_cited_in_the_version_in_force_that_day():
    """A denunciation received in 2018 ran on the 2011 Law on Denunciation."""
    assert "Luật Tố cáo 2011" in rule_label("denunciation.resolve", "vi", on=date(2018, 6, 1))
    assert "Luật Tố cáo 2018" in rule_label("denunciation.resolve", "vi")
