"""Territory pages: provinces, communes, villages."""

from django.urls import path

from danvan.territory import views

app_name = "territory"
urlpatterns = [
    path("", views.provinces, name="provinces"),
    path("xa/<str:code>/", views.unit_detail, name="unit"),
]
