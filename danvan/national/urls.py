"""The national page, mounted at /danh-gia/toan-quoc/ (beside the evaluation's pages)."""

from django.urls import path

from danvan.national import views

app_name = "national"
urlpatterns = [path("", views.overview, name="overview")]
