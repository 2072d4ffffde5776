"""URLs of cases (mounted at /ho-so-viec/)."""

from django.urls import path

from danvan.cases import views, views_outbox, views_public

app_name = "cases"
urlpatterns = [
    path("", views.queue, name="queue"),
    # Public tracking also answers here (the first address it had; tests and printed links
    # may use it); /tra-cuu/ is the address on slips.
    path("tra-cuu/", views_public.track_form, name="track_form"),
    path("tra-cuu/<str:code>/", views_public.track, name="track"),
    # Before the case page: "tin-nhan" is never a case code (codes have a unit's digits).
    path("tin-nhan/", views_outbox.outbox, name="outbox"),
    path("<str:code>/", views.detail, name="detail"),
    path("<str:code>/<slug:action>/", views.act, name="act"),
]
