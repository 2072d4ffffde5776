"""Public tracking URLs, meant to be mounted at /tra-cuu/ by the root URLconf."""

from django.urls import path

from danvan.cases import views_public

app_name = "tracking"
urlpatterns = [
    path("", views_public.track_form, name="form"),
    path("<str:code>/", views_public.track, name="detail"),
]
