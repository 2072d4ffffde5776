from django.urls import path

from danvan.democracy.views import households, officer, public, supervision

app_name = "democracy"

urlpatterns = [
    # Officers
    path("", officer.home, name="home"),
    path("xa/<str:code>/", officer.unit_home, name="unit_home"),
    path("xa/<str:code>/bieu-quyet/tao/", officer.decision_new, name="decision_new"),
    path("bieu-quyet/<int:pk>/", officer.decision_detail, name="decision_detail"),
    path("bieu-quyet/<int:pk>/ghi-phieu/", officer.vote_record, name="vote_record"),
    path(
        "bieu-quyet/<int:pk>/thong-bao.<str:fmt>", officer.decision_notice, name="decision_notice"
    ),
    path("bieu-quyet/<int:pk>/gui-ket-qua/", officer.decision_report_view, name="decision_report"),
    path(
        "bieu-quyet/<int:pk>/cong-nhan/", officer.decision_recognise_view, name="decision_recognise"
    ),
    path("thon/<int:pk>/ho-gia-dinh/", households.village_households, name="village_households"),
    path("xa/<str:code>/lay-y-kien/tao/", officer.consultation_new, name="consultation_new"),
    path("lay-y-kien/<int:pk>/", officer.consultation_detail, name="consultation_detail"),
    path("lay-y-kien/<int:pk>/y-kien/", officer.comment_enter, name="comment_enter"),
    path(
        "lay-y-kien/<int:pk>/y-kien/<int:comment>/tiep-thu/",
        officer.comment_respond_view,
        name="comment_respond",
    ),
    path("lay-y-kien/<int:pk>/cong-bo/", officer.synthesis_publish_view, name="synthesis_publish"),
    path("xa/<str:code>/cong-khai/tao/", officer.disclosure_new, name="disclosure_new"),
    path("xa/<str:code>/cong-khai/tuan-thu/", officer.compliance, name="compliance"),
    path(
        "xa/<str:code>/cong-khai/danh-muc-quy.docx", officer.quarterly_list, name="quarterly_list"
    ),
    path("cong-khai/<int:pk>/", officer.disclosure_detail, name="disclosure_detail"),
    path("xa/<str:code>/niem-yet/", officer.posting_list, name="posting_list"),
    path("cong-khai/<int:pk>/niem-yet/", officer.posting_confirm_view, name="posting_confirm"),
    path("niem-yet/<int:pk>/go/", officer.posting_end_view, name="posting_end"),
    path("xa/<str:code>/giam-sat/", supervision.boards, name="boards"),
    path("ban/<int:pk>/", supervision.board_detail, name="board_detail"),
    path("kien-nghi/<int:pk>/tra-loi/", supervision.answer, name="recommendation_answer"),
    # Residents (no login, no JavaScript needed)
    path("cong-dan/", public.home, name="public_home"),
    path("cong-dan/xa/<str:code>/", public.unit, name="public_unit"),
    path("cong-dan/thon/<int:pk>/", public.village, name="public_village"),
    path("cong-dan/van-ban/<int:pk>/", public.document, name="public_document"),
    path("cong-dan/lay-y-kien/<int:pk>/", public.consultation, name="public_consultation"),
    path("cong-dan/bieu-quyet/", public.vote, name="public_vote"),
    path("cong-dan/bien-nhan/", public.receipt, name="public_receipt"),
]
