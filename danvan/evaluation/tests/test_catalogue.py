import pytest
from django.urls import reverse

from danvan.core.registry import Indicator, registries
from danvan.testing.language import english


@pytest.fixture
def demo_indicator():
    key = "test.demo_indicator"
    indicator = Indicator(
        key=key,
        area=3,
        name_vi="Tỷ lệ thử nghiệm",
        name_en="Test rate",
        direction="higher",
        target=90.0,
        source="Quyết định 766/QĐ-TTg",
        compute=lambda *a: {},
    )
    registries.indicators.register(key, indicator)
    yield indicator
    registries.indicators._items.pop(key)


@pytest.mark.django_db
def test_catalogue_lists_registered_indicators_in_both_languages(client, demo_indicator):
    body = client.get(reverse("evaluation:catalogue")).content.decode()
    assert "Tỷ lệ thử nghiệm" in body
    assert "Quyết định 766/QĐ-TTg" in body
    assert "Cải cách hành chính, một cửa" in body
    body_en = english(client).get(reverse("evaluation:catalogue")).content.decode()
    assert "Test rate" in body_en
    assert "Tỷ lệ thử nghiệm" not in body_en
