"""Root URLs. Each app mounts its own prefix through ``registries.url_mounts`` (registered in
its ``contributions.register()``), so adding an app never edits this file. Only the
project-wide pieces are named here: the portal (the home page, at the right end of the import
order), language switching, the JSON API and the admin."""

from django.contrib import admin
from django.urls import include, path

from danvan.core.registry import registries
from danvan.portal.views import security_txt


def _app_mounts() -> list:  # type: ignore[type-arg]
    mounts = sorted(registries.url_mounts, key=lambda m: (m.order, m.key))
    return [path(m.prefix, include(m.urlconf)) for m in mounts]


urlpatterns = [
    path(".well-known/security.txt", security_txt, name="security_txt"),
    path("", include("danvan.portal.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    *_app_mounts(),
    path("api/v1/", include("danvan.api.urls")),
    path("quan-tri/", admin.site.urls),
]

# Uploaded files (citizens' attachments) are never served from MEDIA_URL, not even in
# development: they are personal data and go out only through views that check access
# and log the reading (e.g. letters' attachment view). Do not map /media/ in the proxy.
