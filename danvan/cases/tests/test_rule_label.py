"""A case page cites the deadline rule's version its clock ran on, not the newest."""

from __future__ import annotations

from types import SimpleNamespace

from django.utils import timezone

from danvan.cases.templatetags.cases_tags import rule_label


def test_a_case_received_in_2018_cites_the_law_then_in_force():
    received = timezone.make_aware(timezone.datetime(2018, 6, 1, 9))
    old = SimpleNamespace(rule_id="denunciation.resolve", received_at=received)
    assert "Luật Tố cáo 2011" in rule_label(old)
    assert "Luật Tố cáo 2018" in rule_label("denunciation.resolve")
