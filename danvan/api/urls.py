"""The JSON API under /api/v1/: django-ninja, OpenAPI 3.1 at /api/v1/openapi.json.

Each app owns a router in its ``api.py`` and registers it in ``registries.api_routers``; this
app, at the right end of the import order, mounts them in their order and turns every error
into ``{"code": ..., "message": ...}``. Adding an app never edits this file.
"""

from __future__ import annotations

from importlib import import_module

from django.urls import URLPattern, path, re_path
from ninja import NinjaAPI

from danvan.core.api_errors import install_error_handlers, not_found_view, with_json_refusals
from danvan.core.registry import registries

api = NinjaAPI(
    title="danvan API",
    version="1",
    description=(
        "API của danvan — dân vận chính quyền cấp xã. Officers authenticate with "
        "`Authorization: Bearer <token>` (see `python manage.py create_api_token`)."
    ),
    urls_namespace="api-v1",
    docs_url="/docs",
)
install_error_handlers(api)
for _mount in sorted(registries.api_routers, key=lambda m: (m.order, m.key)):
    api.add_router("", import_module(_mount.module).router)

# Every answer under /api/v1/ is JSON, also where ninja's own routing answers: a path no
# operation matches falls through to a JSON 404, a method none declares gets a JSON 405.
_patterns, _app_name, _namespace = api.urls
for _pattern in _patterns:
    if isinstance(_pattern, URLPattern):
        _pattern.callback = with_json_refusals(_pattern.callback)
_patterns.append(re_path(r"^.*$", not_found_view, name="not_found"))

urlpatterns = [path("", (_patterns, _app_name, _namespace))]
