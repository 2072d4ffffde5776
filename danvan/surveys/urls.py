"""Officers' survey pages (/khao-sat/) and the web form (officers, enumerators, citizens)."""

from django.urls import path

from danvan.surveys import views, views_webform

app_name = "surveys"

urlpatterns = [
    path("", views.home, name="home"),
    path("tai-len/", views.upload, name="upload"),
    path("dieu-tra-vien/", views.credentials, name="credentials"),
    path("<str:code>/", views.detail, name="detail"),
    path("<str:code>/phieu/", views.submissions, name="submissions"),
    path("<str:code>/xuat.<str:fmt>", views.export, name="export"),
    path("<str:code>/phan-cong/", views.assignments, name="assignments"),
    path("<str:code>/nhap-phieu/", views_webform.start, name="start"),
    path("tra-loi/<str:code>/", views_webform.public_start, name="public_start"),
    path("nhap/<str:token>/<int:page>/", views_webform.fill, name="fill"),
    path("nhap/<str:token>/xong/", views_webform.fill_done, name="fill_done"),
]
