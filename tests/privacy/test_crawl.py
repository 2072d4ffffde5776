"""Crawl every page, file and API answer that could show commune A's records, as each
person who must not see them, and search every body (HTML, JSON, XML, DOCX, XLSX, PDF) and
the captured log for the denouncer and for A's personal data."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from django.test import Client

from .conftest import (
    A_PRIVATE,
    APPLICANT_NAME,
    COMPLAINANT_NAME,
    DUMMY,
    PROTECTED,
    VILLAGE_NAME,
    World,
    login,
    text_of,
    token_for,
)

pytestmark = pytest.mark.django_db

PURPOSE = {"purpose": "Xác minh nội dung tố cáo"}


def object_urls(w: World) -> list[str]:
    """Pages and files of A's individual records (an outsider must get 403/404)."""
    d, den, comp = w.dossier.case.code, w.denunciation.code, w.complaint.code
    urls = [f"/ho-so-viec/{c}/" for c in (d, den, comp, w.petition.code, w.entry.case.code)]
    urls += [f"/don-thu/don/{c}/" for c in (den, comp, w.petition.code)]
    # a mixed letter split into parts: every part carries the denouncer's protection
    split = [w.mixed.code, *(p.code for p in w.parts)]
    urls += [f"/don-thu/don/{c}/" for c in split] + [f"/ho-so-viec/{c}/" for c in split]
    urls += [f"/ho-so-viec/{e.case.code}/" for e in w.entries]
    for key in ("huong-dan", "chuyen-don", "thu-ly", "nguoi-to-cao"):
        for fmt in ("docx", "pdf"):
            urls += [f"/don-thu/don/{den}/van-ban/{key}.{fmt}"]
            urls += [f"/don-thu/don/{comp}/van-ban/{key}.{fmt}"]
    urls += [f"/mot-cua/ho-so/{d}/"]
    urls += [f"/mot-cua/ho-so/{d}/mau-{f}.{x}" for f in ("01", "05") for x in ("docx", "pdf")]
    urls += [f"/dia-ban/thon/{w.village.pk}/sua/", f"/dia-ban/xa/{w.unit_a.code}/sua/"]
    urls += [f"/tai-khoan/can-bo/{w.unit_a.code}/"]
    urls += [f"/mot-cua/thiet-lap/{w.unit_a.code}/", f"/mot-cua/thiet-lap/{w.unit_a.code}/thu-tuc/"]
    urls += [f"/mot-cua/nhap-tu-tinh/{w.unit_a.code}/"]
    return urls


def list_urls(w: World) -> list[str]:
    """Lists, exports, searches and filters aimed at A (an outsider gets none of A's rows)."""
    a, a_pk = w.unit_a.code, w.unit_a.pk
    queries = [*PROTECTED, "Tố Giác", *A_PRIVATE, "Khiếu", "Tiếp Dân"]
    urls = ["/ho-so-viec/", f"/ho-so-viec/?unit={a_pk}", f"/ho-so-viec/?tab=all&unit={a_pk}"]
    urls += [f"/ho-so-viec/?q={q}" for q in queries]
    assignee = w.denunciation.case.assignee_id
    urls += [f"/ho-so-viec/?assignee={assignee}", f"/ho-so-viec/?tab=all&assignee={assignee}"]
    urls += [f"/ho-so-viec/?kind=denunciation&unit={a_pk}", "/ho-so-viec/?tab=mine"]
    urls += [f"/ho-so-viec/?q={q}&unit={a_pk}" for q in PROTECTED]
    urls += ["/don-thu/", f"/don-thu/?unit={a}", f"/don-thu/?unit={a_pk}"]
    urls += [f"/don-thu/?q={q}" for q in queries]
    urls += ["/don-thu/tiep-cong-dan/", f"/don-thu/tiep-cong-dan/?unit={a}"]
    urls += ["/don-thu/tiep-cong-dan/xuat.xlsx", "/don-thu/tiep-cong-dan/xuat.xlsx?year=2026"]
    urls += [f"/don-thu/tiep-cong-dan/xuat.xlsx?unit={a}", "/don-thu/lich-tiep-dan/"]
    urls += ["/mot-cua/", f"/mot-cua/?unit={a}"] + [f"/mot-cua/?q={q}" for q in queries]
    book = "/mot-cua/so-theo-doi/?start=01/10/2026&end=31/10/2026"
    urls += [book, f"{book}&unit={a}", f"{book}&unit={a}&format=xlsx"]
    urls += ["/tai-khoan/nhat-ky/", f"/tai-khoan/nhat-ky/?unit={a}", "/tai-khoan/can-bo/"]
    urls += ["/dia-ban/quan-ly/", "/can-bo/", "/tai-khoan/", "/tai-khoan/doi-mat-khau/"]
    urls += ["/mot-cua/thiet-lap/", "/mot-cua/nhap-tu-tinh/"]
    # the commune's outbox: recipients of A's messages, a protected sender's never
    urls += ["/ho-so-viec/tin-nhan/", f"/ho-so-viec/tin-nhan/?unit={a}"]
    urls += ["/ho-so-viec/tin-nhan/?status=queued", "/ho-so-viec/tin-nhan/?status=sent"]
    return urls


def public_urls(w: World) -> list[str]:
    a = w.unit_a.code
    urls = ["/", f"/don-thu/cong-khai/thong-ke/{a}/", f"/don-thu/cong-khai/lich-tiep-dan/{a}/"]
    urls += [
        f"/api/v1/units/{a}",
        f"/dia-ban/xa/{a}/",
        "/danh-gia/chi-so/",
        "/mot-cua/cong-khai/thu-tuc/",
        "/danh-gia/cong-khai/cham-diem/",
        f"/danh-gia/cong-khai/cham-diem/{w.unit_a.province.code}/2025/",
    ]
    urls += ["/open311/v2/requests.json", "/open311/v2/requests.xml"]
    urls += [f"/open311/v2/requests.json?jurisdiction_id={a}"]
    for case in (w.denunciation.case, w.complaint.case, w.dossier.case, w.entry.case):
        urls += [f"/open311/v2/requests/{case.code}.json", f"/open311/v2/requests/{case.code}.xml"]
        urls += [f"/tra-cuu/{case.code}/?secret={case.secret}", f"/api/v1/track/{case.code}"]
        urls += [f"/api/v1/track/{case.code}?secret={case.secret}"]
        urls += [f"/mot-cua/cong-khai/danh-gia/{case.code}/?secret={case.secret}"]
    return urls


def api_urls(w: World) -> list[str]:
    a = w.unit_a.code
    urls = [f"/api/v1/letters?unit={a}"]
    urls += [f"/api/v1/dossiers/{w.dossier.case.code}"]
    urls += [f"/api/v1/letters/{c}/identity" for c in (w.denunciation.code, w.complaint.code)]
    urls += [f"/api/v1/letters/{p.code}/identity?purpose=xem" for p in w.parts]
    return urls


def fetch_all(client: Client, urls: list[str], **extra: Any) -> dict[str, Any]:
    return {url: client.get(url, **extra) for url in urls}


def _query_of(url: str) -> str:
    return parse_qs(urlsplit(url).query).get("q", [""])[0]


def assert_absent(
    responses: dict[str, Any], secrets: tuple[str, ...], who: str, client: Client | None = None
) -> None:
    """No secret in any body. A search page echoes its own query: there the secret may
    appear exactly as often as a dummy query of the same shape appears in its answer."""
    for url, response in responses.items():
        assert response.status_code < 500, (who, url, response.status_code)
        if response.status_code in (301, 302):
            continue
        body = text_of(response)
        query = _query_of(url)
        for secret in secrets:
            allowed = 0
            if query and secret == query and client is not None:
                dummy = ("08008080808" if query.isdigit() else DUMMY)[: len(query)]
                baseline = client.get(url.replace(quote(query), dummy).replace(query, dummy))
                allowed = text_of(baseline).count(dummy)
            found = body.count(secret)
            assert found <= allowed, f"{who} sees {secret!r} at {url} ({response.status_code})"


def post_identity(client: Client, w: World) -> list[Any]:
    return [
        client.post(f"/don-thu/don/{w.denunciation.code}/nguoi-to-cao/", PURPOSE),
        client.post(f"/don-thu/tiep-cong-dan/{w.entry.pk}/nguoi-to-cao/", PURPOSE),
    ]


def test_officer_b_sees_nothing_of_a(world, officer_b, caplog):
    caplog.set_level(logging.DEBUG)
    client = login(officer_b)
    objects = fetch_all(client, object_urls(world))
    for url, response in objects.items():
        assert response.status_code in (403, 404), (url, response.status_code)
    secrets = PROTECTED + A_PRIVATE + (VILLAGE_NAME,)
    lists = fetch_all(client, list_urls(world))
    assert_absent(lists, secrets, "officer_b", client)
    # The lists do work for B: B's own letter is there, so the absence above means something.
    assert "Người Dân Xã B" in text_of(lists["/don-thu/"])
    codes = (world.denunciation.code, world.complaint.code, world.dossier.case.code)
    for url in ("/ho-so-viec/", "/don-thu/", f"/ho-so-viec/?unit={world.unit_a.pk}"):
        assert not any(code in text_of(lists[url]) for code in codes), url
    for response in post_identity(client, world):
        assert response.status_code in (403, 404)
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {token_for(officer_b)}"}
    api = fetch_all(client, api_urls(world), **bearer)
    for url, response in api.items():
        assert response.status_code in (403, 404), (url, response.status_code)
    assert_absent(api, secrets, "officer_b api")
    assert not [m for m in caplog.messages if any(s in m for s in PROTECTED)]


@pytest.mark.parametrize(
    "who", ["province_viewer", "clerk_a", "one_stop_a", "front_a", "village_head_a"]
)
def test_non_entitled_never_see_the_denouncer(world, who, request, caplog):
    caplog.set_level(logging.DEBUG)
    user = request.getfixturevalue(who)
    client = login(user)
    responses = fetch_all(client, object_urls(world) + list_urls(world) + public_urls(world))
    assert_absent(responses, PROTECTED, who, client)
    # The denunciation itself is invisible to them: a confidential case.
    # The denunciation itself is invisible to them, and so is every part split from a
    # letter that held one: confidential cases.
    for code in (world.denunciation.code, *(p.code for p in world.parts)):
        for url in (f"/ho-so-viec/{code}/", f"/don-thu/don/{code}/"):
            assert responses[url].status_code == 404, (who, url)
    for response in post_identity(client, world):
        assert response.status_code in (403, 404), who
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {token_for(user)}"}
    api = fetch_all(client, api_urls(world), **bearer)
    assert_absent(api, PROTECTED, f"{who} api")
    for code in (world.denunciation.code, *(p.code for p in world.parts)):
        identity = api[next(u for u in api if f"/letters/{code}/identity" in u)]
        assert identity.status_code in (403, 404), (code, identity.status_code)
    assert not [m for m in caplog.messages if any(s in m for s in PROTECTED)]


def test_anonymous_is_sent_to_login_and_sees_no_personal_data(world, citizen_client, caplog):
    caplog.set_level(logging.DEBUG)
    private = fetch_all(citizen_client, object_urls(world) + list_urls(world))
    for url, response in private.items():
        assert response.status_code in (302, 403, 404), (url, response.status_code)
        if response.status_code == 302:
            assert "/tai-khoan/dang-nhap/" in response["Location"], url
    for response in post_identity(citizen_client, world):
        assert response.status_code in (302, 403, 404)
    api = fetch_all(citizen_client, api_urls(world))
    for url, response in api.items():
        assert response.status_code == 401, (url, response.status_code)
    public = fetch_all(citizen_client, public_urls(world))
    assert_absent(public, PROTECTED + A_PRIVATE + ("Thôn Nà Pán",), "anonymous")
    # the tracking page with the right secret does work (so its silence is meaningful)
    tracked = public[f"/tra-cuu/{world.complaint.code}/?secret={world.complaint.case.secret}"]
    assert tracked.status_code == 200 and world.complaint.code in text_of(tracked)
    assert not [m for m in caplog.messages if any(s in m for s in PROTECTED)]


def test_leader_of_a_sees_a_but_not_the_denouncer_outside_the_audited_reading(
    world, officer_a, caplog
):
    """A's leader is entitled to the identity, but only through the explicit reading: the
    case page, the lists, the exports and the notices' listing never carry it."""
    caplog.set_level(logging.DEBUG)
    client = login(officer_a)
    urls = [u for u in object_urls(world) + list_urls(world) if "/van-ban/" not in u]
    responses = fetch_all(client, urls)
    assert responses[f"/don-thu/don/{world.denunciation.code}/"].status_code == 200
    assert any(
        COMPLAINANT_NAME in text_of(r)
        for u, r in responses.items()
        if u.startswith("/don-thu/don/")
    )
    # the file readers do read (so the absence of the denouncer in files means something)
    code = world.dossier.case.code
    for fmt in ("docx", "pdf"):
        assert APPLICANT_NAME in text_of(responses[f"/mot-cua/ho-so/{code}/mau-01.{fmt}"])
    register = text_of(responses["/don-thu/tiep-cong-dan/xuat.xlsx"])
    assert "Tố cáo trưởng thôn" in register
    book = responses[
        f"/mot-cua/so-theo-doi/?start=01/10/2026&end=31/10/2026&unit={world.unit_a.code}&format=xlsx"
    ]
    assert APPLICANT_NAME in text_of(book)
    assert_absent(responses, PROTECTED, "officer_a (browsing)", client)
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {token_for(officer_a)}"}
    listed = client.get(f"/api/v1/letters?unit={world.unit_a.code}", **bearer)
    # complaint, petition, denunciation, the mixed letter and its three parts
    assert listed.status_code == 200 and listed.json()["count"] == 7
    assert_absent({"api": listed}, PROTECTED, "officer_a api list")
    rows = {r["code"]: r for r in listed.json()["results"]}
    assert rows[world.complaint.code]["sender_name"] == COMPLAINANT_NAME
    for part in world.parts:
        assert rows[part.code]["sender_name"] is None and rows[part.code]["sender_protected"]
    assert not [m for m in caplog.messages if any(s in m for s in PROTECTED)]
