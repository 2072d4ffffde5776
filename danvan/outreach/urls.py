"""URLs of dissemination, training and coordination (mounted at /tuyen-truyen/)."""

from django.urls import path

from danvan.outreach import views

app_name = "outreach"
urlpatterns = [
    path("", views.home, name="home"),
    path("xa/<str:code>/", views.campaigns, name="campaigns"),
    path("xa/<str:code>/them/", views.campaign_new, name="campaign_new"),
    path("xa/<str:code>/ngon-ngu-thon/", views.village_languages, name="village_languages"),
    path("xa/<str:code>/ke-hoach/<int:year>/", views.plan, name="plan"),
    path("chien-dich/<int:campaign_id>/", views.campaign_detail, name="campaign"),
    path("chien-dich/<int:campaign_id>/buoi/them/", views.session_new, name="session_new"),
    path(
        "chien-dich/<int:campaign_id>/noi-dung/<str:language>/",
        views.version_edit,
        name="version_edit",
    ),
]
