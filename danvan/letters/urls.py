"""URLs of letters (mounted at /don-thu/)."""

from django.urls import path

from danvan.letters.views import files, letters, notices, public, reception

app_name = "letters"
urlpatterns = [
    path("", letters.letter_list, name="list"),
    path("tiep-nhan/", letters.intake, name="intake"),
    path("tiep-cong-dan/", reception.register, name="register"),
    path("tiep-cong-dan/xuat.xlsx", reception.register_export, name="register_export"),
    path("tiep-cong-dan/<int:pk>/tra-loi/", reception.entry_answer, name="entry_answer"),
    path("tiep-cong-dan/<int:pk>/nguoi-to-cao/", reception.entry_identity, name="entry_identity"),
    path("lich-tiep-dan/", reception.sessions, name="sessions"),
    path("lich-tiep-dan/<int:pk>/", reception.session_mark, name="session_mark"),
    path("gui/", public.submit, name="public_submit"),
    path("gui/da-gui/", public.done, name="public_done"),
    path("cong-khai/", public.index, name="public_index"),
    path("cong-khai/lich-tiep-dan/<str:unit_code>/", public.schedule, name="public_schedule"),
    path("cong-khai/thong-ke/<str:unit_code>/", public.statistics, name="public_stats"),
    path("don/<str:code>/", letters.detail, name="detail"),
    path("don/<str:code>/phan-loai/", letters.classify, name="classify"),
    path("don/<str:code>/xu-ly/", letters.decide, name="decide"),
    path("don/<str:code>/tra-loi/", letters.answer, name="answer"),
    path("don/<str:code>/loai-don/", letters.correct_kind, name="correct_kind"),
    path("don/<str:code>/khieu-nai/", letters.complaint_action, name="complaint_action"),
    path("don/<str:code>/to-cao/", letters.denunciation_action, name="denunciation_action"),
    path("don/<str:code>/nguoi-to-cao/", letters.identity, name="identity"),
    path("don/<str:code>/tep/<int:pk>/", files.attachment, name="attachment"),
    path("don/<str:code>/van-ban/<slug:key>.<str:fmt>", notices.notice, name="notice"),
]
