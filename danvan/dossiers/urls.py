"""URLs of the one-stop shop (mounted at /mot-cua/)."""

from django.urls import path

from danvan.dossiers.views import catalogue, desk, officer, provincial, public

app_name = "dossiers"
urlpatterns = [
    path("", officer.home, name="home"),
    path("tiep-nhan/", officer.receive, name="receive"),
    path("ho-so/<str:code>/", officer.detail, name="detail"),
    path("ho-so/<str:code>/mau-<str:form>.<str:fmt>", officer.paper, name="paper"),
    path("ho-so/<str:code>/<slug:action>/", officer.act, name="act"),
    path("so-theo-doi/", officer.book, name="book"),
    path("thiet-lap/", desk.desk_units, name="desk_units"),
    path("thiet-lap/<str:code>/", desk.desk_settings, name="desk_settings"),
    path("thiet-lap/<str:code>/thu-tuc/", desk.desk_procedures_view, name="desk_procedures"),
    path("nhap-tu-tinh/", provincial.provincial_units, name="provincial_units"),
    path("nhap-tu-tinh/tep-mau.csv", provincial.provincial_example, name="provincial_example"),
    path("nhap-tu-tinh/<str:code>/", provincial.provincial_import, name="provincial_import"),
    path("thu-tuc/", catalogue.procedures, name="procedures"),
    path("thu-tuc/them/", catalogue.procedure_create, name="procedure_create"),
    path("thu-tuc/nhap/", catalogue.procedures_import, name="procedures_import"),
    path("thu-tuc/<str:code>/sua/", catalogue.procedure_edit, name="procedure_edit"),
    path("cong-khai/", public.index, name="public_index"),
    path("cong-khai/thu-tuc/", public.procedures, name="public_procedures"),
    path("cong-khai/thu-tuc/<str:code>/", public.procedure, name="public_procedure"),
    path("cong-khai/danh-gia/<str:code>/", public.rate, name="public_rate"),
]
