import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_home_renders_in_vietnamese(client):
    response = client.get(reverse("portal:home"))
    assert response.status_code == 200
    assert 'lang="vi"' in response.content.decode()
