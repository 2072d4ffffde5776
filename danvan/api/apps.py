from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "danvan.api"
    label = "api"

    def ready(self) -> None:
        from danvan.api import contributions

        contributions.register()
