"""URLs of dissemination, training and coordination (mounted at /tuyen-truyen/)."""

from django.urls import path

from danvan.outreach import (
    views,
    views_coordination,
    views_models,
    views_party,
    views_supervision,
    views_training,
)

app_name = "outreach"
urlpatterns = [
    path("", views.home, name="home"),
    path("xa/<str:code>/", views.campaigns, name="campaigns"),
    path("xa/<str:code>/them/", views.campaign_new, name="campaign_new"),
    path("xa/<str:code>/ngon-ngu-thon/", views.village_languages, name="village_languages"),
    path("xa/<str:code>/ke-hoach/<int:year>/", views.plan, name="plan"),
    path("xa/<str:code>/boi-duong/", views_training.coverage, name="training"),
    path("xa/<str:code>/boi-duong/ghi-nhan/", views_training.record, name="training_record"),
    path("xa/<str:code>/boi-duong/nhap/", views_training.import_attendance, name="training_import"),
    path("chung-nhan/<int:attendance_id>.pdf", views_training.certificate, name="certificate"),
    path("xa/<str:code>/dan-van-kheo/", views_models.model_list, name="models"),
    path("xa/<str:code>/dan-van-kheo/dang-ky/", views_models.model_new, name="model_new"),
    path("dan-van-kheo/<int:model_id>/", views_models.model_detail, name="model"),
    path("dan-van-kheo/", views_models.gallery, name="gallery"),
    path("tiep-dan-bi-thu/", views_party.home, name="party_home"),
    path("xa/<str:code>/tiep-dan-bi-thu/", views_party.page, name="party_reception"),
    path("xa/<str:code>/giam-sat/", views_supervision.supervisions, name="supervisions"),
    path(
        "giam-sat/<int:supervision_id>/", views_supervision.supervision_detail, name="supervision"
    ),
    path("xa/<str:code>/phoi-hop/", views_coordination.programmes, name="programmes"),
    path("phoi-hop/<int:programme_id>/", views_coordination.programme_detail, name="programme"),
    path(
        "phoi-hop/<int:programme_id>/nhiem-vu/<int:task_id>/hoan-thanh/",
        views_coordination.task_done,
        name="task_done",
    ),
    path("chien-dich/<int:campaign_id>/", views.campaign_detail, name="campaign"),
    path("chien-dich/<int:campaign_id>/lien-quan/", views.campaign_related, name="related"),
    path("chien-dich/<int:campaign_id>/buoi/them/", views.session_new, name="session_new"),
    path(
        "chien-dich/<int:campaign_id>/noi-dung/<str:language>/",
        views.version_edit,
        name="version_edit",
    ),
]
