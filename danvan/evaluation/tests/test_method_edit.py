"""The province's page to change the index method: province roles only, appraisers save,
clear messages in Vietnamese and English, a history with who, when and why, and the change
taken by the next computation."""

from __future__ import annotations

import pytest

from danvan.accounts.roles import Role
from danvan.evaluation.models import IndexMethod, IndexScore
from danvan.evaluation.services import index_compute, refresh
from danvan.testing.factories import make_officer
from danvan.testing.language import english

from .conftest import OCT

pytestmark = pytest.mark.django_db
URL = "/danh-gia/phuong-phap/sua/"


@pytest.fixture
def appraiser(province):
    return make_officer("thamdinh", roles=[Role.APPRAISER], province=province)


def _good(**over: str) -> dict[str, str]:
    data = {
        "valid_from": "2026-10", "normalisation": "goalposts", "mc_draws": "100",
        "weight_spread": "0,5", "min_cases": "10",
        "note": "Hội đồng thẩm định đề nghị tăng trọng số hài lòng",
    }  # fmt: skip
    for key, worst, best, target in (
        ("t.on_time", "0", "100", "95"), ("t.satisfied", "0", "100", "90"),
        ("t.processed", "0", "100", "100"), ("t.repeat", "100", "0", ""), ("t.days", "", "", ""),
    ):  # fmt: skip
        data.update({f"{key}__weight": "1", f"{key}__worst": worst, f"{key}__best": best,
                     f"{key}__target": target})  # fmt: skip
        if key != "t.days":
            data[f"{key}__included"] = "on"
    data.update(over)
    return data


def test_only_province_roles_see_it_and_only_appraisers_save(
    client, test_indicators, client_a, client_viewer
):
    assert client_a.get(URL).status_code == 404  # a commune officer
    page = client_viewer.get(URL)
    assert page.status_code == 200 and "Lịch sử thay đổi" in page.content.decode()
    assert client_viewer.post(URL, _good()).status_code == 403
    assert not IndexMethod.objects.filter(province__isnull=False).exists()


def test_bad_input_is_explained_and_kept(client, test_indicators, appraiser):
    client.force_login(appraiser)
    bad = _good(
        valid_from="10/2026", note="ngắn", **{"t.on_time__weight": "-1",
        "t.satisfied__best": "0", "t.processed__worst": "nhiều", "t.days__included": "on"},
    )  # fmt: skip
    body = client.post(URL, bad).content.decode()
    assert "Tháng phải có dạng YYYY-MM" in body
    assert "ít nhất 10 ký tự" in body
    assert "Mốc 10 điểm phải khác mốc 0 điểm" in body
    assert "phải có mốc 0 điểm và mốc 10 điểm" in body  # t.days has no goalposts
    assert 'value="nhiều"' in body  # what was typed stays
    assert not IndexMethod.objects.filter(province__isnull=False).exists()
    body = english(client).post(URL, bad).content.decode()
    assert "The month must be written YYYY-MM" in body
    assert "The 10-point anchor must differ from the 0-point anchor" in body


def test_a_new_version_is_kept_with_its_history_and_used_next(
    client, test_indicators, active, appraiser
):
    unit_a = active[0]
    refresh(periods=[OCT])
    assert IndexScore.objects.get(unit=unit_a, period=OCT).total == 40.5
    client.force_login(appraiser)
    r = client.post(URL, _good(**{"t.satisfied__weight": "3", "normalisation": "target"}))
    assert r.status_code == 302
    method = IndexMethod.objects.get(province=unit_a.province)
    assert method.created_by == appraiser and method.note.startswith("Hội đồng")
    assert method.settings["t.satisfied"]["weight"] == 3
    assert method.settings["t.days"]["included"] is False
    index_compute(province_code=unit_a.province.code, period=OCT)
    a = IndexScore.objects.get(unit=unit_a, period=OCT)
    assert a.method == method  # the province's version, taken by the next computation
    assert a.total == pytest.approx(3 * (9.60526 + 5.0), abs=1e-3)  # as test_values computes
    history = client.get(URL).content.decode()
    assert "Hội đồng thẩm định đề nghị" in history and appraiser.username in history
    public = client.get(f"/danh-gia/phuong-phap/?tinh={unit_a.province.code}").content.decode()
    assert "Theo khoảng cách tới mục tiêu" in public
