"""The letters' kinds of case: keys unchanged (they are data), rules and confidentiality in
their manifests."""

from __future__ import annotations

from danvan.cases.kinds import always_confidential, kind_manifest
from danvan.letters.kinds import LETTER_KINDS, LetterCaseKind


def test_keys_are_unchanged_and_registered():
    keys = {str(k) for k in LetterCaseKind}
    assert keys == {
        "complaint",
        "denunciation",
        "petition",
        "reflection",
        "mixed_letter",
        "reception",
    }
    for key in keys:
        assert kind_manifest(key) is not None and kind_manifest(key).app == "letters"
    assert set(LETTER_KINDS) == keys - {"reception"}


def test_a_denunciation_is_always_confidential_and_nothing_else_is():
    assert [str(k) for k in LetterCaseKind if always_confidential(k)] == ["denunciation"]


def test_each_kind_starts_on_a_rule_letters_ship():
    from danvan.letters.rule_data import RULES

    shipped = {row["id"] for row in RULES}
    for key in LetterCaseKind:
        rules = kind_manifest(key).rules
        assert rules and set(rules) <= shipped, key
