"""A commune's administrators' pages for its attributes and villages, mounted at ``dia-ban/``
beside territory's public pages (same paths as before they moved here)."""

from django.urls import path

from danvan.accounts.views import territory

app_name = "unit_admin"
urlpatterns = [
    # Administrators of a unit (admin or leader role there).
    path("quan-ly/", territory.my_units, name="my_units"),
    path("xa/<str:code>/sua/", territory.unit_edit, name="unit_edit"),
    path("xa/<str:code>/thon/them/", territory.village_add, name="village_add"),
    path("xa/<str:code>/thon/nhap/", territory.village_import, name="village_import"),
    path("thon/<int:pk>/sua/", territory.village_edit, name="village_edit"),
    path("thon/<int:pk>/xoa/", territory.village_delete, name="village_delete"),
]
