"""Public portal URLs."""

from django.urls import path

from danvan.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("can-bo/", views.officer_home, name="officer_home"),
]
