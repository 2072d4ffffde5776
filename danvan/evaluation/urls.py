"""Evaluation URLs."""

from django.urls import path

from danvan.evaluation import views

app_name = "evaluation"
urlpatterns = [path("chi-so/", views.indicator_catalogue, name="catalogue")]
