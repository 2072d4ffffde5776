"""The public Open311 feed lists reflections to anyone: what a citizen wrote about
themselves in the first line (their name, phone, e-mail) must not be published with it."""

from __future__ import annotations

import pytest

from danvan.letters.services.intake import LetterInput, Sender, letter_receive

from .conftest import text_of

pytestmark = pytest.mark.django_db

NAME, PHONE, EMAIL = "Vi Thị Phản Ánh", "0944555666", "phananh@example.vn"


def test_open311_feed_does_not_publish_the_senders_identity(unit_a, officer_a, client):
    letter = letter_receive(
        data=LetterInput(
            unit=unit_a,
            kind="reflection",
            content=f"Tôi là {NAME}, SĐT 0944.555.666, email {EMAIL}: cống ở thôn Nà Pán bị tắc.",
            channel="portal",
            sender=Sender(name=NAME, phone=PHONE, email=EMAIL),
        ),
        actor=None,
    )
    urls = [
        "/open311/v2/requests.json",
        "/open311/v2/requests.xml",
        f"/open311/v2/requests.json?jurisdiction_id={unit_a.code}",
        f"/open311/v2/requests/{letter.code}.json",
        f"/open311/v2/requests/{letter.code}.xml",
    ]
    for url in urls:
        response = client.get(url)
        body = text_of(response)
        assert response.status_code == 200 and letter.code in body, url
        for secret in (NAME, PHONE, "0944.555.666", EMAIL):
            assert secret not in body, (url, secret)
        assert "cống ở thôn Nà Pán bị tắc" in body  # the matter itself stays public
    # officers still read the letter as written
    letter.refresh_from_db()
    assert NAME in letter.content


@pytest.mark.parametrize(
    "written", ["0912 345 678", "0912.345.678", "+84 912 345 678", "84912345678", "02083855123"]
)
def test_open311_feed_hides_other_peoples_phones_and_emails(unit_a, client, written):
    """Not only the sender's own: a neighbour's phone or e-mail written in the first line is
    not the sender's to publish (the scrub of any phone number and any address)."""
    letter = letter_receive(
        data=LetterInput(
            unit=unit_a,
            kind="reflection",
            content=f"Cống tắc, gọi anh Ba số {written} hoặc ba@example.vn để mở cửa cống.",
            channel="portal",
            sender=Sender(name=NAME, phone=PHONE),
        ),
        actor=None,
    )
    for url in (
        f"/open311/v2/requests/{letter.code}.json",
        f"/open311/v2/requests/{letter.code}.xml",
    ):
        body = text_of(client.get(url))
        assert "Cống tắc, gọi anh Ba số" in body, url
        assert written not in body and "ba@example.vn" not in body, (url, body)
        digits = "".join(c for c in written if c.isdigit())
        assert digits[-6:] not in "".join(c for c in body if c.isdigit()), url
