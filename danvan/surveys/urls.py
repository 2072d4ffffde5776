"""Officers' survey pages (/khao-sat/) and the citizens' web form."""

from django.urls import path

from danvan.surveys import views

app_name = "surveys"

urlpatterns = [
    path("", views.home, name="home"),
]
