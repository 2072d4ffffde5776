"""OpenRosa under /openrosa/ (see views_openrosa)."""

from django.urls import path

from danvan.surveys import views_openrosa as views

app_name = "openrosa"

urlpatterns = [
    path("formList", views.form_list, name="form_list"),
    path("forms/<str:code>/form.xml", views.form_xml, name="form_xml"),
    path("forms/<str:code>/manifest", views.manifest, name="manifest"),
    path("forms/<str:code>/media/<str:name>", views.media, name="media"),
    path("submission", views.submission, name="submission"),
]
