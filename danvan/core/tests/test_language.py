"""The one test of the page's language the views share."""

from __future__ import annotations

from django.utils import translation

from danvan.core.language import is_english


def test_english_only_when_english_is_active():
    with translation.override("en"):
        assert is_english()
    with translation.override("vi"):
        assert not is_english()
    with translation.override(None):  # no language active: the Vietnamese default
        assert not is_english()
