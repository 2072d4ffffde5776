"""Results pages of surveys, mounted at /khao-sat/ket-qua/."""

from django.urls import path

from danvan.surveys.results import views

app_name = "surveys_results"

urlpatterns = [
    path("<str:code>/", views.results, name="results"),
    path("<str:code>/tinh-lai/", views.recompute, name="recompute"),
    path("<str:code>/xuat.<str:fmt>", views.export, name="export"),
    path("<str:code>/ke-hoach/", views.plan, name="plan"),
    path("<str:code>/ke-hoach/danh-sach.<str:fmt>", views.plan_file, name="plan_file"),
]
