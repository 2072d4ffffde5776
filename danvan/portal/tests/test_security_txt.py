"""/.well-known/security.txt (RFC 9116) from DANVAN_SECURITY_CONTACTS."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

URL = "/.well-known/security.txt"


def test_absent_without_a_configured_contact(client, settings):
    settings.DANVAN_SECURITY_CONTACTS = []
    assert client.get(URL).status_code == 404


def test_lists_the_contacts_with_a_near_expiry(client, settings):
    settings.DANVAN_SECURITY_CONTACTS = [
        "mailto:antoan@thainguyen.gov.vn",
        "https://thainguyen.gov.vn/bao-loi",
    ]
    settings.SITE_ROOT = "https://danvan.thainguyen.gov.vn"
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    fields = [line.split(": ", 1) for line in response.content.decode().splitlines()]
    assert ["Contact", "mailto:antoan@thainguyen.gov.vn"] in fields
    assert ["Contact", "https://thainguyen.gov.vn/bao-loi"] in fields
    assert ["Canonical", "https://danvan.thainguyen.gov.vn/.well-known/security.txt"] in fields
    expires = datetime.strptime(dict(fields)["Expires"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    now = datetime.now(UTC)
    assert now + timedelta(days=30) < expires < now + timedelta(days=365)  # RFC 9116 §2.5.5


@pytest.mark.django_db
def test_served_to_a_signed_in_officer_without_second_factor(client_a, settings):
    settings.DANVAN_REQUIRE_2FA = True
    settings.DANVAN_SECURITY_CONTACTS = ["mailto:antoan@thainguyen.gov.vn"]
    assert client_a.get(URL).status_code == 200
