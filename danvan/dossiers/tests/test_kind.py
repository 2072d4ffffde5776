"""The dossier as a kind of case: what its manifest tells the case core."""

from __future__ import annotations

from types import SimpleNamespace

from danvan.cases.kinds import always_confidential, hidden_actions, kind_label, kind_manifest
from danvan.dossiers.kinds import DOSSIER_KIND


def test_the_dossier_manifest_carries_the_one_stop_rules():
    manifest = kind_manifest(DOSSIER_KIND)
    assert manifest is not None and manifest.app == "dossiers"
    assert kind_label(DOSSIER_KIND) == "Hồ sơ thủ tục hành chính"
    assert not always_confidential(DOSSIER_KIND)
    case = SimpleNamespace(kind=DOSSIER_KIND)
    assert hidden_actions(case) == {"pause", "resume", "extend", "close"}
    assert len(manifest.panels) == 1 and len(manifest.tracking_links) == 1


def test_decision_766_more_than_one_supplement_request_is_late():
    policy = kind_manifest(DOSSIER_KIND).on_time
    case = SimpleNamespace(kind=DOSSIER_KIND)
    assert policy(case, SimpleNamespace(supplement_requests=1), True) is True
    assert policy(case, SimpleNamespace(supplement_requests=2), True) is False
    assert policy(case, SimpleNamespace(supplement_requests=0), False) is False
