"""Root URLs. Each app owns its prefix."""

from django.contrib import admin
from django.urls import include, path

from danvan.portal.views import security_txt

urlpatterns = [
    path(".well-known/security.txt", security_txt, name="security_txt"),
    path("", include("danvan.portal.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("tai-khoan/", include("danvan.accounts.urls")),
    path("dia-ban/", include("danvan.territory.urls")),
    path("thoi-han/", include("danvan.deadlines.urls")),
    path("ho-so-viec/", include("danvan.cases.urls")),
    path("tra-cuu/", include("danvan.cases.public_urls")),
    path("mot-cua/", include("danvan.dossiers.urls")),
    path("don-thu/", include("danvan.letters.urls")),
    path("danh-gia/", include("danvan.evaluation.urls")),
    path("api/v1/", include("danvan.api.urls")),
    path("open311/v2/", include("danvan.letters.open311.urls")),
    path("quan-tri/", admin.site.urls),
]

# Uploaded files (citizens' attachments) are never served from MEDIA_URL, not even in
# development: they are personal data and go out only through views that check access
# and log the reading (e.g. letters' attachment view). Do not map /media/ in the proxy.
