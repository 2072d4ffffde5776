"""URLs of engagement, mounted at /doi-thoai/ through ``registries.url_mounts``."""

from django.urls import path

from danvan.engagement import views, views_public

app_name = "engagement"
urlpatterns = [
    # citizens
    path("cong-khai/", views_public.index, name="public_index"),
    path("cong-khai/<str:code>/", views_public.unit_page, name="public_unit"),
    path("cong-khai/<str:code>/kien-nghi-cu-tri/", views_public.petitions, name="public_petitions"),
    path("cong-khai/<str:code>/<int:pk>/", views_public.dialogue, name="public_dialogue"),
    path(
        "cong-khai/<str:code>/<int:pk>/da-gui/",
        views_public.question_done,
        name="public_question_done",
    ),
    # officers
    path("", views.home, name="home"),
    path("<str:code>/", views.unit_page, name="unit"),
    path("<str:code>/moi/", views.dialogue_new, name="dialogue_new"),
    path("<str:code>/<int:pk>/", views.dialogue_detail, name="dialogue"),
    path("<str:code>/<int:pk>/hoi/<int:qpk>/tra-loi/", views.question_answer, name="answer"),
    path("<str:code>/<int:pk>/<slug:action>/", views.dialogue_act, name="dialogue_act"),
    path(
        "<str:code>/cam-ket/<str:case_code>/hoan-thanh/",
        views.commitment_complete,
        name="commitment_complete",
    ),
    path("<str:code>/kien-nghi/", views.petitions, name="petitions"),
    path("<str:code>/kien-nghi/hoi-nghi/", views.meeting_new, name="meeting_new"),
    path("<str:code>/kien-nghi/moi/", views.petition_new, name="petition_new"),
    path("<str:code>/kien-nghi/<str:case_code>/", views.petition_detail, name="petition"),
]
