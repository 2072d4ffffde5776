from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "danvan.core"
    label = "core"
    verbose_name = "Lõi / Core"

    def ready(self) -> None:
        from django.core.checks import register

        from danvan.core.checks import sqlite_version_check

        register(sqlite_version_check)

        from danvan.core import contributions

        contributions.register()
