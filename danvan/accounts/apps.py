from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "danvan.accounts"
    label = "accounts"
    verbose_name = "Cán bộ và vai trò / Officers and roles"

    def ready(self) -> None:
        from danvan.accounts import contributions

        contributions.register()
