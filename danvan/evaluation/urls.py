"""Evaluation URLs."""

from django.urls import path

from danvan.evaluation import method_views, views
from danvan.evaluation.reports import views as reports
from danvan.evaluation.study import views as study
from danvan.evaluation.yearly import public as scoring_public
from danvan.evaluation.yearly import views as scoring

app_name = "evaluation"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("chi-so/", views.indicator_catalogue, name="catalogue"),
    path("phuong-phap/", views.method_page, name="method"),
    path("phuong-phap/sua/", method_views.method_edit, name="method_edit"),
    path("xa/<str:code>/", views.commune, name="commune"),
    path("nhan-dinh/<int:pk>/", views.review, name="review"),
    # The yearly scoring (Decision 1878-QĐ/TU's pattern).
    path("cham-diem/", scoring.home, name="scoring"),
    path("cham-diem/mau-tieu-chi.xlsx", scoring.template_download, name="scoring_template"),
    path("cham-diem/<int:year>/", scoring.framework_page, name="scoring_year"),
    path("cham-diem/<int:year>/ket-qua/", scoring.results_page, name="scoring_results"),
    path(
        "cham-diem/<int:year>/xa/<str:code>/",
        scoring.assessment_page,
        name="scoring_assessment",
    ),
    # The published decision, for everyone (no login; 404 until published).
    path("cong-khai/cham-diem/", scoring_public.published_index, name="scoring_public_index"),
    path(
        "cong-khai/cham-diem/<str:province_code>/<int:year>/",
        scoring_public.province_results,
        name="scoring_public",
    ),
    path("cham-diem/lich-su/<str:code>/", scoring.history_page, name="scoring_history"),
    path("cham-diem/minh-chung/<int:pk>/", scoring.evidence_download, name="scoring_evidence"),
    path("so-lieu-nam/", study.import_page, name="study_import"),
    path("bao-cao/", reports.reports_page, name="reports"),
    path("bao-cao/<int:pk>/", reports.report_page, name="report"),
    path("bao-cao/<int:pk>/tai-ve/", reports.report_download, name="report_download"),
]
