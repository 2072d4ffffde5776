"""Officers' sign-in, second factor, account, officers and audit-log pages."""

from django.contrib.auth import views as auth_views
from django.urls import path

from danvan.accounts.views import account, audit, officers, signin

app_name = "accounts"
urlpatterns = [
    path("", account.account, name="account"),
    path("dang-nhap/", signin.login_view, name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("xac-thuc/", signin.two_factor_view, name="two_factor"),
    path("xac-thuc/thiet-lap/", signin.two_factor_enrol, name="two_factor_enrol"),
    path("ma-du-phong/", signin.backup_codes_new, name="backup_codes_new"),
    path("doi-mat-khau/", account.change_password, name="password_change"),
    path("khoa-api/", account.token_create, name="token_create"),
    path("khoa-api/<int:pk>/thu-hoi/", account.token_revoke, name="token_revoke"),
    path("can-bo/", officers.officer_units, name="officer_units"),
    path("can-bo/nhap-tu-tep/", officers.officers_import_view, name="officers_import"),
    path("can-bo/<str:code>/", officers.officers, name="officers"),
    path(
        "can-bo/<str:code>/vai-tro/<int:pk>/xoa/",
        officers.membership_delete,
        name="membership_delete",
    ),
    path("nhat-ky/", audit.audit_log, name="audit_log"),
]
