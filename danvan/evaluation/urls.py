"""Evaluation URLs."""

from django.urls import path

from danvan.evaluation import views

app_name = "evaluation"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("chi-so/", views.indicator_catalogue, name="catalogue"),
    path("phuong-phap/", views.method_page, name="method"),
    path("xa/<str:code>/", views.commune, name="commune"),
    path("nhan-dinh/<int:pk>/", views.review, name="review"),
]
