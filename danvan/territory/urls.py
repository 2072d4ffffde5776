"""Territory pages: provinces, communes, villages; administrators' editing pages."""

from django.urls import path

from danvan.territory import officer_views, views

app_name = "territory"
urlpatterns = [
    path("", views.provinces, name="provinces"),
    path("tinh/<str:code>/", views.province_detail, name="province"),
    path("xa/<str:code>/", views.unit_detail, name="unit"),
    path("truoc-2025/<str:code>/", views.legacy_unit_detail, name="legacy_unit"),
    # Administrators of a unit (admin or leader role there).
    path("quan-ly/", officer_views.my_units, name="my_units"),
    path("xa/<str:code>/sua/", officer_views.unit_edit, name="unit_edit"),
    path("xa/<str:code>/thon/them/", officer_views.village_add, name="village_add"),
    path("xa/<str:code>/thon/nhap/", officer_views.village_import, name="village_import"),
    path("thon/<int:pk>/sua/", officer_views.village_edit, name="village_edit"),
    path("thon/<int:pk>/xoa/", officer_views.village_delete, name="village_delete"),
]
