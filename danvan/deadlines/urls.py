"""URLs of deadlines (public, under /thoi-han/)."""

from django.urls import path

from danvan.deadlines import views

app_name = "deadlines"
urlpatterns = [
    path("", views.calculator, name="calculator"),
    path("quy-dinh/", views.rules, name="rules"),
    path("lich/<int:year>/", views.calendar, name="calendar"),
]
