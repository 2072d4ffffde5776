"""Territory pages: provinces, communes, villages. The administrators' editing pages are
mounted at the same prefix by ``accounts`` (``accounts.territory_urls``): who may edit is a
matter of roles, which territory does not know."""

from django.urls import path

from danvan.territory import views

app_name = "territory"
urlpatterns = [
    path("", views.provinces, name="provinces"),
    path("tinh/<str:code>/", views.province_detail, name="province"),
    path("xa/<str:code>/", views.unit_detail, name="unit"),
    path("truoc-2025/<str:code>/", views.legacy_unit_detail, name="legacy_unit"),
]
