from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "danvan.accounts"
    label = "accounts"
    verbose_name = "Cán bộ và vai trò / Officers and roles"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from danvan.accounts import contributions, passwords

        contributions.register()
        user_logged_in.connect(
            passwords.remember_at_sign_in, dispatch_uid="accounts.must_change_password"
        )
