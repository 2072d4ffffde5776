from django.urls import path

from tests.kindapp import views

app_name = "kindapp"
urlpatterns = [path("<str:code>/", views.status, name="status")]
