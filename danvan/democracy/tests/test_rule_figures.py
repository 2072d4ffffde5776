"""Review finding: the figures of the law in messages, hints and indicator names ("20 ngày",
"15 ngày", "30 ngày", "2 ngày") were written into the text. They are the deadline rules'
values, which an administrator may correct: the text renders them from the rule data."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from danvan.core.registry import registries
from danvan.deadlines.models import DeadlineRule
from danvan.deadlines.services import rule_correct
from danvan.democracy.services.consultations import consultation_create
from danvan.democracy.services.errors import DemocracyError

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rules():
    # A correction is rolled back with the test, but this process's rule cache would keep
    # it: forget the rules before and after.
    from danvan.deadlines.loaders import invalidate_all

    invalidate_all()
    yield
    invalidate_all()


def _correct(key: str, amount: int, officer) -> None:
    for rule in DeadlineRule.objects.filter(key=key, effective_to__isnull=True):
        rule_correct(
            actor=officer, rule=rule, changes={"amount": amount}, reference="Văn bản thử nghiệm"
        )


def test_consultation_message_says_the_rules_value(unit_a, officer_a):
    now = timezone.now()

    def too_short():
        with pytest.raises(DemocracyError) as refused:
            consultation_create(
                actor=officer_a,
                unit=unit_a,
                village=None,
                category="land_use",
                title="Kế hoạch sử dụng đất",
                summary="Lấy ý kiến Nhân dân về kế hoạch.",
                opens=now,
                closes=now + timedelta(days=3),
            )
        return str(refused.value.message)

    first = too_short()
    assert "ít nhất 20 ngày" in first and "Luật Thực hiện dân chủ ở cơ sở" in first
    _correct("democracy.consultation.min", 25, officer_a)
    assert "ít nhất 25 ngày" in too_short()


def test_hints_follow_the_rules(client_a, unit_a, officer_a):
    url = f"/dan-chu/xa/{unit_a.code}/lay-y-kien/tao/"
    assert "ít nhất 20 ngày" in client_a.get(url).content.decode()
    _correct("democracy.consultation.min", 21, officer_a)
    _correct("democracy.disclosure.post", 31, officer_a)
    assert "ít nhất 21 ngày" in client_a.get(url).content.decode()
    page = client_a.get(f"/dan-chu/xa/{unit_a.code}/cong-khai/tao/").content.decode()
    assert "niêm yết ít nhất 31 ngày liên tục" in page


def test_indicator_names_carry_no_figure_of_a_rule():
    for key in ("democracy.consultations_complete", "democracy.recommendations_answered"):
        indicator = registries.indicators.get(key)
        assert not any(ch.isdigit() for ch in indicator.name_vi), indicator.name_vi
        assert "." in indicator.source  # the rule id it follows
